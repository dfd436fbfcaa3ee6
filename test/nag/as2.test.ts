import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { describePackRuleCases, packFindings, ruleNames } from './pack';
import { PACK_RULES } from '../../src/nag/pack-rules';
import { CA_SIGNED, PARTNER, SELF_SIGNED, SMALL_KEY } from '../as2/fixtures';

type CertProps = transfer.CfnCertificateProps;
type CertName = 'LocalSigning' | 'LocalEncryption' | 'PartnerSigning' | 'PartnerEncryption';

const KEY = '{{resolve:secretsmanager:as2/local-key:SecretString:::}}';
/** An AS2 server on a VPC endpoint, logged, with the newest policy: no server rule of the pack finds anything. */
const SERVER: transfer.CfnServerProps = {
  protocols: ['AS2'],
  endpointType: 'VPC',
  endpointDetails: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] },
  securityPolicyName: 'TransferSecurityPolicy-2025-03',
  structuredLogDestinations: ['arn:aws:logs:eu-west-1:111111111111:log-group:/aws/transfer/as2'],
};
const CERTS: Record<CertName, CertProps> = {
  LocalSigning: { certificate: SELF_SIGNED, usage: 'SIGNING', privateKey: KEY },
  LocalEncryption: { certificate: SELF_SIGNED, usage: 'ENCRYPTION', privateKey: KEY },
  PartnerSigning: { certificate: PARTNER, usage: 'SIGNING' },
  PartnerEncryption: { certificate: PARTNER, usage: 'ENCRYPTION' },
};

interface Estate {
  readonly certs: Record<CertName, transfer.CfnCertificate>;
  readonly local: transfer.CfnProfile;
  readonly partner: transfer.CfnProfile;
  readonly bucket: s3.CfnBucket;
  readonly fs: efs.CfnFileSystem;
}

/** What a case changes in the L1 estate: a server, both profiles with two certificates each, an agreement. */
interface Case {
  readonly server?: transfer.CfnServerProps;
  readonly certs?: Partial<Record<CertName, Partial<CertProps>>>;
  readonly local?: (e: Pick<Estate, 'certs'>) => Partial<transfer.CfnProfileProps>;
  readonly partner?: (e: Pick<Estate, 'certs'>) => Partial<transfer.CfnProfileProps>;
  readonly agreement?: (e: Estate) => Partial<transfer.CfnAgreementProps>;
}

function build(stack: Stack, c: Case = {}): void {
  const server = new transfer.CfnServer(stack, 'Server', c.server ?? SERVER);
  const certs = Object.fromEntries((Object.keys(CERTS) as CertName[])
    .map((name) => [name, new transfer.CfnCertificate(stack, name, { ...CERTS[name], ...c.certs?.[name] })]),
  ) as Record<CertName, transfer.CfnCertificate>;
  const local = new transfer.CfnProfile(stack, 'Local', {
    as2Id: 'EXAMPLECORP', profileType: 'LOCAL', certificateIds: [certs.LocalSigning.attrCertificateId, certs.LocalEncryption.attrCertificateId], ...c.local?.({ certs }),
  });
  const partner = new transfer.CfnProfile(stack, 'Partner', {
    as2Id: 'PARTNER-AS2', profileType: 'PARTNER', certificateIds: [certs.PartnerSigning.attrCertificateId, certs.PartnerEncryption.attrCertificateId], ...c.partner?.({ certs }),
  });
  const bucket = new s3.CfnBucket(stack, 'Bucket');
  const fs = new efs.CfnFileSystem(stack, 'FileSystem', { encrypted: true });
  new transfer.CfnAgreement(stack, 'Agreement', {
    serverId: server.attrServerId,
    localProfileId: local.attrProfileId,
    partnerProfileId: partner.attrProfileId,
    accessRole: 'arn:aws:iam::111111111111:role/as2-agreement',
    baseDirectory: `/${bucket.ref}/as2/partner`,
    ...c.agreement?.({ certs, local, partner, bucket, fs }),
  });
}

const judge = (c: Case) => packFindings((app) => build(new Stack(app, 'Stack'), c));

/** For each AS2 rule of the pack: the resource it judges, an L1 estate that breaks it, and one that keeps it. */
const CASES: Record<string, { at: string; bad: Case; good: Case }> = {
  'TF-AS2-1': {
    at: 'LocalSigning',
    bad: { certs: { LocalSigning: { privateKey: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' } } },
    good: {},
  },
  'TF-AS2-2': {
    at: 'LocalSigning',
    bad: { certs: { LocalSigning: { certificate: `${SELF_SIGNED}\u0100` } } },
    good: { certs: { LocalSigning: { certificateChain: PARTNER } } },
  },
  'TF-AS2-3': {
    at: 'LocalSigning',
    bad: { certs: { LocalSigning: { certificate: 'MIIDazCCAlOgAwIBAgIU (base64 without its PEM armour)' } } },
    good: {},
  },
  'TF-AS2-4': { at: 'LocalSigning', bad: { certs: { LocalSigning: { certificate: SMALL_KEY } } }, good: {} },
  'TF-AS2-5': {
    at: 'LocalSigning',
    bad: { certs: { LocalSigning: { activeDate: '2030-01-01T00:00:00Z', inactiveDate: '2029-01-01T00:00:00Z' } } },
    good: { certs: { LocalSigning: { activeDate: '2029-01-01T00:00:00Z', inactiveDate: '2030-01-01T00:00:00Z' } } },
  },
  'TF-AS2-6': {
    at: 'PartnerEncryption',
    bad: { certs: { PartnerEncryption: { usage: 'TLS', certificate: CA_SIGNED } } },
    good: { certs: { PartnerEncryption: { usage: 'TLS' } } },
  },
  'TF-AS2-7': {
    at: 'LocalSigning',
    bad: { certs: { LocalSigning: { description: 'local signing 2027' } } },
    good: { certs: { LocalSigning: { description: 'local-signing-2027' } } },
  },
  'TF-AS2-8': { at: 'Partner', bad: { partner: () => ({ as2Id: 'Example Partner' }) }, good: { partner: () => ({ as2Id: 'EXAMPLE-PARTNER' }) } },
  'TF-AS2-9': { at: 'Local', bad: { certs: { LocalEncryption: { privateKey: undefined } } }, good: {} },
  'TF-AS2-10': { at: 'Partner', bad: { certs: { PartnerSigning: { privateKey: KEY } } }, good: {} },
  'TF-AS2-11': { at: 'Agreement', bad: { server: { ...SERVER, protocols: ['SFTP'] } }, good: {} },
  'TF-AS2-12': {
    at: 'Agreement',
    bad: { agreement: (e) => ({ baseDirectory: `/${e.fs.ref}/as2` }) },
    good: {
      agreement: (e) => ({
        baseDirectory: undefined,
        customDirectories: {
          failedFilesDirectory: `/${e.bucket.ref}/as2/failed`,
          mdnFilesDirectory: `/${e.bucket.ref}/as2/mdn`,
          payloadFilesDirectory: '/landing/as2/in',
          statusFilesDirectory: `/${e.bucket.ref}/as2/status`,
          temporaryFilesDirectory: `/${e.bucket.ref}/as2/tmp`,
        },
      }),
    },
  },
  'TF-AS2-13': { at: 'Agreement', bad: { agreement: (e) => ({ localProfileId: e.partner.attrProfileId }) }, good: {} },
  'TF-AS2-14': { at: 'Agreement', bad: { local: (e) => ({ certificateIds: [e.certs.LocalSigning.attrCertificateId] }) }, good: {} },
  'TF-AS2-16': {
    at: 'LocalSigning',
    bad: { certs: { LocalSigning: { tags: [{ key: 'aws:owner', value: 'b2b' }] } } },
    good: { certs: { LocalSigning: { tags: [{ key: 'owner', value: 'b2b' }] } } },
  },
  'TF-AS2-17': { at: 'Partner', bad: { partner: () => ({ tags: [{ key: 'aws:owner', value: 'b2b' }] }) }, good: { partner: () => ({ tags: [{ key: 'owner', value: 'b2b' }] }) } },
  'TF-AS2-18': {
    at: 'Agreement',
    bad: { agreement: () => ({ tags: [{ key: 'owner', value: 'b2b\n' }] }) },
    good: { agreement: () => ({ tags: [{ key: 'owner', value: 'b2b' }] }) },
  },
  'TF-AS2-19': {
    at: 'Agreement',
    bad: { agreement: () => ({ description: 'invoices from partner' }) },
    good: { agreement: () => ({ description: 'Invoices-from-Partner-Co' }) },
  },
  'TF-AS2-15': {
    at: 'Agreement',
    bad: { agreement: () => ({ enforceMessageSigning: 'ENABLED' }), partner: (e) => ({ certificateIds: [e.certs.PartnerEncryption.attrCertificateId] }) },
    good: { agreement: () => ({ enforceMessageSigning: 'ENABLED' }) },
  },
};

describePackRuleCases('AS2', 'TF-AS2-', PACK_RULES, CASES, judge, {});

describe('how the AS2 rules of the pack read the L1s', () => {
  test('a certificate named by `Ref` (its id) is the certificate of the stack', () => {
    const found = judge({
      certs: { LocalEncryption: { privateKey: undefined } },
      local: (e) => ({ certificateIds: [e.certs.LocalSigning.ref, e.certs.LocalEncryption.ref] }),
    });
    expect(found.filter((f) => f.paths.includes('Stack/Local')).map((f) => f.ruleName)).toEqual(['TF-AS2-9']);
    expect(found.find((f) => f.ruleName === 'TF-AS2-9')!.description).toContain('Stack/LocalEncryption');
  });

  test('a profile named by `Ref` (its id) is the profile of the stack', () => {
    expect(ruleNames(judge({ agreement: (e) => ({ localProfileId: e.partner.ref }) }))).toEqual(['TF-AS2-13']);
  });

  test('a directory longer than 1024 characters with a reference: the known part is enough', () => {
    const found = judge({ agreement: (e) => ({ baseDirectory: `/${e.bucket.ref}/${'x'.repeat(1030)}` }) });
    expect(ruleNames(found)).toEqual(['TF-AS2-12']);
    expect(found[0].description).toContain('`baseDirectory` is');
  });

  test('a server of CloudFormation\'s default protocols (SFTP) does not accept AS2', () => {
    expect(ruleNames(judge({ server: { ...SERVER, protocols: undefined } }))).toContain('TF-AS2-11');
  });

  test('both a base directory and custom directories', () => {
    const found = judge({
      agreement: (e) => ({
        customDirectories: {
          failedFilesDirectory: `/${e.bucket.ref}/f`,
          mdnFilesDirectory: `/${e.bucket.ref}/m`,
          payloadFilesDirectory: `/${e.bucket.ref}/p`,
          statusFilesDirectory: `/${e.bucket.ref}/s`,
          temporaryFilesDirectory: `/${e.bucket.ref}/t`,
        },
      }),
    });
    expect(found.find((f) => f.ruleName === 'TF-AS2-12')?.description).toContain('both `baseDirectory` and `customDirectories`');
  });

  test('unknown: imported server, profiles and certificates, parameters; nothing is judged', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const param = (id: string) => new CfnParameter(stack, id).valueAsString;
      new transfer.CfnCertificate(stack, 'Cert', { certificate: param('Pem'), usage: param('Usage'), privateKey: param('Key'), description: param('Description') });
      // A local profile whose only certificate is imported: its usage and key are unknown.
      new transfer.CfnProfile(stack, 'Local', { as2Id: param('As2Id'), profileType: 'LOCAL', certificateIds: ['cert-0123456789abcdef0'] });
      new transfer.CfnProfile(stack, 'Listed', { as2Id: 'X', profileType: 'LOCAL', certificateIds: new CfnParameter(stack, 'Ids', { type: 'CommaDelimitedList' }).valueAsList });
      new transfer.CfnAgreement(stack, 'Agreement', {
        serverId: Fn.importValue('as2-server-id'),
        localProfileId: 'p-0123456789abcdef0',
        partnerProfileId: param('Partner'),
        accessRole: 'arn:aws:iam::111111111111:role/as2-agreement',
        baseDirectory: `/${param('Bucket')}/as2`,
        enforceMessageSigning: 'ENABLED',
      });
    });
    // A plain-text parameter as the private key is not a Secrets Manager reference, but unknown: not judged.
    expect(found).toEqual([]);
  });
});
