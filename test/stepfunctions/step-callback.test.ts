import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { EncryptedStateMachine } from '../../src/stepfunctions/state-machine';
import { TransferStepCallback } from '../../src/stepfunctions/step-callback';

const ENV = { account: '111111111111', region: 'eu-west-1' };

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: ENV });
}

function definition(stack: Stack, machine: string): any {
  const resources = Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine');
  const props = (resources[machine] ?? Object.values(resources)[0]).Properties;
  return JSON.parse(typeof props.DefinitionString === 'string' ? props.DefinitionString : flatten(props.DefinitionString));
}

function flatten(value: any): string {
  if (typeof value === 'string') return value;
  if (value && value['Fn::Join']) return value['Fn::Join'][1].map(flatten).join(value['Fn::Join'][0]);
  return 'aws';
}

describe('TransferStepCallback', () => {
  test('success and failure call SendWorkflowStepState with the ids and token of the TransferStepInput', () => {
    const stack = newStack();
    const choice = new sfn.Choice(stack, 'Clean?')
      .when(sfn.Condition.booleanEquals('$.clean', true), TransferStepCallback.success(stack, 'Report success'))
      .otherwise(TransferStepCallback.failure(stack, 'Report failure'));
    new EncryptedStateMachine(stack, 'Scan', { definitionBody: sfn.DefinitionBody.fromChainable(choice) });

    const states = definition(stack, '').States;
    for (const [state, status] of [['Report success', 'SUCCESS'], ['Report failure', 'FAILURE']]) {
      expect(states[state]).toMatchObject({
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:transfer:sendWorkflowStepState',
        Parameters: { 'WorkflowId.$': '$.workflowId', 'ExecutionId.$': '$.executionId', 'Token.$': '$.token', 'Status': status },
        ResultPath: null,
      });
    }
  });

  test('by default the role may send step states to the workflows of its account and region only', () => {
    const stack = newStack();
    new EncryptedStateMachine(stack, 'Scan', { definitionBody: sfn.DefinitionBody.fromChainable(TransferStepCallback.success(stack, 'Done')) });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 'transfer:SendWorkflowStepState',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:eu-west-1:111111111111:workflow/*']] },
        }]),
      },
    });
  });

  test('with workflows, the permission names exactly those workflows', () => {
    const stack = newStack();
    const workflow = new transfer.CfnWorkflow(stack, 'Workflow', { steps: [{ type: 'DELETE', deleteStepDetails: { name: 'delete' } }] });
    new EncryptedStateMachine(stack, 'Scan', {
      definitionBody: sfn.DefinitionBody.fromChainable(TransferStepCallback.failure(stack, 'Failed', { workflows: [workflow] })),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Action: 'transfer:SendWorkflowStepState', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Workflow', 'Arn'] } }]),
      },
    });
  });

  test('inputPath reads the TransferStepInput from where the user kept it, and the state chains on', () => {
    const stack = newStack();
    const chain = new sfn.Pass(stack, 'Keep', { resultPath: '$.transfer' })
      .next(TransferStepCallback.success(stack, 'Done', { inputPath: '$.transfer', comment: 'report back' }))
      .next(new sfn.Succeed(stack, 'End'));
    new EncryptedStateMachine(stack, 'Scan', { definitionBody: sfn.DefinitionBody.fromChainable(chain) });
    const done = definition(stack, '').States.Done;
    expect(done).toMatchObject({
      Comment: 'report back',
      Next: 'End',
      Parameters: { 'WorkflowId.$': '$.transfer.workflowId', 'ExecutionId.$': '$.transfer.executionId', 'Token.$': '$.transfer.token', 'Status': 'SUCCESS' },
    });
  });
});
