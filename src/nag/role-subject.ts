import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** An IAM policy statement as the template holds it (resolved; references are CloudFormation intrinsics). */
export type StatementJson = Record<string, unknown>;

/** What the role rules of the pack look at: an `AWS::IAM::Role` and the policies the template attaches to it. */
export interface RoleSubject {
  /** The statements of the role's trust policy. */
  readonly trust: StatementJson[];
  /** The statements of its inline policies and of the `AWS::IAM::Policy` / `ManagedPolicy` resources of its stack that name it. */
  readonly statements: Array<{ readonly policy: string; readonly statement: StatementJson }>;
  /** The managed policy ARNs it lists, as the template holds them. */
  readonly managedPolicyArns: unknown[];
}

const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const statementsOf = (doc: unknown): StatementJson[] => asArray((doc as Record<string, unknown> | undefined)?.Statement)
  .filter((s): s is StatementJson => typeof s === 'object' && s !== null);

/** The subject of the role rules, from an `AWS::IAM::Role` L1 and the policy resources of its stack. */
export function roleSubjectOfL1(role: iam.CfnRole): RoleSubject {
  const stack = Stack.of(role);
  const ref = JSON.stringify(stack.resolve(role.ref));
  const statements: Array<{ policy: string; statement: StatementJson }> = [];
  for (const p of asArray(stack.resolve(role.policies))) {
    const policy = p as Record<string, unknown>;
    for (const statement of statementsOf(policy.PolicyDocument ?? policy.policyDocument)) {
      statements.push({ policy: `inline policy ${String(policy.PolicyName ?? policy.policyName ?? '')}`, statement });
    }
  }
  for (const c of stack.node.findAll()) {
    if (!(c instanceof iam.CfnPolicy) && !(c instanceof iam.CfnManagedPolicy)) continue;
    const roles = asArray(stack.resolve(c.roles)).map((r) => JSON.stringify(r));
    if (!roles.includes(ref)) continue;
    for (const statement of statementsOf(stack.resolve(c.policyDocument))) statements.push({ policy: c.node.path, statement });
  }
  return {
    trust: statementsOf(stack.resolve(role.assumeRolePolicyDocument)),
    statements,
    managedPolicyArns: asArray(stack.resolve(role.managedPolicyArns)),
  };
}
