/**
 * TAG: S3 object tags are added to the file's own
 * (https://docs.aws.amazon.com/transfer/latest/userguide/nominal-steps-workflow.html#tag-step-details).
 * Only S3 files can be tagged: an EFS file answers BAD_REQUEST, as `DescribeExecution`'s documentation
 * says (https://docs.aws.amazon.com/transfer/latest/APIReference/API_ExecutionError.html). An object has at
 * most 10 tags (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html).
 */
import { s3Arn } from '../requests';
import { ExecutionErrorType } from '../results';
import { FileRef } from '../store';
import { failed, notFound, permissionDenied, StepEnvironment, StepKind, StepOutcome, TemplateStep } from './context';

/** The most tags an S3 object can have. */
const MAX_OBJECT_TAGS = 10;

export const TAG: StepKind = {
  run(env: StepEnvironment, step: TemplateStep, input: FileRef): StepOutcome {
    if (input.domain !== 'S3') {
      return failed(ExecutionErrorType.BAD_REQUEST, `Only Amazon S3 files can be tagged; ${input.path} is a file of Amazon EFS file system ${input.fileSystemId}.`);
    }
    const s3 = env.s3;
    const requests = [...s3.getTagging(input.bucket, input.key), ...s3.putTagging(input.bucket, input.key)];
    if (s3.versioned(input.bucket)) requests.push({ action: 's3:PutObjectVersionTagging', resource: s3Arn(input.bucket, input.key) });
    const denied = env.request(requests);
    if (denied) return permissionDenied(env, denied);
    const current = env.store.get(input);
    if (!current) return notFound(input);
    const applied: Record<string, string> = {};
    for (const t of step.tags ?? []) applied[t.key] = t.value;
    const merged = { ...current.tags, ...applied };
    if (Object.keys(merged).length > MAX_OBJECT_TAGS) {
      return failed(ExecutionErrorType.BAD_REQUEST,
        `Object tags cannot be greater than ${MAX_OBJECT_TAGS}. (Service: S3, Status Code: 400, Error Code: BadRequest) The object has ${Object.keys(current.tags).length} tags; the step adds ${Object.keys(applied).length}.`);
    }
    env.store.setTags(input, merged);
    return { outputs: applied };
  },
};
