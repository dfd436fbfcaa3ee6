import { Annotations as CoreAnnotations, App, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SERVER_RULES, ServerSubject } from '../../src/server/server-rules';
import { synthError, warningsOf } from '../support/synth';
import {
  Domain, Endpoint, IdentityProvider, Protocol, SecurityPolicy, TransferServer, TransferServerProps,
} from 'cdk-transfer-family';

// The security advice of the server rule table: plain FTP, outdated and non-post-quantum security
// policies, public endpoints. Each rule: one case that breaks it, one that holds, tokens, acknowledgement.

const SECURITY_RULES = ['server/ftp-plaintext', 'server/security-policy-outdated', 'server/security-policy-not-post-quantum', 'server/public-endpoint'];

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const idp = () => IdentityProvider.lambda(new lambda.Function(stack, 'Idp', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  }));
  const certificate = () => acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc');
  return { app, stack, vpc, idp, certificate };
}
type Ctx = ReturnType<typeof setup>;

/** Build one server, synthesize, and return the warnings of rule `id` (synthesis must succeed). */
function warnings(id: string, props: (ctx: Ctx) => TransferServerProps, acknowledge?: string): string[] {
  const ctx = setup();
  const server = new TransferServer(ctx.stack, 'Server', props(ctx));
  if (acknowledge) CoreAnnotations.of(server).acknowledgeWarning(`cdk-transfer-family:${id}`, acknowledge);
  expect(synthError(ctx.stack)).toBe('');
  return warningsOf(ctx.stack).filter((w) => w.includes(`[${id}]`));
}

/** A subject as an L1 resource's properties would give it: every value as the template will hold it. */
function subject(stack: Stack, over: Partial<ServerSubject> = {}): ServerSubject {
  return {
    scope: stack,
    protocols: [Protocol.SFTP],
    endpointType: 'PUBLIC',
    identityProviderType: 'SERVICE_MANAGED',
    domain: Domain.S3,
    securityPolicyName: SecurityPolicy.TRANSFER_2025_03.name,
    hostKeys: [],
    tagged: [],
    ...over,
  };
}

const reported = (s: ServerSubject) => SERVER_RULES.evaluate(s).warnings.map((w) => w.id).filter((id) => SECURITY_RULES.includes(id));

describe('server/ftp-plaintext', () => {
  test('plain FTP warns: credentials and files travel unencrypted; the fix names SFTP and FTPS', () => {
    const found = warnings('server/ftp-plaintext', ({ vpc, idp }) => ({ protocols: [Protocol.FTP], endpoint: Endpoint.vpc({ vpc }), identityProvider: idp() }));
    expect(found).toEqual([expect.stringMatching(/^\[server\/ftp-plaintext\] `protocols` includes FTP\. FTP sends user names, passwords and file contents in clear text/)]);
    expect(found[0]).toMatch(/Fix: replace `Protocol\.FTP` in `protocols` by `Protocol\.SFTP`, or by `Protocol\.FTPS`/);
  });

  test('FTP next to FTPS still warns', () => {
    expect(warnings('server/ftp-plaintext', ({ vpc, idp, certificate }) => ({
      protocols: [Protocol.FTPS, Protocol.FTP], endpoint: Endpoint.vpc({ vpc }), identityProvider: idp(), certificate: certificate(),
    }))).toHaveLength(1);
  });

  test('FTPS and SFTP do not warn', () => {
    expect(warnings('server/ftp-plaintext', ({ vpc, idp, certificate }) => ({
      protocols: [Protocol.FTPS, Protocol.SFTP], endpoint: Endpoint.vpc({ vpc }), identityProvider: idp(), certificate: certificate(),
    }))).toEqual([]);
  });
});

describe('server/security-policy-outdated', () => {
  test.each([
    ['TRANSFER_2020_06', SecurityPolicy.TRANSFER_2020_06, 'TransferSecurityPolicy-2025-03', 'SecurityPolicy.TRANSFER_2025_03'],
    ['TRANSFER_2024_01', SecurityPolicy.TRANSFER_2024_01, 'TransferSecurityPolicy-2025-03', 'SecurityPolicy.TRANSFER_2025_03'],
    ['FIPS_2024_05', SecurityPolicy.FIPS_2024_05, 'TransferSecurityPolicy-FIPS-2025-03', 'SecurityPolicy.FIPS_2025_03'],
    ['RESTRICTED_2020_06', SecurityPolicy.RESTRICTED_2020_06, 'TransferSecurityPolicy-Restricted-2024-06', 'SecurityPolicy.RESTRICTED_2024_06'],
    ['of(\'TransferSecurityPolicy-2018-11\')', SecurityPolicy.of('TransferSecurityPolicy-2018-11'), 'TransferSecurityPolicy-2025-03', 'SecurityPolicy.TRANSFER_2025_03'],
  ])('SecurityPolicy.%s warns and names the newest of its family', (_name, policy, newest, constant) => {
    const found = warnings('server/security-policy-outdated', () => ({ securityPolicy: policy }));
    expect(found).toEqual([expect.stringContaining(`\`securityPolicy\` is ${policy.name}, but the newest of its family is ${newest} (\`${constant}\`)`)]);
    expect(found[0]).toMatch(/Fix: set `securityPolicy` to the newest policy of the same family/);
  });

  test.each([
    ['the default', undefined],
    ['FIPS-2025-03', SecurityPolicy.FIPS_2025_03],
    ['Restricted-2024-06', SecurityPolicy.RESTRICTED_2024_06],
    ['SshAuditCompliant-2025-02 (a family of one)', SecurityPolicy.SSH_AUDIT_COMPLIANT_2025_02],
    ['PQ-SSH-FIPS-Experimental-2023-04 (a family of one)', SecurityPolicy.PQ_SSH_FIPS_EXPERIMENTAL_2023_04],
  ])('%s is the newest of its family: no warning', (_name, policy) => {
    expect(warnings('server/security-policy-outdated', () => ({ securityPolicy: policy }))).toEqual([]);
  });

  test('the newest of a family comes from the list of known policies: same family, nothing newer', () => {
    const family = (name: string) => name.replace(/^TransferSecurityPolicy-/, '').replace(/-?\d{4}-\d{2}$/, '');
    for (const name of SecurityPolicy.knownNames()) {
      const newest = SecurityPolicy.of(name).newestOfFamily!;
      expect(family(newest.name)).toBe(family(name));
      expect(SecurityPolicy.knownNames().filter((n) => family(n) === family(name) && n > newest.name)).toEqual([]);
    }
    expect(SecurityPolicy.TRANSFER_2018_11.newestOfFamily).toBe(SecurityPolicy.TRANSFER_2025_03);
    expect(SecurityPolicy.of('TransferSecurityPolicy-2031-01').newestOfFamily).toBeUndefined();
  });
});

describe('server/security-policy-not-post-quantum', () => {
  test('the documented ML-KEM policies are post-quantum, no other known policy is', () => {
    expect(SecurityPolicy.knownNames().filter((n) => SecurityPolicy.of(n).isPostQuantum)).toEqual([
      'TransferSecurityPolicy-2025-03', 'TransferSecurityPolicy-FIPS-2025-03', 'TransferSecurityPolicy-AS2Restricted-2025-07',
    ]);
    expect(SecurityPolicy.of('TransferSecurityPolicy-2031-01').isPostQuantum).toBe(false);
  });

  test('an SFTP server with a classical policy warns, naming the policies that have ML-KEM', () => {
    const found = warnings('server/security-policy-not-post-quantum', () => ({ securityPolicy: SecurityPolicy.TRANSFER_2024_01 }));
    expect(found).toEqual([expect.stringMatching(
      /^\[server\/security-policy-not-post-quantum\] `protocols` includes SFTP but `securityPolicy` TransferSecurityPolicy-2024-01 has no ML-KEM key exchange\./,
    )]);
    expect(found[0]).toContain('only TransferSecurityPolicy-2025-03, TransferSecurityPolicy-FIPS-2025-03 and TransferSecurityPolicy-AS2Restricted-2025-07 offer them');
    expect(found[0]).toMatch(/Fix: use `SecurityPolicy\.TRANSFER_2025_03` \(the default\), or `SecurityPolicy\.FIPS_2025_03`/);
  });

  test('the experimental 2023-04 policies warn, and the message says they are deprecated', () => {
    expect(warnings('server/security-policy-not-post-quantum', () => ({ securityPolicy: SecurityPolicy.PQ_SSH_EXPERIMENTAL_2023_04 })))
      .toEqual([expect.stringContaining('TransferSecurityPolicy-PQ-SSH-Experimental-2023-04 has no ML-KEM key exchange (the experimental 2023-04 post-quantum policies are deprecated)')]);
  });

  test.each([
    ['the default (TransferSecurityPolicy-2025-03)', undefined],
    ['FIPS-2025-03', SecurityPolicy.FIPS_2025_03],
    ['AS2Restricted-2025-07', SecurityPolicy.AS2_RESTRICTED_2025_07],
  ])('SFTP with %s does not warn', (_name, policy) => {
    expect(warnings('server/security-policy-not-post-quantum', () => ({ securityPolicy: policy }))).toEqual([]);
  });

  test('a server without SFTP is not judged: FTPS does not use SSH key exchanges', () => {
    const ftps = ({ vpc, idp, certificate }: Ctx): TransferServerProps => ({
      protocols: [Protocol.FTPS], endpoint: Endpoint.vpc({ vpc }), identityProvider: idp(), certificate: certificate(),
    });
    expect(warnings('server/security-policy-not-post-quantum', (ctx) => ({ ...ftps(ctx), securityPolicy: SecurityPolicy.TRANSFER_2024_01 }))).toEqual([]);
  });
});

describe('server/public-endpoint', () => {
  test('the default endpoint is public and warns: no security group, so no source address filter', () => {
    const found = warnings('server/public-endpoint', () => ({}));
    expect(found).toEqual([expect.stringMatching(/^\[server\/public-endpoint\] `endpoint` is `Endpoint\.PUBLIC` \(the default when `endpoint` is not set\)\. A PUBLIC endpoint has no security group/)]);
    expect(found[0]).toMatch(/Fix: use `endpoint: Endpoint\.vpc\(\{ vpc, internetFacing: true \}\)`.*`server\.connections\.allowFrom\(/);
  });

  test('an explicit Endpoint.PUBLIC warns too', () => {
    expect(warnings('server/public-endpoint', () => ({ endpoint: Endpoint.PUBLIC }))).toHaveLength(1);
  });

  test.each([
    ['internet-facing', true],
    ['internal', false],
  ])('an %s VPC endpoint does not warn', (_name, internetFacing) => {
    expect(warnings('server/public-endpoint', ({ vpc }) => ({ endpoint: Endpoint.vpc({ vpc, internetFacing }) }))).toEqual([]);
  });
});

describe('the security rules judge only what synthesis can read', () => {
  test('an unresolved security policy name, or one this library does not know, is not judged', () => {
    expect(warnings('server/security-policy-outdated', () => ({ securityPolicy: SecurityPolicy.of(Lazy.string({ produce: () => 'TransferSecurityPolicy-2018-11' })) }))).toEqual([]);
    expect(warnings('server/security-policy-not-post-quantum', () => ({ securityPolicy: SecurityPolicy.of(Lazy.string({ produce: () => 'TransferSecurityPolicy-2018-11' })) }))).toEqual([]);
    expect(warnings('server/security-policy-outdated', () => ({ securityPolicy: SecurityPolicy.of('TransferSecurityPolicy-2031-01') }))).toEqual([]);
    expect(warnings('server/security-policy-not-post-quantum', () => ({ securityPolicy: SecurityPolicy.of('TransferSecurityPolicy-2031-01') }))).toEqual([]);
  });

  test('an unresolved protocol list is not judged (FTP, SFTP and post-quantum rules skip)', () => {
    const stack = new Stack();
    const protocols = Lazy.list({ produce: () => ['FTP', 'SFTP'] }) as unknown as Protocol[];
    expect(reported(subject(stack, { protocols, endpointType: 'VPC', securityPolicyName: SecurityPolicy.TRANSFER_2024_01.name })))
      .toEqual(['server/security-policy-outdated']);
  });

  test('an unresolved endpoint type is not judged', () => {
    const stack = new Stack();
    expect(reported(subject(stack, { endpointType: Lazy.string({ produce: () => 'PUBLIC' }) }))).toEqual([]);
    expect(reported(subject(stack))).toEqual(['server/public-endpoint']);
  });
});

describe('the security rules are acknowledgeable advice', () => {
  const breaking: Array<[string, (ctx: Ctx) => TransferServerProps]> = [
    ['server/ftp-plaintext', ({ vpc, idp }) => ({ protocols: [Protocol.FTP], endpoint: Endpoint.vpc({ vpc }), identityProvider: idp() })],
    ['server/security-policy-outdated', ({ vpc }) => ({ endpoint: Endpoint.vpc({ vpc }), securityPolicy: SecurityPolicy.RESTRICTED_2020_06 })],
    ['server/security-policy-not-post-quantum', ({ vpc }) => ({ endpoint: Endpoint.vpc({ vpc }), securityPolicy: SecurityPolicy.SSH_AUDIT_COMPLIANT_2025_02 })],
    ['server/public-endpoint', () => ({})],
  ];

  test('every security rule is a warning citing the Transfer Family user guide', () => {
    const info = SERVER_RULES.info.filter((r) => SECURITY_RULES.includes(r.id));
    expect(info.map((r) => r.id).sort()).toEqual([...SECURITY_RULES].sort());
    for (const r of info) {
      expect(r.severity).toBe('warning');
      expect(r.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/transfer\/latest\/userguide\/[a-z0-9-]+\.html$/);
    }
  });

  test.each(breaking)('%s is reported, and not once acknowledged on the server', (id, props) => {
    expect(warnings(id, props)).toHaveLength(1);
    expect(warnings(id, props, 'reviewed: kept on purpose')).toEqual([]);
  });

  test('an acknowledgement silences only its own rule', () => {
    const ctx = setup();
    const server = new TransferServer(ctx.stack, 'Server', { securityPolicy: SecurityPolicy.TRANSFER_2022_03 });
    CoreAnnotations.of(server).acknowledgeWarning('cdk-transfer-family:server/public-endpoint', 'partners connect from changing addresses');
    Template.fromStack(ctx.stack);
    expect(warningsOf(ctx.stack).map((w) => /^\[([^\]]+)\]/.exec(w)![1]).sort()).toEqual([
      'server/security-policy-not-post-quantum', 'server/security-policy-outdated',
    ]);
  });
});
