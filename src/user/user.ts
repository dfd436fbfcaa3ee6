import { Fn, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnUser } from 'aws-cdk-lib/aws-transfer';
import { aws_transfer as transferRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { HomeDirectory } from './home-directory';
import { homeSessionPolicy, readOnlyPolicy } from './session-policy';
import { SharedPolicyText } from './session-policy-text';
import { checkScope, readPosixProfile, requireServer } from './user-input';
import { ownUserRole, sharedUserRole } from './user-roles';
import {
  measuredSessionPolicyLength, registerUserHome, registerUserName, SESSION_POLICY_MAX_LENGTH, USER_RULES, UserSubject, userNameCount, userSubjectOf,
} from './user-rules';
import { invalid, optionalArray, optionalBoolean, optionalMembers, requireObject, requireString } from '../private/input';
import { memoize } from '../private/memo';
import type { ITransferServer, ITransferUser, PosixProfile, TransferUserOptions } from '../server/server-ref';

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
 * A user whose home's permissions do not fit the 2048 characters of a session policy (a long prefix,
 * many mappings) gets a role of its own that holds exactly those permissions instead.
 */
export class TransferUser extends Resource implements ITransferUser {
  /** Import a user by server and name. */
  public static fromUserName(scope: Construct, id: string, server: ITransferServer, userName: string): ITransferUser {
    const where = 'TransferUser.fromUserName()';
    checkScope(where, scope, id);
    requireServer(where, server);
    requireString(where, 'userName', userName);
    class Import extends Resource implements ITransferUser {
      public readonly userName = userName;
      public readonly server = server;
      public readonly userArn = userArnOf(scope, server, userName);
      public get userRef(): transferRefs.UserReference {
        return { userArn: this.userArn };
      }
    }
    return new Import(scope, id);
  }

  /**
   * What the rules look at, read when the app is validated (so later `add*()` calls count): the user as it
   * renders it, with what the construct knows of its storages (see `UserSubject`).
   */
  private static ruleSubject(this: void, user: TransferUser): UserSubject {
    return userSubjectOf({
      scope: user,
      server: user.server,
      userName: user.userName,
      duplicates: userNameCount(user.server, user.userName),
      home: user.homeDirectory,
      sshPublicKeys: user.sshPublicKeys,
      sshPublicKeyList: user.sshPublicKeyList !== undefined,
      posixProfile: user.posixProfile,
      sessionPolicy: user.sessionPolicy,
      sessionPolicyGiven: user.sessionPolicyGiven,
      readOnly: user.readOnly,
      givenRole: user.givenRole,
      resource: user.resource,
    });
  }

  /** The SSH public keys as the template holds them: the list given (a token) and the keys one by one. */
  private static renderSshPublicKeys(this: void, user: TransferUser): string[] | undefined {
    const list = user.sshPublicKeyList;
    const keys = user.sshPublicKeys;
    if (list === undefined) return keys.length > 0 ? [...keys] : undefined;
    if (keys.length === 0) return list;
    // A list known at deployment only and keys added to it: CloudFormation has no list concatenation, so
    // the keys are joined into one string and split again. An OpenSSH public key is one line (the format
    // rule refuses line breaks), so a line break separates them.
    return Fn.split('\n', Fn.join('\n', [Fn.join('\n', list), ...keys]));
  }

  public readonly userName: string;
  public readonly server: ITransferServer;
  /** The role the service assumes for this user. */
  public readonly role: iam.IRole;
  /** The home directory. */
  public readonly homeDirectory: HomeDirectory;
  /** The keys given or added one by one (strings, string tokens among them). */
  private readonly sshPublicKeys: string[];
  /** The keys given as an encoded list token (e.g. a `CommaDelimitedList` parameter's `valueAsList`). */
  private readonly sshPublicKeyList?: string[];
  private readonly posixProfile?: PosixProfile;
  /** The session policy given, or the one made for the user's home (checked by the size rule). */
  private readonly sessionPolicy?: iam.PolicyDocument;
  private readonly sessionPolicyGiven: boolean;
  private readonly readOnly: boolean;
  private readonly givenRole?: iam.IRole;
  private readonly resource: CfnUser;
  private _userArn?: string;

  constructor(scope: Construct, id: string, props: TransferUserProps) {
    // Checked before the construct joins the tree: a refused user leaves nothing half-built behind.
    checkScope('TransferUser', scope, id);
    const input = readProps(props);
    super(scope, id);
    this.server = input.server;
    this.userName = input.userName;
    this.homeDirectory = input.homeDirectory;
    this.sshPublicKeyList = input.sshPublicKeyList;
    this.sshPublicKeys = input.sshPublicKeys;
    this.posixProfile = input.posixProfile;
    this.readOnly = input.readOnly;
    this.givenRole = input.role;
    this.sessionPolicyGiven = input.sessionPolicy !== undefined;

    const home = input.homeDirectory;
    const readOnly = input.readOnly;
    for (const location of home.locations) {
      registerUserHome(location);
      this.server.addHomeLocation(location);
    }

    // The home's session policy narrows any role, the user's own too; `readOnly` holds whatever policy is given.
    let shared = input.sessionPolicy === undefined && home._sessionPolicyApplies ? sharedSessionPolicy(this, home, readOnly) : undefined;
    // A home whose session policy cannot fit gets a role of its own with the same permissions instead
    // (a given role is left as it is: the size rule then says why and what to do).
    const ownRole = shared && !input.role && !fits(this, shared.document) ? ownUserRole(this, this.server, home, this.userName, readOnly) : undefined;
    if (ownRole) shared = undefined;
    const given = input.sessionPolicy !== undefined && readOnly ? readOnlyPolicy(input.sessionPolicy) : input.sessionPolicy;
    const sessionPolicy = given ?? shared?.document;
    this.sessionPolicy = sessionPolicy;

    const sharedRole = input.role || ownRole ? undefined : sharedUserRole(this.server, home, readOnly);
    this.role = input.role ?? ownRole ?? sharedRole!.role;
    const rendered = home.bind(this);
    const resource = new CfnUser(this, 'Resource', {
      serverId: this.server.serverId,
      userName: this.userName,
      role: sharedRole?.arnFor(this) ?? this.role.roleArn,
      homeDirectoryType: rendered.homeDirectoryType,
      homeDirectory: rendered.homeDirectory,
      homeDirectoryMappings: rendered.homeDirectoryMappings,
      // Set again by `addSshPublicKey`: a property, not a lazy value resolved for each of thousands of users.
      sshPublicKeys: TransferUser.renderSshPublicKeys(this),
      posixProfile: input.posixProfile
        ? { uid: input.posixProfile.uid, gid: input.posixProfile.gid, secondaryGids: input.posixProfile.secondaryGids }
        : undefined,
      policy: shared ? shared.forUser() : (sessionPolicy ? Stack.of(this).toJsonString(sessionPolicy) : undefined),
    });
    this.resource = resource;
    // No `DependsOn`: the user names its role (`Role`, a `Fn::GetAtt` in the role's stack, an import
    // across stacks), so CloudFormation creates the role first, and nothing else needs to wait.
    // Transfer Family assumes the role, with its policies, when the user logs in
    // (https://docs.aws.amazon.com/transfer/latest/userguide/users-policies.html), not when the user
    // is created, so the role's policies need not exist before the user does. Thousands of users share
    // one role, and two `DependsOn` entries each were a large part of an estate's template.

    registerUserName(this.server, this.userName);
    // A shared function, not a closure: an estate has thousands of users, each validated at synthesis.
    USER_RULES.attach(this, TransferUser.ruleSubject);
  }

  public get userArn(): string {
    // Computed when asked for: most users' ARNs are never read, and an estate has thousands of users.
    this._userArn ??= userArnOf(this, this.server, this.userName);
    return this._userArn;
  }

  /** A reference to this user, as aws-cdk-lib's constructs take it. */
  public get userRef(): transferRefs.UserReference {
    return { userArn: this.userArn };
  }

  /** Add an OpenSSH public key (at most 50 per user); it is in the template, whenever it is added before synthesis. */
  public addSshPublicKey(publicKey: string): void {
    requireString('TransferUser.addSshPublicKey()', 'publicKey', publicKey);
    requireScalar('TransferUser.addSshPublicKey()', 'publicKey', publicKey);
    this.sshPublicKeys.push(publicKey);
    this.resource.sshPublicKeys = TransferUser.renderSshPublicKeys(this);
  }
}

/** What `TransferUser` was given, checked: each prop of the right kind (tokens count), or an Error naming it. */
function readProps(props: TransferUserProps) {
  const where = 'TransferUser';
  requireObject(where, 'props', props);
  const server = requireServer(where, props.server);
  const userName = requireString(where, 'userName', props.userName);
  const homeDirectory = props.homeDirectory;
  if (!(homeDirectory instanceof HomeDirectory)) {
    invalid(where, 'homeDirectory', 'a HomeDirectory (e.g. `HomeDirectory.chroot(bucket, prefix)`)', homeDirectory);
  }
  const keys = optionalArray(where, 'sshPublicKeys', props.sshPublicKeys, (v, name) => requireScalar(where, name, requireString(where, name, v)));
  // An encoded list token is kept whole; a list of strings is copied, so later changes to it do not count.
  const sshPublicKeyList = keys !== undefined && Token.isUnresolved(keys) ? keys : undefined;
  const sshPublicKeys = sshPublicKeyList ? [] : [...(keys ?? [])];
  const posixProfile = readPosixProfile(where, props.posixProfile);
  const role = optionalMembers(where, 'role', props.role, 'an iam.IRole', ['roleArn', 'node']);
  const sessionPolicy = optionalMembers(where, 'sessionPolicy', props.sessionPolicy, 'an iam.PolicyDocument', ['toJSON', 'addStatements']);
  const readOnly = optionalBoolean(where, 'readOnly', props.readOnly) ?? false;
  return { server, userName, homeDirectory, sshPublicKeyList, sshPublicKeys, posixProfile, role, sessionPolicy, readOnly };
}

/**
 * `value` is a string, not one item of an encoded list token spread into another array (`[...list, key]`),
 * which CloudFormation cannot hold: pass the list itself, and add keys with `addSshPublicKey`.
 */
function requireScalar(where: string, prop: string, value: string): string {
  if (!Token.isUnresolved(value) && Token.isUnresolved([value])) {
    invalid(where, prop, 'a key, not an item of a list token (pass the list itself as `sshPublicKeys`, and add keys with `addSshPublicKey`)', value);
  }
  return value;
}

/** Whether the session policy made for a home fits (measured with references at their longest); taken as fitting when not measurable yet. */
function fits(scope: Construct, doc: iam.PolicyDocument): boolean {
  try {
    return measuredSessionPolicyLength(scope, doc) <= SESSION_POLICY_MAX_LENGTH;
  } catch {
    return true;
  }
}

function userArnOf(scope: Construct, server: ITransferServer, userName: string): string {
  return Stack.of(scope).formatArn({ service: 'transfer', resource: 'user', resourceName: `${server.serverId}/${userName}` });
}

const SESSION_POLICIES = new WeakMap<ITransferServer, Map<string, { document: iam.PolicyDocument; forUser: () => string }>>();

/**
 * The session policy of a user, shared with the users of the server that have the same layout (same
 * buckets, same prefixes once the user name is written `${transfer:UserName}`, same access, same
 * stack): one document, rendered once, instead of one per user.
 */
function sharedSessionPolicy(user: TransferUser, home: HomeDirectory, readOnly: boolean) {
  const layout = `${readOnly}|${Stack.of(user).node.addr}${home._policyLayout(user.userName)}`;
  return memoize(SESSION_POLICIES, user.server, layout, () => {
    const document = homeSessionPolicy(home, user.userName, readOnly, user);
    // Rendered once, with the references left as tokens, and written as one `Fn::Sub` string in which
    // each user's template resolves only the references (SharedPolicyText), where `Stack.toJsonString`
    // renders the whole document again for every user. Homes of several locations keep `toJsonString`,
    // whose statement merging (`@aws-cdk/aws-iam:minimizePolicies`) could otherwise change their policy.
    if (home.locations.length !== 1) {
      const json = Stack.of(user).toJsonString(document);
      return { document, forUser: () => json };
    }
    const text = new SharedPolicyText(JSON.stringify(document.toJSON()));
    return { document, forUser: () => text.forUser() };
  });
}
