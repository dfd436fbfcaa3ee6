import { Construct } from 'constructs';
import { invalid, optionalArray, optionalNumber, requireId, requireMembers, requireObject } from '../private/input';
import type { ITransferServer, PosixProfile } from '../server/server-ref';

// Input checks shared by the constructs that give a server's clients a home: `TransferUser` and
// `TransferAccess` (a directory group's access) take the same server, home and POSIX profile.

/** `profile` checked: uid and gid numbers, secondary gids an array of numbers (tokens count), or an Error naming the prop. */
export function readPosixProfile(where: string, profile: PosixProfile | undefined): PosixProfile | undefined {
  if (profile === undefined) return undefined;
  requireObject(where, 'posixProfile', profile);
  const id = (prop: string, v: unknown) => optionalNumber(where, prop, v) ?? invalid(where, prop, 'a number', v);
  return {
    uid: id('posixProfile.uid', profile.uid),
    gid: id('posixProfile.gid', profile.gid),
    secondaryGids: optionalArray(where, 'posixProfile.secondaryGids', profile.secondaryGids, (v, name) => id(name, v)),
  };
}

/** `server` looks like an `ITransferServer`, or `where` throws naming the prop. */
export function requireServer(where: string, server: ITransferServer): ITransferServer {
  return requireMembers(where, 'server', server, 'an ITransferServer (a `TransferServer` or an import)', ['serverId', 'node', 'addHomeLocation']);
}

/** `scope` is a construct and `id` a construct id. */
export function checkScope(where: string, scope: Construct, id: string): void {
  requireMembers(where, 'scope', scope, 'a Construct', ['node']);
  requireId(where, id);
}
