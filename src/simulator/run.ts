import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SimulatedObject, SimulatedRequest, StepResult } from './results';
import { RunData } from './run-data';

/**
 * One simulated execution of a workflow, as `DescribeExecution` would report it
 * (https://docs.aws.amazon.com/transfer/latest/APIReference/API_DescribeExecution.html), with the files
 * the run left behind and every request its steps made.
 */
export class WorkflowRun {
  /** @internal */
  public static _of(data: RunData): WorkflowRun {
    return new WorkflowRun(data);
  }

  /** The execution id (a stand-in, the same on every run of a test). */
  public readonly executionId: string;
  /**
   * `COMPLETED` when every step succeeded, `EXCEPTION` when one failed (`ExecutionStatus`); `NOT_STARTED`
   * for a file of size 0, for which Transfer Family starts no workflow.
   */
  public readonly status: string;
  /** The steps that ran, in order; the last one carries the `error` when a step failed. */
  public readonly steps: StepResult[];
  /** The exception steps that ran (none unless a step failed); the last one carries the `error` when one failed. */
  public readonly onExceptionSteps: StepResult[];
  /**
   * Every S3 object after the run (the simulation's objects, the upload included), by
   * `<bucket>/<key>`: `<bucket>` is the bucket's name when the app gives it one, otherwise its
   * construct id in lowercase (`landing` for `new s3.Bucket(this, 'Landing')`), or its construct path in
   * lowercase with `-` for `/` when two buckets share an id. `objectAt(bucket, key)` finds one by its bucket.
   */
  public readonly objects: Record<string, SimulatedObject>;
  /** Every EFS file after the run, by `<file system><path>` (`<file system>` named as buckets are). */
  public readonly files: Record<string, SimulatedObject>;
  /** Every request the steps made with the execution role, in order, with its decision. */
  public readonly requests: SimulatedRequest[];

  private readonly data: RunData;

  private constructor(data: RunData) {
    this.data = data;
    this.executionId = data.executionId;
    this.status = data.status;
    this.steps = data.steps;
    this.onExceptionSteps = data.onExceptionSteps;
    this.objects = data.objects;
    this.files = data.files;
    this.requests = data.requests;
  }

  /** The requests that were denied. */
  public get deniedRequests(): SimulatedRequest[] {
    return this.requests.filter((r) => !r.allowed);
  }

  /** The object at `key` in `bucket` after the run, if there is one. */
  public objectAt(bucket: s3.IBucket, key: string): SimulatedObject | undefined {
    return this.objects[`${this.data.bucketLabel(bucket)}/${key}`];
  }

  /** The EFS file at `path` in `fileSystem` after the run, if there is one. */
  public fileAt(fileSystem: efs.IFileSystem, path: string): SimulatedObject | undefined {
    return this.files[`${this.data.fileSystemLabel(fileSystem)}${path}`];
  }
}
