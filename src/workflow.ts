import { IResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** A Transfer Family workflow, owned or imported. */
export interface IWorkflow extends IResource {
  /**
   * The workflow id, `w-` and 17 characters.
   *
   * @attribute
   */
  readonly workflowId: string;
  /**
   * The workflow ARN.
   *
   * @attribute
   */
  readonly workflowArn: string;
  /**
   * The role the service assumes to run the workflow's steps. A server needs it to attach the
   * workflow; an imported workflow has it only when given at import.
   */
  readonly executionRole?: iam.IRole;
}
