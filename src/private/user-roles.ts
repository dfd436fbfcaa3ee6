import { createHash } from 'crypto';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { EFS_READ_ACTIONS, EFS_WRITE_ACTIONS, KMS_WRITE_ACTIONS, S3_WRITE_ACTIONS } from './iam-actions';
import { memoize } from './memo';
import { acknowledgeWildcardResource } from './nag';
import { transferServicePrincipal } from './transfer-principal';
import type { FileLocation } from '../file-location';
import type { ITransferServer } from '../server';


/** The directory that holds a home prefix (`home/alice` → `home/`); a top-level home is its own directory. */
export function parentPrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? `${trimmed}/` : trimmed.slice(0, i + 1);
}

interface BucketGrant {
  readonly objects: iam.PolicyStatement;
  readonly listPrefixes: string[];
  readonly parents: Set<string>;
}

/** One role shared by the users of a server whose homes are in the same storage. */
class SharedUserRole {
  public readonly role: iam.Role;
  private readonly buckets = new Map<string, BucketGrant>();
  private readonly fileSystems = new Set<string>();

  constructor(scope: Construct, id: string, server: ITransferServer, private readonly readOnly: boolean) {
    this.role = new iam.Role(scope, id, {
      description: `Shared by the users of Transfer Family server ${server.node.path} whose homes are in the same storage; each user is narrowed to its own home`,
      assumedBy: transferServicePrincipal(scope, 'user', `${server.serverId}/*`),
    });
  }

  /** Cover `location` (a user's home) with this role. */
  public cover(location: FileLocation): void {
    if (location.bucket) this.coverBucket(location.bucket, location.key ?? '');
    else if (location.fileSystem) this.coverFileSystem(location);
  }

  private coverBucket(bucket: s3.IBucket, prefix: string): void {
    const key = bucket.node.addr;
    let grant = this.buckets.get(key);
    if (!grant) {
      const listPrefixes: string[] = [];
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        // The array is filled as homes are added; it is read when the template is written.
        conditions: { StringLike: { 's3:prefix': listPrefixes } },
      }));
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: [bucket.bucketArn] }));
      const objects = new iam.PolicyStatement({ actions: S3_WRITE_ACTIONS });
      this.role.addToPrincipalPolicy(objects);
      // Customer managed keys only: explicit actions, no wildcard.
      bucket.encryptionKey?.grant(this.role, ...KMS_WRITE_ACTIONS);
      grant = { objects, listPrefixes, parents: new Set() };
      this.buckets.set(key, grant);
    }
    const parent = parentPrefix(prefix);
    if (grant.parents.has(parent)) return;
    grant.parents.add(parent);
    const objects = bucket.arnForObjects(`${parent}*`);
    grant.objects.addResources(objects);
    grant.listPrefixes.push(parent === '' ? '*' : `${parent}*`);
    acknowledgeWildcardResource(this.role, objects,
      `Users' homes are under ${parent === '' ? 'the bucket root' : `"${parent}"`}; each user's session policy narrows this role to its own home.`);
  }

  private coverFileSystem(location: FileLocation): void {
    const fs = location.fileSystem!;
    if (this.fileSystems.has(fs.node.addr)) return;
    this.fileSystems.add(fs.node.addr);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: this.readOnly ? EFS_READ_ACTIONS : EFS_WRITE_ACTIONS,
      resources: [fs.fileSystemArn],
    }));
  }
}

const ROLES = new WeakMap<IConstruct, Map<string, SharedUserRole>>();

/**
 * The role for a user of `server` whose homes are `locations`: one role per server and set of
 * storages (and, on EFS, per access level, since EFS has no session policies), created on first use.
 */
export function sharedUserRole(server: ITransferServer, locations: FileLocation[], readOnly: boolean): iam.IRole {
  const storages = [...new Set(locations.map((l) => (l.bucket ?? l.fileSystem)!.node.addr))].sort();
  const efsOnly = locations.every((l) => l.fileSystem !== undefined);
  const key = `${storages.join('+')}${efsOnly && readOnly ? '+ro' : ''}`;
  const shared = memoize(ROLES, server, key,
    () => new SharedUserRole(server as unknown as Construct, `UsersRole${hash(key)}`, server, efsOnly && readOnly));
  for (const location of locations) shared.cover(location);
  return shared.role;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 8).toUpperCase();
}
