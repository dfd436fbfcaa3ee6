import { Duration, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ingest, scan, summary, UPLOAD_DATE } from './fixtures';
import { CustomStepBehavior, CustomStepInput, CustomStepStatus, FileLocation, SimulatedPgp, SourceFile, WorkflowStep } from 'cdk-transfer-family';

describe('copy steps', () => {
  test('a folder destination keeps the file name, with ${transfer:UserName} and ${transfer:UploadDate} replaced; the copy carries the tags', async () => {
    const e = ingest({ steps: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/${transfer:UserName}/${transfer:UploadDate}/') })] });
    const run = await e.simulator().upload({ user: 'alice', file: e.upload('alice', 'invoice.csv'), body: 'a,b\n', tags: { channel: 'sftp' } });
    expect(run.status).toBe('COMPLETED');
    expect(summary(run.steps)).toEqual(['COPY copy-1']);
    expect(run.objects).toEqual({
      [`archive/archive/alice/${UPLOAD_DATE}/invoice.csv`]: { body: 'a,b\n', tags: { channel: 'sftp' } },
      'landing/in/alice/invoice.csv': { body: 'a,b\n', tags: { channel: 'sftp' } },
    });
    expect(run.steps[0].outputs).toMatchObject({ key: `archive/alice/${UPLOAD_DATE}/invoice.csv`, object: `archive/archive/alice/${UPLOAD_DATE}/invoice.csv` });
    expect(run.objectAt(e.archive, `archive/alice/${UPLOAD_DATE}/invoice.csv`)?.body).toBe('a,b\n');
  });

  test('a destination key that does not end with / is the name of the copy', async () => {
    const e = ingest({ steps: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'latest/${transfer:UserName}.csv'), overwriteExisting: true })] });
    const sim = e.simulator();
    await sim.upload({ user: 'bob', file: e.upload('bob', 'monday.csv'), body: 'monday' });
    const run = await sim.upload({ user: 'bob', file: e.upload('bob', 'tuesday.csv'), body: 'tuesday' });
    expect(run.status).toBe('COMPLETED');
    expect(run.objects['archive/latest/bob.csv']).toEqual({ body: 'tuesday', tags: {} });
  });

  test('a file of the same name at the destination fails the step with ALREADY_EXISTS, and is left as it was', async () => {
    const e = ingest({ steps: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/') })] });
    const sim = e.simulator({ objects: { 'archive/archive/invoice.csv': { body: 'last year', tags: { year: '2025' } } } });
    const run = await sim.upload({ user: 'alice', file: e.upload('alice', 'invoice.csv'), body: 'this year' });
    expect(run.status).toBe('EXCEPTION');
    expect(run.steps[0].error).toEqual({ type: 'ALREADY_EXISTS', message: expect.stringContaining('OverwriteExisting is FALSE') });
    expect(run.objects['archive/archive/invoice.csv']).toEqual({ body: 'last year', tags: { year: '2025' } });
    // The step first looked for the file: it may list the destination.
    expect(run.requests.map((r) => r.action)).toContain('s3:ListBucket');
  });

  test('a second upload of the same name hits ALREADY_EXISTS; with overwriteExisting it replaces the copy', async () => {
    const keep = ingest({ steps: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/') })] });
    const sim = keep.simulator();
    expect((await sim.upload({ user: 'alice', file: keep.upload('alice', 'a.csv'), body: 'first' })).status).toBe('COMPLETED');
    const second = await sim.upload({ user: 'alice', file: keep.upload('alice', 'a.csv'), body: 'second' });
    expect(summary(second.steps)).toEqual(['COPY copy-1 ALREADY_EXISTS']);
    expect(second.objects['archive/archive/a.csv'].body).toBe('first');

    const replace = ingest({ steps: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/'), overwriteExisting: true })] });
    const sim2 = replace.simulator();
    await sim2.upload({ user: 'alice', file: replace.upload('alice', 'a.csv'), body: 'first' });
    const replaced = await sim2.upload({ user: 'alice', file: replace.upload('alice', 'a.csv'), body: 'second' });
    expect(replaced.status).toBe('COMPLETED');
    expect(replaced.objects['archive/archive/a.csv'].body).toBe('second');
    // Told to overwrite, the step does not look first.
    expect(replaced.requests.map((r) => r.action)).not.toContain('s3:ListBucket');
  });

  test('copying a file that is no longer there is NOT_FOUND', async () => {
    const e = ingest({ steps: (p) => [WorkflowStep.delete(), WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/') })] });
    const run = await e.simulator().upload({ user: 'alice', file: e.upload('alice', 'a.csv') });
    expect(summary(run.steps)).toEqual(['DELETE delete-1', 'COPY copy-2 NOT_FOUND']);
    expect(run.steps[1].error?.message).toContain('The specified key does not exist.');
    expect(run.objects).toEqual({});
  });
});

describe('tag steps', () => {
  test('${previous.file} after a copy is the copy; ${original.file} is the upload', async () => {
    const e = ingest({
      steps: (p) => [
        WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/') }),
        WorkflowStep.tag({ tags: { stage: 'archived' } }),
        WorkflowStep.tag({ tags: { stage: 'received' }, source: SourceFile.ORIGINAL }),
      ],
    });
    const run = await e.simulator().upload({ user: 'alice', file: e.upload('alice', 'a.csv'), body: 'x', tags: { channel: 'sftp' } });
    expect(run.status).toBe('COMPLETED');
    expect(run.objects).toEqual({
      'archive/archive/a.csv': { body: 'x', tags: { channel: 'sftp', stage: 'archived' } },
      'landing/in/alice/a.csv': { body: 'x', tags: { channel: 'sftp', stage: 'received' } },
    });
    // DescribeExecution's Outputs of a tag step: the tags it applied.
    expect(run.steps[1].outputs).toEqual({ stage: 'archived' });
  });

  test('an object has at most 10 tags: a tag step that would give it more is BAD_REQUEST, and its tags stay', async () => {
    const e = ingest({ steps: () => [WorkflowStep.tag({ tags: { a: '1', b: '2' } })] });
    const tags = Object.fromEntries([...Array(9).keys()].map((i) => [`t${i}`, `${i}`]));
    const run = await e.simulator().upload({ user: 'alice', file: e.upload('alice', 'a.csv'), tags });
    expect(run.steps[0].error).toEqual({ type: 'BAD_REQUEST', message: expect.stringContaining('Object tags cannot be greater than 10') });
    expect(run.objects['landing/in/alice/a.csv'].tags).toEqual(tags);
  });
});

describe('delete steps', () => {
  test('delete the upload once it is archived', async () => {
    const e = ingest({ steps: (p) => [WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/') }), WorkflowStep.delete({ source: SourceFile.ORIGINAL })] });
    const run = await e.simulator().upload({ user: 'bob', file: e.upload('bob', 'b.csv'), body: 'b' });
    expect(summary(run.steps)).toEqual(['COPY copy-1', 'DELETE delete-2']);
    expect(run.objects).toEqual({ 'archive/archive/b.csv': { body: 'b', tags: {} } });
  });

  test('deleting a file that is not there is NOT_FOUND', async () => {
    const e = ingest({ steps: () => [WorkflowStep.delete(), WorkflowStep.delete()] });
    const run = await e.simulator().upload({ user: 'bob', file: e.upload('bob', 'b.csv') });
    expect(summary(run.steps)).toEqual(['DELETE delete-1', 'DELETE delete-2 NOT_FOUND']);
    expect(run.objects).toEqual({});
  });
});

describe('custom steps', () => {
  const workflow = () => ingest({
    steps: (p) => [
      WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/') }),
      scan(p),
      // After a custom step, ${previous.file} is still the copy: a custom step writes no file.
      WorkflowStep.tag({ tags: { scan: 'clean' } }),
    ],
    onException: () => [WorkflowStep.tag({ tags: { scan: 'rejected' } })],
  });

  test('SUCCESS: the workflow goes on, on the same file', async () => {
    const e = workflow();
    const run = await e.simulator({ customSteps: { scan: CustomStepBehavior.succeed() } }).upload({ user: 'alice', file: e.upload('alice', 'a.csv'), body: 'x' });
    expect(run.status).toBe('COMPLETED');
    expect(summary(run.steps)).toEqual(['COPY copy-1', 'CUSTOM scan', 'TAG tag-3']);
    expect(run.objects['archive/archive/a.csv'].tags).toEqual({ scan: 'clean' });
    expect(run.requests.find((r) => r.step === 'scan')).toMatchObject({ action: 'lambda:InvokeFunction', allowed: true });
  });

  test('FAILURE: CUSTOM_STEP_FAILED, the remaining steps are skipped and the exception steps run', async () => {
    const e = workflow();
    const run = await e.simulator({ customSteps: { scan: CustomStepBehavior.fail() } }).upload({ user: 'alice', file: e.upload('alice', 'a.csv'), body: 'x' });
    expect(run.status).toBe('EXCEPTION');
    expect(summary(run.steps)).toEqual(['COPY copy-1', 'CUSTOM scan CUSTOM_STEP_FAILED']);
    expect(summary(run.onExceptionSteps)).toEqual(['TAG exception-tag-1']);
    // The exception step's ${previous.file} is the failed step's: the copy.
    expect(run.objects['archive/archive/a.csv'].tags).toEqual({ scan: 'rejected' });
    expect(run.objects['landing/in/alice/a.csv'].tags).toEqual({});
  });

  test('no report, or none given: TIMEOUT after the step\'s timeout', async () => {
    const e = workflow();
    for (const props of [{}, { customSteps: { scan: CustomStepBehavior.timeOut() } }]) {
      const run = await e.simulator(props).upload({ user: 'alice', file: e.upload('alice', `t${Object.keys(props).length}.csv`), body: 'x' });
      expect(run.steps[1].error).toEqual({ type: 'TIMEOUT', message: expect.stringContaining('300 seconds') });
      expect(summary(run.onExceptionSteps)).toEqual(['TAG exception-tag-1']);
    }
  });

  test('a handler decides from the step\'s input: the event the function would get, and the file', async () => {
    const e = workflow();
    const seen: CustomStepInput[] = [];
    const sim = e.simulator({
      customSteps: {
        scan: CustomStepBehavior.fromHandler({
          handle: (input) => {
            seen.push(input);
            return { status: input.body?.includes('EICAR') ? CustomStepStatus.FAILURE : CustomStepStatus.SUCCESS };
          },
        }),
      },
    });
    expect((await sim.upload({ user: 'alice', file: e.upload('alice', 'clean.txt'), body: 'hello' })).status).toBe('COMPLETED');
    const infected = await sim.upload({ user: 'bob', file: e.upload('bob', 'virus.txt'), body: 'X5O!P%@AP EICAR' });
    expect(infected.status).toBe('EXCEPTION');
    expect(infected.objects['archive/archive/virus.txt'].tags).toEqual({ scan: 'rejected' });
    expect(seen[1]).toMatchObject({
      stepName: 'scan',
      serviceMetadata: { transferDetails: { userName: 'bob', serverId: expect.stringMatching(/^s-[0-9a-f]{17}$/) }, executionDetails: { workflowId: expect.stringMatching(/^w-/) } },
      fileLocation: { domain: 'S3', key: 'archive/virus.txt', eTag: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
  });

  test('a runStateMachine step is a CUSTOM step, found by its name', async () => {
    const e = ingest({ steps: (p) => [WorkflowStep.runStateMachine({ stateMachine: machine(p.stack) }), WorkflowStep.tag({ tags: { scan: 'clean' } })] });
    const run = await e.simulator({ customSteps: { 'state-machine-1': CustomStepBehavior.succeed() } }).upload({ user: 'alice', file: e.upload('alice', 'a.csv') });
    expect(summary(run.steps)).toEqual(['CUSTOM state-machine-1', 'TAG tag-2']);
    // The service invokes the bridge function; the state machine's own requests are not the execution role's.
    expect(run.requests.find((r) => r.step === 'state-machine-1')?.resource).toMatch(/:function:Ingest-TransferStateMachineBridge/);
    expect(run.objects['landing/in/alice/a.csv'].tags).toEqual({ scan: 'clean' });
  });

  test('a behaviour for a step the workflow does not have is refused, with the names it has', () => {
    const e = workflow();
    expect(() => e.simulator({ customSteps: { scanner: CustomStepBehavior.succeed() } })).toThrow(/"scanner", which is no custom step of the workflow; its custom steps are "scan"/);
  });
});

describe('decrypt steps', () => {
  const decrypting = () => ingest({
    steps: (p) => [
      WorkflowStep.decrypt({ destination: FileLocation.s3(p.archive, 'clear/${transfer:UserName}/') }),
      // ${previous.file} is the decrypted file.
      WorkflowStep.tag({ tags: { decrypted: 'yes' } }),
    ],
  });

  test.each(['gpg', 'pgp', 'asc', 'GPG'])('the decrypted file goes to the folder without its .%s extension', async (ext) => {
    const e = decrypting();
    const run = await e.simulator().upload({ user: 'alice', file: e.upload('alice', `report.csv.${ext}`), body: SimulatedPgp.encrypt('id,amount\n1,2\n') });
    expect(run.status).toBe('COMPLETED');
    expect(run.objects['archive/clear/alice/report.csv']).toEqual({ body: 'id,amount\n1,2\n', tags: { decrypted: 'yes' } });
    expect(run.objects[`landing/in/alice/report.csv.${ext}`].body).toContain('BEGIN PGP MESSAGE');
    expect(run.requests.filter((r) => r.action === 'secretsmanager:GetSecretValue').map((r) => r.resource))
      .toEqual([expect.stringMatching(/:secret:aws\/transfer\/s-[0-9a-f]{17}\/alice-/)]);
  });

  test('a file that is not a PGP message is BAD_REQUEST', async () => {
    const e = decrypting();
    const run = await e.simulator().upload({ user: 'alice', file: e.upload('alice', 'report.csv.gpg'), body: 'plain text' });
    expect(run.steps[0].error).toEqual({ type: 'BAD_REQUEST', message: expect.stringContaining('is not an OpenPGP message') });
    expect(Object.keys(run.objects)).toEqual(['landing/in/alice/report.csv.gpg']);
  });

  test('no PGP key for the user nor a default key: NOT_FOUND; the server\'s default key decrypts for anyone', async () => {
    const e = decrypting();
    const noKey = await e.simulator({ pgpKeys: ['bob'] }).upload({ user: 'alice', file: e.upload('alice', 'a.gpg'), body: SimulatedPgp.encrypt('a') });
    expect(noKey.steps[0].error).toEqual({ type: 'NOT_FOUND', message: expect.stringContaining('Secrets Manager can\'t find the specified secret.') });
    const byDefault = await e.simulator({ pgpKeys: ['@pgp-default'] }).upload({ user: 'alice', file: e.upload('alice', 'a.gpg'), body: SimulatedPgp.encrypt('a') });
    expect(byDefault.status).toBe('COMPLETED');
    expect(byDefault.requests.filter((r) => r.action === 'secretsmanager:GetSecretValue').map((r) => r.resource.replace(/.*\//, '')))
      .toEqual(['alice-AbCdEf', '@pgp-default-AbCdEf']);
    expect(byDefault.objects['archive/clear/alice/a']).toEqual({ body: 'a', tags: { decrypted: 'yes' } });
  });

  test('an existing decrypted file is ALREADY_EXISTS', async () => {
    const e = decrypting();
    const run = await e.simulator({ objects: { 'archive/clear/alice/a.csv': { body: 'old' } } })
      .upload({ user: 'alice', file: e.upload('alice', 'a.csv.gpg'), body: SimulatedPgp.encrypt('new') });
    expect(summary(run.steps)).toEqual(['DECRYPT decrypt-1 ALREADY_EXISTS']);
    expect(run.objects['archive/clear/alice/a.csv'].body).toBe('old');
  });
});

describe('every step runs as the template holds it', () => {
  test('an upload of size 0 starts no workflow', async () => {
    const e = ingest({ steps: () => [WorkflowStep.delete()] });
    const run = await e.simulator().upload({ user: 'alice', file: e.upload('alice', 'empty.csv'), body: '' });
    expect(run.status).toBe('NOT_STARTED');
    expect(run.steps).toEqual([]);
    expect(run.objects).toEqual({ 'landing/in/alice/empty.csv': { body: '', tags: {} } });
  });

  test('beyond a burst of 100 executions, one a second: THROTTLED', async () => {
    const e = ingest({ steps: () => [WorkflowStep.tag({ tags: { seen: 'yes' } })] });
    const sim = e.simulator();
    for (let i = 0; i < 100; i++) {
      expect((await sim.upload({ user: 'alice', file: e.upload('alice', `f${i}.csv`) })).status).toBe('COMPLETED');
    }
    const throttled = await sim.upload({ user: 'alice', file: e.upload('alice', 'late.csv') });
    expect(throttled.status).toBe('EXCEPTION');
    expect(summary(throttled.steps)).toEqual(['TAG tag-1 THROTTLED']);
    expect(throttled.requests).toEqual([]);
    expect(throttled.objects['landing/in/alice/late.csv'].tags).toEqual({});
    const later = await sim.upload({ user: 'alice', file: e.upload('alice', 'later.csv'), after: Duration.seconds(1) });
    expect(later.status).toBe('COMPLETED');
  });
});

function machine(stack: Stack): sfn.StateMachine {
  return new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')) });
}
