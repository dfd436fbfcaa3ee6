import { Duration, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { stateMachineBridge } from './workflow-bridge';
import { BoundStep, PREVIOUS_FILE, StepSpec } from './workflow-spec';
import { FileLocation } from '../location/file-location';
import { BUCKET_MEMBERS, FILE_SYSTEM_MEMBERS } from '../location/members';
import { invalid, optionalBoolean, optionalDuration, optionalMembers, optionalString, requireMembers, requireObject, requireString } from '../private/input';

/** Which file a step works on. */
export enum SourceFile {
  /**
   * The file the previous step produced: the copy or decrypted file after a copy or decrypt step,
   * otherwise the same file the previous step worked on (the upload, for the first step).
   */
  PREVIOUS = '${previous.file}',
  /** The file as it was uploaded, whatever the steps before did. */
  ORIGINAL = '${original.file}',
}

/** Options every step has. */
export interface WorkflowStepOptions {
  /**
   * The step's name, at most 30 letters, digits, `_` and `-`, unique in the workflow.
   *
   * @default - generated from the step's type and position, e.g. `copy-1` or `exception-tag-2`
   */
  readonly name?: string;
  /**
   * The file the step works on.
   *
   * @default SourceFile.PREVIOUS
   */
  readonly source?: SourceFile;
}

/** Options of `WorkflowStep.copy()`. */
export interface CopyStepOptions extends WorkflowStepOptions {
  /**
   * Where the copy goes, in S3. A key ending with `/` is a folder the file is copied into under its own
   * name; any other key is the name of the copy. `${transfer:UserName}` and `${transfer:UploadDate}`
   * (YYYY-MM-DD, UTC) are replaced when the step runs; no other variable, and no `*` or `?`, may be in the
   * key (the execution role names it as an IAM resource, where they would be wildcards).
   */
  readonly destination: FileLocation;
  /**
   * Replace a file of the same name at the destination. Otherwise the step fails with ALREADY_EXISTS.
   *
   * @default false
   */
  readonly overwriteExisting?: boolean;
}

/** Options of `WorkflowStep.tag()`. */
export interface TagStepOptions extends WorkflowStepOptions {
  /** 1 to 10 S3 object tags: keys of 1 to 128 and values of up to 256 letters, digits, spaces and `_ . : / = + - @`. */
  readonly tags: Record<string, string>;
}

/** Options of `WorkflowStep.custom()`. */
export interface CustomStepOptions extends WorkflowStepOptions {
  /**
   * The function the step invokes (a function, version or alias). It must report SUCCESS or FAILURE with
   * `transfer:SendWorkflowStepState`, which the workflow grants it; until it does, the step waits.
   */
  readonly function: lambda.IFunction;
  /**
   * How long the step waits for the function's report, 1 second to 30 minutes; then the step fails
   * with TIMEOUT and the exception steps run.
   *
   * @default - the service default
   */
  readonly timeout?: Duration;
}

/** Options of `WorkflowStep.runStateMachine()`. */
export interface RunStateMachineStepOptions extends WorkflowStepOptions {
  /**
   * The state machine to start for each file. Its input is a `TransferStepInput`; it reports back with
   * `TransferStepCallback.success()` / `.failure()`, given this workflow in `workflows`.
   */
  readonly stateMachine: sfn.IStateMachine;
  /**
   * How long the step waits for the state machine's report, 1 second to 30 minutes; then the step fails
   * with TIMEOUT and the exception steps run.
   *
   * @default - the service default
   */
  readonly timeout?: Duration;
}

/** Options of `WorkflowStep.decrypt()`. */
export interface DecryptStepOptions extends WorkflowStepOptions {
  /**
   * Where the decrypted file goes, in S3 or EFS. A key or path ending with `/` is a folder; the
   * destination may use `${transfer:UserName}` and `${transfer:UploadDate}` (an S3 key no other variable,
   * and no `*` or `?`: the execution role names it as an IAM resource).
   */
  readonly destination: FileLocation;
  /**
   * Replace a file of the same name at the destination. Otherwise the step fails with ALREADY_EXISTS.
   *
   * @default false
   */
  readonly overwriteExisting?: boolean;
  /**
   * The KMS key that encrypts the PGP private key secrets (`aws/transfer/<server-id>/<user-name>` or
   * `aws/transfer/<server-id>/@pgp-default`), when it is a customer managed key: the execution role may
   * then decrypt with it through Secrets Manager.
   *
   * @default - the secrets use the AWS managed key of Secrets Manager
   */
  readonly pgpKeySecretsKey?: kms.IKey;
}

/**
 * A step of a Transfer Family workflow. Steps are made with the static methods and given to a
 * `Workflow` (`steps`, `onException`, `addStep()`, `addExceptionStep()`); the workflow's execution role
 * gets exactly the permissions its steps need.
 */
export class WorkflowStep {
  /** Copy the file to an S3 location (COPY). */
  public static copy(options: CopyStepOptions): WorkflowStep {
    const where = 'WorkflowStep.copy()';
    return new WorkflowStep({
      kind: 'COPY',
      label: 'copy',
      ...common(where, options),
      destination: requireLocation(where, 'destination', options.destination),
      overwriteExisting: optionalBoolean(where, 'overwriteExisting', options.overwriteExisting),
    });
  }

  /** Add S3 object tags to the file (TAG). */
  public static tag(options: TagStepOptions): WorkflowStep {
    const where = 'WorkflowStep.tag()';
    return new WorkflowStep({ kind: 'TAG', label: 'tag', ...common(where, options), tags: requireTags(where, 'tags', options.tags) });
  }

  /** Invoke a Lambda function and wait for its report (CUSTOM). */
  public static custom(options: CustomStepOptions): WorkflowStep {
    const where = 'WorkflowStep.custom()';
    return new WorkflowStep({
      kind: 'CUSTOM',
      label: 'custom',
      ...common(where, options),
      // The workflow renders its ARN as the target and grants it SendWorkflowStepState.
      function: requireMembers(where, 'function', options.function, 'a lambda.IFunction', ['functionArn', 'grantPrincipal']),
      timeout: stepTimeout(where, options.timeout),
    });
  }

  /**
   * Start a Step Functions state machine for the file and wait for its report (a CUSTOM step).
   *
   * The step's target is a small function shipped with this library (one per stack and state machine)
   * that starts an execution with a `TransferStepInput` and reports FAILURE if it cannot. The function
   * may start that state machine (with its KMS key, for an `EncryptedStateMachine`) and report to this
   * workflow; give the state machine's `TransferStepCallback` states this workflow in `workflows` so it
   * may report too.
   */
  public static runStateMachine(options: RunStateMachineStepOptions): WorkflowStep {
    const where = 'WorkflowStep.runStateMachine()';
    return new WorkflowStep({
      kind: 'CUSTOM',
      label: 'state-machine',
      ...common(where, options),
      // The bridge function is named after the state machine's node and may start it.
      stateMachine: requireMembers(where, 'stateMachine', options.stateMachine, 'an sfn.IStateMachine', ['stateMachineArn', 'grantStartExecution', 'node']),
      timeout: stepTimeout(where, options.timeout),
    });
  }

  /** Decrypt a PGP-encrypted file to an S3 or EFS location (DECRYPT). */
  public static decrypt(options: DecryptStepOptions): WorkflowStep {
    const where = 'WorkflowStep.decrypt()';
    return new WorkflowStep({
      kind: 'DECRYPT',
      label: 'decrypt',
      ...common(where, options),
      destination: requireLocation(where, 'destination', options.destination),
      overwriteExisting: optionalBoolean(where, 'overwriteExisting', options.overwriteExisting),
      secretsKey: optionalMembers(where, 'pgpKeySecretsKey', options.pgpKeySecretsKey, 'a kms.IKey', ['keyArn']),
    });
  }

  /** Delete the file (DELETE). */
  public static delete(options: WorkflowStepOptions = {}): WorkflowStep {
    return new WorkflowStep({ kind: 'DELETE', label: 'delete', ...common('WorkflowStep.delete()', options) });
  }

  /** The step type: COPY, CUSTOM, DECRYPT, DELETE or TAG. */
  public readonly stepType: string;
  /** The name given to the step, if any (otherwise the workflow generates one). */
  public readonly name?: string;
  /** The file the step works on. */
  public readonly source: SourceFile;

  /** @internal */
  public readonly _spec: StepSpec;

  private constructor(spec: StepSpec) {
    this._spec = spec;
    this.stepType = spec.kind;
    this.name = spec.name;
    this.source = spec.source as SourceFile;
  }

  /**
   * The step as one workflow uses it: a `runStateMachine` step gets its bridge function in the
   * workflow's stack.
   *
   * @internal
   */
  public _bind(workflow: Construct): BoundStep {
    const spec = this._spec;
    if (spec.stateMachine) return { spec, target: stateMachineBridge(workflow, spec.stateMachine) };
    return { spec, target: spec.function };
  }
}

/**
 * The options every step has, checked: `options` is an object, `name` a string, `source` a string (which
 * of the two files it names, the `workflow/source-file` rule judges).
 */
function common(where: string, options: WorkflowStepOptions): { name?: string; source: string } {
  requireObject(where, 'options', options);
  return {
    name: optionalString(where, 'name', options.name),
    source: optionalString(where, 'source', options.source) ?? PREVIOUS_FILE,
  };
}

/**
 * `value` is a `FileLocation` (`FileLocation.s3()` or `FileLocation.efs()`, which check their bucket or
 * file system). A location with neither, from JavaScript, renders no destination: the rules say so.
 */
function requireLocation(where: string, prop: string, value: unknown): FileLocation {
  const location = requireMembers(where, prop, value as FileLocation, 'a FileLocation (`FileLocation.s3(bucket, key)` or `FileLocation.efs(fileSystem, path)`)', ['isS3']);
  optionalMembers(where, `${prop}.bucket`, location.bucket, 'an s3.IBucket', BUCKET_MEMBERS);
  optionalMembers(where, `${prop}.fileSystem`, location.fileSystem, 'an efs.IFileSystem', FILE_SYSTEM_MEMBERS);
  return location;
}

/** `value` maps tag keys to string values. Keys and values are judged by the `workflow/tag-*` rules. */
function requireTags(where: string, prop: string, value: unknown): Record<string, string> {
  // A token is no map of tags: the template needs each key and value.
  if (Token.isUnresolved(value)) invalid(where, prop, 'an object of tag keys and values (not a token)', value);
  const tags = requireObject(where, prop, value as Record<string, string>);
  for (const [key, v] of Object.entries(tags)) requireString(where, `${prop}[${JSON.stringify(key)}]`, v);
  return tags;
}

/** A custom step's timeout: a `Duration` whose seconds the template can hold (a token only as `Duration.seconds()`). */
function stepTimeout(where: string, value: unknown): Duration | undefined {
  const timeout = optionalDuration(where, 'timeout', value);
  if (timeout === undefined) return undefined;
  try {
    timeout.toSeconds({ integral: false });
  } catch {
    invalid(where, 'timeout', 'a Duration convertible to seconds (for a token amount, `Duration.seconds(amount)`)', value);
  }
  return timeout;
}
