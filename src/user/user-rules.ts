import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import type { DirectoryMapping, HomeDirectory } from './home-directory';
import { sshPublicKeyProblem } from './ssh-key';
import type { FileLocation } from '../location/file-location';
import { tagProblems } from '../private/tags';
import { Domain } from '../server/protocol';
import type { ITransferServer, PosixProfile } from '../server/server-ref';
import { formatFinding, known, knownCount, quote, Rule, RuleTable } from '../validation/rules';

/** The Transfer Family user guide. */
const UG = 'https://docs.aws.amazon.com/transfer/latest/userguide';
/** The Transfer Family API Reference. */
const API = 'https://docs.aws.amazon.com/transfer/latest/APIReference';

/** A mapping's target as deployed, at most: its length, and whether that is a lower bound (a name unknown at synth). */
export interface TargetLengthSubject {
  readonly length: number;
  readonly atLeast: boolean;
}

/**
 * One place of a user's home as the template holds it: a `HomeDirectoryMappings` entry, or the
 * `HomeDirectory` of a PATH home (entry `/`).
 */
export interface UserMappingSubject {
  /** The path the user sees (a token when unknown). */
  readonly entry: string;
  /** How findings name the target, e.g. `mapping target for "/in"`. */
  readonly describe: string;
  /** The target's length as deployed, at most; `undefined` when it cannot be measured. */
  readonly targetLength?: TargetLengthSubject;
  /** The S3 key of the target (no leading `/`) when known; `undefined` for EFS and unknown keys. */
  readonly key?: string;
  /** Where the target is, when known. */
  readonly domain?: Domain;
  /** What is wrong with the path of the target's storage that the template no longer shows (input of the constructs). */
  readonly pathProblems?: ReadonlyArray<string>;
}

/** The server of a user, as far as it is known: its construct path, identity provider type and domain. */
export interface UserServerSubject {
  readonly path: string;
  readonly identityProviderType?: string;
  readonly domain?: string;
}

/**
 * What the user rules look at: the user as its `AWS::Transfer::User` will hold it. Built by
 * `TransferUser` from what it renders (with the construct's own knowledge of its storages) and by the
 * cdk-nag pack from an L1 `CfnUser` (see `src/nag/user-subject.ts`), so one rule judges both.
 * Values unknown at synth are tokens, and are not judged.
 */
export interface UserSubject {
  /** The user's resource, whose tags are judged (none for subjects that are not users, e.g. accesses). */
  readonly resource?: IConstruct;
  /** The server, when it is known (a construct of this app, or a `CfnServer` of the user's stack). */
  readonly server?: UserServerSubject;
  readonly userName: string;
  /** How many users of the server have this name (1 when it cannot be told). */
  readonly duplicates: number;
  /** `HomeDirectoryType`: PATH (CloudFormation's default) or LOGICAL. */
  readonly homeDirectoryType: string;
  /** The home's places; `undefined` when the mappings are a token (their count is unknown). */
  readonly mappings?: ReadonlyArray<UserMappingSubject>;
  /** Where the home is: S3, EFS, or (wrongly) both; only what is known. */
  readonly storage: ReadonlySet<Domain>;
  /** The SSH public keys the template will hold, apart from those of `sshPublicKeyList` (tokens and non-strings are not judged). */
  readonly sshPublicKeys: ReadonlyArray<unknown>;
  /** Whether the keys also hold an encoded list token (e.g. a `CommaDelimitedList` parameter): a count unknown at synth. */
  readonly sshPublicKeyList: boolean;
  /** Whether the user has a POSIX profile (its values may be unknown). */
  readonly hasPosixProfile: boolean;
  readonly posixProfile?: PosixProfile;
  /** Whether a session policy was given (for an L1, whether it has a `Policy`), as opposed to made for the home. */
  readonly sessionPolicyGiven: boolean;
  /** The session policy's length as deployed, at most (references at their longest); `undefined` without one. */
  readonly sessionPolicyLength?: () => number | undefined;
  /** The role ARN that was given (for an L1, its `Role`). */
  readonly role?: string;
  /** Input of `TransferUser` the template cannot show: `readOnly` with a given role. */
  readonly readOnlyWithGivenRole?: boolean;
}

/** Documented policy variables a home prefix may hold (the service substitutes them). */
const HOME_VARIABLES = new Set(['${transfer:UserName}']);

/**
 * What makes a home prefix unsafe in an IAM policy: its characters are pasted into the session policy's
 * resources and conditions, where `*` and `?` are wildcards and `${...}` a policy variable; `.` and `..`
 * segments are not resolved by S3, so the policy and the service's paths would disagree.
 */
export function homePrefixProblem(key: string): string | undefined {
  const wildcard = [...key].find((c) => c === '*' || c === '?');
  if (wildcard !== undefined) return `contains ${quote(wildcard)}, a wildcard in IAM policies`;
  for (const variable of key.match(/\$\{[^}]*\}?/g) ?? []) {
    if (!HOME_VARIABLES.has(variable)) return `contains ${quote(variable)}, which IAM would read as a policy variable`;
  }
  if (key.replace(/\$\{transfer:UserName\}/g, '').includes('$')) return 'contains "$", which starts a policy variable in IAM';
  const segment = key.split('/').find((s) => s === '.' || s === '..');
  if (segment !== undefined) return `has a ${quote(segment)} segment`;
  return undefined;
}

const NAMES = new WeakMap<IConstruct, Map<string, number>>();

/** Count a user name on a server (unresolved names cannot be compared, and are not counted). */
export function registerUserName(server: ITransferServer, userName: string): void {
  if (known(userName) === undefined) return;
  let names = NAMES.get(server);
  if (!names) {
    names = new Map();
    NAMES.set(server, names);
  }
  names.set(userName, (names.get(userName) ?? 0) + 1);
}

/**
 * How many users of the server have this name, read when the app is validated (after every user is
 * counted): one map lookup per user, so the uniqueness check is linear in the number of users.
 */
export function userNameCount(server: ITransferServer, userName: string): number {
  return NAMES.get(server)?.get(userName) ?? 1;
}

/** Session policy documents as measured by the size rule (shared documents are measured once). */
const MEASURED = new WeakMap<iam.PolicyDocument, number>();

/**
 * The longest each reference of a session policy can be once deployed: pseudo parameters at their
 * longest (partition `aws-us-gov`, region `ap-southeast-5`), a `Ref` as a bucket name (63), a
 * `Fn::GetAtt` as a KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<uuid>`). So the rule
 * measures what the template will hold, not the references' JSON, and never passes a policy that may
 * not fit.
 */
const PSEUDO_LENGTHS: Record<string, number> = {
  'AWS::Partition': 10, 'AWS::Region': 14, 'AWS::AccountId': 12, 'AWS::URLSuffix': 16,
};
const REF_LENGTH = 63;
const GETATT_LENGTH = 4 + 10 + 5 + 14 + 1 + 12 + 5 + 36;

/** A resolved template value with each reference replaced by a stand-in of its longest deployed text. */
export function deployedShape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deployedShape);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const [fn] = keys;
    if (fn === 'Ref') return 'x'.repeat(PSEUDO_LENGTHS[o.Ref as string] ?? REF_LENGTH);
    if (fn === 'Fn::GetAtt') return 'x'.repeat(GETATT_LENGTH);
    if (fn === 'Fn::Join') {
      const [sep, parts] = o[fn] as [string, unknown[]];
      return (parts as unknown[]).map((p) => { const d = deployedShape(p); return typeof d === 'string' ? d : JSON.stringify(d); }).join(sep);
    }
    if (fn === 'Fn::Sub') return subShape(o[fn]);
  }
  return Object.fromEntries(keys.map((k) => [k, deployedShape(o[k])]));
}

/** `Fn::Sub` as deployed: `${!x}` is `${x}`, each variable, `Ref` or `Fn::GetAtt` its longest text. */
function subShape(arg: unknown): unknown {
  const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
  if (typeof text !== 'string' || vars === null || typeof vars !== 'object') return { 'Fn::Sub': arg };
  const locals = vars as Record<string, unknown>;
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_whole, bang: string, name: string) => {
    if (bang) return `\${${name}}`;
    if (name in locals) { const d = deployedShape(locals[name]); return typeof d === 'string' ? d : JSON.stringify(d); }
    return 'x'.repeat(name.includes('.') ? GETATT_LENGTH : PSEUDO_LENGTHS[name] ?? REF_LENGTH);
  });
}

/** The length of a session policy's JSON as deployed, at most. */
export function sessionPolicyLength(scope: IConstruct, doc: iam.PolicyDocument): number {
  return (JSON.stringify(deployedShape(Stack.of(scope).resolve(doc.toJSON()))) ?? '').length;
}

/** The longest session policy the service stores. */
export const SESSION_POLICY_MAX_LENGTH = 2048;

/** `sessionPolicyLength`, measured once per document (users with one layout share theirs). */
export function measuredSessionPolicyLength(scope: IConstruct, doc: iam.PolicyDocument): number {
  let length = MEASURED.get(doc);
  if (length === undefined) {
    length = sessionPolicyLength(scope, doc);
    MEASURED.set(doc, length);
  }
  return length;
}

/** Defined here, before its table, because `checkHomeLocation` reports by it too. */
const HOME_PREFIX_RULE: Rule<UserSubject> = {
  id: 'user/home-prefix-characters',
  severity: 'error',
  summary: 'Home prefixes hold no IAM wildcard (`*`, `?`), no policy variable other than `${transfer:UserName}`, and no `.` or `..` segment.',
  reason: 'The prefix becomes the resource of the user\'s session policy, where `*` and `?` match any text and `${...}` is replaced, so the user could reach other users\' files; `.` and `..` are not resolved by S3',
  source: `${UG}/users-policies-session.html; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html`,
  fix: 'use plain key segments of letters, digits, `-`, `_` and `/` (and `${transfer:UserName}` where the user name goes)',
  check: (s) => (s.mappings ?? []).flatMap((m) => homeKeyFinding(m.key, `of mapping ${quote(m.entry)}`) ?? []),
};

/** What the home-prefix rule finds in a home's key: nothing for EFS paths and keys known at deployment only. */
function homeKeyFinding(home: string | undefined, which: string): string | undefined {
  const key = known(home);
  const problem = key === undefined ? undefined : homePrefixProblem(key);
  return problem === undefined ? undefined : `the home key ${quote(key!)} ${which} ${problem}`;
}

/** Locations of users' homes: their users' own rules judge them. */
const USERS_HOMES = new WeakSet<FileLocation>();

/** Mark `location` as the home of a `TransferUser`, which judges it with its rules. */
export function registerUserHome(location: FileLocation): void {
  USERS_HOMES.add(location);
}

/**
 * Judge a location registered with `server.addHomeLocation()` by the `user/home-prefix-characters` rule:
 * the server's users and workflows are granted its key as an IAM resource, where the same characters
 * are wildcards or variables. Reported when the app is validated, on the server; a user's home is
 * judged by the user's own rules instead (see `registerUserHome`).
 */
export function checkHomeLocation(server: ITransferServer, location: FileLocation): void {
  if (USERS_HOMES.has(location)) return;
  const finding = homeKeyFinding(location.key, 'registered with `addHomeLocation`');
  if (finding !== undefined) server.node.addValidation({ validate: () => [formatFinding(HOME_PREFIX_RULE, finding)] });
}

const MAX_ID = 4294967295;
const isId = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_ID;
/** Where a home is: S3, EFS, or (wrongly) both. */
export const storageOf = (home: HomeDirectory): ReadonlySet<Domain> => new Set(home.mappings.map((m) => m._kind.domain));

/** What a construct of this library knows of a user (or of anything the user rules judge as one, e.g. an access). */
export interface UserInput {
  /** What resolves the values (the user). */
  readonly scope: IConstruct;
  readonly server: ITransferServer;
  readonly userName: string;
  /** How many users of the server have this name. */
  readonly duplicates: number;
  readonly home: HomeDirectory;
  /** Where the home is (default: where its mappings are). */
  readonly storage?: ReadonlySet<Domain>;
  /** The SSH public keys given or added one by one. */
  readonly sshPublicKeys: ReadonlyArray<string>;
  /** Whether an encoded list token of keys was given. */
  readonly sshPublicKeyList: boolean;
  readonly posixProfile?: PosixProfile;
  /** The session policy the user gets: the one given, or the one made for the home. */
  readonly sessionPolicy?: iam.PolicyDocument;
  readonly sessionPolicyGiven: boolean;
  readonly readOnly: boolean;
  readonly givenRole?: iam.IRole;
  /** The resource whose tags are judged. */
  readonly resource?: IConstruct;
}

/**
 * The subject of the user rules from what a construct knows: its home's mappings as they render, with
 * the construct's knowledge of their storages (the pack builds the same subject from a `CfnUser`).
 */
export function userSubjectOf(input: UserInput): UserSubject {
  const { home, server, sessionPolicy: policy } = input;
  return {
    resource: input.resource,
    server: { path: server.node.path, identityProviderType: server.identityProviderType, domain: server.domain },
    userName: input.userName,
    duplicates: input.duplicates,
    homeDirectoryType: home.homeDirectoryType,
    mappings: home.mappings.map((m) => mappingSubject(home, m)),
    storage: input.storage ?? storageOf(home),
    sshPublicKeys: input.sshPublicKeys,
    sshPublicKeyList: input.sshPublicKeyList,
    hasPosixProfile: input.posixProfile !== undefined,
    posixProfile: input.posixProfile,
    sessionPolicyGiven: input.sessionPolicyGiven,
    sessionPolicyLength: policy === undefined ? undefined : () => measuredSessionPolicyLength(input.scope, policy),
    role: input.givenRole?.roleArn,
    readOnlyWithGivenRole: input.readOnly && input.givenRole !== undefined,
  };
}

/** A mapping of a `TransferUser`'s home as the rules see it: what it renders, with the construct's knowledge of its storage. */
export function mappingSubject(home: HomeDirectory, m: DirectoryMapping): UserMappingSubject {
  return {
    entry: m.entry,
    describe: home._describeTarget(m),
    targetLength: m._deployedTargetLength(),
    key: m._kind.domain === Domain.S3 ? m.location.key : undefined,
    domain: m._kind.domain,
    pathProblems: m._pathProblems(),
  };
}

export const USER_RULES = new RuleTable<UserSubject>('TransferUser', [
  {
    id: 'user/server-service-managed',
    severity: 'error',
    summary: 'Users are created on service-managed servers only.',
    reason: 'A server with a directory, API Gateway or Lambda identity provider takes its users from that provider; the service refuses CreateUser on it',
    source: `${API}/API_CreateUser.html`,
    fix: 'create the user on a server with `IdentityProvider.serviceManaged()`, or add the user to your identity provider',
    check: (s) => {
      const type = known(s.server?.identityProviderType);
      return type !== undefined && type !== 'SERVICE_MANAGED'
        ? `server ${s.server!.path} uses identity provider ${type}`
        : undefined;
    },
  },
  {
    id: 'user/name-format',
    severity: 'error',
    summary: 'User names are 3 to 100 of letters, digits, `_ - . @`, not starting with `-`, `.` or `@`.',
    reason: 'The service accepts user names matching [\\w][\\w@.-]{2,99}',
    source: `${API}/API_CreateUser.html`,
    fix: 'rename the user, e.g. `partner-acme` or `acme_sftp`',
    check: (s) => {
      const name = known(s.userName);
      if (name === undefined) return undefined;
      if (name.length < 3 || name.length > 100) return `\`userName\` ${quote(name)} is ${name.length} characters long`;
      if (/^\w[\w@.-]*$/.test(name)) return undefined;
      if (!/^\w/.test(name)) return `\`userName\` ${quote(name)} starts with ${quote(name[0])}`;
      const bad = [...name].find((c) => !/[\w@.-]/.test(c));
      return bad === undefined ? undefined : `\`userName\` ${quote(name)} contains ${quote(bad)}`;
    },
  },
  {
    id: 'user/name-unique',
    severity: 'error',
    summary: 'User names are unique on a server.',
    reason: 'The service identifies a user by server and name; a second user with the same name fails at deployment',
    source: `${API}/API_CreateUser.html`,
    fix: 'give each user of the server its own `userName`',
    check: (s) => (s.duplicates > 1 ? `\`userName\` ${quote(s.userName)} is used by ${s.duplicates} users of server ${s.server?.path ?? '(unknown)'}` : undefined),
  },
  {
    id: 'user/ssh-key-format',
    severity: 'error',
    summary: 'SSH public keys are OpenSSH lines of type ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256/384/521, at most 2048 characters.',
    reason: 'The service stores OpenSSH public keys of these types only (DSA is not secure), up to 2048 characters',
    source: `${API}/API_ImportSshPublicKey.html; ${UG}/key-management.html`,
    fix: 'pass the content of the `.pub` file, e.g. `ssh-ed25519 AAAAC3Nza… alice@laptop`',
    check: (s) => {
      const out: string[] = [];
      // Keys given as one encoded list (a parameter) are unknown until deployment; those given or added
      // one by one are judged, each as the template holds it.
      const offset = s.sshPublicKeyList ? 1 : 0;
      s.sshPublicKeys.forEach((k, i) => {
        const problem = typeof k !== 'string' || known(k) === undefined ? undefined : sshPublicKeyProblem(k);
        if (problem) out.push(`SSH public key ${i + 1 + offset}${offset ? ' (after the list given)' : ''} ${problem}`);
      });
      return out;
    },
  },
  {
    id: 'user/ssh-key-count',
    severity: 'error',
    summary: 'A user has at most 50 SSH public keys.',
    reason: 'The service limits each user to 50 public keys',
    source: `https://docs.aws.amazon.com/general/latest/gr/transfer-service.html; ${UG}/sshkeygen.html`,
    fix: 'remove keys that are no longer used',
    check: (s) => {
      const n = s.sshPublicKeys.length;
      if (n <= 50) return undefined;
      return s.sshPublicKeyList ? `the user has a list of SSH public keys and ${n} more` : `the user has ${n} SSH public keys`;
    },
  },
  {
    id: 'user/logical-needs-mapping',
    severity: 'error',
    summary: 'A logical home directory has at least one mapping and at most 50,000.',
    reason: 'The service requires 1 to 50,000 HomeDirectoryMappings with the LOGICAL type',
    source: `${API}/API_CreateUser.html; ${UG}/logical-dir-mappings.html`,
    fix: 'pass at least one `DirectoryMapping` to `HomeDirectory.logical([...])`, or use `HomeDirectory.chroot()`',
    check: (s) => {
      if (s.homeDirectoryType !== 'LOGICAL') return undefined;
      const n = knownCount(s.mappings);
      if (n === undefined) return undefined;
      if (n === 0) return '`homeDirectory` is `HomeDirectory.logical([])`';
      return n > 50000 ? `\`homeDirectory\` has ${n} mappings` : undefined;
    },
  },
  {
    id: 'user/mapping-paths',
    severity: 'error',
    summary: 'Mapping entries start with `/`, are distinct, and entries and targets are at most 1024 characters.',
    reason: 'The service takes absolute paths of at most 1024 characters; two mappings with one entry are ambiguous',
    source: `${API}/API_HomeDirectoryMapEntry.html; ${UG}/logical-dir-mappings.html`,
    fix: 'write entries as absolute paths like `/in`, each once, and keep keys short',
    check: (s) => {
      const out: string[] = [];
      const seen = new Set<string>();
      for (const m of s.mappings ?? []) {
        const entry = known(m.entry);
        if (entry !== undefined) {
          if (!entry.startsWith('/')) out.push(`mapping entry ${quote(entry)} does not start with "/"`);
          if (entry.length > 1024) out.push(`mapping entry ${quote(entry)} is ${entry.length} characters long`);
          if (seen.has(entry)) out.push(`mapping entry ${quote(entry)} is used more than once`);
          seen.add(entry);
        }
        const target = m.targetLength;
        if (target !== undefined && target.length > 1024) {
          out.push(`${m.describe} is ${target.atLeast ? 'at least ' : ''}${target.length} characters long (at most 1024)`);
        }
        out.push(...m.pathProblems ?? []);
      }
      return out;
    },
  },
  {
    id: 'user/home-storage',
    severity: 'error',
    summary: 'A user\'s home is on the server\'s storage domain, S3 or EFS, not both.',
    reason: 'An S3 server reads and writes buckets only, an EFS server file systems only',
    source: `${API}/API_CreateServer.html; ${UG}/create-user.html`,
    fix: 'use `HomeDirectory.chroot/path/logical` with S3 buckets on an S3 server, `HomeDirectory.efs` on an EFS server',
    check: (s) => {
      const kinds = s.storage;
      if (kinds.size > 1) return '`homeDirectory` mixes S3 buckets and EFS file systems';
      const domain = known(s.server?.domain);
      if (domain === undefined || kinds.size === 0) return undefined;
      const [kind] = kinds;
      return kind !== domain ? `\`homeDirectory\` is on ${kind} but server ${s.server!.path} has domain ${domain}` : undefined;
    },
  },
  {
    id: 'user/efs-needs-posix-profile',
    severity: 'error',
    summary: 'EFS users have a POSIX profile.',
    reason: 'EFS checks file access against the user\'s POSIX uid and gids; the service needs them for EFS users',
    source: `${API}/API_CreateUser.html; ${API}/API_PosixProfile.html`,
    fix: 'pass `posixProfile: { uid, gid }` matching the owner of the home directory',
    check: (s) => (s.storage.has(Domain.EFS) && !s.hasPosixProfile ? 'the home is on EFS but no `posixProfile` is given' : undefined),
  },
  {
    id: 'user/posix-profile-range',
    severity: 'error',
    summary: 'POSIX ids are integers from 0 to 4294967295, with at most 16 secondary gids.',
    reason: 'The service takes 32-bit unsigned uids and gids and up to 16 secondary groups',
    source: `${API}/API_PosixProfile.html`,
    fix: 'use the numeric ids of the file system\'s owner (e.g. `id -u`, `id -g`) and at most 16 secondary groups',
    check: (s) => {
      const p = s.posixProfile;
      if (!p) return [];
      const out: string[] = [];
      for (const [k, v] of [['uid', p.uid], ['gid', p.gid]] as const) {
        if (known(v) !== undefined && !isId(v)) out.push(`\`posixProfile.${k}\` is ${v}`);
      }
      const sec = p.secondaryGids ?? [];
      // An encoded list token (a parameter) has no items to judge.
      if (Token.isUnresolved(sec)) return out;
      if (sec.length > 16) out.push(`\`posixProfile.secondaryGids\` has ${sec.length} ids`);
      for (const g of sec) if (known(g) !== undefined && !isId(g)) out.push(`\`posixProfile.secondaryGids\` contains ${g}`);
      return out;
    },
  },
  {
    id: 'user/posix-profile-on-s3',
    severity: 'warning',
    summary: 'A POSIX profile is used on EFS only.',
    reason: 'S3 access is governed by the role and session policy; the service ignores the POSIX profile there',
    source: `${API}/API_CreateUser.html; ${UG}/create-user.html`,
    fix: 'remove `posixProfile`',
    check: (s) => (s.hasPosixProfile && s.storage.has(Domain.S3) ? '`posixProfile` is set on a user whose home is on S3' : undefined),
  },
  {
    id: 'user/session-policy-on-efs',
    severity: 'warning',
    summary: 'Session policies apply to S3 only.',
    reason: 'EFS access is governed by the POSIX profile; the service ignores session policies for EFS users',
    source: `${API}/API_CreateUser.html; ${UG}/users-policies-session.html`,
    fix: 'remove `sessionPolicy` and narrow access with the POSIX profile and file permissions',
    check: (s) => (s.sessionPolicyGiven && (s.storage.has(Domain.EFS) || s.server?.domain === Domain.EFS)
      ? '`sessionPolicy` is set on a user of EFS'
      : undefined),
  },
  {
    id: 'user/session-policy-size',
    severity: 'error',
    summary: 'A session policy is at most 2048 characters of JSON.',
    reason: 'The service stores session policies of up to 2048 characters',
    source: `${API}/API_CreateUser.html#TransferFamily-CreateUser-request-Policy`,
    fix: 'shorten a `sessionPolicy` of your own (fewer statements, policy variables like `${transfer:UserName}` instead of literal paths); '
      + 'for the policy made for the home, leave `role` out (a user whose home does not fit a session policy gets a role of its own, '
      + 'scoped to its home, and needs no session policy), or shorten the home\'s keys',
    check: (s) => {
      const length = s.sessionPolicyLength?.();
      if (length === undefined || length <= SESSION_POLICY_MAX_LENGTH) return undefined;
      const size = `is ${length} characters long once deployed (references at their longest)`;
      if (s.sessionPolicyGiven) return `the \`sessionPolicy\` given ${size}`;
      // The policy made for the home of a user with its own role: no session policy of this form can
      // fit a long home, since its key is written in it three to four times.
      return `the session policy made for the home ${size}: it names each home key three times (twice to list it, once for its files) `
        + 'and once more per customer managed KMS key, so a long key cannot fit 2048 characters, and `role` was given, '
        + 'so it must narrow that role';
    },
  },
  HOME_PREFIX_RULE,
  {
    id: 'user/read-only-efs-role',
    severity: 'error',
    summary: 'A read-only EFS user has no role of its own.',
    reason: 'EFS ignores session policies, so `readOnly` cannot narrow a role that was given; the user could write whatever the role and the POSIX profile allow',
    source: `${UG}/users-policies-session.html`,
    fix: 'remove `role` (the server\'s shared read-only EFS role is used), or give a role that only has `elasticfilesystem:ClientMount` and remove `readOnly`',
    check: (s) => (s.readOnlyWithGivenRole === true && s.storage.has(Domain.EFS) ? '`readOnly` is set on an EFS user with its own `role`' : undefined),
  },
  {
    id: 'user/posix-root',
    severity: 'warning',
    summary: 'EFS users do not act as root (uid or gid 0).',
    reason: 'A POSIX uid of 0 is root on the file system, able to read and change every file regardless of permissions; gid 0 is the root group',
    source: `${UG}/create-user.html; https://docs.aws.amazon.com/efs/latest/ug/accessing-fs-nfs-permissions.html`,
    fix: 'give the user the uid and gid of an unprivileged owner of its home directory',
    check: (s) => {
      const p = s.posixProfile;
      if (!p) return undefined;
      const root = [['uid', p.uid], ['gid', p.gid]].filter(([, v]) => known(v) === 0).map(([k]) => `\`posixProfile.${k}\``);
      return root.length === 0 ? undefined : `${root.join(' and ')} ${root.length > 1 ? 'are' : 'is'} 0`;
    },
  },
  {
    id: 'user/role-arn',
    severity: 'error',
    summary: 'A given `role` is an IAM role ARN, `arn:<partition>:iam::<account>:role/<name>`, of 20 to 2048 characters.',
    reason: 'The service takes the role of a user as an ARN matching arn:.*role/\\S+, 20 to 2048 characters long',
    source: `${API}/API_CreateUser.html#TransferFamily-CreateUser-request-Role`,
    fix: 'pass an `iam.Role`, or import one with `iam.Role.fromRoleArn()` from its full ARN (not a user, policy or instance profile ARN)',
    check: (s) => {
      const arn = typeof s.role === 'string' ? known(s.role) : undefined;
      if (arn === undefined) return undefined;
      if (arn.length < 20 || arn.length > 2048) return `the ARN of \`role\` ${quote(arn)} is ${arn.length} characters long`;
      return /^arn:.*role\/\S+$/.test(arn) ? undefined : `the ARN of \`role\` ${quote(arn)} is not a role ARN`;
    },
  },
  {
    id: 'user/tags',
    severity: 'error',
    summary: 'A user has at most 50 tags; keys are 1 to 128 characters and values up to 256, of letters, digits, spaces and `_ . : / = + - @`; keys do not start with `aws:`.',
    reason: 'Transfer Family refuses other tags, and AWS reserves the aws: prefix',
    source: `${API}/API_Tag.html; ${API}/API_CreateUser.html#TransferFamily-CreateUser-request-Tags; https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html`,
    fix: 'remove or rename the tags reported (`Tags.of(scope).add()` on the user or any scope above it)',
    check: (s) => tagProblems(s.resource),
  },
]);
