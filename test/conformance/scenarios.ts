import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { Scenario } from './harness';
import { EncryptedActivity } from '../../src/stepfunctions/activity';
import { EncryptedStateMachine } from '../../src/stepfunctions/state-machine';
import { TransferStepCallback } from '../../src/stepfunctions/step-callback';

/**
 * Scenarios the conformance suite synthesizes besides the example apps: combinations
 * worth proving against the schema and cdk-nag that no example shows.
 */
export const EXTRA_SCENARIOS: Scenario[] = [
  {
    // An encrypted state machine started for a Transfer workflow step: it waits for a reviewer on an
    // encrypted activity and reports the verdict back with the two callback states. Construct defaults.
    name: 'encrypted-step-functions',
    build: (app) => {
      const stack = new Stack(app, 'EncryptedStepFunctions', { env: { account: '111111111111', region: 'us-east-1' } });
      // The workflow the state machine reports to: the callback states may only report to it.
      const workflow = new transfer.CfnWorkflow(stack, 'Workflow', {
        description: 'Scan uploads',
        steps: [{ type: 'TAG', tagStepDetails: { Name: 'received', Tags: [{ Key: 'stage', Value: 'received' }] } }],
      });
      const review = new EncryptedActivity(stack, 'Review');
      const waitForReview = new tasks.StepFunctionsInvokeActivity(stack, 'Wait for review', {
        activity: review,
        resultPath: '$.review',
        taskTimeout: sfn.Timeout.duration(Duration.hours(1)),
      });
      const verdict = new sfn.Choice(stack, 'Accepted?')
        .when(sfn.Condition.booleanEquals('$.review.accepted', true), TransferStepCallback.success(stack, 'Report success', { workflows: [workflow] }))
        .otherwise(TransferStepCallback.failure(stack, 'Report failure', { workflows: [workflow] }));
      const machine = new EncryptedStateMachine(stack, 'Scan', {
        definitionBody: sfn.DefinitionBody.fromChainable(waitForReview.next(verdict)),
        timeout: Duration.hours(2),
      });
      Validations.of(machine).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'aws-cdk-lib grants the role the CloudWatch Logs delivery actions (logs:*LogDelivery*, PutResourcePolicy, Describe*) '
          + 'and the X-Ray actions on *: these actions support no resource-level permissions.',
      });
    },
  },
];
