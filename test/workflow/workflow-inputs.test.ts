import { App, CfnParameter, Duration, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { fn, newStack } from '../support/stacks';
import { synthError } from '../support/synth';
import { FileLocation, SourceFile, TransferServer, TransferStepCallback, Workflow, WorkflowBase, WorkflowStep } from 'cdk-transfer-family';

/**
 * What callers without types pass (JavaScript, and Python, Java, .NET and Go through jsii): each public
 * entry point of the workflow area answers with an Error naming the prop and what it expects, never a
 * TypeError from inside, never a template that lacks a required field. And tokens, in every prop that
 * can hold one, are neither judged nor refused.
 */

const any = (v: unknown) => v as any;

function parts(stack: Stack) {
  return {
    bucket: new s3.Bucket(stack, 'Archive'),
    fileSystem: efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
      fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-01234567'),
    }),
    machine: sfn.StateMachine.fromStateMachineArn(stack, 'Machine', 'arn:aws:states:eu-west-1:111111111111:stateMachine:scan'),
  };
}

type Call = [what: string, call: (stack: Stack) => unknown, message: string];

const calls: Call[] = [
  // FileLocation
  ['FileLocation.s3 without a bucket', () => FileLocation.s3(any(undefined), 'in/'), 'FileLocation.s3(): `bucket` must be an s3.IBucket, got undefined.'],
  ['FileLocation.s3 with a bucket name', () => FileLocation.s3(any('archive'), 'in/'), 'FileLocation.s3(): `bucket` must be an s3.IBucket, got the string "archive".'],
  ['FileLocation.s3 with a number for a key', (s) => FileLocation.s3(parts(s).bucket, any(7)), 'FileLocation.s3(): `key` must be a string, got the number 7.'],
  ['FileLocation.efs without a file system', () => FileLocation.efs(any({ id: 'fs-1' }), '/x'), 'FileLocation.efs(): `fileSystem` must be an efs.IFileSystem, got an object (Object).'],
  ['FileLocation.efs without a path', (s) => FileLocation.efs(parts(s).fileSystem, any(undefined)), 'FileLocation.efs(): `path` must be a string, got undefined.'],
  // WorkflowStep factories
  ['WorkflowStep.copy({})', () => WorkflowStep.copy(any({})), 'WorkflowStep.copy(): `destination` must be a FileLocation (`FileLocation.s3(bucket, key)` or `FileLocation.efs(fileSystem, path)`), got undefined.'],
  ['WorkflowStep.copy()', () => WorkflowStep.copy(any(undefined)), 'WorkflowStep.copy(): `options` must be an object, got undefined.'],
  ['WorkflowStep.copy with a bucket for a destination', (s) => WorkflowStep.copy({ destination: any(parts(s).bucket) }), 'WorkflowStep.copy(): `destination` must be a FileLocation'],
  ['WorkflowStep.copy with a destination whose bucket is a name', () => WorkflowStep.copy({ destination: any({ isS3: true, bucket: 'archive', key: 'in/' }) }),
    'WorkflowStep.copy(): `destination.bucket` must be an s3.IBucket, got the string "archive".'],
  ['WorkflowStep.copy with "yes" to overwrite', (s) => WorkflowStep.copy({ destination: FileLocation.s3(parts(s).bucket, 'a/'), overwriteExisting: any('yes') }),
    'WorkflowStep.copy(): `overwriteExisting` must be true or false, got the string "yes".'],
  ['WorkflowStep.copy with a number for a name', (s) => WorkflowStep.copy({ destination: FileLocation.s3(parts(s).bucket, 'a/'), name: any(3) }),
    'WorkflowStep.copy(): `name` must be a string, got the number 3.'],
  ['WorkflowStep.tag without tags', () => WorkflowStep.tag(any({})), 'WorkflowStep.tag(): `tags` must be an object, got undefined.'],
  ['WorkflowStep.tag with a list of tags', () => WorkflowStep.tag({ tags: any(['stage']) }), 'WorkflowStep.tag(): `tags` must be an object, got an array.'],
  ['WorkflowStep.tag with a number for a value', () => WorkflowStep.tag({ tags: any({ stage: 1 }) }), 'WorkflowStep.tag(): `tags["stage"]` must be a string, got the number 1.'],
  ['WorkflowStep.tag with a token for the tags', () => WorkflowStep.tag({ tags: any(Token.asAny({ Ref: 'Tags' })) }), 'WorkflowStep.tag(): `tags` must be an object of tag keys and values (not a token)'],
  ['WorkflowStep.custom without a function', () => WorkflowStep.custom(any({ timeout: Duration.minutes(1) })), 'WorkflowStep.custom(): `function` must be a lambda.IFunction, got undefined.'],
  ['WorkflowStep.custom with an ARN for a function', () => WorkflowStep.custom({ function: any('arn:aws:lambda:eu-west-1:111111111111:function:scan') }),
    'WorkflowStep.custom(): `function` must be a lambda.IFunction, got the string "arn:aws:lambda:eu-west-1:111111111111:fu…".'],
  ['WorkflowStep.custom with a number for a timeout', (s) => WorkflowStep.custom({ function: fn(s), timeout: any(300) }),
    'WorkflowStep.custom(): `timeout` must be a Duration (e.g. `Duration.minutes(5)`), got the number 300.'],
  ['WorkflowStep.custom with a token in minutes', (s) => WorkflowStep.custom({ function: fn(s), timeout: Duration.minutes(Token.asNumber({ Ref: 'Minutes' })) }),
    'WorkflowStep.custom(): `timeout` must be a Duration convertible to seconds (for a token amount, `Duration.seconds(amount)`), got an object (Duration).'],
  ['WorkflowStep.runStateMachine without a state machine', () => WorkflowStep.runStateMachine(any({})), 'WorkflowStep.runStateMachine(): `stateMachine` must be an sfn.IStateMachine, got undefined.'],
  ['WorkflowStep.runStateMachine with a string timeout', (s) => WorkflowStep.runStateMachine({ stateMachine: parts(s).machine, timeout: any('5m') }),
    'WorkflowStep.runStateMachine(): `timeout` must be a Duration'],
  ['WorkflowStep.decrypt({})', () => WorkflowStep.decrypt(any({})), 'WorkflowStep.decrypt(): `destination` must be a FileLocation'],
  ['WorkflowStep.decrypt with a key ARN', (s) => WorkflowStep.decrypt({ destination: FileLocation.s3(parts(s).bucket, 'c/'), pgpKeySecretsKey: any('arn:aws:kms:eu-west-1:111111111111:key/1') }),
    'WorkflowStep.decrypt(): `pgpKeySecretsKey` must be a kms.IKey'],
  ['WorkflowStep.delete(null)', () => WorkflowStep.delete(any(null)), 'WorkflowStep.delete(): `options` must be an object, got null.'],
  ['WorkflowStep.delete with a number for a source', () => WorkflowStep.delete({ source: any(1) }), 'WorkflowStep.delete(): `source` must be a string, got the number 1.'],
  // Workflow
  ['new Workflow without a scope', () => new Workflow(any(undefined), 'Wf'), 'Workflow: `scope` must be a construct (a Stack, or a construct in one), got undefined.'],
  ['new Workflow with a number for an id', (s) => new Workflow(s, any(1)), 'Workflow: `id` must be a non-empty string without tokens, got the number 1.'],
  ['new Workflow with null props', (s) => new Workflow(s, 'Wf', any(null)), 'Workflow: `props` must be an object, got null.'],
  ['new Workflow with one step for a list', (s) => new Workflow(s, 'Wf', { steps: any(WorkflowStep.delete()) }), 'Workflow: `steps` must be an array, got an object (DeleteStep).'],
  ['new Workflow with a string for steps', (s) => new Workflow(s, 'Wf', { steps: any('delete') }), 'Workflow: `steps` must be an array, got the string "delete".'],
  ['new Workflow with a list token for steps', (s) => new Workflow(s, 'Wf', { steps: any(Token.asList({ Ref: 'Steps' })) }), 'Workflow: `steps` must be an array of WorkflowStep (not a token)'],
  ['new Workflow with options for a step', (s) => new Workflow(s, 'Wf', { onException: any([{ kind: 'DELETE' }]) }),
    'Workflow: `onException[0]` must be a WorkflowStep (e.g. `WorkflowStep.copy({...})`), got an object (Object).'],
  ['new Workflow with a number for a description', (s) => new Workflow(s, 'Wf', { description: any(42) }), 'Workflow: `description` must be a string, got the number 42.'],
  ['new Workflow with a role ARN for a role', (s) => new Workflow(s, 'Wf', { executionRole: any('arn:aws:iam::111111111111:role/r') }), 'Workflow: `executionRole` must be an iam.IRole'],
  ['workflow.addStep(undefined)', (s) => new Workflow(s, 'Wf').addStep(any(undefined)), 'workflow.addStep(): `step` must be a WorkflowStep (e.g. `WorkflowStep.copy({...})`), got undefined.'],
  ['workflow.addExceptionStep with a step list', (s) => new Workflow(s, 'Wf').addExceptionStep(any([WorkflowStep.delete()])), 'workflow.addExceptionStep(): `step` must be a WorkflowStep'],
  ['workflow.addSourceServer with a server id', (s) => new Workflow(s, 'Wf').addSourceServer(any('s-0123456789abcdef0')), 'workflow.addSourceServer(): `server` must be an ITransferServer'],
  ['workflow.grantSendStepState(undefined)', (s) => new Workflow(s, 'Wf').grantSendStepState(any(undefined)), 'workflow.grantSendStepState(): `grantee` must be an iam.IGrantable (a role, a user, a function...), got undefined.'],
  ['workflow.grantSendStepState with a principal of no policy', (s) => new Workflow(s, 'Wf').grantSendStepState(any({ grantPrincipal: 'me' })),
    'workflow.grantSendStepState(): `grantee.grantPrincipal` must be an iam.IPrincipal, got the string "me".'],
  ['Workflow.fromWorkflowId without an id', (s) => Workflow.fromWorkflowId(s, 'Imported', any(undefined)), 'Workflow.fromWorkflowId(): `workflowId` must be a string, got undefined.'],
  ['Workflow.fromWorkflowId without a scope', () => Workflow.fromWorkflowId(any(null), 'Imported', 'w-0123456789abcdef0'), 'Workflow.fromWorkflowId(): `scope` must be a construct'],
  ['Workflow.fromWorkflowAttributes without attributes', (s) => Workflow.fromWorkflowAttributes(s, 'Imported', any(undefined)), 'Workflow.fromWorkflowAttributes(): `attrs` must be an object, got undefined.'],
  ['Workflow.fromWorkflowAttributes with a role name', (s) => Workflow.fromWorkflowAttributes(s, 'Imported', { workflowId: 'w-0123456789abcdef0', executionRole: any('workflow') }),
    'Workflow.fromWorkflowAttributes(): `executionRole` must be an iam.IRole, got the string "workflow".'],
  // TransferStepCallback
  ['TransferStepCallback.success(null props)', (s) => TransferStepCallback.success(s, 'Done', any(null)), 'TransferStepCallback.success(): `props` must be an object, got null.'],
  ['TransferStepCallback.failure without an id', (s) => TransferStepCallback.failure(s, any(undefined)), 'TransferStepCallback.failure(): `id` must be a non-empty string without tokens, got undefined.'],
  ['TransferStepCallback.success with one workflow for a list', (s) => TransferStepCallback.success(s, 'Done', { workflows: any(new Workflow(s, 'Wf')) }),
    'TransferStepCallback.success(): `workflows` must be an array, got an object (Workflow).'],
  ['TransferStepCallback.success with workflow ids', (s) => TransferStepCallback.success(s, 'Done', { workflows: any(['w-0123456789abcdef0']) }),
    'TransferStepCallback.success(): `workflows[0]` must be a workflow (an IWorkflowRef, e.g. a `Workflow`), got the string "w-0123456789abcdef0".'],
  ['TransferStepCallback.success with a list token of workflows', (s) => TransferStepCallback.success(s, 'Done', { workflows: any(Token.asList({ Ref: 'Workflows' })) }),
    'TransferStepCallback.success(): `workflows` must be an array of workflows (IWorkflowRef), not a token'],
  ['TransferStepCallback.failure with a path without $', (s) => TransferStepCallback.failure(s, 'Failed', { inputPath: 'transfer' }),
    'TransferStepCallback.failure(): `inputPath` must be a JSONPath (`$`, or starting with `$.` or `$[`), got the string "transfer".'],
  ['TransferStepCallback.failure with a number for a comment', (s) => TransferStepCallback.failure(s, 'Failed', { comment: any(1) }),
    'TransferStepCallback.failure(): `comment` must be a string, got the number 1.'],
];

describe('bad input to the workflow constructs', () => {
  test.each(calls)('%s: an Error that names the prop', (_what, call, message) => {
    const stack = newStack();
    let thrown: unknown;
    try {
      call(stack);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).constructor).toBe(Error);
    expect((thrown as Error).message).toContain(message);
  });

  test('steps and servers added after synthesis are refused: the execution role is already written', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    Template.fromStack(stack);
    expect(() => workflow.addStep(WorkflowStep.tag({ tags: { late: 'yes' } })))
      .toThrow('workflow.addStep(): `Stack/Wf` was already synthesized, and its execution role written; add steps and servers before synthesis.');
    expect(() => workflow.addSourceServer(TransferServer.fromServerId(stack, 'Late', 's-0123456789abcdef0'))).toThrow(/^workflow\.addSourceServer\(\): `Stack\/Wf` was already synthesized/);
  });

  test('what JavaScript passes for an optional prop as undefined is its default', () => {
    const stack = newStack();
    const { bucket } = parts(stack);
    const workflow = new Workflow(stack, 'Wf', {
      steps: [WorkflowStep.copy({ destination: FileLocation.s3(bucket, 'a/'), name: undefined, source: undefined, overwriteExisting: undefined })],
      onException: undefined,
      description: undefined,
      executionRole: undefined,
    });
    new TransferServer(stack, 'Server', { onUpload: workflow }).addHomeLocation(FileLocation.s3(bucket, 'home/'));
    expect(synthError(stack)).toBe('');
  });
});

describe('tokens in the workflow constructs', () => {
  test('every prop that can hold a token synthesizes with one, neither judged nor refused', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const text = (id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString;
    const number = (id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', text('BucketName'));
    const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
      fileSystemId: text('FileSystemId'), securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', text('SecurityGroup')),
    });
    const target = lambda.Function.fromFunctionAttributes(stack, 'Target', { functionArn: text('FunctionArn'), sameEnvironment: true });
    const machine = sfn.StateMachine.fromStateMachineArn(stack, 'Machine', 'arn:aws:states:eu-west-1:111111111111:stateMachine:scan');
    const timeout = Duration.seconds(number('Timeout'));
    const workflow = new Workflow(stack, 'Wf', {
      description: text('Description'),
      steps: [
        WorkflowStep.copy({ name: text('CopyName'), source: text('Source') as SourceFile, destination: FileLocation.s3(bucket, text('Key')) }),
        WorkflowStep.tag({ tags: { [text('TagKey')]: text('TagValue'), stage: text('Stage') } }),
        WorkflowStep.custom({ function: target, timeout }),
        WorkflowStep.runStateMachine({ stateMachine: machine, timeout: Duration.seconds(number('MachineTimeout')) }),
        WorkflowStep.decrypt({ destination: FileLocation.efs(fileSystem, text('Path')), source: SourceFile.ORIGINAL }),
      ],
      onException: [WorkflowStep.delete({ name: text('CleanupName') })],
    });
    Tags.of(workflow).add(text('WorkflowTagKey'), text('WorkflowTagValue'));
    const server = new TransferServer(stack, 'Server', { onUpload: workflow });
    server.addHomeLocation(FileLocation.s3(bucket, text('Home')));
    // Imports are `WorkflowBase`s, aws-cdk-lib `IWorkflowRef`s (their `IWorkflow` type does not say so).
    const imported = Workflow.fromWorkflowId(stack, 'Imported', text('WorkflowId')) as WorkflowBase;
    const withRole = Workflow.fromWorkflowAttributes(stack, 'WithRole', {
      workflowId: text('OtherWorkflowId'), executionRole: iam.Role.fromRoleArn(stack, 'Role', text('RoleArn')),
    }) as WorkflowBase;
    new sfn.StateMachine(stack, 'Report', {
      definitionBody: sfn.DefinitionBody.fromChainable(TransferStepCallback.success(stack, 'Done', { workflows: [imported, withRole], inputPath: `$.${text('Field')}` })),
    });
    workflow.grantSendStepState(iam.Role.fromRoleArn(stack, 'Operator', text('OperatorArn')));

    expect(synthError(stack)).toBe('');
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('workflow/'))).toEqual([]);
    const props = (Object.values(Template.fromStack(stack).findResources('AWS::Transfer::Workflow'))[0] as any).Properties;
    expect(props.Steps[0].CopyStepDetails).toEqual({
      Name: { Ref: 'CopyName' },
      SourceFileLocation: { Ref: 'Source' },
      DestinationFileLocation: { S3FileLocation: { Bucket: { Ref: 'BucketName' }, Key: { Ref: 'Key' } } },
    });
    expect(props.Steps[2].CustomStepDetails.TimeoutSeconds).toEqual({ Ref: 'Timeout' });
    expect(props.Steps[3].CustomStepDetails.TimeoutSeconds).toEqual({ Ref: 'MachineTimeout' });
    expect(props.Steps[4].DecryptStepDetails.DestinationFileLocation).toEqual({ EfsFileLocation: { FileSystemId: { Ref: 'FileSystemId' }, Path: { Ref: 'Path' } } });
    expect(props.Tags).toEqual([{ Key: { Ref: 'WorkflowTagKey' }, Value: { Ref: 'WorkflowTagValue' } }]);
  });

  test('a key with a token in it is not judged', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Archive');
    const day = new CfnParameter(stack, 'Day', { type: 'String' }).valueAsString;
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.copy({ destination: FileLocation.s3(bucket, `archive/${day}/`) })] });
    new TransferServer(stack, 'Server', { onUpload: workflow }).addHomeLocation(FileLocation.s3(bucket, 'home/'));
    expect(synthError(stack)).toBe('');
  });

  test('a customer managed key for the PGP secrets may be imported by a token ARN', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Archive');
    const key = kms.Key.fromKeyArn(stack, 'Key', new CfnParameter(stack, 'KeyArn', { type: 'String' }).valueAsString);
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.decrypt({ destination: FileLocation.s3(bucket, 'clear/'), pgpKeySecretsKey: key })] });
    new TransferServer(stack, 'Server', { onUpload: workflow }).addHomeLocation(FileLocation.s3(bucket, 'home/'));
    expect(synthError(stack)).toBe('');
  });
});
