import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { detectAlgorithm } from './host-key-algorithm';
import { known, knownCount, quote, RuleTable } from './rules';
import type { Endpoint } from '../endpoint';
import { HostKey, HostKeyAlgorithm } from '../host-key';
import type { IdentityProvider } from '../identity-provider';
import { Domain, IpAddressType, Protocol, SftpAuthenticationMethods, TlsSessionResumptionMode } from '../protocol';
import { SecurityPolicy } from '../security-policy';
import type { CustomHostname } from '../server';
import type { IWorkflow } from '../workflow';

/** What the server rules look at: the server's input, read when the app is validated. */
export interface ServerSubject {
  readonly scope: IConstruct;
  readonly protocols: Protocol[];
  readonly endpoint: Endpoint;
  readonly subnetIds?: string[];
  readonly internetFacing: boolean;
  readonly addressAllocationIds?: string[];
  readonly identityProvider: IdentityProvider;
  readonly sftpAuthenticationMethods?: SftpAuthenticationMethods;
  readonly domain: Domain;
  readonly hasCertificate: boolean;
  readonly securityPolicy: SecurityPolicy;
  readonly hostKeys: HostKey[];
  readonly preAuthenticationLoginBanner?: string;
  readonly postAuthenticationLoginBanner?: string;
  readonly passiveIp?: string;
  readonly tlsSessionResumptionMode?: TlsSessionResumptionMode;
  readonly ipAddressType?: IpAddressType;
  readonly onUpload?: IWorkflow;
  readonly onPartialUpload?: IWorkflow;
  readonly customHostname?: CustomHostname;
}

const has = (s: ServerSubject, ...p: Protocol[]) => s.protocols.some((x) => p.includes(x));
const isVpc = (s: ServerSubject) => s.endpoint.endpointType === 'VPC';
const CUSTOM_PROVIDERS = 'IdentityProvider.directory(), .apiGateway() or .lambda()';
const BANNER = /^[\x09-\x0D\x20-\x7E]*$/;

function bannerProblems(prop: string, value: string | undefined): string[] {
  const v = known(value);
  if (v === undefined) return [];
  const out: string[] = [];
  if (v.length > 4096) out.push(`${prop} is ${v.length} characters long (at most 4096)`);
  const bad = [...v].find((c) => !BANNER.test(c));
  if (bad !== undefined) out.push(`${prop} contains ${JSON.stringify(bad)} (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}), which is not printable ASCII, tab or line break`);
  return out;
}

/** The host key bodies as they will be in the template, resolved; `undefined` where they cannot be read. */
function resolvedBodies(s: ServerSubject): Array<{ index: number; key: HostKey; text?: string }> {
  const stack = Stack.of(s.scope);
  return s.hostKeys.map((key, index) => {
    const resolved = stack.resolve(key.body);
    return { index, key, text: typeof resolved === 'string' ? resolved : undefined };
  });
}

const HTTPS_URL = /^https:\/\/[^\s]+$/;

/** The Transfer Family user guide. */
const USER_GUIDE = 'https://docs.aws.amazon.com/transfer/latest/userguide';
/** The Transfer Family API Reference, which states the service's limits on each request field. */
const API = 'https://docs.aws.amazon.com/transfer/latest/APIReference';
/** The CloudFormation template reference. */
const CFN = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference';

/**
 * The server's security policy when its name can be read at synth time and is one this library knows;
 * `undefined` otherwise (a token, or a name from `SecurityPolicy.of()` published after this library).
 */
function knownPolicy(s: ServerSubject): SecurityPolicy | undefined {
  const name = known(s.securityPolicy.name);
  return name !== undefined && SecurityPolicy.knownNames().includes(name) ? s.securityPolicy : undefined;
}

/** How a user writes the policy: `SecurityPolicy.FIPS_2025_03`, or `SecurityPolicy.of('<name>')` without a constant. */
function constantOf(policy: SecurityPolicy): string {
  const key = Object.entries(SecurityPolicy).find(([, v]) => v instanceof SecurityPolicy && v.name === policy.name)?.[0];
  return key !== undefined ? `SecurityPolicy.${key}` : `SecurityPolicy.of(${quote(policy.name, 100)})`;
}

/** `a, b and c`. */
function listed(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The policies with post-quantum key exchanges, from the data on `SecurityPolicy`. */
const POST_QUANTUM_POLICIES = listed(SecurityPolicy.knownNames().filter((n) => SecurityPolicy.of(n).isPostQuantum));

export const SERVER_RULES = new RuleTable<ServerSubject>('TransferServer', [
  {
    id: 'server/protocols-count',
    severity: 'error',
    summary: 'A server accepts 1 to 4 protocols, each once.',
    reason: 'The service takes a list of 1 to 4 of SFTP, FTP, FTPS and AS2',
    source: `${API}/API_CreateServer.html`,
    fix: 'pass `protocols` with one to four distinct `Protocol` values',
    check: (s) => {
      const p = known(s.protocols);
      if (p === undefined) return undefined;
      if (p.length === 0) return '`protocols` is empty';
      const dup = p.filter((x, i) => p.indexOf(x) !== i);
      return dup.length > 0 ? `\`protocols\` lists ${dup.join(', ')} more than once` : undefined;
    },
  },
  {
    id: 'server/ftps-needs-certificate',
    severity: 'error',
    summary: 'FTPS needs a certificate.',
    reason: 'The service requires an ACM certificate when the protocols include FTPS',
    source: `${API}/API_CreateServer.html`,
    fix: 'pass `certificate` (an `acm.ICertificate`), or drop `Protocol.FTPS`',
    check: (s) => (has(s, Protocol.FTPS) && !s.hasCertificate ? '`protocols` includes FTPS but no `certificate` is given' : undefined),
  },
  {
    id: 'server/certificate-needs-ftps',
    severity: 'warning',
    summary: 'A certificate is only used by FTPS.',
    reason: 'The server presents its certificate to FTPS clients only; SFTP, FTP and AS2 ignore it',
    source: `${API}/API_CreateServer.html`,
    fix: 'remove `certificate`, or add `Protocol.FTPS`',
    check: (s) => (s.hasCertificate && !has(s, Protocol.FTPS) ? '`certificate` is set but `protocols` does not include FTPS' : undefined),
  },
  {
    id: 'server/ftp-needs-vpc',
    severity: 'error',
    summary: 'FTP and FTPS need a VPC endpoint.',
    reason: 'The service offers FTP and FTPS only on VPC endpoints, never on public ones',
    source: `${API}/API_CreateServer.html`,
    fix: 'use `endpoint: Endpoint.vpc({ vpc })`',
    check: (s) => (has(s, Protocol.FTP, Protocol.FTPS) && !isVpc(s)
      ? `\`protocols\` includes ${s.protocols.filter((p) => p === Protocol.FTP || p === Protocol.FTPS).join(' and ')} but \`endpoint\` is ${s.endpoint.endpointType}`
      : undefined),
  },
  {
    id: 'server/ftp-needs-custom-identity-provider',
    severity: 'error',
    summary: 'FTP and FTPS need a directory, API Gateway or Lambda identity provider.',
    reason: 'Service-managed users authenticate with SSH keys only, which FTP and FTPS cannot use',
    source: `${API}/API_CreateServer.html`,
    fix: `pass \`identityProvider\`: ${CUSTOM_PROVIDERS}`,
    check: (s) => (has(s, Protocol.FTP, Protocol.FTPS) && s.identityProvider.identityProviderType === 'SERVICE_MANAGED'
      ? '`protocols` includes FTP or FTPS but `identityProvider` is service-managed (the default)'
      : undefined),
  },
  {
    id: 'server/as2-needs-vpc',
    severity: 'error',
    summary: 'AS2 needs a VPC endpoint.',
    reason: 'The service offers AS2 only on VPC endpoints',
    source: `${API}/API_CreateServer.html`,
    fix: 'use `endpoint: Endpoint.vpc({ vpc })`',
    check: (s) => (has(s, Protocol.AS2) && !isVpc(s) ? `\`protocols\` includes AS2 but \`endpoint\` is ${s.endpoint.endpointType}` : undefined),
  },
  {
    id: 'server/as2-needs-s3',
    severity: 'error',
    summary: 'AS2 needs the S3 domain.',
    reason: 'AS2 messages are stored in Amazon S3 only',
    source: `${API}/API_CreateServer.html`,
    fix: 'use `domain: Domain.S3` (the default), or a separate EFS server for the other protocols',
    check: (s) => (has(s, Protocol.AS2) && s.domain !== Domain.S3 ? '`protocols` includes AS2 but `domain` is EFS' : undefined),
  },
  {
    id: 'server/ftp-no-elastic-ips',
    severity: 'error',
    summary: 'FTP cannot use Elastic IPs (an internet-facing endpoint).',
    reason: 'The service refuses address allocation ids when the protocols include plain FTP, so FTP is never exposed to the internet',
    source: `${API}/API_CreateServer.html; ${API}/API_EndpointDetails.html`,
    fix: 'set `internetFacing: false` and drop `addressAllocationIds`, or use FTPS instead of FTP',
    check: (s) => (has(s, Protocol.FTP) && s.internetFacing
      ? '`protocols` includes FTP but the VPC endpoint is internet-facing (`internetFacing` or `addressAllocationIds`)'
      : undefined),
  },
  {
    id: 'server/ftp-plaintext',
    severity: 'warning',
    summary: 'Plain FTP is unencrypted.',
    reason: 'FTP sends user names, passwords and file contents in clear text, readable by anyone on the network path; SFTP and FTPS encrypt them',
    source: `${USER_GUIDE}/tf-server-endpoint.html`,
    fix: 'replace `Protocol.FTP` in `protocols` by `Protocol.SFTP`, or by `Protocol.FTPS` with a `certificate`; acknowledge this warning if legacy clients can speak nothing else',
    check: (s) => (known(s.protocols)?.includes(Protocol.FTP) ? '`protocols` includes FTP' : undefined),
  },
  {
    id: 'server/elastic-ips-per-subnet',
    severity: 'error',
    summary: 'An internet-facing VPC endpoint has exactly one Elastic IP per subnet.',
    reason: 'The service pairs address allocation ids with subnet ids one to one',
    source: `${API}/API_EndpointDetails.html`,
    fix: 'give one allocation id per selected subnet in `addressAllocationIds`, or leave it out to have one Elastic IP created per subnet',
    check: (s) => {
      const ids = knownCount(s.addressAllocationIds);
      const subnets = knownCount(s.subnetIds);
      if (ids === undefined || subnets === undefined || ids === subnets) return undefined;
      return `\`addressAllocationIds\` has ${ids} id(s) for ${subnets} subnet(s)`;
    },
  },
  {
    id: 'server/elastic-ips-unique',
    severity: 'error',
    summary: 'Elastic IP allocation ids are distinct.',
    reason: 'An Elastic IP can be associated with one endpoint network interface only',
    source: `${API}/API_EndpointDetails.html`,
    fix: 'list each allocation id once in `addressAllocationIds`',
    check: (s) => {
      // Token strings compare equal exactly when they stand for the same value.
      const ids = knownCount(s.addressAllocationIds) === undefined ? [] : s.addressAllocationIds!;
      const dup = ids.filter((x, i) => ids.indexOf(x) !== i);
      return dup.length > 0 ? `\`addressAllocationIds\` lists ${dup.map((d) => quote(d)).join(', ')} more than once` : undefined;
    },
  },
  {
    id: 'server/elastic-ips-not-dualstack',
    severity: 'error',
    summary: 'Elastic IPs cannot be combined with the DUALSTACK IP address type.',
    reason: 'The service accepts address allocation ids only for IPv4 endpoints',
    source: `${API}/API_EndpointDetails.html`,
    fix: 'use `ipAddressType: IpAddressType.IPV4`, or an endpoint that is not internet-facing',
    check: (s) => (s.internetFacing && s.ipAddressType === IpAddressType.DUALSTACK
      ? '`ipAddressType` is DUALSTACK on an internet-facing VPC endpoint'
      : undefined),
  },
  {
    id: 'server/vpc-subnets',
    severity: 'error',
    summary: 'A VPC endpoint needs at least one subnet.',
    reason: 'The endpoint places a network interface in each selected subnet',
    source: `${API}/API_EndpointDetails.html; ${USER_GUIDE}/create-server-in-vpc.html`,
    fix: 'select subnets that exist with `vpcSubnets`',
    check: (s) => {
      return isVpc(s) && knownCount(s.subnetIds) === 0 ? '`vpcSubnets` selects no subnet of the VPC' : undefined;
    },
  },
  {
    id: 'server/public-endpoint',
    severity: 'warning',
    summary: 'A public endpoint accepts connections from any address.',
    reason: 'A PUBLIC endpoint has no security group, so access cannot be limited by source IP address; an internet-facing VPC endpoint admits only the clients whose addresses its security groups allow',
    source: `${USER_GUIDE}/create-server-in-vpc.html`,
    fix: 'use `endpoint: Endpoint.vpc({ vpc, internetFacing: true })` and open its security group to your partners\' addresses only, e.g. `server.connections.allowFrom(ec2.Peer.ipv4(\'203.0.113.0/24\'), ec2.Port.tcp(22))`; acknowledge this warning if the server must accept any address',
    check: (s) => (known(s.endpoint.endpointType) === 'PUBLIC' ? '`endpoint` is `Endpoint.PUBLIC` (the default when `endpoint` is not set)' : undefined),
  },
  {
    id: 'server/vpc-endpoint-type-deprecated',
    severity: 'error',
    summary: 'The VPC_ENDPOINT endpoint type is not used.',
    reason: 'VPC_ENDPOINT is deprecated: accounts that had none before 2021-05-19 cannot create one, and the VPC type does everything it did',
    source: `${API}/API_EndpointDetails.html; ${USER_GUIDE}/create-server-in-vpc.html#deprecate-vpc-endpoint`,
    fix: 'use `Endpoint.vpc({ vpc, vpcSubnets, securityGroups })`',
    check: (s) => (s.endpoint.endpointType === 'VPC_ENDPOINT' ? '`endpoint` is `Endpoint.vpcEndpoint(...)` (type VPC_ENDPOINT)' : undefined),
  },
  {
    id: 'server/post-authentication-banner-needs-ftp',
    severity: 'error',
    summary: 'The post-authentication banner needs FTP or FTPS.',
    reason: 'Only FTP and FTPS clients are shown the post-authentication banner; SFTP does not support it',
    source: `${API}/API_CreateServer.html`,
    fix: 'remove `postAuthenticationLoginBanner`, or use `preAuthenticationLoginBanner`, which SFTP shows',
    check: (s) => (known(s.postAuthenticationLoginBanner) !== undefined && !has(s, Protocol.FTP, Protocol.FTPS)
      ? '`postAuthenticationLoginBanner` is set but `protocols` has neither FTP nor FTPS'
      : undefined),
  },
  {
    id: 'server/banner-format',
    severity: 'error',
    summary: 'Banners are at most 4096 printable ASCII characters, tabs and line breaks.',
    reason: 'The service accepts banners matching [\\x09-\\x0D\\x20-\\x7E]{0,4096}',
    source: `${API}/API_CreateServer.html`,
    fix: 'shorten the banner and replace other characters (e.g. typographic quotes, emoji) by ASCII',
    check: (s) => [
      ...bannerProblems('`preAuthenticationLoginBanner`', s.preAuthenticationLoginBanner),
      ...bannerProblems('`postAuthenticationLoginBanner`', s.postAuthenticationLoginBanner),
    ],
  },
  {
    id: 'server/directory-id-format',
    severity: 'error',
    summary: 'A directory id is `d-` and 10 hexadecimal digits.',
    reason: 'The service accepts directory ids matching d-[0-9a-f]{10}',
    source: `${API}/API_IdentityProviderDetails.html`,
    fix: 'pass the id shown by Directory Service, e.g. `d-1234567890`',
    check: (s) => {
      const id = known(s.identityProvider.directoryId);
      return id !== undefined && !/^d-[0-9a-f]{10}$/.test(id) ? `\`directoryId\` ${quote(id)} is not of the form d-0123456789` : undefined;
    },
  },
  {
    id: 'server/api-gateway-url',
    severity: 'error',
    summary: 'An API Gateway identity provider URL is an https URL of at most 255 characters.',
    reason: 'The service calls the URL over HTTPS and accepts at most 255 characters',
    source: `${API}/API_IdentityProviderDetails.html`,
    fix: 'pass the stage invoke URL, e.g. `api.urlForPath()` or `https://<id>.execute-api.<region>.amazonaws.com/<stage>`',
    check: (s) => {
      const url = known(s.identityProvider.url);
      if (url === undefined) return undefined;
      if (url.length > 255) return `\`url\` is ${url.length} characters long`;
      return HTTPS_URL.test(url) ? undefined : `\`url\` ${quote(url)} is not an https URL`;
    },
  },
  {
    id: 'server/sftp-authentication-methods',
    severity: 'error',
    summary: 'SFTP authentication methods need SFTP and an API Gateway or Lambda identity provider.',
    reason: 'The service applies SftpAuthenticationMethods only to SFTP users of a custom identity provider',
    source: `${API}/API_IdentityProviderDetails.html`,
    fix: 'remove `sftpAuthenticationMethods`, or use `IdentityProvider.apiGateway()` / `.lambda()` with `Protocol.SFTP`',
    check: (s) => {
      const top = s.sftpAuthenticationMethods;
      const own = s.identityProvider.sftpAuthenticationMethods;
      const out: string[] = [];
      if (top !== undefined && own !== undefined && top !== own) {
        out.push(`\`sftpAuthenticationMethods\` is ${top} on the server but ${own} on the identity provider`);
      }
      const value = top ?? own;
      if (value !== undefined && !s.identityProvider.isCustom) {
        out.push(`\`sftpAuthenticationMethods\` is set but \`identityProvider\` is ${s.identityProvider.identityProviderType}`);
      }
      if (value !== undefined && !has(s, Protocol.SFTP)) out.push('`sftpAuthenticationMethods` is set but `protocols` does not include SFTP');
      return out;
    },
  },
  {
    id: 'server/passive-ip-needs-ftp',
    severity: 'warning',
    summary: 'The passive IP is used by FTP and FTPS only.',
    reason: 'Passive mode is part of FTP; SFTP and AS2 ignore the setting',
    source: `${API}/API_ProtocolDetails.html`,
    fix: 'remove `passiveIp`, or add FTP or FTPS',
    check: (s) => (known(s.passiveIp) !== undefined && !has(s, Protocol.FTP, Protocol.FTPS) ? '`passiveIp` is set but `protocols` has neither FTP nor FTPS' : undefined),
  },
  {
    id: 'server/passive-ip-format',
    severity: 'error',
    summary: 'The passive IP is `AUTO` or an IPv4 address.',
    reason: 'The service takes AUTO, 0.0.0.0 (for clients behind firewalls) or a dotted IPv4 address of at most 15 characters',
    source: `${API}/API_ProtocolDetails.html`,
    fix: 'pass `AUTO`, `0.0.0.0` or an address like `203.0.113.10`',
    check: (s) => {
      const ip = known(s.passiveIp);
      if (ip === undefined || ip === 'AUTO') return undefined;
      const octets = ip.split('.');
      const ok = ip.length <= 15 && octets.length === 4 && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
      return ok ? undefined : `\`passiveIp\` ${quote(ip)} is neither AUTO nor an IPv4 address`;
    },
  },
  {
    id: 'server/tls-session-resumption-needs-ftps',
    severity: 'warning',
    summary: 'TLS session resumption applies to FTPS only.',
    reason: 'Only FTPS data connections resume TLS sessions; other protocols ignore the setting',
    source: `${API}/API_ProtocolDetails.html`,
    fix: 'remove `tlsSessionResumptionMode`, or add FTPS',
    check: (s) => (s.tlsSessionResumptionMode !== undefined && !has(s, Protocol.FTPS) ? '`tlsSessionResumptionMode` is set but `protocols` does not include FTPS' : undefined),
  },
  {
    id: 'server/host-keys-need-sftp',
    severity: 'warning',
    summary: 'Host keys are used by SFTP only.',
    reason: 'Host keys identify the server to SSH clients; FTP, FTPS and AS2 do not use them',
    source: `${API}/API_CreateServer.html; ${USER_GUIDE}/server-host-key-add.html`,
    fix: 'remove `hostKeys`, or add `Protocol.SFTP`',
    check: (s) => (s.hostKeys.length > 0 && !has(s, Protocol.SFTP) ? `${s.hostKeys.length} host key(s) given but \`protocols\` does not include SFTP` : undefined),
  },
  {
    id: 'server/host-key-plain-text',
    severity: 'warning',
    summary: 'Host keys should come from Secrets Manager, not plain text.',
    reason: 'A private key given as text is written in clear into the template and the cloud assembly',
    source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html; https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.SecretValue.html',
    fix: 'store the key in Secrets Manager and use `HostKey.fromSecretValue(SecretValue.secretsManager(...))`',
    check: (s) => resolvedBodies(s)
      .filter((b) => b.text !== undefined && !/\{\{resolve:(secretsmanager|ssm-secure):/.test(b.text))
      .map((b) => `host key ${b.index + 1} is plain text in the template`),
  },
  {
    id: 'server/host-key-ed25519-fips',
    severity: 'warning',
    summary: 'ED25519 host keys are not FIPS-compliant.',
    reason: 'FIPS security policies do not offer ED25519, so clients cannot use that host key',
    source: `${USER_GUIDE}/security-policies.html; ${USER_GUIDE}/key-management.html`,
    fix: 'use an RSA (≥ 2048 bits) or ECDSA host key with a FIPS policy, or a non-FIPS `securityPolicy`',
    check: (s) => {
      if (!s.securityPolicy.isFips) return [];
      return resolvedBodies(s)
        .filter((b) => (b.key.algorithm ?? (b.text !== undefined ? detectAlgorithm(b.text) : undefined)) === HostKeyAlgorithm.ED25519)
        .map((b) => `host key ${b.index + 1} is ED25519 and \`securityPolicy\` is ${s.securityPolicy.name}`);
    },
  },
  {
    id: 'server/security-policy-name',
    severity: 'error',
    summary: 'Server security policy names start with `TransferSecurityPolicy-` (at most 100 characters).',
    reason: 'The service accepts server policies named TransferSecurityPolicy-…; connector policies have another prefix',
    source: `${API}/API_CreateServer.html; ${CFN}/aws-resource-transfer-server.html`,
    fix: 'use a `SecurityPolicy` constant, e.g. `SecurityPolicy.TRANSFER_2025_03`',
    check: (s) => {
      const name = known(s.securityPolicy.name);
      if (name === undefined) return undefined;
      return /^TransferSecurityPolicy-.+$/.test(name) && name.length <= 100
        ? undefined
        : `\`securityPolicy\` ${quote(name)} is not a server security policy name`;
    },
  },
  {
    id: 'server/security-policy-unknown',
    severity: 'warning',
    summary: 'The security policy is one this library knows.',
    reason: 'A name the service does not publish fails at deployment; this library knows the policies published up to 2025-07',
    source: `${USER_GUIDE}/security-policies.html`,
    fix: 'check the name against the Transfer Family security policies page, or use a `SecurityPolicy` constant',
    check: (s) => {
      const name = known(s.securityPolicy.name);
      return name !== undefined && /^TransferSecurityPolicy-/.test(name) && !SecurityPolicy.knownNames().includes(name)
        ? `\`securityPolicy\` ${quote(name)} is not a known policy`
        : undefined;
    },
  },
  {
    id: 'server/security-policy-outdated',
    severity: 'warning',
    summary: 'The security policy is the newest of its family.',
    reason: 'AWS strongly recommends the latest security policy: older ones keep algorithms that newer ones dropped (TransferSecurityPolicy-2018-11 still offers SHA-1 MACs and key exchange) and lack newer ones (ML-KEM key exchanges came with 2025-03)',
    source: `${USER_GUIDE}/security-policies.html`,
    fix: 'set `securityPolicy` to the newest policy of the same family, named in the message, once your clients support its algorithms; acknowledge this warning if a client needs the older policy',
    check: (s) => {
      const policy = knownPolicy(s);
      const newest = policy?.newestOfFamily;
      return policy !== undefined && newest !== undefined && newest.name !== policy.name
        ? `\`securityPolicy\` is ${policy.name}, but the newest of its family is ${newest.name} (\`${constantOf(newest)}\`)`
        : undefined;
    },
  },
  {
    id: 'server/security-policy-not-post-quantum',
    severity: 'warning',
    summary: 'An SFTP server\'s security policy offers a post-quantum (hybrid ML-KEM) key exchange.',
    reason: `SSH sessions recorded today can be decrypted once large quantum computers exist; hybrid key exchanges that add ML-KEM to ECDH (mlkem768x25519-sha256 and others) protect against that, and only ${POST_QUANTUM_POLICIES} offer them`,
    source: `${USER_GUIDE}/post-quantum-security-policies.html`,
    fix: 'use `SecurityPolicy.TRANSFER_2025_03` (the default), or `SecurityPolicy.FIPS_2025_03` where FIPS is required; clients without ML-KEM still negotiate the classical key exchanges these policies keep',
    check: (s) => {
      if (!known(s.protocols)?.includes(Protocol.SFTP)) return undefined;
      const policy = knownPolicy(s);
      if (policy === undefined || policy.isPostQuantum) return undefined;
      const experimental = /-PQ-SSH-/.test(policy.name) ? ' (the experimental 2023-04 post-quantum policies are deprecated)' : '';
      return `\`protocols\` includes SFTP but \`securityPolicy\` ${policy.name} has no ML-KEM key exchange${experimental}`;
    },
  },
  {
    id: 'server/workflow-execution-role',
    severity: 'error',
    summary: 'A workflow attached to a server has an execution role.',
    reason: 'The server passes the execution role to the workflow it starts; CloudFormation requires it',
    source: `${API}/API_WorkflowDetail.html; ${CFN}/aws-properties-transfer-server-workflowdetail.html`,
    fix: 'attach a `Workflow` of this library, or import it with `Workflow.fromWorkflowAttributes(..., { executionRole })`',
    check: (s) => [
      s.onUpload && !s.onUpload.executionRole ? '`onUpload` workflow has no execution role' : undefined,
      s.onPartialUpload && !s.onPartialUpload.executionRole ? '`onPartialUpload` workflow has no execution role' : undefined,
    ].filter((x): x is string => x !== undefined),
  },
  {
    id: 'server/custom-hostname',
    severity: 'error',
    summary: 'A custom host name is a DNS name inside its hosted zone.',
    reason: 'The CNAME record must be created in the zone that holds the name, and DNS names are at most 253 characters of letters, digits, hyphens and dots',
    source: `${USER_GUIDE}/requirements-dns.html; https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html`,
    fix: 'use a name like `sftp.example.com` inside the zone you pass as `hostedZone`',
    check: (s) => {
      const name = known(s.customHostname?.hostname);
      if (name === undefined) return undefined;
      const bare = name.replace(/\.$/, '');
      if (bare.length > 253 || !/^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/.test(bare)) {
        return `\`customHostname.hostname\` ${quote(name)} is not a DNS name`;
      }
      const zone = known(s.customHostname?.hostedZone?.zoneName)?.replace(/\.$/, '');
      return zone !== undefined && bare !== zone && !bare.endsWith(`.${zone}`)
        ? `\`customHostname.hostname\` ${quote(name)} is not in zone ${quote(zone)}`
        : undefined;
    },
  },
  {
    id: 'server/custom-hostname-record',
    severity: 'warning',
    summary: 'A CNAME record for a custom host name is created only for public and internet-facing endpoints.',
    reason: 'An internal VPC endpoint is reached by its VPC endpoint DNS names, which the server resource does not expose',
    source: `${USER_GUIDE}/requirements-dns.html`,
    fix: 'create the record yourself towards the VPC endpoint\'s DNS name, or leave out `hostedZone`',
    check: (s) => (s.customHostname?.hostedZone && s.endpoint.endpointType === 'VPC' && !s.internetFacing
      ? '`customHostname.hostedZone` is set but the VPC endpoint is internal, so no record is created'
      : undefined),
  },
]);
