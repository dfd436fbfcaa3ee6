import { TransferAccess, TransferAccessOptions } from './access';
import { requireObject } from '../private/input';
import type { ITransferServer } from '../server/server-ref';

/** `server.addAccess()`: a `TransferAccess` on `server` (the access's own props are checked by `TransferAccess`). */
export function addAccessTo(server: ITransferServer, id: string, options: TransferAccessOptions): TransferAccess {
  requireObject('TransferServer.addAccess()', 'options', options);
  return new TransferAccess(server, id, { ...options, server });
}
