import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ingest, scan, UPLOAD_DATE } from './fixtures';
import { Estate } from '../access/estate';
import { ENV } from '../support/stacks';
import { CustomStepBehavior, CustomStepInput, CustomStepStatus, FileLocation, HomeDirectory, TransferServer, Workflow, WorkflowSimulator, WorkflowStep } from 'cdk-transfer-family';

describe('the simulator runs what the app will deploy', () => {
  test('its names and ARNs are those the synthesized templates resolve to', async () => {
    const e = ingest({ steps: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/') }), scan(p)] });
    let input: CustomStepInput | undefined;
    const handler = { handle: (i: CustomStepInput) => ((input = i), { status: CustomStepStatus.SUCCESS }) };
    const sim = e.simulator({ customSteps: { scan: CustomStepBehavior.fromHandler(handler) } });
    const run = await sim.upload({ user: 'alice', file: e.upload('alice', 'a.csv') });
    const estate = Estate.fromApp(e.app);
    expect(run.steps[0].outputs.bucket).toBe(estate.value(e.stack, e.archive.bucketName));
    expect(input?.serviceMetadata.transferDetails.serverId).toBe(estate.value(e.stack, e.server.serverId));
    expect(input?.serviceMetadata.executionDetails.workflowId).toBe(estate.value(e.stack, e.workflow.workflowId));
    expect(run.requests.find((r) => r.action === 'kms:Decrypt')?.resource).toBe(estate.value(e.stack, e.archiveKey.keyArn));
    expect(run.requests.find((r) => r.action === 'lambda:InvokeFunction')?.resource).toBe(estate.value(e.stack, e.scanner.functionArn));
  });

  test('buckets and keys of another stack are referenced across stacks', async () => {
    const app = new App();
    const storage = new Stack(app, 'Storage', { env: ENV });
    const landing = new s3.Bucket(storage, 'Landing');
    const archive = new s3.Bucket(storage, 'Archive', { encryptionKey: new kms.Key(storage, 'Key') });
    const stack = new Stack(app, 'Transfer', { env: ENV });
    const workflow = new Workflow(stack, 'Workflow', { steps: [WorkflowStep.copy({ destination: FileLocation.s3(archive, 'in/${transfer:UploadDate}/') })] });
    const server = new TransferServer(stack, 'Server', { onUpload: workflow });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(landing, 'alice') });
    const run = await new WorkflowSimulator(workflow, { uploadDate: UPLOAD_DATE }).upload({ user: 'alice', file: FileLocation.s3(landing, 'alice/a.csv'), body: 'a' });
    expect(run.status).toBe('COMPLETED');
    expect(run.objects).toEqual({ 'landing/alice/a.csv': { body: 'a', tags: {} }, [`archive/in/${UPLOAD_DATE}/a.csv`]: { body: 'a', tags: {} } });
    expect(run.steps[0].outputs.bucket).toBe(Estate.fromApp(app).value(storage, archive.bucketName));
  });

  test('buckets with a name are named by it; initial objects may name a bucket by construct id, path or name', async () => {
    const app = new App();
    const stack = new Stack(app, 'Named', { env: ENV });
    const landing = new s3.Bucket(stack, 'Landing', { bucketName: 'acme-landing' });
    const archive = new s3.Bucket(stack, 'Archive');
    const workflow = new Workflow(stack, 'Workflow', { steps: [WorkflowStep.copy({ destination: FileLocation.s3(archive, 'a/') })] });
    new TransferServer(stack, 'Server', { onUpload: workflow }).addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(landing, 'alice') });
    const sim = new WorkflowSimulator(workflow, {
      objects: {
        'Archive/a/old.csv': { body: 'old' },
        'Named/Archive/a/older.csv': { body: 'older' },
        'acme-landing/alice/kept.csv': { body: 'kept' },
      },
    });
    expect(Object.keys(sim.objects)).toEqual(['acme-landing/alice/kept.csv', 'archive/a/old.csv', 'archive/a/older.csv']);
    const run = await sim.upload({ user: 'alice', file: FileLocation.s3(landing, 'alice/new.csv') });
    expect(run.objectAt(archive, 'a/new.csv')).toBeDefined();
    expect(run.objects['acme-landing/alice/new.csv']).toBeDefined();
  });

  test('creating the simulator writes the execution role as synthesis would: the app still synthesizes, and takes no more steps', async () => {
    const e = ingest({ steps: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/') })] });
    e.simulator();
    const policies = Template.fromStack(e.stack).findResources('AWS::IAM::Policy');
    const actions = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement).flatMap((st: any) => [st.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'kms:GenerateDataKey']));
    expect(() => e.workflow.addStep(WorkflowStep.delete())).toThrow(/already synthesized/);
  });
});
