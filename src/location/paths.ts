import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';

/**
 * The bucket's name as a template written in `scope`'s stack reads it.
 *
 * For a bucket created in that same stack this is the bucket resource's `Ref`, which is what
 * `bucket.bucketName` resolves to there; taking it directly spares the lazy value that
 * `bucketName` resolves for every use, and an estate uses it several times per user.
 * Anywhere else (other stacks, other environments, imported buckets) it is `bucket.bucketName`.
 */
export function bucketNameIn(bucket: s3.IBucket, scope?: IConstruct): string {
  if (scope === undefined) return bucket.bucketName;
  let own = OWN_REFS.get(bucket);
  if (own === undefined) {
    const resource = bucket.node.defaultChild;
    own = resource !== undefined && CfnResource.isCfnResource(resource) && resource.cfnResourceType === s3.CfnBucket.CFN_RESOURCE_TYPE_NAME
      ? { stack: Stack.of(bucket), ref: resource.ref }
      : null;
    OWN_REFS.set(bucket, own);
  }
  return own !== null && own.stack === Stack.of(scope) ? own.ref : bucket.bucketName;
}

/** Per bucket: its stack and its resource's `Ref`, or `null` for a bucket with no resource of its own. */
const OWN_REFS = new WeakMap<s3.IBucket, { stack: Stack; ref: string } | null>();

/** The directory that holds a home prefix (`home/alice` → `home/`); a top-level home is its own directory. */
export function parentPrefix(prefix: string): string {
  const trimmed = trimSlashes(prefix);
  if (trimmed === '') return '';
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? `${trimmed}/` : trimmed.slice(0, i + 1);
}

/** `s` without leading and trailing `/`. */
export function trimSlashes(s: string): string {
  return s.replace(/^\/+|\/+$/g, '');
}

/**
 * `prefix` with each path segment equal to the user name written `${transfer:UserName}`, so that
 * users whose homes differ only by their names share one session policy.
 */
export function withUserNameVariable(prefix: string, userName: string): string {
  const at = prefix.indexOf(userName);
  if (at < 0 || userName === '' || Token.isUnresolved(userName)) return prefix;
  // The usual home, `<directory>/<user name>`: the name once, as the last segment (the first
  // occurrence is the last one when it ends the prefix).
  if (at === prefix.length - userName.length && (at === 0 || prefix[at - 1] === '/')) {
    return `${prefix.slice(0, at)}\${transfer:UserName}`;
  }
  return prefix.split('/').map((seg) => (seg === userName ? '${transfer:UserName}' : seg)).join('/');
}
