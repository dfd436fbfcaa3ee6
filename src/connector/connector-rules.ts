import { Stack, Token } from 'aws-cdk-lib';
import { CfnConnector } from 'aws-cdk-lib/aws-transfer';
import { IConstruct } from 'constructs';
import { tagProblems } from '../private/tags';
import { sshPublicKeyProblem } from '../user/ssh-key';
import { known, quote, RuleTable } from '../validation/rules';

/** The Transfer Family user guide. */
const UG = 'https://docs.aws.amazon.com/transfer/latest/userguide';
/** The Transfer Family API Reference. */
const API = 'https://docs.aws.amazon.com/transfer/latest/APIReference';

/**
 * What the connector rules look at: the `AWS::Transfer::Connector` as its template will hold it, read from
 * the `CfnConnector` (so that a cdk-nag pack can judge an L1 connector with the same rules). Values unknown
 * at synth (tokens) are `undefined`.
 */
export interface ConnectorSubject {
  /** The resource (its tags are read from its tag manager). */
  readonly resource?: IConstruct;
  /** `SFTP` with an `SftpConfig`, `AS2` with an `As2Config`, `BOTH` with both, `NONE` with neither. */
  readonly kind: 'SFTP' | 'AS2' | 'BOTH' | 'NONE';
  /** The `Url`, when known. */
  readonly url?: string;
  /** Whether the template has a `Url` (a token counts). */
  readonly hasUrl?: boolean;
  /** The `EgressType`, when known (`undefined` when absent or a token). */
  readonly egressType?: string;
  /** Whether the template has an `EgressType` (a token counts). */
  readonly hasEgressType?: boolean;
  /** The `EgressConfig`, when present: whether it has a `VpcLattice`, and its known values. */
  readonly egressConfig?: {
    readonly hasVpcLattice: boolean;
    readonly resourceConfigurationArn?: string;
    readonly portNumber?: number;
  };
  /** The `SecurityPolicyName`, when known. */
  readonly securityPolicyName?: string;
  /** Whether the template has an `SftpConfig.UserSecretId` (a token counts). */
  readonly hasUserSecret: boolean;
  /** The `SftpConfig.TrustedHostKeys`: `undefined` when absent, the known keys otherwise (tokens left out). */
  readonly trustedHostKeys?: ReadonlyArray<string>;
  /** The number of trusted host keys, when known (tokens counted). */
  readonly trustedHostKeyCount?: number;
  /** Whether the template has `SftpConfig.TrustedHostKeys` at all (a list token, known at deployment only, counts). */
  readonly hasTrustedHostKeys?: boolean;
  /** `SftpConfig.MaxConcurrentConnections`, when known. */
  readonly maxConcurrentConnections?: number;
  /** The `As2Config` fields, when known (PascalCase in the template). */
  readonly as2?: {
    /** Whether the template has a `LocalProfileId`, a `PartnerProfileId` (tokens count). */
    readonly hasLocalProfile: boolean;
    readonly hasPartnerProfile: boolean;
    readonly localProfileId?: string;
    readonly partnerProfileId?: string;
    readonly messageSubject?: string;
    readonly encryptionAlgorithm?: string;
    readonly signingAlgorithm?: string;
    readonly mdnSigningAlgorithm?: string;
    readonly mdnResponse?: string;
  };
  /** The profiles' types, when the app knows them (an L2 connector's profiles). */
  readonly localProfileType?: string;
  readonly partnerProfileType?: string;
  /**
   * The usages of the profiles' certificates, when every certificate of the profile and its usage are known
   * (an imported profile's, or one with a usage that is a token, are `undefined`: not judged).
   */
  readonly localCertificateUsages?: ReadonlyArray<string>;
  readonly partnerCertificateUsages?: ReadonlyArray<string>;
}

/** What an L2 connector knows beyond its `CfnConnector`. */
export interface ConnectorSubjectExtras {
  readonly localProfileType?: string;
  readonly partnerProfileType?: string;
  /** The usages of every certificate of the local profile, when all are known (see `ConnectorSubject`). */
  readonly localCertificateUsages?: ReadonlyArray<string>;
  /** The usages of every certificate of the partner profile, when all are known. */
  readonly partnerCertificateUsages?: ReadonlyArray<string>;
}

/**
 * The usages of the certificates of a profile as a connector's rules read them: `undefined` unless the
 * profile's certificates are all known (`certificatesKnown`) and each usage is a literal.
 */
export function profileCertificateUsages(profile: {
  readonly certificatesKnown?: boolean;
  readonly certificates?: ReadonlyArray<{ readonly usage?: string }>;
}): string[] | undefined {
  if (profile.certificatesKnown !== true || !Array.isArray(profile.certificates)) return undefined;
  const usages = profile.certificates.map((c) => known(c.usage));
  return usages.every((u): u is string => u !== undefined) ? usages : undefined;
}

/** The subject of the connector rules, from the `AWS::Transfer::Connector` resource. */
export function connectorSubject(cfn: CfnConnector, extras: ConnectorSubjectExtras = {}): ConnectorSubject {
  const stack = Stack.of(cfn);
  const resolve = (v: unknown): unknown => (v === undefined ? undefined : stack.resolve(v));
  const str = (v: unknown): string | undefined => (typeof v === 'string' && !Token.isUnresolved(v) ? v : undefined);
  // The typed `sftpConfig` as written (camelCase); the untyped `as2Config` as the template holds it (PascalCase).
  const sftp = record(resolve(cfn.sftpConfig));
  const as2 = record(resolve(cfn.as2Config));
  const hosts = sftp?.trustedHostKeys;
  const kind = sftp && as2 ? 'BOTH' : sftp ? 'SFTP' : as2 ? 'AS2' : 'NONE';
  const egress = record(resolve(cfn.egressConfig));
  const lattice = record(egress?.vpcLattice ?? egress?.VpcLattice);
  const port = lattice?.portNumber ?? lattice?.PortNumber;
  return {
    resource: cfn,
    kind,
    url: str(resolve(cfn.url)),
    hasUrl: cfn.url !== undefined,
    egressType: str(resolve(cfn.egressType)),
    hasEgressType: cfn.egressType !== undefined,
    egressConfig: egress && {
      hasVpcLattice: lattice !== undefined,
      resourceConfigurationArn: str(lattice?.resourceConfigurationArn ?? lattice?.ResourceConfigurationArn),
      portNumber: typeof port === 'number' && !Token.isUnresolved(port) ? port : undefined,
    },
    securityPolicyName: str(resolve(cfn.securityPolicyName)),
    hasUserSecret: sftp?.userSecretId !== undefined,
    trustedHostKeys: Array.isArray(hosts) ? hosts.filter((k): k is string => typeof k === 'string') : undefined,
    trustedHostKeyCount: Array.isArray(hosts) ? hosts.length : undefined,
    hasTrustedHostKeys: hosts !== undefined,
    maxConcurrentConnections: typeof sftp?.maxConcurrentConnections === 'number' ? sftp.maxConcurrentConnections : undefined,
    as2: as2 && {
      hasLocalProfile: as2.LocalProfileId !== undefined,
      hasPartnerProfile: as2.PartnerProfileId !== undefined,
      localProfileId: str(as2.LocalProfileId),
      partnerProfileId: str(as2.PartnerProfileId),
      messageSubject: str(as2.MessageSubject),
      encryptionAlgorithm: str(as2.EncryptionAlgorithm),
      signingAlgorithm: str(as2.SigningAlgorithm),
      mdnSigningAlgorithm: str(as2.MdnSigningAlgorithm),
      mdnResponse: str(as2.MdnResponse),
    },
    localProfileType: known(extras.localProfileType),
    partnerProfileType: known(extras.partnerProfileType),
    localCertificateUsages: literals(extras.localCertificateUsages),
    partnerCertificateUsages: literals(extras.partnerCertificateUsages),
  };
}

/** The list when it and every member are literal strings, `undefined` otherwise. */
function literals(v: ReadonlyArray<string> | undefined): string[] | undefined {
  if (v === undefined || Token.isUnresolved(v) || !Array.isArray(v)) return undefined;
  return v.every((u) => typeof u === 'string' && !Token.isUnresolved(u)) ? v.slice() : undefined;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
}

/** The key types Transfer Family accepts as trusted host keys of an SFTP connector. */
export const TRUSTED_HOST_KEY_TYPES = ['ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];

/**
 * What is wrong with a trusted host key line, `[host] <key type> <base64>` (as `ssh-keyscan` prints it, or
 * without the host), or `undefined` when it is acceptable.
 */
export function trustedHostKeyProblem(line: string): string | undefined {
  if (line.length < 1 || line.length > 2048) return `is ${line.length} characters long (1 to 2048)`;
  if (/PRIVATE KEY/.test(line)) return 'is a private key; a trusted host key is the partner server\'s public host key';
  if (/[\r\n]/.test(line.trim())) return 'holds more than one line; pass each key as a string of its own';
  const parts = line.trim().split(/\s+/);
  const at = parts.findIndex((p) => TRUSTED_HOST_KEY_TYPES.includes(p) || /^(ssh-|ecdsa-|sk-)/.test(p));
  if (at < 0 || at > 1) return `has no key type of ${TRUSTED_HOST_KEY_TYPES.join(', ')}`;
  const type = parts[at];
  if (!TRUSTED_HOST_KEY_TYPES.includes(type)) return `has key type ${quote(type)}; connectors accept RSA and ECDSA host keys only (${TRUSTED_HOST_KEY_TYPES.join(', ')})`;
  const body = parts[at + 1];
  if (body === undefined) return 'has no key data after its type';
  if (parts.length > at + 2) return 'has a comment after the key data; give only the key type and the key data (and the host name before them)';
  // The key itself is an OpenSSH public key, read as users' keys are (base64, the type it embeds, its fields).
  return sshPublicKeyProblem(`${type} ${body}`);
}

const SFTP_CONFIG = `${API}/API_SftpConnectorConfig.html`;
const AS2_CONFIG = `${API}/API_As2ConnectorConfig.html`;
const CREATE = `${API}/API_CreateConnector.html`;

const isSftp = (s: ConnectorSubject) => s.kind === 'SFTP';
const isAs2 = (s: ConnectorSubject) => s.kind === 'AS2';

export const CONNECTOR_RULES = new RuleTable<ConnectorSubject>('Connector', [
  {
    id: 'connector/one-config',
    severity: 'error',
    summary: 'A connector has exactly one configuration: `SftpConfig` or `As2Config`.',
    reason: 'CreateConnector takes the configuration of an SFTP connector or of an AS2 connector, exactly one of them',
    source: `${CREATE}; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-transfer-connector.html`,
    fix: 'use `SftpConnector` for an SFTP partner and `As2Connector` for an AS2 partner',
    check: (s) => (s.kind === 'BOTH' ? 'the connector has both an SftpConfig and an As2Config'
      : s.kind === 'NONE' ? 'the connector has neither an SftpConfig nor an As2Config' : undefined),
  },
  {
    id: 'connector/sftp-url',
    severity: 'error',
    summary: 'An SFTP connector\'s URL is `sftp://<host>[:<port>]`, at most 255 characters.',
    reason: 'An SFTP connector connects to the partner\'s SFTP server at the URL given as `sftp://` and the host name or IP address, with the port after a colon when it is not 22',
    source: `${UG}/configure-sftp-connector.html; ${CREATE}`,
    fix: 'pass the partner server\'s address as `url: \'sftp://sftp.partner.example.com\'` (or `sftp://sftp.partner.example.com:2222`)',
    check: (s) => {
      if (!isSftp(s) || s.url === undefined) return undefined;
      if (s.url.length > 255) return `\`url\` is ${s.url.length} characters long`;
      const m = /^sftp:\/\/([^\s/:@]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?\/?$/i.exec(s.url);
      if (!m) return `\`url\` ${quote(s.url)} is not sftp://<host>[:<port>]`;
      const port = m[2] === undefined ? undefined : Number(m[2]);
      return port !== undefined && (port < 1 || port > 65535) ? `\`url\` ${quote(s.url)} has port ${port} (1 to 65535)` : undefined;
    },
  },
  {
    id: 'connector/sftp-user-secret',
    severity: 'error',
    summary: 'An SFTP connector has a user secret: the Secrets Manager secret with the user name and private key or password it signs in with.',
    reason: 'The user secret is required when an SFTP connector is created; without it the connector cannot authenticate to the partner server',
    source: `${SFTP_CONFIG}; ${UG}/configure-sftp-connector.html`,
    fix: 'pass `userSecret`: a secret whose value is `{"Username": "...", "PrivateKey": "..."}` (or `"Password"`)',
    check: (s) => (isSftp(s) && !s.hasUserSecret ? 'the SFTP connector has no `userSecret`' : undefined),
  },
  {
    id: 'connector/sftp-trusted-host-keys',
    severity: 'warning',
    summary: 'An SFTP connector lists the partner server\'s host keys it trusts.',
    reason: 'Without trusted host keys, CreateConnector succeeds but the connector cannot transfer: the partner\'s host key must be retrieved with TestConnection and the connector updated with it; a connector that trusts a key given out of band is not open to a server impersonating the partner',
    source: SFTP_CONFIG,
    fix: 'pass `trustedHostKeys` with the output of `ssh-keyscan <partner host>` (one string per key)',
    // Absent or an empty list; a list known at deployment only (a parameter's `valueAsList`) is not judged.
    check: (s) => (isSftp(s) && (s.hasTrustedHostKeys === false || s.trustedHostKeyCount === 0)
      ? 'the SFTP connector has no `trustedHostKeys`' : undefined),
  },
  {
    id: 'connector/sftp-trusted-host-key-format',
    severity: 'error',
    summary: 'An SFTP connector trusts at most 10 host keys, each `[host] <key type> <base64>` of at most 2048 characters, RSA or ECDSA, without a comment.',
    reason: 'Transfer Family takes 1 to 10 trusted host keys of up to 2048 characters, accepts RSA (`ssh-rsa`) and ECDSA (`ecdsa-sha2-nistp256/384/521`) keys only (connectors do not support ed25519 host keys), and expects only the key type and key data, optionally after the host name `ssh-keyscan` prints',
    source: `${SFTP_CONFIG}; ${UG}/security-policies-connectors.html`,
    fix: 'paste the RSA or ECDSA lines `ssh-keyscan -t rsa,ecdsa <partner host>` prints, one string per key, without comments',
    check: (s) => {
      if (!isSftp(s) || s.trustedHostKeys === undefined) return undefined;
      const found: string[] = [];
      if (s.trustedHostKeyCount !== undefined && s.trustedHostKeyCount > 10) found.push(`\`trustedHostKeys\` has ${s.trustedHostKeyCount} keys`);
      s.trustedHostKeys.forEach((k, i) => {
        if (Token.isUnresolved(k)) return;
        const problem = trustedHostKeyProblem(k);
        if (problem) found.push(`\`trustedHostKeys[${i}]\` ${problem}`);
      });
      return found;
    },
  },
  {
    id: 'connector/sftp-max-concurrent-connections',
    severity: 'error',
    summary: 'An SFTP connector opens 1 to 5 concurrent connections.',
    reason: 'MaxConcurrentConnections is an integer from 1 to 5',
    source: SFTP_CONFIG,
    fix: 'pass `maxConcurrentConnections` between 1 and 5',
    check: (s) => {
      const n = s.maxConcurrentConnections;
      if (!isSftp(s) || n === undefined || Token.isUnresolved(n)) return undefined;
      return Number.isInteger(n) && n >= 1 && n <= 5 ? undefined : `\`maxConcurrentConnections\` is ${n}`;
    },
  },
  {
    id: 'connector/sftp-security-policy',
    severity: 'error',
    summary: 'An SFTP connector\'s security policy is named `TransferSFTPConnectorSecurityPolicy-<name>`, at most 50 characters; an AS2 connector has none.',
    reason: 'Connector security policies are SFTP connector policies (TransferSFTPConnectorSecurityPolicy-*); server security policies do not apply to connectors',
    source: `${UG}/security-policies-connectors.html; ${API}/API_UpdateConnector.html`,
    fix: 'use a `SftpConnectorSecurityPolicy` constant (e.g. `SftpConnectorSecurityPolicy.SFTP_CONNECTOR_2024_03`) or `SftpConnectorSecurityPolicy.of(\'TransferSFTPConnectorSecurityPolicy-...\')`',
    check: (s) => {
      const name = s.securityPolicyName;
      if (name === undefined) return undefined;
      if (isAs2(s)) return `the AS2 connector has security policy ${quote(name)}`;
      if (!isSftp(s)) return undefined;
      if (name.length > 50) return `security policy ${quote(name)} is ${name.length} characters long`;
      return /^TransferSFTPConnectorSecurityPolicy-[A-Za-z0-9-]+$/.test(name) ? undefined : `security policy ${quote(name)} is not an SFTP connector policy`;
    },
  },
  {
    id: 'connector/as2-url',
    severity: 'error',
    summary: 'An AS2 connector\'s URL is the partner\'s AS2 endpoint, `http://` or `https://`, at most 255 characters.',
    reason: 'Transfer Family sends AS2 messages over HTTP or HTTPS only (INVALID_ENDPOINT_PROTOCOL, INVALID_URL_FORMAT)',
    source: `${UG}/configure-as2-connector.html; ${CREATE}`,
    fix: 'pass the partner\'s AS2 URL, e.g. `url: \'https://as2.partner.example.com/as2\'`',
    check: (s) => {
      if (!isAs2(s) || s.url === undefined) return undefined;
      if (s.url.length > 255) return `\`url\` is ${s.url.length} characters long`;
      return /^https?:\/\/[^\s/?#]+(\/\S*)?$/i.test(s.url) ? undefined : `\`url\` ${quote(s.url)} is not an http:// or https:// URL`;
    },
  },
  {
    id: 'connector/as2-profiles',
    severity: 'error',
    summary: 'An AS2 connector has a local profile of type LOCAL and a partner profile of type PARTNER.',
    reason: 'An AS2 connector sends from the local profile (your AS2 id and certificates) to the partner profile (the trading partner\'s); both are required',
    source: `${AS2_CONFIG}; ${UG}/configure-as2-connector.html`,
    fix: 'pass `localProfile: As2Profile.local(...)` and `partnerProfile: As2Profile.partner(...)`',
    check: (s) => {
      if (!isAs2(s) || s.as2 === undefined) return undefined;
      const found: string[] = [];
      if (!s.as2.hasLocalProfile) found.push('the AS2 connector has no local profile');
      if (!s.as2.hasPartnerProfile) found.push('the AS2 connector has no partner profile');
      if (s.localProfileType !== undefined && s.localProfileType !== 'LOCAL') found.push(`\`localProfile\` is a ${s.localProfileType} profile`);
      if (s.partnerProfileType !== undefined && s.partnerProfileType !== 'PARTNER') found.push(`\`partnerProfile\` is a ${s.partnerProfileType} profile`);
      return found;
    },
  },
  {
    id: 'connector/as2-encryption-over-https',
    severity: 'error',
    summary: 'An AS2 connector sends unencrypted messages (encryption algorithm NONE) only to an `https://` URL.',
    reason: 'You can only specify NONE if the URL for your connector uses HTTPS, so that no traffic is sent in clear text',
    source: AS2_CONFIG,
    fix: 'choose an encryption algorithm (`As2EncryptionAlgorithm.AES256_CBC`), or an `https://` URL',
    check: (s) => (isAs2(s) && s.as2?.encryptionAlgorithm === 'NONE' && s.url !== undefined && !/^https:\/\//i.test(s.url)
      ? `the encryption algorithm is NONE and \`url\` ${quote(s.url)} is not HTTPS` : undefined),
  },
  {
    id: 'connector/as2-weak-algorithm',
    severity: 'warning',
    summary: 'An AS2 connector neither encrypts with DES_EDE3_CBC nor signs with SHA1, unless a legacy partner requires it.',
    reason: 'DES_EDE3_CBC is a weak encryption algorithm, to use only for a legacy client that requires it; SHA-1 signatures are deprecated for the same reason',
    source: `${AS2_CONFIG}; ${UG}/security-policies.html`,
    fix: 'use `As2EncryptionAlgorithm.AES256_CBC` (or AES128/AES192) and `As2SigningAlgorithm.SHA256` or stronger; acknowledge the warning for a partner that supports nothing else',
    check: (s) => {
      if (!isAs2(s) || s.as2 === undefined) return undefined;
      const found: string[] = [];
      if (s.as2.encryptionAlgorithm === 'DES_EDE3_CBC') found.push('the encryption algorithm is DES_EDE3_CBC');
      if (s.as2.signingAlgorithm === 'SHA1') found.push('the signing algorithm is SHA1');
      if (s.as2.mdnSigningAlgorithm === 'SHA1') found.push('the MDN signing algorithm is SHA1');
      return found;
    },
  },
  {
    id: 'connector/as2-mdn-signing-without-mdn',
    severity: 'warning',
    summary: 'An AS2 connector that asks for a signed MDN also asks for an MDN.',
    reason: 'The MDN signing algorithm applies to the partner\'s MDN response; with `MdnResponse` NONE no MDN is requested, and the setting does nothing',
    source: AS2_CONFIG,
    fix: 'pass `mdnResponse: As2MdnResponse.SYNC`, or leave `mdnSigningAlgorithm` unset',
    check: (s) => {
      const mdn = s.as2?.mdnSigningAlgorithm;
      return isAs2(s) && s.as2?.mdnResponse === 'NONE' && mdn !== undefined && mdn !== 'NONE' && mdn !== 'DEFAULT'
        ? `\`mdnSigningAlgorithm\` is ${mdn} but \`mdnResponse\` is NONE` : undefined;
    },
  },
  {
    id: 'connector/as2-profile-certificates',
    severity: 'warning',
    summary: 'An AS2 connector that signs has a local profile with a SIGNING certificate; one that encrypts has a partner profile with an ENCRYPTION certificate; one that asks for a signed MDN has a partner profile with a SIGNING certificate.',
    reason: 'A connector signs its messages with the private key of the local profile\'s signing certificate, encrypts them with the partner profile\'s encryption certificate, and verifies the signed MDN with the partner profile\'s signing certificate; without that certificate the connector cannot sign, encrypt or verify what it asked for',
    source: `${UG}/configure-as2-connector.html; ${UG}/create-b2b-server.html; ${UG}/managing-as2-partners.html; ${AS2_CONFIG}`,
    fix: 'add the certificate reported to the profile (`As2Profile.local(..., { certificates: [new As2Certificate(..., { usage: As2CertificateUsage.SIGNING, privateKey })] })`, the partner\'s public SIGNING and ENCRYPTION certificates to `As2Profile.partner(...)`), or set the algorithm to NONE',
    check: (s) => {
      if (!isAs2(s) || s.as2 === undefined) return undefined;
      const found: string[] = [];
      const lacks = (usages: ReadonlyArray<string> | undefined, usage: string) => usages !== undefined && !usages.includes(usage);
      const signing = s.as2.signingAlgorithm;
      if (signing !== undefined && signing !== 'NONE' && lacks(s.localCertificateUsages, 'SIGNING')) {
        found.push(`the connector signs with ${signing} but the local profile has no SIGNING certificate`);
      }
      const encryption = s.as2.encryptionAlgorithm;
      if (encryption !== undefined && encryption !== 'NONE' && lacks(s.partnerCertificateUsages, 'ENCRYPTION')) {
        found.push(`the connector encrypts with ${encryption} but the partner profile has no ENCRYPTION certificate`);
      }
      // DEFAULT (or no MdnSigningAlgorithm) asks for an MDN signed with the signing algorithm.
      const asked = s.as2.mdnSigningAlgorithm;
      const mdn = asked === undefined || asked === 'DEFAULT' ? signing : asked;
      if (s.as2.mdnResponse === 'SYNC' && mdn !== undefined && mdn !== 'NONE' && mdn !== 'DEFAULT' && lacks(s.partnerCertificateUsages, 'SIGNING')) {
        found.push(`the connector asks for an MDN signed with ${mdn} but the partner profile has no SIGNING certificate to verify it`);
      }
      return found;
    },
  },
  {
    id: 'connector/as2-message-subject',
    severity: 'error',
    summary: 'An AS2 connector\'s message subject is 1 to 1024 printable ASCII characters or tabs.',
    reason: 'The message subject is the Subject HTTP header of the AS2 messages, 1 to 1024 characters of U+0020 to U+007E and tab',
    source: AS2_CONFIG,
    fix: 'shorten `messageSubject`, or remove the characters outside printable ASCII',
    check: (s) => {
      const subject = s.as2?.messageSubject;
      if (!isAs2(s) || subject === undefined) return undefined;
      if (subject.length < 1 || subject.length > 1024) return `\`messageSubject\` is ${subject.length} characters long`;
      return /^[\u0020-\u007E\t]+$/.test(subject) ? undefined : `\`messageSubject\` ${quote(subject)} holds characters outside printable ASCII and tab`;
    },
  },
  {
    id: 'connector/egress-vpc-lattice',
    severity: 'error',
    summary: 'A connector with VPC Lattice egress is an SFTP connector whose `EgressConfig.VpcLattice` names a resource configuration (`arn:<partition>:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<17>`) and a port of 1 to 65535; a connector has an `EgressConfig` only with `EgressType` VPC_LATTICE.',
    reason: 'EgressType is SERVICE_MANAGED or VPC_LATTICE; VPC Lattice egress routes an SFTP connector\'s traffic through your VPC to the server of the resource configuration, whose ARN has the documented pattern, on a port from 1 to 65535 (22 when absent)',
    source: `${API}/API_ConnectorVpcLatticeEgressConfig.html; ${API}/API_ConnectorEgressConfig.html; ${UG}/create-vpc-sftp-connector-procedure.html`,
    fix: 'use `egress: ConnectorEgress.vpcLattice({ resourceConfiguration: \'arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-...\', port: 22 })` on an `SftpConnector`',
    check: (s) => {
      const found: string[] = [];
      const type = s.egressType;
      if (type !== undefined && type !== 'SERVICE_MANAGED' && type !== 'VPC_LATTICE') found.push(`the egress type is ${quote(type)}, not SERVICE_MANAGED or VPC_LATTICE`);
      if (type === 'VPC_LATTICE' && s.kind === 'AS2') found.push('the AS2 connector has VPC Lattice egress; only SFTP connectors do');
      if (type === 'VPC_LATTICE' && !s.egressConfig?.hasVpcLattice) found.push('the egress type is VPC_LATTICE but there is no `EgressConfig.VpcLattice`');
      if (s.egressConfig !== undefined && s.hasEgressType && type !== undefined && type !== 'VPC_LATTICE') found.push(`there is an \`EgressConfig\` but the egress type is ${type}`);
      if (s.egressConfig !== undefined && !s.hasEgressType) found.push('there is an `EgressConfig` but no egress type (VPC_LATTICE)');
      const arn = s.egressConfig?.resourceConfigurationArn;
      if (arn !== undefined && (arn.length > 2048 || !/^arn:[a-z0-9-]+:vpc-lattice:[a-zA-Z0-9-]+:\d{12}:resourceconfiguration\/rcfg-[0-9a-z]{17}$/.test(arn))) {
        found.push(`the resource configuration ${quote(arn)} is not the ARN of a VPC Lattice resource configuration`);
      }
      const port = s.egressConfig?.portNumber;
      if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) found.push(`the port is ${port} (1 to 65535)`);
      return found;
    },
  },
  {
    id: 'connector/egress-url',
    severity: 'error',
    summary: 'A connector has a URL, unless it is an SFTP connector with VPC Lattice egress, which has none.',
    reason: 'AS2 connectors and service-managed SFTP connectors need the URL of the remote server; for VPC Lattice connectors the URL must be null (the resource configuration names the server)',
    source: `${CREATE}; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-transfer-connector.html; ${UG}/create-vpc-sftp-connector-procedure.html`,
    fix: 'pass `url` (`sftp://<host>` or the partner\'s AS2 URL), or, with `egress: ConnectorEgress.vpcLattice(...)`, leave `url` out',
    check: (s) => {
      if (s.hasUrl === undefined || s.kind === 'NONE' || s.kind === 'BOTH') return undefined;
      if (s.egressType === 'VPC_LATTICE') return s.hasUrl ? 'the connector has VPC Lattice egress and a `url`' : undefined;
      if (s.hasEgressType && s.egressType === undefined) return undefined;
      return s.hasUrl ? undefined : `the ${s.kind} connector has no \`url\``;
    },
  },
  {
    id: 'connector/sftp-vpc-lattice-host-keys',
    severity: 'error',
    summary: 'The trusted host keys of an SFTP connector with VPC Lattice egress are `<key type> <base64>`, without a host name.',
    reason: 'With VPC Lattice egress the host name cannot be verified, so the only accepted trusted host key format is the key type and key body, without the host name',
    source: SFTP_CONFIG,
    fix: 'drop the host name `ssh-keyscan` prints before each key (`ecdsa-sha2-nistp256 AAAA...`)',
    check: (s) => {
      if (!isSftp(s) || s.egressType !== 'VPC_LATTICE' || s.trustedHostKeys === undefined) return undefined;
      return s.trustedHostKeys.flatMap((k, i) => {
        if (Token.isUnresolved(k)) return [];
        const first = k.trim().split(/\s+/)[0];
        return first !== undefined && !TRUSTED_HOST_KEY_TYPES.includes(first) && !/^(ssh-|ecdsa-|sk-)/.test(first)
          ? [`\`trustedHostKeys[${i}]\` starts with the host name ${quote(first)}`] : [];
      });
    },
  },
  {
    id: 'connector/tags',
    severity: 'error',
    summary: 'A connector has at most 50 tags; keys are 1 to 128 characters and values up to 256, of letters, digits, spaces and `_ . : / = + - @`; keys do not start with `aws:`.',
    reason: 'Transfer Family refuses other tags, and AWS reserves the aws: prefix',
    source: `${API}/API_Tag.html; ${CREATE}; https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html`,
    fix: 'remove or rename the tags reported (`Tags.of(scope).add()` on the connector or any scope above it)',
    check: (s) => tagProblems(s.resource),
  },
]);
