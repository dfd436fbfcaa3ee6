import { Token } from 'aws-cdk-lib';
import { FileLocation } from '../file-location';

/** `/<bucket>/<key>` or `/<file-system-id><path>`, as the service takes targets. */
export function targetOf(location: FileLocation): string {
  if (location.bucket) {
    const key = location.key ?? '';
    return `/${location.bucket.bucketName}${key === '' ? '' : `/${key.replace(/^\/+/, '')}`}`.replace(/\/+$/, '') || '/';
  }
  const path = location.path ?? '/';
  const fsId = location.fileSystem!.fileSystemId;
  return `/${fsId}${path.startsWith('/') || Token.isUnresolved(path) ? '' : '/'}${path}`.replace(/(.)\/+$/, '$1');
}
