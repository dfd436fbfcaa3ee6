/**
 * What a simulated workflow execution reports, in the shape of Transfer Family's `DescribeExecution`
 * (https://docs.aws.amazon.com/transfer/latest/APIReference/API_DescribeExecution.html). A leaf file:
 * data only.
 */

/**
 * The status of an execution, as `DescribeExecution` reports it once the execution has ended.
 * See https://docs.aws.amazon.com/transfer/latest/APIReference/API_DescribedExecution.html
 */
export enum ExecutionStatus {
  /** Every step succeeded. */
  COMPLETED = 'COMPLETED',
  /** A step failed: the exception steps ran (when there are any), and the steps after the failed one did not. */
  EXCEPTION = 'EXCEPTION',
  /**
   * No execution started: Transfer Family starts no workflow for a file of size 0
   * (https://docs.aws.amazon.com/transfer/latest/userguide/transfer-workflows.html, "Managed workflows
   * restrictions and limitations"). Not a status of `DescribeExecution`: there is no execution to describe.
   */
  NOT_STARTED = 'NOT_STARTED',
}

/**
 * The error types a workflow step reports (`ExecutionError.Type`).
 * See https://docs.aws.amazon.com/transfer/latest/APIReference/API_ExecutionError.html
 */
export enum ExecutionErrorType {
  /** A copy or decrypt step without overwrite found a file of the same name at its destination. */
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  /** A general bad request, for example a step that tags or copies an EFS file (only S3 files can be). */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The custom step reported FAILURE. */
  CUSTOM_STEP_FAILED = 'CUSTOM_STEP_FAILED',
  /** A catch-all error (the simulator produces none). */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** A requested entity does not exist, for example the source file of a step. */
  NOT_FOUND = 'NOT_FOUND',
  /** The execution role may not make one of the step's requests. */
  PERMISSION_DENIED = 'PERMISSION_DENIED',
  /** A custom step was not reported in time. */
  TIMEOUT = 'TIMEOUT',
  /** New executions came faster than the service starts them (a burst of 100, then one per second). */
  THROTTLED = 'THROTTLED',
}

/** Why a step failed (`ExecutionError`). */
export interface StepError {
  /** One of `ExecutionErrorType`. */
  readonly type: string;
  /** What went wrong, in the words of the service that answered where they are documented. */
  readonly message: string;
}

/** One step of a simulated execution (`ExecutionStepResult`), in the order the steps ran. */
export interface StepResult {
  /** COPY, CUSTOM, DECRYPT, DELETE or TAG (a `runStateMachine` step is a CUSTOM step). */
  readonly stepType: string;
  /** The step's name, as the workflow's template holds it (`copy-1`, or the name given). */
  readonly name: string;
  /**
   * What the step did. For TAG, the tags it applied (what `DescribeExecution`'s `Outputs` holds). For
   * COPY and DECRYPT, where the file it wrote is: `bucket` and `key` (S3) or `fileSystemId` and `path`
   * (EFS), and `object`, its key in `run.objects` (or `run.files`). For CUSTOM, the `status` reported.
   * Empty for DELETE and for a step that failed.
   */
  readonly outputs: Record<string, string>;
  /**
   * Why the step failed.
   *
   * @default - the step succeeded
   */
  readonly error?: StepError;
}

/** An S3 object (or an EFS file) of the simulation. */
export interface SimulatedObject {
  /** The object's content, as text. */
  readonly body: string;
  /**
   * The object's S3 tags (EFS files have none).
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
}

/** One AWS request a step made with the execution role, and how it was decided. */
export interface SimulatedRequest {
  /** The name of the step that made it. */
  readonly step: string;
  /** Whether the step was one of the exception steps. */
  readonly exceptionStep: boolean;
  /** The action, e.g. `s3:PutObject`. */
  readonly action: string;
  /** The ARN of the resource. */
  readonly resource: string;
  /** The request context keys of the service (`kms:ViaService`, `s3:prefix`, ...), multi-valued ones joined by `,`. */
  readonly context: Record<string, string>;
  /** Whether it was allowed. */
  readonly allowed: boolean;
  /** The evaluator's decision: `Allowed`, `ImplicitlyDenied` or `ExplicitlyDenied`. */
  readonly decision: string;
}
