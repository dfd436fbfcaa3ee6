/**
 * What the custom steps of a simulated workflow report: the simulator runs no Lambda function and no
 * state machine, it is told what each one would report.
 */

/**
 * What a custom step's function (or a `runStateMachine` step's state machine) reports with
 * `SendWorkflowStepState`. See https://docs.aws.amazon.com/transfer/latest/APIReference/API_SendWorkflowStepState.html
 */
export enum CustomStepStatus {
  /** `Status: SUCCESS`: the workflow goes on with the next step. */
  SUCCESS = 'SUCCESS',
  /** `Status: FAILURE`: the step fails with CUSTOM_STEP_FAILED and the exception steps run. */
  FAILURE = 'FAILURE',
  /** No report: the step fails with TIMEOUT once its timeout has passed, and the exception steps run. */
  NO_REPORT = 'NO_REPORT',
}

/** What a custom step reports. */
export interface CustomStepOutcome {
  /** SUCCESS, FAILURE, or no report at all (TIMEOUT). */
  readonly status: CustomStepStatus;
}

/** The execution a custom step belongs to (`serviceMetadata.executionDetails` of the step's event). */
export interface CustomStepExecutionDetails {
  /** The workflow id, as deployed (a stand-in `w-...` for a workflow of the app). */
  readonly workflowId: string;
  /** The execution id. */
  readonly executionId: string;
}

/** The upload that started the execution (`serviceMetadata.transferDetails` of the step's event). */
export interface CustomStepTransferDetails {
  /** The session id. */
  readonly sessionId: string;
  /** The user who uploaded the file. */
  readonly userName: string;
  /** The server id. */
  readonly serverId: string;
}

/** The service metadata of a custom step's event. */
export interface CustomStepServiceMetadata {
  /** The execution. */
  readonly executionDetails: CustomStepExecutionDetails;
  /** The upload. */
  readonly transferDetails: CustomStepTransferDetails;
}

/** The file a custom step works on (`fileLocation` of the step's event). */
export interface CustomStepFileLocation {
  /** `S3` or `EFS`. */
  readonly domain: string;
  /**
   * The bucket (S3).
   *
   * @default - an EFS file
   */
  readonly bucket?: string;
  /**
   * The key (S3).
   *
   * @default - an EFS file
   */
  readonly key?: string;
  /**
   * The object's entity tag (S3).
   *
   * @default - an EFS file
   */
  readonly eTag?: string;
  /**
   * The object's version (S3, versioned buckets).
   *
   * @default - not versioned
   */
  readonly versionId?: string;
  /**
   * The file system (EFS).
   *
   * @default - an S3 object
   */
  readonly fileSystemId?: string;
  /**
   * The path (EFS).
   *
   * @default - an S3 object
   */
  readonly path?: string;
}

/**
 * What a custom step is given: the event Transfer Family sends the step's Lambda function
 * (https://docs.aws.amazon.com/transfer/latest/userguide/custom-step-details.html, "Example events sent
 * to AWS Lambda upon file upload"), plus the file's content, which a real function would read itself.
 */
export interface CustomStepInput {
  /** The step's name. */
  readonly stepName: string;
  /** The callback token. */
  readonly token: string;
  /** The execution and the upload. */
  readonly serviceMetadata: CustomStepServiceMetadata;
  /** The file the step works on. */
  readonly fileLocation: CustomStepFileLocation;
  /**
   * The file's content, as the simulation holds it.
   *
   * @default - the file does not exist (a step after the file was deleted)
   */
  readonly body?: string;
  /**
   * The object's tags.
   *
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * Decides what a custom step reports, given its input. Implement it for a decision that depends on the
 * file, the user or the execution:
 *
 * ```ts
 * CustomStepBehavior.fromHandler({
 *   handle: (input) => ({ status: input.body?.includes('EICAR') ? CustomStepStatus.FAILURE : CustomStepStatus.SUCCESS }),
 * });
 * ```
 */
export interface ICustomStepHandler {
  /** What the step reports for this input. */
  handle(input: CustomStepInput): CustomStepOutcome;
}

/**
 * What a custom or `runStateMachine` step of a simulated workflow reports, by step name in
 * `WorkflowSimulatorProps.customSteps`.
 *
 * Where a TypeScript-only API would take a function (`scan: () => ({ status: 'SUCCESS' })`), this library
 * takes one of these, because jsii (which makes the library usable from Python, Java, .NET and Go) has
 * no function types: `CustomStepBehavior.succeed()`, `.fail()`, `.timeOut()`, or
 * `CustomStepBehavior.fromHandler({ handle: (input) => ({ status: ... }) })`.
 */
export abstract class CustomStepBehavior {
  /** The step reports SUCCESS. */
  public static succeed(): CustomStepBehavior {
    return new FixedBehavior(CustomStepStatus.SUCCESS);
  }

  /** The step reports FAILURE: it fails with CUSTOM_STEP_FAILED. */
  public static fail(): CustomStepBehavior {
    return new FixedBehavior(CustomStepStatus.FAILURE);
  }

  /** The step never reports: it fails with TIMEOUT (as a step with no behaviour given does). */
  public static timeOut(): CustomStepBehavior {
    return new FixedBehavior(CustomStepStatus.NO_REPORT);
  }

  /**
   * The step reports what `handler` decides for its input. An exception thrown by the handler rejects
   * the `upload()` promise (it is a bug of the test, not an outcome of the step).
   */
  public static fromHandler(handler: ICustomStepHandler): CustomStepBehavior {
    if (handler === null || typeof handler !== 'object' || typeof (handler as ICustomStepHandler).handle !== 'function') {
      throw new Error('CustomStepBehavior.fromHandler(): `handler` must be an object with a `handle(input)` method.');
    }
    return new HandlerBehavior(handler);
  }

  /** What the step reports for `input`. */
  public abstract outcome(input: CustomStepInput): CustomStepOutcome;
}

class FixedBehavior extends CustomStepBehavior {
  constructor(private readonly status: CustomStepStatus) {
    super();
  }

  public outcome(_input: CustomStepInput): CustomStepOutcome {
    return { status: this.status };
  }
}

class HandlerBehavior extends CustomStepBehavior {
  constructor(private readonly handler: ICustomStepHandler) {
    super();
  }

  public outcome(input: CustomStepInput): CustomStepOutcome {
    const outcome = this.handler.handle(input);
    const status = outcome?.status;
    if (!Object.values(CustomStepStatus).includes(status)) {
      throw new Error(`CustomStepBehavior.fromHandler(): the handler of step ${input.stepName} returned ${JSON.stringify(outcome)}; `
        + 'expected { status: CustomStepStatus.SUCCESS | FAILURE | NO_REPORT }.');
    }
    return outcome;
  }
}
