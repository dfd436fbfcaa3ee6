import { App, CfnParameter, Lazy, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { synthError, warningsOf } from '../support/synth';
import {
  Domain, Endpoint, HomeDirectory, HostKey, IdentityProvider, IpAddressType, Protocol, SecurityPolicy, SetStatOption, SftpAuthenticationMethods,
  TlsSessionResumptionMode, TransferServer, TransferServerProps,
} from 'cdk-transfer-family';

// What callers without types get (JavaScript, and Python, Java, .NET and Go through jsii): every public
// entry point of the server area checks what it is given and throws an Error naming the prop and what
// it expects, never a TypeError. And values known only at deployment (tokens) pass unjudged.

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    publicSubnetIds: ['subnet-0000000000000000a', 'subnet-0000000000000000b'],
    privateSubnetIds: ['subnet-0000000000000000c', 'subnet-0000000000000000d'],
  });
  const fn = lambda.Function.fromFunctionArn(stack, 'Idp', 'arn:aws:lambda:us-east-1:111111111111:function:idp');
  const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::111111111111:role/invoke');
  return { app, stack, vpc, fn, role };
}

/** Run `build` and return the Error it throws (failing when it throws none, or something else than a plain Error). */
function thrown(build: () => unknown): Error {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).constructor).toBe(Error);
    return e as Error;
  }
  throw new Error('nothing was thrown');
}

// Values a caller without types may pass: cast to the declared types, as those callers do at run time.
const wrong = <T>(v: unknown) => v as T;

describe('new TransferServer(): bad input', () => {
  const cases: Array<[string, (ctx: ReturnType<typeof setup>) => unknown, string]> = [
    ['props null', () => null, 'TransferServer: `props` must be an object, got null.'],
    ['protocols a string', () => ({ protocols: 'SFTP' }), 'TransferServer: `protocols` must be an array, got the string "SFTP".'],
    ['an unknown protocol', () => ({ protocols: ['SFTP', 'SCP'] }), 'TransferServer: `protocols[1]` must be one of "SFTP", "FTPS", "FTP", "AS2", got the string "SCP".'],
    ['an undefined protocol', () => ({ protocols: [undefined] }), 'TransferServer: `protocols[0]` must be one of "SFTP", "FTPS", "FTP", "AS2", got undefined.'],
    ['endpoint a string', () => ({ endpoint: 'PUBLIC' }), 'TransferServer: `endpoint` must be an `Endpoint` (`Endpoint.PUBLIC` or `Endpoint.vpc({ vpc })`), got the string "PUBLIC".'],
    ['identityProvider a plain object', () => ({ identityProvider: { identityProviderType: 'AWS_LAMBDA' } }), 'TransferServer: `identityProvider` must be an `IdentityProvider`'],
    ['an unknown domain', () => ({ domain: 'GCS' }), 'TransferServer: `domain` must be one of "S3", "EFS", got the string "GCS".'],
    ['certificate an ARN string', () => ({ certificate: 'arn:aws:acm:us-east-1:111111111111:certificate/abc' }), 'TransferServer: `certificate` must be an acm.ICertificate'],
    ['certificate with a number ARN', () => ({ certificate: { certificateArn: 5 } }), 'TransferServer: `certificate.certificateArn` must be a string, got the number 5.'],
    ['securityPolicy a name', () => ({ securityPolicy: 'TransferSecurityPolicy-2025-03' }), 'TransferServer: `securityPolicy` must be a `SecurityPolicy` (e.g. `SecurityPolicy.TRANSFER_2025_03`)'],
    ['hostKeys a string', () => ({ hostKeys: '-----BEGIN OPENSSH PRIVATE KEY-----' }), 'TransferServer: `hostKeys` must be an array'],
    ['a host key that is a string', () => ({ hostKeys: ['-----BEGIN OPENSSH PRIVATE KEY-----'] }), 'TransferServer: `hostKeys[0]` must be a `HostKey`'],
    ['a banner number', () => ({ preAuthenticationLoginBanner: 42 }), 'TransferServer: `preAuthenticationLoginBanner` must be a string, got the number 42.'],
    ['a post-authentication banner array', () => ({ postAuthenticationLoginBanner: ['hi'] }), 'TransferServer: `postAuthenticationLoginBanner` must be a string, got an array.'],
    ['passiveIp a number', () => ({ passiveIp: 0 }), 'TransferServer: `passiveIp` must be a string, got the number 0.'],
    ['an unknown TLS session resumption mode', () => ({ tlsSessionResumptionMode: 'ON' }), 'TransferServer: `tlsSessionResumptionMode` must be one of "DISABLED", "ENABLED", "ENFORCED"'],
    ['an unknown SETSTAT option', () => ({ setStatOption: 'IGNORE' }), 'TransferServer: `setStatOption` must be one of "DEFAULT", "ENABLE_NO_OP"'],
    ['an unknown SFTP authentication method', () => ({ sftpAuthenticationMethods: 'KEY' }), 'TransferServer: `sftpAuthenticationMethods` must be one of "PASSWORD", "PUBLIC_KEY"'],
    ['an unknown IP address type', () => ({ ipAddressType: 'IPV6' }), 'TransferServer: `ipAddressType` must be one of "IPV4", "DUALSTACK", got the string "IPV6".'],
    ['directoryListingOptimization a string', () => ({ directoryListingOptimization: 'ENABLED' }), 'TransferServer: `directoryListingOptimization` must be true or false, got the string "ENABLED".'],
    ['logGroup a name', () => ({ logGroup: '/aws/transfer/s' }), 'TransferServer: `logGroup` must be a logs.ILogGroup'],
    ['loggingRole without methods', () => ({ loggingRole: { roleArn: 'arn:aws:iam::111111111111:role/x', addToPrincipalPolicy: true } }), 'TransferServer: `loggingRole` must be an iam.IRole'],
    ['onUpload an id', () => ({ onUpload: 'w-0123456789abcdef0' }), 'TransferServer: `onUpload` must be an IWorkflow'],
    ['customHostname a string', () => ({ customHostname: 'sftp.example.com' }), 'TransferServer: `customHostname` must be an object, got the string "sftp.example.com".'],
    ['customHostname without a host name', () => ({ customHostname: {} }), 'TransferServer: `customHostname.hostname` must be a string, got undefined.'],
    ['a hosted zone that is a name', () => ({ customHostname: { hostname: 'sftp.example.com', hostedZone: 'example.com' } }), 'TransferServer: `customHostname.hostedZone` must be a route53.IHostedZone'],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    const ctx = setup();
    expect(thrown(() => new TransferServer(ctx.stack, 'Server', wrong<TransferServerProps>(props(ctx)))).message).toContain(message);
  });

  test('bad props add nothing to the construct tree: the id stays free', () => {
    const { stack } = setup();
    thrown(() => new TransferServer(stack, 'Server', wrong({ protocols: ['SCP'] })));
    expect(stack.node.tryFindChild('Server')).toBeUndefined();
    expect(new TransferServer(stack, 'Server').node.id).toBe('Server');
  });

  test('scope and id', () => {
    const { stack } = setup();
    expect(thrown(() => new TransferServer(wrong({}), 'Server')).message).toBe('TransferServer: `scope` must be a construct (e.g. a `Stack`), got an object (Object).');
    expect(thrown(() => new TransferServer(stack, wrong(5))).message).toBe('TransferServer: `id` must be a non-empty string without tokens, got the number 5.');
    expect(thrown(() => new TransferServer(stack, '')).message).toBe('TransferServer: `id` must be a non-empty string without tokens, got the string "".');
  });

  test('a VPC without the subnets the endpoint needs names `vpcSubnets`', () => {
    const { stack } = setup();
    const publicOnly = ec2.Vpc.fromVpcAttributes(stack, 'PublicOnly', {
      vpcId: 'vpc-0123456789abcdef1', availabilityZones: ['us-east-1a'], publicSubnetIds: ['subnet-0000000000000000e'],
    });
    expect(thrown(() => new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc: publicOnly }) })).message)
      .toMatch(/^TransferServer: `endpoint` \(`Endpoint.vpc\(\)`\) must select subnets the VPC has, with `vpcSubnets` \(by default its private subnets\): /);
    expect(thrown(() => new TransferServer(stack, 'Other', { endpoint: Endpoint.vpc({ vpc: publicOnly, vpcSubnets: wrong({ subnetType: 'Nope' }) }) })).message)
      .toMatch(/`vpcSubnets`/);
  });
});

describe('factories and methods: bad input', () => {
  const cases: Array<[string, (ctx: ReturnType<typeof setup>) => unknown, string]> = [
    ['Endpoint.vpc(undefined)', () => Endpoint.vpc(wrong(undefined)), 'Endpoint.vpc(): `options` must be an object, got undefined.'],
    ['Endpoint.vpc({})', () => Endpoint.vpc(wrong({})), 'Endpoint.vpc(): `options.vpc` must be an ec2.IVpc, got undefined.'],
    ['Endpoint.vpc: vpc an id', ({ vpc }) => Endpoint.vpc(wrong({ vpc: vpc.vpcId })), 'Endpoint.vpc(): `options.vpc` must be an ec2.IVpc, got the string "vpc-0123456789abcdef0".'],
    ['Endpoint.vpc: vpcSubnets a string', ({ vpc }) => Endpoint.vpc({ vpc, vpcSubnets: wrong('public') }), 'Endpoint.vpc(): `options.vpcSubnets` must be an object, got the string "public".'],
    ['Endpoint.vpc: a security group id', ({ vpc }) => Endpoint.vpc({ vpc, securityGroups: wrong(['sg-0123456789abcdef0']) }), 'Endpoint.vpc(): `options.securityGroups[0]` must be an ec2.ISecurityGroup, got the string "sg-0123456789abcdef0".'],
    ['Endpoint.vpc: internetFacing a string', ({ vpc }) => Endpoint.vpc({ vpc, internetFacing: wrong('yes') }), 'Endpoint.vpc(): `options.internetFacing` must be true or false, got the string "yes".'],
    ['Endpoint.vpc: allocation ids a string', ({ vpc }) => Endpoint.vpc({ vpc, addressAllocationIds: wrong('eipalloc-1') }), 'Endpoint.vpc(): `options.addressAllocationIds` must be an array, got the string "eipalloc-1".'],
    ['Endpoint.vpc: an allocation id number', ({ vpc }) => Endpoint.vpc({ vpc, addressAllocationIds: wrong([1]) }), 'Endpoint.vpc(): `options.addressAllocationIds[0]` must be a string, got the number 1.'],
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    ['Endpoint.vpcEndpoint(5)', () => Endpoint.vpcEndpoint(wrong(5)), 'Endpoint.vpcEndpoint(): `vpcEndpointId` must be a string, got the number 5.'],
    ['IdentityProvider.directory({})', () => IdentityProvider.directory(wrong({})), 'IdentityProvider.directory(): `options.directoryId` must be a string, got undefined.'],
    ['IdentityProvider.directory(undefined)', () => IdentityProvider.directory(wrong(undefined)), 'IdentityProvider.directory(): `options` must be an object, got undefined.'],
    ['IdentityProvider.apiGateway: no role', () => IdentityProvider.apiGateway(wrong({ url: 'https://x.example.com' })), 'IdentityProvider.apiGateway(): `options.invocationRole` must be an iam.IRole, got undefined.'],
    ['IdentityProvider.apiGateway: url a number', ({ role }) => IdentityProvider.apiGateway({ url: wrong(443), invocationRole: role }), 'IdentityProvider.apiGateway(): `options.url` must be a string, got the number 443.'],
    ['IdentityProvider.apiGateway: unknown methods', ({ role }) => IdentityProvider.apiGateway({ url: 'https://x', invocationRole: role, sftpAuthenticationMethods: wrong('KEY') }), 'IdentityProvider.apiGateway(): `options.sftpAuthenticationMethods` must be one of'],
    ['IdentityProvider.lambda(undefined)', () => IdentityProvider.lambda(wrong(undefined)), 'IdentityProvider.lambda(): `fn` must be a lambda.IFunction, got undefined.'],
    ['IdentityProvider.lambda: an ARN', () => IdentityProvider.lambda(wrong('arn:aws:lambda:us-east-1:111111111111:function:idp')), 'IdentityProvider.lambda(): `fn` must be a lambda.IFunction, got the string'],
    ['IdentityProvider.lambda: options null', ({ fn }) => IdentityProvider.lambda(fn, wrong(null)), 'IdentityProvider.lambda(): `options` must be an object, got null.'],
    ['HostKey.fromString(undefined)', () => HostKey.fromString(wrong(undefined)), 'HostKey.fromString(): `body` must be a string, got undefined.'],
    ['HostKey.fromString: an unknown algorithm', () => HostKey.fromString('k', wrong({ algorithm: 'DSA' })), 'HostKey.fromString(): `options.algorithm` must be one of "RSA", "ECDSA", "ED25519", got the string "DSA".'],
    ['HostKey.fromString: a number description', () => HostKey.fromString('k', wrong({ description: 1 })), 'HostKey.fromString(): `options.description` must be a string, got the number 1.'],
    ['HostKey.fromSecretValue: a string', () => HostKey.fromSecretValue(wrong('sftp/host-key')), 'HostKey.fromSecretValue(): `value` must be a SecretValue'],
    ['HostKey.fromSecretValue: options a string', () => HostKey.fromSecretValue(SecretValue.secretsManager('k'), wrong('RSA')), 'HostKey.fromSecretValue(): `options` must be an object, got the string "RSA".'],
    ['SecurityPolicy.of(undefined)', () => SecurityPolicy.of(wrong(undefined)), 'SecurityPolicy.of(): `name` must be a string, got undefined.'],
    ['fromServerId: a malformed id', ({ stack }) => TransferServer.fromServerId(stack, 'I', 's-123'), 'TransferServer.fromServerId(): `serverId` must be a server id, `s-` and 17 hexadecimal digits (e.g. `s-0123456789abcdef0`), got the string "s-123".'],
    ['fromServerId: a number', ({ stack }) => TransferServer.fromServerId(stack, 'I', wrong(5)), 'TransferServer.fromServerId(): `serverId` must be a string, got the number 5.'],
    ['fromServerId: no scope', () => TransferServer.fromServerId(wrong(undefined), 'I', 's-0123456789abcdef0'), 'TransferServer.fromServerId(): `scope` must be a construct'],
    ['fromServerAttributes: attrs undefined', ({ stack }) => TransferServer.fromServerAttributes(stack, 'I', wrong(undefined)), 'TransferServer.fromServerAttributes(): `attrs` must be an object, got undefined.'],
    ['fromServerAttributes: an upper-case id', ({ stack }) => TransferServer.fromServerAttributes(stack, 'I', { serverId: 's-0123456789ABCDEF0' }), 'TransferServer.fromServerAttributes(): `attrs.serverId` must be a server id'],
    ['fromServerAttributes: an unknown domain', ({ stack }) => TransferServer.fromServerAttributes(stack, 'I', { serverId: 's-0123456789abcdef0', domain: wrong('NFS') }), 'TransferServer.fromServerAttributes(): `attrs.domain` must be one of "S3", "EFS"'],
    ['fromServerAttributes: an unknown provider type', ({ stack }) => TransferServer.fromServerAttributes(stack, 'I', { serverId: 's-0123456789abcdef0', identityProviderType: 'LDAP' }), 'TransferServer.fromServerAttributes(): `attrs.identityProviderType` must be one of "SERVICE_MANAGED"'],
    ['fromServerAttributes: security group ids', ({ stack }) => TransferServer.fromServerAttributes(stack, 'I', { serverId: 's-0123456789abcdef0', securityGroups: wrong(['sg-0123456789abcdef0']) }), 'TransferServer.fromServerAttributes(): `attrs.securityGroups[0]` must be an ec2.ISecurityGroup'],
    ['addHostKey: a string', ({ stack }) => new TransferServer(stack, 'S').addHostKey(wrong('key')), 'TransferServer.addHostKey(): `hostKey` must be a `HostKey`'],
    ['addUser: a number id', ({ stack }) => new TransferServer(stack, 'S').addUser(wrong(1), wrong({})), 'TransferServer.addUser(): `id` must be a non-empty string without tokens, got the number 1.'],
    ['addUser: no options', ({ stack }) => new TransferServer(stack, 'S').addUser('alice', wrong(undefined)), 'TransferServer.addUser(): `options` must be an object, got undefined.'],
    ['addHomeLocation: undefined', ({ stack }) => new TransferServer(stack, 'S').addHomeLocation(wrong(undefined)), 'TransferServer.addHomeLocation(): `location` must be an object, got undefined.'],
    ['metric: a number name', ({ stack }) => TransferServer.fromServerId(stack, 'I', 's-0123456789abcdef0').metric(wrong(1)), 'TransferServer.metric(): `metricName` must be a string, got the number 1.'],
  ];

  test.each(cases)('%s', (_name, build, message) => {
    expect(thrown(() => build(setup())).message).toContain(message);
  });

  test('an imported server id unknown until deployment passes', () => {
    const { stack } = setup();
    const id = new CfnParameter(stack, 'ServerId').valueAsString;
    expect(TransferServer.fromServerId(stack, 'I', id).serverId).toBe(id);
    expect(TransferServer.fromServerAttributes(stack, 'J', { serverId: Lazy.string({ produce: () => 'nope' }) })).toBeDefined();
  });

  test('addUser passes the user\'s own options through: the user judges them', () => {
    const { stack } = setup();
    const server = new TransferServer(stack, 'S');
    const user = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'B'), 'home/alice/') });
    expect(user.server).toBe(server);
  });
});

describe('tokens: every server prop that can hold one synthesizes unjudged', () => {
  test('strings: banners, passive IP, host name, policy name, directory id, URL, key body and description', () => {
    const { stack, fn, role } = setup();
    const p = (name: string) => new CfnParameter(stack, name).valueAsString;
    new TransferServer(stack, 'Server', {
      preAuthenticationLoginBanner: p('Pre'),
      postAuthenticationLoginBanner: p('Post'),
      passiveIp: p('PassiveIp'),
      customHostname: { hostname: p('Hostname') },
      securityPolicy: SecurityPolicy.of(p('Policy')),
      hostKeys: [HostKey.fromString(p('Key'), { description: p('KeyDescription') })],
      identityProvider: IdentityProvider.apiGateway({ url: p('Url'), invocationRole: role }),
    });
    new TransferServer(stack, 'Dir', { identityProvider: IdentityProvider.directory({ directoryId: p('Directory') }) });
    new TransferServer(stack, 'Fn', { identityProvider: IdentityProvider.lambda(fn) });
    expect(synthError(stack)).toBe('');
    // Only the advice that does not depend on a token: the public endpoints, and the plain key is a parameter, not text.
    expect(warningsOf(stack).filter((w) => w.startsWith('[server/') && !w.startsWith('[server/public-endpoint]'))).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Server', {
      PreAuthenticationLoginBanner: { Ref: 'Pre' },
      PostAuthenticationLoginBanner: { Ref: 'Post' },
      SecurityPolicyName: { Ref: 'Policy' },
      ProtocolDetails: { PassiveIp: { Ref: 'PassiveIp' } },
      IdentityProviderDetails: { Url: { Ref: 'Url' }, InvocationRole: 'arn:aws:iam::111111111111:role/invoke' },
    });
  });

  test('choices given as strings: domain, IP address type, TLS resumption, SETSTAT, SFTP authentication methods', () => {
    const { stack, fn } = setup();
    const p = (name: string) => new CfnParameter(stack, name).valueAsString;
    new TransferServer(stack, 'Server', {
      protocols: [Protocol.AS2],
      endpoint: Endpoint.vpc({ vpc: privateVpc(stack) }),
      domain: wrong<Domain>(p('Domain')),
      ipAddressType: wrong<IpAddressType>(p('IpAddressType')),
      tlsSessionResumptionMode: wrong<TlsSessionResumptionMode>(p('Tls')),
      setStatOption: wrong<SetStatOption>(p('SetStat')),
    });
    new TransferServer(stack, 'Sftp', { identityProvider: IdentityProvider.lambda(fn, { sftpAuthenticationMethods: wrong<SftpAuthenticationMethods>(p('Methods')) }) });
    expect(synthError(stack)).toBe('');
    expect(warningsOf(stack).filter((w) => /tls-session|as2-needs-s3|sftp-authentication/.test(w))).toEqual([]);
  });

  test('lists: protocols from a CommaDelimitedList parameter, Elastic IPs from an encoded list', () => {
    const { stack, vpc, fn } = setup();
    const protocols = new CfnParameter(stack, 'Protocols', { type: 'CommaDelimitedList' }).valueAsList;
    new TransferServer(stack, 'Server', {
      protocols: wrong<Protocol[]>(protocols),
      endpoint: Endpoint.vpc({ vpc, addressAllocationIds: Token.asList({ Ref: 'ElasticIps' }) }),
      identityProvider: IdentityProvider.lambda(fn),
      ipAddressType: IpAddressType.DUALSTACK,
      postAuthenticationLoginBanner: 'Authorized use only',
      passiveIp: 'AUTO',
    });
    new CfnParameter(stack, 'ElasticIps', { type: 'CommaDelimitedList' });
    expect(synthError(stack)).toBe('');
    // No protocol-dependent advice either: the protocols are known at deployment only.
    expect(warningsOf(stack).filter((w) => /ftp|banner|passive|elastic/.test(w))).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Server', {
      Protocols: { Ref: 'Protocols' }, EndpointDetails: { AddressAllocationIds: { Ref: 'ElasticIps' } },
    });
  });

  test('references: a certificate, a function, roles and a log group of parameters', () => {
    const { stack, vpc } = setup();
    const p = (name: string) => new CfnParameter(stack, name).valueAsString;
    new TransferServer(stack, 'Server', {
      protocols: [Protocol.FTPS],
      endpoint: Endpoint.vpc({ vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', p('SecurityGroup'))] }),
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', p('Certificate')),
      identityProvider: IdentityProvider.lambda(lambda.Function.fromFunctionArn(stack, 'Fn', p('Function'))),
      loggingRole: iam.Role.fromRoleArn(stack, 'Logs', p('LoggingRole'), { mutable: false }),
      logGroup: logs.LogGroup.fromLogGroupArn(stack, 'Group', p('LogGroup')),
    });
    expect(synthError(stack)).toBe('');
  });
});

// (The server area takes no Duration and no number: strings, choices, lists and references are all it has.)

function privateVpc(stack: Stack) {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc2', {
    vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0000000000000000f'],
  });
}
