/**
 * CUSTOM (and `WorkflowStep.runStateMachine()`, a custom step whose function starts the state machine):
 * the service invokes the step's Lambda function and waits for `SendWorkflowStepState`
 * (https://docs.aws.amazon.com/transfer/latest/userguide/custom-step-details.html). FAILURE fails the step
 * with CUSTOM_STEP_FAILED; no report before the step's timeout fails it with TIMEOUT. The step writes no
 * file: the next step's `${previous.file}` is this step's input.
 */
import { CustomStepStatus } from '../custom-step';
import { ExecutionErrorType } from '../results';
import { FileRef } from '../store';
import { failed, permissionDenied, StepEnvironment, StepKind, StepOutcome, TemplateStep } from './context';

export const CUSTOM: StepKind = {
  run(env: StepEnvironment, step: TemplateStep, input: FileRef): StepOutcome {
    const denied = env.request([{ action: 'lambda:InvokeFunction', resource: step.target ?? '' }]);
    if (denied) return permissionDenied(env, denied);
    const behavior = env.customBehavior(step.name);
    const timeout = step.timeoutSeconds === undefined ? 'its timeout' : `its timeout of ${step.timeoutSeconds} seconds`;
    if (behavior === undefined) {
      return failed(ExecutionErrorType.TIMEOUT, `The custom step was not reported (SendWorkflowStepState) within ${timeout}.`);
    }
    const stored = env.store.get(input);
    const outcome = behavior.outcome({
      stepName: step.name,
      token: Buffer.from(`${env.executionId}/${step.name}`).toString('base64'),
      serviceMetadata: {
        executionDetails: { workflowId: env.workflowId, executionId: env.executionId },
        transferDetails: { sessionId: env.sessionId, userName: env.userName, serverId: env.serverId },
      },
      fileLocation: input.domain === 'S3'
        ? { domain: 'S3', bucket: input.bucket, key: input.key, eTag: stored?.eTag, versionId: stored?.versionId }
        : { domain: 'EFS', fileSystemId: input.fileSystemId, path: input.path },
      body: stored?.body,
      tags: stored ? { ...stored.tags } : undefined,
    });
    switch (outcome.status) {
      case CustomStepStatus.SUCCESS:
        return { outputs: { status: 'SUCCESS' } };
      case CustomStepStatus.FAILURE:
        return failed(ExecutionErrorType.CUSTOM_STEP_FAILED, 'The custom step reported FAILURE (SendWorkflowStepState Status=FAILURE).');
      default:
        return failed(ExecutionErrorType.TIMEOUT, `The custom step was not reported (SendWorkflowStepState) within ${timeout}.`);
    }
  },
};
