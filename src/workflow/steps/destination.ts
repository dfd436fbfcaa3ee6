import { API, CFN, knownText, StepPermissions, StepSubject, stepRules, UG, WorkflowStep } from './base';
import { WorkflowStepOptions } from './options';
import type { FileLocation } from '../../location/file-location';
import { BUCKET_MEMBERS, FILE_SYSTEM_MEMBERS } from '../../location/members';
import { EFS_WRITE_ACTIONS, KMS_WRITE_ACTIONS } from '../../private/iam-actions';
import { optionalBoolean, optionalMembers, requireMembers } from '../../private/input';
import { quote } from '../../validation/rules';

/** An S3 location as the template holds it. */
export interface RenderedS3Location {
  readonly bucket: string;
  readonly key: string;
}

/** An EFS location as the template holds it. */
export interface RenderedEfsLocation {
  readonly fileSystemId: string;
  readonly path: string;
}

/** The options of a step that writes the file somewhere. */
interface DestinationOptions extends WorkflowStepOptions {
  readonly destination: FileLocation;
  readonly overwriteExisting?: boolean;
}

/**
 * A step that writes a file to a destination (copy, decrypt): the new file is what the next step's
 * `${previous.file}` is. The destination rules are theirs.
 */
export abstract class DestinationStep extends WorkflowStep {
  /** Where the step writes. */
  public readonly destination: FileLocation;
  /** `overwriteExisting` as given. */
  public readonly overwriteExisting?: boolean;

  constructor(stepType: string, label: string, where: string, options: DestinationOptions) {
    super(stepType, label, where, options);
    this.destination = requireLocation(where, 'destination', options.destination);
    this.overwriteExisting = optionalBoolean(where, 'overwriteExisting', options.overwriteExisting);
  }

  /** @internal */
  public get _produces(): FileLocation {
    return this.destination;
  }

  /**
   * The S3 destination as the template holds it.
   *
   * @internal
   */
  public _s3Destination(): RenderedS3Location | undefined {
    const d = this.destination;
    return d.bucket ? { bucket: d.bucket.bucketName, key: d.key ?? '' } : undefined;
  }

  /**
   * The EFS destination as the template holds it.
   *
   * @internal
   */
  public _efsDestination(): RenderedEfsLocation | undefined {
    const d = this.destination;
    return d.fileSystem ? { fileSystemId: d.fileSystem.fileSystemId, path: d.path ?? '' } : undefined;
  }

  /** `OverwriteExisting` as the template holds it: `TRUE`, `FALSE`, or absent (the service's default, FALSE). */
  protected overwriteValue(): 'TRUE' | 'FALSE' | undefined {
    return this.overwriteExisting === undefined ? undefined : this.overwriteExisting === true ? 'TRUE' : 'FALSE';
  }

  /** The details two steps writing the same file to the same place share. */
  protected destinationIdentity(): unknown {
    return {
      type: this.stepType,
      source: this.source,
      s3: this._s3Destination(),
      efs: this._efsDestination(),
      overwrite: this.overwriteValue() ?? 'FALSE',
    };
  }

  /** Grant writing at the destination, and listing its bucket to look for a file of the same name. */
  protected grantDestination(permissions: StepPermissions, s3Actions: string[]): void {
    const destination = this.destination;
    permissions.atDestination(destination, s3Actions, EFS_WRITE_ACTIONS, KMS_WRITE_ACTIONS);
    // Unless the template says TRUE, the service first looks for a file of the same name at the
    // destination (and stops the workflow if there is one): that check lists the bucket.
    if (destination.bucket && this.overwriteValue() !== 'TRUE') permissions.allow(destination.bucket.bucketArn, ['s3:ListBucket']);
  }
}

/**
 * `value` is a `FileLocation` (`FileLocation.s3()` or `FileLocation.efs()`, which check their bucket or
 * file system). A location with neither, from JavaScript, renders no destination: the rules say so.
 */
function requireLocation(where: string, prop: string, value: unknown): FileLocation {
  const location = requireMembers(where, prop, value as FileLocation, 'a FileLocation (`FileLocation.s3(bucket, key)` or `FileLocation.efs(fileSystem, path)`)', ['isS3']);
  optionalMembers(where, `${prop}.bucket`, location.bucket, 'an s3.IBucket', BUCKET_MEMBERS);
  optionalMembers(where, `${prop}.fileSystem`, location.fileSystem, 'an efs.IFileSystem', FILE_SYSTEM_MEMBERS);
  return location;
}

/** The IAM page on policy variables: `${...}` in a resource ARN, and `*` and `?` as wildcards. */
const IAM_VARIABLES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';
const BUCKET_NAME = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;
const FILE_SYSTEM_ID = /^(arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:(access-point\/fsap|file-system\/fs)-[0-9a-f]{8,40}|fs(ap)?-[0-9a-f]{8,40})$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/u;
/**
 * The variables the service replaces in a destination (the user guide writes `${transfer:...}`, the API
 * Reference `${Transfer:...}`).
 */
const DESTINATION_VARIABLES = /^\$\{[Tt]ransfer:(UserName|UploadDate)\}$/;

/** The S3 destination key as the template holds it; `undefined` when there is none or the key is a token. */
function knownKey(step: StepSubject): string | undefined {
  return knownText(step.s3Destination?.key);
}

/** What in a destination key the execution role would read as a wildcard, or a variable the service leaves as written. */
function wideningParts(key: string): string[] {
  const out: string[] = [];
  let rest = key;
  for (const m of key.matchAll(/\$\{[^}]*\}?/g)) {
    if (!DESTINATION_VARIABLES.test(m[0])) out.push(`the variable ${quote(m[0])}`);
    rest = rest.replace(m[0], '');
  }
  for (const w of ['*', '?']) if (rest.includes(w)) out.push(`the wildcard ${quote(w)}`);
  return out;
}

function describeCharacter(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The rules of the destinations of copy and decrypt steps, as the template holds them. */
export const DESTINATION_RULES = stepRules(['COPY', 'DECRYPT'], [
  {
    id: 'workflow/bucket-name',
    severity: 'error',
    summary: 'A destination bucket name is 3 to 63 lowercase letters, digits, `.` and `-`.',
    reason: 'The service accepts bucket names matching [a-z0-9][.\\-a-z0-9]{1,61}[a-z0-9]',
    source: `${API}/API_S3InputFileLocation.html`,
    fix: 'pass the bucket\'s real name (`s3.Bucket.fromBucketName(this, id, name)`), not its ARN or URL',
    check: (e) => {
      const name = knownText(e.subject.s3Destination?.bucket);
      return name !== undefined && !BUCKET_NAME.test(name) ? [`${e.label} writes to the bucket ${quote(name)}`] : [];
    },
  },
  {
    id: 'workflow/s3-key-length',
    severity: 'error',
    summary: 'A destination key is at most 1024 bytes (UTF-8).',
    reason: 'The service\'s destination Key is at most 1024 characters, and an S3 key at most 1024 bytes of UTF-8',
    source: `${API}/API_S3InputFileLocation.html; https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html`,
    fix: 'shorten the `key` of the destination (`FileLocation.s3(bucket, key)`)',
    check: (e) => {
      const key = knownKey(e.subject);
      if (key === undefined) return [];
      const bytes = Buffer.byteLength(key, 'utf8');
      if (bytes <= 1024) return [];
      return [`${e.label} has a destination key of ${bytes === key.length ? `${bytes} characters` : `${bytes} bytes (${[...key].length} characters)`}`];
    },
  },
  {
    id: 'workflow/s3-key-characters',
    severity: 'error',
    summary: 'A destination key has no control characters.',
    reason: 'The service\'s destination Key matches .*, which takes no line breaks, and S3 lists the ASCII control characters '
      + '(0x00 to 0x1F and 0x7F) among the characters to avoid in keys: XML 1.0, in which S3 lists keys, cannot carry most of them',
    source: `${API}/API_S3InputFileLocation.html; https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html`,
    fix: 'remove tabs, line breaks and other control characters from the `key` of the destination (`FileLocation.s3(bucket, key)`)',
    check: (e) => {
      const key = knownKey(e.subject);
      const bad = key === undefined ? null : CONTROL.exec(key);
      return bad ? [`${e.label} has the destination key ${quote(key!)}, with the control character ${describeCharacter(bad[0])}`] : [];
    },
  },
  {
    id: 'workflow/destination-key-widens-role',
    severity: 'error',
    summary: 'A destination key uses no IAM wildcard (`*`, `?`) and no variable but `${transfer:UserName}` and `${transfer:UploadDate}`.',
    reason: 'The execution role may write only where the step writes: its policy names the destination key in an IAM resource ARN, '
      + 'where `*` and `?` are wildcards and each `${...}` is written `*` (the service replaces only `${transfer:UserName}` and `${transfer:UploadDate}`); '
      + 'a wildcard or another variable would let the role write to keys the step never writes',
    source: `${UG}/nominal-steps-workflow.html; ${API}/API_CopyStepDetails.html; ${IAM_VARIABLES}`,
    fix: 'remove `*` and `?` from the key, and use only `${transfer:UserName}` and `${transfer:UploadDate}` in it',
    check: (e) => {
      const key = knownKey(e.subject);
      if (key === undefined) return [];
      const parts = wideningParts(key);
      return parts.length === 0 ? [] : [`${e.label} has the destination key ${quote(key)}, with ${parts.join(' and ')}`];
    },
  },
  {
    id: 'workflow/efs-file-system-id',
    severity: 'error',
    summary: 'A destination file system is an EFS file system id (`fs-` and 8 to 40 hexadecimal digits) or ARN, of at most 128 characters.',
    reason: 'The service accepts FileSystemId matching fs(ap)?-[0-9a-f]{8,40} or an elasticfilesystem ARN of a file system or access point, at most 128 characters',
    source: `${API}/API_EfsFileLocation.html; ${CFN}/aws-properties-transfer-workflow-efsinputfilelocation.html`,
    fix: 'pass the file system itself, or import it with its id (`efs.FileSystem.fromFileSystemAttributes(this, id, { fileSystemId: \'fs-...\', securityGroup })`)',
    check: (e) => {
      const id = knownText(e.subject.efsDestination?.fileSystemId);
      if (id === undefined) return [];
      const out: string[] = [];
      if (!FILE_SYSTEM_ID.test(id)) out.push(`${e.label} writes to the file system ${quote(id)}`);
      if (id.length > 128) out.push(`${e.label} writes to a file system id of ${id.length} characters`);
      return out;
    },
  },
  {
    id: 'workflow/efs-path',
    severity: 'error',
    summary: 'A destination path in EFS is 1 to 65536 characters, none of them NUL.',
    reason: 'The service accepts EFS paths of 1 to 65536 characters matching [^\\x00]+',
    source: `${API}/API_EfsFileLocation.html`,
    fix: 'give `FileLocation.efs(fileSystem, path)` a path such as `/decrypted/`',
    check: (e) => {
      const path = knownText(e.subject.efsDestination?.path);
      if (path === undefined) return [];
      const n = path.length;
      const out = n >= 1 && n <= 65536 ? [] : [`${e.label} has a destination path of ${n} characters`];
      if (path.includes('\u0000')) out.push(`${e.label} has a destination path with the character U+0000 (NUL)`);
      return out;
    },
  },
]);
