/**
 * COPY: the file is copied to an S3 location with its tags
 * (https://docs.aws.amazon.com/transfer/latest/userguide/nominal-steps-workflow.html#copy-step-details).
 * A destination key ending with `/` is a folder the file keeps its name in; any other key is the copy's
 * name. Unless `OverwriteExisting` is TRUE, a file of that name at the destination fails the step with
 * ALREADY_EXISTS. Copy steps work on S3 files only: an EFS file answers BAD_REQUEST.
 */
import { s3Arn } from '../requests';
import { ExecutionErrorType } from '../results';
import { FileRef } from '../store';
import { failed, fileName, inFolder, notFound, permissionDenied, placeOutputs, StepEnvironment, StepKind, StepOutcome, substitute, TemplateStep } from './context';

export const COPY: StepKind = {
  run(env: StepEnvironment, step: TemplateStep, input: FileRef): StepOutcome {
    if (input.domain !== 'S3') {
      return failed(ExecutionErrorType.BAD_REQUEST, `Copy steps copy Amazon S3 files only; ${input.path} is a file of Amazon EFS file system ${input.fileSystemId}.`);
    }
    const location = step.s3Destination;
    if (location === undefined) return failed(ExecutionErrorType.BAD_REQUEST, 'The copy step has no S3 destination.');
    const destination: FileRef = { domain: 'S3', bucket: location.bucket, key: inFolder(substitute(env, location.key), fileName(input)) };
    for (const bucket of [input.bucket, destination.bucket]) {
      if (env.bucketRegion(bucket) !== env.region) {
        return failed(ExecutionErrorType.BAD_REQUEST, `Bucket ${bucket} is in ${env.bucketRegion(bucket)}: the buckets a workflow uses must be in its region, ${env.region}.`);
      }
    }
    const s3 = env.s3;
    const read = [...s3.get(input.bucket, input.key), ...s3.getTagging(input.bucket, input.key)];
    if (s3.versioned(input.bucket)) {
      read.push({ action: 's3:GetObjectVersion', resource: s3Arn(input.bucket, input.key) });
      read.push({ action: 's3:GetObjectVersionTagging', resource: s3Arn(input.bucket, input.key) });
    }
    const readDenied = env.request(read);
    if (readDenied) return permissionDenied(env, readDenied);
    const source = env.store.get(input);
    if (!source) return notFound(input);
    if (step.overwrite !== 'TRUE') {
      const listDenied = env.request(s3.list(destination.bucket, destination.key));
      if (listDenied) return permissionDenied(env, listDenied);
      if (env.store.exists(destination)) {
        return failed(ExecutionErrorType.ALREADY_EXISTS,
          `A file named ${fileName(destination)} already exists at s3://${destination.bucket}/${destination.key}, and the step does not overwrite existing files (OverwriteExisting is FALSE).`);
      }
    }
    const writeDenied = env.request([...s3.put(destination.bucket, destination.key), ...s3.putTagging(destination.bucket, destination.key)]);
    if (writeDenied) return permissionDenied(env, writeDenied);
    env.store.put(destination, source.body, source.tags, s3.versioned(destination.bucket));
    return { outputs: placeOutputs(env, destination), produced: destination };
  },
};
