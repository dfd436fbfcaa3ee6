import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { summary, UPLOAD_DATE } from './fixtures';
import { ENV } from '../support/stacks';
import { Domain, FileLocation, HomeDirectory, SimulatedPgp, SourceFile, TransferServer, Workflow, WorkflowSimulator, WorkflowStep } from 'cdk-transfer-family';

/** An EFS server whose user builds uploads under /home/builds, running `steps`. */
function efsServer(steps: (files: efs.FileSystem, bucket: s3.Bucket) => WorkflowStep[]) {
  const app = new App();
  const stack = new Stack(app, 'Efs', { env: ENV });
  const files = new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 }) });
  const bucket = new s3.Bucket(stack, 'Reports');
  const workflow = new Workflow(stack, 'Workflow', { steps: steps(files, bucket) });
  const server = new TransferServer(stack, 'Server', { domain: Domain.EFS, onUpload: workflow });
  server.addUser('Builds', { userName: 'builds', homeDirectory: HomeDirectory.efs(files, '/home/builds'), posixProfile: { uid: 2001, gid: 2001 } });
  return { files, bucket, sim: new WorkflowSimulator(workflow, { uploadDate: UPLOAD_DATE }) };
}

describe('files of an EFS server', () => {
  test('copy and tag steps answer BAD_REQUEST: they work on S3 files only', async () => {
    for (const step of [
      (bucket: s3.Bucket) => WorkflowStep.copy({ destination: FileLocation.s3(bucket, 'copies/') }),
      () => WorkflowStep.tag({ tags: { stage: 'received' } }),
    ]) {
      const e = efsServer((_files, bucket) => [step(bucket)]);
      const run = await e.sim.upload({ user: 'builds', file: FileLocation.efs(e.files, '/home/builds/app.zip'), body: 'zip' });
      expect(run.status).toBe('EXCEPTION');
      expect(run.steps[0].error?.type).toBe('BAD_REQUEST');
      expect(run.objects).toEqual({});
      expect(run.files).toEqual({ 'files/home/builds/app.zip': { body: 'zip' } });
    }
  });

  test('decrypt to EFS (the name without .gpg) and delete the upload', async () => {
    const e = efsServer((files) => [
      WorkflowStep.decrypt({ destination: FileLocation.efs(files, '/srv/clear/${transfer:UserName}/') }),
      WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
    ]);
    const run = await e.sim.upload({ user: 'builds', file: FileLocation.efs(e.files, '/home/builds/app.env.gpg'), body: SimulatedPgp.encrypt('TOKEN=1') });
    expect(run.status).toBe('COMPLETED');
    expect(run.files).toEqual({ 'files/srv/clear/builds/app.env': { body: 'TOKEN=1' } });
    expect(run.fileAt(e.files, '/srv/clear/builds/app.env')?.body).toBe('TOKEN=1');
    expect([...new Set(run.requests.map((r) => r.action))]).toEqual([
      'elasticfilesystem:ClientMount', 'secretsmanager:GetSecretValue', 'elasticfilesystem:ClientWrite',
    ]);
    expect(run.deniedRequests).toEqual([]);
  });

  test('decrypting an EFS file to S3 is BAD_REQUEST: the destination must be in the source\'s storage', async () => {
    const e = efsServer((_files, bucket) => [WorkflowStep.decrypt({ destination: FileLocation.s3(bucket, 'clear/') })]);
    const run = await e.sim.upload({ user: 'builds', file: FileLocation.efs(e.files, '/home/builds/a.gpg'), body: SimulatedPgp.encrypt('a') });
    expect(summary(run.steps)).toEqual(['DECRYPT decrypt-1 BAD_REQUEST']);
    expect(run.objects).toEqual({});
  });
});
