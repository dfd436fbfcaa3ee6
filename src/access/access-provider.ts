import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { memoize } from '../private/memo';
import { acknowledgeWildcardResource } from '../private/nag';
import type { ITransferServer } from '../server/server-ref';

/**
 * The handler's code, inlined into the template: no asset, no bundler at the user's side, the AWS SDK
 * that Lambda bundles. The path is the same from src/access (ts-jest) and lib/access (compiled): the
 * package ships assets/.
 */
export const ACCESS_HANDLER_PATH = path.join(__dirname, '..', '..', 'assets', 'transfer-access', 'index.js');

/** The custom resource type of an access. */
export const ACCESS_RESOURCE_TYPE = 'Custom::TransferAccess';

/**
 * The custom resource provider of one server's accesses. One per server (and stack), not one per
 * stack: the handler's role may create, update and delete the accesses of this server only, and pass
 * only the roles of this server's accesses. A provider shared by the stack would hold every server's
 * permissions in one role, so that a request for one server could act on another.
 */
export class AccessProvider extends Construct {
  /** The role of the handler function: the access actions on this server, `iam:PassRole` on its accesses' roles. */
  public readonly role: iam.Role;
  public readonly serviceToken: string;
  private readonly passRole: iam.PolicyStatement;
  private readonly passed = new Set<string>();

  constructor(scope: Construct, id: string, server: ITransferServer) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Creates, updates and deletes the directory group accesses of Transfer Family server ${server.node.path}`,
    });
    logGroup.grantWrite(this.role);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['transfer:CreateAccess', 'transfer:UpdateAccess', 'transfer:DeleteAccess'],
      resources: [server.serverArn],
    }));
    // Filled as accesses are added; the template is written after.
    this.passRole = new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      conditions: { StringEquals: { 'iam:PassedToService': 'transfer.amazonaws.com' } },
    });
    this.role.addToPrincipalPolicy(this.passRole);
    const handler = new lambda.Function(this, 'Handler', {
      description: `Directory group accesses of Transfer Family server ${server.node.path} (cdk-transfer-family)`,
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(fs.readFileSync(ACCESS_HANDLER_PATH, 'utf8')),
      timeout: Duration.minutes(1),
      role: this.role,
      logGroup,
    });
    // The framework's function invokes the handler and logs; its role holds nothing else.
    const frameworkLogs = new logs.LogGroup(this, 'FrameworkLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const frameworkRole = new iam.Role(this, 'FrameworkRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Invokes the access handler of Transfer Family server ${server.node.path} for CloudFormation`,
    });
    frameworkLogs.grantWrite(frameworkRole);
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: handler,
      frameworkOnEventRole: frameworkRole,
      logGroup: frameworkLogs,
    });
    // aws-cdk-lib's framework grants the invocation of the handler and of its versions (`<arn>:*`).
    acknowledgeWildcardResource(frameworkRole, `${handler.functionArn}:*`, 'aws-cdk-lib\'s custom resource framework invokes the access handler, any of its versions; nothing else.');
    this.serviceToken = provider.serviceToken;
  }

  /** Let the handler pass `role` to Transfer Family (for this server's accesses only). */
  public allowPass(role: iam.IRole): void {
    const key = role.node.addr;
    if (this.passed.has(key)) return;
    this.passed.add(key);
    this.passRole.addResources(role.roleArn);
  }
}

const PROVIDERS = new WeakMap<IConstruct, Map<string, AccessProvider>>();

/**
 * The provider of `server`'s accesses made in `scope`'s stack: a child of the server when the server
 * is a construct of that stack, else of the stack; made on first use.
 */
export function accessProvider(scope: IConstruct, server: ITransferServer): AccessProvider {
  const stack = Stack.of(scope);
  return memoize(PROVIDERS, server, stack.node.addr, () => {
    if (Stack.of(server) === stack) return new AccessProvider(server, 'AccessProvider', server);
    const hash = createHash('sha256').update(server.node.addr).digest('hex').slice(0, 8).toUpperCase();
    return new AccessProvider(stack, `TransferAccessProvider${hash}`, server);
  });
}
