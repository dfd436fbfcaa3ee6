import { App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { summary, UPLOAD_DATE } from './fixtures';
import { PartnerIngestStack } from '../../examples/partner-ingest/stack';
import { ScanWithStateMachineStack } from '../../examples/scan-with-state-machine/stack';
import { CustomStepBehavior, FileLocation, WorkflowSimulator, WorkflowSimulatorProps } from 'cdk-transfer-family';

/**
 * The examples' workflows, simulated on a partner's upload: what each one does on the happy path, when
 * its scan rejects the file, and when its execution role is narrowed.
 */
describe('examples/partner-ingest', () => {
  function partnerIngest(narrow?: (stack: PartnerIngestStack) => void) {
    const app = new App();
    const stack = new PartnerIngestStack(app, 'PartnerIngest');
    narrow?.(stack);
    const landing = stack.node.findChild('Landing') as s3.Bucket;
    const options = { server: stack.server, uploadDate: UPLOAD_DATE };
    const simulate = (props: WorkflowSimulatorProps) => new WorkflowSimulator(stack.workflow, { ...options, ...props })
      .upload({ user: 'acme', file: FileLocation.s3(landing, 'partners/acme/invoice.csv'), body: 'id,amount\n1,100\n' });
    return { stack, simulate };
  }
  const archived = `archive/archive/acme/${UPLOAD_DATE}/invoice.csv`;

  test('a clean file is archived per partner and day, tagged, scanned and removed from the landing area', async () => {
    const run = await partnerIngest().simulate({ customSteps: { 'custom-3': CustomStepBehavior.succeed() } });
    expect(run.status).toBe('COMPLETED');
    expect(summary(run.steps)).toEqual(['COPY copy-1', 'TAG tag-2', 'CUSTOM custom-3', 'DELETE delete-4']);
    expect(run.onExceptionSteps).toEqual([]);
    expect(run.deniedRequests).toEqual([]);
    expect(run.objects).toEqual({ [archived]: { body: 'id,amount\n1,100\n', tags: { stage: 'received' } } });
  });

  test('a file the scanner rejects: the archived copy stays, the upload moves to quarantine', async () => {
    const run = await partnerIngest().simulate({ customSteps: { 'custom-3': CustomStepBehavior.fail() } });
    expect(run.status).toBe('EXCEPTION');
    expect(summary(run.steps)).toEqual(['COPY copy-1', 'TAG tag-2', 'CUSTOM custom-3 CUSTOM_STEP_FAILED']);
    expect(summary(run.onExceptionSteps)).toEqual(['COPY exception-copy-1', 'DELETE exception-delete-2']);
    expect(run.objects).toEqual({
      [archived]: { body: 'id,amount\n1,100\n', tags: { stage: 'received' } },
      'quarantine/failed/acme/invoice.csv': { body: 'id,amount\n1,100\n', tags: {} },
    });
  });

  test('an execution role that may not use the archive key: the copy is PERMISSION_DENIED, the upload goes to quarantine', async () => {
    const { simulate } = partnerIngest((stack) => stack.workflow.executionRole!.addToPrincipalPolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, actions: ['kms:GenerateDataKey'], resources: ['*'],
    })));
    const run = await simulate({ customSteps: { 'custom-3': CustomStepBehavior.succeed() } });
    expect(run.status).toBe('EXCEPTION');
    expect(summary(run.steps)).toEqual(['COPY copy-1 PERMISSION_DENIED']);
    expect(run.steps[0].error?.message).toContain('is not authorized to perform: kms:GenerateDataKey');
    expect(summary(run.onExceptionSteps)).toEqual(['COPY exception-copy-1', 'DELETE exception-delete-2']);
    expect(run.objects).toEqual({ 'quarantine/failed/acme/invoice.csv': { body: 'id,amount\n1,100\n', tags: {} } });
  });
});

describe('examples/scan-with-state-machine', () => {
  function scanWithStateMachine(narrow?: (stack: ScanWithStateMachineStack) => void) {
    const app = new App();
    const stack = new ScanWithStateMachineStack(app, 'ScanWithStateMachine');
    narrow?.(stack);
    const landing = stack.node.findChild('Landing') as s3.Bucket;
    const simulate = (props: WorkflowSimulatorProps) => new WorkflowSimulator(stack.workflow, { uploadDate: UPLOAD_DATE, ...props })
      .upload({ user: 'acme', file: FileLocation.s3(landing, 'partners/acme/report.pdf'), body: '%PDF-1.7' });
    return { stack, simulate };
  }
  const upload = 'landing/partners/acme/report.pdf';

  test('the state machine reports the file clean: tagged pending, then clean', async () => {
    const run = await scanWithStateMachine().simulate({ customSteps: { 'state-machine-2': CustomStepBehavior.succeed() } });
    expect(run.status).toBe('COMPLETED');
    expect(summary(run.steps)).toEqual(['TAG tag-1', 'CUSTOM state-machine-2', 'TAG tag-3']);
    expect(run.deniedRequests).toEqual([]);
    expect(run.objects).toEqual({ [upload]: { body: '%PDF-1.7', tags: { scan: 'clean' } } });
  });

  test('the state machine rejects the file: the exception step tags the upload rejected', async () => {
    const run = await scanWithStateMachine().simulate({ customSteps: { 'state-machine-2': CustomStepBehavior.fail() } });
    expect(run.status).toBe('EXCEPTION');
    expect(summary(run.steps)).toEqual(['TAG tag-1', 'CUSTOM state-machine-2 CUSTOM_STEP_FAILED']);
    expect(summary(run.onExceptionSteps)).toEqual(['TAG exception-tag-1']);
    expect(run.objects).toEqual({ [upload]: { body: '%PDF-1.7', tags: { scan: 'rejected' } } });
  });

  test('the state machine never reports: TIMEOUT, and the exception step runs', async () => {
    const run = await scanWithStateMachine().simulate({});
    expect(summary(run.steps)).toEqual(['TAG tag-1', 'CUSTOM state-machine-2 TIMEOUT']);
    expect(run.steps[1].error?.message).toContain('1200 seconds');
    expect(run.objects[upload].tags).toEqual({ scan: 'rejected' });
  });

  test('an execution role that may not start the state machine\'s bridge: PERMISSION_DENIED', async () => {
    const { simulate } = scanWithStateMachine((stack) => stack.workflow.executionRole!.addToPrincipalPolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, actions: ['lambda:InvokeFunction'], resources: ['*'],
    })));
    const run = await simulate({ customSteps: { 'state-machine-2': CustomStepBehavior.succeed() } });
    expect(run.status).toBe('EXCEPTION');
    expect(summary(run.steps)).toEqual(['TAG tag-1', 'CUSTOM state-machine-2 PERMISSION_DENIED']);
    expect(run.deniedRequests).toEqual([expect.objectContaining({ action: 'lambda:InvokeFunction', resource: expect.stringContaining(':function:ScanWithStateMachine-TransferStateMachineBridge') })]);
    expect(run.objects).toEqual({ [upload]: { body: '%PDF-1.7', tags: { scan: 'rejected' } } });
  });
});
