import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  Annotations as CoreAnnotations, App, CfnDynamicReference, CfnDynamicReferenceService, CfnParameter, CfnResource, Lazy, SecretValue,
  Stack, Tags,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { CfnServer } from 'aws-cdk-lib/aws-transfer';
import { aws_transfer as transferRefs } from 'aws-cdk-lib/interfaces';
import { SERVER_RULES, serverSubject } from '../../src/server/server-rules';
import { openssh, pem, testKeys } from '../support/server-combinations';
import { synthError, warningsOf } from '../support/synth';
import {
  Domain, Endpoint, HostKey, HostKeyAlgorithm, IdentityProvider, IpAddressType, IWorkflow, Protocol, SecurityPolicy,
  SftpAuthenticationMethods, TlsSessionResumptionMode, TransferServer, TransferServerProps, Workflow,
} from 'cdk-transfer-family';

// Host keys generated when the tests run; an unencrypted OpenSSH ED25519 private key among them.
const KEYS = testKeys();
const ED25519_KEY = openssh(KEYS.ed25519.privateKey);

/** A workflow the server knows by its id (and role) only: an import. */
function importedWorkflow(scope: Stack, id: string, workflowId: string, executionRole?: iam.IRole): IWorkflow {
  return Workflow.fromWorkflowAttributes(scope, id, { workflowId, executionRole });
}

function stackWithVpc() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  return { app, stack, vpc };
}

/** An imported VPC of four Availability Zones, each with a public and an isolated subnet. */
function fourAzVpc(stack: Stack) {
  const hex = (c: string) => `subnet-${c.repeat(17)}`;
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc4', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'],
    publicSubnetIds: ['a', 'b', 'c', 'd'].map(hex),
    isolatedSubnetIds: ['1', '2', '3', '4'].map(hex),
  });
}

const eipIds = (n: number) => Array.from({ length: n }, (_, i) => `eipalloc-${String(i).padStart(17, '0')}`);

function fn(stack: Stack) {
  return new lambda.Function(stack, 'Idp', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
}

function cert(stack: Stack) {
  return acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc');
}


describe('TransferServer defaults', () => {
  test('a public SFTP server with service-managed users, the current security policy, structured logs and a logging role', () => {
    const stack = new Stack();
    const server = new TransferServer(stack, 'Server');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Server', {
      Protocols: ['SFTP'],
      Domain: 'S3',
      EndpointType: 'PUBLIC',
      IdentityProviderType: 'SERVICE_MANAGED',
      SecurityPolicyName: 'TransferSecurityPolicy-2025-03',
      StructuredLogDestinations: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('ServerLogGroup'), 'Arn'] }],
      LoggingRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('ServerLoggingRole'), 'Arn'] },
      IdentityProviderDetails: Match.absent(),
      EndpointDetails: Match.absent(),
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    expect(server.identityProviderType).toBe('SERVICE_MANAGED');
    expect(server.domain).toBe(Domain.S3);
    expect(stack.resolve(server.endpointHostname)).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Server/), 'ServerId'] }, '.server.transfer.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
    });
  });

  test('the logging role trusts only this account\'s Transfer servers and writes only to this server\'s log group', () => {
    const stack = new Stack(undefined, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    const server = new TransferServer(stack, 'Server');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'transfer.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111111111111' },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:eu-west-1:111111111111:server/*']] } },
          },
        }],
      },
    });
    const serverId = { 'Fn::GetAtt': [stack.getLogicalId(server.node.defaultChild as CfnResource), 'ServerId'] };
    const logGroup = ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111111111111:log-group:/aws/transfer/', serverId];
    // Exactly one statement in the template's only policy: no other action, no other resource.
    const policies = Object.values(t.findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    expect((policies[0] as any).Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Resource: [{ 'Fn::Join': ['', logGroup] }, { 'Fn::Join': ['', [...logGroup, ':log-stream:*']] }],
    }]);
  });

  test('a given log group and logging role are used instead of created ones', () => {
    const stack = new Stack();
    const logGroup = new logs.LogGroup(stack, 'Mine');
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    const server = new TransferServer(stack, 'Server', { logGroup, loggingRole: role });
    expect(server.logGroup).toBe(logGroup);
    expect(server.loggingRole).toBe(role);
    Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 1);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
  });
});

describe('TransferServer endpoints', () => {
  test('a VPC endpoint uses private subnets and a created security group that opens only what connections allow', () => {
    const { stack, vpc } = stackWithVpc();
    const server = new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc }) });
    server.connections.allowDefaultPortFrom(ec2.Peer.ipv4('203.0.113.0/24'));
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Server', {
      EndpointType: 'VPC',
      EndpointDetails: {
        VpcId: { Ref: Match.stringLikeRegexp('Vpc') },
        SubnetIds: [{ Ref: Match.stringLikeRegexp('PrivateSubnet1') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2') }],
        SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('ServerSecurityGroup'), 'GroupId'] }],
        AddressAllocationIds: Match.absent(),
      },
    });
    t.resourceCountIs('AWS::EC2::EIP', 1); // the NAT gateway's only
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ CidrIp: '203.0.113.0/24', FromPort: 22, ToPort: 22, IpProtocol: 'tcp' }],
    });
  });

  test('connections: no security group for a public endpoint, the default port of the first protocol, one object', () => {
    const stack = new Stack();
    const sftp = new TransferServer(stack, 'Sftp');
    expect(sftp.connections.securityGroups).toEqual([]);
    expect(sftp.connections.defaultPort?.toString()).toBe('22');
    expect(sftp.connections).toBe(sftp.connections);
    const { stack: vpcStack, vpc } = stackWithVpc();
    const ftps = new TransferServer(vpcStack, 'Ftps', {
      protocols: [Protocol.FTPS],
      endpoint: Endpoint.vpc({ vpc }),
      identityProvider: IdentityProvider.lambda(new lambda.Function(vpcStack, 'Idp', {
        runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      })),
      certificate: acm.Certificate.fromCertificateArn(vpcStack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc'),
    });
    expect(ftps.connections.defaultPort?.toString()).toBe('21');
    expect(ftps.connections.securityGroups).toEqual(ftps.securityGroups);
    expect(ftps.securityGroups).toHaveLength(1);
  });

  test('an internet-facing VPC endpoint gets one Elastic IP per (public) subnet', () => {
    const { stack, vpc } = stackWithVpc();
    const server = new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc, internetFacing: true }) });
    const t = Template.fromStack(stack);
    expect(server.elasticIps).toHaveLength(2);
    t.hasResourceProperties('AWS::Transfer::Server', {
      EndpointDetails: Match.objectLike({
        SubnetIds: [{ Ref: Match.stringLikeRegexp('PublicSubnet1') }, { Ref: Match.stringLikeRegexp('PublicSubnet2') }],
        AddressAllocationIds: [
          { 'Fn::GetAtt': [Match.stringLikeRegexp('ServerElasticIp1'), 'AllocationId'] },
          { 'Fn::GetAtt': [Match.stringLikeRegexp('ServerElasticIp2'), 'AllocationId'] },
        ],
      }),
    });
  });

  test('given allocation ids are used as they are', () => {
    const { stack, vpc } = stackWithVpc();
    new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc, addressAllocationIds: ['eipalloc-1', 'eipalloc-2'] }) });
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Server', {
      EndpointDetails: Match.objectLike({ AddressAllocationIds: ['eipalloc-1', 'eipalloc-2'] }),
    });
  });
});

describe('TransferServer identity providers', () => {
  test('a Lambda provider passes the function and lets only this server invoke it', () => {
    const { stack, vpc } = stackWithVpc();
    const idp = fn(stack);
    new TransferServer(stack, 'Server', {
      protocols: [Protocol.SFTP, Protocol.FTPS],
      endpoint: Endpoint.vpc({ vpc }),
      certificate: cert(stack),
      identityProvider: IdentityProvider.lambda(idp, { sftpAuthenticationMethods: SftpAuthenticationMethods.PUBLIC_KEY_AND_PASSWORD }),
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Server', {
      IdentityProviderType: 'AWS_LAMBDA',
      IdentityProviderDetails: {
        Function: { 'Fn::GetAtt': [Match.stringLikeRegexp('Idp'), 'Arn'] },
        SftpAuthenticationMethods: 'PUBLIC_KEY_AND_PASSWORD',
      },
      Certificate: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
    });
    t.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'transfer.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Server'), 'Arn'] },
      SourceAccount: '111111111111',
    });
  });

  test('API Gateway and directory providers pass exactly their details', () => {
    const { stack, vpc } = stackWithVpc();
    const role = new iam.Role(stack, 'Invoke', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    new TransferServer(stack, 'Api', {
      identityProvider: IdentityProvider.apiGateway({ url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod', invocationRole: role }),
    });
    new TransferServer(stack, 'Dir', {
      protocols: [Protocol.FTP],
      endpoint: Endpoint.vpc({ vpc }),
      identityProvider: IdentityProvider.directory({ directoryId: 'd-0123456789' }),
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Server', {
      IdentityProviderType: 'API_GATEWAY',
      IdentityProviderDetails: {
        Url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod',
        InvocationRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('Invoke'), 'Arn'] },
      },
    });
    t.hasResourceProperties('AWS::Transfer::Server', {
      IdentityProviderType: 'AWS_DIRECTORY_SERVICE',
      IdentityProviderDetails: { DirectoryId: 'd-0123456789' },
    });
  });
});

describe('TransferServer host keys, protocol details, workflows', () => {
  test('a host key from Secrets Manager is a dynamic reference, never plain text', () => {
    const stack = new Stack();
    new TransferServer(stack, 'Server', { hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('sftp/host-key'), { description: 'primary' })] });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::HostKey', {
      ServerId: { 'Fn::GetAtt': [Match.anyValue(), 'ServerId'] },
      HostKeyBody: '{{resolve:secretsmanager:sftp/host-key:SecretString:::}}',
      Description: 'primary',
    });
    // No host-key warning; the default public endpoint is the only advice (see server-security.test.ts).
    expect(warningsOf(stack)).toEqual([expect.stringContaining('[server/public-endpoint]')]);
  });

  test('FTPS protocol details, AS2 transports and directory listing optimization are rendered', () => {
    const { stack, vpc } = stackWithVpc();
    new TransferServer(stack, 'Server', {
      protocols: [Protocol.FTPS, Protocol.AS2],
      endpoint: Endpoint.vpc({ vpc }),
      certificate: cert(stack),
      identityProvider: IdentityProvider.directory({ directoryId: 'd-0123456789' }),
      passiveIp: '203.0.113.10',
      tlsSessionResumptionMode: TlsSessionResumptionMode.ENFORCED,
      directoryListingOptimization: true,
      postAuthenticationLoginBanner: 'Authorized use only',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Server', {
      ProtocolDetails: { PassiveIp: '203.0.113.10', TlsSessionResumptionMode: 'ENFORCED', As2Transports: ['HTTP'] },
      S3StorageOptions: { DirectoryListingOptimization: 'ENABLED' },
      PostAuthenticationLoginBanner: 'Authorized use only',
    });
  });

  test('onUpload and onPartialUpload pass each workflow with its execution role', () => {
    const stack = new Stack();
    const role = new iam.Role(stack, 'Exec', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    const wf = (id: string) => importedWorkflow(stack, id, `w-${id}`, role);
    new TransferServer(stack, 'Server', { onUpload: wf('0123456789abcdef0'), onPartialUpload: wf('0123456789abcdef1') });
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Server', {
      WorkflowDetails: {
        OnUpload: [{ WorkflowId: 'w-0123456789abcdef0', ExecutionRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('Exec'), 'Arn'] } }],
        OnPartialUpload: [{ WorkflowId: 'w-0123456789abcdef1', ExecutionRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('Exec'), 'Arn'] } }],
      },
    });
  });
});

describe('TransferServer custom host name', () => {
  test('the host name and its zone are tagged for the service, and a CNAME points at the endpoint', () => {
    const stack = new Stack();
    const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
    const server = new TransferServer(stack, 'Server', { customHostname: { hostname: 'sftp.example.com', hostedZone: zone } });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Server', {
      Tags: Match.arrayWith([
        { Key: 'transfer:customHostname', Value: 'sftp.example.com' },
        { Key: 'transfer:route53HostedZoneId', Value: { 'Fn::Join': ['', ['/hostedzone/', { Ref: Match.stringLikeRegexp('Zone') }]] } },
      ]),
    });
    t.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'sftp.example.com.',
      Type: 'CNAME',
      ResourceRecords: [stack.resolve(server.endpointHostname)],
    });
  });
});

describe('TransferServer imports and metrics', () => {
  test('fromServerId builds a partition-aware ARN; metrics carry the server id', () => {
    const stack = new Stack(undefined, 'S', { env: { account: '111111111111', region: 'us-east-1' } });
    const imported = TransferServer.fromServerId(stack, 'Imported', 's-0123456789abcdef0');
    expect(stack.resolve(imported.serverArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:us-east-1:111111111111:server/s-0123456789abcdef0']],
    });
    const m = imported.metricBytesIn();
    expect(m.namespace).toBe('AWS/Transfer');
    expect(m.metricName).toBe('BytesIn');
    expect(m.dimensions).toEqual({ ServerId: 's-0123456789abcdef0' });
    expect(m.statistic).toBe('Sum');
    expect(imported.metricOnUploadExecutionsFailed().metricName).toBe('OnUploadExecutionsFailed');
    expect(imported.metricOnPartialUploadExecutionsSucceeded().metricName).toBe('OnPartialUploadExecutionsSuccess');
  });

  test('owned and imported servers are aws-cdk-lib IServerRefs: serverRef holds their ARN', () => {
    const { stack } = stackWithVpc();
    const owned = new TransferServer(stack, 'Server');
    const imported = TransferServer.fromServerId(stack, 'Imported', 's-0123456789abcdef0');
    const refs: transferRefs.IServerRef[] = [owned, imported];
    expect(refs.map((r) => stack.resolve(r.serverRef.serverArn))).toEqual([stack.resolve(owned.serverArn), stack.resolve(imported.serverArn)]);
    expect(stack.resolve(owned.serverRef.serverArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(owned.node.defaultChild as CfnServer), 'Arn'] });
  });

  test('fromServerAttributes keeps the identity provider type, domain and security groups', () => {
    const { stack, vpc } = stackWithVpc();
    const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc });
    const imported = TransferServer.fromServerAttributes(stack, 'Imported', {
      serverId: 's-0123456789abcdef0', identityProviderType: 'AWS_LAMBDA', domain: Domain.EFS, securityGroups: [sg],
    });
    expect(imported.identityProviderType).toBe('AWS_LAMBDA');
    expect(imported.domain).toBe(Domain.EFS);
    expect(imported.connections.securityGroups).toEqual([sg]);
  });
});

// ---------------------------------------------------------------------------------------------
// One test per rule: break it, check that synth fails (or warns) with the rule id and the prop.
// ---------------------------------------------------------------------------------------------

type Case = [id: string, build: (ctx: ReturnType<typeof stackWithVpc>) => TransferServerProps, expected: RegExp];

const errorCases: Case[] = [
  ['server/protocols-count', () => ({ protocols: [] }), /`protocols` is empty/],
  ['server/protocols-count', () => ({ protocols: [Protocol.SFTP, Protocol.SFTP] }), /`protocols` lists SFTP more than once/],
  ['server/ftps-needs-certificate', ({ vpc, stack }) => ({ protocols: [Protocol.FTPS], endpoint: Endpoint.vpc({ vpc }), identityProvider: IdentityProvider.lambda(fn(stack)) }), /`protocols` includes FTPS but no `certificate`/],
  ['server/ftp-needs-vpc', ({ stack }) => ({ protocols: [Protocol.FTP], identityProvider: IdentityProvider.lambda(fn(stack)) }), /`protocols` includes FTP but `endpoint` is PUBLIC/],
  ['server/ftp-needs-custom-identity-provider', ({ vpc }) => ({ protocols: [Protocol.FTP], endpoint: Endpoint.vpc({ vpc }) }), /`identityProvider` is service-managed/],
  ['server/as2-needs-vpc', () => ({ protocols: [Protocol.AS2] }), /`protocols` includes AS2 but `endpoint` is PUBLIC/],
  ['server/as2-needs-s3', ({ vpc }) => ({ protocols: [Protocol.AS2], endpoint: Endpoint.vpc({ vpc }), domain: Domain.EFS }), /`domain` is EFS/],
  ['server/ftp-no-elastic-ips', ({ vpc, stack }) => ({ protocols: [Protocol.FTP], endpoint: Endpoint.vpc({ vpc, internetFacing: true }), identityProvider: IdentityProvider.lambda(fn(stack)) }), /FTP but the VPC endpoint has 2 Elastic IP\(s\)/],
  ['server/elastic-ips-per-subnet', ({ vpc }) => ({ endpoint: Endpoint.vpc({ vpc, addressAllocationIds: ['eipalloc-1'] }) }), /1 id\(s\) for 2 subnet\(s\)/],
  ['server/elastic-ips-unique', ({ vpc }) => ({ endpoint: Endpoint.vpc({ vpc, addressAllocationIds: ['eipalloc-1', 'eipalloc-1'] }) }), /"eipalloc-1" more than once/],
  ['server/elastic-ips-not-dualstack', ({ vpc }) => ({ endpoint: Endpoint.vpc({ vpc, internetFacing: true }), ipAddressType: IpAddressType.DUALSTACK }), /DUALSTACK on an internet-facing/],
  ['server/vpc-subnets', ({ vpc }) => ({ endpoint: Endpoint.vpc({ vpc, vpcSubnets: { subnetFilters: [ec2.SubnetFilter.byIds([])] } }) }), /selects no subnet/],
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  ['server/vpc-endpoint-type-deprecated', () => ({ endpoint: Endpoint.vpcEndpoint('vpce-0123456789abcdef0') }), /Endpoint\.vpcEndpoint/],
  ['server/post-authentication-banner-needs-ftp', () => ({ postAuthenticationLoginBanner: 'hi' }), /`postAuthenticationLoginBanner` is set but `protocols` has neither FTP nor FTPS/],
  ['server/banner-format', () => ({ preAuthenticationLoginBanner: 'Welcome \u2014 partners' }), /`preAuthenticationLoginBanner` contains "\u2014" \(U\+2014\)/],
  ['server/banner-format', () => ({ preAuthenticationLoginBanner: 'x'.repeat(4097) }), /4097 characters long/],
  ['server/directory-id-format', ({ vpc }) => ({ identityProvider: IdentityProvider.directory({ directoryId: 'd-XYZ' }), endpoint: Endpoint.vpc({ vpc }) }), /`directoryId` "d-XYZ"/],
  ['server/api-gateway-url', ({ stack }) => ({ identityProvider: IdentityProvider.apiGateway({ url: 'http://insecure.example.com', invocationRole: new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') }) }) }), /not an https URL/],
  ['server/sftp-authentication-methods', () => ({ sftpAuthenticationMethods: SftpAuthenticationMethods.PASSWORD }), /`identityProvider` is SERVICE_MANAGED/],
  ['server/sftp-authentication-methods', ({ stack }) => ({ identityProvider: IdentityProvider.lambda(fn(stack), { sftpAuthenticationMethods: SftpAuthenticationMethods.PASSWORD }), sftpAuthenticationMethods: SftpAuthenticationMethods.PUBLIC_KEY }), /PUBLIC_KEY on the server but PASSWORD on the identity provider/],
  ['server/passive-ip-format', ({ vpc, stack }) => ({ protocols: [Protocol.FTP], endpoint: Endpoint.vpc({ vpc }), identityProvider: IdentityProvider.lambda(fn(stack)), passiveIp: '300.1.1.1' }), /`passiveIp` "300.1.1.1"/],
  ['server/security-policy-name', () => ({ securityPolicy: SecurityPolicy.of('TransferSFTPConnectorSecurityPolicy-2024-03') }), /is not a server security policy name/],
  ['server/custom-hostname', ({ stack }) => ({ customHostname: { hostname: 'sftp.other.org', hostedZone: route53.HostedZone.fromHostedZoneAttributes(stack, 'Z', { hostedZoneId: 'Z123', zoneName: 'example.com' }) } }), /"sftp\.other\.org" is not in zone "example\.com"/],
  ['server/custom-hostname', () => ({ customHostname: { hostname: 'sftp_bad name' } }), /"sftp_bad name" is not a DNS name/],
  ['server/elastic-ips-at-most-three', ({ stack }) => ({ endpoint: Endpoint.vpc({ vpc: fourAzVpc(stack), internetFacing: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }) }), /has 4 Elastic IPs/],
  ['server/elastic-ips-at-most-three', ({ stack }) => ({ endpoint: Endpoint.vpc({ vpc: fourAzVpc(stack), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, addressAllocationIds: eipIds(4) }) }), /has 4 Elastic IPs/],
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  ['server/vpc-endpoint-id-format', () => ({ endpoint: Endpoint.vpcEndpoint('vpce-123') }), /`vpcEndpointId` "vpce-123" is not of the form vpce-0123456789abcdef0/],
  ['server/security-group-id-format', ({ vpc, stack }) => ({ endpoint: Endpoint.vpc({ vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-NOPE')] }) }), /`securityGroups\[0\]` has the id "sg-NOPE"/],
  ['server/arn-format', ({ stack }) => ({ protocols: [Protocol.SFTP], certificate: acm.Certificate.fromCertificateArn(stack, 'C', 'certificate/abc') }), /`certificate` "certificate\/abc" is not an ARN/],
  ['server/arn-format', ({ stack }) => ({ identityProvider: IdentityProvider.lambda(lambda.Function.fromFunctionArn(stack, 'F', `arn:aws:lambda:us-east-1:111111111111:function:${'f'.repeat(150)}`)) }), /the `identityProvider` function ".*" is 197 characters long \(1 to 170\)/],
  ['server/arn-format', ({ stack }) => ({ loggingRole: iam.Role.fromRoleArn(stack, 'L', 'arn:aws:iam::111111111111:group/logs') }), /`loggingRole` "arn:aws:iam::111111111111:group\/logs" is not a role ARN/],
  ['server/workflow-id-format', ({ stack }) => ({ onUpload: importedWorkflow(stack, 'W', 'w-NOT-A-WORKFLOW', new iam.Role(stack, 'E', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') })) }), /the `onUpload` workflow id "w-NOT-A-WORKFLOW" is not of the form/],
  ['server/host-key-ssm-secure', () => ({ hostKeys: [HostKey.fromSecretValue(SecretValue.ssmSecure('/sftp/host-key'))] }), /`hostKeys\[0\]` is `SecretValue\.ssmSecure\(\.\.\.\)`/],
  ['server/host-key-body', () => ({ hostKeys: [HostKey.fromString('not a key')] }), /`hostKeys\[0\]` is not a private key/],
  ['server/host-key-description', () => ({ hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('k'), { description: 'x'.repeat(201) })] }), /the `description` of `hostKeys\[0\]` is 201 characters long/],
  ['server/host-key-description', () => ({ hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('k'), { description: 'line\nbreak' })] }), /contains "\\n", which is not printable ASCII/],
];

/** Each rule added for the issue, with input that it holds for: synthesis reports nothing under its id. */
const holdingCases: Array<[id: string, build: (ctx: ReturnType<typeof stackWithVpc>) => TransferServerProps]> = [
  ['server/elastic-ips-at-most-three', ({ stack }) => ({ endpoint: Endpoint.vpc({ vpc: fourAzVpc(stack), internetFacing: true }) })],
  ['server/elastic-ips-at-most-three', ({ stack }) => ({ endpoint: Endpoint.vpc({ vpc: fourAzVpc(stack), vpcSubnets: { availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], subnetType: ec2.SubnetType.PUBLIC }, addressAllocationIds: eipIds(3) }) })],
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  ['server/vpc-endpoint-id-format', () => ({ endpoint: Endpoint.vpcEndpoint('vpce-0123456789abcdef0') })],
  ['server/security-group-id-format', ({ vpc, stack }) => ({ endpoint: Endpoint.vpc({ vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0123456789abcdef0'), new ec2.SecurityGroup(stack, 'Mine', { vpc })] }) })],
  ['server/arn-format', ({ stack, vpc }) => ({
    protocols: [Protocol.FTPS],
    endpoint: Endpoint.vpc({ vpc }),
    certificate: cert(stack),
    identityProvider: IdentityProvider.lambda(lambda.Function.fromFunctionArn(stack, 'F', 'arn:aws:lambda:us-east-1:111111111111:function:idp')),
    loggingRole: iam.Role.fromRoleArn(stack, 'L', 'arn:aws:iam::111111111111:role/transfer-logs'),
    logGroup: logs.LogGroup.fromLogGroupName(stack, 'G', 'sftp'),
  })],
  ['server/workflow-id-format', ({ stack }) => ({ onUpload: importedWorkflow(stack, 'W', 'w-0123456789abcdef0', new iam.Role(stack, 'E', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') })) })],
  ['server/host-key-ssm-secure', () => ({ hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('sftp/host-key'))] })],
  ['server/host-key-body', () => ({ hostKeys: [HostKey.fromString(pem(KEYS.rsa2048.privateKey, 'pkcs1')), HostKey.fromString(ED25519_KEY, { algorithm: HostKeyAlgorithm.ED25519 })] })],
  ['server/host-key-description', () => ({ hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('k'), { description: 'Primary key (2026), rotate yearly' })] })],
];

const warningCases: Case[] = [
  ['server/certificate-needs-ftps', ({ stack }) => ({ certificate: cert(stack) }), /`certificate` is set but `protocols` does not include FTPS/],
  ['server/passive-ip-needs-ftp', () => ({ passiveIp: 'AUTO' }), /`passiveIp` is set/],
  ['server/tls-session-resumption-needs-ftps', () => ({ tlsSessionResumptionMode: TlsSessionResumptionMode.DISABLED }), /`tlsSessionResumptionMode` is set/],
  ['server/host-keys-need-sftp', ({ vpc }) => ({ protocols: [Protocol.AS2], endpoint: Endpoint.vpc({ vpc }), hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('k'))] }), /1 host key\(s\) given but `protocols` does not include SFTP/],
  ['server/host-key-plain-text', () => ({ hostKeys: [HostKey.fromString(ED25519_KEY)] }), /`hostKeys\[0\]` is plain text/],
  ['server/host-key-plain-text', () => ({ hostKeys: [HostKey.fromSecretValue(SecretValue.unsafePlainText(ED25519_KEY))] }), /`hostKeys\[0\]` is plain text/],
  ['server/host-key-ed25519-fips', () => ({ securityPolicy: SecurityPolicy.FIPS_2024_05, hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('k'), { algorithm: HostKeyAlgorithm.ED25519 })] }), /`hostKeys\[0\]` is ED25519 and `securityPolicy` is TransferSecurityPolicy-FIPS-2024-05/],
  ['server/host-key-ed25519-fips', () => ({ securityPolicy: SecurityPolicy.FIPS_2025_03, hostKeys: [HostKey.fromString(ED25519_KEY)] }), /`hostKeys\[0\]` is ED25519/],
  ['server/custom-hostname-record', ({ vpc, stack }) => ({ endpoint: Endpoint.vpc({ vpc }), customHostname: { hostname: 'sftp.example.com', hostedZone: new route53.PublicHostedZone(stack, 'Z', { zoneName: 'example.com' }) } }), /is a public hosted zone, but the VPC endpoint is internal \(no Elastic IPs\)/],
  ['server/security-policy-unknown', () => ({ securityPolicy: SecurityPolicy.of('TransferSecurityPolicy-2031-01') }), /"TransferSecurityPolicy-2031-01" is not a known policy/],
];

describe('TransferServer rules', () => {
  test.each(errorCases)('%s fails synth: %p', (id, build, expected) => {
    const ctx = stackWithVpc();
    new TransferServer(ctx.stack, 'Server', build(ctx));
    const message = synthError(ctx.stack);
    expect(message).toContain(`[${id}]`);
    expect(message).toMatch(expected);
    expect(message).toMatch(/Fix: /);
    expect(message).toContain('Stack/Server');
  });

  test.each(warningCases)('%s warns: %p', (id, build, expected) => {
    const ctx = stackWithVpc();
    new TransferServer(ctx.stack, 'Server', build(ctx));
    expect(synthError(ctx.stack)).toBe('');
    const found = warningsOf(ctx.stack).filter((w) => w.includes(`[${id}]`));
    expect(found).toEqual([expect.stringMatching(expected)]);
  });

  test.each(holdingCases)('%s holds: %p', (id, build) => {
    const ctx = stackWithVpc();
    new TransferServer(ctx.stack, 'Server', build(ctx));
    const error = synthError(ctx.stack);
    expect(error).not.toContain(`[${id}]`);
    // Warnings are read from a synthesized stack: only when no other rule fails it (VPC_ENDPOINT does).
    if (error === '') expect(warningsOf(ctx.stack).filter((w) => w.includes(`[${id}]`))).toEqual([]);
  });

  test('every rule of the table has a breaking test here', () => {
    const tested = new Set([...errorCases, ...warningCases].map(([id]) => id));
    tested.add('server/workflow-execution-role'); // tested below
    tested.add('server/tags'); // tested below
    // The security advice has its own file, test/server-security.test.ts.
    for (const id of ['server/ftp-plaintext', 'server/public-endpoint', 'server/security-policy-outdated', 'server/security-policy-not-post-quantum']) {
      tested.add(id);
    }
    expect(SERVER_RULES.info.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  test('server/workflow-execution-role: an imported workflow without a role cannot be attached', () => {
    const stack = new Stack();
    const wf = importedWorkflow(stack, 'Imported', 'w-0123456789abcdef0');
    new TransferServer(stack, 'Server', { onUpload: wf });
    expect(synthError(stack)).toMatch(/\[server\/workflow-execution-role\] `onUpload` workflow has no execution role/);
  });

  test('all violations of a server are reported together', () => {
    const stack = new Stack();
    new TransferServer(stack, 'Server', { protocols: [Protocol.FTPS, Protocol.AS2] });
    const message = synthError(stack);
    for (const id of ['ftps-needs-certificate', 'ftp-needs-vpc', 'ftp-needs-custom-identity-provider', 'as2-needs-vpc']) {
      expect(message).toContain(`[server/${id}]`);
    }
  });

  test('unresolved values are not judged', () => {
    const stack = new Stack();
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::111111111111:role/invoke');
    new TransferServer(stack, 'Server', {
      securityPolicy: SecurityPolicy.of(Lazy.string({ produce: () => 'not-a-policy' })),
      preAuthenticationLoginBanner: Lazy.string({ produce: () => '\u2014'.repeat(5000) }),
      passiveIp: Lazy.string({ produce: () => 'nope' }),
      identityProvider: IdentityProvider.apiGateway({ url: Lazy.string({ produce: () => 'http://x' }), invocationRole: role }),
    });
    new TransferServer(stack, 'Dir', {
      identityProvider: IdentityProvider.directory({ directoryId: Lazy.string({ produce: () => 'nope' }) }),
      endpoint: Endpoint.vpc({ vpc: new ec2.Vpc(stack, 'Vpc'), addressAllocationIds: Lazy.list({ produce: () => ['eipalloc-1'] }) }),
    });
    expect(synthError(stack)).toBe('');
  });

  test('acknowledging a server warning on the server silences it', () => {
    const stack = new Stack(new App(), 'S');
    const server = new TransferServer(stack, 'Server', { passiveIp: 'AUTO' });
    CoreAnnotations.of(server).acknowledgeWarning('cdk-transfer-family:server/passive-ip-needs-ftp', 'kept for a later FTPS rollout');
    Template.fromStack(stack);
    // Only the acknowledged warning is silenced: the public endpoint's is still reported.
    expect(warningsOf(stack)).toEqual([expect.stringContaining('[server/public-endpoint]')]);
  });
});

describe('the rules judge what the template will hold', () => {
  const lambdaIdp = (stack: Stack) => IdentityProvider.lambda(lambda.Function.fromFunctionArn(stack, 'Idp', 'arn:aws:lambda:us-east-1:111111111111:function:idp'));

  test('FTP with given Elastic IPs (no `internetFacing`) is refused: the template would hold them', () => {
    const { stack, vpc } = stackWithVpc();
    new TransferServer(stack, 'Server', {
      protocols: [Protocol.FTP], identityProvider: lambdaIdp(stack), endpoint: Endpoint.vpc({ vpc, addressAllocationIds: eipIds(2) }),
    });
    expect(synthError(stack)).toMatch(/\[server\/ftp-no-elastic-ips\] `protocols` includes FTP but the VPC endpoint has 2 Elastic IP\(s\)/);
  });

  test('DUALSTACK with given Elastic IPs (no `internetFacing`) is refused', () => {
    const { stack, vpc } = stackWithVpc();
    new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc, addressAllocationIds: eipIds(2) }), ipAddressType: IpAddressType.DUALSTACK });
    expect(synthError(stack)).toMatch(/\[server\/elastic-ips-not-dualstack\] `ipAddressType` is DUALSTACK on an internet-facing VPC endpoint \(2 Elastic IP\(s\)\)/);
  });

  test('an internal FTP endpoint and an internal DUALSTACK endpoint have no Elastic IPs, and hold', () => {
    const { stack, vpc } = stackWithVpc();
    new TransferServer(stack, 'Ftp', { protocols: [Protocol.FTP], identityProvider: lambdaIdp(stack), endpoint: Endpoint.vpc({ vpc, internetFacing: false }) });
    new TransferServer(stack, 'Dual', { endpoint: Endpoint.vpc({ vpc }), ipAddressType: IpAddressType.DUALSTACK });
    expect(synthError(stack)).toBe('');
    Template.fromStack(stack).allResourcesProperties('AWS::Transfer::Server', { EndpointDetails: Match.objectLike({ AddressAllocationIds: Match.absent() }) });
  });

  test('`internetFacing: false` with `addressAllocationIds` is a contradiction Endpoint.vpc() refuses', () => {
    const { vpc } = stackWithVpc();
    expect(() => Endpoint.vpc({ vpc, internetFacing: false, addressAllocationIds: eipIds(2) }))
      .toThrow('Endpoint.vpc(): `options.addressAllocationIds` make the endpoint internet-facing, so they cannot be combined with `internetFacing: false`');
  });

  test('Elastic IPs set through the L1 are judged like those of the L2', () => {
    const { stack, vpc } = stackWithVpc();
    const server = new TransferServer(stack, 'Server', { protocols: [Protocol.FTP], identityProvider: lambdaIdp(stack), endpoint: Endpoint.vpc({ vpc }) });
    const cfn = server.node.defaultChild as CfnServer;
    cfn.endpointDetails = { ...cfn.endpointDetails as CfnServer.EndpointDetailsProperty, addressAllocationIds: eipIds(2) };
    expect(synthError(stack)).toMatch(/\[server\/ftp-no-elastic-ips\]/);
  });

  test('an L1 CfnServer is judged by the same rules, with CloudFormation\'s defaults for what it leaves out', () => {
    const stack = new Stack();
    const l1 = new CfnServer(stack, 'L1', {
      protocols: ['FTP'],
      endpointType: 'VPC',
      identityProviderType: 'AWS_LAMBDA',
      endpointDetails: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], addressAllocationIds: ['eipalloc-0123456789abcdef0'] },
      identityProviderDetails: { function: 'arn:aws:lambda:us-east-1:111111111111:function:idp' },
    });
    expect(SERVER_RULES.evaluate(serverSubject(l1)).errors.map((e) => e.id)).toEqual(['server/ftp-no-elastic-ips']);
    const bare = SERVER_RULES.evaluate(serverSubject(new CfnServer(stack, 'Bare', {})));
    // No security policy: CloudFormation's default, the 2018 one; no endpoint type: PUBLIC.
    expect(bare.errors).toEqual([]);
    expect(bare.warnings.map((w) => w.id)).toEqual(['server/public-endpoint', 'server/security-policy-outdated', 'server/security-policy-not-post-quantum']);
  });

  test('SFTP authentication methods on a service-managed server are rendered, and refused', () => {
    const stack = new Stack();
    const server = new TransferServer(stack, 'Server', { sftpAuthenticationMethods: SftpAuthenticationMethods.PASSWORD });
    expect((server.node.defaultChild as CfnServer).identityProviderDetails).toEqual({ sftpAuthenticationMethods: 'PASSWORD' });
    expect(synthError(stack)).toMatch(/\[server\/sftp-authentication-methods\] `sftpAuthenticationMethods` is set but `identityProvider` is SERVICE_MANAGED/);
  });

  test('a custom host name gets its record when the endpoint has Elastic IPs, given or created', () => {
    const { stack, vpc } = stackWithVpc();
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Z', { hostedZoneId: 'Z123', zoneName: 'example.com' });
    const given = new TransferServer(stack, 'Given', { endpoint: Endpoint.vpc({ vpc, addressAllocationIds: eipIds(2) }), customHostname: { hostname: 'a.example.com', hostedZone: zone } });
    const created = new TransferServer(stack, 'Created', { endpoint: Endpoint.vpc({ vpc, internetFacing: true }), customHostname: { hostname: 'b.example.com', hostedZone: zone } });
    expect(synthError(stack)).toBe('');
    expect([given.hostnameRecord, created.hostnameRecord].every((r) => r !== undefined)).toBe(true);
    expect(warningsOf(stack).filter((w) => w.includes('[server/custom-hostname-record]'))).toEqual([]);
  });

  test('a host key added with addHostKey() after construction is judged, under its index', () => {
    const stack = new Stack();
    const server = new TransferServer(stack, 'Server', { hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('k'))] });
    server.addHostKey(HostKey.fromString('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----'));
    expect(synthError(stack)).toMatch(/\[server\/host-key-body\] `hostKeys\[1\]` is not in the openssh-key-v1 format/);
    Template.fromStack(new Stack()); // (the server's own stack cannot be synthesized)
    expect(server.node.tryFindChild('HostKey2')).toBeDefined();
  });
});

describe('TransferServer Elastic IPs: at most three', () => {
  test('an internet-facing endpoint in a VPC of four public subnets takes the first three, one Elastic IP each', () => {
    const stack = new Stack(undefined, 'S', { env: { account: '111111111111', region: 'us-east-1' } });
    const server = new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc: fourAzVpc(stack), internetFacing: true }) });
    expect(server.elasticIps).toHaveLength(3);
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Server', {
      EndpointDetails: Match.objectLike({
        SubnetIds: ['a', 'b', 'c'].map((c) => `subnet-${c.repeat(17)}`),
        AddressAllocationIds: [1, 2, 3].map((i) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`ServerElasticIp${i}`), 'AllocationId'] })),
      }),
    });
  });

  test('an internal endpoint keeps every private subnet it is given by default', () => {
    const stack = new Stack(undefined, 'S', { env: { account: '111111111111', region: 'us-east-1' } });
    new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc: fourAzVpc(stack), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }) });
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Server', {
      EndpointDetails: Match.objectLike({ SubnetIds: ['1', '2', '3', '4'].map((c) => `subnet-${c.repeat(17)}`) }),
    });
  });
});

describe('TransferServer tags', () => {
  test('server/tags: a tag the service refuses fails synth, once although the host keys carry it too', () => {
    const stack = new Stack();
    const server = new TransferServer(stack, 'Server', { hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('k'))] });
    Tags.of(server).add('team', 'x'.repeat(300));
    const message = synthError(stack);
    expect(message.match(/\[server\/tags\] the value of tag "team" is 300 characters long/g)).toHaveLength(1);
    expect(message).toMatch(/Fix: remove or rename the tags reported/);
  });

  test('server/tags holds for tags the service takes, the custom host name\'s included', () => {
    const stack = new Stack();
    const server = new TransferServer(stack, 'Server', { customHostname: { hostname: 'sftp.example.com' } });
    Tags.of(stack).add('owner', 'sftp team');
    Tags.of(server).add('cost-center', 'CC-1234');
    expect(synthError(stack)).toBe('');
  });
});

describe('host key bodies given as text', () => {
  const EC_PARAMETERS = '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n';
  const accepted: Array<[string, () => string, HostKeyAlgorithm]> = [
    ['RSA 2048 PEM (BEGIN RSA PRIVATE KEY)', () => pem(KEYS.rsa2048.privateKey, 'pkcs1'), HostKeyAlgorithm.RSA],
    ['RSA 2048 PKCS#8 (BEGIN PRIVATE KEY)', () => pem(KEYS.rsa2048.privateKey, 'pkcs8'), HostKeyAlgorithm.RSA],
    ['ECDSA P-256 PEM (BEGIN EC PRIVATE KEY)', () => pem(KEYS.p256.privateKey, 'sec1'), HostKeyAlgorithm.ECDSA],
    ['ECDSA P-256 PEM after its EC PARAMETERS (openssl ecparam -genkey)', () => EC_PARAMETERS + pem(KEYS.p256.privateKey, 'sec1'), HostKeyAlgorithm.ECDSA],
    ['ECDSA P-256 PKCS#8', () => pem(KEYS.p256.privateKey, 'pkcs8'), HostKeyAlgorithm.ECDSA],
    ['ED25519 PKCS#8', () => pem(KEYS.ed25519.privateKey, 'pkcs8'), HostKeyAlgorithm.ED25519],
    ['RSA 2048 OpenSSH', () => openssh(KEYS.rsa2048.privateKey), HostKeyAlgorithm.RSA],
    ['ECDSA P-256 OpenSSH', () => openssh(KEYS.p256.privateKey), HostKeyAlgorithm.ECDSA],
    ['ED25519 OpenSSH', () => openssh(KEYS.ed25519.privateKey), HostKeyAlgorithm.ED25519],
  ];

  /** The findings of the host key rules for one key given as text, and the algorithm the FIPS rule sees. */
  function judge(body: string, options: { algorithm?: HostKeyAlgorithm } = {}) {
    const stack = new Stack();
    new TransferServer(stack, 'Server', { securityPolicy: SecurityPolicy.FIPS_2025_03, hostKeys: [HostKey.fromString(body, options)] });
    const message = synthError(stack);
    return { message, warnings: message === '' ? warningsOf(stack) : [] };
  }

  test.each(accepted)('%s is accepted, its algorithm read from it', (_name, body, algorithm) => {
    const { message, warnings } = judge(body());
    expect(message).toBe('');
    // The FIPS rule reads the algorithm from the body: only an ED25519 key warns.
    expect(warnings.some((w) => w.includes('[server/host-key-ed25519-fips]'))).toBe(algorithm === HostKeyAlgorithm.ED25519);
  });

  const refused: Array<[string, () => string, RegExp]> = [
    ['an RSA key of 1024 bits (PEM)', () => pem(KEYS.rsa1024.privateKey, 'pkcs1'), /`hostKeys\[0\]` is a 1024-bit RSA key; Transfer Family needs RSA keys of 2048 bits or more/],
    ['an RSA key of 1024 bits (OpenSSH)', () => openssh(KEYS.rsa1024.privateKey), /`hostKeys\[0\]` is a 1024-bit RSA key/],
    ['an SSH public key', () => `ssh-ed25519 ${KEYS.ed25519.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')} me@host`, /`hostKeys\[0\]` is a public key/],
    ['a PEM public key', () => KEYS.rsa2048.publicKey.export({ format: 'pem', type: 'spki' }) as string, /`hostKeys\[0\]` is a public key/],
    ['text that is no key', () => 'my host key', /`hostKeys\[0\]` is not a private key: expected an OpenSSH/],
    ['an empty string', () => '', /`hostKeys\[0\]` is empty/],
    ['an encrypted PKCS#8 key', () => KEYS.p256.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string, /`hostKeys\[0\]` is encrypted with a passphrase/],
    ['an encrypted OpenSSH key', () => openssh(KEYS.ed25519.privateKey, { cipher: 'aes256-ctr' }), /`hostKeys\[0\]` is encrypted with a passphrase \(cipher aes256-ctr\)/],
    ['an ED448 key', () => pem(KEYS.ed448.privateKey, 'pkcs8'), /`hostKeys\[0\]` is an ED448 key/],
    ['an EC key on secp256k1', () => pem(KEYS.secp256k1.privateKey, 'sec1'), /`hostKeys\[0\]` is an EC key on curve secp256k1/],
    ['a key cut short', () => pem(KEYS.p256.privateKey, 'sec1').replace(/-----END[\s\S]*/, ''), /`hostKeys\[0\]` has no END line/],
    ['a PEM key whose body is damaged', () => pem(KEYS.p256.privateKey, 'sec1').replace(/\n[A-Za-z0-9+/]{10}/, '\nAAAAAAAAAA'), /`hostKeys\[0\]` cannot be read as a PEM private key/],
    ['an OpenSSH key whose private part is damaged', () => openssh(KEYS.ed25519.privateKey, { damaged: true }), /`hostKeys\[0\]` is an OpenSSH private key whose private part is damaged/],
    ['a key of more than 4096 characters', () => pem(KEYS.p256.privateKey, 'sec1') + ' '.repeat(4000), /`hostKeys\[0\]` is \d+ characters long \(the service takes at most 4096\)/],
  ];

  test.each(refused)('%s is refused, naming hostKeys[0]', (_name, body, expected) => {
    const { message } = judge(body());
    expect(message).toContain('[server/host-key-body]');
    expect(message).toMatch(expected);
  });

  test('a declared algorithm must match the key', () => {
    expect(judge(ED25519_KEY, { algorithm: HostKeyAlgorithm.RSA }).message)
      .toMatch(/\[server\/host-key-body\] `hostKeys\[0\]` is an ED25519 key but its `algorithm` says RSA/);
  });

  test('a key in a SecretValue.unsafePlainText is text in the template all the same: read and judged', () => {
    const stack = new Stack();
    new TransferServer(stack, 'Server', { hostKeys: [HostKey.fromSecretValue(SecretValue.unsafePlainText(pem(KEYS.rsa1024.privateKey, 'pkcs1')))] });
    expect(synthError(stack)).toMatch(/\[server\/host-key-body\] `hostKeys\[0\]` is a 1024-bit RSA key/);
  });

  test('dynamic references are not read: Secrets Manager, SSM parameters, and keys unknown until deployment', () => {
    const stack = new Stack();
    new TransferServer(stack, 'Server', {
      hostKeys: [
        HostKey.fromSecretValue(SecretValue.secretsManager('sftp/host-key')),
        HostKey.fromSecretValue(SecretValue.cfnDynamicReference(new CfnDynamicReference(CfnDynamicReferenceService.SSM, 'sftp-host-key'))),
        HostKey.fromString(Lazy.string({ produce: () => 'not a key' })),
      ],
    });
    expect(synthError(stack)).toBe('');
    expect(warningsOf(stack).filter((w) => /host-key/.test(w))).toEqual([]);
  });

  test('an ssm-secure reference is refused, also when its parameter name is a token', () => {
    const stack = new Stack();
    const name = new CfnParameter(stack, 'KeyParameter');
    new TransferServer(stack, 'Server', { hostKeys: [HostKey.fromSecretValue(SecretValue.ssmSecure(name.valueAsString))] });
    const message = synthError(stack);
    expect(message).toMatch(/\[server\/host-key-ssm-secure\] `hostKeys\[0\]` is `SecretValue\.ssmSecure\(\.\.\.\)`/);
    expect(message).toMatch(/Fix: store the key in Secrets Manager and use `HostKey\.fromSecretValue\(SecretValue\.secretsManager/);
  });

  const sshKeygen = (() => {
    try {
      execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
      return true;
    } catch (e) {
      return (e as { code?: string }).code !== 'ENOENT';
    }
  })();
  // Skipped only where ssh-keygen is not installed: the OpenSSH keys above are built by the tests' own
  // openssh-key-v1 writer, which these tests check against ssh-keygen itself.
  const withSshKeygen = sshKeygen ? test : test.skip;

  withSshKeygen('keys made by ssh-keygen are read the same way (OpenSSH and PEM), and ssh-keygen reads the tests\' own OpenSSH keys', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-keys-'));
    try {
      const make = (name: string, args: string[]) => {
        execFileSync('ssh-keygen', ['-q', '-N', '', '-C', 'test', '-f', path.join(dir, name), ...args], { stdio: 'ignore' });
        return fs.readFileSync(path.join(dir, name), 'utf8');
      };
      expect(judge(make('ed25519', ['-t', 'ed25519'])).message).toBe('');
      expect(judge(make('ecdsa384', ['-t', 'ecdsa', '-b', '384'])).message).toBe('');
      expect(judge(make('rsa3072-pem', ['-t', 'rsa', '-b', '3072', '-m', 'PEM'])).message).toBe('');
      expect(judge(make('rsa1024', ['-t', 'rsa', '-b', '1024'])).message).toMatch(/`hostKeys\[0\]` is a 1024-bit RSA key/);
      for (const key of [KEYS.rsa2048, KEYS.p256, KEYS.ed25519]) {
        const file = path.join(dir, 'ours');
        fs.writeFileSync(file, openssh(key.privateKey), { mode: 0o600 });
        const publicKey = execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' });
        expect(publicKey).toMatch(/^(ssh-rsa|ecdsa-sha2-nistp256|ssh-ed25519) AAAA/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
