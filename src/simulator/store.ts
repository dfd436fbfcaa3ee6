/**
 * The files a simulated workflow works on: S3 objects by deployed bucket name and key, EFS files by
 * file system id and path. Bodies are text; entity tags are the MD5 of the body, as S3 computes them for
 * objects uploaded in one part.
 */
import { createHash } from 'crypto';
import { SimulatedObject } from './results';

/** An object or file as the store holds it. */
export interface StoredFile {
  readonly body: string;
  readonly tags: Record<string, string>;
  readonly eTag: string;
  readonly versionId?: string;
}

/** Where a file is: an S3 object, or an EFS file. */
export type FileRef =
  | { readonly domain: 'S3'; readonly bucket: string; readonly key: string }
  | { readonly domain: 'EFS'; readonly fileSystemId: string; readonly path: string };

/** A file's place as one string, for messages. */
export function describeFile(f: FileRef): string {
  return f.domain === 'S3' ? `s3://${f.bucket}/${f.key}` : `${f.fileSystemId}:${f.path}`;
}

export class FileStore {
  /** A stored file as users see it. */
  public static view(file: StoredFile, withTags: boolean): SimulatedObject {
    return withTags ? { body: file.body, tags: { ...file.tags } } : { body: file.body };
  }

  private readonly files = new Map<string, StoredFile>();
  private versions = 0;

  public get(f: FileRef): StoredFile | undefined {
    return this.files.get(this.id(f));
  }

  public exists(f: FileRef): boolean {
    return this.files.has(this.id(f));
  }

  /** Write a file (a new version on a versioned bucket). */
  public put(f: FileRef, body: string, tags: Record<string, string>, versioned: boolean): StoredFile {
    const stored: StoredFile = {
      body,
      tags: f.domain === 'S3' ? { ...tags } : {},
      eTag: createHash('md5').update(body).digest('hex'),
      versionId: versioned ? `v${String(++this.versions).padStart(6, '0')}` : undefined,
    };
    this.files.set(this.id(f), stored);
    return stored;
  }

  /** Replace a file's tags (the version stays the same). */
  public setTags(f: FileRef, tags: Record<string, string>): void {
    const current = this.get(f);
    if (current) this.files.set(this.id(f), { ...current, tags: { ...tags } });
  }

  public delete(f: FileRef): void {
    this.files.delete(this.id(f));
  }

  /** Every file, with its place. */
  public entries(): Array<{ ref: FileRef; file: StoredFile }> {
    return [...this.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, file]) => ({ ref: this.parse(id), file }));
  }

  private id(f: FileRef): string {
    return f.domain === 'S3' ? `S3\u0000${f.bucket}\u0000${f.key}` : `EFS\u0000${f.fileSystemId}\u0000${f.path}`;
  }

  private parse(id: string): FileRef {
    const [domain, a, b] = id.split('\u0000');
    return domain === 'S3' ? { domain: 'S3', bucket: a, key: b } : { domain: 'EFS', fileSystemId: a, path: b };
  }
}
