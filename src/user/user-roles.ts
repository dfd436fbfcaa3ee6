import { createHash } from 'crypto';
import { AspectPriority, Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import type { HomeDirectory } from './home-directory';
import type { SharedRoleCover } from './home-grants';
import { homeStatements, s3ViaService } from './session-policy';
import { parentPrefix } from '../location/paths';
import { EFS_READ_ACTIONS, EFS_WRITE_ACTIONS, KMS_WRITE_ACTIONS, S3_WRITE_ACTIONS } from '../private/iam-actions';
import { memoize } from '../private/memo';
import { acknowledgeWildcardResource } from '../private/nag';
import { transferServicePrincipal } from '../private/transfer-principal';
import type { ITransferServer } from '../server/server-ref';


interface BucketGrant {
  readonly objects: iam.PolicyStatement;
  readonly listPrefixes: string[];
  readonly parents: Set<string>;
}

/**
 * One role shared by the users of a server whose homes are in the same storage. Each mapping of a home
 * says what it needs covered (`DirectoryMapping._coverSharedRole`): its bucket's directory, its file system.
 */
export class SharedUserRole implements SharedRoleCover {
  public readonly role: iam.Role;
  private readonly buckets = new Map<string, BucketGrant>();
  private readonly fileSystems = new Set<string>();
  private arn?: string;
  private readonly dependents: CfnResource[] = [];

  constructor(scope: Construct, id: string, server: ITransferServer, private readonly readOnly: boolean) {
    this.role = new iam.Role(scope, id, {
      description: `Shared by the users of Transfer Family server ${server.node.path} whose homes are in the same storage; each user is narrowed to its own home`,
      assumedBy: transferServicePrincipal(scope, 'user', `${server.serverId}/*`),
    });
  }

  /**
   * The role's ARN as seen from `scope`: the role resource's own attribute in the role's stack
   * (what `roleArn` resolves to there, without a lazy value to resolve for every user).
   */
  public arnFor(scope: IConstruct): string {
    if (Stack.of(scope) !== Stack.of(this.role)) return this.role.roleArn;
    if (this.arn === undefined) {
      const resource = this.role.node.defaultChild;
      this.arn = resource instanceof iam.CfnRole ? resource.attrArn : this.role.roleArn;
    }
    return this.arn;
  }

  /**
   * Make `resource` wait for the role and its policies, as `resource.node.addDependency(role)` does.
   * Thousands of users share the role, and a construct dependency is worked out again for each of
   * them at synthesis; here the role's resources are looked up once, after the role has split a
   * policy that grew too large (an aspect of its own), and each user gets resource dependencies.
   */
  public addDependent(resource: CfnResource): void {
    if (this.dependents.length === 0) {
      // After the mutating and default aspects (which may add to the role's policies or split them),
      // before the read-only ones, which expect the tree final.
      const priority = AspectPriority.READONLY - 1;
      Aspects.of(this.role).add({
        visit: (node) => {
          if (node !== this.role) return;
          const targets = this.role.node.findAll().filter(CfnResource.isCfnResource);
          for (const dependent of this.dependents) for (const target of targets) dependent.addResourceDependency(target);
        },
      }, { priority });
    }
    this.dependents.push(resource);
  }

  public coverBucket(bucket: s3.IBucket, prefix: string): void {
    const key = bucket.node.addr;
    let grant = this.buckets.get(key);
    if (!grant) {
      const listPrefixes: string[] = [];
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        // The array is filled as homes are added; it is read when the template is written.
        conditions: { StringLike: { 's3:prefix': listPrefixes } },
      }));
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: [bucket.bucketArn] }));
      const objects = new iam.PolicyStatement({ actions: S3_WRITE_ACTIONS });
      this.role.addToPrincipalPolicy(objects);
      // Customer managed keys only: explicit actions, no wildcard, and only through S3 (as the users'
      // session policies allow it).
      if (bucket.encryptionKey) {
        this.role.addToPrincipalPolicy(new iam.PolicyStatement({
          actions: KMS_WRITE_ACTIONS,
          resources: [bucket.encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': s3ViaService(bucket) } },
        }));
      }
      grant = { objects, listPrefixes, parents: new Set() };
      this.buckets.set(key, grant);
    }
    const parent = parentPrefix(prefix);
    if (grant.parents.has(parent)) return;
    grant.parents.add(parent);
    const objects = bucket.arnForObjects(`${parent}*`);
    grant.objects.addResources(objects);
    grant.listPrefixes.push(parent === '' ? '*' : `${parent}*`);
    acknowledgeWildcardResource(this.role, objects,
      `Users' homes are under ${parent === '' ? 'the bucket root' : `"${parent}"`}; each user's session policy narrows this role to its own home.`);
  }

  public coverFileSystem(fs: efs.IFileSystem): void {
    if (this.fileSystems.has(fs.node.addr)) return;
    this.fileSystems.add(fs.node.addr);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: this.readOnly ? EFS_READ_ACTIONS : EFS_WRITE_ACTIONS,
      resources: [fs.fileSystemArn],
    }));
  }
}

const ROLES = new WeakMap<IConstruct, Map<string, SharedUserRole>>();

/**
 * The role for a user of `server` whose home is `home`: one role per server and set of storages (and
 * where no session policy narrows the users, on EFS, per access level), created on first use. The role
 * is a child of the server (a construct of this app, owned or imported), or else of the server's stack.
 */
export function sharedUserRole(server: ITransferServer, home: HomeDirectory, readOnly: boolean): SharedUserRole {
  const mappings = home.mappings;
  // Most homes are in one place: no set to build then.
  const storages = mappings.length === 1 ? mappings[0]._storage.node.addr : [...new Set(mappings.map((m) => m._storage.node.addr))].sort().join('+');
  const unnarrowed = !home._sessionPolicyApplies;
  const key = `${storages}${unnarrowed && readOnly ? '+ro' : ''}`;
  const shared = memoize(ROLES, server, key, () => {
    // In the stack, the server's address tells its roles apart from those of the stack's other servers.
    const inStack = `${server.node.addr}/${key}`;
    const [scope, id] = Construct.isConstruct(server) ? [server, key] : [Stack.of(server), inStack];
    return new SharedUserRole(scope, `UsersRole${hash(id)}`, server, unnarrowed && readOnly);
  });
  home._coverSharedRole(shared);
  return shared;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 8).toUpperCase();
}

/**
 * A role of one user alone, for a home whose permissions do not fit the 2048 characters of a session
 * policy (a long prefix appears in it three to four times: twice in the listing condition, once in the
 * objects' ARN, once more in the KMS encryption context). The role's policy holds exactly the statements
 * the session policy would have held, with the user name written out (Transfer Family substitutes its
 * policy variables in session policies only), so the user reaches what it would have reached, and no
 * session policy is needed. The role trusts Transfer Family for this user of this server only.
 */
export function ownUserRole(user: Construct, server: ITransferServer, home: HomeDirectory, userName: string, readOnly: boolean): iam.Role {
  const role = new iam.Role(user, 'Role', {
    description: `Of Transfer Family user ${user.node.path} alone: its home's permissions do not fit a session policy`,
    assumedBy: transferServicePrincipal(user, 'user', `${server.serverId}/${userName}`),
  });
  for (const statement of homeStatements(home, userName, readOnly, user, false)) {
    role.addToPrincipalPolicy(statement);
    for (const resource of statement.resources) {
      if (resource.endsWith('*')) acknowledgeWildcardResource(role, resource, 'The files of the user\'s home: every object under its prefix.');
    }
  }
  return role;
}
