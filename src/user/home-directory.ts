import { Token } from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import type { HomePolicy, SharedRoleCover } from './home-grants';
import { FileLocation } from '../location/file-location';
import { bucketNameIn, trimSlashes, withUserNameVariable } from '../location/paths';
import { invalid, optionalBoolean, optionalEnum, requireMembers, requireObject, requireString } from '../private/input';
import { Domain } from '../server/protocol';
import { known, quote } from '../validation/rules';

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

/** A directory mapping as `AWS::Transfer::User` holds it (`HomeDirectoryMappings`). */
export interface DirectoryMappingConfig {
  /** The path the user sees. */
  readonly entry: string;
  /** Where the files really are, `/<bucket>/<key>` or `/<file-system-id>/<path>`. */
  readonly target: string;
  /**
   * Directory or file.
   *
   * @default - the service default, DIRECTORY
   */
  readonly type?: MappingType;
}

/** A home directory as `AWS::Transfer::User` holds it. */
export interface HomeDirectoryConfig {
  /** `HomeDirectoryType`: PATH or LOGICAL. */
  readonly homeDirectoryType: string;
  /**
   * `HomeDirectory`, the landing directory of a PATH home.
   *
   * @default - none (a LOGICAL home)
   */
  readonly homeDirectory?: string;
  /**
   * `HomeDirectoryMappings`, the tree of a LOGICAL home.
   *
   * @default - none (a PATH home)
   */
  readonly homeDirectoryMappings?: DirectoryMappingConfig[];
}

/** What a storage is to the service. */
interface StorageKind {
  /** The storage domain a server needs to serve it. */
  readonly domain: Domain;
  /** Whether a session policy narrows a user's access there (S3 only: EFS ignores session policies). */
  readonly sessionPolicyApplies: boolean;
  /** The shape of a target there, for messages. */
  readonly targetForm: string;
}

const S3_KIND: StorageKind = { domain: Domain.S3, sessionPolicyApplies: true, targetForm: '/<bucket>/<prefix>' };
const EFS_KIND: StorageKind = { domain: Domain.EFS, sessionPolicyApplies: false, targetForm: '/<file-system-id>/<path>' };

/** A mapping's target as deployed, at most: its length, and whether that is a lower bound (a name unknown here). */
interface TargetLength {
  readonly length: number;
  readonly atLeast: boolean;
}

/**
 * One entry of a logical home directory: what the user sees (`entry`) and where it really is.
 *
 * Each storage is a variant of its own (`DirectoryMapping.s3()`, `DirectoryMapping.efs()`): it renders its
 * target, says what the user's permissions hold for it, and what the rules judge of it.
 */
export abstract class DirectoryMapping {
  /** Show `key` of `bucket` (a prefix, or a file) to the user as `entry` (an absolute path, e.g. `/in`). */
  public static s3(entry: string, bucket: s3.IBucket, key: string, options?: DirectoryMappingOptions): DirectoryMapping {
    const where = 'DirectoryMapping.s3()';
    requireString(where, 'entry', entry);
    checkS3(where, bucket, key, 'key');
    return new S3DirectoryMapping(entry, bucket, key, mappingType(where, options));
  }

  /** Show `path` of an EFS file system to the user as `entry`. */
  public static efs(entry: string, fileSystem: efs.IFileSystem, path: string, options?: DirectoryMappingOptions): DirectoryMapping {
    const where = 'DirectoryMapping.efs()';
    requireString(where, 'entry', entry);
    checkEfs(where, fileSystem, path);
    return new EfsDirectoryMapping(entry, fileSystem, path, mappingType(where, options));
  }

  /**
   * What the mapping's storage is to the service.
   *
   * @internal
   */
  public abstract readonly _kind: StorageKind;

  /**
   * The storage (a bucket, a file system): users of a server whose homes are in the same storages share a role.
   *
   * @internal
   */
  public abstract readonly _storage: IConstruct;

  protected constructor(
    /** The path the user sees. */
    public readonly entry: string,
    /** Where the files really are. */
    public readonly location: FileLocation,
    /** Directory or file. */
    public readonly type?: MappingType,
  ) {}

  /** The mapping's target as the service takes it: `/<bucket>/<key>` or `/<file-system-id>/<path>`. */
  public get target(): string {
    return this._target();
  }

  /** The mapping as the template of a user in `scope` holds it. */
  public bind(scope: IConstruct): DirectoryMappingConfig {
    return { entry: this.entry, target: this._target(scope), type: this.type };
  }

  /**
   * The target: with `scope`, the storage's name as that scope's template reads it; with `name`, that
   * name instead (a stand-in of the deployed name's length, for measuring).
   *
   * @internal
   */
  public abstract _target(scope?: IConstruct, name?: string): string;

  /**
   * Write this mapping's part of the user's permissions (session policy, or own role) into `policy`.
   *
   * @internal
   */
  public abstract _addToPolicy(policy: HomePolicy): void;

  /**
   * Cover this mapping with the role shared by the server's users.
   *
   * @internal
   */
  public abstract _coverSharedRole(role: SharedRoleCover): void;

  /**
   * The target's length as deployed, at most (see the `user/mapping-paths` rule).
   *
   * @internal
   */
  public abstract _deployedTargetLength(): TargetLength;

  /**
   * What is wrong with the path of this mapping's storage, for the `user/mapping-paths` rule.
   *
   * @internal
   */
  public abstract _pathProblems(): string[];

  /**
   * This mapping's part of the layout of a session policy: the users of a server with the same layout share one.
   *
   * @internal
   */
  public _policyLayout(userName: string): string {
    const l = this.location;
    return `${this._storage.node.addr}:${withUserNameVariable(trimSlashes(l.key ?? l.path ?? ''), userName)}:${this.type ?? ''}`;
  }
}

/** A key or prefix of an S3 bucket. */
class S3DirectoryMapping extends DirectoryMapping {
  public readonly _kind = S3_KIND;

  constructor(entry: string, private readonly bucket: s3.IBucket, key: string, type?: MappingType) {
    super(entry, FileLocation.s3(bucket, key), type);
  }

  public get _storage(): IConstruct {
    return this.bucket;
  }

  /** The key as the location holds it (no leading `/`). */
  private get key(): string {
    return this.location.key ?? '';
  }

  public _target(scope?: IConstruct, name?: string): string {
    const key = this.key;
    return `/${name ?? bucketNameIn(this.bucket, scope)}${key === '' ? '' : `/${key.replace(/^\/+/, '')}`}`.replace(/\/+$/, '') || '/';
  }

  /**
   * A DIRECTORY mapping grants the prefix's objects and lists the prefix (the whole bucket at its root),
   * a FILE mapping the one object.
   */
  public _addToPolicy(policy: HomePolicy): void {
    const part = policy.bucket(this.bucket);
    const key = policy.key(trimSlashes(this.key));
    if (this.type === MappingType.FILE) {
      part.objects.push(`${part.arn}/${key}`);
      part.listPrefixes?.push(key);
      return;
    }
    if (key === '') {
      part.objects.push(`${part.arn}/*`);
      part.listPrefixes = undefined;
      return;
    }
    part.objects.push(`${part.arn}/${key}/*`);
    part.listPrefixes?.push(`${key}/*`, key);
  }

  public _coverSharedRole(role: SharedRoleCover): void {
    role.coverBucket(this.bucket, this.key);
  }

  /** A bucket name this app knows counts as deployed; any other as the shortest, 3 characters. */
  public _deployedTargetLength(): TargetLength {
    return deployedLength(this, knownBucketName(this.bucket), 3, this.key);
  }

  public _pathProblems(): string[] {
    return [];
  }
}

/** A path of an EFS file system. */
class EfsDirectoryMapping extends DirectoryMapping {
  public readonly _kind = EFS_KIND;

  constructor(entry: string, private readonly fileSystem: efs.IFileSystem, private readonly path: string, type?: MappingType) {
    super(entry, FileLocation.efs(fileSystem, path), type);
  }

  public get _storage(): IConstruct {
    return this.fileSystem;
  }

  public _target(_scope?: IConstruct, name?: string): string {
    const path = this.path;
    const fsId = name ?? this.fileSystem.fileSystemId;
    return `/${fsId}${path.startsWith('/') || Token.isUnresolved(path) ? '' : '/'}${path}`.replace(/(.)\/+$/, '$1');
  }

  /** Nothing: EFS ignores session policies, the POSIX profile narrows the user. */
  public _addToPolicy(_policy: HomePolicy): void {}

  public _coverSharedRole(role: SharedRoleCover): void {
    role.coverFileSystem(this.fileSystem);
  }

  /** A file system id this app knows counts as deployed; any other as the shortest, 11 characters. */
  public _deployedTargetLength(): TargetLength {
    return deployedLength(this, known(this.fileSystem.fileSystemId), 11, this.path);
  }

  public _pathProblems(): string[] {
    const path = known(this.path);
    return path !== undefined && !path.startsWith('/') ? [`EFS path ${quote(path)} does not start with "/"`] : [];
  }
}

/**
 * The length of a mapping's target as deployed: the storage's name at its deployed length when this app
 * knows it, else at its `shortest`; a key or path known at deployment only counts for nothing. So the
 * rule never reports a target that may fit.
 */
function deployedLength(mapping: DirectoryMapping, name: string | undefined, shortest: number, rest: string): TargetLength {
  const stand = name ?? 'x'.repeat(shortest);
  if (Token.isUnresolved(rest)) return { length: stand.length + 1, atLeast: true };
  return { length: mapping._target(undefined, stand).length, atLeast: name === undefined };
}

/** A bucket's name when this app knows it: given literally, or the `bucketName` of a bucket created here. */
function knownBucketName(bucket: s3.IBucket): string | undefined {
  const name = known(bucket.bucketName);
  if (name !== undefined) return name;
  const cfn = bucket.node.defaultChild;
  return cfn instanceof s3.CfnBucket ? known(cfn.bucketName) : undefined;
}

/**
 * Where a user lands and what it can see.
 *
 * - `chroot`: the user sees its home as `/` and nothing above it (a LOGICAL home with one mapping).
 * - `path`: the user starts in its home but paths are real bucket paths (a PATH home).
 * - `logical`: the user sees a virtual tree of mappings (a LOGICAL home).
 * - `efs`: an EFS home, chrooted by default; the user needs a POSIX profile.
 *
 * Each is a variant of its own, which renders the home for the template; its mappings say what the
 * user's permissions hold.
 */
export abstract class HomeDirectory {
  /** A home the user cannot leave: `/` is `bucket/prefix`. */
  public static chroot(bucket: s3.IBucket, prefix: string): HomeDirectory {
    checkS3('HomeDirectory.chroot()', bucket, prefix, 'prefix');
    return new ChrootHomeDirectory(DirectoryMapping.s3('/', bucket, prefix));
  }

  /** The user starts in `bucket/prefix` and sees real paths (`/bucket/prefix`). */
  public static path(bucket: s3.IBucket, prefix: string): HomeDirectory {
    checkS3('HomeDirectory.path()', bucket, prefix, 'prefix');
    return new PathHomeDirectory(DirectoryMapping.s3('/', bucket, prefix));
  }

  /** A virtual tree of mappings, e.g. `/in` and `/out` in different buckets. */
  public static logical(mappings: DirectoryMapping[]): HomeDirectory {
    const where = 'HomeDirectory.logical()';
    if (!Array.isArray(mappings)) invalid(where, 'mappings', 'an array of DirectoryMapping', mappings);
    mappings.forEach((m, i) => {
      if (!(m instanceof DirectoryMapping)) invalid(where, `mappings[${i}]`, 'a DirectoryMapping (`DirectoryMapping.s3()` or `DirectoryMapping.efs()`)', m);
    });
    // A copy: the home is what was given now, whatever becomes of the caller's array.
    return new LogicalHomeDirectory([...mappings]);
  }

  /** An EFS home at `path` (e.g. `/home/alice`). */
  public static efs(fileSystem: efs.IFileSystem, path: string, options?: EfsHomeDirectoryOptions): HomeDirectory {
    const where = 'HomeDirectory.efs()';
    checkEfs(where, fileSystem, path);
    if (options !== undefined) requireObject(where, 'options', options);
    const chroot = optionalBoolean(where, 'options.chroot', options?.chroot) ?? true;
    const mapping = DirectoryMapping.efs('/', fileSystem, path);
    return chroot ? new ChrootHomeDirectory(mapping) : new PathHomeDirectory(mapping);
  }

  private _locations?: FileLocation[];

  protected constructor(
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

  /**
   * Whether a session policy narrows the user's access to this home (somewhere on S3).
   *
   * @internal
   */
  public get _sessionPolicyApplies(): boolean {
    return this.mappings.some((m) => m._kind.sessionPolicyApplies);
  }

  /** The home as the template of a user in `scope` holds it. */
  public abstract bind(scope: IConstruct): HomeDirectoryConfig;

  /**
   * How a finding names the target of `mapping`.
   *
   * @internal
   */
  public abstract _describeTarget(mapping: DirectoryMapping): string;

  /**
   * Write the home's permissions into `policy`, each mapping its part.
   *
   * @internal
   */
  public _addToPolicy(policy: HomePolicy): void {
    for (const mapping of this.mappings) mapping._addToPolicy(policy);
  }

  /**
   * Cover the home with the role shared by the server's users.
   *
   * @internal
   */
  public _coverSharedRole(role: SharedRoleCover): void {
    for (const mapping of this.mappings) mapping._coverSharedRole(role);
  }

  /**
   * The layout of the home's session policy: users of a server with the same layout share one.
   *
   * @internal
   */
  public _policyLayout(userName: string): string {
    let layout = '';
    for (const mapping of this.mappings) layout += `|${mapping._policyLayout(userName)}`;
    return layout;
  }
}

/** A virtual tree of mappings (`HomeDirectoryType` LOGICAL). */
class LogicalHomeDirectory extends HomeDirectory {
  constructor(mappings: DirectoryMapping[], isChroot = false) {
    super('LOGICAL', mappings, isChroot);
  }

  public bind(scope: IConstruct): HomeDirectoryConfig {
    return { homeDirectoryType: this.homeDirectoryType, homeDirectoryMappings: this.mappings.map((m) => m.bind(scope)) };
  }

  public _describeTarget(mapping: DirectoryMapping): string {
    return `mapping target for ${quote(mapping.entry)}`;
  }
}

/** A home the user cannot leave: one mapping at `/`. */
class ChrootHomeDirectory extends LogicalHomeDirectory {
  constructor(mapping: DirectoryMapping) {
    super([mapping], true);
  }
}

/** A landing directory of real paths (`HomeDirectoryType` PATH). */
class PathHomeDirectory extends HomeDirectory {
  constructor(private readonly home: DirectoryMapping) {
    super('PATH', [home], false);
  }

  public bind(scope: IConstruct): HomeDirectoryConfig {
    return { homeDirectoryType: this.homeDirectoryType, homeDirectory: this.home._target(scope) };
  }

  public _describeTarget(mapping: DirectoryMapping): string {
    return `the home directory (\`${mapping._kind.targetForm}\`)`;
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
