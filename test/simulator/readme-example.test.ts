import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { fn } from '../support/stacks';
import {
  CustomStepBehavior, FileLocation, HomeDirectory, SourceFile, TransferServer, Workflow, WorkflowSimulator, WorkflowStep,
} from 'cdk-transfer-family';

/** The stack the README's example ("Test a workflow before you deploy it") assumes. */
class IngestStack extends Stack {
  public readonly landing: s3.Bucket;
  public readonly archive: s3.Bucket;
  public readonly workflow: Workflow;
  public readonly server: TransferServer;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.landing = new s3.Bucket(this, 'Landing', { versioned: true });
    this.archive = new s3.Bucket(this, 'Archive', { encryptionKey: new kms.Key(this, 'ArchiveKey') });
    const quarantine = new s3.Bucket(this, 'Quarantine');
    this.workflow = new Workflow(this, 'Ingest', {
      steps: [
        WorkflowStep.copy({ destination: FileLocation.s3(this.archive, 'archive/${transfer:UserName}/${transfer:UploadDate}/'), overwriteExisting: true }),
        WorkflowStep.tag({ tags: { stage: 'received' } }),
        WorkflowStep.custom({ name: 'scan', function: fn(this), timeout: Duration.minutes(5) }),
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
      onException: [
        WorkflowStep.copy({ destination: FileLocation.s3(quarantine, 'failed/${transfer:UserName}/'), source: SourceFile.ORIGINAL, overwriteExisting: true }),
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
    });
    this.server = new TransferServer(this, 'Server', { onUpload: this.workflow });
    this.server.addUser('Acme', { userName: 'acme', homeDirectory: HomeDirectory.chroot(this.landing, 'partners/acme') });
  }
}

// The README's example, as written there.

test('an upload is archived per partner and day, and removed once scanned', async () => {
  const stack = new IngestStack(new App(), 'Ingest');
  const sim = new WorkflowSimulator(stack.workflow, {
    server: stack.server,
    uploadDate: '2026-12-01', // ${transfer:UploadDate}
    // What each custom (or runStateMachine) step reports, by step name; a step not named here times out.
    customSteps: { scan: CustomStepBehavior.succeed() },
    // S3 objects there before the upload, by <bucket construct id>/<key>.
    objects: { 'archive/archive/acme/2026-11-30/old.csv': { body: 'old', tags: { stage: 'received' } } },
  });

  const run = await sim.upload({ user: 'acme', file: FileLocation.s3(stack.landing, 'partners/acme/invoice.csv'), body: 'id,amount\n' });

  expect(run.status).toBe('COMPLETED');
  expect(run.steps.map((s) => s.name)).toEqual(['copy-1', 'tag-2', 'scan', 'delete-4']);
  expect(run.objectAt(stack.archive, 'archive/acme/2026-12-01/invoice.csv')).toEqual({ body: 'id,amount\n', tags: { stage: 'received' } });
  expect(run.objectAt(stack.landing, 'partners/acme/invoice.csv')).toBeUndefined();
  expect(run.deniedRequests).toEqual([]);
});

test('a rejected scan quarantines the upload; a role that may not use the archive key fails the copy', async () => {
  const stack = new IngestStack(new App(), 'Ingest');
  stack.workflow.executionRole!.addToPrincipalPolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY, actions: ['kms:GenerateDataKey'], resources: ['*'],
  }));
  const run = await new WorkflowSimulator(stack.workflow, { customSteps: { scan: CustomStepBehavior.fail() } })
    .upload({ user: 'acme', file: FileLocation.s3(stack.landing, 'partners/acme/invoice.csv') });

  expect(run.status).toBe('EXCEPTION');
  expect(run.steps[0].error?.type).toBe('PERMISSION_DENIED');
  expect(run.onExceptionSteps.map((s) => s.stepType)).toEqual(['COPY', 'DELETE']);
});

test('the README shows these tests as they are here', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Test a workflow before you deploy it'));
  const block = section.slice(section.indexOf('```ts\n') + 6, section.indexOf('\n```', section.indexOf('```ts\n')));
  const here = fs.readFileSync(__filename, 'utf8');
  const tests = here.slice(here.indexOf('test(\'an upload'), here.indexOf('test(\'the README'));
  expect(block.slice(block.indexOf('test(')).trim()).toBe(tests.trim());
});
