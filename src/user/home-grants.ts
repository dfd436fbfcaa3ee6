import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';

// The shared plumbing a home's mappings write their permissions into: each mapping decides its part
// (`DirectoryMapping._addToPolicy`, `DirectoryMapping._coverSharedRole`), the plumbing groups the parts
// into statements (session-policy.ts) and roles (user-roles.ts). A leaf module, so that the mappings and
// the plumbing do not import each other.

/** One bucket's part of a home's permissions. */
export interface BucketGrants {
  /** The bucket's ARN as the policy names it. */
  readonly arn: string;
  /** `s3:prefix` values the user may list. Undefined: the whole bucket. */
  listPrefixes?: string[];
  /** Object ARNs (patterns) the user may read or write. */
  readonly objects: string[];
}

/** The permissions of one home being written: a session policy, or the policy of a user's own role. */
export interface HomePolicy {
  /** The part of `bucket`, made on first use. */
  bucket(bucket: s3.IBucket): BucketGrants;
  /**
   * `key` (without leading and trailing `/`) as the policy writes it: in a session policy, path segments
   * equal to the user name as `${transfer:UserName}`; in a role's policy, `${transfer:UserName}` as the name.
   */
  key(key: string): string;
}

/** The role shared by the users of a server whose homes are in the same storage. */
export interface SharedRoleCover {
  /** Cover the homes next to `prefix` in `bucket` (its directory, which holds every user's home). */
  coverBucket(bucket: s3.IBucket, prefix: string): void;
  /** Cover `fileSystem`. */
  coverFileSystem(fileSystem: efs.IFileSystem): void;
}
