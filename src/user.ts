import { IResource, Resource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnUser } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { HomeDirectory } from './home-directory';
import { targetOf, trimSlashes, withUserNameVariable } from './private/home-target';
import { memoize } from './private/memo';
import { homeSessionPolicy, readOnlyPolicy } from './private/session-policy';
import { sharedUserRole } from './private/user-roles';
import { registerUserName, storageOf, USER_RULES, UserSubject, userNameCount } from './private/user-rules';
import type { ITransferServer } from './server';

/** The POSIX identity an EFS user reads and writes files with. */
export interface PosixProfile {
  /** User id, 0 to 4294967295. */
  readonly uid: number;
  /** Primary group id, 0 to 4294967295. */
  readonly gid: number;
  /**
   * Secondary group ids (at most 16).
   *
   * @default - none
   */
  readonly secondaryGids?: number[];
}

/** A user of a service-managed server, owned or imported. */
export interface ITransferUser extends IResource {
  /**
   * The user name.
   *
   * @attribute
   */
  readonly userName: string;
  /**
   * The user ARN, `arn:<partition>:transfer:<region>:<account>:user/<server-id>/<user-name>`.
   *
   * @attribute
   */
  readonly userArn: string;
  /** The server the user belongs to. */
  readonly server: ITransferServer;
}

/** Options of a user, for `server.addUser()`. */
export interface TransferUserOptions {
  /** The user name: 3 to 100 letters, digits, `_`, `-`, `.` and `@`, not starting with `-`, `.` or `@`. Unique on the server. */
  readonly userName: string;
  /** Where the user lands and what it can see. */
  readonly homeDirectory: HomeDirectory;
  /**
   * OpenSSH public keys (`ssh-ed25519 AAAA… comment`): ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256/384/521, at most 50.
   *
   * @default - none; add later with `addSshPublicKey`
   */
  readonly sshPublicKeys?: string[];
  /**
   * The POSIX identity for EFS homes (required there; ignored on S3).
   *
   * @default - none
   */
  readonly posixProfile?: PosixProfile;
  /**
   * The role the service assumes for this user. Left as it is: the construct adds no permission to it. On
   * S3, the user's session policy (the home's, unless you pass `sessionPolicy`) still narrows it.
   *
   * @default - a role shared by the server's users whose homes are in the same storage
   */
  readonly role?: iam.IRole;
  /**
   * A session policy that narrows the role for this user (S3 only, at most 2048 characters of JSON). With
   * `readOnly`, a statement that denies every write is added to it.
   *
   * @default - one that allows listing, reading (and unless `readOnly`, writing) only inside the user's home,
   * and using the home buckets' customer managed KMS keys through S3 for those files
   */
  readonly sessionPolicy?: iam.PolicyDocument;
  /**
   * The user can list and read its home but not write to it, whatever `role` or `sessionPolicy` allow
   * (on EFS, where session policies do not apply, together with the shared role only).
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

/** Properties of a `TransferUser`. */
export interface TransferUserProps extends TransferUserOptions {
  /** The server, which must use service-managed identities. */
  readonly server: ITransferServer;
}

/**
 * A user of a service-managed Transfer Family server (`AWS::Transfer::User`).
 *
 * Least privilege by default: users whose homes are in the same storage share one created role,
 * and each user is narrowed to its own home by a session policy (S3) or its POSIX identity (EFS).
 */
export class TransferUser extends Resource implements ITransferUser {
  /** Import a user by server and name. */
  public static fromUserName(scope: Construct, id: string, server: ITransferServer, userName: string): ITransferUser {
    class Import extends Resource implements ITransferUser {
      public readonly userName = userName;
      public readonly server = server;
      public readonly userArn = userArnOf(scope, server, userName);
    }
    return new Import(scope, id);
  }

  /** What the rules look at, read when the app is validated (so later `add*()` calls count). */
  private static ruleSubject(this: void, user: TransferUser): UserSubject {
    return {
      scope: user,
      server: user.server,
      userName: user.userName,
      duplicates: userNameCount(user.server, user.userName),
      home: user.homeDirectory,
      storage: storageOf(user.homeDirectory),
      sshPublicKeys: user.sshPublicKeys,
      posixProfile: user.posixProfile,
      sessionPolicy: user.sessionPolicy,
      sessionPolicyGiven: user.sessionPolicyGiven,
      readOnly: user.readOnly,
      roleGiven: user.roleGiven,
    };
  }

  public readonly userName: string;
  public readonly server: ITransferServer;
  /** The role the service assumes for this user. */
  public readonly role: iam.IRole;
  /** The home directory. */
  public readonly homeDirectory: HomeDirectory;
  private readonly sshPublicKeys: string[];
  private readonly posixProfile?: PosixProfile;
  /** The session policy given, or the one made for the user's home (checked by the size rule). */
  private readonly sessionPolicy?: iam.PolicyDocument;
  private readonly sessionPolicyGiven: boolean;
  private readonly readOnly: boolean;
  private readonly roleGiven: boolean;
  private _userArn?: string;

  constructor(scope: Construct, id: string, props: TransferUserProps) {
    super(scope, id);
    this.server = props.server;
    this.userName = props.userName;
    this.homeDirectory = props.homeDirectory;
    this.sshPublicKeys = [...(props.sshPublicKeys ?? [])];
    const home = props.homeDirectory;
    const locations = home.locations;
    const onS3 = locations.some((l) => l.isS3);
    const readOnly = props.readOnly ?? false;

    const sharedRole = props.role ? undefined : sharedUserRole(this.server, locations, readOnly);
    this.role = props.role ?? sharedRole!.role;
    for (const location of locations) this.server.addHomeLocation(location);

    // The home's session policy narrows any role, the user's own too; `readOnly` holds whatever policy is given.
    const shared = props.sessionPolicy === undefined && onS3 ? sharedSessionPolicy(this, home, readOnly) : undefined;
    const given = props.sessionPolicy !== undefined && readOnly ? readOnlyPolicy(props.sessionPolicy) : props.sessionPolicy;
    const sessionPolicy = given ?? shared?.document;
    this.posixProfile = props.posixProfile;
    this.sessionPolicy = sessionPolicy;
    this.sessionPolicyGiven = props.sessionPolicy !== undefined;
    this.readOnly = readOnly;
    this.roleGiven = props.role !== undefined;
    const resource = new CfnUser(this, 'Resource', {
      serverId: this.server.serverId,
      userName: this.userName,
      role: sharedRole?.arnFor(this) ?? this.role.roleArn,
      homeDirectoryType: home.homeDirectoryType,
      homeDirectory: home.homeDirectoryType === 'PATH' ? targetOf(home.mappings[0].location, this) : undefined,
      homeDirectoryMappings: home.homeDirectoryType === 'LOGICAL'
        ? home.mappings.map((m) => ({ entry: m.entry, target: targetOf(m.location, this), type: m.type }))
        : undefined,
      sshPublicKeys: this.sshPublicKeys.length > 0 ? this.sshPublicKeys : undefined,
      posixProfile: props.posixProfile
        ? { uid: props.posixProfile.uid, gid: props.posixProfile.gid, secondaryGids: props.posixProfile.secondaryGids }
        : undefined,
      policy: shared?.json ?? (sessionPolicy ? Stack.of(this).toJsonString(sessionPolicy) : undefined),
    });
    if (sharedRole) sharedRole.addDependent(resource);
    else resource.node.addDependency(this.role);

    registerUserName(this.server, this.userName);
    // A shared function, not a closure: an estate has thousands of users, each validated at synthesis.
    USER_RULES.attach(this, TransferUser.ruleSubject);
  }

  public get userArn(): string {
    // Computed when asked for: most users' ARNs are never read, and an estate has thousands of users.
    this._userArn ??= userArnOf(this, this.server, this.userName);
    return this._userArn;
  }

  /** Add an OpenSSH public key (at most 50 per user). */
  public addSshPublicKey(publicKey: string): void {
    this.sshPublicKeys.push(publicKey);
  }
}

function userArnOf(scope: Construct, server: ITransferServer, userName: string): string {
  return Stack.of(scope).formatArn({ service: 'transfer', resource: 'user', resourceName: `${server.serverId}/${userName}` });
}

const SESSION_POLICIES = new WeakMap<ITransferServer, Map<string, { document: iam.PolicyDocument; json: string }>>();

/**
 * The session policy of a user, shared with the users of the server that have the same layout (same
 * buckets, same prefixes once the user name is written `${transfer:UserName}`, same access, same
 * stack): one document, rendered once, instead of one per user.
 */
function sharedSessionPolicy(user: TransferUser, home: HomeDirectory, readOnly: boolean) {
  let layout = `${readOnly}|${Stack.of(user).node.addr}`;
  for (const { location: l, type } of home.mappings) {
    layout += `|${(l.bucket ?? l.fileSystem)!.node.addr}:${withUserNameVariable(trimSlashes(l.key ?? l.path ?? ''), user.userName)}:${type ?? ''}`;
  }
  return memoize(SESSION_POLICIES, user.server, layout, () => {
    const document = homeSessionPolicy(home, user.userName, readOnly, user);
    // Rendered once, with the references left as tokens: each user's template resolves them cheaply
    // (a join), where `Stack.toJsonString` renders the whole document again for every user. Homes of
    // several locations keep `toJsonString`, whose statement merging (`@aws-cdk/aws-iam:minimizePolicies`)
    // could otherwise change their policy.
    const json = home.locations.length === 1 ? JSON.stringify(document.toJSON()) : Stack.of(user).toJsonString(document);
    return { document, json };
  });
}
