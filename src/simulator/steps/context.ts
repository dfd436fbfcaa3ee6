/**
 * What every simulated step kind is given and returns. Types only, and the few helpers every step uses.
 */
import { CustomStepBehavior } from '../custom-step';
import { IamRequest, S3Requests } from '../requests';
import { ExecutionErrorType, StepError } from '../results';
import { FileRef, FileStore } from '../store';

/** A step as the workflow's template holds it, in one shape for every step type. */
export interface TemplateStep {
  /** COPY, CUSTOM, DECRYPT, DELETE or TAG. */
  readonly type: string;
  readonly name: string;
  /** `${previous.file}` or `${original.file}`. */
  readonly source: string;
  readonly s3Destination?: { readonly bucket: string; readonly key: string };
  readonly efsDestination?: { readonly fileSystemId: string; readonly path: string };
  /** `TRUE`, `FALSE`, or absent (FALSE). */
  readonly overwrite?: string;
  readonly tags?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /** The Lambda function a custom step invokes. */
  readonly target?: string;
  readonly timeoutSeconds?: number;
}

/** A request that was denied, and how. */
export interface Denial {
  readonly request: IamRequest;
  readonly decision: string;
}

/** What a step sees of the execution it runs in. */
export interface StepEnvironment {
  readonly store: FileStore;
  readonly s3: S3Requests;
  readonly userName: string;
  /** YYYY-MM-DD (UTC). */
  readonly uploadDate: string;
  readonly workflowId: string;
  readonly executionId: string;
  readonly sessionId: string;
  readonly serverId: string;
  /** The region of the workflow (its buckets must be in it). */
  readonly region: string;
  /** The session ARN of the execution role, for messages. */
  readonly sessionArn: string;
  /** Make `requests` with the execution role: each is decided and recorded; the first denied one, if any. */
  request(requests: IamRequest[]): Denial | undefined;
  /** The region of a bucket (its stack's for a bucket of the app, the workflow's otherwise). */
  bucketRegion(bucket: string): string;
  /** The ARN of an EFS file system. */
  fileSystemArn(fileSystemId: string): string;
  /** What the custom step of this name reports, if the simulator was told. */
  customBehavior(stepName: string): CustomStepBehavior | undefined;
  /** Whether the server holds a PGP private key secret for this user (or `@pgp-default`). */
  hasPgpKey(name: string): boolean;
  /** The secret ARN of a PGP private key of the server. */
  pgpSecretArn(name: string): string;
  /** The key of a file in `run.objects` / `run.files`. */
  label(f: FileRef): string;
}

/** What a step did. */
export interface StepOutcome {
  readonly outputs: Record<string, string>;
  readonly error?: StepError;
  /** The file the step wrote (copy, decrypt): `${previous.file}` of the next step. */
  readonly produced?: FileRef;
}

/** A kind of step: how it runs on its input file. */
export interface StepKind {
  run(env: StepEnvironment, step: TemplateStep, input: FileRef): StepOutcome;
}

/** A failed step. */
export function failed(type: ExecutionErrorType, message: string): StepOutcome {
  return { outputs: {}, error: { type, message } };
}

/** The step's request was denied: PERMISSION_DENIED, in the words of IAM's access denied messages. */
export function permissionDenied(env: StepEnvironment, denial: Denial): StepOutcome {
  const { action, resource } = denial.request;
  const why = denial.decision === 'ExplicitlyDenied'
    ? 'with an explicit deny in a policy'
    : `because no ${action.startsWith('kms:') ? 'identity-based or key' : 'identity-based'} policy allows the ${action} action`;
  return failed(ExecutionErrorType.PERMISSION_DENIED, `User: ${env.sessionArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`);
}

/** The step's file does not exist: NOT_FOUND. */
export function notFound(f: FileRef): StepOutcome {
  return failed(ExecutionErrorType.NOT_FOUND, f.domain === 'S3'
    ? `The specified key does not exist. (Service: S3, Status Code: 404, Error Code: NoSuchKey) Bucket: ${f.bucket}, Key: ${f.key}`
    : `No such file or directory: ${f.path} in file system ${f.fileSystemId}`);
}

/** The last segment of a key or path: the file's name. */
export function fileName(f: FileRef): string {
  const whole = f.domain === 'S3' ? f.key : f.path;
  return whole.split('/').pop() ?? whole;
}

/**
 * A destination key or path with `${transfer:UserName}` and `${transfer:UploadDate}` replaced (the API
 * reference writes them `${Transfer:...}`; both spellings are replaced).
 */
export function substitute(env: StepEnvironment, template: string): string {
  return template
    .replace(/\$\{[Tt]ransfer:UserName\}/g, env.userName)
    .replace(/\$\{[Tt]ransfer:UploadDate\}/g, env.uploadDate);
}

/** A folder destination (empty, or ending with `/`) keeps `name`; any other names the file. */
export function inFolder(destination: string, name: string): string {
  return destination === '' || destination.endsWith('/') ? `${destination}${name}` : destination;
}

/** Where `label` writes the file's key in outputs. */
export function placeOutputs(env: StepEnvironment, f: FileRef): Record<string, string> {
  return f.domain === 'S3'
    ? { bucket: f.bucket, key: f.key, object: env.label(f) }
    : { fileSystemId: f.fileSystemId, path: f.path, object: env.label(f) };
}
