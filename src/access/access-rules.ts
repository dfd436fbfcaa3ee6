import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { Domain } from '../server/protocol';
import type { ITransferServer, PosixProfile } from '../server/server-ref';
import type { HomeDirectory } from '../user/home-directory';
import { measuredSessionPolicyLength, SESSION_POLICY_MAX_LENGTH, USER_RULES, UserSubject, userSubjectOf } from '../user/user-rules';
import { known, quote, Rule, RuleTable } from '../validation/rules';

/** The Transfer Family API Reference. */
const API = 'https://docs.aws.amazon.com/transfer/latest/APIReference';

/** What the access rules look at. */
export interface AccessSubject {
  readonly scope: IConstruct;
  readonly server: ITransferServer;
  readonly externalId: string;
  /** How many accesses of the server have this external id. */
  readonly duplicates: number;
  readonly home: HomeDirectory;
  readonly storage: ReadonlySet<Domain>;
  readonly posixProfile?: PosixProfile;
  readonly sessionPolicy?: iam.PolicyDocument;
  readonly sessionPolicyGiven: boolean;
  readonly readOnly: boolean;
  readonly givenRole?: iam.IRole;
}

/** An access seen as the user rules see a user: same home, role, session policy and POSIX profile; no keys. */
function asUser(s: AccessSubject): UserSubject {
  return userSubjectOf({ ...s, userName: s.externalId, duplicates: 1, sshPublicKeys: [], sshPublicKeyList: false });
}

/**
 * The user rule `userId`, judging accesses: its check, reason, source and fix are the user rule's (one
 * definition), under the id `id` and, where it names users, a summary of its own.
 */
function fromUserRule(userId: string, id: string, summary?: string): Rule<AccessSubject> {
  const rule = USER_RULES.rules.find((r) => r.id === userId);
  if (!rule) throw new Error(`No user rule ${userId}`);
  return { ...rule, id, summary: summary ?? rule.summary, check: (s) => rule.check(asUser(s)) };
}

const NAMES = new WeakMap<IConstruct, Map<string, number>>();

/** Count an external id on a server (unresolved ids cannot be compared, and are not counted). */
export function registerExternalId(server: ITransferServer, externalId: string): void {
  if (known(externalId) === undefined) return;
  let ids = NAMES.get(server);
  if (!ids) {
    ids = new Map();
    NAMES.set(server, ids);
  }
  ids.set(externalId, (ids.get(externalId) ?? 0) + 1);
}

/** How many accesses of the server have this external id, read when the app is validated. */
export function externalIdCount(server: ITransferServer, externalId: string): number {
  return NAMES.get(server)?.get(externalId) ?? 1;
}

export const ACCESS_RULES = new RuleTable<AccessSubject>('TransferAccess', [
  {
    id: 'access/server-directory',
    severity: 'error',
    summary: 'Accesses are granted on servers whose identity provider is a directory (AWS_DIRECTORY_SERVICE) only.',
    reason: 'An access gives the members of a directory group a home on the server; only a server that authenticates against AWS Directory Service has directory groups',
    source: `${API}/API_CreateAccess.html; ${API}/API_CreateServer.html#TransferFamily-CreateServer-request-IdentityProviderType`,
    fix: 'grant the access on a server with `IdentityProvider.directory({ directoryId })`; on a service-managed server, add users instead',
    check: (s) => {
      const type = s.server.identityProviderType;
      return type !== undefined && type !== 'AWS_DIRECTORY_SERVICE'
        ? `server ${s.server.node.path} uses identity provider ${type}`
        : undefined;
    },
  },
  {
    id: 'access/external-id-format',
    severity: 'error',
    summary: 'An access\'s `externalId` is the group\'s security identifier (SID), `S-1-` followed by digits and `-`, at most 256 characters.',
    reason: 'The service identifies the directory group by its SID and accepts external ids matching S-1-[\\d-]+, 1 to 256 characters',
    source: `${API}/API_CreateAccess.html#TransferFamily-CreateAccess-request-ExternalId`,
    fix: 'pass the group\'s ObjectSid (PowerShell: `Get-ADGroup -Identity <group> | Select ObjectSid`), e.g. `S-1-5-21-1004336348-1177238915-682003330-512`',
    check: (s) => {
      const id = known(s.externalId);
      if (id === undefined) return undefined;
      if (id.length < 1 || id.length > 256) return `\`externalId\` ${quote(id.slice(0, 40))}… is ${id.length} characters long`;
      return /^S-1-[\d-]+$/.test(id) ? undefined : `\`externalId\` ${quote(id)} is not a SID (S-1-…)`;
    },
  },
  {
    id: 'access/external-id-unique',
    severity: 'error',
    summary: 'A directory group has one access per server.',
    reason: 'The service identifies an access by server and external id; a second access for the same group fails at deployment',
    source: `${API}/API_CreateAccess.html`,
    fix: 'grant each group of the server one access (a logical home can show several places)',
    check: (s) => (s.duplicates > 1 ? `\`externalId\` ${quote(s.externalId)} is used by ${s.duplicates} accesses of server ${s.server.node.path}` : undefined),
  },
  fromUserRule('user/logical-needs-mapping', 'access/logical-needs-mapping'),
  fromUserRule('user/mapping-paths', 'access/mapping-paths'),
  fromUserRule('user/home-prefix-characters', 'access/home-prefix-characters'),
  fromUserRule('user/home-storage', 'access/home-storage', 'An access\'s home is on the server\'s storage domain, S3 or EFS, not both.'),
  fromUserRule('user/efs-needs-posix-profile', 'access/efs-needs-posix-profile', 'Accesses to EFS have a POSIX profile.'),
  fromUserRule('user/posix-profile-range', 'access/posix-profile-range'),
  fromUserRule('user/posix-profile-on-s3', 'access/posix-profile-on-s3'),
  fromUserRule('user/posix-root', 'access/posix-root', 'Accesses to EFS do not act as root (uid or gid 0).'),
  fromUserRule('user/session-policy-on-efs', 'access/session-policy-on-efs'),
  fromUserRule('user/read-only-efs-role', 'access/read-only-efs-role', 'A read-only EFS access has no role of its own.'),
  fromUserRule('user/role-arn', 'access/role-arn'),
  {
    ...fromUserRule('user/session-policy-size', 'access/session-policy-size'),
    source: `${API}/API_CreateAccess.html#TransferFamily-CreateAccess-request-Policy`,
    fix: 'shorten a `sessionPolicy` of your own (fewer statements, fewer literal paths); for the policy made for the home, shorten the home\'s keys, '
      + 'or pass a `role` that holds exactly the home\'s permissions and a short `sessionPolicy`',
    // The user rule's finding for a policy made for the home speaks of a user's own role, which an access does not get.
    check: (s) => {
      if (!s.sessionPolicy) return undefined;
      const length = measuredSessionPolicyLength(s.scope, s.sessionPolicy);
      if (length <= SESSION_POLICY_MAX_LENGTH) return undefined;
      const size = `is ${length} characters long once deployed (references at their longest)`;
      return s.sessionPolicyGiven
        ? `the \`sessionPolicy\` given ${size}`
        : `the session policy made for the home ${size}: it names each home key three times (twice to list it, once for its files)`;
    },
  },
]);
