import * as fs from 'fs';
import * as path from 'path';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SendWorkflowStepStateCommand, TransferClient } from '@aws-sdk/client-transfer';
import { mockClient } from 'aws-sdk-client-mock';
import type { TransferStepInput } from '../../src/stepfunctions/step-callback';

const BRIDGE = path.join(__dirname, '..', '..', 'assets', 'state-machine-bridge', 'index.js');
// The bridge is plain CommonJS, as Lambda runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bridge: { handler: (event: unknown) => Promise<any> } = require(BRIDGE);

const sfnMock = mockClient(SFNClient);
const transferMock = mockClient(TransferClient);
const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:111111111111:stateMachine:Scan';

/** A Transfer custom-step event for an S3 upload, as Transfer sends it. */
function s3Event(): Record<string, unknown> {
  return {
    token: 'step-token-1',
    serviceMetadata: {
      executionDetails: { workflowId: 'w-0123456789abcdef0', executionId: '5f7e3c2a-1111-2222-3333-444455556666' },
      transferDetails: { sessionId: 'sess-1', userName: 'partner-a', serverId: 's-0123456789abcdef0' },
    },
    fileLocation: { domain: 'S3', bucket: 'landing', key: 'partner-a/in/file.csv', eTag: 'abc', versionId: 'v1' },
  };
}

beforeEach(() => {
  sfnMock.reset();
  transferMock.reset();
  process.env.STATE_MACHINE_ARN = STATE_MACHINE_ARN;
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

describe('state machine bridge function', () => {
  test('starts the state machine with the documented TransferStepInput and reports nothing itself', async () => {
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: `${STATE_MACHINE_ARN}:run`, startDate: new Date() });

    const result = await bridge.handler(s3Event());

    expect(result).toEqual({ status: 'STARTED', executionArn: `${STATE_MACHINE_ARN}:run` });
    const calls = sfnMock.commandCalls(StartExecutionCommand);
    expect(calls).toHaveLength(1);
    const args = calls[0].args[0].input;
    expect(args.stateMachineArn).toBe(STATE_MACHINE_ARN);
    expect(args.name).toMatch(/^5f7e3c2a-1111-2222-3333-444455556666-[0-9a-f]{16}$/);
    const input: TransferStepInput = JSON.parse(args.input!);
    expect(input).toEqual({
      token: 'step-token-1',
      workflowId: 'w-0123456789abcdef0',
      executionId: '5f7e3c2a-1111-2222-3333-444455556666',
      fileLocation: { domain: 'S3', bucket: 'landing', key: 'partner-a/in/file.csv', eTag: 'abc', versionId: 'v1' },
      user: { userName: 'partner-a', serverId: 's-0123456789abcdef0', sessionId: 'sess-1' },
    });
    expect(transferMock.commandCalls(SendWorkflowStepStateCommand)).toHaveLength(0);
  });

  test('an EFS file location keeps its file system and path, and unknown fields are dropped', async () => {
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    const event = { ...s3Event(), fileLocation: { domain: 'EFS', fileSystemId: 'fs-0123abcd', path: '/in/a.txt', extra: 'dropped' } };

    await bridge.handler(event);

    const input = JSON.parse(sfnMock.commandCalls(StartExecutionCommand)[0].args[0].input.input!);
    expect(input.fileLocation).toEqual({ domain: 'EFS', fileSystemId: 'fs-0123abcd', path: '/in/a.txt' });
  });

  test('the same step invoked twice uses the same execution name (StartExecution is idempotent by name)', async () => {
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    await bridge.handler(s3Event());
    await bridge.handler(s3Event());
    await bridge.handler({ ...s3Event(), token: 'another-step' });
    const names = sfnMock.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name);
    expect(names[0]).toBe(names[1]);
    expect(names[2]).not.toBe(names[0]);
  });

  test('when StartExecution fails, FAILURE is reported to Transfer for that step', async () => {
    sfnMock.on(StartExecutionCommand).rejects(Object.assign(new Error('User is not authorized to perform kms:GenerateDataKey'), { name: 'KmsAccessDeniedException' }));
    transferMock.on(SendWorkflowStepStateCommand).resolves({});

    const result = await bridge.handler(s3Event());

    expect(result).toEqual({ status: 'FAILURE', error: 'User is not authorized to perform kms:GenerateDataKey' });
    const reports = transferMock.commandCalls(SendWorkflowStepStateCommand);
    expect(reports).toHaveLength(1);
    expect(reports[0].args[0].input).toEqual({
      WorkflowId: 'w-0123456789abcdef0',
      ExecutionId: '5f7e3c2a-1111-2222-3333-444455556666',
      Token: 'step-token-1',
      Status: 'FAILURE',
    });
  });

  test('when reporting FAILURE fails too, the error propagates so Lambda retries', async () => {
    sfnMock.on(StartExecutionCommand).rejects(new Error('throttled'));
    transferMock.on(SendWorkflowStepStateCommand).rejects(new Error('transfer down'));

    await expect(bridge.handler(s3Event())).rejects.toThrow('transfer down');
  });

  test('an event that is not a custom step event is refused without calling AWS', async () => {
    await expect(bridge.handler({ hello: 'world' })).rejects.toThrow(/token, workflowId or executionId is missing/);
    expect(sfnMock.calls()).toHaveLength(0);
    expect(transferMock.calls()).toHaveLength(0);
  });

  test('the code fits lambda.Code.fromInline (under 4096 characters)', () => {
    expect(fs.readFileSync(BRIDGE, 'utf8').length).toBeLessThan(4096);
  });
});
