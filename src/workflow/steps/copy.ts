import { CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { API, CFN, StepConfig, stepRules } from './base';
import { DestinationStep, RenderedEfsLocation } from './destination';
import { CopyStepOptions } from './options';
import { EFS_READ_ACTIONS, KMS_READ_ACTIONS } from '../../private/iam-actions';

/** COPY: copies the file to S3. */
export class CopyStep extends DestinationStep {
  constructor(options: CopyStepOptions) {
    super('COPY', 'copy', 'WorkflowStep.copy()', options);
  }

  /**
   * None: CloudFormation models only an S3 copy destination, so an EFS one is not in the template.
   *
   * @internal
   */
  public _efsDestination(): RenderedEfsLocation | undefined {
    return undefined;
  }

  /** @internal */
  public _bind(): StepConfig {
    return {
      actsOnFile: true,
      s3Only: 'copies',
      render: (name) => this.render(name),
      identity: () => this.destinationIdentity(),
      grant: (permissions) => {
        // The copy carries the object's tags, so it reads them too.
        permissions.onInput(['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:GetObjectVersionTagging'], EFS_READ_ACTIONS, KMS_READ_ACTIONS);
        this.grantDestination(permissions, ['s3:PutObject', 's3:PutObjectTagging']);
      },
    };
  }

  /**
   * aws-cdk-lib types only the decrypt details; the others are untyped and written to the template as
   * given, so they are in CloudFormation's PascalCase.
   */
  private render(name: string): CfnWorkflow.WorkflowStepProperty {
    const s3 = this._s3Destination();
    return {
      type: 'COPY',
      copyStepDetails: {
        Name: name,
        SourceFileLocation: this.source,
        DestinationFileLocation: s3 ? { S3FileLocation: { Bucket: s3.bucket, Key: s3.key } } : undefined,
        OverwriteExisting: this.overwriteValue(),
      },
    };
  }
}

/** The rules only copy steps can break. */
export const COPY_RULES = stepRules(['COPY'], [
  {
    id: 'workflow/copy-destination-s3',
    severity: 'error',
    summary: 'A copy step copies to S3.',
    reason: 'The service copies files to Amazon S3 only; CloudFormation models only an S3 copy destination',
    source: `${API}/API_CopyStepDetails.html; ${API}/API_S3InputFileLocation.html; ${CFN}/aws-properties-transfer-workflow-copystepdetails.html`,
    fix: 'give `WorkflowStep.copy()` a `FileLocation.s3(bucket, key)` destination; to write to EFS, use a custom step',
    // What the template holds: a copy step with no S3 destination copies nowhere.
    check: (e) => {
      if (e.subject.s3Destination !== undefined) return [];
      // The template holds no destination; a step of this library says what it was given instead.
      const step = e.subject.bound?.step;
      return [step instanceof CopyStep && step.destination.fileSystem ? `${e.label} copies to EFS` : `${e.label} has no destination`];
    },
  },
]);
