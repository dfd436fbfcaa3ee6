/**
 * DECRYPT: a PGP-encrypted file is decrypted to an S3 or EFS location
 * (https://docs.aws.amazon.com/transfer/latest/userguide/nominal-steps-workflow.html#decrypt-step-details)
 * with the uploading user's PGP private key, which the server keeps in Secrets Manager as
 * `aws/transfer/<server-id>/<user-name>`, or `aws/transfer/<server-id>/@pgp-default`
 * (https://docs.aws.amazon.com/transfer/latest/userguide/key-management.html#pgp-key-management).
 * The destination must be in the same region and storage as the source
 * (https://docs.aws.amazon.com/transfer/latest/userguide/transfer-workflows.html, restrictions).
 *
 * A folder destination (ending with `/`) keeps the file's name without its `.gpg`, `.pgp` or `.asc`
 * extension. The content is the simulator's stand-in (`SimulatedPgp`): a body that is not one fails the
 * step with BAD_REQUEST.
 */
import { decryptStandIn } from '../pgp';
import { IamRequest } from '../requests';
import { ExecutionErrorType } from '../results';
import { FileRef } from '../store';
import { failed, fileName, inFolder, notFound, permissionDenied, placeOutputs, StepEnvironment, StepKind, StepOutcome, substitute, TemplateStep } from './context';

/** The extensions of PGP-encrypted files, removed from the decrypted file's name. */
const PGP_EXTENSION = /\.(gpg|pgp|asc)$/i;

/** The name of the server's default PGP key secret. */
const DEFAULT_KEY = '@pgp-default';

export const DECRYPT: StepKind = {
  run(env: StepEnvironment, step: TemplateStep, input: FileRef): StepOutcome {
    const name = fileName(input).replace(PGP_EXTENSION, '');
    const destination: FileRef | undefined = step.s3Destination
      ? { domain: 'S3', bucket: step.s3Destination.bucket, key: inFolder(substitute(env, step.s3Destination.key), name) }
      : step.efsDestination
        ? { domain: 'EFS', fileSystemId: step.efsDestination.fileSystemId, path: inFolder(substitute(env, step.efsDestination.path), name) }
        : undefined;
    if (destination === undefined) return failed(ExecutionErrorType.BAD_REQUEST, 'The decrypt step has no destination.');
    if (destination.domain !== input.domain) {
      return failed(ExecutionErrorType.BAD_REQUEST,
        `The decrypt step's destination is in Amazon ${destination.domain} but the file is in Amazon ${input.domain}: the destination must be in the same storage as the source.`);
    }
    for (const f of [input, destination]) {
      if (f.domain === 'S3' && env.bucketRegion(f.bucket) !== env.region) {
        return failed(ExecutionErrorType.BAD_REQUEST, `Bucket ${f.bucket} is in ${env.bucketRegion(f.bucket)}: the buckets a workflow uses must be in its region, ${env.region}.`);
      }
    }
    const readDenied = env.request(readRequests(env, input));
    if (readDenied) return permissionDenied(env, readDenied);
    const source = env.store.get(input);
    if (!source) return notFound(input);

    // The user's own key, else the server's default key.
    const keys = env.hasPgpKey(env.userName) ? [env.userName] : [env.userName, DEFAULT_KEY];
    const secretDenied = env.request(keys.map((k) => ({ action: 'secretsmanager:GetSecretValue', resource: env.pgpSecretArn(k) })));
    if (secretDenied) return permissionDenied(env, secretDenied);
    if (!keys.some((k) => env.hasPgpKey(k))) {
      return failed(ExecutionErrorType.NOT_FOUND,
        `Secrets Manager can't find the specified secret. (Service: SecretsManager, Error Code: ResourceNotFoundException) Neither aws/transfer/${env.serverId}/${env.userName} nor aws/transfer/${env.serverId}/${DEFAULT_KEY} exists.`);
    }
    const cleartext = decryptStandIn(source.body);
    if (cleartext === undefined) {
      return failed(ExecutionErrorType.BAD_REQUEST,
        `${env.label(input)} is not an OpenPGP message the user's key decrypts (in the simulation: a body made with SimulatedPgp.encrypt()).`);
    }
    if (step.overwrite !== 'TRUE') {
      if (destination.domain === 'S3') {
        const listDenied = env.request(env.s3.list(destination.bucket, destination.key));
        if (listDenied) return permissionDenied(env, listDenied);
      }
      if (env.store.exists(destination)) {
        return failed(ExecutionErrorType.ALREADY_EXISTS,
          `A file named ${fileName(destination)} already exists at ${env.label(destination)}, and the step does not overwrite existing files (OverwriteExisting is FALSE).`);
      }
    }
    const writeDenied = env.request(destination.domain === 'S3'
      ? env.s3.put(destination.bucket, destination.key)
      : efsRequests(env, destination.fileSystemId, true));
    if (writeDenied) return permissionDenied(env, writeDenied);
    env.store.put(destination, cleartext, {}, destination.domain === 'S3' && env.s3.versioned(destination.bucket));
    return { outputs: placeOutputs(env, destination), produced: destination };
  },
};

function readRequests(env: StepEnvironment, input: FileRef): IamRequest[] {
  if (input.domain === 'EFS') return efsRequests(env, input.fileSystemId, false);
  const requests = env.s3.get(input.bucket, input.key);
  if (env.s3.versioned(input.bucket)) requests.push({ action: 's3:GetObjectVersion', resource: requests[0].resource });
  return requests;
}

function efsRequests(env: StepEnvironment, fileSystemId: string, write: boolean): IamRequest[] {
  const actions = write ? ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'] : ['elasticfilesystem:ClientMount'];
  return actions.map((action) => ({ action, resource: env.fileSystemArn(fileSystemId) }));
}
