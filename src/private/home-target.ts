import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { FileLocation } from '../file-location';

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
  const resource = bucket.node.defaultChild;
  if (resource !== undefined && CfnResource.isCfnResource(resource) && resource.cfnResourceType === s3.CfnBucket.CFN_RESOURCE_TYPE_NAME
    && Stack.of(bucket) === Stack.of(scope)) {
    return resource.ref;
  }
  return bucket.bucketName;
}

/**
 * `/<bucket>/<key>` or `/<file-system-id><path>`, as the service takes targets; with `scope`, the
 * bucket's name as that scope's template reads it (see `bucketNameIn`).
 */
export function targetOf(location: FileLocation, scope?: IConstruct): string {
  if (location.bucket) {
    const key = location.key ?? '';
    return `/${bucketNameIn(location.bucket, scope)}${key === '' ? '' : `/${key.replace(/^\/+/, '')}`}`.replace(/\/+$/, '') || '/';
  }
  const path = location.path ?? '/';
  const fsId = location.fileSystem!.fileSystemId;
  return `/${fsId}${path.startsWith('/') || Token.isUnresolved(path) ? '' : '/'}${path}`.replace(/(.)\/+$/, '$1');
}
