import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { FileLocation } from '../../location/file-location';

// The options of every step kind, in one module that imports no step: `WorkflowStep`'s static
// factories take them, and each kind's module (which extends `WorkflowStep`) reads its own.

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
