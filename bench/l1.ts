/**
 * The same estate written by hand with L1 (`Cfn*`) constructs: the physical limit the library is
 * measured against. Plain `Construct`s group the resources the way the library's constructs do, so the
 * logical ids (and so the templates) are the same and `compare.ts` can check the two for equality.
 * Policies are written as literal JSON objects; session policies are built once per stack and shared
 * by the users with the same layout, as a careful hand-written template would do.
 */
import { createHash } from 'crypto';
import { App, Aws, CfnResource, Fn, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { estate, SCANNER_CODE, STATE_MACHINES } from './estate';

const S3_READ = ['s3:GetObject', 's3:GetObjectVersion'];
const S3_WRITE = [...S3_READ, 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'];
const ACCOUNT_ROOT = { AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` };
const arn = (service: string, resource: string) => `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;

/** A role and its inline policy (`<id>/Resource`, `<id>/DefaultPolicy/Resource`), as `iam.Role` lays them out. */
function roleWithPolicy(scope: Construct, id: string, trust: unknown, statements: unknown[], description?: string) {
  const group = new Construct(scope, id);
  const role = new iam.CfnRole(group, 'Resource', {
    assumeRolePolicyDocument: { Statement: [trust], Version: '2012-10-17' },
    description,
  });
  const policy = new iam.CfnPolicy(new Construct(group, 'DefaultPolicy'), 'Resource', {
    policyDocument: { Statement: statements, Version: '2012-10-17' },
    policyName: 'placeholder',
    roles: [role.ref],
  });
  policy.policyName = policy.logicalId;
  return { role, policy };
}

/** Transfer Family, for this account only, on behalf of the resources `sourceArn` names (ARNs or patterns). */
function transferTrust(sourceArn: string | string[]) {
  return {
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': sourceArn } },
    Effect: 'Allow',
    Principal: { Service: 'transfer.amazonaws.com' },
  };
}

function encryptedStateMachine(stack: Stack, id: string, index: number): void {
  const group = new Construct(stack, id);
  const name = Names.uniqueResourceName(group, { maxLength: 80, separator: '-', allowedSpecialCharacters: '-_' });
  const logGroupName = `/aws/vendedlogs/states/${Names.uniqueResourceName(group, { maxLength: 480, separator: '-', allowedSpecialCharacters: '-_' })}`;
  // Created first (its policy is written below), laid out last in the template, as the L2 does.
  const key = new kms.CfnKey(new Construct(group, 'Key'), 'Resource', { keyPolicy: {} });
  const keyArn = key.attrArn;
  const { role, policy } = roleWithPolicy(group, 'Role', {
    Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' },
  }, [
    {
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': arn('states', `stateMachine:${name}`) } },
      Effect: 'Allow',
      Resource: keyArn,
    },
    {
      Action: 'kms:GenerateDataKey',
      Condition: { StringEquals: { 'kms:EncryptionContext:SourceArn': arn('logs', '*') } },
      Effect: 'Allow',
      Resource: keyArn,
    },
    {
      Action: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
      Effect: 'Allow',
      Resource: '*',
    },
    {
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      Effect: 'Allow',
      Resource: '*',
    },
  ]);
  const machine = new sfn.CfnStateMachine(group, 'Resource', {
    definitionString: JSON.stringify({ StartAt: `Inspect${index}`, States: { [`Inspect${index}`]: { Type: 'Pass', Next: `Done${index}` }, [`Done${index}`]: { Type: 'Succeed' } } }),
    encryptionConfiguration: { kmsDataKeyReusePeriodSeconds: 300, kmsKeyId: keyArn, type: 'CUSTOMER_MANAGED_KMS_KEY' },
    loggingConfiguration: {
      destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: 'placeholder' } }],
      includeExecutionData: true,
      level: 'ALL',
    },
    roleArn: role.attrArn,
    stateMachineName: name,
    tracingConfiguration: { enabled: true },
  });
  machine.addResourceDependency(policy);
  machine.addResourceDependency(role);
  machine.cfnOptions.deletionPolicy = machine.cfnOptions.updateReplacePolicy = undefined;
  machine.addOverride('UpdateReplacePolicy', 'Delete');
  machine.addOverride('DeletionPolicy', 'Delete');

  key.keyPolicy = {
    Statement: [
      { Action: 'kms:*', Effect: 'Allow', Principal: ACCOUNT_ROOT, Resource: '*' },
      { Action: 'kms:Decrypt*', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Resource: '*' },
      {
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': arn('logs', `log-group:${logGroupName}`) } },
        Effect: 'Allow',
        Principal: { Service: `logs.${Aws.REGION}.amazonaws.com` },
        Resource: '*',
        Sid: `LogsUse${Names.uniqueId(group).slice(-40)}`,
      },
    ],
    Version: '2012-10-17',
  };
  key.description = `Encrypts the definition and execution history of state machine ${group.node.path}`;
  key.enableKeyRotation = true;
  retain(key);
  const logGroup = new logs.CfnLogGroup(new Construct(group, 'LogGroup'), 'Resource', {
    kmsKeyId: keyArn, logGroupName, retentionInDays: 365,
  });
  logGroup.addResourceDependency(key);
  retain(logGroup);
  machine.loggingConfiguration = {
    destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logGroup.attrArn } }],
    includeExecutionData: true,
    level: 'ALL',
  };
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 8).toUpperCase();
}

function retain(resource: CfnResource): void {
  resource.cfnOptions.deletionPolicy = resource.cfnOptions.updateReplacePolicy = undefined;
  resource.addOverride('UpdateReplacePolicy', 'Retain');
  resource.addOverride('DeletionPolicy', 'Retain');
}

/** The session policy of a user whose home is `<dir>/<user name>`, written with `${transfer:UserName}`. */
function sessionPolicy(bucketName: string, dir: string, readOnly: boolean): string {
  const bucket = `arn:${Aws.PARTITION}:s3:::${bucketName}`;
  const home = `${dir}/\${transfer:UserName}`;
  return Fn.join('', [
    `{"Statement":[{"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["${home}/*","${home}"]}},"Effect":"Allow","Resource":"`,
    bucket,
    `"},{"Action":${JSON.stringify(readOnly ? S3_READ : S3_WRITE)},"Effect":"Allow","Resource":"`,
    bucket,
    `/${home}/*"}],"Version":"2012-10-17"}`,
  ]);
}

export function buildL1(app: App, n: number): void {
  for (const spec of estate(n)) {
    const stack = new Stack(app, spec.id);
    const homesGroup = new Construct(stack, 'Homes');
    const homes = new s3.CfnBucket(homesGroup, 'Resource', {
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
    });
    retain(homes);
    if (spec.processing) {
      for (let i = 1; i <= STATE_MACHINES; i++) encryptedStateMachine(stack, `Process${i}`, i);
    }
    const dirs = [...new Set(spec.users.map((u) => u.dir))];

    // Upload processing: archive a copy, tag it, let a function scan it, tag the upload, remove the upload.
    const scannerGroup = new Construct(stack, 'Scanner');
    const scannerRole = new iam.CfnRole(new Construct(scannerGroup, 'ServiceRole'), 'Resource', {
      assumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
        Version: '2012-10-17',
      },
      managedPolicyArns: [`arn:${Aws.PARTITION}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`],
    });
    const scanner = new lambda.CfnFunction(scannerGroup, 'Resource', {
      code: { zipFile: SCANNER_CODE },
      handler: 'index.handler',
      role: scannerRole.attrArn,
      runtime: 'nodejs22.x',
    });
    scanner.addResourceDependency(scannerRole);
    const workflows = spec.workflows.map((w, i) => {
      const group = new Construct(stack, `Workflow${w}`);
      const workflow = new transfer.CfnWorkflow(group, 'Resource', {
        description: `Archive and scan uploads ${w}`,
        steps: [
          {
            type: 'COPY',
            copyStepDetails: {
              Name: 'copy-1',
              SourceFileLocation: '${previous.file}',
              DestinationFileLocation: { S3FileLocation: { Bucket: homes.ref, Key: `archive/${w}/\${transfer:UserName}/` } },
            },
          },
          { type: 'TAG', tagStepDetails: { Name: 'tag-2', SourceFileLocation: '${previous.file}', Tags: [{ Key: 'stage', Value: 'archived' }, { Key: 'workflow', Value: String(w) }] } },
          { type: 'CUSTOM', customStepDetails: { Name: 'custom-3', SourceFileLocation: '${previous.file}', Target: scanner.attrArn, TimeoutSeconds: 300 } },
          { type: 'TAG', tagStepDetails: { Name: 'tag-4', SourceFileLocation: '${original.file}', Tags: [{ Key: 'stage', Value: 'scanned' }] } },
          { type: 'DELETE', deleteStepDetails: { Name: 'delete-5', SourceFileLocation: '${original.file}' } },
        ],
      });
      // Trusted on behalf of this workflow only: the workflow does not reference its role.
      const execution = roleWithPolicy(group, 'ExecutionRole', transferTrust(workflow.attrArn), [],
        `Runs the steps of Transfer Family workflow ${group.node.path}`);
      const statements: unknown[] = [];
      if (i === 0) {
        // Attached to the server: the steps on the upload (copy, tag, delete) act under the users' homes.
        statements.push({
          Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:GetObject', 's3:GetObjectTagging', 's3:GetObjectVersion',
            's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'],
          Effect: 'Allow',
          Resource: dirs.map((d) => `${homes.attrArn}/${d}/*`),
        });
      }
      statements.push(
        {
          Action: ['s3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObject', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'],
          Effect: 'Allow',
          Resource: `${homes.attrArn}/archive/${w}/*/*`,
        },
        // The copy does not overwrite: the service first looks for a file of the same name there.
        { Action: 's3:ListBucket', Effect: 'Allow', Resource: homes.attrArn },
        { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: scanner.attrArn },
      );
      execution.policy.policyDocument = { Statement: statements, Version: '2012-10-17' };
      // The scanner may report the outcome of its step to this workflow only.
      const grant = new iam.CfnPolicy(new Construct(group, 'GrantPolicy1'), 'Resource', {
        policyDocument: {
          Statement: [{ Action: 'transfer:SendWorkflowStepState', Effect: 'Allow', Resource: workflow.attrArn }],
          Version: '2012-10-17',
        },
        policyName: 'placeholder',
        roles: [scannerRole.ref],
      });
      grant.policyName = grant.logicalId;
      return { workflow, role: execution.role };
    });

    const serverGroup = new Construct(stack, 'Server');
    const logGroup = new logs.CfnLogGroup(new Construct(serverGroup, 'LogGroup'), 'Resource', { retentionInDays: 365 });
    retain(logGroup);
    // This account's servers (naming this one would be a cycle), and the workflow the server runs,
    // whose logs the service writes with this role too.
    const logging = roleWithPolicy(serverGroup, 'LoggingRole', transferTrust([arn('transfer', 'server/*'), workflows[0].workflow.attrArn]), [],
      `Writes the logs of Transfer Family server ${serverGroup.node.path}`);
    const server = new transfer.CfnServer(serverGroup, 'Resource', {
      domain: 'S3',
      endpointType: 'PUBLIC',
      identityProviderType: 'SERVICE_MANAGED',
      loggingRole: logging.role.attrArn,
      protocols: ['SFTP'],
      securityPolicyName: 'TransferSecurityPolicy-2025-03',
      structuredLogDestinations: [logGroup.attrArn],
      workflowDetails: { onUpload: [{ executionRole: workflows[0].role.attrArn, workflowId: workflows[0].workflow.attrWorkflowId }] },
    });
    // The logging role may write only to /aws/transfer/<server-id>.
    const logGroupArn = arn('logs', `log-group:/aws/transfer/${server.attrServerId}`);
    logging.policy.policyDocument = {
      Statement: [{
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
      }],
      Version: '2012-10-17',
    };

    // One role for all users of the server (their homes are all in one bucket), narrowed per user by a session policy.
    const bucketArn = homes.attrArn;
    const users = roleWithPolicy(serverGroup, `UsersRole${hash(homesGroup.node.addr)}`,
      transferTrust(arn('transfer', `user/${server.attrServerId}/*`)), [
        { Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': dirs.map((d) => `${d}/*`) } }, Effect: 'Allow', Resource: bucketArn },
        { Action: 's3:GetBucketLocation', Effect: 'Allow', Resource: bucketArn },
        { Action: S3_WRITE, Effect: 'Allow', Resource: dirs.map((d) => `${bucketArn}/${d}/*`) },
      ],
      `Shared by the users of Transfer Family server ${serverGroup.node.path} whose homes are in the same storage; each user is narrowed to its own home`);
    const policies = new Map<string, string>();
    for (const u of spec.users) {
      const layout = `${u.dir}:${u.readOnly}`;
      let policy = policies.get(layout);
      if (!policy) {
        policy = sessionPolicy(homes.ref, u.dir, u.readOnly);
        policies.set(layout, policy);
      }
      const user = new transfer.CfnUser(new Construct(serverGroup, u.id), 'Resource', {
        homeDirectoryMappings: [{ entry: '/', target: `/${homes.ref}/${u.dir}/${u.userName}` }],
        homeDirectoryType: 'LOGICAL',
        policy,
        role: users.role.attrArn,
        serverId: server.attrServerId,
        sshPublicKeys: [u.sshPublicKey],
        userName: u.userName,
      });
      user.addResourceDependency(users.policy);
      user.addResourceDependency(users.role);
    }
  }
}
