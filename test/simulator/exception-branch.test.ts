import { ingest, scan, summary } from './fixtures';
import { CustomStepBehavior, FileLocation, SourceFile, WorkflowStep } from 'cdk-transfer-family';

describe('the exception steps', () => {
  test('do not run when every step succeeds', async () => {
    const e = ingest({ steps: () => [WorkflowStep.tag({ tags: { ok: 'yes' } })], onException: () => [WorkflowStep.delete()] });
    const run = await e.simulator().upload({ user: 'alice', file: e.upload('alice', 'a.csv') });
    expect(run.status).toBe('COMPLETED');
    expect(run.onExceptionSteps).toEqual([]);
    expect(run.objects['landing/in/alice/a.csv'].tags).toEqual({ ok: 'yes' });
  });

  test('run after the first failure, on the failed step\'s ${previous.file} or on ${original.file}', async () => {
    const e = ingest({
      steps: (p) => [
        WorkflowStep.copy({ destination: FileLocation.s3(p.archive, 'archive/') }),
        WorkflowStep.tag({ tags: { stage: 'archived' } }),
        scan(p),
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
      onException: (p) => [
        // ${previous.file}: the archived copy (what the failed scan worked on).
        WorkflowStep.tag({ tags: { stage: 'rejected' } }),
        WorkflowStep.copy({ destination: FileLocation.s3(p.quarantine, 'failed/${transfer:UserName}/'), source: SourceFile.ORIGINAL }),
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
    });
    const run = await e.simulator({ customSteps: { scan: CustomStepBehavior.fail() } }).upload({ user: 'bob', file: e.upload('bob', 'b.csv'), body: 'b' });
    expect(run.status).toBe('EXCEPTION');
    expect(summary(run.steps)).toEqual(['COPY copy-1', 'TAG tag-2', 'CUSTOM scan CUSTOM_STEP_FAILED']);
    expect(summary(run.onExceptionSteps)).toEqual(['TAG exception-tag-1', 'COPY exception-copy-2', 'DELETE exception-delete-3']);
    expect(run.requests.filter((r) => r.exceptionStep).map((r) => r.step)).toContain('exception-copy-2');
    expect(run.objects).toEqual({
      'archive/archive/b.csv': { body: 'b', tags: { stage: 'rejected' } },
      'quarantine/failed/bob/b.csv': { body: 'b', tags: {} },
    });
  });

  test('stop at their own first failure; the status is EXCEPTION either way', async () => {
    const e = ingest({
      steps: () => [WorkflowStep.delete(), WorkflowStep.tag({ tags: { never: 'tagged' } })],
      onException: (p) => [
        WorkflowStep.copy({ destination: FileLocation.s3(p.quarantine, 'failed/'), source: SourceFile.ORIGINAL }),
        WorkflowStep.tag({ tags: { never: 'either' } }),
      ],
    });
    const run = await e.simulator().upload({ user: 'alice', file: e.upload('alice', 'a.csv') });
    expect(run.status).toBe('EXCEPTION');
    expect(summary(run.steps)).toEqual(['DELETE delete-1', 'TAG tag-2 NOT_FOUND']);
    expect(summary(run.onExceptionSteps)).toEqual(['COPY exception-copy-1 NOT_FOUND']);
    expect(run.objects).toEqual({});
  });

  test('a workflow without exception steps ends in EXCEPTION with none run', async () => {
    const e = ingest({ steps: (p) => [scan(p), WorkflowStep.delete()] });
    const run = await e.simulator({ customSteps: { scan: CustomStepBehavior.timeOut() } }).upload({ user: 'alice', file: e.upload('alice', 'a.csv') });
    expect(run.status).toBe('EXCEPTION');
    expect(summary(run.steps)).toEqual(['CUSTOM scan TIMEOUT']);
    expect(run.onExceptionSteps).toEqual([]);
    expect(Object.keys(run.objects)).toEqual(['landing/in/alice/a.csv']);
  });
});
