import { StepConfig, WorkflowStep } from './base';
import { WorkflowStepOptions } from './options';
import { EFS_WRITE_ACTIONS } from '../../private/iam-actions';

/** DELETE: deletes the file. */
export class DeleteStep extends WorkflowStep {
  constructor(options: WorkflowStepOptions) {
    super('DELETE', 'delete', 'WorkflowStep.delete()', options);
  }

  /** @internal */
  public _bind(): StepConfig {
    return {
      actsOnFile: true,
      render: (name) => ({ type: 'DELETE', deleteStepDetails: { Name: name, SourceFileLocation: this.source } }),
      identity: () => ({ type: this.stepType, source: this.source }),
      grant: (permissions) => permissions.onInput(['s3:DeleteObject', 's3:DeleteObjectVersion'], EFS_WRITE_ACTIONS, []),
    };
  }
}
