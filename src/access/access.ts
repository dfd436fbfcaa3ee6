import { CfnResource, CustomResource, Resource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ACCESS_RESOURCE_TYPE, accessProvider } from './access-provider';
import { ACCESS_RULES, AccessSubject, externalIdCount, registerExternalId } from './access-rules';
import { invalid, optionalBoolean, optionalMembers, requireObject, requireString } from '../private/input';
import type { ITransferServer, PosixProfile } from '../server/server-ref';
import { HomeDirectory } from '../user/home-directory';
import { homeSessionPolicy, readOnlyPolicy } from '../user/session-policy';
import { checkScope, readPosixProfile, requireServer } from '../user/user-input';
import { sharedUserRole } from '../user/user-roles';
import { registerUserHome, storageOf } from '../user/user-rules';

/** Options of a directory group's access, for `server.addAccess()`. */
export interface TransferAccessOptions {
  /**
   * The group's security identifier (SID), `S-1-…` (PowerShell: `Get-ADGroup -Identity <group> | Select ObjectSid`).
   * One access per group and server.
   */
  readonly externalId: string;
  /** Where the group's members land and what they can see (the same homes as users'). */
  readonly homeDirectory: HomeDirectory;
  /**
   * The POSIX identity the group's members read and write EFS files with (required on EFS; ignored on S3).
   *
   * @default - none
   */
  readonly posixProfile?: PosixProfile;
  /**
   * The role the service assumes for the group's members. Left as it is: the construct adds no permission
   * to it. On S3, the access's session policy (the home's, unless you pass `sessionPolicy`) still narrows it.
   *
   * @default - the role shared by the server's users and accesses whose homes are in the same storage
   */
  readonly role?: iam.IRole;
  /**
   * A session policy that narrows the role for the group's members (S3 only, at most 2048 characters of JSON).
   * With `readOnly`, a statement that denies every write is added to it.
   *
   * @default - one that allows listing, reading (and unless `readOnly`, writing) only inside the home, and
   * using the home buckets' customer managed KMS keys through S3 for those files
   */
  readonly sessionPolicy?: iam.PolicyDocument;
  /**
   * The group's members can list and read the home but not write to it, whatever `role` or `sessionPolicy`
   * allow (on EFS, where session policies do not apply, together with the shared role only).
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

/** Properties of a `TransferAccess`. */
export interface TransferAccessProps extends TransferAccessOptions {
  /** The server, whose identity provider must be a directory (`IdentityProvider.directory()`). */
  readonly server: ITransferServer;
}

/**
 * The access of an Active Directory group to a Transfer Family server whose identity provider is a
 * directory: the group's members sign in with their directory credentials and get this home, role and
 * session policy (https://docs.aws.amazon.com/transfer/latest/APIReference/API_CreateAccess.html).
 *
 * CloudFormation has no resource type for it: a custom resource creates, updates and deletes it, through
 * a function that may act on this server's accesses only and pass only their roles to Transfer Family.
 * Changing `externalId` or the server replaces the access. Least privilege as for users: accesses and
 * users whose homes are in the same storage share one role of the server, and each access is narrowed
 * to its own home by a session policy (S3) or its POSIX identity (EFS).
 */
export class TransferAccess extends Resource {
  /** What the rules look at, read when the app is validated. */
  private static ruleSubject(this: void, access: TransferAccess): AccessSubject {
    return {
      scope: access,
      server: access.server,
      externalId: access.externalId,
      duplicates: externalIdCount(access.server, access.externalId),
      home: access.homeDirectory,
      storage: storageOf(access.homeDirectory),
      posixProfile: access.posixProfile,
      sessionPolicy: access.sessionPolicy,
      sessionPolicyGiven: access.sessionPolicyGiven,
      readOnly: access.readOnly,
      givenRole: access.givenRole,
    };
  }

  /** The group's security identifier. */
  public readonly externalId: string;
  public readonly server: ITransferServer;
  /** The role the service assumes for the group's members. */
  public readonly role: iam.IRole;
  /** The home directory. */
  public readonly homeDirectory: HomeDirectory;
  private readonly posixProfile?: PosixProfile;
  private readonly sessionPolicy?: iam.PolicyDocument;
  private readonly sessionPolicyGiven: boolean;
  private readonly readOnly: boolean;
  private readonly givenRole?: iam.IRole;

  constructor(scope: Construct, id: string, props: TransferAccessProps) {
    checkScope('TransferAccess', scope, id);
    const input = readProps(props);
    super(scope, id);
    this.server = input.server;
    this.externalId = input.externalId;
    this.homeDirectory = input.homeDirectory;
    this.posixProfile = input.posixProfile;
    this.readOnly = input.readOnly;
    this.givenRole = input.role;
    this.sessionPolicyGiven = input.sessionPolicy !== undefined;

    const home = input.homeDirectory;
    for (const location of home.locations) {
      registerUserHome(location);
      this.server.addHomeLocation(location);
    }
    // As for users: the home's session policy narrows any role; `readOnly` holds whatever policy is given.
    // A group has no user name of its own: the policy names the home's keys as they are.
    const given = input.sessionPolicy !== undefined && input.readOnly ? readOnlyPolicy(input.sessionPolicy) : input.sessionPolicy;
    this.sessionPolicy = given ?? (home._sessionPolicyApplies ? homeSessionPolicy(home, '', input.readOnly, this) : undefined);
    const sharedRole = input.role ? undefined : sharedUserRole(this.server, home, input.readOnly);
    this.role = input.role ?? sharedRole!.role;

    const provider = accessProvider(this, this.server);
    provider.allowPass(this.role);
    const rendered = home.bind(this);
    const profile = input.posixProfile;
    const resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: ACCESS_RESOURCE_TYPE,
      properties: {
        ServerId: this.server.serverId,
        ExternalId: this.externalId,
        Role: sharedRole?.arnFor(this) ?? this.role.roleArn,
        HomeDirectoryType: rendered.homeDirectoryType,
        HomeDirectory: rendered.homeDirectory,
        HomeDirectoryMappings: rendered.homeDirectoryMappings?.map((m) => ({ Entry: m.entry, Target: m.target, Type: m.type })),
        Policy: this.sessionPolicy ? Stack.of(this).toJsonString(this.sessionPolicy) : undefined,
        PosixProfile: profile ? { Uid: profile.uid, Gid: profile.gid, SecondaryGids: profile.secondaryGids } : undefined,
      },
    });
    const cfn = resource.node.defaultChild;
    if (sharedRole && cfn instanceof CfnResource) sharedRole.addDependent(cfn);
    else resource.node.addDependency(this.role);
    // The handler's permissions (its role's policy) exist before it is asked to act.
    resource.node.addDependency(provider.role);

    registerExternalId(this.server, this.externalId);
    ACCESS_RULES.attach(this, TransferAccess.ruleSubject);
  }
}

/** What `TransferAccess` was given, checked: each prop of the right kind (tokens count), or an Error naming it. */
function readProps(props: TransferAccessProps) {
  const where = 'TransferAccess';
  requireObject(where, 'props', props);
  const server = requireServer(where, props.server);
  const externalId = requireString(where, 'externalId', props.externalId);
  const homeDirectory = props.homeDirectory;
  if (!(homeDirectory instanceof HomeDirectory)) {
    invalid(where, 'homeDirectory', 'a HomeDirectory (e.g. `HomeDirectory.chroot(bucket, prefix)`)', homeDirectory);
  }
  const posixProfile = readPosixProfile(where, props.posixProfile);
  const role = optionalMembers(where, 'role', props.role, 'an iam.IRole', ['roleArn', 'node']);
  const sessionPolicy = optionalMembers(where, 'sessionPolicy', props.sessionPolicy, 'an iam.PolicyDocument', ['toJSON', 'addStatements']);
  const readOnly = optionalBoolean(where, 'readOnly', props.readOnly) ?? false;
  return { server, externalId, homeDirectory, posixProfile, role, sessionPolicy, readOnly };
}
