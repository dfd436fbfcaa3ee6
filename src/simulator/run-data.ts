import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SimulatedObject, SimulatedRequest, StepResult } from './results';

/** What a `WorkflowRun` is made of (internal: not exported from the package). */
export interface RunData {
  readonly executionId: string;
  readonly status: string;
  readonly steps: StepResult[];
  readonly onExceptionSteps: StepResult[];
  readonly objects: Record<string, SimulatedObject>;
  readonly files: Record<string, SimulatedObject>;
  readonly requests: SimulatedRequest[];
  readonly bucketLabel: (bucket: s3.IBucket) => string;
  readonly fileSystemLabel: (fileSystem: efs.IFileSystem) => string;
}
