import { CfnDynamicReference, IResolvable, SecretValue, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { CfnHostKey, CfnServer } from 'aws-cdk-lib/aws-transfer';
import { IConstruct } from 'constructs';
import { HostKeyAlgorithm } from './host-key';
import { readHostKeyBody } from './host-key-body';
import { SecurityPolicy } from './security-policy';
import { tagProblems } from '../private/tags';
import { known, knownCount, quote, RuleTable } from '../validation/rules';

/** A host key of the server, as its `AWS::Transfer::HostKey` will hold it. */
export interface HostKeySubject {
  /** The key body as the template holds it, resolved: a string, or an intrinsic (`Fn::Join`, `Ref`) object. */
  readonly body: unknown;
  /** The description as the template holds it. */
  readonly description?: string;
  /** The algorithm the key was declared with (`HostKeyOptions.algorithm`), if any. */
  readonly algorithm?: HostKeyAlgorithm;
}

/** A workflow of the server's `WorkflowDetails`, as the template holds it. */
export interface WorkflowDetailSubject {
  readonly workflowId?: string;
  readonly executionRole?: string;
}

/**
 * What the server rules look at: the server as its template will hold it (read from the
 * `AWS::Transfer::Server` and `AWS::Transfer::HostKey` resources when the app is validated, after every
 * `add*()` call and any change made through the L1), with the service's defaults for what is absent.
 * Built by `serverSubject`, so the rules judge an L1 `CfnServer` as well as a `TransferServer`.
 */
export interface ServerSubject {
  /** What resolves the values. */
  readonly scope: IConstruct;
  readonly protocols: string[];
  readonly endpointType: string;
  readonly vpcId?: string;
  readonly subnetIds?: string[];
  readonly securityGroupIds?: string[];
  readonly addressAllocationIds?: string[];
  readonly vpcEndpointId?: string;
  readonly identityProviderType: string;
  readonly directoryId?: string;
  readonly url?: string;
  readonly invocationRole?: string;
  readonly function?: string;
  readonly sftpAuthenticationMethods?: string;
  /**
   * SFTP authentication methods given both on the server and on its identity provider, when they differ
   * (the server's win): input the template cannot show.
   */
  readonly sftpAuthenticationMethodsConflict?: { readonly server: string; readonly identityProvider: string };
  readonly domain: string;
  readonly certificate?: string;
  readonly securityPolicyName: string;
  readonly preAuthenticationLoginBanner?: string;
  readonly postAuthenticationLoginBanner?: string;
  readonly passiveIp?: string;
  readonly tlsSessionResumptionMode?: string;
  readonly ipAddressType?: string;
  readonly loggingRole?: string;
  readonly structuredLogDestinations?: string[];
  readonly onUpload?: WorkflowDetailSubject[];
  readonly onPartialUpload?: WorkflowDetailSubject[];
  readonly hostKeys: HostKeySubject[];
  /** The resources whose tags are judged (the server and its host keys). */
  readonly tagged: IConstruct[];
  /** The custom host name (the `transfer:customHostname` tag), if any. */
  readonly customHostname?: string;
  /** The zone name of the custom host name's hosted zone, when one is given. */
  readonly hostedZoneName?: string;
  /** Whether a hosted zone is given for the custom host name. */
  readonly hasHostedZone?: boolean;
  /** Whether a CNAME record for the custom host name is in the template. */
  readonly hostnameRecord?: boolean;
  /** Whether the custom host name's hosted zone is private (has VPCs), when the zone is in the template. */
  readonly hostedZonePrivate?: boolean;
}

/** What the template cannot show: the L2's input that has no place in the resources. */
export interface ServerSubjectExtras {
  readonly hostKeys?: ReadonlyArray<{ readonly resource: CfnHostKey; readonly algorithm?: HostKeyAlgorithm }>;
  readonly sftpAuthenticationMethodsConflict?: { readonly server: string; readonly identityProvider: string };
  readonly customHostname?: {
    readonly hostname: string;
    readonly zoneName?: string;
    readonly hasHostedZone: boolean;
    readonly record: boolean;
    /** Whether the hosted zone is private, when it is in the template. */
    readonly privateZone?: boolean;
  };
}

/** A property of an L1 as a plain value: `undefined` when it is absent or an unresolved token. */
function plain<T>(value: T | IResolvable | undefined): T | undefined {
  return value === undefined || value === null || Token.isUnresolved(value) ? undefined : value as T;
}

/** An L1 list property: kept as is when it is an array (an encoded list token included); `undefined` otherwise. */
function list(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value as string[] : undefined;
}

/**
 * A host key body as the template will hold it: a dynamic reference (what `SecretValue.secretsManager()`
 * and `.ssmSecure()` unwrap to) resolved to its `{{resolve:...}}` text, so the rules can tell them apart.
 * Plain text (`SecretValue.unsafePlainText()` unwraps to it) is kept; other tokens stay unresolved: not judged.
 */
function renderedSecret(stack: Stack, value: string | undefined): unknown {
  if (value === undefined || !Token.isUnresolved(value)) return value;
  const tokens = Tokenization.reverseString(value).tokens;
  return tokens.some((t) => t instanceof CfnDynamicReference || SecretValue.isSecretValue(t)) ? stack.resolve(value) : value;
}

/** The server as `resource` will render it, with the service's defaults for what is absent. */
export function serverSubject(resource: CfnServer, extras: ServerSubjectExtras = {}): ServerSubject {
  const stack = Stack.of(resource);
  const endpoint = plain(resource.endpointDetails);
  const idp = plain(resource.identityProviderDetails);
  const details = plain(resource.protocolDetails);
  const workflows = plain(resource.workflowDetails);
  const workflowList = (v: unknown): WorkflowDetailSubject[] | undefined => (Array.isArray(v)
    ? v.map((w) => plain(w) as CfnServer.WorkflowDetailProperty | undefined ?? {})
    : undefined);
  const tagValue = (key: string) => {
    const tags = resource.tags.renderTags() as Array<Record<string, string>> | undefined;
    const tag = Array.isArray(tags) ? tags.find((t) => (t.key ?? t.Key) === key) : undefined;
    return tag === undefined ? undefined : tag.value ?? tag.Value;
  };
  const custom = extras.customHostname;
  return {
    scope: resource,
    // CloudFormation's defaults when a property is absent (AWS::Transfer::Server).
    protocols: list(resource.protocols) ?? ['SFTP'],
    endpointType: resource.endpointType ?? 'PUBLIC',
    vpcId: endpoint?.vpcId,
    subnetIds: list(endpoint?.subnetIds),
    securityGroupIds: list(endpoint?.securityGroupIds),
    addressAllocationIds: list(endpoint?.addressAllocationIds),
    vpcEndpointId: endpoint?.vpcEndpointId,
    identityProviderType: resource.identityProviderType ?? 'SERVICE_MANAGED',
    directoryId: idp?.directoryId,
    url: idp?.url,
    invocationRole: idp?.invocationRole,
    function: idp?.function,
    sftpAuthenticationMethods: idp?.sftpAuthenticationMethods,
    sftpAuthenticationMethodsConflict: extras.sftpAuthenticationMethodsConflict,
    domain: resource.domain ?? 'S3',
    certificate: resource.certificate,
    securityPolicyName: resource.securityPolicyName ?? 'TransferSecurityPolicy-2018-11',
    preAuthenticationLoginBanner: resource.preAuthenticationLoginBanner,
    postAuthenticationLoginBanner: resource.postAuthenticationLoginBanner,
    passiveIp: details?.passiveIp,
    tlsSessionResumptionMode: details?.tlsSessionResumptionMode,
    ipAddressType: resource.ipAddressType,
    loggingRole: resource.loggingRole,
    structuredLogDestinations: list(resource.structuredLogDestinations),
    onUpload: workflowList(plain(workflows?.onUpload)),
    onPartialUpload: workflowList(plain(workflows?.onPartialUpload)),
    hostKeys: (extras.hostKeys ?? []).map(({ resource: key, algorithm }) => ({
      body: renderedSecret(stack, key.hostKeyBody),
      description: key.description,
      algorithm,
    })),
    tagged: [resource, ...(extras.hostKeys ?? []).map((k) => k.resource)],
    customHostname: custom?.hostname ?? tagValue('transfer:customHostname'),
    hostedZoneName: custom?.zoneName,
    hasHostedZone: custom?.hasHostedZone,
    hostnameRecord: custom?.record,
    hostedZonePrivate: custom?.privateZone,
  };
}

/** Whether the protocols include any of `p`; `undefined` when the list cannot be read at synth. */
function has(s: ServerSubject, ...p: string[]): boolean | undefined {
  const protocols = known(s.protocols);
  return protocols === undefined ? undefined : protocols.some((x) => p.includes(x));
}
const isVpc = (s: ServerSubject) => s.endpointType === 'VPC';
/** The number of Elastic IPs the endpoint has: 0 when none, `undefined` for a list unknown at synth. */
const elasticIps = (s: ServerSubject) => (s.addressAllocationIds === undefined ? 0 : knownCount(s.addressAllocationIds));
const CUSTOM_PROVIDERS = 'IdentityProvider.directory(), .apiGateway() or .lambda()';
const BANNER = /^[\x09-\x0D\x20-\x7E]*$/;
const DYNAMIC_REFERENCE = '{{resolve:';
const SSM_SECURE = '{{resolve:ssm-secure:';

function bannerProblems(prop: string, value: string | undefined): string[] {
  const v = known(value);
  if (v === undefined) return [];
  const out: string[] = [];
  if (v.length > 4096) out.push(`${prop} is ${v.length} characters long (at most 4096)`);
  const bad = [...v].find((c) => !BANNER.test(c));
  if (bad !== undefined) out.push(`${prop} contains ${JSON.stringify(bad)} (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}), which is not printable ASCII, tab or line break`);
  return out;
}

/**
 * The host keys whose body the template holds as text: neither a token nor a dynamic reference
 * (`{{resolve:...}}`, which CloudFormation replaces at deployment). Those are read and judged.
 */
function textBodies(s: ServerSubject): Array<{ index: number; key: HostKeySubject; text: string }> {
  return s.hostKeys.flatMap((key, index) => (typeof key.body === 'string' && !Token.isUnresolved(key.body) && !key.body.includes(DYNAMIC_REFERENCE)
    ? [{ index, key, text: key.body }]
    : []));
}

/** The algorithm of a host key: read from its body when the template holds it as text, else as declared. */
function algorithmOf(key: HostKeySubject): HostKeyAlgorithm | undefined {
  const text = typeof key.body === 'string' && !Token.isUnresolved(key.body) && !key.body.includes(DYNAMIC_REFERENCE) ? key.body : undefined;
  return (text !== undefined ? readHostKeyBody(text).algorithm : undefined) ?? key.algorithm;
}

/** What is wrong with an ARN the template holds, against the service's pattern and lengths; nothing when unknown. */
function arnProblem(prop: string, value: string | undefined, pattern: RegExp, min: number, max: number, what: string): string | undefined {
  const v = known(value);
  if (v === undefined) return undefined;
  if (v.length < min || v.length > max) return `${prop} ${quote(v)} is ${v.length} characters long (${min} to ${max})`;
  return pattern.test(v) ? undefined : `${prop} ${quote(v)} is not ${what}`;
}

const HTTPS_URL = /^https:\/\/[^\s]+$/;
const ROLE_ARN = /^arn:.*role\/\S+$/;

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
  const name = known(s.securityPolicyName);
  return name !== undefined && SecurityPolicy.knownNames().includes(name) ? SecurityPolicy.of(name) : undefined;
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
      if (dup.length > 0) return `\`protocols\` lists ${[...new Set(dup)].join(', ')} more than once`;
      return p.length > 4 ? `\`protocols\` lists ${p.length} protocols` : undefined;
    },
  },
  {
    id: 'server/ftps-needs-certificate',
    severity: 'error',
    summary: 'FTPS needs a certificate.',
    reason: 'The service requires an ACM certificate when the protocols include FTPS',
    source: `${API}/API_CreateServer.html`,
    fix: 'pass `certificate` (an `acm.ICertificate`), or drop `Protocol.FTPS`',
    check: (s) => (has(s, 'FTPS') === true && s.certificate === undefined ? '`protocols` includes FTPS but no `certificate` is given' : undefined),
  },
  {
    id: 'server/certificate-needs-ftps',
    severity: 'warning',
    summary: 'A certificate is set only with FTPS.',
    reason: 'The server presents its certificate to FTPS clients only; SFTP, FTP and AS2 ignore it',
    source: `${API}/API_CreateServer.html`,
    fix: 'remove `certificate`, or add `Protocol.FTPS`',
    check: (s) => (s.certificate !== undefined && has(s, 'FTPS') === false ? '`certificate` is set but `protocols` does not include FTPS' : undefined),
  },
  {
    id: 'server/ftp-needs-vpc',
    severity: 'error',
    summary: 'FTP and FTPS need a VPC endpoint.',
    reason: 'The service offers FTP and FTPS only on VPC endpoints, never on public ones',
    source: `${API}/API_CreateServer.html`,
    fix: 'use `endpoint: Endpoint.vpc({ vpc })`',
    check: (s) => (has(s, 'FTP', 'FTPS') === true && known(s.endpointType) !== undefined && !isVpc(s)
      ? `\`protocols\` includes ${s.protocols.filter((p) => p === 'FTP' || p === 'FTPS').join(' and ')} but \`endpoint\` is ${s.endpointType}`
      : undefined),
  },
  {
    id: 'server/ftp-needs-custom-identity-provider',
    severity: 'error',
    summary: 'FTP and FTPS need a directory, API Gateway or Lambda identity provider.',
    reason: 'Service-managed users authenticate with SSH keys only, which FTP and FTPS cannot use',
    source: `${API}/API_CreateServer.html`,
    fix: `pass \`identityProvider\`: ${CUSTOM_PROVIDERS}`,
    check: (s) => (has(s, 'FTP', 'FTPS') === true && s.identityProviderType === 'SERVICE_MANAGED'
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
    check: (s) => (has(s, 'AS2') === true && known(s.endpointType) !== undefined && !isVpc(s) ? `\`protocols\` includes AS2 but \`endpoint\` is ${s.endpointType}` : undefined),
  },
  {
    id: 'server/as2-needs-s3',
    severity: 'error',
    summary: 'AS2 needs the S3 domain.',
    reason: 'AS2 messages are stored in Amazon S3 only',
    source: `${API}/API_CreateServer.html`,
    fix: 'use `domain: Domain.S3` (the default), or a separate EFS server for the other protocols',
    check: (s) => {
      const domain = known(s.domain);
      return has(s, 'AS2') === true && domain !== undefined && domain !== 'S3' ? `\`protocols\` includes AS2 but \`domain\` is ${domain}` : undefined;
    },
  },
  {
    id: 'server/ftp-no-elastic-ips',
    severity: 'error',
    summary: 'An FTP server has no Elastic IPs (no internet-facing endpoint).',
    reason: 'The service refuses address allocation ids when the protocols include plain FTP, so FTP is never exposed to the internet',
    source: `${API}/API_CreateServer.html; ${API}/API_EndpointDetails.html`,
    fix: 'drop `internetFacing` and `addressAllocationIds` from `Endpoint.vpc()`, or use FTPS instead of FTP',
    check: (s) => {
      const eips = elasticIps(s);
      return has(s, 'FTP') === true && eips !== undefined && eips > 0
        ? `\`protocols\` includes FTP but the VPC endpoint has ${eips} Elastic IP(s) (\`internetFacing\` or \`addressAllocationIds\`)`
        : undefined;
    },
  },
  {
    id: 'server/ftp-plaintext',
    severity: 'warning',
    summary: 'A server does not accept plain FTP, which is unencrypted.',
    reason: 'FTP sends user names, passwords and file contents in clear text, readable by anyone on the network path; SFTP and FTPS encrypt them',
    source: `${USER_GUIDE}/tf-server-endpoint.html`,
    fix: 'replace `Protocol.FTP` in `protocols` by `Protocol.SFTP`, or by `Protocol.FTPS` with a `certificate`; acknowledge this warning if legacy clients can speak nothing else',
    check: (s) => (has(s, 'FTP') === true ? '`protocols` includes FTP' : undefined),
  },
  {
    id: 'server/elastic-ips-per-subnet',
    severity: 'error',
    summary: 'An internet-facing VPC endpoint has exactly one Elastic IP per subnet.',
    reason: 'The service pairs address allocation ids with subnet ids one to one',
    source: `${API}/API_EndpointDetails.html`,
    fix: 'give one allocation id per selected subnet in `addressAllocationIds`, or leave it out to have one Elastic IP created per subnet',
    check: (s) => {
      if (s.addressAllocationIds === undefined) return undefined;
      const ids = knownCount(s.addressAllocationIds);
      const subnets = knownCount(s.subnetIds ?? []);
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
      const dup = [...new Set(ids.filter((x, i) => ids.indexOf(x) !== i))];
      return dup.length > 0 ? `\`addressAllocationIds\` lists ${dup.map((d) => quote(d)).join(', ')} more than once` : undefined;
    },
  },
  {
    id: 'server/elastic-ips-at-most-three',
    severity: 'error',
    summary: 'An internet-facing VPC endpoint has at most three Elastic IPs, so at most three subnets.',
    reason: 'The service associates up to three Elastic IPv4 addresses with a VPC endpoint, one per subnet',
    source: `${API}/API_EndpointDetails.html; ${USER_GUIDE}/create-server-in-vpc.html`,
    fix: 'select at most three subnets with `vpcSubnets` (e.g. `{ subnetType: ec2.SubnetType.PUBLIC, availabilityZones: [...] }`) and give at most three `addressAllocationIds`; without `vpcSubnets`, the first three public subnets are used',
    check: (s) => {
      const eips = elasticIps(s);
      return eips !== undefined && eips > 3 ? `the internet-facing VPC endpoint has ${eips} Elastic IPs (\`addressAllocationIds\`, or one created per subnet of \`vpcSubnets\`)` : undefined;
    },
  },
  {
    id: 'server/elastic-ips-not-dualstack',
    severity: 'error',
    summary: 'An endpoint with Elastic IPs has the IPV4 IP address type, not DUALSTACK.',
    reason: 'The service accepts address allocation ids only for IPv4 endpoints',
    source: `${API}/API_EndpointDetails.html`,
    fix: 'use `ipAddressType: IpAddressType.IPV4`, or an endpoint that is not internet-facing',
    check: (s) => {
      const eips = elasticIps(s);
      return eips !== undefined && eips > 0 && known(s.ipAddressType) === 'DUALSTACK'
        ? `\`ipAddressType\` is DUALSTACK on an internet-facing VPC endpoint (${eips} Elastic IP(s))`
        : undefined;
    },
  },
  {
    id: 'server/vpc-subnets',
    severity: 'error',
    summary: 'A VPC endpoint needs at least one subnet.',
    reason: 'The endpoint places a network interface in each selected subnet',
    source: `${API}/API_EndpointDetails.html; ${USER_GUIDE}/create-server-in-vpc.html`,
    fix: 'select subnets that exist with `vpcSubnets`',
    check: (s) => (isVpc(s) && knownCount(s.subnetIds ?? []) === 0 ? '`vpcSubnets` selects no subnet of the VPC' : undefined),
  },
  {
    id: 'server/public-endpoint',
    severity: 'warning',
    summary: 'A server\'s endpoint is a VPC endpoint, whose security groups can limit the clients, rather than a public one.',
    reason: 'A PUBLIC endpoint has no security group, so access cannot be limited by source IP address; an internet-facing VPC endpoint admits only the clients whose addresses its security groups allow',
    source: `${USER_GUIDE}/create-server-in-vpc.html`,
    fix: 'use `endpoint: Endpoint.vpc({ vpc, internetFacing: true })` and open its security group to your partners\' addresses only, e.g. `server.connections.allowFrom(ec2.Peer.ipv4(\'203.0.113.0/24\'), ec2.Port.tcp(22))`; acknowledge this warning if the server must accept any address',
    check: (s) => (known(s.endpointType) === 'PUBLIC' ? '`endpoint` is `Endpoint.PUBLIC` (the default when `endpoint` is not set)' : undefined),
  },
  {
    id: 'server/vpc-endpoint-type-deprecated',
    severity: 'error',
    summary: 'The VPC_ENDPOINT endpoint type is not used.',
    reason: 'VPC_ENDPOINT is deprecated: accounts that had none before 2021-05-19 cannot create one, and the VPC type does everything it did',
    source: `${API}/API_EndpointDetails.html; ${USER_GUIDE}/create-server-in-vpc.html#deprecate-vpc-endpoint`,
    fix: 'use `Endpoint.vpc({ vpc, vpcSubnets, securityGroups })`',
    check: (s) => (s.endpointType === 'VPC_ENDPOINT' ? '`endpoint` is `Endpoint.vpcEndpoint(...)` (type VPC_ENDPOINT)' : undefined),
  },
  {
    id: 'server/vpc-endpoint-id-format',
    severity: 'error',
    summary: 'A VPC endpoint id is `vpce-` and 17 hexadecimal digits.',
    reason: 'The service accepts VPC endpoint ids matching vpce-[0-9a-f]{17}',
    source: `${API}/API_EndpointDetails.html`,
    fix: 'pass the id of the interface VPC endpoint as the VPC console shows it, e.g. `vpce-0123456789abcdef0`',
    check: (s) => {
      const id = known(s.vpcEndpointId);
      return id !== undefined && !/^vpce-[0-9a-f]{17}$/.test(id) ? `\`vpcEndpointId\` ${quote(id)} is not of the form vpce-0123456789abcdef0` : undefined;
    },
  },
  {
    id: 'server/security-group-id-format',
    severity: 'error',
    summary: 'The endpoint\'s security group ids are `sg-` and 8 to 17 hexadecimal digits.',
    reason: 'The service accepts security group ids matching sg-[0-9a-f]{8,17}',
    source: `${API}/API_EndpointDetails.html`,
    fix: 'pass security groups of the endpoint\'s VPC (`ec2.SecurityGroup`, or `ec2.SecurityGroup.fromSecurityGroupId()` with the id the VPC console shows)',
    check: (s) => (knownCount(s.securityGroupIds) === undefined ? [] : s.securityGroupIds!).flatMap((id, i) => {
      const v = known(id);
      return v !== undefined && !/^sg-[0-9a-f]{8,17}$/.test(v) ? [`\`securityGroups[${i}]\` has the id ${quote(v)}, not of the form sg-0123456789abcdef0`] : [];
    }),
  },
  {
    id: 'server/post-authentication-banner-needs-ftp',
    severity: 'error',
    summary: 'The post-authentication banner needs FTP or FTPS.',
    reason: 'Only FTP and FTPS clients are shown the post-authentication banner; SFTP does not support it',
    source: `${API}/API_CreateServer.html`,
    fix: 'remove `postAuthenticationLoginBanner`, or use `preAuthenticationLoginBanner`, which SFTP shows',
    check: (s) => (known(s.postAuthenticationLoginBanner) !== undefined && has(s, 'FTP', 'FTPS') === false
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
      const id = known(s.directoryId);
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
      const url = known(s.url);
      if (url === undefined) return undefined;
      if (url.length > 255) return `\`url\` is ${url.length} characters long`;
      return HTTPS_URL.test(url) ? undefined : `\`url\` ${quote(url)} is not an https URL`;
    },
  },
  {
    id: 'server/arn-format',
    severity: 'error',
    summary: 'The ARNs a server references are of the form and length the service accepts.',
    reason: 'The service accepts a certificate ARN of at most 1600 characters, a Lambda function ARN (arn:<partition>:lambda:…) of at most 170, role ARNs (arn:…role/<name>) of 20 to 2048, and one log group ARN (arn:…) of 20 to 1600',
    source: `${API}/API_CreateServer.html; ${API}/API_IdentityProviderDetails.html; ${API}/API_WorkflowDetail.html`,
    fix: 'pass constructs of this account (`acm.Certificate`, `lambda.Function`, `iam.Role`, `logs.LogGroup`), or import them from the ARNs their consoles show',
    check: (s) => {
      const roles = [
        ['`identityProvider` invocation role', s.invocationRole] as const,
        ...(s.onUpload ?? []).map((w, i) => [`the execution role of \`onUpload\` workflow ${i + 1}`, w.executionRole || undefined] as const),
        ...(s.onPartialUpload ?? []).map((w, i) => [`the execution role of \`onPartialUpload\` workflow ${i + 1}`, w.executionRole || undefined] as const),
      ];
      const logs = knownCount(s.structuredLogDestinations) === undefined ? [] : s.structuredLogDestinations!;
      return [
        arnProblem('`certificate`', s.certificate, /^arn:\S+$/, 1, 1600, 'an ARN'),
        arnProblem('the `identityProvider` function', s.function, /^arn:[a-z-]+:lambda:.*$/, 1, 170, 'a Lambda function ARN'),
        ...roles.map(([name, arn]) => arnProblem(name, arn, ROLE_ARN, 20, 2048, 'a role ARN')),
        known(s.loggingRole) === '' ? undefined : arnProblem('`loggingRole`', s.loggingRole, ROLE_ARN, 20, 2048, 'a role ARN'),
        logs.length > 1 ? `the server has ${logs.length} structured log destinations (at most 1)` : undefined,
        ...logs.map((arn) => arnProblem('the `logGroup` ARN', arn, /^arn:\S+$/, 20, 1600, 'an ARN')),
      ].filter((x): x is string => x !== undefined);
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
      const out: string[] = [];
      const conflict = s.sftpAuthenticationMethodsConflict;
      if (conflict) out.push(`\`sftpAuthenticationMethods\` is ${conflict.server} on the server but ${conflict.identityProvider} on the identity provider`);
      const value = known(s.sftpAuthenticationMethods);
      if (value !== undefined && s.identityProviderType !== 'API_GATEWAY' && s.identityProviderType !== 'AWS_LAMBDA') {
        out.push(`\`sftpAuthenticationMethods\` is set but \`identityProvider\` is ${s.identityProviderType}`);
      }
      if (value !== undefined && has(s, 'SFTP') === false) out.push('`sftpAuthenticationMethods` is set but `protocols` does not include SFTP');
      return out;
    },
  },
  {
    id: 'server/passive-ip-needs-ftp',
    severity: 'warning',
    summary: 'The passive IP is set only with FTP or FTPS.',
    reason: 'Passive mode is part of FTP; SFTP and AS2 ignore the setting',
    source: `${API}/API_ProtocolDetails.html`,
    fix: 'remove `passiveIp`, or add FTP or FTPS',
    check: (s) => (known(s.passiveIp) !== undefined && has(s, 'FTP', 'FTPS') === false ? '`passiveIp` is set but `protocols` has neither FTP nor FTPS' : undefined),
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
    summary: 'TLS session resumption is set only with FTPS.',
    reason: 'Only FTPS data connections resume TLS sessions; other protocols ignore the setting',
    source: `${API}/API_ProtocolDetails.html`,
    fix: 'remove `tlsSessionResumptionMode`, or add FTPS',
    check: (s) => (known(s.tlsSessionResumptionMode) !== undefined && has(s, 'FTPS') === false ? '`tlsSessionResumptionMode` is set but `protocols` does not include FTPS' : undefined),
  },
  {
    id: 'server/host-keys-need-sftp',
    severity: 'warning',
    summary: 'Host keys are given only with SFTP.',
    reason: 'Host keys identify the server to SSH clients; FTP, FTPS and AS2 do not use them',
    source: `${API}/API_CreateServer.html; ${USER_GUIDE}/server-host-key-add.html`,
    fix: 'remove `hostKeys`, or add `Protocol.SFTP`',
    check: (s) => (s.hostKeys.length > 0 && has(s, 'SFTP') === false ? `${s.hostKeys.length} host key(s) given but \`protocols\` does not include SFTP` : undefined),
  },
  {
    id: 'server/host-key-ssm-secure',
    severity: 'error',
    summary: 'A host key does not come from an SSM SecureString parameter.',
    reason: 'CloudFormation resolves ssm-secure dynamic references only in the resource properties its documentation lists, and AWS::Transfer::HostKey is not one of them, so the deployment fails',
    source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html; https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html',
    fix: 'store the key in Secrets Manager and use `HostKey.fromSecretValue(SecretValue.secretsManager(\'<secret>\'))`',
    check: (s) => s.hostKeys
      .map((key, i) => (JSON.stringify(key.body ?? '').includes(SSM_SECURE) ? `\`hostKeys[${i}]\` is \`SecretValue.ssmSecure(...)\` (an ssm-secure dynamic reference)` : undefined))
      .filter((x): x is string => x !== undefined),
  },
  {
    id: 'server/host-key-body',
    severity: 'error',
    summary: 'A host key given as text is an unencrypted RSA (2048 bits or more), ECDSA or ED25519 private key, in OpenSSH or PEM form, of at most 4096 characters.',
    reason: 'The service imports the private key of an RSA, ECDSA (nistp256, nistp384, nistp521) or ED25519 key pair, at most 4096 characters, and has no field for a passphrase; RSA keys shorter than 2048 bits are too weak to be accepted',
    source: `${API}/API_ImportHostKey.html; ${USER_GUIDE}/key-management.html; ${CFN}/aws-resource-transfer-hostkey.html`,
    fix: 'pass the private key file, e.g. one made with `ssh-keygen -t ecdsa -b 256 -N "" -m PEM -f host-key` (or `-t rsa -b 4096`, `-t ed25519`), and set `algorithm` to its algorithm or leave it out',
    check: (s) => textBodies(s).flatMap(({ index, key, text }) => {
      const info = readHostKeyBody(text);
      const out: string[] = [];
      if (info.problem !== undefined) out.push(`\`hostKeys[${index}]\` ${info.problem}`);
      if (info.algorithm !== undefined && key.algorithm !== undefined && info.algorithm !== key.algorithm) {
        out.push(`\`hostKeys[${index}]\` is an ${info.algorithm} key but its \`algorithm\` says ${key.algorithm}`);
      }
      return out;
    }),
  },
  {
    id: 'server/host-key-description',
    severity: 'error',
    summary: 'A host key description is at most 200 printable ASCII characters.',
    reason: 'The service accepts host key descriptions of at most 200 printable characters ([\\p{Print}]{0,200}), which excludes tabs and line breaks',
    source: `${API}/API_ImportHostKey.html; ${CFN}/aws-resource-transfer-hostkey.html`,
    fix: 'shorten the `description` of the host key, on one line, in ASCII',
    check: (s) => s.hostKeys.flatMap((key, i) => {
      const d = known(key.description);
      if (d === undefined) return [];
      if (d.length > 200) return [`the \`description\` of \`hostKeys[${i}]\` is ${d.length} characters long`];
      const bad = [...d].find((c) => !/^[\x20-\x7E]$/.test(c));
      return bad !== undefined ? [`the \`description\` of \`hostKeys[${i}]\` contains ${JSON.stringify(bad)}, which is not printable ASCII`] : [];
    }),
  },
  {
    id: 'server/host-key-plain-text',
    severity: 'warning',
    summary: 'Host keys come from Secrets Manager, not plain text.',
    reason: 'A private key given as text is written in clear into the template and the cloud assembly',
    source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html; https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.SecretValue.html',
    fix: 'store the key in Secrets Manager and use `HostKey.fromSecretValue(SecretValue.secretsManager(...))`',
    check: (s) => textBodies(s).map((b) => `\`hostKeys[${b.index}]\` is plain text in the template`),
  },
  {
    id: 'server/host-key-ed25519-fips',
    severity: 'warning',
    summary: 'A server with a FIPS security policy has no ED25519 host key.',
    reason: 'FIPS security policies do not offer ED25519, so clients cannot use that host key',
    source: `${USER_GUIDE}/security-policies.html; ${USER_GUIDE}/key-management.html`,
    fix: 'use an RSA (≥ 2048 bits) or ECDSA host key with a FIPS policy, or a non-FIPS `securityPolicy`',
    check: (s) => {
      const name = known(s.securityPolicyName);
      if (name === undefined || !SecurityPolicy.of(name).isFips) return [];
      return s.hostKeys
        .map((key, i) => (algorithmOf(key) === HostKeyAlgorithm.ED25519 ? `\`hostKeys[${i}]\` is ED25519 and \`securityPolicy\` is ${name}` : undefined))
        .filter((x): x is string => x !== undefined);
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
      const name = known(s.securityPolicyName);
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
      const name = known(s.securityPolicyName);
      return name !== undefined && /^TransferSecurityPolicy-.+$/.test(name) && name.length <= 100 && !SecurityPolicy.knownNames().includes(name)
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
      if (has(s, 'SFTP') !== true) return undefined;
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
      ...(s.onUpload ?? []).filter((w) => !w.executionRole).map(() => '`onUpload` workflow has no execution role'),
      ...(s.onPartialUpload ?? []).filter((w) => !w.executionRole).map(() => '`onPartialUpload` workflow has no execution role'),
    ],
  },
  {
    id: 'server/workflow-id-format',
    severity: 'error',
    summary: 'A workflow id is `w-` and 17 lowercase letters or digits.',
    reason: 'The service accepts workflow ids matching w-[a-z0-9]{17}',
    source: `${API}/API_WorkflowDetail.html; ${CFN}/aws-properties-transfer-server-workflowdetail.html`,
    fix: 'attach a `Workflow` of this library, or import one with the id the Transfer Family console shows, e.g. `w-0123456789abcdef0`',
    check: (s) => [
      ...(s.onUpload ?? []).map((w) => ['onUpload', w] as const),
      ...(s.onPartialUpload ?? []).map((w) => ['onPartialUpload', w] as const),
    ].flatMap(([prop, w]) => {
      const id = known(w.workflowId);
      return id !== undefined && !/^w-[a-z0-9]{17}$/.test(id) ? [`the \`${prop}\` workflow id ${quote(id)} is not of the form w-0123456789abcdef0`] : [];
    }),
  },
  {
    id: 'server/tags',
    severity: 'error',
    summary: 'A server and its host keys have at most 50 tags; keys are 1 to 128 characters and values up to 256, of letters, digits, spaces and `_ . : / = + - @`; keys do not start with `aws:`.',
    reason: 'Transfer Family refuses other tags, and AWS reserves the aws: prefix',
    source: `${API}/API_Tag.html; ${API}/API_CreateServer.html; https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html`,
    fix: 'remove or rename the tags reported (`Tags.of(scope).add()` on the server or any scope above it)',
    // The tags of the server usually reach its host keys too: each finding once.
    check: (s) => [...new Set(s.tagged.flatMap((resource) => tagProblems(resource)))],
  },
  {
    id: 'server/custom-hostname',
    severity: 'error',
    summary: 'A custom host name is a DNS name inside its hosted zone.',
    reason: 'The CNAME record must be created in the zone that holds the name, and DNS names are at most 253 characters of letters, digits, hyphens and dots',
    source: `${USER_GUIDE}/requirements-dns.html; https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html`,
    fix: 'use a name like `sftp.example.com` inside the zone you pass as `hostedZone`',
    check: (s) => {
      const name = known(s.customHostname);
      if (name === undefined) return undefined;
      const bare = name.replace(/\.$/, '');
      if (bare.length > 253 || !/^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/.test(bare)) {
        return `\`customHostname.hostname\` ${quote(name)} is not a DNS name`;
      }
      const zone = known(s.hostedZoneName)?.replace(/\.$/, '');
      return zone !== undefined && bare !== zone && !bare.endsWith(`.${zone}`)
        ? `\`customHostname.hostname\` ${quote(name)} is not in zone ${quote(zone)}`
        : undefined;
    },
  },
  {
    id: 'server/custom-hostname-record',
    severity: 'warning',
    summary: 'The custom host name of an internal VPC endpoint is recorded in a private hosted zone.',
    reason: 'The record of an internal endpoint points at its VPC endpoint\'s DNS name, whose private addresses are reachable only from '
      + 'the VPC and the networks connected to it: a public zone publishes them to the internet, where nobody can connect, while a private '
      + 'zone answers only the VPCs associated with it',
    source: `${USER_GUIDE}/requirements-dns.html; https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zones-private.html`,
    fix: 'use a `route53.PrivateHostedZone` associated with the VPCs of the clients as `customHostname.hostedZone`, or leave out `hostedZone`',
    check: (s) => {
      if (!s.hasHostedZone || s.endpointType !== 'VPC' || s.hostedZonePrivate !== false) return undefined;
      const ids = s.addressAllocationIds;
      if (ids === undefined ? false : Token.isUnresolved(ids) || ids.length > 0) return undefined;
      return '`customHostname.hostedZone` is a public hosted zone, but the VPC endpoint is internal (no Elastic IPs): its record would '
        + 'publish private addresses';
    },
  },
]);
