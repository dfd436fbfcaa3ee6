import { Annotations as CoreAnnotations, App, CfnResource, Lazy, Resource, SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { synthError, warningsOf } from './support/synth';
import { SERVER_RULES } from '../src/private/server-rules';
import {
  Domain, Endpoint, HostKey, HostKeyAlgorithm, IdentityProvider, IpAddressType, IWorkflow, Protocol, SecurityPolicy,
  SftpAuthenticationMethods, TlsSessionResumptionMode, TransferServer, TransferServerProps,
} from 'cdk-transfer-family';

// An unencrypted OpenSSH ED25519 private key generated for these tests only.
const ED25519_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBkZXNlZWRkZXNlZWRkZXNlZWRkZXNlZWRkZXNlZWQAAAAAAAAAAAAAAAAA',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

/** A workflow as another library (or an import) would provide it. */
class FakeWorkflow extends Resource implements IWorkflow {
  public readonly workflowArn: string;
  constructor(scope: Stack, id: string, public readonly workflowId: string, public readonly executionRole?: iam.IRole) {
    super(scope, id);
    this.workflowArn = `arn:aws:transfer:us-east-1:111111111111:workflow/${workflowId}`;
  }
}

function stackWithVpc() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  return { app, stack, vpc };
}

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
    const wf = (id: string) => new FakeWorkflow(stack, id, `w-${id}`, role);
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
  ['server/ftp-no-elastic-ips', ({ vpc, stack }) => ({ protocols: [Protocol.FTP], endpoint: Endpoint.vpc({ vpc, internetFacing: true }), identityProvider: IdentityProvider.lambda(fn(stack)) }), /FTP but the VPC endpoint is internet-facing/],
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
];

const warningCases: Case[] = [
  ['server/certificate-needs-ftps', ({ stack }) => ({ certificate: cert(stack) }), /`certificate` is set but `protocols` does not include FTPS/],
  ['server/passive-ip-needs-ftp', () => ({ passiveIp: 'AUTO' }), /`passiveIp` is set/],
  ['server/tls-session-resumption-needs-ftps', () => ({ tlsSessionResumptionMode: TlsSessionResumptionMode.DISABLED }), /`tlsSessionResumptionMode` is set/],
  ['server/host-keys-need-sftp', ({ vpc }) => ({ protocols: [Protocol.AS2], endpoint: Endpoint.vpc({ vpc }), hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('k'))] }), /1 host key\(s\) given but `protocols` does not include SFTP/],
  ['server/host-key-plain-text', () => ({ hostKeys: [HostKey.fromString(ED25519_KEY)] }), /host key 1 is plain text/],
  ['server/host-key-plain-text', () => ({ hostKeys: [HostKey.fromSecretValue(SecretValue.unsafePlainText(ED25519_KEY))] }), /host key 1 is plain text/],
  ['server/host-key-ed25519-fips', () => ({ securityPolicy: SecurityPolicy.FIPS_2024_05, hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('k'), { algorithm: HostKeyAlgorithm.ED25519 })] }), /host key 1 is ED25519 and `securityPolicy` is TransferSecurityPolicy-FIPS-2024-05/],
  ['server/host-key-ed25519-fips', () => ({ securityPolicy: SecurityPolicy.FIPS_2025_03, hostKeys: [HostKey.fromString(ED25519_KEY)] }), /host key 1 is ED25519/],
  ['server/custom-hostname-record', ({ vpc, stack }) => ({ endpoint: Endpoint.vpc({ vpc }), customHostname: { hostname: 'sftp.example.com', hostedZone: route53.HostedZone.fromHostedZoneAttributes(stack, 'Z', { hostedZoneId: 'Z123', zoneName: 'example.com' }) } }), /the VPC endpoint is internal, so no record is created/],
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

  test('every rule of the table has a breaking test here', () => {
    const tested = new Set([...errorCases, ...warningCases].map(([id]) => id));
    tested.add('server/workflow-execution-role'); // tested below
    // The security advice has its own file, test/server-security.test.ts.
    for (const id of ['server/ftp-plaintext', 'server/public-endpoint', 'server/security-policy-outdated', 'server/security-policy-not-post-quantum']) {
      tested.add(id);
    }
    expect(SERVER_RULES.info.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  test('server/workflow-execution-role: an imported workflow without a role cannot be attached', () => {
    const stack = new Stack();
    const wf = new FakeWorkflow(stack, 'Imported', 'w-0123456789abcdef0');
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
