/**
 * The same estate written by hand with L1 (`Cfn*`) constructs, as an experienced engineer writes it: the
 * *minimal correct* template the library is measured against. Same permissions as the library's estate
 * (test/project/bench-estate.test.ts proves it with the access suite's evaluator), but none of the
 * library's conventions:
 *
 * - resources are children of the stack (short logical ids, no construct nesting);
 * - policies are literal JSON, inline in their role wherever no reference cycle forbids it;
 * - one session policy per home layout (directory, access), an `Fn::Sub` string shared by the users
 *   of that layout, the user written `${transfer:UserName}` (escaped `${!…}` for `Fn::Sub`);
 * - every ARN partition-aware (`${AWS::Partition}`, `Aws.PARTITION`);
 * - a `DependsOn` only where deployment needs one (a state machine whose logging the service checks
 *   at creation waits for its role's policy; here inline, so the `Fn::GetAtt` of the role is enough);
 *   users depend on their role through its `Fn::GetAtt` only: Transfer Family does not use the role
 *   when a user is created, only when the user signs in.
 */
import { App, Aws, CfnResource, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { estate, SCANNER_CODE, STATE_MACHINES } from './estate';

const S3_READ = ['s3:GetObject', 's3:GetObjectVersion'];
const S3_WRITE = [...S3_READ, 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'];
const arn = (service: string, resource: string) => `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
const doc = (statements: unknown[]) => ({ Statement: statements, Version: '2012-10-17' });

/** Transfer Family, for this account only, on behalf of the resources `sourceArn` names (ARNs or patterns). */
function transferTrust(sourceArn: string | string[]) {
  return doc([{
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': sourceArn } },
    Effect: 'Allow',
    Principal: { Service: 'transfer.amazonaws.com' },
  }]);
}

function retain(resource: CfnResource): void {
  resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
}

function encryptedStateMachine(stack: Stack, index: number): void {
  const id = `Process${index}`;
  const name = `${stack.stackName}-${id}`;
  const logGroupName = `/aws/vendedlogs/states/${name}`;
  const key = new kms.CfnKey(stack, `${id}Key`, {
    description: `Encrypts the definition and execution history of state machine ${name}`,
    enableKeyRotation: true,
    keyPolicy: doc([
      { Action: 'kms:*', Effect: 'Allow', Principal: { AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` }, Resource: '*' },
      { Action: 'kms:Decrypt*', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Resource: '*' },
      {
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': arn('logs', `log-group:${logGroupName}`) } },
        Effect: 'Allow',
        Principal: { Service: `logs.${Aws.REGION}.amazonaws.com` },
        Resource: '*',
      },
    ]),
  });
  retain(key);
  const logGroup = new logs.CfnLogGroup(stack, `${id}Logs`, { kmsKeyId: key.attrArn, logGroupName, retentionInDays: 365 });
  retain(logGroup);
  // The policy is inline: the state machine's `Fn::GetAtt` of the role makes it wait for the policy too
  // (Step Functions checks at creation that the role may deliver its logs).
  const role = new iam.CfnRole(stack, `${id}Role`, {
    assumeRolePolicyDocument: doc([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' } }]),
    policies: [{
      policyName: 'Run',
      policyDocument: doc([
        {
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Condition: { StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': arn('states', `stateMachine:${name}`) } },
          Effect: 'Allow',
          Resource: key.attrArn,
        },
        {
          Action: 'kms:GenerateDataKey',
          Condition: { StringEquals: { 'kms:EncryptionContext:SourceArn': arn('logs', '*') } },
          Effect: 'Allow',
          Resource: key.attrArn,
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
      ]),
    }],
  });
  new sfn.CfnStateMachine(stack, id, {
    definitionString: JSON.stringify({ StartAt: `Inspect${index}`, States: { [`Inspect${index}`]: { Type: 'Pass', Next: `Done${index}` }, [`Done${index}`]: { Type: 'Succeed' } } }),
    encryptionConfiguration: { kmsDataKeyReusePeriodSeconds: 300, kmsKeyId: key.attrArn, type: 'CUSTOMER_MANAGED_KMS_KEY' },
    loggingConfiguration: { destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logGroup.attrArn } }], includeExecutionData: true, level: 'ALL' },
    roleArn: role.attrArn,
    stateMachineName: name,
    tracingConfiguration: { enabled: true },
  });
}

export function buildL1(app: App, n: number, perStack?: number): void {
  for (const spec of estate(n, perStack)) {
    const stack = new Stack(app, spec.id);
    const homes = new s3.CfnBucket(stack, 'Homes', {
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
    });
    retain(homes);
    if (spec.processing) {
      for (let i = 1; i <= STATE_MACHINES; i++) encryptedStateMachine(stack, i);
    }
    const dirs = [...new Set(spec.users.map((u) => u.dir))];

    // Upload processing: archive a copy, tag it, let a function scan it, tag the upload, remove the upload.
    const scannerRole = new iam.CfnRole(stack, 'ScannerRole', {
      assumeRolePolicyDocument: doc([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }]),
      managedPolicyArns: [`arn:${Aws.PARTITION}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`],
    });
    const scanner = new lambda.CfnFunction(stack, 'Scanner', {
      code: { zipFile: SCANNER_CODE },
      handler: 'index.handler',
      role: scannerRole.attrArn,
      runtime: 'nodejs22.x',
    });
    const workflows = spec.workflows.map((w, i) => {
      const workflow = new transfer.CfnWorkflow(stack, `Workflow${w}`, {
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
      // Trusted on behalf of this workflow only.
      const role = new iam.CfnRole(stack, `Workflow${w}Role`, {
        assumeRolePolicyDocument: transferTrust(workflow.attrArn),
        policies: [{ policyName: 'Steps', policyDocument: doc(statements) }],
      });
      return { workflow, role };
    });
    // The scanner may report the outcome of its step to the stack's workflows only (a policy of its own:
    // the workflows name the function, which names the role).
    new iam.CfnPolicy(stack, 'ScannerCallback', {
      policyName: 'Callback',
      policyDocument: doc([{ Action: 'transfer:SendWorkflowStepState', Effect: 'Allow', Resource: workflows.map((w) => w.workflow.attrArn) }]),
      roles: [scannerRole.ref],
    });

    const logGroup = new logs.CfnLogGroup(stack, 'ServerLogs', { retentionInDays: 365 });
    retain(logGroup);
    // This account's servers (naming this one would be a cycle), and the workflow the server runs,
    // whose logs the service writes with this role too.
    const loggingRole = new iam.CfnRole(stack, 'ServerLoggingRole', {
      assumeRolePolicyDocument: transferTrust([arn('transfer', 'server/*'), workflows[0].workflow.attrArn]),
    });
    const server = new transfer.CfnServer(stack, 'Server', {
      domain: 'S3',
      endpointType: 'PUBLIC',
      identityProviderType: 'SERVICE_MANAGED',
      loggingRole: loggingRole.attrArn,
      protocols: ['SFTP'],
      securityPolicyName: 'TransferSecurityPolicy-2025-03',
      structuredLogDestinations: [logGroup.attrArn],
      workflowDetails: { onUpload: [{ executionRole: workflows[0].role.attrArn, workflowId: workflows[0].workflow.attrWorkflowId }] },
    });
    // The logging role may write only to /aws/transfer/<server-id> (a policy of its own: it names the server).
    const serverLogs = arn('logs', `log-group:/aws/transfer/${server.attrServerId}`);
    new iam.CfnPolicy(stack, 'ServerLogging', {
      policyName: 'Logs',
      policyDocument: doc([{
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: [serverLogs, `${serverLogs}:log-stream:*`],
      }]),
      roles: [loggingRole.ref],
    });

    // One role for all users of the server, narrowed per user by a session policy.
    const usersRole = new iam.CfnRole(stack, 'UsersRole', {
      assumeRolePolicyDocument: transferTrust(arn('transfer', `user/${server.attrServerId}/*`)),
      policies: [{
        policyName: 'Homes',
        policyDocument: doc([
          { Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': dirs.map((d) => `${d}/*`) } }, Effect: 'Allow', Resource: homes.attrArn },
          { Action: 's3:GetBucketLocation', Effect: 'Allow', Resource: homes.attrArn },
          { Action: S3_WRITE, Effect: 'Allow', Resource: dirs.map((d) => `${homes.attrArn}/${d}/*`) },
        ]),
      }],
    });
    const policies = new Map<string, string>();
    for (const u of spec.users) {
      const layout = `${u.dir}:${u.readOnly}`;
      let policy = policies.get(layout);
      if (policy === undefined) {
        policy = sessionPolicy(homes, u.dir, u.readOnly);
        policies.set(layout, policy);
      }
      new transfer.CfnUser(stack, u.id, {
        homeDirectoryMappings: [{ entry: '/', target: `/${homes.ref}/${u.dir}/${u.userName}` }],
        homeDirectoryType: 'LOGICAL',
        policy,
        role: usersRole.attrArn,
        serverId: server.attrServerId,
        sshPublicKeys: [u.sshPublicKey],
        userName: u.userName,
      });
    }
  }
}

/**
 * The session policy of the users whose homes are `<dir>/<user name>` in `bucket`: one `Fn::Sub` string
 * (partition and bucket substituted by CloudFormation, `${!transfer:UserName}` left to Transfer Family).
 */
function sessionPolicy(bucket: s3.CfnBucket, dir: string, readOnly: boolean): string {
  const bucketArn = `arn:\${AWS::Partition}:s3:::\${${bucket.logicalId}}`;
  const home = `${dir}/\${!transfer:UserName}`;
  return Fn.sub(JSON.stringify(doc([
    { Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': [`${home}/*`, home] } }, Effect: 'Allow', Resource: bucketArn },
    { Action: readOnly ? S3_READ : S3_WRITE, Effect: 'Allow', Resource: `${bucketArn}/${home}/*` },
  ])));
}
