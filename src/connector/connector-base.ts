import { Aws, ArnFormat, IResource, Resource, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { aws_transfer as transferRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { FileLocation } from '../location/file-location';
import { bucketNameIn, trimSlashes } from '../location/paths';
import { KMS_READ_ACTIONS, KMS_WRITE_ACTIONS, S3_READ_ACTIONS } from '../private/iam-actions';
import { invalid, optionalMembers, optionalString, requireId, requireObject, requireString } from '../private/input';
import { acknowledgeWildcardResource } from '../private/nag';
import { transferServicePrincipalFor } from '../private/transfer-principal';
import { s3ViaService } from '../user/session-policy';

/** A Transfer Family connector (SFTP or AS2), owned or imported; aws-cdk-lib's constructs take it as an `IConnectorRef`. */
export interface IConnector extends IResource, transferRefs.IConnectorRef {
  /**
   * The connector id, `c-` and 17 hexadecimal digits.
   *
   * @attribute
   */
  readonly connectorId: string;
  /**
   * The connector ARN.
   *
   * @attribute
   */
  readonly connectorArn: string;

  /** Grant `actions` (`transfer:...`) on this connector only. */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
  /** Allow `grantee` to send (and, for SFTP, retrieve) files with this connector (`transfer:StartFileTransfer`). */
  grantStartFileTransfer(grantee: iam.IGrantable): iam.Grant;
  /** Allow `grantee` to read the results of this connector's transfers (`transfer:ListFileTransferResults`). */
  grantListFileTransferResults(grantee: iam.IGrantable): iam.Grant;
  /** Allow `grantee` to test this connector's connection to the partner (`transfer:TestConnection`). */
  grantTestConnection(grantee: iam.IGrantable): iam.Grant;

  /**
   * A rule of the default event bus for every event this connector sends to Amazon EventBridge (source
   * `aws.transfer`, `detail.connector-id` this connector's id), merged with `options.eventPattern`, with
   * `options.target` when given. Transfer Family documents no CloudWatch metric for connectors; it sends
   * these events (https://docs.aws.amazon.com/transfer/latest/userguide/track-connector-progress.html).
   */
  onEvent(id: string, options?: events.OnEventOptions): events.Rule;
}

/** Attributes of an existing connector. */
export interface ConnectorAttributes {
  /** The connector id (`c-` and 17 hexadecimal digits). */
  readonly connectorId: string;
}

/** What owned and imported connectors have in common: the grants. */
export abstract class ConnectorBase extends Resource implements IConnector {
  public abstract readonly connectorId: string;
  public abstract readonly connectorArn: string;

  /** A reference to this connector, as aws-cdk-lib's constructs take it. */
  public get connectorRef(): transferRefs.ConnectorReference {
    return { connectorId: this.connectorId, connectorArn: this.connectorArn };
  }

  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    const where = 'Connector.grant()';
    requireObject(where, 'grantee', grantee);
    actions.forEach((a, i) => requireString(where, `actions[${i}]`, a));
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.connectorArn] });
  }

  public grantStartFileTransfer(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'transfer:StartFileTransfer');
  }

  public grantListFileTransferResults(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'transfer:ListFileTransferResults');
  }

  public grantTestConnection(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'transfer:TestConnection');
  }

  public onEvent(id: string, options: events.OnEventOptions = {}): events.Rule {
    return connectorEventRule(this, 'Connector.onEvent()', id, options);
  }
}

/**
 * A rule for the events of `connector` (source `aws.transfer`, `detail.connector-id`), of `detailType`
 * when given, merged with `options.eventPattern` (as `Rule.addEventPattern` merges: arrays are united) and
 * with `options.target`, the way aws-cdk-lib's `onEvent` methods make them. Event names: https://docs.aws.amazon.com/transfer/latest/userguide/events-detail-reference.html
 */
export function connectorEventRule(
  connector: IConnector, where: string, id: unknown, options: unknown, detailType?: string,
): events.Rule {
  requireId(where, id);
  const checked = options === undefined ? {} : requireObject(where, 'options', options as events.OnEventOptions);
  if (checked.eventPattern !== undefined) requireObject(where, 'options.eventPattern', checked.eventPattern);
  const target: unknown = checked.target;
  if (target !== undefined && (target === null || typeof target !== 'object' || typeof (target as { bind?: unknown }).bind !== 'function')) {
    invalid(where, 'options.target', 'an events.IRuleTarget (e.g. `new targets.SnsTopic(topic)`)', target);
  }
  optionalMembers(where, 'options.crossStackScope', checked.crossStackScope, 'a Construct', ['node']);
  const ruleName = optionalString(where, 'options.ruleName', checked.ruleName);
  // EventBridge rule names (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html).
  if (ruleName !== undefined && !Token.isUnresolved(ruleName) && !/^[.\-_A-Za-z0-9]{1,64}$/.test(ruleName)) {
    invalid(where, 'options.ruleName', '1 to 64 letters, digits, `.`, `-` or `_`', ruleName);
  }
  const rule = new events.Rule(connector, id as string, {
    description: optionalString(where, 'options.description', checked.description),
    ruleName,
    crossStackScope: checked.crossStackScope,
    eventPattern: {
      source: ['aws.transfer'],
      ...(detailType === undefined ? {} : { detailType: [detailType] }),
      detail: { 'connector-id': [connector.connectorId] },
    },
  });
  // The connector's pattern first, so that merging never writes into the caller's object.
  if (checked.eventPattern !== undefined) {
    try {
      rule.addEventPattern(checked.eventPattern);
    } catch (e) {
      invalid(where, 'options.eventPattern', `a pattern that merges with the connector's (source, detailType, detail of arrays): ${(e as Error).message}`,
        checked.eventPattern);
    }
  }
  if (checked.target !== undefined) rule.addTarget(checked.target);
  return rule;
}

/** The id of an imported connector, checked. */
export function importedConnectorId(where: string, scope: Construct, id: string, attrs: ConnectorAttributes, prop: string): string {
  requireObject(where, 'scope', scope);
  requireId(where, id);
  requireObject(where, 'attrs', attrs);
  const connectorId = requireString(where, prop, attrs.connectorId);
  if (!Token.isUnresolved(connectorId) && !/^c-[0-9a-f]{17}$/.test(connectorId)) {
    invalid(where, prop, 'a connector id, `c-` and 17 hexadecimal digits (e.g. `c-0123456789abcdef0`)', connectorId);
  }
  return connectorId;
}

/** The ARN of this account's connector `connectorId` in the stack's region. */
export function connectorArnOf(scope: Construct, connectorId: string): string {
  return Stack.of(scope).formatArn({ service: 'transfer', resource: 'connector', resourceName: connectorId });
}

/**
 * Transfer Family, allowed to assume a role only for this account's connectors in this region. The
 * connector references its roles, so the condition names the ARN pattern, not the connector's own ARN
 * (which would make a dependency cycle): https://docs.aws.amazon.com/transfer/latest/userguide/confused-deputy.html
 */
export function connectorServicePrincipal(scope: Construct): iam.IPrincipal {
  return transferServicePrincipalFor(scope, [connectorArnOf(scope, '*')]);
}

/** A role made for a connector, trusted by Transfer Family for this account's connectors only. */
export function connectorRole(scope: Construct, id: string, description: string): iam.Role {
  return new iam.Role(scope, id, { description, assumedBy: connectorServicePrincipal(scope) });
}

/**
 * The logging role may create and write only the connector's own log group, `/aws/transfer/<connector id>`
 * (https://docs.aws.amazon.com/transfer/latest/userguide/requirements-roles.html).
 */
export function grantConnectorLogging(role: iam.IRole, scope: Construct, connectorId: string): void {
  const logGroupArn = Stack.of(scope).formatArn({
    service: 'logs', resource: 'log-group', resourceName: `/aws/transfer/${connectorId}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const logStreams = `${logGroupArn}:log-stream:*`;
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
    resources: [logGroupArn, logStreams],
  }));
  if (role instanceof iam.Role) {
    acknowledgeWildcardResource(role, logStreams, 'The service names the log streams it writes; the wildcard covers only the streams of this connector\'s own log group.');
  }
}

/**
 * The access role may read the user's secret (`secretsmanager:GetSecretValue` on it only), and decrypt it
 * with its customer managed key through Secrets Manager.
 */
export function grantSecretRead(role: iam.IRole, secret: secretsmanager.ISecret): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
  const key = secret.encryptionKey;
  if (key) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(secret).region}.amazonaws.com` } },
    }));
  }
}

/** How the access role uses a location: reads files there, writes them, or both. */
export type LocationUse = 'read' | 'write' | 'read-write';

/** A location the access role uses, and how (the prop that named it for messages). */
export interface LocationGrant {
  readonly location: FileLocation;
  readonly use: LocationUse;
}

/**
 * The access role may read and/or write the objects under each location's prefix, with each bucket's KMS
 * key through S3 for those objects only; nothing else (no listing, no deleting, no other prefix).
 */
export function grantLocations(role: iam.IRole, scope: Construct, grants: ReadonlyArray<LocationGrant>): void {
  const byBucket = new Map<string, { bucket: s3.IBucket; read: string[]; write: string[] }>();
  for (const { location, use } of grants) {
    const bucket = location.bucket!;
    let part = byBucket.get(bucket.node.addr);
    if (!part) {
      part = { bucket, read: [], write: [] };
      byBucket.set(bucket.node.addr, part);
    }
    const key = trimSlashes(location.key ?? '');
    const objects = `${bucketArnIn(bucket, scope)}/${key === '' ? '' : `${key}/`}*`;
    if (use !== 'write') part.read.push(objects);
    if (use !== 'read') part.write.push(objects);
  }
  const parts = [...byBucket.values()];
  const reads = [...new Set(parts.flatMap((p) => p.read))];
  const writes = [...new Set(parts.flatMap((p) => p.write))];
  if (reads.length > 0) role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: S3_READ_ACTIONS, resources: reads }));
  if (writes.length > 0) role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: writes }));
  for (const part of parts) {
    const key = part.bucket.encryptionKey;
    if (!key) continue;
    const objects = [...new Set([...part.read, ...part.write])];
    // The encryption context S3 passes is the object's ARN, or the bucket's with S3 Bucket Keys.
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: part.write.length > 0 ? KMS_WRITE_ACTIONS : KMS_READ_ACTIONS,
      resources: [key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': s3ViaService(part.bucket) },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [...objects, bucketArnIn(part.bucket, scope)] },
      },
    }));
  }
  if (role instanceof iam.Role) {
    for (const o of new Set([...reads, ...writes])) {
      acknowledgeWildcardResource(role, o, 'The files the connector sends or retrieves: every object under the location\'s prefix.');
    }
  }
}

/** A location of S3 whose key holds no IAM wildcard or variable (it becomes an IAM resource). */
export function requireS3Location(where: string, prop: string, value: unknown): FileLocation {
  if (!(value instanceof FileLocation)) invalid(where, prop, 'a FileLocation of S3 (e.g. `FileLocation.s3(bucket, \'outbound\')`)', value);
  if (!value.isS3) invalid(where, prop, 'a FileLocation of S3 (connectors read and write Amazon S3 only)', 'an EFS location');
  const key = value.key ?? '';
  if (!Token.isUnresolved(key) && /[*?]|\$\{/.test(key)) {
    invalid(where, prop, 'a location whose key has no `*`, `?` or `${...}` (it becomes the resource of an IAM policy)', key);
  }
  return value;
}

function bucketArnIn(bucket: s3.IBucket, scope: Construct): string {
  return `arn:${Aws.PARTITION}:s3:::${bucketNameIn(bucket, scope)}`;
}
