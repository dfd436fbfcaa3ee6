import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { describePackRuleCases, packFindings, ruleNames } from './pack';
import { PACK_RULES } from '../../src/nag/pack-rules';
import { PARTNER, SELF_SIGNED } from '../as2/fixtures';
import { as2Connector, ED25519_HOST_KEY, HOST_KEY, sftpConnector } from '../connector/estate';
import { As2Profile } from 'cdk-transfer-family';

type ConnectorProps = transfer.CfnConnectorProps;
type SftpConfig = transfer.CfnConnector.SftpConfigProperty;

const KEY = '{{resolve:secretsmanager:as2/local-key:SecretString:::}}';
const ACCESS_ROLE = 'arn:aws:iam::111111111111:role/connector-access';
const LOGGING_ROLE = 'arn:aws:iam::111111111111:role/connector-logging';
/** A compliant SFTP connector's configuration. */
const SFTP_CONFIG: SftpConfig = {
  userSecretId: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:partner-sftp-AbCdEf',
  trustedHostKeys: [HOST_KEY],
  maxConcurrentConnections: 2,
};

interface Estate {
  readonly local: transfer.CfnProfile;
  readonly partner: transfer.CfnProfile;
}

/**
 * What a case changes in the L1 estate: an SFTP connector (`Sftp`) and an AS2 connector (`As2`) whose
 * profiles, with their certificates, are L1s of the same stack. The AS2 config is the template's (PascalCase).
 */
interface Case {
  readonly sftp?: Partial<ConnectorProps>;
  readonly sftpConfig?: Partial<SftpConfig>;
  readonly as2?: Partial<ConnectorProps>;
  readonly as2Config?: (e: Estate) => Record<string, unknown>;
  /** The usages of the partner profile's certificates (a CfnCertificate of the stack each), instead of SIGNING and ENCRYPTION. */
  readonly partnerUsages?: string[];
}

function build(stack: Stack, c: Case = {}): void {
  const cert = (id: string, props: transfer.CfnCertificateProps) => new transfer.CfnCertificate(stack, id, props).attrCertificateId;
  const local = new transfer.CfnProfile(stack, 'Local', {
    as2Id: 'EXAMPLECORP',
    profileType: 'LOCAL',
    certificateIds: [
      cert('LocalSigning', { certificate: SELF_SIGNED, usage: 'SIGNING', privateKey: KEY }),
      cert('LocalEncryption', { certificate: SELF_SIGNED, usage: 'ENCRYPTION', privateKey: KEY }),
    ],
  });
  const partner = new transfer.CfnProfile(stack, 'Partner', {
    as2Id: 'PARTNER-AS2',
    profileType: 'PARTNER',
    certificateIds: c.partnerUsages
      ? c.partnerUsages.map((usage, i) => cert(`PartnerCert${i}`, { certificate: PARTNER, usage }))
      : [cert('PartnerSigning', { certificate: PARTNER, usage: 'SIGNING' }), cert('PartnerEncryption', { certificate: PARTNER, usage: 'ENCRYPTION' })],
  });
  new transfer.CfnConnector(stack, 'Sftp', {
    url: 'sftp://sftp.partner.example.com',
    accessRole: ACCESS_ROLE,
    loggingRole: LOGGING_ROLE,
    securityPolicyName: 'TransferSFTPConnectorSecurityPolicy-2024-03',
    sftpConfig: { ...SFTP_CONFIG, ...c.sftpConfig },
    ...c.sftp,
  });
  new transfer.CfnConnector(stack, 'As2', {
    url: 'https://as2.partner.example.com/as2',
    accessRole: ACCESS_ROLE,
    loggingRole: LOGGING_ROLE,
    as2Config: {
      LocalProfileId: local.attrProfileId,
      PartnerProfileId: partner.attrProfileId,
      MessageSubject: 'orders',
      Compression: 'ZLIB',
      EncryptionAlgorithm: 'AES256_CBC',
      SigningAlgorithm: 'SHA256',
      MdnSigningAlgorithm: 'SHA256',
      MdnResponse: 'SYNC',
      ...c.as2Config?.({ local, partner }),
    },
    ...c.as2,
  });
}

const judge = (c: Case) => packFindings((app) => build(new Stack(app, 'Stack'), c));

/** The SFTP connector with VPC Lattice egress (no URL), to the resource configuration of a partner server on `port`. */
const lattice = (port = 22, hostKey = HOST_KEY.split(' ').slice(1).join(' ')): Case => ({
  sftp: {
    url: undefined,
    egressType: 'VPC_LATTICE',
    egressConfig: { vpcLattice: { resourceConfigurationArn: 'arn:aws:vpc-lattice:eu-west-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0', portNumber: port } },
  },
  sftpConfig: { trustedHostKeys: [hostKey] },
});

/** For each connector rule of the pack: the connector it judges, an L1 estate that breaks it, and one that keeps it. */
const CASES: Record<string, { at: 'Sftp' | 'As2'; bad: Case; good: Case }> = {
  'TF-Connector-1': {
    at: 'Sftp',
    bad: { sftp: { as2Config: { LocalProfileId: 'p-0123456789abcdef0', PartnerProfileId: 'p-0123456789abcdef1' } } },
    good: {},
  },
  'TF-Connector-2': { at: 'Sftp', bad: { sftp: { url: 'https://sftp.partner.example.com' } }, good: { sftp: { url: 'sftp://sftp.partner.example.com:2222' } } },
  'TF-Connector-3': { at: 'Sftp', bad: { sftpConfig: { userSecretId: undefined } }, good: {} },
  'TF-Connector-4': { at: 'Sftp', bad: { sftpConfig: { trustedHostKeys: undefined } }, good: {} },
  'TF-Connector-5': {
    at: 'Sftp',
    bad: { sftpConfig: { trustedHostKeys: [ED25519_HOST_KEY] } },
    good: { sftpConfig: { trustedHostKeys: [HOST_KEY, HOST_KEY.split(' ').slice(1).join(' ')] } },
  },
  'TF-Connector-6': { at: 'Sftp', bad: { sftpConfig: { maxConcurrentConnections: 6 } }, good: { sftpConfig: { maxConcurrentConnections: 5 } } },
  'TF-Connector-7': {
    at: 'Sftp',
    bad: { sftp: { securityPolicyName: 'TransferSecurityPolicy-2024-01' } },
    good: { sftp: { securityPolicyName: 'TransferSFTPConnectorSecurityPolicy-FIPS-2024-10' } },
  },
  'TF-Connector-8': { at: 'As2', bad: { as2: { url: 'sftp://as2.partner.example.com' } }, good: { as2: { url: 'http://as2.partner.example.com:8080/as2' } } },
  // The local profile id names the partner's CfnProfile: its type, PARTNER, is read from the stack.
  'TF-Connector-9': { at: 'As2', bad: { as2Config: (e) => ({ LocalProfileId: e.partner.attrProfileId }) }, good: {} },
  'TF-Connector-10': {
    at: 'As2',
    bad: { as2: { url: 'http://as2.partner.example.com/as2' }, as2Config: () => ({ EncryptionAlgorithm: 'NONE' }) },
    good: { as2Config: () => ({ EncryptionAlgorithm: 'NONE' }) },
  },
  'TF-Connector-11': { at: 'As2', bad: { as2Config: () => ({ SigningAlgorithm: 'SHA1' }) }, good: { as2Config: () => ({ SigningAlgorithm: 'SHA512' }) } },
  'TF-Connector-12': {
    at: 'As2',
    bad: { as2Config: () => ({ MdnResponse: 'NONE' }) },
    good: { as2Config: () => ({ MdnResponse: 'NONE', MdnSigningAlgorithm: undefined }) },
  },
  'TF-Connector-13': { at: 'As2', bad: { as2Config: () => ({ MessageSubject: 'Bestellung über' }) }, good: { as2Config: () => ({ MessageSubject: 'orders\t2027' }) } },
  'TF-Connector-14': {
    at: 'Sftp',
    bad: { sftp: { tags: [{ key: 'aws:owner', value: 'b2b' }] } },
    good: { sftp: { tags: [{ key: 'owner', value: 'b2b' }] } },
  },
  'TF-Connector-15': { at: 'Sftp', bad: lattice(70000), good: lattice(2222) },
  'TF-Connector-16': { at: 'Sftp', bad: { sftp: { url: undefined } }, good: lattice() },
  'TF-Connector-17': { at: 'Sftp', bad: lattice(22, HOST_KEY), good: lattice() },
  // The partner profile has no ENCRYPTION certificate: fine when the connector does not encrypt (over HTTPS).
  'TF-Connector-18': {
    at: 'As2',
    bad: { partnerUsages: ['SIGNING'] },
    good: { partnerUsages: ['SIGNING'], as2Config: () => ({ EncryptionAlgorithm: 'NONE' }) },
  },
};

describePackRuleCases('connector', 'TF-Connector-', PACK_RULES, CASES, judge, {});

describe('how the connector rules of the pack read the L1s', () => {
  const profiles = (found: ReturnType<typeof judge>) => found.filter((f) => f.ruleName === 'TF-Connector-9').map((f) => f.description);

  test('a profile named by `Ref` (its id) is the profile of the stack', () => {
    const found = judge({ as2Config: (e) => ({ LocalProfileId: e.local.ref, PartnerProfileId: e.local.ref }) });
    expect(ruleNames(found)).toEqual(['TF-Connector-9']);
    expect(found[0].description).toContain('`partnerProfile` is a LOCAL profile');
    expect(found[0].description).not.toContain('`localProfile`');
  });

  test('both profiles of the wrong type', () => {
    const swapped = judge({ as2Config: (e) => ({ LocalProfileId: e.partner.attrProfileId, PartnerProfileId: e.local.attrProfileId }) });
    const [description] = profiles(swapped);
    expect(description).toContain('`localProfile` is a PARTNER profile');
    expect(description).toContain('`partnerProfile` is a LOCAL profile');
  });

  test('an AS2 connector without a partner profile', () => {
    expect(profiles(judge({ as2Config: () => ({ PartnerProfileId: undefined }) }))[0]).toContain('has no partner profile');
  });

  test('the library\'s connectors: the AS2 connector\'s profiles are the CfnProfiles of its As2Profiles', () => {
    const connectors = (found: ReturnType<typeof judge>) => found.filter((f) => f.ruleName.startsWith('TF-Connector-'));
    expect(connectors(packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      sftpConnector(stack);
      as2Connector(stack);
    }))).toEqual([]);
    // A profile passed by id, of no known type to the construct: the pack finds its CfnProfile, a partner's, in the stack.
    const found = connectors(packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const other = As2Profile.partner(stack, 'Other', { as2Id: 'OTHER' });
      as2Connector(stack, { localProfile: As2Profile.fromProfileAttributes(stack, 'ById', { profileId: other.profileId }) });
    }));
    expect(found.map((f) => [f.ruleName, f.paths])).toEqual([['TF-Connector-9', ['Stack/As2/Resource']]]);
    expect(found[0].description).toContain('`localProfile` is a PARTNER profile');
  });

  test('the certificates of the profiles: the CfnCertificates of the stack their CertificateIds name', () => {
    const certs = (found: ReturnType<typeof judge>) => found.filter((f) => f.ruleName === 'TF-Connector-18').map((f) => f.description);
    // A signed MDN cannot be verified without the partner's SIGNING certificate.
    expect(certs(judge({ partnerUsages: ['ENCRYPTION'] }))[0]).toContain('MDN signed with SHA256 but the partner profile has no SIGNING certificate');
    // No MdnSigningAlgorithm is DEFAULT: the MDN is signed with the signing algorithm.
    expect(certs(judge({ partnerUsages: ['ENCRYPTION'], as2Config: () => ({ MdnSigningAlgorithm: undefined }) }))[0]).toContain('MDN signed with SHA256');
    expect(certs(judge({ partnerUsages: ['ENCRYPTION'], as2Config: () => ({ MdnSigningAlgorithm: 'NONE' }) }))).toEqual([]);
    expect(certs(judge({ partnerUsages: ['ENCRYPTION'], as2Config: () => ({ MdnResponse: 'NONE', MdnSigningAlgorithm: undefined }) }))).toEqual([]);
    // The local profile named where the partner's is: it has both, so only its type is reported.
    expect(certs(judge({ as2Config: (e) => ({ LocalProfileId: e.partner.ref }) }))).toEqual([]);
  });

  test('unknown certificates are not judged: a usage token, a certificate not of the stack, a profile not of the stack', () => {
    const certs = (found: ReturnType<typeof judge>) => found.filter((f) => f.ruleName === 'TF-Connector-18');
    expect(certs(packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      build(stack, { partnerUsages: [new CfnParameter(stack, 'Usage').valueAsString] });
    }))).toEqual([]);
    expect(certs(packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      build(stack, { as2Config: () => ({ PartnerProfileId: 'p-0123456789abcdef1' }) });
    }))).toEqual([]);
    expect(certs(packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const partner = new transfer.CfnProfile(stack, 'Imported', { as2Id: 'OTHER', profileType: 'PARTNER', certificateIds: ['c-0123456789abcdef0'] });
      build(stack, { as2Config: () => ({ PartnerProfileId: partner.attrProfileId }) });
    }))).toEqual([]);
  });

  test('a connector with neither configuration', () => {
    const found = judge({ sftp: { sftpConfig: undefined } });
    expect(found.find((f) => f.paths.includes('Stack/Sftp'))?.description).toContain('neither an SftpConfig nor an As2Config');
  });

  test('unknown: profiles not of the stack, parameters, imports; nothing is judged', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const param = (id: string) => new CfnParameter(stack, id).valueAsString;
      new transfer.CfnConnector(stack, 'As2', {
        url: param('Url'),
        accessRole: ACCESS_ROLE,
        as2Config: {
          // A profile id written out, and one imported from another stack: their types are unknown.
          LocalProfileId: 'p-0123456789abcdef0',
          PartnerProfileId: Fn.importValue('partner-profile-id'),
          MessageSubject: param('Subject'),
          EncryptionAlgorithm: param('Encryption'),
          SigningAlgorithm: param('Signing'),
        },
      });
      new transfer.CfnConnector(stack, 'Sftp', {
        url: param('SftpUrl'),
        accessRole: ACCESS_ROLE,
        securityPolicyName: param('Policy'),
        sftpConfig: {
          userSecretId: param('Secret'),
          trustedHostKeys: [param('HostKey')],
          maxConcurrentConnections: new CfnParameter(stack, 'Connections', { type: 'Number' }).valueAsNumber,
        },
      });
    });
    expect(found).toEqual([]);
  });

  // A list token resolves to one `Ref`, not to an array: the keys are known at deployment only, so not judged.
  test('unknown: trusted host keys from a list parameter are not judged', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      new transfer.CfnConnector(stack, 'Sftp', {
        url: 'sftp://sftp.partner.example.com',
        accessRole: ACCESS_ROLE,
        sftpConfig: { ...SFTP_CONFIG, trustedHostKeys: new CfnParameter(stack, 'HostKeys', { type: 'CommaDelimitedList' }).valueAsList },
      });
    });
    expect(found).toEqual([]);
  });
});
