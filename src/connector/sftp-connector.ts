import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { CfnConnector } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import {
  ConnectorAttributes, ConnectorBase, connectorArnOf, connectorEventRule, connectorRole, grantConnectorLogging, grantLocations, grantSecretRead,
  IConnector, importedConnectorId, requireS3Location,
} from './connector-base';
import { CONNECTOR_RULES, connectorSubject } from './connector-rules';
import { ConnectorEgress } from './egress';
import { FileLocation } from '../location/file-location';
import {
  invalid, optionalArray, optionalEnum, optionalMembers, optionalNumber, optionalString, requireId, requireMembers, requireObject, requireString,
} from '../private/input';
import { IpAddressType } from '../server/protocol';

/**
 * The security policy of an SFTP connector: the ciphers, key exchanges, MACs and host key algorithms it
 * offers the partner server (https://docs.aws.amazon.com/transfer/latest/userguide/security-policies-connectors.html).
 *
 * Use a constant, or `SftpConnectorSecurityPolicy.of(name)` for a policy newer than this library.
 */
export class SftpConnectorSecurityPolicy {
  /** TransferSFTPConnectorSecurityPolicy-2023-07: the only one that also accepts `ssh-rsa` (SHA-1) host key signatures. */
  public static readonly SFTP_CONNECTOR_2023_07 = new SftpConnectorSecurityPolicy('TransferSFTPConnectorSecurityPolicy-2023-07');
  /** TransferSFTPConnectorSecurityPolicy-2024-03: the newest general policy, the service's default, and this library's. */
  public static readonly SFTP_CONNECTOR_2024_03 = new SftpConnectorSecurityPolicy('TransferSFTPConnectorSecurityPolicy-2024-03');
  /** TransferSFTPConnectorSecurityPolicy-FIPS-2024-10: FIPS-approved algorithms only. */
  public static readonly SFTP_CONNECTOR_FIPS_2024_10 = new SftpConnectorSecurityPolicy('TransferSFTPConnectorSecurityPolicy-FIPS-2024-10');

  /** A policy by name (`TransferSFTPConnectorSecurityPolicy-...`), e.g. one published after this library. The name is checked at synth. */
  public static of(name: string): SftpConnectorSecurityPolicy {
    return new SftpConnectorSecurityPolicy(requireString('SftpConnectorSecurityPolicy.of()', 'name', name));
  }

  private constructor(
    /** The policy name, as CloudFormation takes it. */
    public readonly name: string,
  ) {}
}

/** An SFTP connector, owned or imported. */
export interface ISftpConnector extends IConnector {
  /** Allow `grantee` to list a directory of the partner server into S3 (`transfer:StartDirectoryListing`). */
  grantStartDirectoryListing(grantee: iam.IGrantable): iam.Grant;
  /** Allow `grantee` to delete a file or directory on the partner server (`transfer:StartRemoteDelete`). */
  grantStartRemoteDelete(grantee: iam.IGrantable): iam.Grant;
  /** Allow `grantee` to move or rename a file or directory on the partner server (`transfer:StartRemoteMove`). */
  grantStartRemoteMove(grantee: iam.IGrantable): iam.Grant;

  /**
   * A rule for this connector's `SFTP Connector File Send Completed` events: a file sent to the partner
   * server (https://docs.aws.amazon.com/transfer/latest/userguide/event-detail-sftp-connector-events.html).
   */
  onFileSendCompleted(id: string, options?: events.OnEventOptions): events.Rule;
  /** A rule for this connector's `SFTP Connector File Send Failed` events: a file that could not be sent. */
  onFileSendFailed(id: string, options?: events.OnEventOptions): events.Rule;
  /** A rule for this connector's `SFTP Connector File Retrieve Completed` events: a file retrieved into S3. */
  onFileRetrieveCompleted(id: string, options?: events.OnEventOptions): events.Rule;
  /** A rule for this connector's `SFTP Connector File Retrieve Failed` events: a file that could not be retrieved. */
  onFileRetrieveFailed(id: string, options?: events.OnEventOptions): events.Rule;
  /** A rule for this connector's `SFTP Connector Directory Listing Completed` events (`StartDirectoryListing`). */
  onDirectoryListingCompleted(id: string, options?: events.OnEventOptions): events.Rule;
  /** A rule for this connector's `SFTP Connector Directory Listing Failed` events. */
  onDirectoryListingFailed(id: string, options?: events.OnEventOptions): events.Rule;
}

/** Properties of an `SftpConnector`. */
export interface SftpConnectorProps {
  /**
   * The partner's SFTP server: `sftp://<host>` or `sftp://<host>:<port>`. Required, unless `egress` is
   * `ConnectorEgress.vpcLattice()`: such a connector has no URL (its resource configuration names the server).
   *
   * @default - none: required with service-managed egress
   */
  readonly url?: string;
  /**
   * How the connector reaches the partner's server: over the internet from Transfer Family's IP addresses
   * (`ConnectorEgress.serviceManaged()`), or through your VPC with VPC Lattice (`ConnectorEgress.vpcLattice()`).
   *
   * @default - the service's default, service-managed egress (no `EgressType` in the template)
   */
  readonly egress?: ConnectorEgress;
  /**
   * The Secrets Manager secret the connector signs in with: a JSON object with `Username` and `PrivateKey`
   * (an RSA or ECDSA private key) or `Password`, or both
   * (https://docs.aws.amazon.com/transfer/latest/userguide/configure-sftp-connector.html). The access role
   * may read it (and decrypt it with its customer managed key, through Secrets Manager).
   */
  readonly userSecret: secretsmanager.ISecret;
  /**
   * The partner server's public host keys the connector trusts, as `ssh-keyscan <host>` prints them
   * (`<host> ssh-rsa AAAA...`, or without the host): RSA or ECDSA, at most 10. Without them the connector
   * cannot transfer until it is updated with the key `TestConnection` reports (a warning).
   *
   * @default - none
   */
  readonly trustedHostKeys?: string[];
  /**
   * Where the connector may read the files it sends: the access role may read the objects under each
   * prefix (the paths given as `SendFilePaths` to StartFileTransfer).
   *
   * @default - none
   */
  readonly sendFrom?: FileLocation[];
  /**
   * Where the connector may write the files it retrieves (the `LocalDirectoryPath` of StartFileTransfer)
   * and directory listings (the `OutputDirectoryPath` of StartDirectoryListing): the access role may
   * write objects under each prefix.
   *
   * @default - none
   */
  readonly retrieveTo?: FileLocation[];
  /**
   * How many connections the connector opens to the partner server at once, 1 to 5.
   *
   * @default - the service's default, 1
   */
  readonly maxConcurrentConnections?: number;
  /**
   * The security policy.
   *
   * @default SftpConnectorSecurityPolicy.SFTP_CONNECTOR_2024_03
   */
  readonly securityPolicy?: SftpConnectorSecurityPolicy;
  /**
   * The IP address types of the connector's connections.
   *
   * @default - the service's default, IPv4
   */
  readonly ipAddressType?: IpAddressType;
  /**
   * The role Transfer Family assumes to read and write the files and the secret. A role of yours is given
   * the permissions of `sendFrom`, `retrieveTo` and `userSecret` the way aws-cdk-lib grants do (an imported
   * role is left as it is).
   *
   * @default - a role made for the connector, with exactly those permissions
   */
  readonly accessRole?: iam.IRole;
  /**
   * The role Transfer Family writes the connector's logs with, to the log group `/aws/transfer/<connector id>`.
   *
   * @default - a role made for the connector, that may write that log group only
   */
  readonly loggingRole?: iam.IRole;
}

/**
 * A connector to a partner's SFTP server (an `AWS::Transfer::Connector` with `SftpConfig`): sends files from
 * S3 to the server and retrieves files from it into S3 when `StartFileTransfer` is called, and lists, moves
 * and deletes remote files.
 *
 * https://docs.aws.amazon.com/transfer/latest/userguide/configure-sftp-connector.html
 */
export class SftpConnector extends ConnectorBase implements ISftpConnector {
  /** An existing SFTP connector, by id. */
  public static fromConnectorId(scope: Construct, id: string, connectorId: string): ISftpConnector {
    return importSftp('SftpConnector.fromConnectorId()', scope, id, { connectorId }, 'connectorId');
  }

  /** An existing SFTP connector. */
  public static fromConnectorAttributes(scope: Construct, id: string, attrs: ConnectorAttributes): ISftpConnector {
    return importSftp('SftpConnector.fromConnectorAttributes()', scope, id, attrs, 'attrs.connectorId');
  }

  public readonly connectorId: string;
  public readonly connectorArn: string;
  /** The role Transfer Family assumes to read and write the files and the secret. */
  public readonly accessRole: iam.IRole;
  /** The role Transfer Family writes the logs with. */
  public readonly loggingRole: iam.IRole;
  /** The security policy. */
  public readonly securityPolicy: SftpConnectorSecurityPolicy;
  /**
   * How the connector reaches the partner's server, when given.
   *
   * @default - service-managed
   */
  public readonly egress?: ConnectorEgress;
  /** The `AWS::Transfer::Connector`. */
  public readonly resource: CfnConnector;

  constructor(scope: Construct, id: string, props: SftpConnectorProps) {
    const where = 'SftpConnector';
    requireId(where, id);
    super(scope, id);
    requireObject(where, 'props', props);
    const egress = props.egress === undefined ? undefined : requireEgress(where, props.egress);
    const lattice = egress?.egressType === 'VPC_LATTICE';
    const url = lattice ? optionalString(where, 'url', props.url) : requireString(where, 'url', props.url);
    if (lattice && url !== undefined) {
      invalid(where, 'url', 'absent with `egress: ConnectorEgress.vpcLattice()` (the resource configuration names the server)', url);
    }
    const userSecret = requireMembers(where, 'userSecret', props.userSecret, 'a secretsmanager.ISecret', ['secretArn', 'node']);
    const trustedHostKeys = optionalArray(where, 'trustedHostKeys', props.trustedHostKeys, (k, name) => requireString(where, name, k));
    const sendFrom = optionalArray(where, 'sendFrom', props.sendFrom, (l, name) => requireS3Location(where, name, l)) ?? [];
    const retrieveTo = optionalArray(where, 'retrieveTo', props.retrieveTo, (l, name) => requireS3Location(where, name, l)) ?? [];
    const maxConcurrentConnections = optionalNumber(where, 'maxConcurrentConnections', props.maxConcurrentConnections);
    if (props.securityPolicy !== undefined && !(props.securityPolicy instanceof SftpConnectorSecurityPolicy)) {
      requireObject(where, 'securityPolicy', props.securityPolicy);
      requireString(where, 'securityPolicy.name', (props.securityPolicy as { name?: unknown }).name);
    }
    const ipAddressType = optionalEnum(where, 'ipAddressType', props.ipAddressType, Object.values(IpAddressType));
    optionalMembers(where, 'accessRole', props.accessRole, 'an iam.IRole', ['roleArn', 'grantPrincipal', 'node']);
    optionalMembers(where, 'loggingRole', props.loggingRole, 'an iam.IRole', ['roleArn', 'grantPrincipal', 'node']);
    this.securityPolicy = props.securityPolicy ?? SftpConnectorSecurityPolicy.SFTP_CONNECTOR_2024_03;
    this.egress = egress;

    this.accessRole = props.accessRole ?? connectorRole(this, 'AccessRole', 'Transfer Family reads and writes the files of an SFTP connector');
    this.loggingRole = props.loggingRole ?? connectorRole(this, 'LoggingRole', 'Transfer Family writes the logs of an SFTP connector');
    grantSecretRead(this.accessRole, userSecret);
    grantLocations(this.accessRole, this, [
      ...sendFrom.map((location) => ({ location, use: 'read' as const })),
      ...retrieveTo.map((location) => ({ location, use: 'write' as const })),
    ]);

    this.resource = new CfnConnector(this, 'Resource', {
      url,
      accessRole: this.accessRole.roleArn,
      loggingRole: this.loggingRole.roleArn,
      securityPolicyName: this.securityPolicy.name,
      ipAddressType,
      ...egress?.bind(this),
      sftpConfig: {
        userSecretId: userSecret.secretArn,
        trustedHostKeys,
        maxConcurrentConnections,
      },
    });
    this.connectorId = this.resource.attrConnectorId;
    this.connectorArn = this.resource.attrArn;
    grantConnectorLogging(this.loggingRole, this, this.connectorId);
    CONNECTOR_RULES.attach(this, (c) => connectorSubject(c.resource));
  }

  public grantStartDirectoryListing(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'transfer:StartDirectoryListing');
  }

  public grantStartRemoteDelete(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'transfer:StartRemoteDelete');
  }

  public grantStartRemoteMove(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'transfer:StartRemoteMove');
  }

  public onFileSendCompleted(id: string, options: events.OnEventOptions = {}): events.Rule {
    return sftpEventRule(this, 'onFileSendCompleted', id, options);
  }

  public onFileSendFailed(id: string, options: events.OnEventOptions = {}): events.Rule {
    return sftpEventRule(this, 'onFileSendFailed', id, options);
  }

  public onFileRetrieveCompleted(id: string, options: events.OnEventOptions = {}): events.Rule {
    return sftpEventRule(this, 'onFileRetrieveCompleted', id, options);
  }

  public onFileRetrieveFailed(id: string, options: events.OnEventOptions = {}): events.Rule {
    return sftpEventRule(this, 'onFileRetrieveFailed', id, options);
  }

  public onDirectoryListingCompleted(id: string, options: events.OnEventOptions = {}): events.Rule {
    return sftpEventRule(this, 'onDirectoryListingCompleted', id, options);
  }

  public onDirectoryListingFailed(id: string, options: events.OnEventOptions = {}): events.Rule {
    return sftpEventRule(this, 'onDirectoryListingFailed', id, options);
  }
}

/**
 * The `detail-type` of each SFTP connector event, as Transfer Family documents them:
 * https://docs.aws.amazon.com/transfer/latest/userguide/event-detail-sftp-connector-events.html
 */
const SFTP_EVENTS = {
  onFileSendCompleted: 'SFTP Connector File Send Completed',
  onFileSendFailed: 'SFTP Connector File Send Failed',
  onFileRetrieveCompleted: 'SFTP Connector File Retrieve Completed',
  onFileRetrieveFailed: 'SFTP Connector File Retrieve Failed',
  onDirectoryListingCompleted: 'SFTP Connector Directory Listing Completed',
  onDirectoryListingFailed: 'SFTP Connector Directory Listing Failed',
} as const;

function sftpEventRule(connector: ISftpConnector, method: keyof typeof SFTP_EVENTS, id: string, options: unknown): events.Rule {
  return connectorEventRule(connector, `SftpConnector.${method}()`, id, options, SFTP_EVENTS[method]);
}

/** An egress choice (`ConnectorEgress.serviceManaged()` / `.vpcLattice()`), checked. */
function requireEgress(where: string, value: unknown): ConnectorEgress {
  if (value instanceof ConnectorEgress) return value;
  requireObject(where, 'egress', value);
  requireString(where, 'egress.egressType', (value as { egressType?: unknown }).egressType);
  if (typeof (value as { bind?: unknown }).bind !== 'function') {
    invalid(where, 'egress', 'a ConnectorEgress (`ConnectorEgress.serviceManaged()` or `ConnectorEgress.vpcLattice({ ... })`)', value);
  }
  return value as ConnectorEgress;
}

function importSftp(where: string, scope: Construct, id: string, attrs: ConnectorAttributes, prop: string): ISftpConnector {
  const connectorId = importedConnectorId(where, scope, id, attrs, prop);
  class Imported extends ConnectorBase implements ISftpConnector {
    public readonly connectorId = connectorId;
    public readonly connectorArn = connectorArnOf(scope, connectorId);
    public grantStartDirectoryListing(grantee: iam.IGrantable) { return this.grant(grantee, 'transfer:StartDirectoryListing'); }
    public grantStartRemoteDelete(grantee: iam.IGrantable) { return this.grant(grantee, 'transfer:StartRemoteDelete'); }
    public grantStartRemoteMove(grantee: iam.IGrantable) { return this.grant(grantee, 'transfer:StartRemoteMove'); }
    public onFileSendCompleted(eventId: string, options: events.OnEventOptions = {}) { return sftpEventRule(this, 'onFileSendCompleted', eventId, options); }
    public onFileSendFailed(eventId: string, options: events.OnEventOptions = {}) { return sftpEventRule(this, 'onFileSendFailed', eventId, options); }
    public onFileRetrieveCompleted(eventId: string, options: events.OnEventOptions = {}) { return sftpEventRule(this, 'onFileRetrieveCompleted', eventId, options); }
    public onFileRetrieveFailed(eventId: string, options: events.OnEventOptions = {}) { return sftpEventRule(this, 'onFileRetrieveFailed', eventId, options); }
    public onDirectoryListingCompleted(eventId: string, options: events.OnEventOptions = {}) {
      return sftpEventRule(this, 'onDirectoryListingCompleted', eventId, options);
    }
    public onDirectoryListingFailed(eventId: string, options: events.OnEventOptions = {}) {
      return sftpEventRule(this, 'onDirectoryListingFailed', eventId, options);
    }
  }
  return new Imported(scope, id);
}
