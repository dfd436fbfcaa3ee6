import { ArnFormat, Duration, Resource, Stack, Tags, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { CfnHostKey, CfnServer } from 'aws-cdk-lib/aws-transfer';
import { aws_transfer as transferRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { Endpoint } from './endpoint';
import { HostKey, HostKeyAlgorithm } from './host-key';
import { IdentityProvider } from './identity-provider';
import { Domain, IpAddressType, Protocol, SetStatOption, SftpAuthenticationMethods, TlsSessionResumptionMode } from './protocol';
import { SecurityPolicy } from './security-policy';
import { ITransferServer, ITransferUser, TransferUserOptions } from './server-ref';
import { SERVER_RULES, serverSubject, ServerSubject, ServerSubjectExtras } from './server-rules';
import { VpcEndpointLookup } from './vpc-endpoint-lookup';
import { TransferAccess, TransferAccessOptions } from '../access/access';
import { addAccessTo } from '../access/add-access';
import { As2Agreement, As2AgreementOptions } from '../as2/agreement';
import { FileLocation } from '../location/file-location';
import { invalid, optionalArray, optionalBoolean, optionalEnum, optionalString, requireId, requireMembers, requireObject, requireString } from '../private/input';
import { acknowledgeWildcardResource } from '../private/nag';
import { transferArnPattern, transferServicePrincipalFor } from '../private/transfer-principal';
import { TransferUser } from '../user/user';
import { checkHomeLocation } from '../user/user-rules';
import { IWorkflow, Workflow } from '../workflow/workflow';

/** Properties of a `TransferServer`. */
export interface TransferServerProps {
  /**
   * The protocols the server accepts (1 to 4, no duplicates).
   *
   * @default [Protocol.SFTP]
   */
  readonly protocols?: Protocol[];
  /**
   * Where the endpoint is reachable.
   *
   * @default Endpoint.PUBLIC
   */
  readonly endpoint?: Endpoint;
  /**
   * Who authenticates users.
   *
   * The service can change a server's identity provider type in place
   * (https://docs.aws.amazon.com/transfer/latest/userguide/configuring-servers-edit-custom-idp.html), but
   * CloudFormation does not: `IdentityProviderType` is a create-only property of `AWS::Transfer::Server`
   * ("Update requires: Replacement",
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-transfer-server.html#cfn-transfer-server-identityprovidertype).
   * Changing this prop to a provider of another type (e.g. from `serviceManaged()` to `lambda(fn)`) therefore
   * REPLACES the server: a new server id and endpoint (clients must be pointed at it), its service-generated
   * host key goes (clients see a new host key unless `hostKeys` are given), and its service-managed users and
   * their SSH keys are deleted with it (a `TransferUser` of this app is created again on the new server).
   * Changing the provider's details within the same type (another function, URL, directory, or
   * `sftpAuthenticationMethods`) updates the server in place (`IdentityProviderDetails`: "Update requires: No
   * interruption").
   *
   * @default IdentityProvider.serviceManaged()
   */
  readonly identityProvider?: IdentityProvider;
  /**
   * The storage the server reads and writes. Cannot change after creation.
   *
   * @default Domain.S3
   */
  readonly domain?: Domain;
  /**
   * The TLS certificate presented to FTPS clients. Required with FTPS.
   *
   * @default - none
   */
  readonly certificate?: acm.ICertificate;
  /**
   * The security policy (ciphers, key exchanges, MACs).
   *
   * @default SecurityPolicy.TRANSFER_2025_03 (CloudFormation's own default is the 2018 policy)
   */
  readonly securityPolicy?: SecurityPolicy;
  /**
   * SFTP host keys. Keep them stable; add a key before removing the old one to rotate.
   *
   * @default - the service generates a host key
   */
  readonly hostKeys?: HostKey[];
  /**
   * A banner shown before users authenticate (≤ 4096 printable ASCII characters, tabs and line breaks).
   *
   * @default - none
   */
  readonly preAuthenticationLoginBanner?: string;
  /**
   * A banner shown after users authenticate. FTP and FTPS only: SFTP does not show it.
   *
   * @default - none
   */
  readonly postAuthenticationLoginBanner?: string;
  /**
   * The IP address FTP/FTPS clients are told to use for passive connections (e.g. a load balancer's),
   * `AUTO`, or `0.0.0.0` for clients behind a firewall that rewrite it. FTP and FTPS only.
   *
   * @default - the service default, AUTO
   */
  readonly passiveIp?: string;
  /**
   * TLS session resumption for FTPS data connections. FTPS only.
   *
   * @default - the service default, ENFORCED
   */
  readonly tlsSessionResumptionMode?: TlsSessionResumptionMode;
  /**
   * How SETSTAT requests are answered.
   *
   * @default - the service default, DEFAULT
   */
  readonly setStatOption?: SetStatOption;
  /**
   * How SFTP users authenticate against an API Gateway or Lambda identity provider. SFTP only.
   * May also be given on the identity provider.
   *
   * @default - the service default, PUBLIC_KEY_OR_PASSWORD
   */
  readonly sftpAuthenticationMethods?: SftpAuthenticationMethods;
  /**
   * IP versions of the endpoint.
   *
   * @default - the service default, IPV4
   */
  readonly ipAddressType?: IpAddressType;
  /**
   * Optimize directory listings of S3 (mappings that point at a file must then say so).
   *
   * @default - the service default (disabled)
   */
  readonly directoryListingOptimization?: boolean;
  /**
   * The log group that receives the server's structured (JSON) logs.
   *
   * @default - a log group is created, with a retention of one year
   */
  readonly logGroup?: logs.ILogGroup;
  /**
   * The role the service uses to write logs to CloudWatch (server activity and workflow executions).
   *
   * @default - a role is created, allowed to write only to this server's `/aws/transfer/<server-id>` log group,
   * trusted by Transfer Family only for this account, on behalf of its servers and of the workflows this
   * server runs (`onUpload`, `onPartialUpload`)
   */
  readonly loggingRole?: iam.IRole;
  /**
   * A workflow that runs on every complete upload.
   *
   * @default - none
   */
  readonly onUpload?: IWorkflow;
  /**
   * A workflow that runs when an upload is interrupted (partial file).
   *
   * @default - none
   */
  readonly onPartialUpload?: IWorkflow;
  /**
   * A custom host name for the server: the service shows it in the console and, with a hosted
   * zone, a CNAME record points it at the server's endpoint.
   *
   * @default - none
   */
  readonly customHostname?: CustomHostname;
}

/** A custom host name of a server. */
export interface CustomHostname {
  /** The fully qualified host name, e.g. `sftp.example.com`. */
  readonly hostname: string;
  /**
   * The Route 53 zone of the host name: a CNAME record to the server's endpoint is created in it, and the
   * service is told the zone. The record points at the server's DNS name for public and internet-facing VPC
   * endpoints, and at the VPC endpoint's DNS name (`vpcEndpointDnsName`, read at deploy time) for internal
   * VPC endpoints: give those a private hosted zone associated with the VPCs their clients are in.
   *
   * @default - no record; the host name is only recorded on the server
   */
  readonly hostedZone?: route53.IHostedZone;
}

/** Attributes of an existing server, for `TransferServer.fromServerAttributes`. */
export interface TransferServerAttributes {
  /** The server id. */
  readonly serverId: string;
  /**
   * The server's identity provider type.
   *
   * @default - unknown
   */
  readonly identityProviderType?: string;
  /**
   * The server's storage domain.
   *
   * @default - unknown
   */
  readonly domain?: Domain;
  /**
   * Security groups of a VPC endpoint.
   *
   * @default - none
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/** What owned and imported servers have in common. */
export abstract class TransferServerBase extends Resource implements ITransferServer {
  public abstract readonly serverId: string;
  public abstract readonly serverArn: string;
  public abstract readonly connections: ec2.Connections;
  public abstract readonly identityProviderType?: string;
  public abstract readonly domain?: Domain;
  private readonly homes: FileLocation[] = [];
  private readonly homeKeys = new Set<string>();

  /** A reference to this server, as aws-cdk-lib's constructs take it. */
  public get serverRef(): transferRefs.ServerReference {
    return { serverArn: this.serverArn };
  }

  public get homeLocations(): FileLocation[] {
    return this.homes.slice();
  }

  public addHomeLocation(location: FileLocation): void {
    requireObject('TransferServer.addHomeLocation()', 'location', location);
    // A home prefix becomes an IAM resource: wildcards or variables in it would widen the workflows' grants.
    checkHomeLocation(this, location);
    const key = location.bucket
      ? `s3:${location.bucket.node.addr}:${location.key}`
      : `efs:${location.fileSystem?.node.addr}:${location.path}`;
    if (this.homeKeys.has(key)) return;
    this.homeKeys.add(key);
    this.homes.push(location);
  }

  public addUser(id: string, options: TransferUserOptions): ITransferUser {
    return addUserTo(this, id, options);
  }

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    requireString('TransferServer.metric()', 'metricName', metricName);
    if (props !== undefined) requireObject('TransferServer.metric()', 'props', props);
    return new cloudwatch.Metric({
      namespace: 'AWS/Transfer',
      metricName,
      dimensionsMap: { ServerId: this.serverId },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...props,
    }).attachTo(this);
  }

  public metricBytesIn(props?: cloudwatch.MetricOptions) { return this.metric('BytesIn', props); }
  public metricBytesOut(props?: cloudwatch.MetricOptions) { return this.metric('BytesOut', props); }
  public metricFilesIn(props?: cloudwatch.MetricOptions) { return this.metric('FilesIn', props); }
  public metricFilesOut(props?: cloudwatch.MetricOptions) { return this.metric('FilesOut', props); }
  public metricOnUploadExecutionsStarted(props?: cloudwatch.MetricOptions) { return this.metric('OnUploadExecutionsStarted', props); }
  public metricOnUploadExecutionsSucceeded(props?: cloudwatch.MetricOptions) { return this.metric('OnUploadExecutionsSuccess', props); }
  public metricOnUploadExecutionsFailed(props?: cloudwatch.MetricOptions) { return this.metric('OnUploadExecutionsFailed', props); }
  public metricOnPartialUploadExecutionsStarted(props?: cloudwatch.MetricOptions) { return this.metric('OnPartialUploadExecutionsStarted', props); }
  public metricOnPartialUploadExecutionsSucceeded(props?: cloudwatch.MetricOptions) { return this.metric('OnPartialUploadExecutionsSuccess', props); }
  public metricOnPartialUploadExecutionsFailed(props?: cloudwatch.MetricOptions) { return this.metric('OnPartialUploadExecutionsFailed', props); }
  public metricInboundMessage(props?: cloudwatch.MetricOptions) { return this.metric('InboundMessage', props); }
  public metricInboundFailedMessage(props?: cloudwatch.MetricOptions) { return this.metric('InboundFailedMessage', props); }
}

/**
 * An AWS Transfer Family server (`AWS::Transfer::Server`), with its host keys, logging and workflows.
 *
 * Every documented combination rule of protocols, endpoint, identity provider and domain is
 * checked at synth; every rule is listed in the package's docs/rules.md.
 */
export class TransferServer extends TransferServerBase {
  /** Import a server by id (`s-` and 17 hexadecimal digits). */
  public static fromServerId(scope: Construct, id: string, serverId: string): ITransferServer {
    return importServer('TransferServer.fromServerId()', scope, id, { serverId }, 'serverId');
  }

  /** Import a server with the attributes the constructs of this library can use. */
  public static fromServerAttributes(scope: Construct, id: string, attrs: TransferServerAttributes): ITransferServer {
    return importServer('TransferServer.fromServerAttributes()', scope, id, attrs, 'attrs.serverId');
  }

  /** What the rules judge: the server's resources as the template will hold them (see `serverSubject`). */
  private static subject(this: void, server: TransferServer): ServerSubject {
    const custom = server.subjectExtras.customHostname;
    return serverSubject(server.resource, {
      ...server.subjectExtras,
      hostKeys: server.hostKeys,
      customHostname: custom && { ...custom, privateZone: privateZone(server.hostedZone) },
    });
  }

  public readonly serverId: string;
  public readonly serverArn: string;
  public readonly identityProviderType?: string;
  public readonly domain?: Domain;
  /** The protocols the server accepts. */
  public readonly protocols: Protocol[];
  /** The endpoint. */
  public readonly endpoint: Endpoint;
  /** The identity provider. */
  public readonly identityProvider: IdentityProvider;
  /** The security policy. */
  public readonly securityPolicy: SecurityPolicy;
  /**
   * The server's public DNS name, `<server-id>.server.transfer.<region>.<suffix>`. It resolves for
   * public and internet-facing VPC endpoints; inside a VPC, internal endpoints are reached by their
   * VPC endpoint's DNS names.
   *
   * @attribute
   */
  public readonly endpointHostname: string;
  /** The role the service writes logs with. */
  public readonly loggingRole: iam.IRole;
  /** The log group of structured logs. */
  public readonly logGroup: logs.ILogGroup;
  /** The security groups of a VPC endpoint (empty for public endpoints). */
  public readonly securityGroups: ec2.ISecurityGroup[];
  private _connections?: ec2.Connections;
  /** The Elastic IPs created for an internet-facing VPC endpoint (empty otherwise). */
  public readonly elasticIps: ec2.CfnEIP[];
  /** The CNAME record of the custom host name, when one was created. */
  public readonly hostnameRecord?: route53.CnameRecord;
  private readonly endpointSubnetIds?: string[];
  private endpointLookup?: VpcEndpointLookup;
  private readonly hostedZone?: route53.IHostedZone;

  private readonly resource: CfnServer;
  private readonly hostKeys: Array<{ readonly resource: CfnHostKey; readonly algorithm?: HostKeyAlgorithm }> = [];
  private readonly subjectExtras: Omit<ServerSubjectExtras, 'hostKeys'>;

  constructor(scope: Construct, id: string, props: TransferServerProps = {}) {
    // Checked before anything joins the construct tree.
    super(checkProps(constructScope('TransferServer', scope, id), props), id);
    this.protocols = props.protocols ?? [Protocol.SFTP];
    this.endpoint = props.endpoint ?? Endpoint.PUBLIC;
    this.identityProvider = props.identityProvider ?? IdentityProvider.serviceManaged();
    this.identityProviderType = this.identityProvider.identityProviderType;
    this.domain = props.domain ?? Domain.S3;
    this.securityPolicy = props.securityPolicy ?? SecurityPolicy.TRANSFER_2025_03;

    const endpoint = this.endpoint.bind(this);
    this.endpointSubnetIds = endpoint.endpointType === 'VPC' ? endpoint.endpointDetails?.subnetIds ?? [] : undefined;
    this.securityGroups = endpoint.securityGroups ?? [];
    this.elasticIps = endpoint.elasticIps ?? [];
    this.logGroup = props.logGroup ?? new logs.LogGroup(this, 'LogGroup', { retention: logs.RetentionDays.ONE_YEAR });
    this.loggingRole = props.loggingRole ?? this.makeLoggingRole(props);

    this.resource = new CfnServer(this, 'Resource', {
      protocols: this.protocols,
      domain: this.domain,
      endpointType: endpoint.endpointType,
      endpointDetails: endpoint.endpointDetails,
      certificate: props.certificate?.certificateArn,
      securityPolicyName: this.securityPolicy.name,
      preAuthenticationLoginBanner: props.preAuthenticationLoginBanner,
      postAuthenticationLoginBanner: props.postAuthenticationLoginBanner,
      protocolDetails: this.renderProtocolDetails(props),
      ipAddressType: props.ipAddressType,
      s3StorageOptions: renderS3StorageOptions(props),
      loggingRole: this.loggingRole.roleArn,
      structuredLogDestinations: [this.logGroup.logGroupArn],
      workflowDetails: renderWorkflowDetails(props),
    });
    this.serverId = this.resource.attrServerId;
    this.serverArn = this.resource.attrArn;
    const stack = Stack.of(this);
    this.endpointHostname = `${this.serverId}.server.transfer.${stack.region}.${stack.urlSuffix}`;

    this.addWorkflows(props);
    this.configureLogging();
    const sftpAuthenticationMethodsConflict = this.bindIdentityProvider(props);
    for (const key of props.hostKeys ?? []) this.addHostKey(key);
    this.hostedZone = props.customHostname?.hostedZone;
    this.hostnameRecord = this.addCustomHostname(props.customHostname, endpoint.publiclyResolvable);

    this.subjectExtras = {
      sftpAuthenticationMethodsConflict,
      customHostname: props.customHostname && {
        hostname: props.customHostname.hostname,
        zoneName: props.customHostname.hostedZone?.zoneName,
        hasHostedZone: props.customHostname.hostedZone !== undefined,
        record: this.hostnameRecord !== undefined,
      },
    };
    SERVER_RULES.attach(this, TransferServer.subject);
  }

  /**
   * The server's network connections: its security groups (those of a VPC endpoint) and its default
   * port (21 for FTP and FTPS, 5080 for AS2, 22 otherwise).
   */
  public get connections(): ec2.Connections {
    // Made when first read: most servers have a public endpoint and no security group, and their
    // apps need not load the EC2 module for it.
    this._connections ??= new ec2.Connections({ securityGroups: this.securityGroups, defaultPort: defaultPort(this.protocols) });
    return this._connections;
  }

  /**
   * The id (`vpce-…`) of the VPC endpoint the service creates for a VPC endpoint (`Endpoint.vpc()`), which
   * CloudFormation does not expose. Read at deploy time by a custom resource (`transfer:DescribeServer` on this
   * server only), made when this is first read. Not available on imported servers, nor on public endpoints
   * (reading it is an error).
   */
  public get vpcEndpointId(): string {
    return this.vpcEndpoint('vpcEndpointId').vpcEndpointId;
  }

  /**
   * The regional DNS name of the server's VPC endpoint (`vpce-….vpce-svc-….<region>.vpce.amazonaws.com`, the
   * first of its DNS entries), which resolves to the endpoint's private addresses. Read at deploy time by custom
   * resources (`DescribeServer`, then `ec2:DescribeVpcEndpoints`), made when this is first read. VPC endpoints only.
   */
  public get vpcEndpointDnsName(): string {
    return this.vpcEndpoint('vpcEndpointDnsName').dnsName;
  }

  /**
   * The private IP addresses of the server's VPC endpoint, one per subnet of the endpoint, in the order of its
   * subnets (e.g. the IP targets of a Network Load Balancer). Read at deploy time by custom resources
   * (`DescribeServer`, `ec2:DescribeVpcEndpoints`, then `ec2:DescribeNetworkInterfaces` per subnet), made when
   * this is first read. VPC endpoints with subnets known at synth only.
   */
  public get endpointPrivateIpAddresses(): string[] {
    return this.vpcEndpoint('endpointPrivateIpAddresses').privateIpAddresses;
  }

  /**
   * Add a user (the server must use service-managed identities). On a \`TransferServer\` it is a
   * \`TransferUser\`, with its role and \`addSshPublicKey()\`.
   */
  public addUser(id: string, options: TransferUserOptions): TransferUser {
    return addUserTo(this, id, options);
  }

  /**
   * Grant a directory group access (the server's identity provider must be `IdentityProvider.directory()`):
   * a `TransferAccess`, made and kept by a custom resource, since CloudFormation has no resource type for it.
   */
  public addAccess(id: string, options: TransferAccessOptions): TransferAccess {
    requireId('TransferServer.addAccess()', id);
    return addAccessTo(this, id, options);
  }

  /**
   * Add an AS2 trading partnership (the server must accept AS2): an `As2Agreement` between a local and
   * a partner profile, with an access role for its directories only.
   */
  public addAgreement(id: string, options: As2AgreementOptions): As2Agreement {
    requireId('TransferServer.addAgreement()', id);
    requireObject('TransferServer.addAgreement()', 'options', options);
    return new As2Agreement(this, id, { ...options, server: this });
  }

  /**
   * Add an SFTP host key (an `AWS::Transfer::HostKey` of this server). To rotate, add the new key,
   * let clients learn it, then remove the old one.
   */
  public addHostKey(hostKey: HostKey): void {
    requireInstance('TransferServer.addHostKey()', 'hostKey', hostKey, isHostKey, HOST_KEY);
    const config = hostKey.bind(this);
    const resource = new CfnHostKey(this, `HostKey${this.hostKeys.length + 1}`, {
      serverId: this.serverId,
      hostKeyBody: config.hostKeyBody,
      description: config.description,
    });
    this.hostKeys.push({ resource, algorithm: config.algorithm });
  }

  /** The lookups of the server's VPC endpoint, made when an attribute of it is first read. */
  private vpcEndpoint(attribute: string): VpcEndpointLookup {
    if (this.endpointSubnetIds === undefined) {
      throw new Error(`TransferServer.${attribute}: the server's endpoint is ${this.endpoint.endpointType}, and only a VPC endpoint `
        + '(`endpoint: Endpoint.vpc({ vpc })`) has a VPC endpoint whose id, DNS name and addresses can be read.');
    }
    this.endpointLookup ??= new VpcEndpointLookup(this, 'VpcEndpoint', this.resource, this.serverArn, this.endpointSubnetIds);
    return this.endpointLookup;
  }

  /**
   * The role the service writes logs with: trusted by the service for this account's servers and the
   * workflows this server runs. Its permissions are added by `configureLogging()`.
   */
  private makeLoggingRole(props: TransferServerProps): iam.IRole {
    return new iam.Role(this, 'LoggingRole', {
      description: `Writes the logs of Transfer Family server ${this.node.path}`,
      assumedBy: transferServicePrincipalFor(this, [
        // The service writes the server's logs in the context of the server's ARN. This account's
        // servers rather than this server's ARN, which would make the role depend on the server
        // that depends on it.
        transferArnPattern(this, 'server', '*'),
        // Workflow logs go through the logging role too, in the context of the workflow's ARN (the
        // user guide's logging role examples name the server "and workflow"). The workflows' own ARNs:
        // the server references its workflows, and a workflow references neither the server nor
        // its logging role, so the role may depend on them without a cycle.
        ...[props.onUpload, props.onPartialUpload].flatMap((w) => w ? [w.workflowArn] : []),
      ]),
    });
  }

  /** The `ProtocolDetails`: what is set of the FTP/FTPS settings, and the AS2 transport. */
  private renderProtocolDetails(props: TransferServerProps): CfnServer.ProtocolDetailsProperty | undefined {
    const as2 = this.protocols.includes(Protocol.AS2);
    if (props.passiveIp === undefined && props.tlsSessionResumptionMode === undefined && props.setStatOption === undefined && !as2) return undefined;
    return {
      passiveIp: props.passiveIp,
      tlsSessionResumptionMode: props.tlsSessionResumptionMode,
      setStatOption: props.setStatOption,
      as2Transports: as2 ? ['HTTP'] : undefined,
    };
  }

  /** Workflows of this library act on files under this server's home locations. */
  private addWorkflows(props: TransferServerProps): void {
    for (const workflow of [props.onUpload, props.onPartialUpload]) {
      if (Workflow.isWorkflow(workflow)) workflow.addSourceServer(this);
    }
  }

  /** The logging role may write only to this server's log group. */
  private configureLogging(): void {
    const logGroupArn = Stack.of(this).formatArn({
      service: 'logs', resource: 'log-group', resourceName: `/aws/transfer/${this.serverId}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const logStreams = `${logGroupArn}:log-stream:*`;
    this.loggingRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      resources: [logGroupArn, logStreams],
    }));
    acknowledgeWildcardResource(this.loggingRole, logStreams,
      'The service names a log stream per session when it writes; the wildcard covers only the streams of this server\'s own log group.');
  }

  /**
   * Render the identity provider on the server (once the server's ARN exists: the provider may grant the
   * service access for this server only). `props.sftpAuthenticationMethods` wins over the provider's; every
   * detail given is rendered, on any provider: the rules refuse what the provider type cannot take.
   * Returns the SFTP authentication methods given on both when they differ (for the rules).
   */
  private bindIdentityProvider(props: TransferServerProps): ServerSubjectExtras['sftpAuthenticationMethodsConflict'] {
    const config = this.identityProvider.bind(this, this);
    const own = config.identityProviderDetails?.sftpAuthenticationMethods;
    const details: CfnServer.IdentityProviderDetailsProperty = {
      ...config.identityProviderDetails,
      sftpAuthenticationMethods: props.sftpAuthenticationMethods ?? own,
    };
    this.resource.identityProviderType = config.identityProviderType;
    this.resource.identityProviderDetails = Object.values(details).some((v) => v !== undefined) ? details : undefined;
    return props.sftpAuthenticationMethods !== undefined && own !== undefined && props.sftpAuthenticationMethods !== own
      ? { server: props.sftpAuthenticationMethods, identityProvider: own }
      : undefined;
  }

  /**
   * The service reads the server's tags to show the custom host name and its zone; with a zone, a CNAME
   * record to the server's DNS name where it resolves (`publiclyResolvable`, from the endpoint), or to the
   * VPC endpoint's DNS name for an internal VPC endpoint.
   */
  private addCustomHostname(custom: CustomHostname | undefined, publiclyResolvable: boolean): route53.CnameRecord | undefined {
    if (!custom) return undefined;
    Tags.of(this.resource).add('transfer:customHostname', custom.hostname);
    if (!custom.hostedZone) return undefined;
    Tags.of(this.resource).add('transfer:route53HostedZoneId', `/hostedzone/${custom.hostedZone.hostedZoneId}`);
    if (!publiclyResolvable && this.endpointSubnetIds === undefined) return undefined;
    return new route53.CnameRecord(this, 'HostnameRecord', {
      zone: custom.hostedZone,
      recordName: custom.hostname,
      domainName: publiclyResolvable ? this.endpointHostname : this.vpcEndpointDnsName,
    });
  }
}

/**
 * Whether a hosted zone is private (has VPCs), when it is in the template; `undefined` for imported zones
 * and unresolved VPC lists.
 */
function privateZone(zone: route53.IHostedZone | undefined): boolean | undefined {
  const cfn = zone?.node.defaultChild;
  if (!(cfn instanceof route53.CfnHostedZone)) return undefined;
  const vpcs: unknown = Stack.of(cfn).resolve(cfn.vpcs);
  if (vpcs === undefined || vpcs === null) return false;
  return Array.isArray(vpcs) ? vpcs.length > 0 : undefined;
}

/** The `S3StorageOptions`, when directory listing optimization is set. */
function renderS3StorageOptions(props: TransferServerProps): CfnServer.S3StorageOptionsProperty | undefined {
  return props.directoryListingOptimization === undefined
    ? undefined
    : { directoryListingOptimization: props.directoryListingOptimization ? 'ENABLED' : 'DISABLED' };
}

/** The `WorkflowDetails`, when a workflow is attached. */
function renderWorkflowDetails(props: TransferServerProps): CfnServer.WorkflowDetailsProperty | undefined {
  if (!props.onUpload && !props.onPartialUpload) return undefined;
  return {
    onUpload: props.onUpload ? [workflowDetail(props.onUpload)] : undefined,
    onPartialUpload: props.onPartialUpload ? [workflowDetail(props.onPartialUpload)] : undefined,
  };
}

function workflowDetail(workflow: IWorkflow): CfnServer.WorkflowDetailProperty {
  return {
    workflowId: workflow.workflowId,
    // A missing role is reported by the `server/workflow-execution-role` rule.
    executionRole: workflow.executionRole?.roleArn ?? '',
  };
}

function defaultPort(protocols: Protocol[]): ec2.Port {
  const first = protocols[0];
  if (first === Protocol.FTP || first === Protocol.FTPS) return ec2.Port.tcp(21);
  if (first === Protocol.AS2) return ec2.Port.tcp(5080);
  return ec2.Port.tcp(22);
}

const HOST_KEY = 'a `HostKey` (`HostKey.fromSecretValue(...)` or `HostKey.fromString(...)`)';
const isHostKey = (v: unknown): v is HostKey => v instanceof HostKey;
const isEndpoint = (v: unknown): v is Endpoint => v instanceof Endpoint;
const isIdentityProvider = (v: unknown): v is IdentityProvider => v instanceof IdentityProvider;
const isSecurityPolicy = (v: unknown): v is SecurityPolicy => v instanceof SecurityPolicy;

/** `value` is what `is` tells (an instance of a choice class of this library, made by its factories). */
function requireInstance<T>(where: string, prop: string, value: unknown, is: (v: unknown) => v is T, what: string): T {
  if (!is(value)) invalid(where, prop, what, value);
  return value;
}

/** `scope` and `id` as constructs take them: a construct, and a string. */
function constructScope(where: string, scope: Construct, id: string): Construct {
  if (!Construct.isConstruct(scope)) invalid(where, 'scope', 'a construct (e.g. a `Stack`)', scope);
  requireId(where, id);
  return scope;
}

/** An object whose members are present and strings (an interface's attributes the template will hold). */
function stringMembers<T>(where: string, prop: string, value: T | undefined, what: string, members: string[], methods: string[] = []): T | undefined {
  if (value === undefined) return undefined;
  requireMembers(where, prop, value, what, [...members, ...methods]);
  for (const m of members) requireString(where, `${prop}.${m}`, (value as Record<string, unknown>)[m]);
  for (const m of methods) {
    if (typeof (value as Record<string, unknown>)[m] !== 'function') invalid(where, prop, what, value);
  }
  return value;
}

/** What a server's props must be, whatever language or type checking the caller has. Returns `scope`. */
function checkProps(scope: Construct, props: TransferServerProps): Construct {
  const where = 'TransferServer';
  requireObject(where, 'props', props);
  optionalArray(where, 'protocols', props.protocols, (p, name) => {
    if (p === undefined) invalid(where, name, `one of ${Object.values(Protocol).map((v) => JSON.stringify(v)).join(', ')}`, p);
    return optionalEnum(where, name, p, Object.values(Protocol));
  });
  if (props.endpoint !== undefined) requireInstance(where, 'endpoint', props.endpoint, isEndpoint, 'an `Endpoint` (`Endpoint.PUBLIC` or `Endpoint.vpc({ vpc })`)');
  if (props.identityProvider !== undefined) {
    requireInstance(where, 'identityProvider', props.identityProvider, isIdentityProvider, 'an `IdentityProvider` (e.g. `IdentityProvider.lambda(fn)`)');
  }
  optionalEnum(where, 'domain', props.domain, Object.values(Domain));
  stringMembers(where, 'certificate', props.certificate, 'an acm.ICertificate', ['certificateArn']);
  if (props.securityPolicy !== undefined) {
    requireInstance(where, 'securityPolicy', props.securityPolicy, isSecurityPolicy, 'a `SecurityPolicy` (e.g. `SecurityPolicy.TRANSFER_2025_03`)');
  }
  optionalArray(where, 'hostKeys', props.hostKeys, (k, name) => requireInstance(where, name, k, isHostKey, HOST_KEY));
  optionalString(where, 'preAuthenticationLoginBanner', props.preAuthenticationLoginBanner);
  optionalString(where, 'postAuthenticationLoginBanner', props.postAuthenticationLoginBanner);
  optionalString(where, 'passiveIp', props.passiveIp);
  optionalEnum(where, 'tlsSessionResumptionMode', props.tlsSessionResumptionMode, Object.values(TlsSessionResumptionMode));
  optionalEnum(where, 'setStatOption', props.setStatOption, Object.values(SetStatOption));
  optionalEnum(where, 'sftpAuthenticationMethods', props.sftpAuthenticationMethods, Object.values(SftpAuthenticationMethods));
  optionalEnum(where, 'ipAddressType', props.ipAddressType, Object.values(IpAddressType));
  optionalBoolean(where, 'directoryListingOptimization', props.directoryListingOptimization);
  stringMembers(where, 'logGroup', props.logGroup, 'a logs.ILogGroup', ['logGroupArn', 'logGroupName']);
  stringMembers(where, 'loggingRole', props.loggingRole, 'an iam.IRole', ['roleArn'], ['addToPrincipalPolicy']);
  stringMembers(where, 'onUpload', props.onUpload, 'an IWorkflow', ['workflowId', 'workflowArn']);
  stringMembers(where, 'onPartialUpload', props.onPartialUpload, 'an IWorkflow', ['workflowId', 'workflowArn']);
  if (props.customHostname !== undefined) {
    requireObject(where, 'customHostname', props.customHostname);
    requireString(where, 'customHostname.hostname', props.customHostname.hostname);
    stringMembers(where, 'customHostname.hostedZone', props.customHostname.hostedZone, 'a route53.IHostedZone', ['hostedZoneId', 'zoneName']);
  }
  return scope;
}

/** An imported server; `prop` is how the caller named the server id. */
function importServer(where: string, scope: Construct, id: string, attrs: TransferServerAttributes, prop: string): ITransferServer {
  constructScope(where, scope, id);
  requireObject(where, 'attrs', attrs);
  const serverId = requireString(where, prop, attrs.serverId);
  if (!Token.isUnresolved(serverId) && !/^s-[0-9a-f]{17}$/.test(serverId)) {
    invalid(where, prop, 'a server id, `s-` and 17 hexadecimal digits (e.g. `s-0123456789abcdef0`)', serverId);
  }
  const identityProviderType = optionalEnum(where, 'attrs.identityProviderType', attrs.identityProviderType,
    ['SERVICE_MANAGED', 'API_GATEWAY', 'AWS_DIRECTORY_SERVICE', 'AWS_LAMBDA']);
  const domain = optionalEnum(where, 'attrs.domain', attrs.domain, Object.values(Domain));
  const securityGroups = optionalArray(where, 'attrs.securityGroups', attrs.securityGroups,
    (sg, name) => stringMembers(where, name, sg as ec2.ISecurityGroup, 'an ec2.ISecurityGroup', ['securityGroupId'])!);
  class Import extends TransferServerBase {
    public readonly serverId = serverId;
    public readonly serverArn = Stack.of(scope).formatArn({ service: 'transfer', resource: 'server', resourceName: serverId });
    public readonly connections = new ec2.Connections({ securityGroups });
    public readonly identityProviderType = identityProviderType;
    public readonly domain = domain;
  }
  return new Import(scope, id);
}

/** `server.addUser()`: a `TransferUser` on `server` (the user's own props are checked by `TransferUser`). */
function addUserTo(server: ITransferServer, id: string, options: TransferUserOptions): TransferUser {
  requireId('TransferServer.addUser()', id);
  requireObject('TransferServer.addUser()', 'options', options);
  return new TransferUser(server, id, { ...options, server });
}
