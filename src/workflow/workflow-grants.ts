import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * A grantee whose grants land in an `iam.Policy` of their own, attached to the grantee's role,
 * instead of the role's default policy.
 *
 * Why: a Lambda function depends on its role and everything under it (the default policy too). A
 * workflow references the functions of its custom steps, so a statement naming the workflow in a
 * function's default policy makes a dependency cycle (workflow → function → policy → workflow).
 * A policy created under `scope` (here: the workflow, or the bridge construct) is not under the role,
 * so the function does not wait for it; it is attached before any upload can invoke the function.
 *
 * Grantees that are not roles (users, groups, service principals) get the grant the ordinary way.
 */
export function separatePolicyGrantee(scope: Construct, grantee: iam.IGrantable): iam.IGrantable {
  const role = asRole(grantee.grantPrincipal);
  if (role === undefined) return grantee;
  return { grantPrincipal: new SeparatePolicyPrincipal(scope, role) };
}

function asRole(principal: iam.IPrincipal): iam.IRole | undefined {
  const p = principal as Partial<iam.IRole>;
  return typeof p.attachInlinePolicy === 'function' && typeof p.roleArn === 'string' ? principal as iam.IRole : undefined;
}

/** One policy per scope and role. */
const POLICIES = new WeakMap<Construct, Map<iam.IRole, iam.Policy>>();

function policyFor(scope: Construct, role: iam.IRole): iam.Policy {
  let byRole = POLICIES.get(scope);
  if (!byRole) {
    byRole = new Map();
    POLICIES.set(scope, byRole);
  }
  let policy = byRole.get(role);
  if (!policy) {
    policy = new iam.Policy(scope, `GrantPolicy${byRole.size + 1}`, { roles: [role] });
    byRole.set(role, policy);
  }
  return policy;
}

class SeparatePolicyPrincipal implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;
  public readonly assumeRoleAction: string;
  public readonly principalAccount?: string;

  constructor(private readonly scope: Construct, private readonly role: iam.IRole) {
    this.assumeRoleAction = role.assumeRoleAction;
    this.principalAccount = role.principalAccount;
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return this.role.policyFragment;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    const policy = policyFor(this.scope, this.role);
    policy.addStatements(statement);
    return { statementAdded: true, policyDependable: policy };
  }
}
