/** The server combination space shared by the property test and the conformance suite, and host keys for the server tests. */
import * as crypto from 'crypto';
import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { Domain, Endpoint, IdentityProvider, Protocol, TransferServer } from 'cdk-transfer-family';

/** One point of the space: protocols × endpoint × identity provider × domain × certificate × Elastic IPs. */
export interface Combination {
  readonly protocols: Protocol[];
  readonly endpoint: 'PUBLIC' | 'VPC' | 'VPC_INTERNET_FACING';
  readonly idp: 'SERVICE_MANAGED' | 'AWS_DIRECTORY_SERVICE' | 'API_GATEWAY' | 'AWS_LAMBDA';
  readonly domain: Domain;
  readonly certificate: boolean;
}

/**
 * The truth table, written from the service documents (constraints.md S1–S5), independently of
 * the construct's rule table: does the service accept this server?
 */
export function documentedVerdict(c: Combination): boolean {
  const has = (p: Protocol) => c.protocols.includes(p);
  const vpc = c.endpoint !== 'PUBLIC';
  if (has(Protocol.FTPS) && !c.certificate) return false; // S1
  if ((has(Protocol.FTP) || has(Protocol.FTPS)) && (!vpc || c.idp === 'SERVICE_MANAGED')) return false; // S2
  if (has(Protocol.AS2) && (!vpc || c.domain !== Domain.S3)) return false; // S4
  if (has(Protocol.FTP) && c.endpoint === 'VPC_INTERNET_FACING') return false; // S5
  return true;
}

export const combination: fc.Arbitrary<Combination> = fc.record({
  protocols: fc.subarray([Protocol.SFTP, Protocol.FTP, Protocol.FTPS, Protocol.AS2], { minLength: 1 }),
  endpoint: fc.constantFrom('PUBLIC' as const, 'VPC' as const, 'VPC_INTERNET_FACING' as const),
  idp: fc.constantFrom('SERVICE_MANAGED' as const, 'AWS_DIRECTORY_SERVICE' as const, 'API_GATEWAY' as const, 'AWS_LAMBDA' as const),
  domain: fc.constantFrom(Domain.S3, Domain.EFS),
  certificate: fc.boolean(),
});

export function buildCombination(app: App, c: Combination): Stack {
  const stack = new Stack(app, 'Combination', { env: { account: '111111111111', region: 'us-east-1' } });
  // An imported VPC: no resources to synthesize, so many combinations stay cheap.
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    publicSubnetIds: ['subnet-0000000000000000a', 'subnet-0000000000000000b'],
    isolatedSubnetIds: ['subnet-0000000000000000c', 'subnet-0000000000000000d'],
  });
  const identityProvider = {
    SERVICE_MANAGED: () => IdentityProvider.serviceManaged(),
    AWS_DIRECTORY_SERVICE: () => IdentityProvider.directory({ directoryId: 'd-0123456789' }),
    API_GATEWAY: () => IdentityProvider.apiGateway({
      url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod',
      invocationRole: iam.Role.fromRoleArn(stack, 'Invoke', 'arn:aws:iam::111111111111:role/transfer-invoke'),
    }),
    AWS_LAMBDA: () => IdentityProvider.lambda(lambda.Function.fromFunctionArn(stack, 'Idp', 'arn:aws:lambda:us-east-1:111111111111:function:idp')),
  }[c.idp]();
  new TransferServer(stack, 'Server', {
    protocols: c.protocols,
    endpoint: c.endpoint === 'PUBLIC' ? Endpoint.PUBLIC : Endpoint.vpc({
      vpc,
      vpcSubnets: { subnetType: c.endpoint === 'VPC' ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PUBLIC },
      internetFacing: c.endpoint === 'VPC_INTERNET_FACING',
    }),
    identityProvider,
    domain: c.domain,
    certificate: c.certificate ? acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/0f0e') : undefined,
  });
  return stack;
}


// ---------------------------------------------------------------------------------------------
// Host keys for tests, generated when the tests run (never checked in): PEM and PKCS#8 from Node's
// crypto, and OpenSSH (openssh-key-v1) built here from the same keys, so that no test depends on
// `ssh-keygen` being installed (test/server.test.ts checks these against ssh-keygen where it is).
// ---------------------------------------------------------------------------------------------

/** A key pair of each kind the host key tests need, made once per test file. */
export function testKeys() {
  const rsa1024 = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  const rsa2048 = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const secp256k1 = crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  const ed25519 = crypto.generateKeyPairSync('ed25519');
  const ed448 = crypto.generateKeyPairSync('ed448');
  return { rsa1024, rsa2048, p256, secp256k1, ed25519, ed448 };
}

/** `key` as PEM: `pkcs1` (`BEGIN RSA PRIVATE KEY`), `sec1` (`BEGIN EC PRIVATE KEY`) or `pkcs8` (`BEGIN PRIVATE KEY`). */
export function pem(key: crypto.KeyObject, type: 'pkcs1' | 'sec1' | 'pkcs8'): string {
  return key.export({ format: 'pem', type }) as string;
}

function sshString(data: Buffer | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

function sshMpint(base64url: string): Buffer {
  let b = Buffer.from(base64url, 'base64url');
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  if (b[0] >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return sshString(b);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

const CURVE_NAMES: Record<string, string> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

/**
 * `privateKey` in the openssh-key-v1 format (https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key),
 * unencrypted unless `cipher` names one (then the private section is left as it is: only its name matters here);
 * `damaged` writes check numbers that differ, as a wrong passphrase or a corrupt file gives.
 */
export function openssh(privateKey: crypto.KeyObject, options: { cipher?: string; comment?: string; damaged?: boolean } = {}): string {
  const jwk = privateKey.export({ format: 'jwk' });
  let type: string;
  let pub: Buffer;
  let priv: Buffer;
  if (jwk.kty === 'RSA') {
    type = 'ssh-rsa';
    pub = Buffer.concat([sshString(type), sshMpint(jwk.e!), sshMpint(jwk.n!)]);
    const [n, e, d, iqmp, p, q] = [jwk.n!, jwk.e!, jwk.d!, jwk.qi!, jwk.p!, jwk.q!].map(sshMpint);
    priv = Buffer.concat([sshString(type), n, e, d, iqmp, p, q]);
  } else if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    type = 'ssh-ed25519';
    const x = Buffer.from(jwk.x!, 'base64url');
    pub = Buffer.concat([sshString(type), sshString(x)]);
    priv = Buffer.concat([sshString(type), sshString(x), sshString(Buffer.concat([Buffer.from(jwk.d!, 'base64url'), x]))]);
  } else if (jwk.kty === 'EC' && CURVE_NAMES[jwk.crv!]) {
    const curve = CURVE_NAMES[jwk.crv!];
    type = `ecdsa-sha2-${curve}`;
    const q = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
    pub = Buffer.concat([sshString(type), sshString(curve), sshString(q)]);
    priv = Buffer.concat([sshString(type), sshString(curve), sshString(q), sshMpint(jwk.d!)]);
  } else {
    throw new Error(`no OpenSSH form for ${jwk.kty} ${jwk.crv ?? ''}`);
  }
  const check = uint32(0x1234abcd);
  let section = Buffer.concat([check, options.damaged ? uint32(0x4321dcba) : check, priv, sshString(options.comment ?? 'test')]);
  for (let i = 1; section.length % 8 !== 0; i++) section = Buffer.concat([section, Buffer.from([i])]);
  const blob = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString(options.cipher ?? 'none'), sshString(options.cipher ? 'bcrypt' : 'none'), sshString(''),
    uint32(1), sshString(pub), sshString(section),
  ]);
  const lines = blob.toString('base64').match(/.{1,70}/g)!;
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
}
