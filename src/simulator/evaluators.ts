import { AccessDecision, AccessRequest, IAccessEvaluator } from './access';
import { IamSimulateModules, loadIamSimulate } from './iam-simulate';

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
