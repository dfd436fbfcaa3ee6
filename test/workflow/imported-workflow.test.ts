import { CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { aws_transfer as transferRefs } from 'aws-cdk-lib/interfaces';
import { fn, newStack } from '../support/stacks';
import { IWorkflow, TransferStepCallback, Workflow } from 'cdk-transfer-family';

// Compile time: an imported workflow is an aws-cdk-lib `IWorkflowRef` (what `TransferStepCallback`
// takes) and can grant, as its `IWorkflow` type says; this file type-checks only if both hold.
const asRef = (workflow: IWorkflow): transferRefs.IWorkflowRef => workflow;
const grant = (workflow: IWorkflow, grantee: iam.IGrantable): iam.Grant => workflow.grantSendStepState(grantee);

/** The resources `transfer:SendWorkflowStepState` is allowed on in the policies attached to `role`, resolved. */
function sendStepStateResources(stack: Stack, role: iam.IRole): unknown[] {
  const roleId = stack.getLogicalId(role.node.defaultChild as CfnResource);
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')) as any[];
  return policies
    .filter((p) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s: any) => [s.Action].flat().includes('transfer:SendWorkflowStepState'))
    .flatMap((s: any) => [s.Resource].flat());
}

describe('an imported workflow', () => {
  test.each([
    ['Workflow.fromWorkflowId()', (stack: Stack) => Workflow.fromWorkflowId(stack, 'Imported', 'w-0123456789abcdef0')],
    ['Workflow.fromWorkflowAttributes()', (stack: Stack) => Workflow.fromWorkflowAttributes(stack, 'Imported', {
      workflowId: 'w-0123456789abcdef0',
      executionRole: iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::111111111111:role/workflow'),
    })],
  ])('from %s: a TransferStepCallback and a granted function may report to it, and to no other workflow', (_, importWorkflow) => {
    const stack = newStack();
    const imported = importWorkflow(stack);
    const other = Workflow.fromWorkflowId(stack, 'Other', 'w-fedcba98765432100');

    const machine = new sfn.StateMachine(stack, 'Scan', {
      definitionBody: sfn.DefinitionBody.fromChainable(TransferStepCallback.success(stack, 'Done', { workflows: [asRef(imported)] })),
    });
    const reporter = fn(stack, 'Reporter');
    const granted = grant(imported, reporter);

    const arn = stack.resolve(imported.workflowArn);
    const otherArn = stack.resolve(other.workflowArn);
    expect(arn).not.toEqual(otherArn);
    expect(JSON.stringify(arn)).toContain('workflow/w-0123456789abcdef0');
    expect(stack.resolve(imported.workflowRef)).toEqual({ workflowId: 'w-0123456789abcdef0', workflowArn: arn });

    expect(granted.success).toBe(true);
    for (const role of [machine.role, reporter.role!]) {
      const resources = sendStepStateResources(stack, role);
      expect(resources).toEqual([arn]);
      expect(resources).not.toContainEqual(otherArn);
    }
  });
});
