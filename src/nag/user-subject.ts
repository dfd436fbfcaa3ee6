import { Stack, Token } from 'aws-cdk-lib';
import { CfnFileSystem } from 'aws-cdk-lib/aws-efs';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { CfnServer, CfnUser } from 'aws-cdk-lib/aws-transfer';
import { IConstruct } from 'constructs';
import { Domain } from '../server/protocol';
import type { PosixProfile } from '../server/server-ref';
import { deployedShape, UserMappingSubject, UserServerSubject, UserSubject } from '../user/user-rules';
import { quote } from '../validation/rules';

/** An EFS file system id, as a target's first segment (`/fs-0123abcd/...`). */
const EFS_ID = /^fs-[0-9a-f]{8,40}$/;

type Part = string | { readonly ref: string } | { readonly other: true };

/**
 * A target as the template holds it, in parts: literal text, a `Ref` to a resource of the stack (by logical
 * id), or anything else (unknown at synth). `undefined` when it is not a string or an `Fn::Join` of such parts.
 */
function partsOf(value: unknown): Part[] | undefined {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return undefined;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o['Fn::Join']) && o['Fn::Join'][0] === '' && Array.isArray(o['Fn::Join'][1])) {
    return (o['Fn::Join'][1] as unknown[]).flatMap((p): Part[] => partsOf(p) ?? [{ other: true }]);
  }
  if (Object.keys(o).length === 1 && typeof o.Ref === 'string') return [{ ref: o.Ref }];
  return [{ other: true }];
}

/** The storage of a target's first segment: a literal name (`fs-…` is EFS), or a `Ref` to a bucket or file system of the stack. */
function domainOf(stack: Stack, first: Part | undefined): Domain | undefined {
  if (first === undefined) return undefined;
  if (typeof first === 'string') return first === '' ? undefined : EFS_ID.test(first) ? Domain.EFS : Domain.S3;
  if (!('ref' in first)) return undefined;
  const resource = stack.node.findAll().find((c) => c instanceof CfnBucket || c instanceof CfnFileSystem
    ? stack.resolve((c as CfnBucket | CfnFileSystem).logicalId) === first.ref
    : false);
  return resource instanceof CfnBucket ? Domain.S3 : resource instanceof CfnFileSystem ? Domain.EFS : undefined;
}

/**
 * A target `/<storage>/<rest>` read from the template: where it is, its S3 key when it is on S3 and known,
 * and its length as deployed at most (a reference counts for one character, so the length is a lower bound).
 */
export function readTarget(stack: Stack, target: unknown) {
  const parts = partsOf(target);
  if (parts === undefined) return { length: undefined, domain: undefined, key: undefined };
  // `/`, the storage's name (literal text up to the next `/`, or one reference), then the rest.
  const text = parts.map((p) => (typeof p === 'string' ? p : '\u0000'));
  const joined = text.join('');
  const known = parts.every((p) => typeof p === 'string');
  const length = { length: joined.length, atLeast: !known };
  if (!joined.startsWith('/')) return { length, domain: undefined, key: undefined };
  const afterSlash = joined.slice(1);
  const end = afterSlash.indexOf('/');
  const name = end < 0 ? afterSlash : afterSlash.slice(0, end);
  const rest = end < 0 ? '' : afterSlash.slice(end + 1);
  let first: Part | undefined;
  if (name === '\u0000') first = parts.find((p) => typeof p !== 'string');
  else if (!name.includes('\u0000')) first = name;
  const domain = domainOf(stack, first);
  const key = domain === Domain.S3 && !rest.includes('\u0000') ? rest : undefined;
  return { length, domain, key };
}

/** A number of the template, or a token standing for it. */
const id = (v: unknown): number => (typeof v === 'number' ? v : Token.asNumber(v));

function posixProfileOf(stack: Stack, cfn: CfnUser): PosixProfile | undefined {
  const raw = stack.resolve(cfn.posixProfile) as Record<string, unknown> | undefined;
  if (raw === undefined || raw === null || typeof raw !== 'object') return undefined;
  const uid = raw.uid ?? raw.Uid;
  const gid = raw.gid ?? raw.Gid;
  const secondary = raw.secondaryGids ?? raw.SecondaryGids;
  return {
    uid: id(uid),
    gid: id(gid),
    secondaryGids: Array.isArray(secondary) ? secondary.map(id) : secondary === undefined ? undefined : Token.asList(secondary).map(id),
  };
}

/** The `CfnServer` of the user's stack whose id is the user's `ServerId`, if any. */
function serverOf(stack: Stack, cfn: CfnUser): CfnServer | undefined {
  const serverId = JSON.stringify(stack.resolve(cfn.serverId));
  return stack.node.findAll().filter((c): c is CfnServer => c instanceof CfnServer)
    .find((server) => JSON.stringify(stack.resolve(server.attrServerId)) === serverId);
}

/** How many `CfnUser`s of the stack have this user's server and name. */
function usersWithName(stack: Stack, cfn: CfnUser, userName: unknown): number {
  if (typeof userName !== 'string' || Token.isUnresolved(userName)) return 1;
  const serverId = JSON.stringify(stack.resolve(cfn.serverId));
  return stack.node.findAll().filter((c): c is CfnUser => c instanceof CfnUser)
    .filter((u) => u.userName === userName && JSON.stringify(stack.resolve(u.serverId)) === serverId).length;
}

const literal = (v: unknown): string | undefined => (typeof v === 'string' && !Token.isUnresolved(v) ? v : undefined);

/**
 * The subject of the user rules built from an `AWS::Transfer::User` L1 alone: its properties as the template
 * holds them, with CloudFormation's defaults (`HomeDirectoryType` PATH), and what other L1s of the same stack
 * say: the `CfnServer` whose id is its `ServerId` (identity provider, domain), the users of that server with its
 * name, and the `CfnBucket` / `CfnFileSystem` its targets reference (or a literal `/fs-…` target, on EFS).
 *
 * What only `TransferUser` knows is absent: `readOnly`, and an EFS path given without its leading `/`.
 */
export function userSubjectOfL1(cfn: CfnUser): UserSubject {
  const stack = Stack.of(cfn);
  const server = serverOf(stack, cfn);
  const serverSubject: UserServerSubject | undefined = server === undefined ? undefined : {
    path: server.node.path,
    identityProviderType: literal(server.identityProviderType ?? 'SERVICE_MANAGED'),
    domain: literal(server.domain ?? 'S3'),
  };
  const type = cfn.homeDirectoryType === undefined ? 'PATH' : literal(cfn.homeDirectoryType) ?? '';
  let mappings: UserMappingSubject[] | undefined;
  const mapping = (entry: string, describe: string, target: unknown): UserMappingSubject => {
    const read = readTarget(stack, target);
    return { entry, describe, targetLength: read.length, key: read.key, domain: read.domain };
  };
  if (type === 'LOGICAL') {
    const raw = stack.resolve(cfn.homeDirectoryMappings);
    if (raw === undefined) {mappings = [];} else if (Array.isArray(raw)) {
      mappings = raw.map((m: Record<string, unknown>) => {
        const entry = m?.entry ?? m?.Entry;
        const entryText = typeof entry === 'string' ? entry : Token.asString(entry);
        return mapping(entryText, `mapping target for ${quote(entryText)}`, m?.target ?? m?.Target);
      });
    }
  } else if (type === 'PATH' && cfn.homeDirectory !== undefined) {
    mappings = [mapping('/', 'the home directory (`HomeDirectory`)', stack.resolve(cfn.homeDirectory))];
  } else {mappings = [];}

  const rawKeys = cfn.sshPublicKeys === undefined ? [] : stack.resolve(cfn.sshPublicKeys);
  const sshPublicKeyList = !Array.isArray(rawKeys);
  const sshPublicKeys = Array.isArray(rawKeys) ? rawKeys : [];
  const posixProfile = posixProfileOf(stack, cfn);
  const policy = cfn.policy;
  return {
    resource: cfn,
    server: serverSubject,
    userName: cfn.userName,
    duplicates: usersWithName(stack, cfn, cfn.userName),
    homeDirectoryType: type,
    mappings,
    storage: new Set((mappings ?? []).flatMap((m) => (m.domain === undefined ? [] : [m.domain]))),
    sshPublicKeys,
    sshPublicKeyList,
    hasPosixProfile: cfn.posixProfile !== undefined,
    posixProfile,
    sessionPolicyGiven: policy !== undefined,
    sessionPolicyLength: policy === undefined ? undefined : () => policyLength(stack.resolve(policy)),
    role: literal(cfn.role),
  };
}

/** The length of a session policy as the template holds it, once deployed with references at their longest. */
function policyLength(value: unknown): number | undefined {
  const shape = deployedShape(value);
  return typeof shape === 'string' ? shape.length : undefined;
}

/** Whether `node` is a user the user rules judge (every `CfnUser`). */
export const isUser = (node: IConstruct): node is CfnUser => node instanceof CfnUser;
