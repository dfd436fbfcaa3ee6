/**
 * Who makes requests in a Transfer Family estate, and which requests each of them makes, as the AWS
 * documentation describes them:
 *
 * - a Transfer user: the service assumes the user's role with the user's session policy, so the
 *   effective permissions are the role's policies intersected with the session policy
 *   (https://docs.aws.amazon.com/transfer/latest/userguide/users-policies-session.html). Each file
 *   operation becomes S3 requests on the bucket and key the user's home maps the path to, and with
 *   SSE-KMS the KMS requests S3 makes with the caller's permissions
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html), encryption context
 *   `aws:s3:arn` = the object ARN, or the bucket ARN with S3 Bucket Keys.
 * - a workflow: the service assumes the execution role the server passes, and each step makes its S3,
 *   KMS, Lambda and Secrets Manager requests
 *   (https://docs.aws.amazon.com/transfer/latest/userguide/workflow-execution-role.html).
 * - any other role (a state machine's, a Lambda function's, a grantee's), with the KMS key policy as
 *   the resource policy of KMS requests and the bucket policy for S3 requests.
 */
import { IConstruct } from 'constructs';
import { Estate, EstateResource, EstateRole, PARTITION } from './estate';
import { evaluate, IamRequest, PolicyJson, Result, statements } from './evaluator';
import { bucketEncryptionFacts, S3Requests as S3RequestModel } from '../../src/simulator/requests';

/** A file operation: the requests a service makes for it, which must all be allowed for it to work. */
export interface Operation {
  readonly label: string;
  readonly requests: IamRequest[];
}

/** An operation of raw requests, for places no file operation reaches. */
export function requests(label: string, ...list: IamRequest[]): Operation {
  return { label, requests: list };
}

/** Someone whose requests can be decided. */
export interface Caller {
  readonly label: string;
  decide(request: IamRequest): Result;
}

/** A role session: the role's policies, an optional session policy, and the estate's resource policies. */
export class RoleSession implements Caller {
  public readonly sessionArn: string;

  constructor(
    protected readonly estate: Estate,
    public readonly role: EstateRole,
    public readonly label: string,
    public readonly sessionPolicy?: PolicyJson,
  ) {
    this.sessionArn = `arn:${PARTITION}:sts::${role.resource.stack.account}:assumed-role/${role.name}/session`;
  }

  public decide(request: IamRequest): Result {
    const account = this.role.resource.stack.account;
    return evaluate({
      principal: this.sessionArn,
      account,
      request: {
        ...request,
        context: {
          'aws:PrincipalArn': this.role.arn,
          'aws:PrincipalAccount': account,
          'aws:SecureTransport': 'true',
          ...(request.action.startsWith('kms:') ? { 'kms:CallerAccount': account } : {}),
          ...request.context,
        },
      },
      identityPolicies: this.role.policies,
      sessionPolicy: this.sessionPolicy,
      resourcePolicy: resourcePolicyFor(this.estate, request),
    });
  }
}

/** The resource policy AWS evaluates with a request: a key policy for KMS, a bucket policy for S3. */
function resourcePolicyFor(estate: Estate, request: IamRequest): PolicyJson | undefined {
  if (request.action.startsWith('kms:')) {
    const policy = estate.keyPolicy(request.resource);
    // A key outside the estate: its policy is unknown, and KMS denies without one.
    return policy;
  }
  if (request.action.startsWith('s3:')) {
    const bucket = request.resource.replace(/^arn:[^:]+:s3:::/, '').split('/')[0];
    return estate.bucketPolicy(bucket);
  }
  if (request.action.startsWith('elasticfilesystem:')) return estate.findByArn(request.resource)?.properties.FileSystemPolicy;
  return undefined;
}

// -----------------------------------------------------------------------------------------------
// S3 with SSE-KMS
// -----------------------------------------------------------------------------------------------

/**
 * The requests of S3 operations on the estate's buckets, KMS included: the simulator's model
 * (src/simulator/requests.ts), with each bucket's SSE-KMS settings and versioning read from its template.
 */
export class S3Requests extends S3RequestModel {
  constructor(estate: Estate, region: string) {
    super((bucket) => {
      const p = estate.bucketByName(bucket)?.properties;
      return { region, ...bucketEncryptionFacts(p?.BucketEncryption), versioned: p?.VersioningConfiguration?.Status === 'Enabled' };
    });
  }
}

// -----------------------------------------------------------------------------------------------
// Transfer users
// -----------------------------------------------------------------------------------------------

/** Where a user-visible path is: a bucket and key. */
interface S3Place { readonly bucket: string; readonly key: string }

/**
 * A user of a Transfer Family server, as the service runs its sessions: the user's role with the
 * user's session policy, its policy variables substituted.
 */
export class TransferSession extends RoleSession {
  private readonly s3: S3Requests;

  constructor(estate: Estate, public readonly user: EstateResource) {
    const p = user.properties;
    const role = estate.role(p.Role);
    super(estate, role, `user ${p.UserName}`, p.Policy === undefined || isEfsUser(p) ? undefined : sessionPolicyOf(p));
    this.s3 = new S3Requests(estate, user.stack.region);
  }

  /** The S3 bucket and key a path the user types names (through its home's mappings). */
  public place(path: string): S3Place | undefined {
    const p = this.user.properties;
    const target = (t: string) => {
      const [bucket, ...rest] = t.replace(/^\/+/, '').split('/');
      return { bucket, key: rest.join('/') };
    };
    if (p.HomeDirectoryType === 'LOGICAL') {
      const mappings: Array<{ Entry: string; Target: string; Type?: string }> = p.HomeDirectoryMappings ?? [];
      const sorted = [...mappings].sort((a, b) => b.Entry.length - a.Entry.length);
      for (const m of sorted) {
        const entry = m.Entry.replace(/\/+$/, '');
        if (m.Type === 'FILE') {
          if (path === m.Entry) return target(m.Target);
          continue;
        }
        if (entry === '' || path === entry || path.startsWith(`${entry}/`)) {
          const rest = path.slice(entry.length).replace(/^\/+/, '');
          const t = target(m.Target);
          return { bucket: t.bucket, key: [t.key, rest].filter((s) => s !== '').join('/') };
        }
      }
      return undefined;
    }
    // PATH homes: paths are real `/bucket/key` paths; relative paths start at the home directory.
    const absolute = path.startsWith('/') ? path : `${p.HomeDirectory ?? '/'}/${path}`;
    return target(absolute);
  }

  private at(path: string): S3Place {
    const place = this.place(path);
    if (!place) throw new Error(`access harness: path ${path} is outside every mapping of ${this.label}`);
    return place;
  }

  /**
   * The file system of an EFS target (`/<file-system-id>/<path>`). EFS users reach files through the
   * service's mount of the file system: IAM decides mounting (read) and writing, the POSIX profile the rest
   * (https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html).
   */
  private efs(place: S3Place): string | undefined {
    if (!/^fs-[0-9a-f]+$/.test(place.bucket)) return undefined;
    const fs = this.estate.ofType('AWS::EFS::FileSystem').find((r) => this.estate.physicalName(r) === place.bucket);
    return fs ? this.estate.arnOf(fs) : `arn:${PARTITION}:elasticfilesystem:${this.user.stack.region}:${this.user.stack.account}:file-system/${place.bucket}`;
  }

  private efsRequests(fsArn: string, write: boolean): IamRequest[] {
    const context = { 'elasticfilesystem:AccessedViaMountTarget': 'true' };
    return [
      { action: 'elasticfilesystem:ClientMount', resource: fsArn, context },
      ...(write ? [{ action: 'elasticfilesystem:ClientWrite', resource: fsArn, context }] : []),
    ];
  }

  public download(path: string): Operation {
    const place = this.at(path);
    const fs = this.efs(place);
    return { label: `${this.label} downloads ${path}`, requests: fs ? this.efsRequests(fs, false) : this.s3.get(place.bucket, place.key) };
  }

  public upload(path: string): Operation {
    const place = this.at(path);
    const fs = this.efs(place);
    return { label: `${this.label} uploads ${path}`, requests: fs ? this.efsRequests(fs, true) : this.s3.put(place.bucket, place.key) };
  }

  public remove(path: string): Operation {
    const place = this.at(path);
    const fs = this.efs(place);
    return { label: `${this.label} deletes ${path}`, requests: fs ? this.efsRequests(fs, true) : this.s3.delete(place.bucket, place.key) };
  }

  /** Listing a directory: ListBucket with the directory's prefix. */
  public list(path: string): Operation {
    const { bucket, key } = this.at(path);
    return { label: `${this.label} lists ${path}`, requests: this.s3.list(bucket, key === '' ? '' : `${key.replace(/\/+$/, '')}/`) };
  }

  /** A directory is a zero-byte object whose key ends with `/`. */
  public mkdir(path: string): Operation {
    const { bucket, key } = this.at(path);
    return { label: `${this.label} makes directory ${path}`, requests: this.s3.put(bucket, `${key.replace(/\/+$/, '')}/`) };
  }

  /** A rename is a copy (read the source, write the target) and a delete of the source. */
  public rename(from: string, to: string): Operation {
    const a = this.at(from);
    const b = this.at(to);
    return {
      label: `${this.label} renames ${from} to ${to}`,
      requests: [...this.s3.get(a.bucket, a.key), ...this.s3.put(b.bucket, b.key), ...this.s3.delete(a.bucket, a.key)],
    };
  }

  /** A raw S3 request by this session, for places no path of the user's home reaches. */
  public raw(label: string, list: IamRequest[]): Operation {
    return { label: `${this.label}: ${label}`, requests: list };
  }

  /** Every raw S3 request of this session on `key` of `bucket`: read, write, delete, list (for places the home does not reach). */
  public outside(bucket: string, key: string): Operation[] {
    const at = `${bucket}/${key.length > 60 ? `…${key.slice(-40)}` : key}`;
    return [
      this.raw(`reads ${at}`, this.s3.get(bucket, key)),
      this.raw(`writes ${at}`, this.s3.put(bucket, key)),
      this.raw(`deletes ${at}`, this.s3.delete(bucket, key)),
      this.raw(`lists ${at}/`, this.s3.list(bucket, `${key}/`)),
    ];
  }

  public get requests(): S3Requests {
    return this.s3;
  }
}

/** EFS ignores session policies. */
function isEfsUser(p: any): boolean {
  const target: string = p.HomeDirectory ?? p.HomeDirectoryMappings?.[0]?.Target ?? '';
  return /^\/fs-[0-9a-f]+(\/|$)/.test(target);
}

/** The session policy with Transfer's policy variables replaced for this user. */
function sessionPolicyOf(p: any): PolicyJson {
  const text: string = typeof p.Policy === 'string' ? p.Policy : JSON.stringify(p.Policy);
  const home: string = p.HomeDirectoryType === 'LOGICAL'
    ? ((p.HomeDirectoryMappings ?? []).find((m: any) => m.Entry === '/')?.Target ?? '')
    : (p.HomeDirectory ?? '');
  const [bucket, ...folder] = home.replace(/^\/+/, '').split('/');
  const vars: Record<string, string> = {
    'transfer:UserName': p.UserName,
    'transfer:HomeDirectory': home.replace(/^\/+/, ''),
    'transfer:HomeBucket': bucket,
    'transfer:HomeFolder': folder.join('/'),
  };
  const substituted = text.replace(/\$\{(transfer:[A-Za-z]+)\}/g, (whole, name: string) => vars[name] ?? whole);
  const parsed = JSON.parse(substituted);
  if (statements(parsed).length === 0) throw new Error(`access harness: the session policy of ${p.UserName} has no statement`);
  return parsed;
}

/** Transfer users and other callers of an estate. */
export class Callers {
  constructor(private readonly estate: Estate) {}

  /** The session of the user with this name (on the only server, or the server given). */
  public user(userName: string, server?: IConstruct): TransferSession {
    const serverId = server ? this.estate.value(server, (server as any).serverId) : undefined;
    const users = this.estate.ofType('AWS::Transfer::User')
      .filter((u) => u.properties.UserName === userName && (serverId === undefined || u.properties.ServerId === serverId));
    if (users.length !== 1) throw new Error(`access harness: ${users.length} users named ${userName}`);
    return new TransferSession(this.estate, users[0]);
  }

  /** A session of the role with this ARN (or of the role of a construct, given its ARN token). */
  public role(roleArn: string, label?: string): RoleSession {
    const role = this.estate.role(roleArn);
    return new RoleSession(this.estate, role, label ?? `role ${role.resource.logicalId}`);
  }

  /** A session of a construct's role (`iam.IRole`, or anything with `roleArn`). */
  public roleOf(scope: IConstruct, roleArnToken: string, label?: string): RoleSession {
    return this.role(this.estate.value(scope, roleArnToken), label);
  }

  /** The service principal `service` assuming the role with this ARN, for `sourceArn` of `sourceAccount`. */
  public assume(service: string, roleArn: string, sourceArn: string, sourceAccount: string): Caller {
    const role = this.estate.role(roleArn);
    return {
      label: `${service} assuming ${role.resource.logicalId} for ${sourceArn}`,
      decide: () => evaluate({
        principal: service,
        account: role.resource.stack.account,
        request: {
          action: 'sts:AssumeRole',
          resource: role.arn,
          context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount, 'aws:PrincipalServiceName': service },
        },
        identityPolicies: [],
        resourcePolicy: role.trust,
      }),
    };
  }
}
