/**
 * One workflow execution: the steps in order, each on `${previous.file}` or `${original.file}`; at the
 * first failure the remaining steps are skipped and the exception steps run, one by one, until one fails
 * (https://docs.aws.amazon.com/transfer/latest/userguide/create-workflow.html,
 * https://docs.aws.amazon.com/transfer/latest/userguide/transfer-workflows.html#exception-workflow).
 *
 * `${previous.file}` is what the step before wrote (a copy or decrypt destination), otherwise the file
 * that step worked on; a custom step writes nothing
 * (https://docs.aws.amazon.com/transfer/latest/userguide/custom-step-details.html). The exception steps
 * start from the `${previous.file}` of the step that failed.
 */
import { AccessDecision } from './access';
import { IamRequest } from './requests';
import { ExecutionErrorType, ExecutionStatus, SimulatedRequest, StepResult } from './results';
import { StepEnvironment, TemplateStep } from './steps/context';
import { STEP_KINDS } from './steps/index';
import { FileRef } from './store';

/** What an execution is given besides its steps: a step's environment, without its request recorder. */
export type ExecutionServices = Omit<StepEnvironment, 'request'> & {
  /** Decide one request with the execution role. */
  decide(request: IamRequest): AccessDecision;
};

/** What an execution reports. */
export interface ExecutionRecord {
  readonly status: ExecutionStatus;
  readonly steps: StepResult[];
  readonly onExceptionSteps: StepResult[];
  readonly requests: SimulatedRequest[];
}

const ORIGINAL_FILE = '${original.file}';

/** Run the steps on `upload`. */
export function execute(services: ExecutionServices, steps: TemplateStep[], exceptionSteps: TemplateStep[], upload: FileRef): ExecutionRecord {
  const requests: SimulatedRequest[] = [];
  let current: { name: string; exceptionStep: boolean } = { name: '', exceptionStep: false };
  const env: StepEnvironment = {
    ...services,
    request: (list) => {
      for (const request of list) {
        const decision = services.decide(request);
        requests.push({
          step: current.name,
          exceptionStep: current.exceptionStep,
          action: request.action,
          resource: request.resource,
          context: flatten(request.context),
          allowed: decision.allowed,
          decision: decision.result,
        });
        if (!decision.allowed) return { request, decision: decision.result };
      }
      return undefined;
    },
  };

  const run = (list: TemplateStep[], exceptionStep: boolean, previous: FileRef) => {
    const results: StepResult[] = [];
    for (const step of list) {
      current = { name: step.name, exceptionStep };
      const input = step.source === ORIGINAL_FILE ? upload : previous;
      const kind = STEP_KINDS[step.type];
      const outcome = kind
        ? kind.run(env, step, input)
        : { outputs: {}, error: { type: ExecutionErrorType.BAD_REQUEST, message: `Step type ${step.type} is not one of COPY, CUSTOM, DECRYPT, DELETE and TAG.` } };
      results.push({ stepType: step.type, name: step.name, outputs: outcome.outputs, error: outcome.error });
      if (outcome.error) return { results, failedWith: previous };
      previous = outcome.produced ?? input;
    }
    return { results, failedWith: undefined };
  };

  const main = run(steps, false, upload);
  if (main.failedWith === undefined) return { status: ExecutionStatus.COMPLETED, steps: main.results, onExceptionSteps: [], requests };
  const handlers = run(exceptionSteps, true, main.failedWith);
  return { status: ExecutionStatus.EXCEPTION, steps: main.results, onExceptionSteps: handlers.results, requests };
}

/** A throttled execution: its first step reports THROTTLED, and no step runs. */
export function throttled(steps: TemplateStep[]): ExecutionRecord {
  const first = steps[0];
  return {
    status: ExecutionStatus.EXCEPTION,
    steps: first === undefined ? [] : [{
      stepType: first.type,
      name: first.name,
      outputs: {},
      error: {
        type: ExecutionErrorType.THROTTLED,
        message: 'The rate of new executions was exceeded (the service starts a burst of 100 executions, then one per second).',
      },
    }],
    onExceptionSteps: [],
    requests: [],
  };
}

function flatten(context: IamRequest['context']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(context ?? {})) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}
