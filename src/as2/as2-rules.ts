import { X509Certificate } from 'crypto';
import { Stack, Token } from 'aws-cdk-lib';
import { CfnAgreement, CfnCertificate } from 'aws-cdk-lib/aws-transfer';
import { IConstruct } from 'constructs';
import { tagProblems } from '../private/tags';
import { known, quote, RuleTable } from '../validation/rules';

/** The Transfer Family user guide. */
const UG = 'https://docs.aws.amazon.com/transfer/latest/userguide';
/** The Transfer Family API Reference. */
const API = 'https://docs.aws.amazon.com/transfer/latest/APIReference';
/** Where the user guide says how AS2 certificates are imported and used. */
const CERTIFICATES = `${UG}/managing-as2-partners.html`;

// -----------------------------------------------------------------------------------------------
// Certificates
// -----------------------------------------------------------------------------------------------

/**
 * What the certificate rules look at: the `AWS::Transfer::Certificate` as its template will hold it.
 * Values unknown at synth are `undefined` (a string) or the resolved CloudFormation value (the key).
 */
export interface CertificateSubject {
  /** The certificate text, when known. */
  readonly certificate?: string;
  /** The chain text, when known. */
  readonly certificateChain?: string;
  /** The usage, when known. */
  readonly usage?: string;
  /** Whether the template has a `PrivateKey`. */
  readonly hasPrivateKey: boolean;
  /** The `PrivateKey` as the template holds it (resolved), when present. */
  readonly privateKey?: unknown;
  /** The dates, when known (ISO 8601). */
  readonly activeDate?: string;
  readonly inactiveDate?: string;
  /** The description, when known. */
  readonly description?: string;
  /** The resource whose tags are judged. */
  readonly resource?: IConstruct;
}

/** The subject of the certificate rules, from the `AWS::Transfer::Certificate` resource. */
export function certificateSubject(resource: CfnCertificate): CertificateSubject {
  const stack = Stack.of(resource);
  const str = (v: unknown) => {
    if (v === undefined || Token.isUnresolved(v)) return undefined;
    return typeof v === 'string' ? v : undefined;
  };
  return {
    certificate: str(resource.certificate),
    certificateChain: str(resource.certificateChain),
    usage: str(resource.usage),
    hasPrivateKey: resource.privateKey !== undefined,
    privateKey: resource.privateKey === undefined ? undefined : stack.resolve(resource.privateKey),
    activeDate: str(resource.activeDate),
    inactiveDate: str(resource.inactiveDate),
    description: str(resource.description),
    resource,
  };
}

/** The first certificate of a PEM text, parsed; `undefined` when it is not a PEM X.509 certificate. */
export function parseCertificate(pem: string): X509Certificate | undefined {
  const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!block) return undefined;
  try {
    return new X509Certificate(block[0]);
  } catch {
    return undefined;
  }
}

/** Characters ImportCertificate accepts in a certificate, a chain and a key: tab, LF, CR, U+0020 to U+00FF. */
const CERTIFICATE_CHARACTERS = /^[\u0009\u000A\u000D\u0020-\u00FF]*$/;

/** What is wrong with the length and characters of `text` (`prop`), at most `max` characters. */
function textProblems(prop: string, text: string | undefined, max: number): string[] {
  if (text === undefined) return [];
  if (text.length < 1 || text.length > max) return [`\`${prop}\` is ${text.length} characters long (1 to ${max})`];
  if (!CERTIFICATE_CHARACTERS.test(text)) return [`\`${prop}\` holds characters outside tab, line feed, carriage return and U+0020 to U+00FF`];
  return [];
}

/**
 * Whether a resolved template value is a dynamic reference to Secrets Manager: the string
 * `{{resolve:secretsmanager:...}}`, or a join that starts with it (a secret of this app).
 * `undefined` when it cannot be told (a parameter, an import).
 */
function isSecretsManagerReference(value: unknown): boolean | undefined {
  if (typeof value === 'string') return value.startsWith('{{resolve:secretsmanager:');
  if (value !== null && typeof value === 'object' && 'Fn::Join' in value) {
    const [sep, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    const first = Array.isArray(parts) ? parts[0] : undefined;
    if (typeof first === 'string') return `${first}${parts.length > 1 ? sep : ''}`.startsWith('{{resolve:secretsmanager:') || undefined;
  }
  return undefined;
}

export const AS2_CERTIFICATE_RULES = new RuleTable<CertificateSubject>('As2Certificate', [
  {
    id: 'as2/private-key-secret',
    severity: 'error',
    summary: 'A certificate\'s private key is a dynamic reference to AWS Secrets Manager, never plain text in the template.',
    reason: 'A private key in the template is readable by anyone who can read the template, the cloud assembly or the stack (GetTemplate); a dynamic reference is resolved by CloudFormation at deployment and never shown',
    source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html; '
      + `${API}/API_ImportCertificate.html`,
    fix: 'store the key in Secrets Manager and pass `privateKey: SecretValue.secretsManager(\'<secret name or ARN>\')`',
    check: (s) => {
      if (!s.hasPrivateKey) return undefined;
      const ok = isSecretsManagerReference(s.privateKey);
      if (ok !== false) return undefined;
      if (typeof s.privateKey === 'string' && s.privateKey.startsWith('{{resolve:ssm-secure:')) {
        return '`privateKey` is an SSM SecureString reference, which AWS::Transfer::Certificate does not resolve';
      }
      return '`privateKey` is plain text in the template';
    },
  },
  {
    id: 'as2/certificate-text',
    severity: 'error',
    summary: 'A certificate is 1 to 16384 characters, its chain 1 to 2097152, of tab, line feed, carriage return and U+0020 to U+00FF.',
    reason: 'ImportCertificate refuses longer texts and other characters',
    source: `${API}/API_ImportCertificate.html`,
    fix: 'pass the PEM text of one certificate in `certificate` and the certificates that signed it in `certificateChain`',
    check: (s) => [...textProblems('certificate', s.certificate, 16384), ...textProblems('certificateChain', s.certificateChain, 2097152)],
  },
  {
    id: 'as2/certificate-pem',
    severity: 'error',
    summary: 'A certificate and its chain are PEM-encoded X.509 certificates.',
    reason: 'Transfer Family imports X.509 certificates as PEM text (`-----BEGIN CERTIFICATE-----`); anything else is refused at deployment',
    source: `${CERTIFICATES}; ${UG}/as2-example-tutorial.html`,
    fix: 'pass the certificate\'s PEM file, e.g. `As2CertificateBody.fromFile(\'signing-cert.pem\')` (convert a DER file with `openssl x509 -inform der -in cert.cer -out cert.pem`)',
    check: (s) => {
      const found: string[] = [];
      if (s.certificate !== undefined && parseCertificate(s.certificate) === undefined) found.push('`certificate` is not a PEM X.509 certificate');
      if (s.certificateChain !== undefined && parseCertificate(s.certificateChain) === undefined) found.push('`certificateChain` is not a PEM X.509 certificate');
      return found;
    },
  },
  {
    id: 'as2/certificate-key-length',
    severity: 'error',
    summary: 'An AS2 certificate\'s RSA key is 2048 to 4096 bits long.',
    reason: 'The key length for AS2 certificates must be at least 2048 bits, and at most 4096',
    source: CERTIFICATES,
    fix: 'use a certificate with a 2048, 3072 or 4096-bit key, e.g. `openssl req -x509 -newkey rsa:2048 ...`',
    check: (s) => {
      const cert = s.certificate === undefined ? undefined : parseCertificate(s.certificate);
      const bits = cert?.publicKey.asymmetricKeyDetails?.modulusLength;
      if (cert === undefined || bits === undefined || cert.publicKey.asymmetricKeyType !== 'rsa') return undefined;
      return bits < 2048 || bits > 4096 ? `\`certificate\` has a ${bits}-bit key` : undefined;
    },
  },
  {
    id: 'as2/certificate-dates',
    severity: 'error',
    summary: 'A certificate\'s inactive date is after its active date, and both are within its Not Before and Not After dates.',
    reason: 'Transfer Family uses a certificate between its active and inactive dates, and that range must be inside the range between the certificate\'s Not Before and Not After',
    source: `${CERTIFICATES}; ${API}/API_ImportCertificate.html`,
    fix: 'choose `activeDate` and `inactiveDate` inside the certificate\'s validity (`openssl x509 -noout -dates -in cert.pem`), the active one first',
    check: (s) => {
      const active = s.activeDate === undefined ? undefined : Date.parse(s.activeDate);
      const inactive = s.inactiveDate === undefined ? undefined : Date.parse(s.inactiveDate);
      const found: string[] = [];
      if (active !== undefined && inactive !== undefined && inactive <= active) {
        found.push(`\`inactiveDate\` ${s.inactiveDate} is not after \`activeDate\` ${s.activeDate}`);
      }
      const cert = s.certificate === undefined ? undefined : parseCertificate(s.certificate);
      if (cert !== undefined) {
        const from = Date.parse(cert.validFrom);
        const to = Date.parse(cert.validTo);
        for (const [prop, at, text] of [['activeDate', active, s.activeDate], ['inactiveDate', inactive, s.inactiveDate]] as const) {
          if (at !== undefined && (at < from || at > to)) found.push(`\`${prop}\` ${text} is outside the certificate's validity (${cert.validFrom} to ${cert.validTo})`);
        }
      }
      return found;
    },
  },
  {
    id: 'as2/tls-certificate',
    severity: 'error',
    summary: 'A TLS certificate is a partner\'s self-signed public certificate: no private key.',
    reason: 'TLS certificates can only be imported as a partner\'s public certificate, and must be self-signed',
    source: CERTIFICATES,
    fix: 'import the partner\'s self-signed TLS certificate without `privateKey`',
    check: (s) => {
      if (known(s.usage) !== 'TLS') return undefined;
      const found: string[] = [];
      if (s.hasPrivateKey) found.push('a TLS certificate has a `privateKey`');
      const cert = s.certificate === undefined ? undefined : parseCertificate(s.certificate);
      if (cert !== undefined && !cert.checkIssued(cert)) found.push(`the TLS certificate is issued by ${quote(cert.issuer.replace(/\n/g, ', '))}, not self-signed`);
      return found;
    },
  },
  {
    id: 'as2/certificate-description',
    severity: 'error',
    summary: 'A certificate\'s description is 1 to 200 printable ASCII characters, without spaces.',
    reason: 'ImportCertificate accepts descriptions of 1 to 200 characters of U+0021 to U+007E only: no spaces, tabs, line breaks or other characters',
    source: `${API}/API_ImportCertificate.html; ${API}/API_DescribedCertificate.html`,
    fix: 'shorten the `description`, and write it without spaces, e.g. `partner-signing-2027`',
    check: (s) => {
      const d = known(s.description);
      if (d === undefined) return undefined;
      if (d.length < 1 || d.length > 200) return `\`description\` is ${d.length} characters long`;
      const bad = [...d].find((c) => !/^[\u0021-\u007E]$/.test(c));
      return bad === undefined ? undefined : `\`description\` ${quote(d)} holds ${JSON.stringify(bad)}, outside U+0021 to U+007E`;
    },
  },
  {
    id: 'as2/certificate-tags',
    severity: 'error',
    summary: 'A certificate has at most 50 tags; keys are 1 to 128 characters and values up to 256, of letters, digits, spaces and `_ . : / = + - @`; keys do not start with `aws:`.',
    reason: 'Transfer Family refuses other tags, and AWS reserves the aws: prefix',
    source: `${API}/API_Tag.html; ${API}/API_ImportCertificate.html; https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html`,
    fix: 'remove or rename the tags reported (`Tags.of(scope).add()` on the certificate or any scope above it)',
    check: (s) => tagProblems(s.resource),
  },
]);

// -----------------------------------------------------------------------------------------------
// Profiles
// -----------------------------------------------------------------------------------------------

/** A certificate of a profile, as far as this app knows it. */
export interface ProfileCertificateSubject {
  /** How findings name it (its construct path). */
  readonly path: string;
  readonly usage?: string;
  readonly hasPrivateKey?: boolean;
}

/** What the profile rules look at. */
export interface ProfileSubject {
  readonly as2Id: string;
  readonly profileType: string;
  readonly certificates: ReadonlyArray<ProfileCertificateSubject>;
  /** The resource whose tags are judged. */
  readonly resource?: IConstruct;
}

export const AS2_PROFILE_RULES = new RuleTable<ProfileSubject>('As2Profile', [
  {
    id: 'as2/as2-id-format',
    severity: 'error',
    summary: 'An AS2 id is 1 to 128 printable ASCII characters, without spaces.',
    reason: 'CreateProfile accepts AS2 ids of 1 to 128 characters, and an AS2 id (the AS2-From and AS2-To headers) cannot include spaces',
    source: `${API}/API_CreateProfile.html`,
    fix: 'use the AS2 id agreed with the partner, e.g. `EXAMPLECORP` or `partner-as2-id`',
    check: (s) => {
      const id = known(s.as2Id);
      if (id === undefined) return undefined;
      if (id.length < 1 || id.length > 128) return `\`as2Id\` ${quote(id)} is ${id.length} characters long`;
      return /^[\u0021-\u007E]+$/.test(id) ? undefined : `\`as2Id\` ${quote(id)} holds spaces or characters outside printable ASCII`;
    },
  },
  {
    id: 'as2/local-certificate-private-key',
    severity: 'error',
    summary: 'The signing and encryption certificates of a local profile come with their private keys.',
    reason: 'Transfer Family signs and decrypts for the local party with the private keys imported with the local certificates; a local certificate without one cannot do either',
    source: CERTIFICATES,
    fix: 'import the local certificate with `privateKey: SecretValue.secretsManager(...)`, or use it in a partner profile',
    check: (s) => (known(s.profileType) !== 'LOCAL' ? undefined : s.certificates
      .filter((c) => (c.usage === 'SIGNING' || c.usage === 'ENCRYPTION') && c.hasPrivateKey === false)
      .map((c) => `the ${c.usage} certificate ${c.path} of a local profile has no private key`)),
  },
  {
    id: 'as2/partner-certificate-public',
    severity: 'warning',
    summary: 'The certificates of a partner profile are the partner\'s public certificates, without private keys.',
    reason: 'A partner profile holds the public certificates the partner sends; a private key there is your own key misplaced, or a partner\'s key that should never have left the partner',
    source: CERTIFICATES,
    fix: 'import the partner\'s certificate without `privateKey`; keep your own certificates in the local profile',
    check: (s) => (known(s.profileType) !== 'PARTNER' ? undefined : s.certificates
      .filter((c) => c.hasPrivateKey === true)
      .map((c) => `certificate ${c.path} of a partner profile has a private key`)),
  },
  {
    id: 'as2/profile-tags',
    severity: 'error',
    summary: 'A profile has at most 50 tags; keys are 1 to 128 characters and values up to 256, of letters, digits, spaces and `_ . : / = + - @`; keys do not start with `aws:`.',
    reason: 'Transfer Family refuses other tags, and AWS reserves the aws: prefix',
    source: `${API}/API_Tag.html; ${API}/API_CreateProfile.html; https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html`,
    fix: 'remove or rename the tags reported (`Tags.of(scope).add()` on the profile or any scope above it)',
    check: (s) => tagProblems(s.resource),
  },
]);

// -----------------------------------------------------------------------------------------------
// Agreements
// -----------------------------------------------------------------------------------------------

/** A profile of an agreement, as far as this app knows it. */
export interface AgreementProfileSubject {
  readonly path: string;
  readonly profileType?: string;
  /** Its certificates' usages, when every one is known. */
  readonly usages?: ReadonlyArray<string>;
}

/** What the agreement rules look at. */
export interface AgreementSubject {
  /** The server's construct path and, when its template is in this app, its protocols. */
  readonly serverPath: string;
  readonly serverProtocols?: ReadonlyArray<string>;
  /** The directories, by prop name, with their storage (`S3`, `EFS`) and rendered path, when known. */
  readonly directories: ReadonlyArray<{ readonly prop: string; readonly storage: string; readonly path: string }>;
  /** Whether both a base directory and custom directories were given. */
  readonly both: boolean;
  readonly localProfile: AgreementProfileSubject;
  readonly partnerProfile: AgreementProfileSubject;
  readonly enforceMessageSigning: boolean;
  /** The resource whose tags are judged. */
  readonly resource?: IConstruct;
}

export const AS2_AGREEMENT_RULES = new RuleTable<AgreementSubject>('As2Agreement', [
  {
    id: 'as2/agreement-server-as2',
    severity: 'error',
    summary: 'An agreement\'s server accepts AS2.',
    reason: 'An agreement is a trading partnership between an AS2-enabled Transfer Family server and a partner; Transfer Family routes AS2 messages only to servers with AS2 in their protocols',
    source: `${UG}/create-as2-transfer-server.html; ${API}/API_CreateAgreement.html`,
    fix: 'add `Protocol.AS2` to the server\'s `protocols` (an AS2 server needs a VPC endpoint and the S3 domain)',
    check: (s) => (s.serverProtocols !== undefined && !s.serverProtocols.includes('AS2')
      ? `server ${s.serverPath} has protocols ${s.serverProtocols.join(', ')}, not AS2` : undefined),
  },
  {
    id: 'as2/agreement-directories',
    severity: 'error',
    summary: 'An agreement has either a base directory or custom directories, each a path of an S3 bucket (`/bucket/prefix`) of at most 1024 characters.',
    reason: 'CreateAgreement fails when both BaseDirectory and CustomDirectories are given; AS2 messages are stored in Amazon S3 only, and a directory is at most 1024 characters',
    source: `${API}/API_CreateAgreement.html; ${API}/API_CustomDirectoriesType.html`,
    fix: 'pass `baseDirectory: FileLocation.s3(bucket, \'as2/partner\')`, or `customDirectories` with a location of S3 for each kind of file',
    check: (s) => {
      const found: string[] = [];
      if (s.both) found.push('both `baseDirectory` and `customDirectories` are given');
      for (const d of s.directories) {
        if (d.storage !== 'S3') found.push(`\`${d.prop}\` is in ${d.storage}, not in an S3 bucket`);
        else if (!Token.isUnresolved(d.path) && d.path.length > 1024) found.push(`\`${d.prop}\` is ${d.path.length} characters long`);
      }
      return found;
    },
  },
  {
    id: 'as2/agreement-profile-types',
    severity: 'error',
    summary: 'An agreement\'s `localProfile` is a LOCAL profile and its `partnerProfile` a PARTNER profile.',
    reason: 'An agreement combines the local profile (the AS2 process of this server) with the partner profile (the remote organization)',
    source: `${API}/API_CreateAgreement.html; ${UG}/configure-as2-profile.html`,
    fix: 'pass `As2Profile.local(...)` as `localProfile` and `As2Profile.partner(...)` as `partnerProfile`',
    check: (s) => {
      const found: string[] = [];
      const local = known(s.localProfile.profileType);
      const partner = known(s.partnerProfile.profileType);
      if (local !== undefined && local !== 'LOCAL') found.push(`\`localProfile\` ${s.localProfile.path} is a ${local} profile`);
      if (partner !== undefined && partner !== 'PARTNER') found.push(`\`partnerProfile\` ${s.partnerProfile.path} is a ${partner} profile`);
      return found;
    },
  },
  {
    id: 'as2/agreement-local-encryption',
    severity: 'error',
    summary: 'The local profile of an agreement has an ENCRYPTION certificate.',
    reason: 'Transfer Family uses certificates for signing (optional) and encryption (mandatory): partners encrypt inbound messages with the local party\'s encryption certificate, which Transfer Family decrypts with its private key',
    source: CERTIFICATES,
    fix: 'add an `As2Certificate` with `usage: As2CertificateUsage.ENCRYPTION` and its private key to the local profile',
    check: (s) => (s.localProfile.usages !== undefined && !s.localProfile.usages.includes('ENCRYPTION')
      ? `local profile ${s.localProfile.path} has no ENCRYPTION certificate` : undefined),
  },
  {
    id: 'as2/agreement-partner-signing',
    severity: 'error',
    summary: 'An agreement that enforces message signing has a partner profile with a SIGNING certificate.',
    reason: 'With message signing enforced, Transfer Family rejects unsigned messages, and verifies the signatures with the signing certificate the partner sent, imported to the partner profile; without one, every message is rejected',
    source: `${API}/API_CreateAgreement.html; ${CERTIFICATES}`,
    fix: 'add the partner\'s public `As2Certificate` with `usage: As2CertificateUsage.SIGNING` to the partner profile',
    check: (s) => (s.enforceMessageSigning && s.partnerProfile.usages !== undefined && !s.partnerProfile.usages.includes('SIGNING')
      ? `\`enforceMessageSigning\` is on but partner profile ${s.partnerProfile.path} has no SIGNING certificate` : undefined),
  },
  {
    id: 'as2/agreement-description',
    severity: 'error',
    summary: 'An agreement\'s description is 1 to 200 printable ASCII characters, without spaces.',
    reason: 'CreateAgreement takes a Description of 1 to 200 characters matching `[\\p{Graph}]+` (letters, digits and punctuation of ASCII; no space or control character)',
    source: `${API}/API_CreateAgreement.html; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-transfer-agreement.html`,
    fix: 'shorten `description`, and write it without spaces or characters outside ASCII (e.g. `Invoices-from-Partner-Co`)',
    check: (s) => {
      const cfn = s.resource;
      if (cfn === undefined || !CfnAgreement.isCfnAgreement(cfn)) return undefined;
      const description: unknown = cfn.description === undefined ? undefined : Stack.of(cfn).resolve(cfn.description);
      if (typeof description !== 'string' || Token.isUnresolved(description)) return undefined;
      if (description.length < 1 || description.length > 200) return `\`description\` is ${description.length} characters long`;
      const bad = [...description].find((c) => !/^[\u0021-\u007E]$/.test(c));
      return bad === undefined ? undefined : `\`description\` ${quote(description)} holds ${JSON.stringify(bad)}, outside U+0021 to U+007E`;
    },
  },
  {
    id: 'as2/agreement-tags',
    severity: 'error',
    summary: 'An agreement has at most 50 tags; keys are 1 to 128 characters and values up to 256, of letters, digits, spaces and `_ . : / = + - @`; keys do not start with `aws:`.',
    reason: 'Transfer Family refuses other tags, and AWS reserves the aws: prefix',
    source: `${API}/API_Tag.html; ${API}/API_CreateAgreement.html; https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html`,
    fix: 'remove or rename the tags reported (`Tags.of(scope).add()` on the agreement or any scope above it)',
    check: (s) => tagProblems(s.resource),
  },
]);
