import { App, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ENV, fn, newStack } from '../support/stacks';
import {
  EncryptedStateMachine, FileLocation, HomeDirectory, TransferServer, TransferStepCallback, Workflow, WorkflowStep,
} from 'cdk-transfer-family';

// The trust of every role the library creates for Transfer Family, as the user guide's confused-deputy
// examples write it (https://docs.aws.amazon.com/transfer/latest/userguide/confused-deputy.html):
// - user role: `aws:SourceArn` `arn:<partition>:transfer:<region>:<account>:user/<server-id>/*`;
// - logging role: the server (`server/*` here, its own ARN would be a cycle) "and workflow", the ARNs of
//   the workflows the server runs;
// - workflow execution role: `workflow/<workflow-id>`, this workflow's own ARN;
// each with `aws:SourceAccount` of the stack's account.


/** The logical id of a construct's CloudFormation resource. */
function idOf(construct: { node: { defaultChild?: unknown } }): string {
  const resource = construct.node.defaultChild as CfnResource;
  return Stack.of(resource).getLogicalId(resource);
}

/** Transfer Family, for this account only, on behalf of `sourceArn`. */
function trust(sourceArn: unknown, account: unknown = ENV.account) {
  return {
    AssumeRolePolicyDocument: Match.objectLike({
      Statement: [{
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'transfer.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': sourceArn } },
      }],
    }),
  };
}

/** `arn:<partition>:transfer:eu-west-1:111111111111:<resource>`, as `Stack.formatArn` writes it. */
function transferArn(...resource: unknown[]) {
  // Fn::Join as aws-cdk-lib writes it: adjacent literals joined.
  const parts: unknown[] = ['arn:', { Ref: 'AWS::Partition' }, `:transfer:${ENV.region}:${ENV.account}:`];
  for (const r of resource) {
    if (typeof r === 'string' && typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += r;
    else parts.push(r);
  }
  return { 'Fn::Join': ['', parts] };
}

/** The trust policies of the roles Transfer Family may assume, by logical id. */
function transferTrusts(template: Template): Record<string, any> {
  const roles = template.findResources('AWS::IAM::Role');
  return Object.fromEntries(Object.entries(roles)
    .filter(([, r]) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('transfer.amazonaws.com'))
    .map(([id, r]) => [id, r.Properties.AssumeRolePolicyDocument]));
}

/** A workflow with a custom step (a function reporting to it) and a state machine step (reporting to it too). */
function processingWorkflow(stack: Stack, id = 'Process'): Workflow {
  const workflow = new Workflow(stack, id, { steps: [WorkflowStep.custom({ function: fn(stack, `${id}Scanner`), timeout: Duration.minutes(5) })] });
  const machine = new EncryptedStateMachine(stack, `${id}Machine`, {
    definitionBody: sfn.DefinitionBody.fromChainable(TransferStepCallback.success(stack, `${id}Done`, { workflows: [workflow] })),
  });
  workflow.addStep(WorkflowStep.runStateMachine({ stateMachine: machine }));
  workflow.addStep(WorkflowStep.delete());
  return workflow;
}

describe('workflow execution role', () => {
  test('trusts Transfer Family for this account and this workflow\'s own ARN only', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Role', trust({ 'Fn::GetAtt': [idOf(workflow), 'Arn'] }));
    expect(transferTrusts(t)[idOf(workflow.executionRole!)].Statement).toHaveLength(1);
  });

  test('names the workflow without a dependency cycle, with a custom step\'s function and a state machine step reporting to the workflow', () => {
    const stack = newStack();
    const workflow = processingWorkflow(stack);
    const t = Template.fromStack(stack); // throws on a dependency cycle
    t.hasResourceProperties('AWS::IAM::Role', trust({ 'Fn::GetAtt': [idOf(workflow), 'Arn'] }));
    // The workflow resource waits for nothing of its execution role.
    const resource = t.toJSON().Resources[idOf(workflow)];
    expect(JSON.stringify(resource)).not.toContain(idOf(workflow.executionRole!));
  });

  test('each workflow\'s role names its own workflow', () => {
    const stack = newStack();
    const first = new Workflow(stack, 'First', { steps: [WorkflowStep.delete()] });
    const second = new Workflow(stack, 'Second', { steps: [WorkflowStep.delete()] });
    const trusts = transferTrusts(Template.fromStack(stack));
    expect(trusts[idOf(first.executionRole!)].Statement[0].Condition.ArnLike).toEqual({ 'aws:SourceArn': { 'Fn::GetAtt': [idOf(first), 'Arn'] } });
    expect(trusts[idOf(second.executionRole!)].Statement[0].Condition.ArnLike).toEqual({ 'aws:SourceArn': { 'Fn::GetAtt': [idOf(second), 'Arn'] } });
  });

  test('a role given as `executionRole` keeps its own trust, and the workflow creates none', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()], executionRole: role });
    expect(workflow.executionRole).toBe(role);
    expect(workflow.node.tryFindChild('ExecutionRole')).toBeUndefined();
    const t = Template.fromStack(stack);
    expect(Object.keys(t.findResources('AWS::IAM::Role'))).toEqual([idOf(role)]);
    expect(transferTrusts(t)[idOf(role)]).toEqual({
      Version: '2012-10-17',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'transfer.amazonaws.com' } }],
    });
  });
});

describe('server logging role', () => {
  test('without workflows: this account\'s servers only (the server\'s own ARN would be a cycle)', () => {
    const stack = newStack();
    const server = new TransferServer(stack, 'Server');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Role', trust(transferArn('server/*')));
    expect(transferTrusts(t)[idOf(server.loggingRole)].Statement).toHaveLength(1);
  });

  test('with workflows: also the ARN of each workflow the server runs, whose logs the service writes with this role', () => {
    const stack = newStack();
    const upload = processingWorkflow(stack, 'Upload');
    const partial = new Workflow(stack, 'Partial', { steps: [WorkflowStep.delete()] });
    const other = new Workflow(stack, 'Other', { steps: [WorkflowStep.delete()] });
    const server = new TransferServer(stack, 'Server', { onUpload: upload, onPartialUpload: partial });
    server.addHomeLocation(FileLocation.s3(new s3.Bucket(stack, 'Landing'), 'home/'));
    const t = Template.fromStack(stack); // no dependency cycle
    t.hasResourceProperties('AWS::IAM::Role', trust([
      transferArn('server/*'),
      { 'Fn::GetAtt': [idOf(upload), 'Arn'] },
      { 'Fn::GetAtt': [idOf(partial), 'Arn'] },
    ]));
    // A workflow the server does not run is not named.
    expect(JSON.stringify(transferTrusts(t)[idOf(server.loggingRole)])).not.toContain(idOf(other));
  });

  test('a workflow run on both complete and partial uploads is named once', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    new TransferServer(stack, 'Server', { onUpload: workflow, onPartialUpload: workflow })
      .addHomeLocation(FileLocation.s3(new s3.Bucket(stack, 'Landing'), 'home/'));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', trust([transferArn('server/*'), { 'Fn::GetAtt': [idOf(workflow), 'Arn'] }]));
  });

  test('an imported workflow is named by the ARN built from its id, in the stack\'s partition', () => {
    const stack = newStack();
    const role = iam.Role.fromRoleArn(stack, 'Exec', 'arn:aws:iam::111111111111:role/exec', { mutable: false });
    const workflow = Workflow.fromWorkflowAttributes(stack, 'Imported', { workflowId: 'w-0123456789abcdef0', executionRole: role });
    new TransferServer(stack, 'Server', { onUpload: workflow });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', trust([transferArn('server/*'), transferArn('workflow/w-0123456789abcdef0')]));
  });

  test('a role given as `loggingRole` keeps its own trust', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    const server = new TransferServer(stack, 'Server', { loggingRole: role, onUpload: workflow });
    server.addHomeLocation(FileLocation.s3(new s3.Bucket(stack, 'Landing'), 'home/'));
    expect(server.node.tryFindChild('LoggingRole')).toBeUndefined();
    expect(transferTrusts(Template.fromStack(stack))[idOf(role)].Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'transfer.amazonaws.com' } },
    ]);
  });
});

describe('users\' shared role', () => {
  test('trusts Transfer Family for this account and the users of this server: `user/<server-id>/*`', () => {
    const stack = newStack();
    const server = new TransferServer(stack, 'Server');
    const user = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Home'), 'home/alice') });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Role', trust(transferArn('user/', { 'Fn::GetAtt': [idOf(server), 'ServerId'] }, '/*')));
    expect(transferTrusts(t)[idOf(user.role)].Statement).toHaveLength(1);
  });
});

describe('the whole estate', () => {
  /** A server running a processing workflow on upload and another on partial uploads, with users. */
  function estate(workflowStack: Stack, serverStack: Stack) {
    const upload = processingWorkflow(workflowStack, 'Upload');
    const partial = new Workflow(workflowStack, 'Partial', { steps: [WorkflowStep.delete()] });
    // With the workflows: their roles act on the homes, and the server's stack depends on theirs.
    const bucket = new s3.Bucket(workflowStack, 'Homes');
    const server = new TransferServer(serverStack, 'Server', { onUpload: upload, onPartialUpload: partial });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.chroot(bucket, 'home/bob'), readOnly: true });
    return { upload, partial, server };
  }

  test('synthesizes without a dependency cycle, every role trusting Transfer Family as documented', () => {
    const stack = newStack();
    const { upload, partial, server } = estate(stack, stack);
    const t = Template.fromStack(stack); // throws on a dependency cycle
    const trusts = transferTrusts(t);
    const users = server.node.children.filter((c) => c.node.id.startsWith('UsersRole')).map((c) => idOf(c as iam.Role));
    expect(users).toHaveLength(1);
    const roles = [idOf(upload.executionRole!), idOf(partial.executionRole!), idOf(server.loggingRole), ...users];
    expect(Object.keys(trusts).sort()).toEqual(roles.sort());
    const sourceArn = (role: string) => trusts[role].Statement[0].Condition.ArnLike['aws:SourceArn'];
    expect(sourceArn(idOf(upload.executionRole!))).toEqual({ 'Fn::GetAtt': [idOf(upload), 'Arn'] });
    expect(sourceArn(idOf(partial.executionRole!))).toEqual({ 'Fn::GetAtt': [idOf(partial), 'Arn'] });
    expect(sourceArn(idOf(server.loggingRole))).toEqual([transferArn('server/*'), { 'Fn::GetAtt': [idOf(upload), 'Arn'] }, { 'Fn::GetAtt': [idOf(partial), 'Arn'] }]);
    expect(sourceArn(users[0])).toEqual(transferArn('user/', { 'Fn::GetAtt': [idOf(server), 'ServerId'] }, '/*'));
    for (const role of Object.values(trusts)) {
      expect(role.Statement[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': ENV.account });
    }
  });

  test('with the workflows in a stack of their own, the server\'s stack depends on theirs, not the other way round', () => {
    const app = new App();
    const workflows = newStack('Workflows', app);
    const servers = newStack('Servers', app);
    const { upload } = estate(workflows, servers);
    app.synth(); // throws on a cycle between the stacks
    expect(servers.dependencies).toEqual([workflows]);
    expect(workflows.dependencies).toEqual([]);
    Template.fromStack(workflows); // and inside each stack
    const t = Template.fromStack(servers);
    t.hasResourceProperties('AWS::IAM::Role', trust(Match.arrayWith([transferArn('server/*'), { 'Fn::ImportValue': Match.stringLikeRegexp(idOf(upload)) }])));
  });

  test('in an environment-agnostic stack the conditions name the deploying account, region and partition', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const { server } = estate(stack, stack);
    const trusts = transferTrusts(Template.fromStack(stack));
    const logging = trusts[idOf(server.loggingRole)].Statement[0].Condition;
    expect(logging.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(logging.ArnLike['aws:SourceArn'][0]).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':server/*']],
    });
    // Partition-aware throughout: no trust policy spells out the `aws` partition.
    expect(JSON.stringify(trusts)).not.toContain('arn:aws:');
  });
});
