import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { CfnConnector } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import {
  ConnectorAttributes, ConnectorBase, connectorArnOf, connectorEventRule, connectorRole, grantConnectorLogging, grantLocations, grantSecretRead,
  IConnector, importedConnectorId, requireS3Location,
} from './connector-base';
import { CONNECTOR_RULES, connectorSubject, profileCertificateUsages } from './connector-rules';
import type { IAs2Profile } from '../as2/profile';
import { FileLocation } from '../location/file-location';
import { optionalArray, optionalBoolean, optionalMembers, optionalString, requireId, requireMembers, requireObject, requireString } from '../private/input';

/** How an AS2 connector encrypts the messages it sends (`EncryptionAlgorithm`). */
export class As2EncryptionAlgorithm {
  /** AES-128 in CBC mode. */
  public static readonly AES128_CBC = new As2EncryptionAlgorithm('AES128_CBC');
  /** AES-192 in CBC mode. */
  public static readonly AES192_CBC = new As2EncryptionAlgorithm('AES192_CBC');
  /** AES-256 in CBC mode: this library's default. */
  public static readonly AES256_CBC = new As2EncryptionAlgorithm('AES256_CBC');
  /** Triple DES: weak, only for a legacy partner that requires it (a warning). */
  public static readonly DES_EDE3_CBC = new As2EncryptionAlgorithm('DES_EDE3_CBC');
  /** No encryption: only over an `https://` URL. */
  public static readonly NONE = new As2EncryptionAlgorithm('NONE');

  /** An algorithm by name, e.g. one added after this library. */
  public static of(name: string): As2EncryptionAlgorithm {
    return new As2EncryptionAlgorithm(requireString('As2EncryptionAlgorithm.of()', 'name', name));
  }

  private constructor(
    /** The name, as CloudFormation takes it. */
    public readonly name: string,
  ) {}
}

/** How an AS2 connector signs the messages it sends (`SigningAlgorithm`). */
export class As2SigningAlgorithm {
  /** SHA-256: this library's default. */
  public static readonly SHA256 = new As2SigningAlgorithm('SHA256');
  /** SHA-384. */
  public static readonly SHA384 = new As2SigningAlgorithm('SHA384');
  /** SHA-512. */
  public static readonly SHA512 = new As2SigningAlgorithm('SHA512');
  /** SHA-1: deprecated, only for a legacy partner that requires it (a warning). */
  public static readonly SHA1 = new As2SigningAlgorithm('SHA1');
  /** Unsigned messages. */
  public static readonly NONE = new As2SigningAlgorithm('NONE');

  /** An algorithm by name, e.g. one added after this library. */
  public static of(name: string): As2SigningAlgorithm {
    return new As2SigningAlgorithm(requireString('As2SigningAlgorithm.of()', 'name', name));
  }

  private constructor(
    /** The name, as CloudFormation takes it. */
    public readonly name: string,
  ) {}
}

/** How the partner signs its MDN (`MdnSigningAlgorithm`). */
export class As2MdnSigningAlgorithm {
  /** The message's own signing algorithm. */
  public static readonly DEFAULT = new As2MdnSigningAlgorithm('DEFAULT');
  /** SHA-256. */
  public static readonly SHA256 = new As2MdnSigningAlgorithm('SHA256');
  /** SHA-384. */
  public static readonly SHA384 = new As2MdnSigningAlgorithm('SHA384');
  /** SHA-512. */
  public static readonly SHA512 = new As2MdnSigningAlgorithm('SHA512');
  /** SHA-1: deprecated (a warning). */
  public static readonly SHA1 = new As2MdnSigningAlgorithm('SHA1');
  /** An unsigned MDN. */
  public static readonly NONE = new As2MdnSigningAlgorithm('NONE');

  /** An algorithm by name, e.g. one added after this library. */
  public static of(name: string): As2MdnSigningAlgorithm {
    return new As2MdnSigningAlgorithm(requireString('As2MdnSigningAlgorithm.of()', 'name', name));
  }

  private constructor(
    /** The name, as CloudFormation takes it. */
    public readonly name: string,
  ) {}
}

/** Whether the connector asks the partner for an MDN (`MdnResponse`). */
export class As2MdnResponse {
  /** A synchronous MDN, in the HTTP response: the partner confirms each message (this library's default). */
  public static readonly SYNC = new As2MdnResponse('SYNC');
  /** No MDN. */
  public static readonly NONE = new As2MdnResponse('NONE');

  /** A response mode by name, e.g. one added after this library. */
  public static of(name: string): As2MdnResponse {
    return new As2MdnResponse(requireString('As2MdnResponse.of()', 'name', name));
  }

  private constructor(
    /** The name, as CloudFormation takes it. */
    public readonly name: string,
  ) {}
}

/** Properties of an `As2Connector`. */
export interface As2ConnectorProps {
  /** The partner's AS2 endpoint: an `https://` (or `http://`) URL. */
  readonly url: string;
  /** Your organization's profile (`As2Profile.local()`): the AS2 id and certificates the messages come from. */
  readonly localProfile: IAs2Profile;
  /** The trading partner's profile (`As2Profile.partner()`). */
  readonly partnerProfile: IAs2Profile;
  /**
   * Where the files sent live: the access role may read and write the objects under each prefix (Transfer
   * Family writes the processed message, the MDN and a JSON status file beside each file sent).
   *
   * @default - none
   */
  readonly sendFrom?: FileLocation[];
  /**
   * The `Subject` HTTP header of the messages.
   *
   * @default - none
   */
  readonly messageSubject?: string;
  /**
   * Compress the messages (ZLIB).
   *
   * @default false
   */
  readonly compression?: boolean;
  /**
   * The encryption algorithm.
   *
   * @default As2EncryptionAlgorithm.AES256_CBC
   */
  readonly encryptionAlgorithm?: As2EncryptionAlgorithm;
  /**
   * The signing algorithm.
   *
   * @default As2SigningAlgorithm.SHA256
   */
  readonly signingAlgorithm?: As2SigningAlgorithm;
  /**
   * The algorithm the partner signs its MDN with.
   *
   * @default - DEFAULT: the signing algorithm
   */
  readonly mdnSigningAlgorithm?: As2MdnSigningAlgorithm;
  /**
   * Whether the partner returns an MDN.
   *
   * @default As2MdnResponse.SYNC
   */
  readonly mdnResponse?: As2MdnResponse;
  /**
   * Use the S3 object's `Content-Type` as the message's content type, instead of one mapped from the file extension.
   *
   * @default false
   */
  readonly preserveContentType?: boolean;
  /**
   * Basic authentication: a secret `{"Username": "...", "Password": "..."}` the connector sends to the
   * partner. The access role may read it.
   *
   * @default - no Basic authentication
   */
  readonly basicAuthSecret?: secretsmanager.ISecret;
  /**
   * The role Transfer Family assumes to read and write the files (and the Basic authentication secret).
   *
   * @default - a role made for the connector, with exactly those permissions
   */
  readonly accessRole?: iam.IRole;
  /**
   * The role Transfer Family writes the connector's logs with, to `/aws/transfer/<connector id>`.
   *
   * @default - a role made for the connector, that may write that log group only
   */
  readonly loggingRole?: iam.IRole;
}

/**
 * An AS2 connector, owned or imported. The events an AS2 connector sends carry its `connector-id`
 * (https://docs.aws.amazon.com/transfer/latest/userguide/event-detail-as2-server-events.html).
 */
export interface IAs2Connector extends IConnector {
  /** A rule for this connector's `AS2 Payload Send Completed` events: a message sent to the partner. */
  onPayloadSendCompleted(id: string, options?: events.OnEventOptions): events.Rule;
  /** A rule for this connector's `AS2 Payload Send Failed` events: a message that could not be sent. */
  onPayloadSendFailed(id: string, options?: events.OnEventOptions): events.Rule;
  /** A rule for this connector's `AS2 MDN Receive Completed` events: the partner's MDN (receipt) received. */
  onMdnReceiveCompleted(id: string, options?: events.OnEventOptions): events.Rule;
  /** A rule for this connector's `AS2 MDN Receive Failed` events: an MDN that was not received or not valid. */
  onMdnReceiveFailed(id: string, options?: events.OnEventOptions): events.Rule;
}

/**
 * A connector that sends files from S3 to a trading partner's AS2 server (an `AWS::Transfer::Connector`
 * with `As2Config`), when `StartFileTransfer` is called.
 *
 * https://docs.aws.amazon.com/transfer/latest/userguide/configure-as2-connector.html
 */
export class As2Connector extends ConnectorBase implements IAs2Connector {
  /** An existing AS2 connector, by id. */
  public static fromConnectorId(scope: Construct, id: string, connectorId: string): IAs2Connector {
    return importAs2('As2Connector.fromConnectorId()', scope, id, { connectorId }, 'connectorId');
  }

  /** An existing AS2 connector. */
  public static fromConnectorAttributes(scope: Construct, id: string, attrs: ConnectorAttributes): IAs2Connector {
    return importAs2('As2Connector.fromConnectorAttributes()', scope, id, attrs, 'attrs.connectorId');
  }

  public readonly connectorId: string;
  public readonly connectorArn: string;
  /** The role Transfer Family assumes to read and write the files. */
  public readonly accessRole: iam.IRole;
  /** The role Transfer Family writes the logs with. */
  public readonly loggingRole: iam.IRole;
  /** The `AWS::Transfer::Connector`. */
  public readonly resource: CfnConnector;
  private readonly localProfile: IAs2Profile;
  private readonly partnerProfile: IAs2Profile;

  constructor(scope: Construct, id: string, props: As2ConnectorProps) {
    const where = 'As2Connector';
    requireId(where, id);
    super(scope, id);
    requireObject(where, 'props', props);
    const url = requireString(where, 'url', props.url);
    this.localProfile = requireMembers(where, 'localProfile', props.localProfile, 'an IAs2Profile (`As2Profile.local()`)', ['profileId', 'node']);
    this.partnerProfile = requireMembers(where, 'partnerProfile', props.partnerProfile, 'an IAs2Profile (`As2Profile.partner()`)', ['profileId', 'node']);
    const sendFrom = optionalArray(where, 'sendFrom', props.sendFrom, (l, name) => requireS3Location(where, name, l)) ?? [];
    const messageSubject = optionalString(where, 'messageSubject', props.messageSubject);
    const compression = optionalBoolean(where, 'compression', props.compression) ?? false;
    const preserveContentType = optionalBoolean(where, 'preserveContentType', props.preserveContentType);
    const encryption = choice(where, 'encryptionAlgorithm', props.encryptionAlgorithm) ?? As2EncryptionAlgorithm.AES256_CBC.name;
    const signing = choice(where, 'signingAlgorithm', props.signingAlgorithm) ?? As2SigningAlgorithm.SHA256.name;
    const mdnSigning = choice(where, 'mdnSigningAlgorithm', props.mdnSigningAlgorithm);
    const mdnResponse = choice(where, 'mdnResponse', props.mdnResponse) ?? As2MdnResponse.SYNC.name;
    const basicAuthSecret = optionalMembers(where, 'basicAuthSecret', props.basicAuthSecret, 'a secretsmanager.ISecret', ['secretArn', 'node']);
    optionalMembers(where, 'accessRole', props.accessRole, 'an iam.IRole', ['roleArn', 'grantPrincipal', 'node']);
    optionalMembers(where, 'loggingRole', props.loggingRole, 'an iam.IRole', ['roleArn', 'grantPrincipal', 'node']);

    this.accessRole = props.accessRole ?? connectorRole(this, 'AccessRole', 'Transfer Family reads and writes the files of an AS2 connector');
    this.loggingRole = props.loggingRole ?? connectorRole(this, 'LoggingRole', 'Transfer Family writes the logs of an AS2 connector');
    if (basicAuthSecret) grantSecretRead(this.accessRole, basicAuthSecret);
    grantLocations(this.accessRole, this, sendFrom.map((location) => ({ location, use: 'read-write' as const })));

    this.resource = new CfnConnector(this, 'Resource', {
      url,
      accessRole: this.accessRole.roleArn,
      loggingRole: this.loggingRole.roleArn,
      // As2Config is untyped in CfnConnector: the template's own (PascalCase) names.
      as2Config: {
        LocalProfileId: this.localProfile.profileId,
        PartnerProfileId: this.partnerProfile.profileId,
        MessageSubject: messageSubject,
        Compression: compression ? 'ZLIB' : 'DISABLED',
        EncryptionAlgorithm: encryption,
        SigningAlgorithm: signing,
        MdnSigningAlgorithm: mdnSigning,
        MdnResponse: mdnResponse,
        BasicAuthSecretId: basicAuthSecret?.secretArn,
        PreserveContentType: preserveContentType === undefined ? undefined : (preserveContentType ? 'ENABLED' : 'DISABLED'),
      },
    });
    this.connectorId = this.resource.attrConnectorId;
    this.connectorArn = this.resource.attrArn;
    grantConnectorLogging(this.loggingRole, this, this.connectorId);
    CONNECTOR_RULES.attach(this, (c) => connectorSubject(c.resource, {
      localProfileType: c.localProfile.profileType,
      partnerProfileType: c.partnerProfile.profileType,
      localCertificateUsages: profileCertificateUsages(c.localProfile),
      partnerCertificateUsages: profileCertificateUsages(c.partnerProfile),
    }));
  }

  public onPayloadSendCompleted(id: string, options: events.OnEventOptions = {}): events.Rule {
    return as2EventRule(this, 'onPayloadSendCompleted', id, options);
  }

  public onPayloadSendFailed(id: string, options: events.OnEventOptions = {}): events.Rule {
    return as2EventRule(this, 'onPayloadSendFailed', id, options);
  }

  public onMdnReceiveCompleted(id: string, options: events.OnEventOptions = {}): events.Rule {
    return as2EventRule(this, 'onMdnReceiveCompleted', id, options);
  }

  public onMdnReceiveFailed(id: string, options: events.OnEventOptions = {}): events.Rule {
    return as2EventRule(this, 'onMdnReceiveFailed', id, options);
  }
}

/**
 * The `detail-type` of the AS2 events that name a connector (`connector-id`): a connector sends the
 * payload and receives the partner's MDN
 * (https://docs.aws.amazon.com/transfer/latest/userguide/event-detail-as2-server-events.html).
 */
const AS2_CONNECTOR_EVENTS = {
  onPayloadSendCompleted: 'AS2 Payload Send Completed',
  onPayloadSendFailed: 'AS2 Payload Send Failed',
  onMdnReceiveCompleted: 'AS2 MDN Receive Completed',
  onMdnReceiveFailed: 'AS2 MDN Receive Failed',
} as const;

function as2EventRule(connector: IAs2Connector, method: keyof typeof AS2_CONNECTOR_EVENTS, id: string, options: unknown): events.Rule {
  return connectorEventRule(connector, `As2Connector.${method}()`, id, options, AS2_CONNECTOR_EVENTS[method]);
}

/** The name of an enum-like choice (`As2SigningAlgorithm.SHA256`), checked. */
function choice(where: string, prop: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  requireObject(where, prop, value);
  return requireString(where, `${prop}.name`, (value as { name?: unknown }).name);
}

function importAs2(where: string, scope: Construct, id: string, attrs: ConnectorAttributes, prop: string): IAs2Connector {
  const connectorId = importedConnectorId(where, scope, id, attrs, prop);
  class Imported extends ConnectorBase implements IAs2Connector {
    public readonly connectorId = connectorId;
    public readonly connectorArn = connectorArnOf(scope, connectorId);
    public onPayloadSendCompleted(eventId: string, options: events.OnEventOptions = {}) { return as2EventRule(this, 'onPayloadSendCompleted', eventId, options); }
    public onPayloadSendFailed(eventId: string, options: events.OnEventOptions = {}) { return as2EventRule(this, 'onPayloadSendFailed', eventId, options); }
    public onMdnReceiveCompleted(eventId: string, options: events.OnEventOptions = {}) { return as2EventRule(this, 'onMdnReceiveCompleted', eventId, options); }
    public onMdnReceiveFailed(eventId: string, options: events.OnEventOptions = {}) { return as2EventRule(this, 'onMdnReceiveFailed', eventId, options); }
  }
  return new Imported(scope, id);
}
