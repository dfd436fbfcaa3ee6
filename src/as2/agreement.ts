import { Aws, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnAgreement, CfnServer } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { AgreementProfileSubject, AgreementSubject, AS2_AGREEMENT_RULES } from './as2-rules';
import { IAs2Profile } from './profile';
import { FileLocation } from '../location/file-location';
import { bucketNameIn, trimSlashes } from '../location/paths';
import { KMS_WRITE_ACTIONS, S3_READ_ACTIONS } from '../private/iam-actions';
import { invalid, optionalBoolean, optionalMembers, optionalString, requireId, requireMembers, requireObject } from '../private/input';
import { acknowledgeWildcardResource } from '../private/nag';
import { transferServicePrincipalFor } from '../private/transfer-principal';
import type { ITransferServer } from '../server/server-ref';
import { s3ViaService } from '../user/session-policy';

/**
 * A directory of its own for each kind of file of an AS2 message (`CustomDirectories` of
 * `AWS::Transfer::Agreement`), instead of the folders Transfer Family makes under a base directory.
 */
export interface As2CustomDirectories {
  /** Where files that failed processing go. */
  readonly failedFiles: FileLocation;
  /** Where the MDNs (message disposition notifications) go. */
  readonly mdnFiles: FileLocation;
  /** Where the payloads (the files the partner sent) go. */
  readonly payloadFiles: FileLocation;
  /** Where the JSON status files of each message go. */
  readonly statusFiles: FileLocation;
  /** Where the temporary files of processing go. */
  readonly temporaryFiles: FileLocation;
}

/** Options of an agreement made with `server.addAgreement()`. */
export interface As2AgreementOptions {
  /** Your organization's profile (`As2Profile.local()`). */
  readonly localProfile: IAs2Profile;
  /** The trading partner's profile (`As2Profile.partner()`). */
  readonly partnerProfile: IAs2Profile;
  /**
   * Where the partner's messages land: a prefix of an S3 bucket (`FileLocation.s3(bucket, 'as2/partner')`).
   * Transfer Family writes the payloads there, and the MDNs, status, failed and temporary files in folders
   * under it. Give either this or `customDirectories`.
   *
   * @default - none: `customDirectories` must be given
   */
  readonly baseDirectory?: FileLocation;
  /**
   * A directory of its own for each kind of file. Give either this or `baseDirectory`.
   *
   * @default - none: `baseDirectory` must be given
   */
  readonly customDirectories?: As2CustomDirectories;
  /**
   * A name or short description of the agreement: 1 to 200 visible ASCII characters, without spaces (the
   * API's pattern `[\p{Graph}]+`, https://docs.aws.amazon.com/transfer/latest/APIReference/API_CreateAgreement.html).
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * Whether the agreement is active (Transfer Family accepts messages under it).
   *
   * @default true
   */
  readonly active?: boolean;
  /**
   * Keep the payload's file name as the partner sent it, instead of appending a unique string.
   *
   * @default false
   */
  readonly preserveFilename?: boolean;
  /**
   * Reject unsigned messages from the partner.
   *
   * @default false
   */
  readonly enforceMessageSigning?: boolean;
  /**
   * The role Transfer Family assumes to write the messages. It is granted reading and writing the
   * agreement's directories (and their buckets' KMS keys, through S3), nothing else.
   *
   * @default - a role made for the agreement
   */
  readonly accessRole?: iam.IRole;
}

/** Properties of an `As2Agreement`. */
export interface As2AgreementProps extends As2AgreementOptions {
  /** The AS2 server that receives the partner's messages. */
  readonly server: ITransferServer;
}

/** The prop names of the custom directories, in CloudFormation's order. */
const CUSTOM_DIRECTORIES = ['failedFiles', 'mdnFiles', 'payloadFiles', 'statusFiles', 'temporaryFiles'] as const;

/**
 * A trading partnership (an `AWS::Transfer::Agreement`): the server accepts AS2 messages from the
 * partner of `partnerProfile` to the local party of `localProfile`, and stores them in S3 with an
 * access role that may read and write the agreement's directories only.
 *
 * https://docs.aws.amazon.com/transfer/latest/userguide/create-as2-transfer-server.html#as2-agreements
 */
export class As2Agreement extends Resource {
  /**
   * The agreement id, `a-` and 17 hexadecimal digits.
   *
   * @attribute
   */
  public readonly agreementId: string;
  /**
   * The agreement ARN.
   *
   * @attribute
   */
  public readonly agreementArn: string;
  /** The role Transfer Family assumes to store the messages. */
  public readonly accessRole: iam.IRole;
  /** The `AWS::Transfer::Agreement`. */
  public readonly resource: CfnAgreement;

  private readonly server: ITransferServer;
  private readonly localProfile: IAs2Profile;
  private readonly partnerProfile: IAs2Profile;
  private readonly directories: Array<{ readonly prop: string; readonly location: FileLocation }>;
  private readonly both: boolean;
  private readonly enforceMessageSigning: boolean;

  constructor(scope: Construct, id: string, props: As2AgreementProps) {
    const where = 'As2Agreement';
    requireId(where, id);
    super(scope, id);
    requireObject(where, 'props', props);
    this.server = requireMembers(where, 'server', props.server, 'an ITransferServer', ['serverId', 'serverArn', 'node']);
    this.localProfile = requireMembers(where, 'localProfile', props.localProfile, 'an IAs2Profile (`As2Profile.local()`)', ['profileId', 'node']);
    this.partnerProfile = requireMembers(where, 'partnerProfile', props.partnerProfile, 'an IAs2Profile (`As2Profile.partner()`)', ['profileId', 'node']);
    const base = optionalLocation(where, 'baseDirectory', props.baseDirectory);
    const custom = props.customDirectories === undefined ? undefined : requireObject(where, 'customDirectories', props.customDirectories);
    const customs = custom === undefined ? undefined : CUSTOM_DIRECTORIES.map((name) => ({
      prop: `customDirectories.${name}`,
      location: requireLocation(where, `customDirectories.${name}`, custom[name]),
    }));
    if (base === undefined && customs === undefined) invalid(where, 'baseDirectory', 'a FileLocation (or `customDirectories` given)', base);
    this.directories = [...(base ? [{ prop: 'baseDirectory', location: base }] : []), ...(customs ?? [])];
    this.both = base !== undefined && customs !== undefined;
    const description = optionalString(where, 'description', props.description);
    const active = optionalBoolean(where, 'active', props.active) ?? true;
    const preserveFilename = optionalBoolean(where, 'preserveFilename', props.preserveFilename);
    this.enforceMessageSigning = optionalBoolean(where, 'enforceMessageSigning', props.enforceMessageSigning) ?? false;
    optionalMembers(where, 'accessRole', props.accessRole, 'an iam.IRole', ['roleArn', 'grantPrincipal', 'node']);

    this.accessRole = props.accessRole ?? new iam.Role(this, 'AccessRole', {
      description: 'Transfer Family stores the AS2 messages of an agreement',
      // For inbound AS2 the service assumes the access role for the agreement
      // (https://docs.aws.amazon.com/transfer/latest/userguide/requirements-roles.html). An agreement's ARN
      // is `agreement/<server id>/<agreement id>`
      // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awstransferfamily.html#awstransferfamily-resources-for-iam-policies);
      // the agreement references the role, so the condition names the agreements of this server, not its own ARN.
      assumedBy: transferServicePrincipalFor(this, [
        Stack.of(this).formatArn({ service: 'transfer', resource: 'agreement', resourceName: `${this.server.serverId}/*` }),
      ]),
    });
    this.grantDirectories();

    const dir = (location: FileLocation) => directoryPath(location, this);
    this.resource = new CfnAgreement(this, 'Resource', {
      serverId: this.server.serverId,
      localProfileId: this.localProfile.profileId,
      partnerProfileId: this.partnerProfile.profileId,
      description,
      accessRole: this.accessRole.roleArn,
      baseDirectory: base === undefined ? undefined : dir(base),
      customDirectories: customs === undefined ? undefined : {
        failedFilesDirectory: dir(customs[0].location),
        mdnFilesDirectory: dir(customs[1].location),
        payloadFilesDirectory: dir(customs[2].location),
        statusFilesDirectory: dir(customs[3].location),
        temporaryFilesDirectory: dir(customs[4].location),
      },
      status: active ? 'ACTIVE' : 'INACTIVE',
      preserveFilename: preserveFilename === undefined ? undefined : (preserveFilename ? 'ENABLED' : 'DISABLED'),
      enforceMessageSigning: props.enforceMessageSigning === undefined ? undefined : (this.enforceMessageSigning ? 'ENABLED' : 'DISABLED'),
    });
    this.agreementId = this.resource.attrAgreementId;
    this.agreementArn = this.resource.attrArn;
    AS2_AGREEMENT_RULES.attach(this, (a) => a.ruleSubject());
  }

  /**
   * The access role may read and write the objects under each directory, and use each bucket's KMS key
   * through S3 for them; nothing else (no listing, no deleting, no other prefix).
   */
  private grantDirectories(): void {
    const byBucket = new Map<string, { bucket: s3.IBucket; objects: string[] }>();
    for (const { location } of this.directories) {
      const bucket = location.bucket;
      if (bucket === undefined) continue; // an EFS location: the rule as2/agreement-directories reports it
      let part = byBucket.get(bucket.node.addr);
      if (!part) {
        part = { bucket, objects: [] };
        byBucket.set(bucket.node.addr, part);
      }
      const key = trimSlashes(location.key ?? '');
      part.objects.push(`${bucketArn(bucket, this)}/${key === '' ? '' : `${key}/`}*`);
    }
    const objects = [...new Set([...byBucket.values()].flatMap((p) => p.objects))];
    if (objects.length === 0) return;
    this.accessRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...S3_READ_ACTIONS, 's3:PutObject'], resources: objects }));
    for (const part of byBucket.values()) {
      const key = part.bucket.encryptionKey;
      if (!key) continue;
      // The encryption context S3 passes is the object's ARN, or the bucket's with S3 Bucket Keys.
      this.accessRole.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: KMS_WRITE_ACTIONS,
        resources: [key.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': s3ViaService(part.bucket) },
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [...new Set(part.objects), bucketArn(part.bucket, this)] },
        },
      }));
    }
    if (this.accessRole instanceof iam.Role) {
      for (const o of objects) acknowledgeWildcardResource(this.accessRole, o, 'The files of the agreement\'s directory: every object under its prefix.');
    }
  }

  private ruleSubject(): AgreementSubject {
    const cfnServer = this.server.node.defaultChild;
    let serverProtocols: string[] | undefined;
    if (cfnServer instanceof CfnServer) {
      const protocols = Stack.of(cfnServer).resolve(cfnServer.protocols);
      if (Array.isArray(protocols) && protocols.every((p) => typeof p === 'string')) serverProtocols = protocols;
    }
    return {
      serverPath: this.server.node.path,
      serverProtocols,
      directories: this.directories.map(({ prop, location }) => ({
        prop,
        storage: location.isS3 ? 'S3' : 'EFS',
        path: location.isS3 ? directoryPath(location) : '',
      })),
      both: this.both,
      localProfile: profileSubject(this.localProfile),
      partnerProfile: profileSubject(this.partnerProfile),
      enforceMessageSigning: this.enforceMessageSigning,
      resource: this.resource,
    };
  }
}

/** A profile as the agreement rules see it: usages only when every certificate's is known. */
function profileSubject(profile: IAs2Profile): AgreementProfileSubject {
  const usages = profile.certificatesKnown ? profile.certificates.map((c) => c.usage) : undefined;
  return {
    path: profile.node.path,
    profileType: profile.profileType,
    usages: usages !== undefined && usages.every((u): u is NonNullable<typeof u> => u !== undefined && !Token.isUnresolved(u)) ? usages : undefined,
  };
}

/** `/bucket/prefix` of an S3 location, as the template of `scope` reads the bucket's name. */
function directoryPath(location: FileLocation, scope?: Construct): string {
  if (location.bucket === undefined) return `/${location.fileSystem?.fileSystemId}${location.path ?? ''}`;
  const key = trimSlashes(location.key ?? '');
  return `/${bucketNameIn(location.bucket, scope)}${key === '' ? '' : `/${key}`}`;
}

function bucketArn(bucket: s3.IBucket, scope: Construct): string {
  return `arn:${Aws.PARTITION}:s3:::${bucketNameIn(bucket, scope)}`;
}

function requireLocation(where: string, prop: string, value: unknown): FileLocation {
  if (!(value instanceof FileLocation)) invalid(where, prop, 'a FileLocation (e.g. `FileLocation.s3(bucket, \'as2/partner\')`)', value);
  return value;
}

function optionalLocation(where: string, prop: string, value: unknown): FileLocation | undefined {
  return value === undefined ? undefined : requireLocation(where, prop, value);
}
