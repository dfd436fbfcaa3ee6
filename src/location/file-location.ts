import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BUCKET_MEMBERS, FILE_SYSTEM_MEMBERS } from './members';
import { requireMembers, requireString } from '../private/input';

/**
 * A place files live: a key (prefix) in an S3 bucket, or a path in an EFS file system.
 * Used for users' homes and for workflow steps' destinations.
 */
export class FileLocation {
  /**
   * A key or prefix in an S3 bucket, without a leading `/` (e.g. `archive/${transfer:UserName}/`).
   * Workflow destinations may use `${transfer:UserName}` and `${transfer:UploadDate}`.
   */
  public static s3(bucket: s3.IBucket, key: string): FileLocation {
    const where = 'FileLocation.s3()';
    requireMembers(where, 'bucket', bucket, 'an s3.IBucket', BUCKET_MEMBERS);
    requireString(where, 'key', key);
    return new FileLocation(bucket, key.replace(/^\/+/, ''), undefined, undefined);
  }

  /** A path in an EFS file system, starting with `/`. */
  public static efs(fileSystem: efs.IFileSystem, path: string): FileLocation {
    const where = 'FileLocation.efs()';
    requireMembers(where, 'fileSystem', fileSystem, 'an efs.IFileSystem', FILE_SYSTEM_MEMBERS);
    requireString(where, 'path', path);
    return new FileLocation(undefined, undefined, fileSystem, path);
  }

  /** The bucket (S3 locations). */
  public readonly bucket?: s3.IBucket;
  /** The key or prefix in the bucket (S3 locations). */
  public readonly key?: string;
  /** The file system (EFS locations). */
  public readonly fileSystem?: efs.IFileSystem;
  /** The path in the file system (EFS locations). */
  public readonly path?: string;

  private constructor(bucket?: s3.IBucket, key?: string, fileSystem?: efs.IFileSystem, path?: string) {
    this.bucket = bucket;
    this.key = key;
    this.fileSystem = fileSystem;
    this.path = path;
  }

  /** Whether this is an S3 location. */
  public get isS3(): boolean {
    return this.bucket !== undefined;
  }
}
