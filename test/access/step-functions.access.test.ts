import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Estate } from './estate';
import { expectAccess, policyFindings } from './expect';
import { Callers, requests as raw } from './principals';
import { ENV } from '../support/stacks';
import { EncryptedActivity, EncryptedStateMachine, HomeDirectory, TransferServer, Workflow, WorkflowStep } from 'cdk-transfer-family';

const lambdaRole = (stack: Stack, id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

/**
 * Callers of an encrypted state machine or activity need the KMS key for the data they send or read
 * (https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html): the grants give it to
 * them for this state machine's (or activity's) encryption context only.
 */
describe('grants of encrypted Step Functions resources', () => {
  function estate() {
    const app = new App();
    const stack = new Stack(app, 'Sfn', { env: ENV });
    const machine = new EncryptedStateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')) });
    const other = new EncryptedStateMachine(stack, 'Other', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Q')) });
    const activity = new EncryptedActivity(stack, 'Review');
    const starter = lambdaRole(stack, 'Starter');
    const reader = lambdaRole(stack, 'Reader');
    const worker = lambdaRole(stack, 'Worker');
    machine.grantStartExecution(starter);
    machine.grantRead(reader);
    activity.grantGetActivityTask(worker);
    activity.grantTaskResponse(worker);
    return { app, stack, machine, other, activity, starter, reader, worker };
  }

  test('grantStartExecution: start this state machine with its key for its own context; nothing else', async () => {
    const e = estate();
    const est = Estate.fromApp(e.app);
    expect(await policyFindings(est)).toEqual([]);
    const arn = est.value(e.stack, e.machine.stateMachineArn);
    const otherArn = est.value(e.stack, e.other.stateMachineArn);
    const key = est.value(e.stack, e.machine.encryptionKey.keyArn);
    const ctx = (a: string) => ({ 'kms:EncryptionContext:aws:states:stateMachineArn': a });
    const starter = new Callers(est).roleOf(e.stack, e.starter.roleArn, 'starter');
    expectAccess(starter, {
      allowed: [raw('starts an execution', { action: 'states:StartExecution', resource: arn },
        { action: 'kms:GenerateDataKey', resource: key, context: ctx(arn) }, { action: 'kms:Decrypt', resource: key, context: ctx(arn) })],
      denied: [
        raw('starts another state machine', { action: 'states:StartExecution', resource: otherArn }),
        raw('uses the key for another context', { action: 'kms:Decrypt', resource: key, context: ctx(otherArn) }),
        raw('uses the key with no context', { action: 'kms:Decrypt', resource: key }),
        raw('stops executions', { action: 'states:StopExecution', resource: `${arn.replace(':stateMachine:', ':execution:')}:run-1` }),
      ],
    });
  });

  test('grantRead: describe executions and decrypt their data, but not start or encrypt', () => {
    const e = estate();
    const est = Estate.fromApp(e.app);
    const arn = est.value(e.stack, e.machine.stateMachineArn);
    const key = est.value(e.stack, e.machine.encryptionKey.keyArn);
    const ctx = { 'kms:EncryptionContext:aws:states:stateMachineArn': arn };
    const reader = new Callers(est).roleOf(e.stack, e.reader.roleArn, 'reader');
    expectAccess(reader, {
      allowed: [raw('describes an execution', { action: 'states:DescribeExecution', resource: `${arn.replace(':stateMachine:', ':execution:')}:run-1` },
        { action: 'kms:Decrypt', resource: key, context: ctx })],
      denied: [
        raw('starts an execution', { action: 'states:StartExecution', resource: arn }),
        raw('encrypts with the key', { action: 'kms:GenerateDataKey', resource: key, context: ctx }),
      ],
    });
  });

  test('an activity worker: polls and answers with the activity key, for this activity only', () => {
    const e = estate();
    const est = Estate.fromApp(e.app);
    const arn = est.value(e.stack, e.activity.activityArn);
    const key = est.value(e.stack, e.activity.encryptionKey.keyArn);
    const ctx = (a: string) => ({ 'kms:EncryptionContext:aws:states:activityArn': a });
    const worker = new Callers(est).roleOf(e.stack, e.worker.roleArn, 'worker');
    expectAccess(worker, {
      allowed: [
        raw('gets a task', { action: 'states:GetActivityTask', resource: arn }, { action: 'kms:Decrypt', resource: key, context: ctx(arn) }),
        raw('answers', { action: 'states:SendTaskSuccess', resource: arn }, { action: 'kms:GenerateDataKey', resource: key, context: ctx(arn) }),
      ],
      denied: [
        raw('decrypts another activity\'s tasks', { action: 'kms:Decrypt', resource: key, context: ctx(arn.replace(/[^:]+$/, 'other')) }),
        raw('starts the state machine', { action: 'states:StartExecution', resource: est.value(e.stack, e.machine.stateMachineArn) }),
      ],
    });
  });
});

describe('the server\'s logging role', () => {
  test('is assumed by Transfer Family for this account\'s servers and for the workflows the server runs, and writes only its server\'s logs', async () => {
    const app = new App();
    const stack = new Stack(app, 'Logs', { env: ENV });
    const workflow = new Workflow(stack, 'Workflow', { steps: [WorkflowStep.tag({ tags: { stage: 'received' } })] });
    const unrelated = new Workflow(stack, 'Unrelated', { steps: [WorkflowStep.delete()] });
    const server = new TransferServer(stack, 'Server', { onUpload: workflow });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Files'), 'home/alice') });
    const est = Estate.fromApp(app);
    expect(await policyFindings(est)).toEqual([]);
    const callers = new Callers(est);
    const roleArn = est.value(stack, server.loggingRole.roleArn);
    const assume = (source: string, account = ENV.account) => callers.assume('transfer.amazonaws.com', roleArn, source, account).decide({ action: 'sts:AssumeRole', resource: roleArn });
    const serverArn = est.value(stack, server.serverArn);
    expect(assume(serverArn)).toBe('Allowed');
    expect(assume(est.value(stack, workflow.workflowArn))).toBe('Allowed');
    expect(assume(est.value(stack, unrelated.workflowArn))).toBe('ImplicitlyDenied');
    expect(assume(serverArn.replace(ENV.account, '222222222222'), '222222222222')).toBe('ImplicitlyDenied');

    const serverId = est.value(stack, server.serverId);
    const group = `arn:aws:logs:eu-west-1:111111111111:log-group:/aws/transfer/${serverId}`;
    expectAccess(callers.role(roleArn, 'logging role'), {
      allowed: [raw('writes a session\'s log stream', { action: 'logs:CreateLogStream', resource: group }, { action: 'logs:PutLogEvents', resource: `${group}:log-stream:alice.w-1.abc` })],
      denied: [
        raw('writes another server\'s logs', { action: 'logs:PutLogEvents', resource: 'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/transfer/s-00000000000000000:log-stream:x' }),
        raw('writes a group whose name only starts with the server\'s', { action: 'logs:PutLogEvents', resource: `${group}x:log-stream:x` }),
      ],
    });
  });
});
