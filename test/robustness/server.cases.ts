import { SecretValue, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { anyValue, assertRobust, mostly } from '../support/robustness';
import { openssh, pem, testKeys } from '../support/server-combinations';
import {
  Domain, Endpoint, HomeDirectory, HostKey, HostKeyAlgorithm, IdentityProvider, IpAddressType, Protocol, SecurityPolicy, SetStatOption,
  SftpAuthenticationMethods, TlsSessionResumptionMode, TransferServer, Workflow,
} from 'cdk-transfer-family';

/**
 * The robustness property (test/support/robustness.ts) of every entry point of the server area:
 * `new TransferServer`, its imports, `addHostKey()` and `addUser()`, and the factories of `Endpoint`,
 * `IdentityProvider`, `HostKey` and `SecurityPolicy`. Arguments are mostly right, sometimes anything; the
 * constructs they need (a VPC, a function, ...) are markers that the build replaces with real ones of its stack.
 */

type Kind = 'vpc' | 'securityGroup' | 'certificate' | 'function' | 'role' | 'logGroup' | 'workflow' | 'zone' | 'bucket'
  | 'secretsManager' | 'ssmSecure' | 'plainSecret';

/** A construct (or a secret) of the stack, made when the input is built. */
class Marker {
  constructor(public readonly kind: Kind) {}
  public toString() {
    return `<${this.kind}>`;
  }
}

function construct(stack: Stack, kind: Kind): unknown {
  const existing = stack.node.tryFindChild(kind);
  if (existing) return existing;
  switch (kind) {
    // Four Availability Zones: the default internet-facing selection takes three of them.
    case 'vpc': return ec2.Vpc.fromVpcAttributes(stack, kind, {
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'],
      publicSubnetIds: ['a', 'b', 'c', 'd'].map((c) => `subnet-${c.repeat(17)}`),
      privateSubnetIds: ['1', '2', '3', '4'].map((c) => `subnet-${c.repeat(17)}`),
    });
    case 'securityGroup': return ec2.SecurityGroup.fromSecurityGroupId(stack, kind, 'sg-0123456789abcdef0');
    case 'certificate': return acm.Certificate.fromCertificateArn(stack, kind, 'arn:aws:acm:us-east-1:111111111111:certificate/0f0e');
    case 'function': return lambda.Function.fromFunctionArn(stack, kind, 'arn:aws:lambda:us-east-1:111111111111:function:idp');
    case 'role': return iam.Role.fromRoleArn(stack, kind, 'arn:aws:iam::111111111111:role/transfer');
    case 'logGroup': return logs.LogGroup.fromLogGroupName(stack, kind, 'sftp-logs');
    case 'workflow': return Workflow.fromWorkflowAttributes(stack, kind, { workflowId: 'w-0123456789abcdef0', executionRole: construct(stack, 'role') as iam.IRole });
    case 'zone': return route53.HostedZone.fromHostedZoneAttributes(stack, kind, { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });
    case 'bucket': return s3.Bucket.fromBucketName(stack, kind, 'sftp-homes');
    case 'secretsManager': return SecretValue.secretsManager('sftp/host-key');
    case 'ssmSecure': return SecretValue.ssmSecure('/sftp/host-key');
    case 'plainSecret': return SecretValue.unsafePlainText(KEY_TEXTS[0]);
  }
}

/**
 * The input with its markers replaced by constructs (plain objects, those of null prototype that fast-check
 * makes too, and arrays are walked, nothing else).
 */
function resolve(stack: Stack, v: unknown): any {
  if (v instanceof Marker) return construct(stack, v.kind);
  if (Array.isArray(v)) return v.map((x) => resolve(stack, x));
  if (v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v))) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(stack, x)]));
  }
  return v;
}

const marker = (kind: Kind) => fc.constant(new Marker(kind));
type Wrap = (a: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>;
/** A record of optional props, each mostly right (`each`: `mostly`, or as they are); `required` are always present. */
const props = (fields: Record<string, fc.Arbitrary<unknown>>, required: string[] = [], each: Wrap = mostly): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, each(a)])), { requiredKeys: required });

const text = fc.string({ maxLength: 40 });
const keys = testKeys();
/** Host key bodies the service takes, then some it refuses. */
const KEY_TEXTS = [
  pem(keys.p256.privateKey, 'sec1'), openssh(keys.ed25519.privateKey), pem(keys.rsa2048.privateKey, 'pkcs8'),
  pem(keys.rsa1024.privateKey, 'pkcs1'), openssh(keys.ed25519.privateKey, { damaged: true }), keys.rsa2048.publicKey.export({ format: 'pem', type: 'spki' }) as string,
  '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----',
];

const protocols = fc.oneof(
  fc.subarray([Protocol.SFTP, Protocol.FTP, Protocol.FTPS, Protocol.AS2], { minLength: 1 }),
  fc.array(fc.oneof(fc.constantFrom(...Object.values(Protocol)), text), { maxLength: 5 }),
);
const eipIds = fc.array(fc.oneof(fc.integer({ min: 0, max: 99 }).map((i) => `eipalloc-${String(i).padStart(17, '0')}`), text), { maxLength: 5 });
const subnets = fc.constantFrom<ec2.SubnetSelection>(
  { subnetType: ec2.SubnetType.PUBLIC }, { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  { availabilityZones: ['us-east-1a', 'us-east-1b'], subnetType: ec2.SubnetType.PUBLIC }, { subnetGroupName: 'Nope' },
);
const vpcOptions = props({
  vpc: marker('vpc'),
  vpcSubnets: subnets,
  securityGroups: fc.array(mostly(marker('securityGroup')), { maxLength: 2 }),
  internetFacing: fc.boolean(),
  addressAllocationIds: eipIds,
}, ['vpc']);
const vpcEndpointId = fc.oneof(fc.stringMatching(/^vpce-[0-9a-f]{17}$/), text);

/** The arguments of one of the factories of `Endpoint`, or `Endpoint.PUBLIC`. */
const endpoint = fc.oneof(
  fc.constant({ factory: 'PUBLIC' as const }),
  fc.record({ factory: fc.constant('vpc' as const), args: mostly(vpcOptions) }),
  fc.record({ factory: fc.constant('vpcEndpoint' as const), args: mostly(vpcEndpointId) }),
);
type EndpointArgs = { factory: 'PUBLIC' } | { factory: 'vpc' | 'vpcEndpoint'; args: unknown };

function endpointOf(stack: Stack, a: unknown): unknown {
  if (a === null || typeof a !== 'object' || !('factory' in a)) return resolve(stack, a);
  const e = a as EndpointArgs;
  if (e.factory === 'PUBLIC') return Endpoint.PUBLIC;
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  return e.factory === 'vpc' ? Endpoint.vpc(resolve(stack, e.args)) : Endpoint.vpcEndpoint(resolve(stack, e.args));
}

const methods = fc.constantFrom(...Object.values(SftpAuthenticationMethods));
/** The arguments of one of the factories of `IdentityProvider`. */
const identityProvider = fc.oneof(
  fc.constant({ factory: 'serviceManaged' as const, args: [] as unknown[] }),
  fc.record({ factory: fc.constant('directory' as const), args: fc.tuple(mostly(props({ directoryId: fc.oneof(fc.constant('d-0123456789'), text) }, ['directoryId']))) }),
  fc.record({
    factory: fc.constant('apiGateway' as const),
    args: fc.tuple(mostly(props({
      url: fc.oneof(fc.constant('https://abc123.execute-api.us-east-1.amazonaws.com/prod'), text), invocationRole: marker('role'), sftpAuthenticationMethods: methods,
    }, ['url', 'invocationRole']))),
  }),
  fc.record({ factory: fc.constant('lambda' as const), args: fc.tuple(mostly(marker('function')), mostly(props({ sftpAuthenticationMethods: methods }))) }),
);

function identityProviderOf(stack: Stack, a: unknown): unknown {
  if (a === null || typeof a !== 'object' || !('factory' in a)) return resolve(stack, a);
  const i = a as { factory: 'serviceManaged' | 'directory' | 'apiGateway' | 'lambda'; args: unknown[] };
  return (IdentityProvider[i.factory] as (...args: unknown[]) => IdentityProvider)(...resolve(stack, i.args));
}

const keyOptions = props({
  description: fc.oneof(fc.constantFrom('primary', 'rotated 2026'), text, fc.constant('x'.repeat(201))),
  algorithm: fc.constantFrom(...Object.values(HostKeyAlgorithm)),
});
/** The arguments of one of the factories of `HostKey`. */
const hostKey = fc.oneof(
  fc.record({ factory: fc.constant('fromString' as const), args: fc.tuple(mostly(fc.oneof(fc.constantFrom(...KEY_TEXTS), text)), mostly(keyOptions)) }),
  fc.record({
    factory: fc.constant('fromSecretValue' as const),
    args: fc.tuple(mostly(fc.oneof(marker('secretsManager'), marker('ssmSecure'), marker('plainSecret'))), mostly(keyOptions)),
  }),
);

function hostKeyOf(stack: Stack, a: unknown): unknown {
  if (a === null || typeof a !== 'object' || !('factory' in a)) return resolve(stack, a);
  const k = a as { factory: 'fromString' | 'fromSecretValue'; args: unknown[] };
  return (HostKey[k.factory] as (...args: unknown[]) => HostKey)(...resolve(stack, k.args));
}

const policyName = fc.oneof(fc.constantFrom(...SecurityPolicy.knownNames(), 'TransferSecurityPolicy-2031-01', 'TransferSFTPConnectorSecurityPolicy-2024-03'), text);
const securityPolicy = fc.oneof(
  fc.constantFrom(SecurityPolicy.TRANSFER_2025_03, SecurityPolicy.FIPS_2025_03, SecurityPolicy.TRANSFER_2020_06),
  fc.record({ factory: fc.constant('of' as const), name: mostly(policyName) }),
);

function securityPolicyOf(a: unknown): unknown {
  return a !== null && typeof a === 'object' && 'factory' in a ? SecurityPolicy.of((a as { name?: unknown }).name as string) : a;
}

const banner = fc.oneof(fc.constantFrom('Authorized use only', 'Welcome\r\nto SFTP\t'), text, fc.constant('x'.repeat(4097)));
/** Every prop of a server: values of the right kind, right or wrong for the service. */
const SERVER_FIELDS = {
  protocols,
  endpoint,
  identityProvider,
  domain: fc.constantFrom(...Object.values(Domain)),
  certificate: marker('certificate'),
  securityPolicy,
  hostKeys: fc.array(mostly(hostKey), { maxLength: 2 }),
  preAuthenticationLoginBanner: banner,
  postAuthenticationLoginBanner: banner,
  passiveIp: fc.oneof(fc.constantFrom('AUTO', '0.0.0.0', '203.0.113.10', '300.1.1.1'), text),
  tlsSessionResumptionMode: fc.constantFrom(...Object.values(TlsSessionResumptionMode)),
  setStatOption: fc.constantFrom(...Object.values(SetStatOption)),
  sftpAuthenticationMethods: methods,
  ipAddressType: fc.constantFrom(...Object.values(IpAddressType)),
  directoryListingOptimization: fc.boolean(),
  logGroup: marker('logGroup'),
  loggingRole: marker('role'),
  onUpload: marker('workflow'),
  onPartialUpload: marker('workflow'),
  customHostname: props({ hostname: fc.oneof(fc.constantFrom('sftp.example.com', 'sftp.other.org'), text), hostedZone: marker('zone') }, ['hostname']),
};
/** Every prop of a server, each mostly right. */
const serverProps = props(SERVER_FIELDS);
/**
 * Every prop of a server, of the right kind: with twenty props mostly right, few servers get past the
 * constructor's checks; these reach the rules and the schema check.
 */
const typedServerProps = props(SERVER_FIELDS, [], (a) => a);

/**
 * Every prop of a server, each a value the service takes on its own (the factories' arguments too): only
 * their combinations can be wrong. Many of these servers synthesize, and their templates are schema-checked.
 */
const validServerProps = fc.record({
  // Mostly SFTP, which any endpoint and provider serves: more of these servers synthesize.
  protocols: fc.oneof(
    { arbitrary: fc.constant([Protocol.SFTP]), weight: 3 },
    { arbitrary: fc.subarray([Protocol.SFTP, Protocol.FTP, Protocol.FTPS, Protocol.AS2], { minLength: 1 }), weight: 2 },
  ),
  endpoint: fc.oneof(
    fc.constant({ factory: 'PUBLIC' as const }),
    fc.record({
      factory: fc.constant('vpc' as const),
      args: fc.record({
        vpc: marker('vpc'),
        vpcSubnets: fc.constantFrom<ec2.SubnetSelection>({ subnetType: ec2.SubnetType.PUBLIC }, { availabilityZones: ['us-east-1a', 'us-east-1b'], subnetType: ec2.SubnetType.PUBLIC }),
        securityGroups: fc.array(marker('securityGroup'), { maxLength: 2 }),
        internetFacing: fc.boolean(),
      }, { requiredKeys: ['vpc'] }),
    }),
  ),
  identityProvider: fc.oneof(
    fc.constant({ factory: 'serviceManaged' as const, args: [] as unknown[] }),
    fc.constant({ factory: 'directory' as const, args: [{ directoryId: 'd-0123456789' }] }),
    fc.constant({ factory: 'lambda' as const, args: [new Marker('function')] }),
    fc.record({ factory: fc.constant('apiGateway' as const), args: fc.tuple(fc.record({ url: fc.constant('https://abc.execute-api.us-east-1.amazonaws.com/prod'), invocationRole: marker('role'), sftpAuthenticationMethods: methods }, { requiredKeys: ['url', 'invocationRole'] })) }),
  ),
  domain: fc.constantFrom(...Object.values(Domain)),
  certificate: marker('certificate'),
  securityPolicy: fc.constantFrom(...SecurityPolicy.knownNames().map((n) => SecurityPolicy.of(n))),
  hostKeys: fc.array(fc.oneof(
    fc.record({ factory: fc.constant('fromString' as const), args: fc.tuple(fc.constantFrom(...KEY_TEXTS.slice(0, 3))) }),
    fc.constant({ factory: 'fromSecretValue' as const, args: [new Marker('secretsManager'), { description: 'primary' }] }),
  ), { maxLength: 2 }),
  preAuthenticationLoginBanner: fc.constantFrom('Authorized use only', 'Welcome\r\nto SFTP\t'),
  passiveIp: fc.constantFrom('AUTO', '0.0.0.0', '203.0.113.10'),
  tlsSessionResumptionMode: fc.constantFrom(...Object.values(TlsSessionResumptionMode)),
  setStatOption: fc.constantFrom(...Object.values(SetStatOption)),
  ipAddressType: fc.constantFrom(...Object.values(IpAddressType)),
  directoryListingOptimization: fc.boolean(),
  logGroup: marker('logGroup'),
  loggingRole: marker('role'),
  onUpload: marker('workflow'),
  customHostname: fc.record({ hostname: fc.constant('sftp.example.com'), hostedZone: marker('zone') }, { requiredKeys: ['hostname'] }),
}, { requiredKeys: [] });

/** The props with the factories' arguments replaced by what the factories return (they may throw: that is an answer too). */
function serverPropsOf(stack: Stack, p: unknown): unknown {
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return resolve(stack, p);
  const raw = p as Record<string, unknown>;
  return {
    ...resolve(stack, raw),
    ...('endpoint' in raw ? { endpoint: endpointOf(stack, raw.endpoint) } : {}),
    ...('identityProvider' in raw ? { identityProvider: identityProviderOf(stack, raw.identityProvider) } : {}),
    ...('securityPolicy' in raw ? { securityPolicy: securityPolicyOf(raw.securityPolicy) } : {}),
    ...('hostKeys' in raw ? { hostKeys: Array.isArray(raw.hostKeys) ? raw.hostKeys.map((k) => hostKeyOf(stack, k)) : resolve(stack, raw.hostKeys) } : {}),
  };
}

const serverId = fc.oneof(fc.stringMatching(/^s-[0-9a-f]{17}$/), text);

describe('robustness of the server constructs: a template, or an Error naming the prop', () => {
  test('new TransferServer() with every prop mostly right', () => {
    assertRobust(mostly(serverProps), (stack, p) => {
      new TransferServer(stack, 'Server', serverPropsOf(stack, p) as any);
    });
  });

  test('new TransferServer() with every prop of the right kind', () => {
    assertRobust(typedServerProps, (stack, p) => {
      new TransferServer(stack, 'Server', serverPropsOf(stack, p) as any);
    });
  });

  test('new TransferServer() with valid values in any combination: those that synthesize pass the schema check', () => {
    assertRobust(validServerProps, (stack, p) => {
      new TransferServer(stack, 'Server', serverPropsOf(stack, p) as any);
    });
  });

  test('new TransferServer(): scope and id', () => {
    assertRobust(fc.record({ scope: mostly(fc.constant('stack')), id: mostly(fc.constantFrom('Server', 'My/Server')) }), (stack, i) => {
      new TransferServer((i.scope === 'stack' ? stack : i.scope) as any, i.id as any);
    });
  });

  test('Endpoint.PUBLIC, .vpc() and .vpcEndpoint(), with the protocols they serve', () => {
    assertRobust(fc.record({ protocols: mostly(protocols), endpoint: mostly(endpoint), idp: fc.boolean() }), (stack, i) => {
      new TransferServer(stack, 'Server', {
        protocols: resolve(stack, i.protocols),
        endpoint: endpointOf(stack, i.endpoint) as Endpoint,
        identityProvider: i.idp ? IdentityProvider.lambda(construct(stack, 'function') as lambda.IFunction) : undefined,
      });
    });
  });

  test('IdentityProvider.serviceManaged(), .directory(), .apiGateway() and .lambda()', () => {
    const input = fc.record({
      identityProvider: mostly(identityProvider), protocols: mostly(protocols), sftpAuthenticationMethods: fc.option(methods),
    });
    assertRobust(input, (stack, i) => {
      new TransferServer(stack, 'Server', {
        identityProvider: identityProviderOf(stack, i.identityProvider) as IdentityProvider,
        protocols: resolve(stack, i.protocols),
        endpoint: Endpoint.vpc({ vpc: construct(stack, 'vpc') as ec2.IVpc }),
        certificate: construct(stack, 'certificate') as acm.ICertificate,
        sftpAuthenticationMethods: i.sftpAuthenticationMethods ?? undefined,
      });
    });
  });

  test('HostKey.fromString() and .fromSecretValue(), given to the server and to addHostKey()', () => {
    const input = fc.record({ hostKeys: mostly(fc.array(mostly(hostKey), { maxLength: 2 })), added: mostly(hostKey), fips: fc.boolean() });
    assertRobust(input, (stack, i) => {
      const server = new TransferServer(stack, 'Server', {
        hostKeys: Array.isArray(i.hostKeys) ? i.hostKeys.map((k) => hostKeyOf(stack, k)) as HostKey[] : resolve(stack, i.hostKeys),
        securityPolicy: i.fips ? SecurityPolicy.FIPS_2025_03 : undefined,
      });
      server.addHostKey(hostKeyOf(stack, i.added) as HostKey);
    });
  });

  test('SecurityPolicy.of()', () => {
    assertRobust(mostly(policyName), (stack, name) => {
      new TransferServer(stack, 'Server', { securityPolicy: SecurityPolicy.of(name as string) });
    });
  });

  test('TransferServer.fromServerId() and .fromServerAttributes()', () => {
    const attrs = props({
      serverId,
      identityProviderType: fc.constantFrom('SERVICE_MANAGED', 'AWS_LAMBDA', 'LDAP'),
      domain: fc.constantFrom(...Object.values(Domain)),
      securityGroups: fc.array(mostly(marker('securityGroup')), { maxLength: 2 }),
    }, ['serverId']);
    assertRobust(fc.record({ id: mostly(serverId), attrs: mostly(attrs) }), (stack, i) => {
      const byId = TransferServer.fromServerId(stack, 'ById', i.id as string);
      const withAttributes = TransferServer.fromServerAttributes(stack, 'WithAttributes', resolve(stack, i.attrs));
      // Something of each reaches the template: an alarm on a metric of each.
      for (const server of [byId, withAttributes]) {
        server.metricFilesIn().createAlarm(stack, `Alarm${server.node.id}`, { threshold: 1, evaluationPeriods: 1 });
      }
    });
  });

  test('server.addUser(): its id and options (the user\'s own props are the user\'s to judge)', () => {
    const notAnObject = anyValue.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v));
    const options = fc.oneof({ arbitrary: fc.constant('good'), weight: 3 }, { arbitrary: notAnObject, weight: 1 });
    assertRobust(fc.record({ id: mostly(fc.constant('Alice')), options }), (stack, i) => {
      const server = new TransferServer(stack, 'Server');
      const good = { userName: 'alice', homeDirectory: HomeDirectory.chroot(construct(stack, 'bucket') as s3.IBucket, 'home/alice/') };
      server.addUser(i.id as string, (i.options === 'good' ? good : i.options) as any);
    });
  });
});
