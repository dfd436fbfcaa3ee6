import { Aws, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import type { HomeDirectory } from './home-directory';
import type { BucketGrants } from './home-grants';
import { bucketNameIn, withUserNameVariable } from '../location/paths';
import { KMS_READ_ACTIONS, KMS_WRITE_ACTIONS, S3_READ_ACTIONS, S3_WRITE_ACTIONS } from '../private/iam-actions';

/** What S3 needs of a bucket's KMS key, only through S3 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html). */
export function s3ViaService(bucket: s3.IBucket): string {
  return `s3.${bucket.env.region}.amazonaws.com`;
}

/**
 * Whether S3 Bucket Keys may be on for `bucket`. With them, S3 asks KMS for the bucket's data key with
 * the bucket's ARN as encryption context instead of each object's ARN. Known for a bucket of this app
 * whose encryption is written out; taken as "may be" for an imported bucket or an unresolved setting.
 */
function bucketKeysMayBeOn(bucket: s3.IBucket): boolean {
  const cfn = bucket.node.defaultChild;
  if (!(cfn instanceof s3.CfnBucket)) return true;
  const encryption = cfn.bucketEncryption;
  if (encryption === undefined) return false;
  if (Token.isUnresolved(encryption)) return true;
  const rules = (encryption as s3.CfnBucket.BucketEncryptionProperty).serverSideEncryptionConfiguration;
  if (Token.isUnresolved(rules)) return true;
  return (rules as Array<s3.CfnBucket.ServerSideEncryptionRuleProperty | unknown>).some((rule) => {
    if (Token.isUnresolved(rule)) return true;
    const enabled = (rule as s3.CfnBucket.ServerSideEncryptionRuleProperty).bucketKeyEnabled;
    return enabled === true || Token.isUnresolved(enabled);
  });
}

/**
 * The session policy that narrows a role to one user's home: per bucket, one statement to list the
 * home's prefixes; one statement to read (and unless read-only, write) the home's objects in every
 * bucket; and per bucket encrypted with a customer managed key, one to use that key through S3 for
 * those objects only.
 *
 * Statements are grouped so that a home of many mappings fits the 2048 characters a session policy
 * may have. Path segments equal to the user name are written `${transfer:UserName}`, so users
 * with the same layout get the same policy. Each mapping writes its part (`DirectoryMapping._addToPolicy`):
 * a DIRECTORY mapping grants the prefix's objects, a FILE mapping the one object, an EFS mapping nothing.
 */
export function homeSessionPolicy(home: HomeDirectory, userName: string, readOnly: boolean, scope: IConstruct): iam.PolicyDocument {
  return new iam.PolicyDocument({ statements: homeStatements(home, userName, readOnly, scope, true) });
}

/**
 * The statements of `homeSessionPolicy`. With `variables` false, the user name is written as it is:
 * Transfer Family's policy variables are substituted in session policies only, never in a role's
 * policies (https://docs.aws.amazon.com/transfer/latest/userguide/users-policies-session.html).
 */
export function homeStatements(
  home: HomeDirectory, userName: string, readOnly: boolean, scope: IConstruct, variables: boolean,
): iam.PolicyStatement[] {
  const parts = new Map<string, BucketPart>();
  home._addToPolicy({
    bucket: (bucket) => {
      const id = bucket.node.addr;
      let part = parts.get(id);
      if (!part) {
        part = { bucket, arn: `arn:${Aws.PARTITION}:s3:::${bucketNameIn(bucket, scope)}`, listPrefixes: [], objects: [] };
        parts.set(id, part);
      }
      return part;
    },
    key: variables ? (key) => withUserNameVariable(key, userName) : (key) => key.split(USER_NAME_VARIABLE).join(userName),
  });
  const statements: iam.PolicyStatement[] = [];
  const objects: string[] = [];
  for (const part of parts.values()) {
    const prefixes = part.listPrefixes === undefined ? undefined : [...new Set(part.listPrefixes)];
    statements.push(new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [part.arn],
      conditions: prefixes === undefined ? undefined : { StringLike: { 's3:prefix': prefixes } },
    }));
    objects.push(...part.objects);
  }
  // Object ARNs name their bucket: one statement holds them all, and grants nothing across buckets.
  if (objects.length > 0) {
    statements.push(new iam.PolicyStatement({ actions: readOnly ? S3_READ_ACTIONS : S3_WRITE_ACTIONS, resources: [...new Set(objects)] }));
  }
  for (const part of parts.values()) {
    const key = part.bucket.encryptionKey;
    if (!key) continue;
    // The encryption context S3 passes is the object's ARN, or the bucket's with S3 Bucket Keys.
    const contexts = [...new Set(part.objects)];
    if (bucketKeysMayBeOn(part.bucket)) contexts.push(part.arn);
    statements.push(new iam.PolicyStatement({
      actions: readOnly ? KMS_READ_ACTIONS : KMS_WRITE_ACTIONS,
      resources: [key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': s3ViaService(part.bucket) },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': contexts },
      },
    }));
  }
  return statements;
}

/** A bucket's grants, and the bucket (for its KMS key). */
interface BucketPart extends BucketGrants {
  readonly bucket: s3.IBucket;
}

const USER_NAME_VARIABLE = '${transfer:UserName}';

/** Every S3 and KMS action that writes, denied whatever else a session policy allows. */
const WRITE_ACTIONS_DENIED = ['s3:Put*', 's3:Delete*', 's3:Restore*', 's3:Replicate*', 's3:AbortMultipartUpload', 'kms:GenerateDataKey*', 'kms:Encrypt', 'kms:ReEncrypt*'];

/**
 * `given` made read-only: its statements, and a statement that denies every write. A deny wins over any
 * allow of the role or of `given`, so the user cannot write whatever they say.
 */
export function readOnlyPolicy(given: iam.PolicyDocument): iam.PolicyDocument {
  const json = given.toJSON() as { Statement?: unknown[] } | undefined;
  return iam.PolicyDocument.fromJson({
    Version: '2012-10-17',
    Statement: [
      ...(json?.Statement ?? []),
      { Effect: 'Deny', Action: WRITE_ACTIONS_DENIED, Resource: '*' },
    ],
  });
}
