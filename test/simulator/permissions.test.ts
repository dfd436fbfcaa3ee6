import * as iam from 'aws-cdk-lib/aws-iam';
import { ingest, scan, summary } from './fixtures';
import { AccessEvaluator, AccessRequest, CustomStepBehavior, FileLocation, SourceFile, Workflow, WorkflowStep } from 'cdk-transfer-family';

const archiveThenScan = (after?: Parameters<typeof ingest>[0]['after']) => ingest({
  steps: (p) => [
    WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/${transfer:UserName}/') }),
    scan(p),
    WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
  ],
  onException: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.quarantine, 'failed/'), source: SourceFile.ORIGINAL, overwriteExisting: true })],
  after,
});
const scanned = { customSteps: { scan: CustomStepBehavior.succeed() } };

describe('each request is decided against the execution role the server passes', () => {
  test('the role the workflow generates allows every request of its steps, KMS through S3 included', async () => {
    const e = archiveThenScan();
    const run = await e.simulator(scanned).upload({ user: 'alice', file: e.upload('alice', 'a.csv'), body: 'x' });
    expect(run.status).toBe('COMPLETED');
    expect(run.deniedRequests).toEqual([]);
    expect(run.requests.map((r) => `${r.step} ${r.action}`)).toEqual([
      'copy-1 s3:GetObject', 'copy-1 s3:GetObjectTagging', 'copy-1 s3:GetObjectVersion', 'copy-1 s3:GetObjectVersionTagging',
      'copy-1 s3:ListBucket', 'copy-1 s3:PutObject', 'copy-1 kms:GenerateDataKey', 'copy-1 kms:Decrypt', 'copy-1 s3:PutObjectTagging',
      'scan lambda:InvokeFunction',
      'delete-3 s3:DeleteObject',
    ]);
    expect(run.requests.find((r) => r.action === 'kms:GenerateDataKey')?.context).toMatchObject({
      'kms:ViaService': 's3.eu-west-1.amazonaws.com',
      'kms:EncryptionContext:aws:s3:arn': expect.stringMatching(/^arn:aws:s3:::ingest-archive[0-9a-z-]+\/archive\/alice\/a\.csv$/),
    });
    expect(run.objects).toEqual({ 'archive/archive/alice/a.csv': { body: 'x', tags: {} } });
  });

  test('a Deny added to the role after the app is built: that step is PERMISSION_DENIED, the exception steps run', async () => {
    const e = archiveThenScan((b) => b.workflow.executionRole!.addToPrincipalPolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, actions: ['s3:PutObject'], resources: [b.archive.arnForObjects('*')],
    })));
    const run = await e.simulator(scanned).upload({ user: 'alice', file: e.upload('alice', 'a.csv'), body: 'x' });
    expect(run.status).toBe('EXCEPTION');
    expect(summary(run.steps)).toEqual(['COPY copy-1 PERMISSION_DENIED']);
    expect(run.steps[0].error?.message).toMatch(/^User: arn:aws:sts::111111111111:assumed-role\/.+ is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::ingest-archive.+\/archive\/alice\/a\.csv with an explicit deny/);
    expect(run.deniedRequests).toEqual([expect.objectContaining({ step: 'copy-1', action: 's3:PutObject', decision: 'ExplicitlyDenied' })]);
    expect(summary(run.onExceptionSteps)).toEqual(['COPY exception-copy-1']);
    expect(run.objects).toEqual({
      'landing/in/alice/a.csv': { body: 'x', tags: {} },
      'quarantine/failed/a.csv': { body: 'x', tags: {} },
    });
  });

  test('a role without permissions: the first request is denied', async () => {
    const e = ingest({
      steps: () => [WorkflowStep.tag({ tags: { stage: 'received' } })],
      executionRole: (stack) => iam.Role.fromRoleArn(stack, 'Nothing', 'arn:aws:iam::111111111111:role/nothing', { mutable: false }),
    });
    const run = await e.simulator().upload({ user: 'bob', file: e.upload('bob', 'b.csv') });
    expect(summary(run.steps)).toEqual(['TAG tag-1 PERMISSION_DENIED']);
    expect(run.steps[0].error?.message).toContain('because no identity-based policy allows the s3:GetObjectTagging action');
    expect(run.deniedRequests.map((r) => r.decision)).toEqual(['ImplicitlyDenied']);
    expect(run.objects['landing/in/bob/b.csv'].tags).toEqual({});
  });

  test('the key policy of a bucket key of the app is evaluated too', async () => {
    const e = archiveThenScan((b) => b.archiveKey.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['kms:GenerateDataKey'], resources: ['*'],
    })));
    const run = await e.simulator(scanned).upload({ user: 'alice', file: e.upload('alice', 'a.csv'), body: 'x' });
    expect(summary(run.steps)).toEqual(['COPY copy-1 PERMISSION_DENIED']);
    expect(run.deniedRequests).toEqual([expect.objectContaining({ action: 'kms:GenerateDataKey', resource: expect.stringMatching(/^arn:aws:kms:eu-west-1:111111111111:key\//) })]);
  });

  test('the bucket policy of a bucket of the app is evaluated too', async () => {
    const e = archiveThenScan((b) => b.landing.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:DeleteObject'], resources: [b.landing.arnForObjects('*')],
    })));
    const run = await e.simulator(scanned).upload({ user: 'alice', file: e.upload('alice', 'a.csv'), body: 'x' });
    expect(summary(run.steps)).toEqual(['COPY copy-1', 'CUSTOM scan', 'DELETE delete-3 PERMISSION_DENIED']);
    expect(summary(run.onExceptionSteps)).toEqual(['COPY exception-copy-1']);
    expect(Object.keys(run.objects).sort()).toEqual(['archive/archive/alice/a.csv', 'landing/in/alice/a.csv', 'quarantine/failed/a.csv']);
  });

  test('an injected evaluator gets each request with the role\'s policies and the resource policy, as JSON', async () => {
    const e = archiveThenScan();
    const seen: AccessRequest[] = [];
    const evaluator = {
      evaluate: (request: AccessRequest) => {
        seen.push(request);
        const allowed = request.action !== 'lambda:InvokeFunction';
        return { allowed, result: allowed ? 'Allowed' : 'ImplicitlyDenied' };
      },
    };
    const run = await e.simulator({ ...scanned, evaluator }).upload({ user: 'alice', file: e.upload('alice', 'a.csv'), body: 'x' });
    expect(summary(run.steps)).toEqual(['COPY copy-1', 'CUSTOM scan PERMISSION_DENIED']);
    const put = seen.find((r) => r.action === 's3:PutObject')!;
    expect(put.principalArn).toMatch(/^arn:aws:iam::111111111111:role\/Ingest-WorkflowExecutionRole/);
    expect(put.context['aws:SecureTransport']).toBe('true');
    const statements = put.identityPolicies.flatMap((p) => JSON.parse(p).Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['s3:PutObject']) }));
    const kms = seen.find((r) => r.action === 'kms:GenerateDataKey')!;
    expect(JSON.parse(kms.resourcePolicy!).Statement).toContainEqual(expect.objectContaining({ Principal: { AWS: 'arn:aws:iam::111111111111:root' } }));
    expect(kms.multiValueContext).toEqual({ 'kms:EncryptionContextKeys': ['aws:s3:arn'] });
  });

  test('AccessEvaluator.allowAll() runs the steps without judging permissions', async () => {
    const e = ingest({
      steps: () => [WorkflowStep.tag({ tags: { stage: 'received' } })],
      executionRole: (stack) => iam.Role.fromRoleArn(stack, 'Nothing', 'arn:aws:iam::111111111111:role/nothing', { mutable: false }),
    });
    const run = await e.simulator({ evaluator: AccessEvaluator.allowAll() }).upload({ user: 'bob', file: e.upload('bob', 'b.csv') });
    expect(run.status).toBe('COMPLETED');
    expect(run.objects['landing/in/bob/b.csv'].tags).toEqual({ stage: 'received' });
  });

  test('a role shared by two workflows has the statements of both, as after synthesis', async () => {
    const e = ingest({
      steps: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'a/') })],
      executionRole: (stack) => new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') }),
      after: (b) => new Workflow(b.stack, 'Other', {
        steps: [WorkflowStep.copy({ destination: FileLocation.s3(b.quarantine, 'q/') })],
        executionRole: b.workflow.executionRole,
      }),
    });
    const policies: string[][] = [];
    const evaluator = { evaluate: (r: AccessRequest) => (policies.push(r.identityPolicies), { allowed: true, result: 'Allowed' }) };
    await e.simulator({ evaluator }).upload({ user: 'alice', file: e.upload('alice', 'a.csv') });
    const resources = policies[0].flatMap((p) => JSON.parse(p).Statement).flatMap((st: any) => [st.Resource].flat());
    expect(resources).toContainEqual(expect.stringMatching(/^arn:aws:s3:::ingest-archive.+\/a\/\*$/));
    expect(resources).toContainEqual(expect.stringMatching(/^arn:aws:s3:::ingest-quarantine.+\/q\/\*$/));
  });
});
