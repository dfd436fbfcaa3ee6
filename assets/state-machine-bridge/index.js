'use strict';
// Target of a Transfer Family custom workflow step: starts the state machine STATE_MACHINE_ARN with
// the TransferStepInput (cdk-transfer-family, src/step-callback.ts). The state machine reports the
// step's outcome with SendWorkflowStepState. If the execution cannot start, this reports FAILURE.
const { createHash } = require('crypto');
const { SFNClient, StartExecutionCommand } = require('@aws-sdk/client-sfn');
const { TransferClient, SendWorkflowStepStateCommand } = require('@aws-sdk/client-transfer');

const sfn = new SFNClient({});
const transfer = new TransferClient({});

const FILE_FIELDS = ['domain', 'bucket', 'key', 'versionId', 'eTag', 'fileSystemId', 'path'];

/** The execution input: the documented TransferStepInput shape. */
function toInput(event) {
  const meta = event.serviceMetadata || {};
  const run = meta.executionDetails || {};
  const who = meta.transferDetails || {};
  const file = event.fileLocation || {};
  const fileLocation = {};
  for (const f of FILE_FIELDS) {
    if (file[f] !== undefined) fileLocation[f] = file[f];
  }
  return {
    token: event.token,
    workflowId: run.workflowId,
    executionId: run.executionId,
    fileLocation,
    user: { userName: who.userName, serverId: who.serverId, sessionId: who.sessionId },
  };
}

/** Same step, same name: a retried invocation does not start a second execution. */
function executionName(input) {
  const step = createHash('sha256').update(String(input.token)).digest('hex').slice(0, 16);
  return `${input.executionId}-${step}`.replace(/[^0-9A-Za-z_-]/g, '_').slice(0, 80);
}

exports.handler = async (event) => {
  const input = toInput(event);
  if (!input.token || !input.workflowId || !input.executionId) {
    throw new Error('Not a Transfer custom step event: token, workflowId or executionId is missing');
  }
  try {
    const out = await sfn.send(new StartExecutionCommand({
      stateMachineArn: process.env.STATE_MACHINE_ARN,
      name: executionName(input),
      input: JSON.stringify(input),
    }));
    return { status: 'STARTED', executionArn: out.executionArn };
  } catch (err) {
    console.error('StartExecution failed; reporting FAILURE to Transfer', err);
    // If this call fails too, the error propagates and Lambda retries the invocation.
    await transfer.send(new SendWorkflowStepStateCommand({
      WorkflowId: input.workflowId,
      ExecutionId: input.executionId,
      Token: input.token,
      Status: 'FAILURE',
    }));
    return { status: 'FAILURE', error: String((err && err.message) || err) };
  }
};

exports.toInput = toInput;
exports.executionName = executionName;
