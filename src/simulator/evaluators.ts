import * as path from 'path';
import { AccessDecision, AccessRequest, IAccessEvaluator } from './access';

/** The npm package of the default evaluator. */
const IAM_SIMULATE = '@cloud-copilot/iam-simulate';

/**
 * Evaluators for `WorkflowSimulator`'s `evaluator` prop.
 *
 * This library does not depend on an IAM policy evaluator: the default, `AccessEvaluator.iamSimulate()`,
 * uses the npm package `@cloud-copilot/iam-simulate` when it is installed next to this library (licensed
 * AGPL-3.0-or-later: install it as a devDependency of your tests, `npm install --save-dev
 * @cloud-copilot/iam-simulate`). Any other evaluator can be given: an object with an
 * `evaluate(request)` method.
 */
export abstract class AccessEvaluator {
  /**
   * IAM policy evaluation by `@cloud-copilot/iam-simulate`, loaded when first used. Throws an Error
   * saying how to install it when it is not installed.
   *
   * Requests are decided by its core engine (identity policies, the resource policy, explicit denies,
   * condition keys exactly as given: `kms:EncryptionContext:*` and `kms:ViaService` included), with no
   * service control, resource control or session policies and no permissions boundary.
   */
  public static iamSimulate(): IAccessEvaluator {
    return new IamSimulateEvaluator(loadIamSimulate());
  }

  /**
   * Allows every request: runs the steps without judging permissions (no step then fails with
   * PERMISSION_DENIED). For tests of the steps' logic only.
   */
  public static allowAll(): IAccessEvaluator {
    return new AllowAll();
  }

  private constructor() {}
}

/** What the evaluator uses of `@cloud-copilot/iam-simulate` and the packages it depends on. */
interface IamSimulateModules {
  readonly loadPolicy: (policy: unknown, options: { name: string }) => unknown;
  readonly authorize: (request: Record<string, unknown>) => { result: string };
  readonly AwsRequest: new (principal: string, resource: { resource: string; accountId: string }, action: string, context: unknown) => unknown;
  readonly RequestContext: new (values: Record<string, string | string[]>) => unknown;
  readonly DiscoveryContextKeyConstraints: new (keys: unknown[]) => unknown;
}

/**
 * Load `@cloud-copilot/iam-simulate` from where it is installed. Its core engine is used rather than
 * `runSimulation()`, which drops the context keys it does not know for an action
 * (`kms:EncryptionContext:<key>` among them), and `runUnsafeSimulation()`, which ignores session policies.
 */
function loadIamSimulate(): IamSimulateModules {
  let main: string;
  try {
    main = require.resolve(IAM_SIMULATE);
  } catch {
    throw new Error(`WorkflowSimulator: the default access evaluator needs the npm package ${IAM_SIMULATE} (AGPL-3.0-or-later), `
      + `which this library does not install. Add it to your tests (\`npm install --save-dev ${IAM_SIMULATE}\`), or pass your own `
      + '`evaluator` (an object with `evaluate(request)`), or `AccessEvaluator.allowAll()` to run the steps without judging permissions.');
  }
  const dir = path.dirname(main);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const fromDir = (id: string) => require(require.resolve(id, { paths: [dir] }));
  const policyLib = fromDir('@cloud-copilot/iam-policy');
  const core = require(path.join(dir, 'core_engine', 'CoreSimulatorEngine.js'));
  const requestLib = require(path.join(dir, 'request', 'request.js'));
  const contextLib = require(path.join(dir, 'requestContext.js'));
  const discoveryLib = require(path.join(dir, 'context_keys', 'discoveryContextKeyConstraints.js'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    loadPolicy: policyLib.loadPolicy,
    authorize: core.authorize,
    AwsRequest: requestLib.AwsRequestImpl,
    RequestContext: contextLib.RequestContextImpl,
    DiscoveryContextKeyConstraints: discoveryLib.DiscoveryContextKeyConstraints,
  };
}

class AllowAll implements IAccessEvaluator {
  public evaluate(_request: AccessRequest): AccessDecision {
    return { allowed: true, result: 'Allowed' };
  }
}

class IamSimulateEvaluator implements IAccessEvaluator {
  private readonly loaded = new Map<string, unknown>();

  constructor(private readonly lib: IamSimulateModules) {}

  public evaluate(request: AccessRequest): AccessDecision {
    const lib = this.lib;
    const awsRequest = new lib.AwsRequest(
      request.sessionArn,
      { resource: request.resource, accountId: request.resourceAccount },
      request.action,
      new lib.RequestContext({ ...request.multiValueContext, ...request.context }),
    );
    const analysis = lib.authorize({
      request: awsRequest,
      sessionPolicy: undefined,
      identityPolicies: request.identityPolicies.map((p, i) => this.load(p, `IdentityPolicy${i + 1}`)),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy === undefined ? undefined : this.load(request.resourcePolicy, 'ResourcePolicy'),
      permissionBoundaries: undefined,
      vpcEndpointPolicies: undefined,
      simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new lib.DiscoveryContextKeyConstraints([]) },
      serviceSettings: { s3: {} },
    });
    return { allowed: analysis.result === 'Allowed', result: analysis.result };
  }

  /** A policy document parsed once (the simulator passes the same JSON for every request). */
  private load(json: string, name: string): unknown {
    const key = `${name}\u0000${json}`;
    let policy = this.loaded.get(key);
    if (policy === undefined) {
      policy = this.lib.loadPolicy(JSON.parse(json), { name });
      this.loaded.set(key, policy);
    }
    return policy;
  }
}
