/**
 * DELETE: the file is deleted
 * (https://docs.aws.amazon.com/transfer/latest/userguide/nominal-steps-workflow.html#delete-step-details),
 * in S3 or in EFS. A file that is not there is NOT_FOUND.
 */
import { FileRef } from '../store';
import { notFound, permissionDenied, StepEnvironment, StepKind, StepOutcome, TemplateStep } from './context';

export const DELETE: StepKind = {
  run(env: StepEnvironment, _step: TemplateStep, input: FileRef): StepOutcome {
    const requests = input.domain === 'S3'
      ? env.s3.delete(input.bucket, input.key)
      : ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'].map((action) => ({ action, resource: env.fileSystemArn(input.fileSystemId) }));
    const denied = env.request(requests);
    if (denied) return permissionDenied(env, denied);
    if (!env.store.exists(input)) return notFound(input);
    env.store.delete(input);
    return { outputs: {} };
  },
};
