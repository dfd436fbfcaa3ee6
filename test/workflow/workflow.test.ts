import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Duration, Lazy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { WORKFLOW_RULES } from '../../src/workflow/workflow-rules';
import { fn, newStack } from '../support/stacks';
import { synthError } from '../support/synth';
import { reportedRules } from '../support/workflow-steps';
import {
  Domain, EncryptedStateMachine, FileLocation, HomeDirectory, IWorkflow, SourceFile, TransferServer, TransferStepCallback,
  Workflow, WorkflowStep,
} from 'cdk-transfer-family';


/** A server running `workflow` on upload, whose users live under `home/` of a landing bucket. */
function attach(stack: Stack, workflow: IWorkflow, landing?: s3.IBucket): TransferServer {
  const server = new TransferServer(stack, 'Server', { onUpload: workflow });
  server.addHomeLocation(FileLocation.s3(landing ?? new s3.Bucket(stack, 'Landing'), 'home/'));
  return server;
}

/** A CloudFormation value as readable text: `Landing.Arn/home/*`, logical id hashes left out. */
function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(flat).join(v['Fn::Join'][0]);
  if (v['Fn::GetAtt']) return `${strip(v['Fn::GetAtt'][0])}.${v['Fn::GetAtt'][1]}`;
  if (v.Ref) return String(v.Ref).startsWith('AWS::') ? `{${v.Ref}}` : strip(v.Ref);
  return JSON.stringify(value);
}

function strip(logicalId: string): string {
  return logicalId.replace(/[0-9A-F]{8}$/, '');
}

interface Statement {
  readonly actions: string[];
  readonly resources: string[];
  readonly condition?: unknown;
}

function statementsOf(policyDocument: any): Statement[] {
  return policyDocument.Statement.map((s: any) => ({
    actions: [s.Action].flat(),
    resources: [s.Resource].flat().map(flat),
    ...(s.Condition ? { condition: s.Condition } : {}),
  }));
}

/** Every statement of every policy attached to `role`, readable. */
function roleStatements(stack: Stack, role: iam.IRole): Statement[] {
  const logicalId = stack.getLogicalId(role.node.defaultChild as CfnResource);
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p: any) => p.Properties.Roles.some((r: any) => r.Ref === logicalId))
    .flatMap((p: any) => statementsOf(p.Properties.PolicyDocument));
}

/** The actions allowed on each resource. */
function byResource(statements: Statement[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of statements) {
    for (const r of s.resources) out[r] = [...new Set([...(out[r] ?? []), ...s.actions])].sort();
  }
  return out;
}

const COPY_READ = ['s3:GetObject', 's3:GetObjectTagging', 's3:GetObjectVersion', 's3:GetObjectVersionTagging'];
const TAG = ['s3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'];
const DELETE = ['s3:DeleteObject', 's3:DeleteObjectVersion'];
const READ = ['s3:GetObject', 's3:GetObjectVersion'];

// ---------------------------------------------------------------------------------------------
// The template: steps as CloudFormation takes them
// ---------------------------------------------------------------------------------------------

describe('Workflow steps in the template', () => {
  test('the contract example renders every step type with its details, names and source file', () => {
    const stack = newStack();
    const archive = new s3.Bucket(stack, 'Archive');
    const clear = new s3.Bucket(stack, 'Clear');
    const quarantine = new s3.Bucket(stack, 'Quarantine');
    const workflow = new Workflow(stack, 'Ingest', {
      description: 'archive then scan',
      steps: [
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'archive/${transfer:UserName}/'), overwriteExisting: true }),
        WorkflowStep.tag({ tags: { stage: 'received' } }),
        WorkflowStep.custom({ function: fn(stack), timeout: Duration.minutes(5) }),
        WorkflowStep.decrypt({ destination: FileLocation.s3(clear, 'decrypted/'), source: SourceFile.ORIGINAL }),
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
      onException: [WorkflowStep.copy({ destination: FileLocation.s3(quarantine, 'failed/') })],
    });
    workflow.addStep(WorkflowStep.tag({ tags: { stage: 'done' } }));
    attach(stack, workflow);

    const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::Transfer::Workflow')) as any[];
    expect(resource.Properties).toEqual({
      Description: 'archive then scan',
      Steps: [
        {
          Type: 'COPY',
          CopyStepDetails: {
            Name: 'copy-1',
            SourceFileLocation: '${previous.file}',
            DestinationFileLocation: { S3FileLocation: { Bucket: { Ref: expect.stringMatching(/^Archive/) }, Key: 'archive/${transfer:UserName}/' } },
            OverwriteExisting: 'TRUE',
          },
        },
        { Type: 'TAG', TagStepDetails: { Name: 'tag-2', SourceFileLocation: '${previous.file}', Tags: [{ Key: 'stage', Value: 'received' }] } },
        {
          Type: 'CUSTOM',
          CustomStepDetails: {
            Name: 'custom-3',
            SourceFileLocation: '${previous.file}',
            Target: { 'Fn::GetAtt': [expect.stringMatching(/^Scanner/), 'Arn'] },
            TimeoutSeconds: 300,
          },
        },
        {
          Type: 'DECRYPT',
          DecryptStepDetails: {
            Name: 'decrypt-4',
            SourceFileLocation: '${original.file}',
            Type: 'PGP',
            DestinationFileLocation: { S3FileLocation: { Bucket: { Ref: expect.stringMatching(/^Clear/) }, Key: 'decrypted/' } },
          },
        },
        { Type: 'DELETE', DeleteStepDetails: { Name: 'delete-5', SourceFileLocation: '${original.file}' } },
        { Type: 'TAG', TagStepDetails: { Name: 'tag-6', SourceFileLocation: '${previous.file}', Tags: [{ Key: 'stage', Value: 'done' }] } },
      ],
      OnExceptionSteps: [{
        Type: 'COPY',
        CopyStepDetails: {
          Name: 'exception-copy-1',
          SourceFileLocation: '${previous.file}',
          DestinationFileLocation: { S3FileLocation: { Bucket: { Ref: expect.stringMatching(/^Quarantine/) }, Key: 'failed/' } },
        },
      }],
    });
  });

  test('given names are kept, generated ones avoid them; exception steps can be added later; EFS decrypt destinations', () => {
    const stack = newStack();
    const fileSystem = new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 }) });
    const workflow = new Workflow(stack, 'Wf', {
      steps: [
        WorkflowStep.decrypt({ name: 'tag-2', destination: FileLocation.efs(fileSystem, '/clear/'), overwriteExisting: false }),
        WorkflowStep.delete(),
      ],
    });
    workflow.addExceptionStep(WorkflowStep.delete({ name: 'cleanup' }));
    workflow.addExceptionStep(WorkflowStep.delete({ source: SourceFile.ORIGINAL }));
    const server = new TransferServer(stack, 'Server', { onUpload: workflow, domain: Domain.EFS });
    server.addHomeLocation(FileLocation.efs(fileSystem, '/home'));

    const props = (Object.values(Template.fromStack(stack).findResources('AWS::Transfer::Workflow'))[0] as any).Properties;
    expect(props.Steps[0]).toEqual({
      Type: 'DECRYPT',
      DecryptStepDetails: {
        Name: 'tag-2',
        SourceFileLocation: '${previous.file}',
        Type: 'PGP',
        OverwriteExisting: 'FALSE',
        DestinationFileLocation: { EfsFileLocation: { FileSystemId: { Ref: expect.stringMatching(/^Files/) }, Path: '/clear/' } },
      },
    });
    expect(props.Steps[1].DeleteStepDetails.Name).toBe('delete-2');
    expect(props.OnExceptionSteps.map((s: any) => s.DeleteStepDetails.Name)).toEqual(['cleanup', 'exception-delete-2']);
    expect(props.Description).toBeUndefined();
  });

  test('a generated name that a given name already uses gets a suffix', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete(), WorkflowStep.tag({ name: 'delete-1', tags: { a: 'b' } })] });
    attach(stack, workflow);
    const steps = (Object.values(Template.fromStack(stack).findResources('AWS::Transfer::Workflow'))[0] as any).Properties.Steps;
    expect(steps.map((s: any) => (s.DeleteStepDetails ?? s.TagStepDetails).Name)).toEqual(['delete-1-2', 'delete-1']);
  });

  test('without exception steps, OnExceptionSteps is left out', () => {
    const stack = newStack();
    attach(stack, new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] }));
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Workflow', { OnExceptionSteps: Match.absent() });
  });
});

// ---------------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------------

describe('Workflow on servers', () => {
  test('a server references the workflow by GetAtt, so a replaced workflow (changed steps) updates the server', () => {
    const stack = newStack();
    const upload = new Workflow(stack, 'Upload', { steps: [WorkflowStep.delete()] });
    const partial = new Workflow(stack, 'Partial', { steps: [WorkflowStep.delete()] });
    const server = new TransferServer(stack, 'Server', { onUpload: upload, onPartialUpload: partial });
    server.addHomeLocation(FileLocation.s3(new s3.Bucket(stack, 'Landing'), 'home/'));
    const id = (w: Workflow) => stack.getLogicalId(w.node.defaultChild as CfnResource);
    const role = (w: Workflow) => stack.getLogicalId(w.executionRole!.node.defaultChild as CfnResource);
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Server', {
      WorkflowDetails: {
        OnUpload: [{ WorkflowId: { 'Fn::GetAtt': [id(upload), 'WorkflowId'] }, ExecutionRole: { 'Fn::GetAtt': [role(upload), 'Arn'] } }],
        OnPartialUpload: [{ WorkflowId: { 'Fn::GetAtt': [id(partial), 'WorkflowId'] }, ExecutionRole: { 'Fn::GetAtt': [role(partial), 'Arn'] } }],
      },
    });
    expect(stack.resolve(upload.workflowArn)).toEqual({ 'Fn::GetAtt': [id(upload), 'Arn'] });
  });

  test('the execution role trusts Transfer Family for this account and this workflow only', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    attach(stack, workflow);
    const roleId = stack.getLogicalId(workflow.executionRole!.node.defaultChild as CfnResource);
    expect(Template.fromStack(stack).toJSON().Resources[roleId].Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'transfer.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111111111111' },
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [stack.getLogicalId(workflow.node.defaultChild as CfnResource), 'Arn'] } },
        },
      }],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The execution role, step by step
// ---------------------------------------------------------------------------------------------

describe('Workflow execution role', () => {
  test.each([
    ['copy', (_s: Stack, a: s3.IBucket) => WorkflowStep.copy({ destination: FileLocation.s3(a, 'archive/${transfer:UserName}/${transfer:UploadDate}/') }),
      // Not told to overwrite: the service looks for a file of the same name first, which lists the bucket.
      { 'Landing.Arn/home/*': COPY_READ, 'Archive.Arn/archive/*/*/*': ['s3:PutObject', 's3:PutObjectTagging'], 'Archive.Arn': ['s3:ListBucket'] }],
    ['copy to one named object', (_s: Stack, a: s3.IBucket) => WorkflowStep.copy({ destination: FileLocation.s3(a, 'latest.csv'), overwriteExisting: true }),
      { 'Landing.Arn/home/*': COPY_READ, 'Archive.Arn/latest.csv': ['s3:PutObject', 's3:PutObjectTagging'] }],
    ['tag', () => WorkflowStep.tag({ tags: { stage: 'received' } }), { 'Landing.Arn/home/*': TAG }],
    ['delete', () => WorkflowStep.delete(), { 'Landing.Arn/home/*': DELETE }],
    ['custom', (s: Stack) => WorkflowStep.custom({ function: fn(s) }), { 'Scanner.Arn': ['lambda:InvokeFunction'] }],
    ['decrypt', (_s: Stack, a: s3.IBucket) => WorkflowStep.decrypt({ destination: FileLocation.s3(a, 'clear/') }), {
      'Landing.Arn/home/*': READ,
      'Archive.Arn/clear/*': ['s3:PutObject'],
      'Archive.Arn': ['s3:ListBucket'],
      'arn:{AWS::Partition}:secretsmanager:eu-west-1:111111111111:secret:aws/transfer/Server.ServerId/*': ['secretsmanager:GetSecretValue'],
    }],
  ] as const)('%s: exactly what the step does, where it does it', (_name, make, expected) => {
    const stack = newStack();
    const archive = new s3.Bucket(stack, 'Archive');
    const workflow = new Workflow(stack, 'Wf', { steps: [make(stack, archive)] });
    attach(stack, workflow);
    const statements = roleStatements(stack, workflow.executionRole!);
    expect(byResource(statements)).toEqual(expected);
    expect(statements.every((s) => s.condition === undefined)).toBe(true);
  });

  test('the file moves through the steps: after a copy, "previous" is the copy; "original" is the upload', () => {
    const stack = newStack();
    const archive = new s3.Bucket(stack, 'Archive');
    const workflow = new Workflow(stack, 'Wf', {
      steps: [
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'archive/') }),
        WorkflowStep.tag({ tags: { stage: 'archived' } }), // tags the copy
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }), // deletes the upload
      ],
      // An exception step may run after any step: its "previous" file is the upload or the copy.
      onException: [WorkflowStep.tag({ tags: { stage: 'failed' } })],
    });
    attach(stack, workflow);
    expect(byResource(roleStatements(stack, workflow.executionRole!))).toEqual({
      'Landing.Arn/home/*': [...new Set([...COPY_READ, ...DELETE, ...TAG])].sort(),
      'Archive.Arn/archive/*': [...new Set(['s3:PutObject', 's3:PutObjectTagging', ...TAG])].sort(),
      'Archive.Arn': ['s3:ListBucket'],
    });
  });

  test('customer managed keys: decrypt to read, data keys to write, only through S3 or Secrets Manager', () => {
    const stack = newStack();
    const landing = new s3.Bucket(stack, 'Landing', { encryption: s3.BucketEncryption.KMS });
    const archive = new s3.Bucket(stack, 'Archive', { encryption: s3.BucketEncryption.KMS });
    const secretsKey = new kms.Key(stack, 'SecretsKey');
    const workflow = new Workflow(stack, 'Wf', {
      steps: [
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'archive/') }),
        WorkflowStep.decrypt({ destination: FileLocation.s3(archive, 'clear/'), source: SourceFile.ORIGINAL, pgpKeySecretsKey: secretsKey }),
      ],
    });
    attach(stack, workflow, landing);
    const kmsStatements = roleStatements(stack, workflow.executionRole!).filter((s) => s.actions.some((a) => a.startsWith('kms:')));
    expect(kmsStatements).toEqual(expect.arrayContaining([
      { actions: ['kms:Decrypt'], resources: ['LandingKey.Arn'], condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } },
      { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['ArchiveKey.Arn'], condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } },
      { actions: ['kms:Decrypt'], resources: ['SecretsKey.Arn'], condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } } },
    ]));
    expect(kmsStatements).toHaveLength(3);
  });

  test('nothing more: no wildcard actions, no "*" resource, no bucket-wide write, no empty resource list', () => {
    const stack = newStack();
    const archive = new s3.Bucket(stack, 'Archive', { encryption: s3.BucketEncryption.KMS });
    const machine = new EncryptedStateMachine(stack, 'Scan', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')) });
    const workflow = new Workflow(stack, 'Wf', {
      steps: [
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'archive/${transfer:UserName}/') }),
        WorkflowStep.tag({ tags: { stage: 'received' } }),
        WorkflowStep.custom({ function: fn(stack) }),
        WorkflowStep.runStateMachine({ stateMachine: machine }),
        WorkflowStep.decrypt({ destination: FileLocation.s3(archive, 'clear/'), source: SourceFile.ORIGINAL }),
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
      onException: [WorkflowStep.copy({ destination: FileLocation.s3(archive, 'failed/') })],
    });
    attach(stack, workflow);
    const statements = roleStatements(stack, workflow.executionRole!);
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      expect(s.resources.length).toBeGreaterThan(0);
      expect(s.actions.filter((a) => a.includes('*'))).toEqual([]);
      expect(s.resources).not.toContain('*');
      // Writes go under a prefix, never to the whole bucket.
      if (s.actions.some((a) => a === 's3:PutObject' || a.startsWith('s3:Delete'))) {
        expect(s.resources.filter((r) => /\.Arn(\/\*)?$/.test(r))).toEqual([]);
      }
    }
    // The only wildcards are parts of keys and secret names the service fills in at run time.
    const wildcards = statements.flatMap((s) => s.resources).filter((r) => r.includes('*')).sort();
    expect([...new Set(wildcards)]).toEqual([
      'Archive.Arn/archive/*/*',
      'Archive.Arn/clear/*',
      'Archive.Arn/failed/*',
      'Landing.Arn/home/*',
      'arn:{AWS::Partition}:secretsmanager:eu-west-1:111111111111:secret:aws/transfer/Server.ServerId/*',
    ]);
  });

  test('home locations added after the workflow and the server count (users are added later)', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    const server = new TransferServer(stack, 'Server', { onUpload: workflow });
    const landing = new s3.Bucket(stack, 'Landing');
    server.addUser('Acme', { userName: 'acme', homeDirectory: HomeDirectory.chroot(landing, 'partners/acme') });
    server.addHomeLocation(FileLocation.s3(landing, 'shared/'));
    expect(byResource(roleStatements(stack, workflow.executionRole!))).toEqual({
      'Landing.Arn/partners/*': DELETE,
      'Landing.Arn/shared/*': DELETE,
    });
  });

  test('homes are granted by their directory: 300 users under one directory give one resource, not 300', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    const server = new TransferServer(stack, 'Server', { onUpload: workflow });
    const landing = new s3.Bucket(stack, 'Landing');
    for (let i = 0; i < 300; i++) {
      server.addUser(`U${i}`, { userName: `partner-${i}`, homeDirectory: HomeDirectory.chroot(landing, `partners/partner-${i}`) });
    }
    expect(byResource(roleStatements(stack, workflow.executionRole!))).toEqual({ 'Landing.Arn/partners/*': DELETE });
  });

  test('two servers: both servers\' homes, and the PGP key secrets of both', () => {
    const stack = newStack();
    const landing = new s3.Bucket(stack, 'Landing');
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.decrypt({ destination: FileLocation.s3(landing, 'clear/') })] });
    const a = new TransferServer(stack, 'A', { onUpload: workflow });
    const b = new TransferServer(stack, 'B', { onPartialUpload: workflow });
    a.addHomeLocation(FileLocation.s3(landing, 'a'));
    b.addHomeLocation(FileLocation.s3(landing, 'b/'));
    const resources = Object.keys(byResource(roleStatements(stack, workflow.executionRole!))).sort();
    expect(resources).toEqual([
      'Landing.Arn', // s3:ListBucket: the decrypt step does not overwrite
      'Landing.Arn/a/*',
      'Landing.Arn/b/*',
      'Landing.Arn/clear/*',
      'arn:{AWS::Partition}:secretsmanager:eu-west-1:111111111111:secret:aws/transfer/A.ServerId/*',
      'arn:{AWS::Partition}:secretsmanager:eu-west-1:111111111111:secret:aws/transfer/B.ServerId/*',
    ]);
  });

  test('EFS: mount to read, mount and write to delete or write, on the file system', () => {
    const stack = newStack();
    const fileSystem = new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 }) });
    const workflow = new Workflow(stack, 'Wf', {
      steps: [WorkflowStep.decrypt({ destination: FileLocation.efs(fileSystem, '/clear/') }), WorkflowStep.delete({ source: SourceFile.ORIGINAL })],
    });
    const server = new TransferServer(stack, 'Server', { onUpload: workflow, domain: Domain.EFS });
    server.addHomeLocation(FileLocation.efs(fileSystem, '/home'));
    const resources = byResource(roleStatements(stack, workflow.executionRole!));
    expect(resources['Files.Arn']).toEqual(['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite']);
    expect(Object.keys(resources).filter((r) => r.startsWith('Files') || r.includes(':s3:'))).toEqual(['Files.Arn']);
  });

  test('a given execution role is used (no role created) and gets the statements', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()], executionRole: role });
    attach(stack, workflow);
    expect(workflow.executionRole).toBe(role);
    expect(byResource(roleStatements(stack, role))).toEqual({ 'Landing.Arn/home/*': DELETE });
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::IAM::Role')).filter((id) => id.startsWith('Wf'))).toEqual([]);
  });

  test('a server without home location: no permission on uploads, and a warning that says how to fix it', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.custom({ function: fn(stack) }), WorkflowStep.delete()] });
    new TransferServer(stack, 'Server', { onUpload: workflow });
    expect(byResource(roleStatements(stack, workflow.executionRole!))).toEqual({ 'Scanner.Arn': ['lambda:InvokeFunction'] });
    const found = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('workflow/source-locations-unknown'));
    expect(found.map((w) => [w.id, String(w.entry.data)])).toEqual([[
      '/Stack/Wf/Resource',
      expect.stringMatching(/server Stack\/Server has no home location, so step 2 \("delete-2"\) may not act on its uploads.*Fix: .*addHomeLocation/),
    ]]);
  });

  test('wildcard resources of the role are acknowledged for cdk-nag one by one, with a reason', () => {
    const stack = newStack();
    const archive = new s3.Bucket(stack, 'Archive');
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.copy({ destination: FileLocation.s3(archive, 'archive/${transfer:UserName}/') })] });
    attach(stack, workflow);
    Template.fromStack(stack);
    const acknowledged = workflow.executionRole!.node.metadata
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledged.map(([id]) => id).sort()).toEqual([
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Archive[0-9A-F]{8}\.Arn>\/archive\/\*\/\*\]$/),
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Landing[0-9A-F]{8}\.Arn>\/home\/\*\]$/),
    ]);
    for (const [, reason] of acknowledged) expect(reason.length).toBeGreaterThan(40);
  });
});

// ---------------------------------------------------------------------------------------------
// Grants, imports
// ---------------------------------------------------------------------------------------------

describe('Workflow grants and imports', () => {
  test('a custom step\'s function may report to this workflow only, from a policy of its own (no dependency cycle)', () => {
    const stack = newStack();
    const scanner = fn(stack);
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.custom({ function: scanner })] });
    attach(stack, workflow);
    const t = Template.fromStack(stack);
    const statements = roleStatements(stack, scanner.role!);
    expect(statements).toEqual([{ actions: ['transfer:SendWorkflowStepState'], resources: ['Wf.Arn'] }]);
    // Not in the function's default policy, which the function waits for.
    const functionId = stack.getLogicalId(scanner.node.defaultChild as CfnResource);
    const dependsOn: string[] = t.toJSON().Resources[functionId].DependsOn ?? [];
    const granting = Object.entries(t.findResources('AWS::IAM::Policy'))
      .filter(([, p]: [string, any]) => JSON.stringify(p.Properties.PolicyDocument).includes('SendWorkflowStepState'))
      .map(([id]) => id);
    expect(granting).toHaveLength(1);
    expect(dependsOn).not.toContain(granting[0]);
  });

  test('versions and aliases are targets with their qualified ARN', () => {
    const stack = newStack();
    const scanner = fn(stack);
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: scanner.currentVersion });
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.custom({ function: alias })] });
    attach(stack, workflow);
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Workflow', {
      Steps: [{ Type: 'CUSTOM', CustomStepDetails: Match.objectLike({ Target: { Ref: stack.getLogicalId(alias.node.defaultChild as CfnResource) } }) }],
    });
    expect(byResource(roleStatements(stack, workflow.executionRole!))).toEqual({ Live: ['lambda:InvokeFunction'] });
  });

  test('grantSendStepState to a user (not a role) uses the user\'s policy', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    attach(stack, workflow);
    const user = new iam.User(stack, 'Operator');
    const grant = workflow.grantSendStepState(user);
    expect(grant.success).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Users: [{ Ref: stack.getLogicalId(user.node.defaultChild as CfnResource) }],
      PolicyDocument: { Statement: [{ Action: 'transfer:SendWorkflowStepState', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Wf'), 'Arn'] } }] },
    });
  });

  test('imports: by id (no role: a server refuses it) and with attributes (the role is passed)', () => {
    const stack = newStack();
    const byId = Workflow.fromWorkflowId(stack, 'ById', 'w-0123456789abcdef0');
    expect(stack.resolve(byId.workflowArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:eu-west-1:111111111111:workflow/w-0123456789abcdef0']],
    });
    expect(byId.executionRole).toBeUndefined();
    new TransferServer(stack, 'Refused', { onUpload: byId });
    expect(synthError(stack)).toMatch(/\[server\/workflow-execution-role\] `onUpload` workflow has no execution role/);

    const other = newStack('Other');
    const role = iam.Role.fromRoleArn(other, 'Role', 'arn:aws:iam::111111111111:role/workflow');
    const withRole = Workflow.fromWorkflowAttributes(other, 'WithRole', { workflowId: 'w-0123456789abcdef0', executionRole: role });
    new TransferServer(other, 'Server', { onUpload: withRole });
    Template.fromStack(other).hasResourceProperties('AWS::Transfer::Server', {
      WorkflowDetails: { OnUpload: [{ WorkflowId: 'w-0123456789abcdef0', ExecutionRole: 'arn:aws:iam::111111111111:role/workflow' }] },
    });
    expect(Workflow.isWorkflow(withRole)).toBe(false);
  });

  test('a Workflow is an aws-cdk-lib IWorkflowRef: TransferStepCallback names exactly this workflow', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    attach(stack, workflow);
    const machine = new EncryptedStateMachine(stack, 'Scan', {
      definitionBody: sfn.DefinitionBody.fromChainable(TransferStepCallback.success(stack, 'Done', { workflows: [workflow] })),
    });
    expect(roleStatements(stack, machine.role)).toContainEqual({ actions: ['transfer:SendWorkflowStepState'], resources: ['Wf.Arn'] });
    expect(stack.resolve(workflow.workflowRef)).toEqual({
      workflowId: { 'Fn::GetAtt': [expect.stringMatching(/^Wf/), 'WorkflowId'] },
      workflowArn: { 'Fn::GetAtt': [expect.stringMatching(/^Wf/), 'Arn'] },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// WorkflowStep.runStateMachine: the bridge
// ---------------------------------------------------------------------------------------------

describe('WorkflowStep.runStateMachine', () => {
  function scanMachine(stack: Stack, id = 'Scan', workflows?: Workflow[]) {
    return new EncryptedStateMachine(stack, id, {
      definitionBody: sfn.DefinitionBody.fromChainable(TransferStepCallback.success(stack, `${id}Done`, { workflows })),
    });
  }

  test('the step targets the bridge function: the library\'s code inline, latest Node.js, its own log group, the state machine\'s ARN', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    const machine = scanMachine(stack, 'Scan', [workflow]);
    workflow.addStep(WorkflowStep.runStateMachine({ stateMachine: machine, timeout: Duration.minutes(20), name: 'scan' }));
    attach(stack, workflow);
    const t = Template.fromStack(stack);

    const functions = t.findResources('AWS::Lambda::Function');
    const [bridgeId] = Object.keys(functions).filter((id) => id.startsWith('TransferStateMachineBridge'));
    const bridge = functions[bridgeId].Properties;
    expect(bridge).toMatchObject({
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Code: { ZipFile: fs.readFileSync(path.join(__dirname, '..', '..', 'assets', 'state-machine-bridge', 'index.js'), 'utf8') },
      LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^TransferStateMachineBridge.*Logs/) } },
    });
    // Built from the state machine's name: no reference to the state machine, whose role names the workflow.
    const machineId = stack.getLogicalId(machine.node.defaultChild as CfnResource);
    const machineName = t.toJSON().Resources[machineId].Properties.StateMachineName;
    expect(machineName).toMatch(/^Stack-Scan-[0-9A-F]{8}$/);
    expect(flat(bridge.Environment.Variables.STATE_MACHINE_ARN)).toBe(`arn:{AWS::Partition}:states:eu-west-1:111111111111:stateMachine:${machineName}`);
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    t.hasResourceProperties('AWS::Transfer::Workflow', {
      Steps: Match.arrayWith([{
        Type: 'CUSTOM',
        CustomStepDetails: { Name: 'scan', SourceFileLocation: '${previous.file}', Target: { 'Fn::GetAtt': [bridgeId, 'Arn'] }, TimeoutSeconds: 1200 },
      }]),
    });
  });

  test('permissions both ways: the bridge may start the machine (with its key) and report to the workflow; the machine may report; the role may invoke the bridge', () => {
    const stack = newStack();
    const workflow = new Workflow(stack, 'Wf', { steps: [WorkflowStep.delete()] });
    const machine = scanMachine(stack, 'Scan', [workflow]);
    workflow.addStep(WorkflowStep.runStateMachine({ stateMachine: machine }));
    attach(stack, workflow);
    const t = Template.fromStack(stack); // no dependency cycle
    const bridge = Object.keys(t.findResources('AWS::Lambda::Function')).find((id) => id.startsWith('TransferStateMachineBridge'))!;
    const roleId = t.toJSON().Resources[bridge].Properties.Role['Fn::GetAtt'][0];
    const policies = Object.values(t.findResources('AWS::IAM::Policy')).filter((p: any) => p.Properties.Roles.some((r: any) => r.Ref === roleId));
    const statements = policies.flatMap((p: any) => statementsOf(p.Properties.PolicyDocument));
    expect(statements).toEqual(expect.arrayContaining([
      { actions: ['states:StartExecution'], resources: ['Scan'] },
      { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['ScanKey.Arn'], condition: expect.any(Object) },
      { actions: ['transfer:SendWorkflowStepState'], resources: ['Wf.Arn'] },
    ]));
    expect(statements.filter((s) => s.actions.includes('states:StartExecution') || s.actions.includes('transfer:SendWorkflowStepState'))).toHaveLength(2);
    expect(roleStatements(stack, machine.role)).toContainEqual({ actions: ['transfer:SendWorkflowStepState'], resources: ['Wf.Arn'] });
    expect(byResource(roleStatements(stack, workflow.executionRole!))[`${strip(bridge)}.Arn`]).toEqual(['lambda:InvokeFunction']);
  });

  test('one function per stack and state machine, shared by workflows and steps', () => {
    const app = new App();
    const stack = newStack('Stack', app);
    const scan = scanMachine(stack, 'Scan');
    const audit = scanMachine(stack, 'Audit');
    const first = new Workflow(stack, 'First', { steps: [WorkflowStep.runStateMachine({ stateMachine: scan }), WorkflowStep.runStateMachine({ stateMachine: audit })] });
    const second = new Workflow(stack, 'Second', { steps: [WorkflowStep.runStateMachine({ stateMachine: scan, source: SourceFile.ORIGINAL })] });
    new TransferServer(stack, 'A', { onUpload: first, onPartialUpload: second }).addHomeLocation(FileLocation.s3(new s3.Bucket(stack, 'Landing'), 'home/'));
    const other = newStack('Other', app);
    const third = new Workflow(other, 'Third', { steps: [WorkflowStep.runStateMachine({ stateMachine: scan })] });
    new TransferServer(other, 'B', { onUpload: third }).addHomeLocation(FileLocation.s3(new s3.Bucket(other, 'Landing'), 'home/'));

    const bridges = (st: Stack) => Object.keys(Template.fromStack(st).findResources('AWS::Lambda::Function')).filter((id) => id.startsWith('TransferStateMachineBridge'));
    expect(bridges(stack)).toHaveLength(2);
    expect(bridges(other)).toHaveLength(1);
    const targets = Object.values(Template.fromStack(stack).findResources('AWS::Transfer::Workflow'))
      .flatMap((w: any) => w.Properties.Steps.map((st: any) => st.CustomStepDetails.Target['Fn::GetAtt'][0]));
    expect(targets[0]).toBe(targets[2]);
    expect(targets[0]).not.toBe(targets[1]);
  });

  test('a plain state machine without a name is referenced by its ARN; an imported one by the ARN given', () => {
    const stack = newStack();
    const plain = new sfn.StateMachine(stack, 'Plain', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')) });
    const imported = sfn.StateMachine.fromStateMachineArn(stack, 'Imported', 'arn:aws:states:eu-west-1:222222222222:stateMachine:scan');
    const workflow = new Workflow(stack, 'Wf', {
      steps: [WorkflowStep.runStateMachine({ stateMachine: plain }), WorkflowStep.runStateMachine({ stateMachine: imported })],
    });
    attach(stack, workflow);
    const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')) as any[];
    const arns = functions.map((f) => JSON.stringify(f.Properties.Environment.Variables.STATE_MACHINE_ARN)).sort();
    expect(arns).toEqual([
      JSON.stringify('arn:aws:states:eu-west-1:222222222222:stateMachine:scan'),
      JSON.stringify({ Ref: stack.getLogicalId(plain.node.defaultChild as CfnResource) }),
    ].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Rules: one breaking test each, with the rule id, the message and the construct path
// ---------------------------------------------------------------------------------------------

type RuleCase = [id: string, build: (stack: Stack) => void, expected: RegExp];

/** What plain JavaScript may pass where the types say otherwise. */
const js = (value: unknown): never => value as never;

function plainWorkflow(stack: Stack, props: ConstructorParameters<typeof Workflow>[2]): Workflow {
  const workflow = new Workflow(stack, 'Ingest', props);
  attach(stack, workflow);
  return workflow;
}

const archiveOf = (stack: Stack) => new s3.Bucket(stack, 'Archive');
const archiveOf2 = (stack: Stack) => new s3.Bucket(stack, 'Archive2');

/** What JavaScript may pass as a destination: an object that is no location (neither bucket nor file system). */
const notALocation: FileLocation = js({ isS3: false });

const errorCases: RuleCase[] = [
  ['workflow/steps-count', (s) => plainWorkflow(s, {}), /the workflow has no steps/],
  ['workflow/steps-count', (s) => plainWorkflow(s, { steps: Array.from({ length: 9 }, (_, i) => WorkflowStep.tag({ tags: { n: `${i}` } })) }), /the workflow has 9 steps/],
  ['workflow/exception-steps-count', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.delete()], onException: Array.from({ length: 9 }, (_, i) => WorkflowStep.tag({ tags: { n: `${i}` } })),
  }), /the workflow has 9 exception steps/],
  ['workflow/step-name-format', (s) => plainWorkflow(s, { steps: [WorkflowStep.delete({ name: 'remove the file' })] }), /step 1 \("remove the file"\) has the name "remove the file"/],
  ['workflow/step-name-format', (s) => plainWorkflow(s, { steps: [WorkflowStep.delete({ name: 'x'.repeat(31) })] }), /\(31 characters\)/],
  ['workflow/step-names-unique', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.delete({ name: 'cleanup' })], onException: [WorkflowStep.delete({ name: 'cleanup', source: SourceFile.ORIGINAL })],
  }), /step 1 and exception step 1 are both named "cleanup"/],
  ['workflow/description-format', (s) => plainWorkflow(s, { steps: [WorkflowStep.delete()], description: 'archive, then scan' }), /`description` contains ","/],
  ['workflow/description-format', (s) => plainWorkflow(s, { steps: [WorkflowStep.delete()], description: 'a'.repeat(257) }), /257 characters long/],
  ['workflow/source-file', (s) => plainWorkflow(s, { steps: [WorkflowStep.delete({ source: '${upload.file}' as SourceFile })] }), /step 1 \("delete-1"\) has the source "\$\{upload.file\}"/],
  ['workflow/copy-destination-s3', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.copy({ destination: FileLocation.efs(efs.FileSystem.fromFileSystemAttributes(s, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-01234567') }), '/copy/') })],
  }), /step 1 \("copy-1"\) copies to EFS/],
  ['workflow/copy-tag-s3-only', (s) => {
    const workflow = new Workflow(s, 'Ingest', { steps: [WorkflowStep.tag({ tags: { a: 'b' } })] });
    new TransferServer(s, 'Server', { onUpload: workflow, domain: Domain.EFS });
  }, /step 1 \("tag-1"\) tags the upload on EFS server Stack\/Server/],
  ['workflow/tag-count', (s) => plainWorkflow(s, { steps: [WorkflowStep.tag({ tags: {} })] }), /step 1 \("tag-1"\) has 0 tags/],
  ['workflow/tag-count', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.tag({ tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) })],
  }), /has 11 tags/],
  ['workflow/tag-format', (s) => plainWorkflow(s, { steps: [WorkflowStep.tag({ tags: { 'stage#1': 'ok' } })] }), /has the tag key "stage#1"/],
  ['workflow/tag-format', (s) => plainWorkflow(s, { steps: [WorkflowStep.tag({ tags: { stage: 'x'.repeat(257) } })] }), /\(257 characters\) for tag "stage"/],
  ['workflow/custom-timeout', (s) => plainWorkflow(s, { steps: [WorkflowStep.custom({ function: fn(s), timeout: Duration.minutes(31) })] }), /step 1 \("custom-1"\) has a timeout of 1860 seconds/],
  ['workflow/custom-timeout', (s) => plainWorkflow(s, { steps: [WorkflowStep.custom({ function: fn(s), timeout: Duration.millis(1500) })] }), /has a timeout of 1.5 seconds/],
  // From JavaScript, an object that is no location: `WorkflowStep.decrypt()` takes it, the template has no destination.
  ['workflow/decrypt-destination', (s) => plainWorkflow(s, { steps: [WorkflowStep.decrypt({ destination: notALocation })] }), /step 1 \("decrypt-1"\) has no destination/],
  ['workflow/copy-destination-s3', (s) => plainWorkflow(s, { steps: [WorkflowStep.copy({ destination: notALocation })] }), /step 1 \("copy-1"\) has no destination/],
  ['workflow/custom-target', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.custom({ function: lambda.Function.fromFunctionArn(s, 'Foreign', 'arn:aws:states:eu-west-1:111111111111:stateMachine:scan') })],
  }), /step 1 \("custom-1"\) targets "arn:aws:states:eu-west-1:111111111111:stateMachine:scan", which is not a Lambda ARN/],
  ['workflow/custom-target', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.custom({ function: lambda.Function.fromFunctionArn(s, 'Long', `arn:aws:lambda:eu-west-1:111111111111:function:${'f'.repeat(64)}:${'a'.repeat(64)}`) })],
  }), /step 1 \("custom-1"\) targets an ARN of 176 characters/],
  ['workflow/s3-key-length', (s) => plainWorkflow(s, { steps: [WorkflowStep.copy({ destination: FileLocation.s3(archiveOf(s), 'é'.repeat(600)) })] }),
    /has a destination key of 1200 bytes \(600 characters\)/],
  ['workflow/s3-key-characters', (s) => plainWorkflow(s, { steps: [WorkflowStep.copy({ destination: FileLocation.s3(archiveOf(s), 'in\tbox/') })] }),
    /step 1 \("copy-1"\) has the destination key "in\\tbox\/", with the control character U\+0009/],
  ['workflow/destination-key-widens-role', (s) => plainWorkflow(s, { steps: [WorkflowStep.copy({ destination: FileLocation.s3(archiveOf(s), 'archive/*/') })] }),
    /step 1 \("copy-1"\) has the destination key "archive\/\*\/", with the wildcard "\*"/],
  ['workflow/destination-key-widens-role', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.decrypt({ destination: FileLocation.s3(archiveOf(s), 'clear/${transfer:HomeDirectory}/day?/') })],
  }), /with the variable "\$\{transfer:HomeDirectory\}" and the wildcard "\?"/],
  ['workflow/destination-key-widens-role', (s) => plainWorkflow(s, { steps: [WorkflowStep.copy({ destination: FileLocation.s3(archiveOf(s), 'in/${transfer:UserName') })] }),
    /with the variable "\$\{transfer:UserName"/],
  ['workflow/efs-file-system-id', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.decrypt({ destination: FileLocation.efs(efs.FileSystem.fromFileSystemAttributes(s, 'Fs', { fileSystemId: 'files-1', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-01234567') }), '/clear/') })],
  }), /step 1 \("decrypt-1"\) writes to the file system "files-1"/],
  ['workflow/efs-path', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.decrypt({ destination: FileLocation.efs(efs.FileSystem.fromFileSystemAttributes(s, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-01234567') }), '/clear/\u0000') })],
  }), /has a destination path with the character U\+0000 \(NUL\)/],
  ['workflow/tags', (s) => Tags.of(plainWorkflow(s, { steps: [WorkflowStep.delete()] })).add('aws:team', 'payments'), /the workflow's tags: tag key "aws:team" starts with "aws:"/],
  ['workflow/tags', (s) => {
    const workflow = plainWorkflow(s, { steps: [WorkflowStep.delete()] });
    for (let i = 0; i < 51; i++) Tags.of(workflow).add(`k${i}`, 'v');
  }, /the workflow's tags: the workflow has 51 tags/],
  ['workflow/imported-id', (s) => Workflow.fromWorkflowId(s, 'Ingest', 'arn:aws:transfer:eu-west-1:111111111111:workflow/w-0123456789abcdef0'),
    /the imported workflow id "arn:aws:transfer:eu-west-1:111111111111:workflow\/w-012345678…" is not `w-` and 17 lowercase letters or digits/],
  ['workflow/imported-id', (s) => Workflow.fromWorkflowAttributes(s, 'Ingest', { workflowId: 'w-0123456789ABCDEF0' }), /the imported workflow id "w-0123456789ABCDEF0"/],
  ['workflow/identical-steps', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.tag({ tags: { a: 'b' } }), WorkflowStep.delete(), WorkflowStep.tag({ name: 'again', tags: { a: 'b' } })],
  }), /step 3 \("again"\) does the same as step 1 \("tag-1"\)/],
  ['workflow/bucket-name', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.copy({ destination: FileLocation.s3(s3.Bucket.fromBucketName(s, 'Bad', 'Archive_Bucket'), 'a/') })],
  }), /step 1 \("copy-1"\) writes to the bucket "Archive_Bucket"/],
  ['workflow/s3-key-length', (s) => plainWorkflow(s, { steps: [WorkflowStep.copy({ destination: FileLocation.s3(archiveOf(s), `${'k'.repeat(1025)}`) })] }), /has a destination key of 1025 characters/],
  ['workflow/efs-path', (s) => plainWorkflow(s, {
    steps: [WorkflowStep.decrypt({ destination: FileLocation.efs(efs.FileSystem.fromFileSystemAttributes(s, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-01234567') }), '') })],
  }), /step 1 \("decrypt-1"\) has a destination path of 0 characters/],
];

const warningCases: RuleCase[] = [
  ['workflow/source-locations-unknown', (s) => new Workflow(s, 'Ingest', { steps: [WorkflowStep.delete()] }),
    /the workflow is attached to no `TransferServer` of this app, so step 1 \("delete-1"\) may not act on the uploaded file/],
];

describe('Workflow rules', () => {
  test.each(errorCases)('%s fails synth: %p', (id, build, expected) => {
    const stack = newStack();
    build(stack);
    const message = synthError(stack);
    const line = message.split('\n').find((l) => l.includes(`[${id}]`));
    expect(line).toBeDefined();
    expect(line).toMatch(expected);
    expect(line).toMatch(/Fix: /);
    expect(line).toContain('Stack/Ingest');
  });

  test.each(warningCases)('%s warns: %p', (id, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(synthError(stack)).toBe('');
    const found = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`\\[${id}\\]`));
    expect(found.map((w) => w.id)).toEqual(['/Stack/Ingest/Resource']);
    expect(String(found[0].entry.data)).toMatch(expected);
  });

  test('every rule of the table has a breaking test here', () => {
    const tested = new Set([...errorCases, ...warningCases].map(([id]) => id));
    expect(WORKFLOW_RULES.info.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  test('a valid workflow synthesizes without findings; unresolved values are not judged', () => {
    const stack = newStack();
    const token = Lazy.string({ produce: () => 'whatever' });
    plainWorkflow(stack, {
      description: token,
      steps: [
        WorkflowStep.tag({ name: token, tags: { stage: token } }),
        WorkflowStep.copy({ destination: FileLocation.s3(s3.Bucket.fromBucketName(stack, 'Imported', token), token) }),
      ],
    });
    expect(synthError(stack)).toBe('');
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('workflow/'))).toEqual([]);
  });

  test('a tag after a decrypt to S3 is fine on an EFS server: only files on EFS cannot be tagged', () => {
    const stack = newStack();
    const clear = new s3.Bucket(stack, 'Clear');
    const workflow = new Workflow(stack, 'Ingest', {
      steps: [WorkflowStep.decrypt({ destination: FileLocation.s3(clear, 'clear/') }), WorkflowStep.tag({ tags: { stage: 'clear' } })],
    });
    const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-01234567') });
    const server = new TransferServer(stack, 'Server', { onUpload: workflow, domain: Domain.EFS });
    server.addHomeLocation(FileLocation.efs(fileSystem, '/home'));
    expect(synthError(stack)).toBe('');
  });

  test('the limits hold at their edges: both documented spellings of the variables, 1024 bytes, EFS ids and ARNs, a 170-character target, 50 tags, a real id', () => {
    const stack = newStack();
    const archive = archiveOf(stack);
    const sg = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-01234567');
    const byId = efs.FileSystem.fromFileSystemAttributes(stack, 'ById', { fileSystemId: 'fs-0123456789abcdef0', securityGroup: sg });
    const byArn = efs.FileSystem.fromFileSystemAttributes(stack, 'ByArn', {
      fileSystemArn: 'arn:aws:elasticfilesystem:eu-west-1:111111111111:file-system/fs-01234567', securityGroup: sg,
    });
    const target = `arn:aws:lambda:eu-west-1:111111111111:function:${'f'.repeat(64)}:${'a'.repeat(58)}`;
    expect(target).toHaveLength(170);
    const workflow = plainWorkflow(stack, {
      steps: [
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'archive/${transfer:UserName}/${Transfer:UploadDate}/') }),
        WorkflowStep.copy({ destination: FileLocation.s3(archive, `${'é'.repeat(511)}ab`) }), // 1024 bytes
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'Größe/日本/$price/'), source: SourceFile.ORIGINAL }),
        WorkflowStep.decrypt({ destination: FileLocation.efs(byId, '/clear/${transfer:UserName}/'), source: SourceFile.ORIGINAL }),
        WorkflowStep.decrypt({ destination: FileLocation.efs(byArn, 'x'), source: SourceFile.ORIGINAL }),
        WorkflowStep.custom({ function: lambda.Function.fromFunctionArn(stack, 'Alias', target) }),
      ],
    });
    for (let i = 1; i < 50; i++) Tags.of(workflow).add(`k${i}`, 'v');
    Tags.of(workflow).add('team', 'payments');
    Workflow.fromWorkflowId(stack, 'Imported', 'w-0123456789abcdef0');
    expect(synthError(stack)).toBe('');
    expect(Template.fromStack(stack).findResources('AWS::Transfer::Workflow', { Properties: { Tags: Match.anyValue() } })).not.toEqual({});
  });

  test('rules judge what the template holds: a copy step\'s EFS destination is not in it, an absent OverwriteExisting is FALSE', () => {
    const stack = newStack();
    const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', { fileSystemId: 'files-1', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-01234567') });
    const archive = archiveOf(stack);
    plainWorkflow(stack, {
      steps: [
        // Neither its bad file system id nor its empty path reaches the template: only the missing S3 destination is reported.
        WorkflowStep.copy({ destination: FileLocation.efs(fileSystem, '') }),
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'a/'), overwriteExisting: false, source: SourceFile.ORIGINAL }),
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'a/'), source: SourceFile.ORIGINAL }),
        // After a copy to no location, the file is nowhere known: not on EFS.
        WorkflowStep.copy({ destination: notALocation, source: SourceFile.ORIGINAL }),
        WorkflowStep.tag({ tags: { stage: 'copied' } }),
      ],
    });
    const message = synthError(stack);
    expect(reportedRules(message)).toEqual(['workflow/copy-destination-s3', 'workflow/identical-steps']);
    expect(message).toMatch(/step 1 \("copy-1"\) copies to EFS/);
    expect(message).toMatch(/step 3 \("copy-3"\) does the same as step 2 \("copy-2"\)/);
    expect(message).toMatch(/step 4 \("copy-4"\) has no destination/);
  });

  test('the execution role lists the destination bucket unless the template says OverwriteExisting TRUE', () => {
    const stack = newStack();
    const archive = archiveOf(stack);
    const workflow = plainWorkflow(stack, {
      steps: [
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'a/'), overwriteExisting: true }),
        WorkflowStep.copy({ destination: FileLocation.s3(archiveOf2(stack), 'b/'), overwriteExisting: false }),
      ],
    });
    const resources = byResource(roleStatements(stack, workflow.executionRole!));
    expect(resources['Archive2.Arn']).toEqual(['s3:ListBucket']);
    expect(resources['Archive.Arn']).toBeUndefined();
  });
});
