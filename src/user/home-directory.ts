import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FileLocation } from '../location/file-location';
import { targetOf } from '../location/paths';
import { invalid, optionalBoolean, optionalEnum, requireMembers, requireObject, requireString } from '../private/input';

/** Whether a mapping's target is a directory or a single file. */
export enum MappingType {
  /** The target is a directory (prefix). */
  DIRECTORY = 'DIRECTORY',
  /** The target is one file (needed with directory listing optimization). */
  FILE = 'FILE',
}

/** Options of a directory mapping. */
export interface DirectoryMappingOptions {
  /**
   * Whether the target is a directory or a file.
   *
   * @default - the service default, DIRECTORY
   */
  readonly type?: MappingType;
}

/** One entry of a logical home directory: what the user sees (`entry`) and where it really is. */
export class DirectoryMapping {
  /** Show `key` of `bucket` (a prefix, or a file) to the user as `entry` (an absolute path, e.g. `/in`). */
  public static s3(entry: string, bucket: s3.IBucket, key: string, options?: DirectoryMappingOptions): DirectoryMapping {
    const where = 'DirectoryMapping.s3()';
    requireString(where, 'entry', entry);
    checkS3(where, bucket, key, 'key');
    return new DirectoryMapping(entry, FileLocation.s3(bucket, key), mappingType(where, options));
  }

  /** Show `path` of an EFS file system to the user as `entry`. */
  public static efs(entry: string, fileSystem: efs.IFileSystem, path: string, options?: DirectoryMappingOptions): DirectoryMapping {
    const where = 'DirectoryMapping.efs()';
    requireString(where, 'entry', entry);
    checkEfs(where, fileSystem, path);
    return new DirectoryMapping(entry, FileLocation.efs(fileSystem, path), mappingType(where, options));
  }

  private constructor(
    /** The path the user sees. */
    public readonly entry: string,
    /** Where the files really are. */
    public readonly location: FileLocation,
    /** Directory or file. */
    public readonly type?: MappingType,
  ) {}

  /** The mapping's target as the service takes it: `/<bucket>/<key>` or `/<file-system-id>/<path>`. */
  public get target(): string {
    return targetOf(this.location);
  }
}

/**
 * Where a user lands and what it can see.
 *
 * - `chroot`: the user sees its home as `/` and nothing above it (a LOGICAL home with one mapping).
 * - `path`: the user starts in its home but paths are real bucket paths (a PATH home).
 * - `logical`: the user sees a virtual tree of mappings (a LOGICAL home).
 * - `efs`: an EFS home, chrooted by default; the user needs a POSIX profile.
 */
export class HomeDirectory {
  /** A home the user cannot leave: `/` is `bucket/prefix`. */
  public static chroot(bucket: s3.IBucket, prefix: string): HomeDirectory {
    checkS3('HomeDirectory.chroot()', bucket, prefix, 'prefix');
    return new HomeDirectory('LOGICAL', [DirectoryMapping.s3('/', bucket, prefix)], true);
  }

  /** The user starts in `bucket/prefix` and sees real paths (`/bucket/prefix`). */
  public static path(bucket: s3.IBucket, prefix: string): HomeDirectory {
    checkS3('HomeDirectory.path()', bucket, prefix, 'prefix');
    return new HomeDirectory('PATH', [DirectoryMapping.s3('/', bucket, prefix)], false);
  }

  /** A virtual tree of mappings, e.g. `/in` and `/out` in different buckets. */
  public static logical(mappings: DirectoryMapping[]): HomeDirectory {
    const where = 'HomeDirectory.logical()';
    if (!Array.isArray(mappings)) invalid(where, 'mappings', 'an array of DirectoryMapping', mappings);
    mappings.forEach((m, i) => {
      if (!(m instanceof DirectoryMapping)) invalid(where, `mappings[${i}]`, 'a DirectoryMapping (`DirectoryMapping.s3()` or `DirectoryMapping.efs()`)', m);
    });
    // A copy: the home is what was given now, whatever becomes of the caller's array.
    return new HomeDirectory('LOGICAL', [...mappings], false);
  }

  /** An EFS home at `path` (e.g. `/home/alice`). */
  public static efs(fileSystem: efs.IFileSystem, path: string, options?: EfsHomeDirectoryOptions): HomeDirectory {
    const where = 'HomeDirectory.efs()';
    checkEfs(where, fileSystem, path);
    if (options !== undefined) requireObject(where, 'options', options);
    const chroot = optionalBoolean(where, 'options.chroot', options?.chroot) ?? true;
    return new HomeDirectory(chroot ? 'LOGICAL' : 'PATH', [DirectoryMapping.efs('/', fileSystem, path)], chroot);
  }

  private _locations?: FileLocation[];

  private constructor(
    /** The CloudFormation `HomeDirectoryType`, PATH or LOGICAL. */
    public readonly homeDirectoryType: string,
    /** The mappings (for PATH homes: the single home location). */
    public readonly mappings: DirectoryMapping[],
    /** Whether the home is a chroot (one mapping at `/`). */
    public readonly isChroot: boolean,
  ) {}

  /** The places this home gives access to. */
  public get locations(): FileLocation[] {
    this._locations ??= this.mappings.map((m) => m.location);
    return this._locations;
  }
}

/** Options of an EFS home directory. */
export interface EfsHomeDirectoryOptions {
  /**
   * Keep the user inside its home (`/` is the home path).
   *
   * @default true
   */
  readonly chroot?: boolean;
}

/** `bucket` looks like an `s3.IBucket` and `key` is a string (a token counts), or `where` throws naming the prop. */
function checkS3(where: string, bucket: unknown, key: unknown, keyProp: string): void {
  requireMembers(where, 'bucket', bucket, 'an s3.IBucket', ['bucketName', 'bucketArn', 'node']);
  requireString(where, keyProp, key);
}

/** `fileSystem` looks like an `efs.IFileSystem` and `path` is a string (a token counts). */
function checkEfs(where: string, fileSystem: unknown, path: unknown): void {
  requireMembers(where, 'fileSystem', fileSystem, 'an efs.IFileSystem', ['fileSystemId', 'fileSystemArn', 'node']);
  requireString(where, 'path', path);
}

/** The mapping type of `options`, checked. */
function mappingType(where: string, options: DirectoryMappingOptions | undefined): MappingType | undefined {
  if (options === undefined) return undefined;
  requireObject(where, 'options', options);
  return optionalEnum(where, 'options.type', options.type, Object.values(MappingType));
}
