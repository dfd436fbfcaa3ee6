import { App, Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Estate } from './estate';
import { expectAccess, policyFindings } from './expect';
import { Callers, requests as raw } from './principals';
import { WorkflowRun } from './workflow-requests';
import { ENV, fn } from '../support/stacks';
import {
  EncryptedStateMachine, FileLocation, HomeDirectory, SourceFile, TransferServer, TransferStepCallback, Workflow, WorkflowStep,
} from 'cdk-transfer-family';


describe('a workflow\'s execution role', () => {
  function estate() {
    const app = new App();
    const stack = new Stack(app, 'Ingest', { env: ENV });
    const landingKey = new kms.Key(stack, 'LandingKey');
    const archiveKey = new kms.Key(stack, 'ArchiveKey');
    const landing = new s3.Bucket(stack, 'Landing', { encryptionKey: landingKey, versioned: true });
    const archive = new s3.Bucket(stack, 'Archive', { encryptionKey: archiveKey });
    const quarantine = new s3.Bucket(stack, 'Quarantine');
    const scanner = fn(stack, 'Scanner');
    const unrelated = fn(stack, 'Unrelated');
    const workflow = new Workflow(stack, 'Workflow', {
      steps: [
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'archive/${transfer:UserName}/${transfer:UploadDate}/') }),
        WorkflowStep.tag({ tags: { stage: 'archived' } }),
        WorkflowStep.custom({ function: scanner, timeout: Duration.minutes(5) }),
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
      onException: [WorkflowStep.copy({ destination: FileLocation.s3(quarantine, 'quarantine/'), source: SourceFile.ORIGINAL, overwriteExisting: true })],
    });
    const server = new TransferServer(stack, 'Server', { onUpload: workflow });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(landing, 'partners/alice') });
    server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.chroot(landing, 'partners/bob') });
    const other = new Workflow(stack, 'Other', { steps: [WorkflowStep.delete()] });
    new TransferServer(stack, 'OtherServer', { onUpload: other });
    return { app, stack, landing, archive, quarantine, archiveKey, landingKey, scanner, unrelated, workflow, server, other };
  }

  test('runs every step (exception steps too) on a user\'s upload, and can do nothing else', async () => {
    const e = estate();
    const est = Estate.fromApp(e.app);
    expect(await policyFindings(est)).toEqual([]);
    const landing = est.value(e.stack, e.landing.bucketName);
    const archive = est.value(e.stack, e.archive.bucketName);
    const run = new WorkflowRun(est, est.resourceOf(e.server), est.resourceOf(e.workflow), { bucket: landing, key: 'partners/alice/invoice.csv', userName: 'alice' });
    const role = run.role;
    const archiveKey = est.value(e.stack, e.archiveKey.keyArn);
    expectAccess(role, {
      allowed: [...run.steps, ...run.exceptionSteps],
      denied: [
        // Outside the homes of the servers that run it.
        raw('reads a landing object outside the homes', { action: 's3:GetObject', resource: `arn:aws:s3:::${landing}/config/secrets.csv` }),
        raw('deletes a landing object outside the homes', { action: 's3:DeleteObject', resource: `arn:aws:s3:::${landing}/partnersX/a.csv` }),
        // Outside its destinations.
        raw('writes elsewhere in the archive', { action: 's3:PutObject', resource: `arn:aws:s3:::${archive}/other/a.csv` }),
        raw('deletes from the archive', { action: 's3:DeleteObject', resource: `arn:aws:s3:::${archive}/archive/alice/2026-12-01/invoice.csv` }),
        raw('reads another bucket', { action: 's3:GetObject', resource: 'arn:aws:s3:::someone-elses-bucket/a.csv' }),
        // Another function, and the archive key used directly.
        raw('invokes another function', { action: 'lambda:InvokeFunction', resource: est.value(e.stack, e.unrelated.functionArn) }),
        raw('decrypts with the archive key outside S3', { action: 'kms:Decrypt', resource: archiveKey }),
        raw('reports to another workflow', { action: 'transfer:SendWorkflowStepState', resource: est.value(e.stack, e.other.workflowArn) }),
      ],
    });
  });

  test('the custom step\'s function may report to this workflow only', async () => {
    const e = estate();
    const est = Estate.fromApp(e.app);
    const scanner = new Callers(est).roleOf(e.stack, e.scanner.role!.roleArn, 'scanner');
    expectAccess(scanner, {
      allowed: [raw('reports the step', { action: 'transfer:SendWorkflowStepState', resource: est.value(e.stack, e.workflow.workflowArn) })],
      denied: [raw('reports to another workflow', { action: 'transfer:SendWorkflowStepState', resource: est.value(e.stack, e.other.workflowArn) })],
    });
  });

  test('the execution role trusts Transfer Family for this workflow only', () => {
    const e = estate();
    const est = Estate.fromApp(e.app);
    const callers = new Callers(est);
    const roleArn = est.value(e.stack, e.workflow.executionRole!.roleArn);
    const mine = est.value(e.stack, e.workflow.workflowArn);
    const theirs = est.value(e.stack, e.other.workflowArn);
    const assume = (arn: string, account = ENV.account) => callers.assume('transfer.amazonaws.com', roleArn, arn, account).decide({ action: 'sts:AssumeRole', resource: roleArn });
    expect(assume(mine)).toBe('Allowed');
    expect(assume(theirs)).toBe('ImplicitlyDenied');
    expect(assume(mine.replace(ENV.account, '222222222222'), '222222222222')).toBe('ImplicitlyDenied');
  });

  test('a decrypt step reads the PGP key secret of the uploading user on this server, not another server\'s', async () => {
    const app = new App();
    const stack = new Stack(app, 'Decrypt', { env: ENV });
    const landing = new s3.Bucket(stack, 'Landing');
    const clear = new s3.Bucket(stack, 'Clear', { encryptionKey: new kms.Key(stack, 'ClearKey') });
    const secretsKey = new kms.Key(stack, 'SecretsKey');
    const workflow = new Workflow(stack, 'Workflow', { steps: [WorkflowStep.decrypt({ destination: FileLocation.s3(clear, 'clear/'), pgpKeySecretsKey: secretsKey })] });
    const server = new TransferServer(stack, 'Server', { onUpload: workflow });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(landing, 'in/alice') });
    const est = Estate.fromApp(app);
    expect(await policyFindings(est)).toEqual([]);
    const run = new WorkflowRun(est, est.resourceOf(server), est.resourceOf(workflow), { bucket: est.value(stack, landing.bucketName), key: 'in/alice/a.pgp', userName: 'alice' });
    expectAccess(run.role, {
      allowed: [...run.steps, raw('decrypts the secret through Secrets Manager', {
        action: 'kms:Decrypt', resource: est.value(stack, secretsKey.keyArn), context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' },
      })],
      denied: [
        raw('reads another server\'s PGP key', { action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:aws/transfer/s-00000000000000000/alice-AbCdEf' }),
        raw('reads another secret', { action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/db-AbCdEf' }),
        raw('uses the secrets key outside Secrets Manager', { action: 'kms:Decrypt', resource: est.value(stack, secretsKey.keyArn) }),
      ],
    });
  });
});

describe('a workflow that runs an encrypted state machine', () => {
  test('the bridge starts this state machine (with its key) only; the callback states report to this workflow only', async () => {
    const app = new App();
    const stack = new Stack(app, 'Scan', { env: ENV });
    const landing = new s3.Bucket(stack, 'Landing');
    const workflow = new Workflow(stack, 'Workflow');
    const other = new Workflow(stack, 'Other', { steps: [WorkflowStep.delete()] });
    const machine = new EncryptedStateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(TransferStepCallback.success(stack, 'Done', { workflows: [workflow] })),
    });
    const otherMachine = new EncryptedStateMachine(stack, 'OtherMachine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')) });
    workflow.addStep(WorkflowStep.runStateMachine({ stateMachine: machine }));
    const server = new TransferServer(stack, 'Server', { onUpload: workflow });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(landing, 'in/alice') });
    const est = Estate.fromApp(app);
    expect(await policyFindings(est)).toEqual([]);
    const callers = new Callers(est);
    const run = new WorkflowRun(est, est.resourceOf(server), est.resourceOf(workflow), { bucket: est.value(stack, landing.bucketName), key: 'in/alice/a.csv', userName: 'alice' });
    const bridgeArn = run.steps[0].requests[0].resource;
    const bridge = est.ofType('AWS::Lambda::Function').find((f) => est.arnOf(f) === bridgeArn)!;
    const bridgeRole = callers.role(bridge.properties.Role, 'bridge function');
    const machineArn = est.value(stack, machine.stateMachineArn);
    const context = (arn: string) => ({ 'kms:EncryptionContext:aws:states:stateMachineArn': arn });
    const machineKey = est.value(stack, machine.encryptionKey.keyArn);
    const otherKey = est.value(stack, otherMachine.encryptionKey.keyArn);
    expectAccess(run.role, { allowed: run.steps, denied: [raw('starts the state machine itself', { action: 'states:StartExecution', resource: machineArn })] });
    expectAccess(bridgeRole, {
      allowed: [raw('starts the state machine', { action: 'states:StartExecution', resource: machineArn },
        { action: 'kms:GenerateDataKey', resource: machineKey, context: context(machineArn) }, { action: 'kms:Decrypt', resource: machineKey, context: context(machineArn) })],
      denied: [
        raw('starts another state machine', { action: 'states:StartExecution', resource: est.value(stack, otherMachine.stateMachineArn) }),
        raw('uses the key for another state machine', { action: 'kms:GenerateDataKey', resource: machineKey, context: context(est.value(stack, otherMachine.stateMachineArn)) }),
        raw('uses another machine\'s key', { action: 'kms:Decrypt', resource: otherKey, context: context(est.value(stack, otherMachine.stateMachineArn)) }),
      ],
    });
    const machineRole = callers.roleOf(stack, machine.role.roleArn, 'state machine');
    expectAccess(machineRole, {
      allowed: [
        raw('reports to its workflow', { action: 'transfer:SendWorkflowStepState', resource: est.value(stack, workflow.workflowArn) }),
        raw('encrypts its execution data', { action: 'kms:GenerateDataKey', resource: machineKey, context: context(machineArn) }),
        raw('decrypts its execution data', { action: 'kms:Decrypt', resource: machineKey, context: context(machineArn) }),
      ],
      denied: [
        raw('reports to another workflow', { action: 'transfer:SendWorkflowStepState', resource: est.value(stack, other.workflowArn) }),
        raw('decrypts another machine\'s data', { action: 'kms:Decrypt', resource: machineKey, context: context(est.value(stack, otherMachine.stateMachineArn)) }),
      ],
    });
  });
});
