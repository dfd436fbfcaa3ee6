/**
 * The AWS requests behind S3 operations, as IAM authorizes them: the S3 request itself and, for a bucket
 * encrypted with SSE-KMS, the KMS request S3 makes with the caller's permissions
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html): `kms:ViaService` is
 * S3 in the bucket's region, and the encryption context `aws:s3:arn` is the object's ARN, or the
 * bucket's ARN with S3 Bucket Keys (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html).
 *
 * Pure code, shared by the workflow simulator and the access test harness.
 */
import { field, get } from './fields';
import { PARTITION } from './resolve';

/** One request, with its request context keys. */
export interface IamRequest {
  /** `service:Action`, e.g. `s3:GetObject`. */
  readonly action: string;
  /** The resource ARN. */
  readonly resource: string;
  /** Request context keys of the service (the caller's own are added when the request is decided). */
  readonly context?: Record<string, string | string[]>;
}

/** What decides the requests of an S3 operation on a bucket. */
export interface BucketFacts {
  /** The region S3 calls KMS from (`kms:ViaService` = `s3.<region>.amazonaws.com`). */
  readonly region: string;
  /** The SSE-KMS key, when the bucket encrypts with one (`aws:kms` or `aws:kms:dsse`). */
  readonly kmsKeyArn?: string;
  /** Whether S3 Bucket Keys are on (the encryption context is then the bucket's ARN). */
  readonly bucketKey: boolean;
  /** Whether versioning is enabled. */
  readonly versioned: boolean;
}

/** The ARN of a bucket, or of an object in it. */
export function s3Arn(bucket: string, key?: string): string {
  return `arn:${PARTITION}:s3:::${bucket}${key === undefined ? '' : `/${key}`}`;
}

/**
 * The SSE-KMS settings of a bucket as `AWS::S3::Bucket` holds them (`BucketEncryption`, PascalCase as in
 * a template, or camelCase as in aws-cdk-lib's `CfnBucket`), resolved.
 */
export function bucketEncryptionFacts(bucketEncryption: unknown): { kmsKeyArn?: string; bucketKey: boolean } {
  const rule = get(field(bucketEncryption, 'ServerSideEncryptionConfiguration'), '0');
  const byDefault = field(rule, 'ServerSideEncryptionByDefault');
  const algorithm = get(byDefault, 'SSEAlgorithm') ?? get(byDefault, 'sseAlgorithm');
  if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') return { bucketKey: false };
  const key = get(byDefault, 'KMSMasterKeyID') ?? get(byDefault, 'kmsMasterKeyId');
  return {
    // Without a key id, S3 uses the AWS managed key aws/s3, which every principal of the account may use through S3.
    kmsKeyArn: typeof key === 'string' && key !== '' ? key : undefined,
    bucketKey: field(rule, 'BucketKeyEnabled') === true,
  };
}

/** The requests of S3 operations, KMS included. */
export class S3Requests {
  constructor(private readonly factsOf: (bucket: string) => BucketFacts) {}

  /** GetObject (decrypting the object's data key with SSE-KMS). */
  public get(bucket: string, key: string): IamRequest[] {
    return [{ action: 's3:GetObject', resource: s3Arn(bucket, key) }, ...this.kms(bucket, key, 'kms:Decrypt')];
  }

  /** PutObject; multipart uploads also decrypt the data key for each part. */
  public put(bucket: string, key: string): IamRequest[] {
    return [
      { action: 's3:PutObject', resource: s3Arn(bucket, key) },
      ...this.kms(bucket, key, 'kms:GenerateDataKey'),
      ...this.kms(bucket, key, 'kms:Decrypt'),
    ];
  }

  public delete(bucket: string, key: string): IamRequest[] {
    return [{ action: 's3:DeleteObject', resource: s3Arn(bucket, key) }];
  }

  /** ListObjects under `prefix`, one level (`/` as the delimiter). */
  public list(bucket: string, prefix: string): IamRequest[] {
    return [{ action: 's3:ListBucket', resource: s3Arn(bucket), context: { 's3:prefix': prefix, 's3:delimiter': '/' } }];
  }

  public getTagging(bucket: string, key: string): IamRequest[] {
    return [{ action: 's3:GetObjectTagging', resource: s3Arn(bucket, key) }];
  }

  public putTagging(bucket: string, key: string): IamRequest[] {
    return [{ action: 's3:PutObjectTagging', resource: s3Arn(bucket, key) }];
  }

  /** Whether the bucket keeps versions (steps then read and tag the uploaded version). */
  public versioned(bucket: string): boolean {
    return this.factsOf(bucket).versioned;
  }

  /** The KMS request S3 makes with the caller's permissions for an object of an SSE-KMS bucket. */
  private kms(bucket: string, key: string, action: 'kms:Decrypt' | 'kms:GenerateDataKey'): IamRequest[] {
    const facts = this.factsOf(bucket);
    if (facts.kmsKeyArn === undefined) return [];
    return [{
      action,
      resource: facts.kmsKeyArn,
      context: {
        'kms:ViaService': `s3.${facts.region}.amazonaws.com`,
        'kms:EncryptionContext:aws:s3:arn': facts.bucketKey ? s3Arn(bucket) : s3Arn(bucket, key),
        'kms:EncryptionContextKeys': ['aws:s3:arn'],
      },
    }];
  }
}
