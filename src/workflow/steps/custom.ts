import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { API, CFN, knownNumber, knownText, StepConfig, stepRules, WorkflowStep } from './base';
import { CustomStepOptions, WorkflowStepOptions } from './options';
import { invalid, optionalDuration, requireMembers } from '../../private/input';
import { quote } from '../../validation/rules';

/**
 * A CUSTOM step: the service invokes a Lambda function (the target) and waits for its report. The
 * workflow lets the target report (`SendWorkflowStepState`) and its execution role invoke it.
 */
export abstract class CallbackStep extends WorkflowStep {
  /** How long the step waits for the report. */
  public abstract readonly timeout?: Duration;

  constructor(label: string, where: string, options: WorkflowStepOptions) {
    super('CUSTOM', label, where, options);
  }

  /** The step with `target` as the function the service invokes. */
  protected callbackConfig(target: lambda.IFunction): StepConfig {
    return {
      target,
      // The function acts on the file, with its own role.
      actsOnFile: false,
      render: (name) => this.render(name, target),
      identity: () => ({ type: this.stepType, source: this.source, target: target.functionArn, timeout: this.timeoutSeconds() }),
      grant: (permissions) => permissions.allow(target.functionArn, ['lambda:InvokeFunction']),
    };
  }

  /** The timeout in seconds as the template holds it (a number token when the duration's amount is one). */
  public timeoutSeconds(): number | undefined {
    return this.timeout === undefined ? undefined : this.timeout.toSeconds({ integral: false });
  }

  private render(name: string, target: lambda.IFunction): CfnWorkflow.WorkflowStepProperty {
    return {
      type: 'CUSTOM',
      customStepDetails: { Name: name, SourceFileLocation: this.source, Target: target.functionArn, TimeoutSeconds: this.timeoutSeconds() },
    };
  }
}

/** CUSTOM: invokes a Lambda function and waits for its report. */
export class CustomStep extends CallbackStep {
  public readonly function: lambda.IFunction;
  public readonly timeout?: Duration;

  constructor(options: CustomStepOptions) {
    const where = 'WorkflowStep.custom()';
    super('custom', where, options);
    // The workflow renders its ARN as the target and grants it SendWorkflowStepState.
    this.function = requireMembers(where, 'function', options.function, 'a lambda.IFunction', ['functionArn', 'grantPrincipal']);
    this.timeout = stepTimeout(where, options.timeout);
  }

  /** @internal */
  public _bind(): StepConfig {
    return this.callbackConfig(this.function);
  }
}

/** A custom step's timeout: a `Duration` whose seconds the template can hold (a token only as `Duration.seconds()`). */
export function stepTimeout(where: string, value: unknown): Duration | undefined {
  const timeout = optionalDuration(where, 'timeout', value);
  if (timeout === undefined) return undefined;
  try {
    timeout.toSeconds({ integral: false });
  } catch {
    invalid(where, 'timeout', 'a Duration convertible to seconds (for a token amount, `Duration.seconds(amount)`)', value);
  }
  return timeout;
}

const LAMBDA_ARN = /^arn:[a-z-]+:lambda:.*$/;

/** The rules of custom steps (`WorkflowStep.custom()` and `runStateMachine()`). */
export const CUSTOM_RULES = stepRules(['CUSTOM'], [
  {
    id: 'workflow/custom-timeout',
    severity: 'error',
    summary: 'A custom step\'s timeout is 1 to 1800 whole seconds.',
    reason: 'The service waits 1 to 1800 seconds for a custom step\'s report',
    source: `${API}/API_CustomStepDetails.html`,
    fix: 'pass a `timeout` from Duration.seconds(1) to Duration.minutes(30); for longer work, report SUCCESS early and go on outside the workflow',
    check: (e) => {
      const seconds = knownNumber(e.subject.timeoutSeconds);
      if (seconds === undefined) return [];
      return seconds >= 1 && seconds <= 1800 && Number.isInteger(seconds) ? [] : [`${e.label} has a timeout of ${seconds} seconds`];
    },
  },
  {
    id: 'workflow/custom-target',
    severity: 'error',
    summary: 'A custom step\'s target is a Lambda function ARN of at most 170 characters.',
    reason: 'The service invokes a Lambda function, version or alias, given by an ARN matching arn:[a-z-]+:lambda:.* of at most 170 characters',
    source: `${API}/API_CustomStepDetails.html; ${CFN}/aws-properties-transfer-workflow-customstepdetails.html`,
    fix: 'pass a Lambda function (`lambda.Function.fromFunctionArn(this, id, arn)` with a function, version or alias ARN) as `function`',
    check: (e) => {
      const target = knownText(e.subject.target);
      if (target === undefined) return [];
      const out: string[] = [];
      if (!LAMBDA_ARN.test(target)) out.push(`${e.label} targets ${quote(target)}, which is not a Lambda ARN`);
      if (target.length > 170) out.push(`${e.label} targets an ARN of ${target.length} characters`);
      return out;
    },
  },
]);
