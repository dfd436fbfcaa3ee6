import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * The ARN pattern of this account's Transfer Family `resource`s matching `resourceName` in the stack's
 * region and partition: `server/*`, `user/<server-id>/*`, `workflow/*`.
 */
export function transferArnPattern(scope: IConstruct, resource: 'server' | 'user' | 'workflow', resourceName: string): string {
  return Stack.of(scope).formatArn({ service: 'transfer', resource, resourceName });
}

/**
 * The Transfer Family service, allowed to assume a role only on behalf of this account's
 * `resource`s matching `resourceName` (confused-deputy protection).
 */
export function transferServicePrincipal(scope: IConstruct, resource: 'server' | 'user' | 'workflow', resourceName: string): iam.IPrincipal {
  return transferServicePrincipalFor(scope, [transferArnPattern(scope, resource, resourceName)]);
}

/**
 * The Transfer Family service, allowed to assume a role only for this account (`aws:SourceAccount`)
 * and only on behalf of the resources `sourceArns` name (`aws:SourceArn`, ARNs or ARN patterns).
 * This is what the Transfer Family user guide recommends for every role the service assumes:
 * https://docs.aws.amazon.com/transfer/latest/userguide/confused-deputy.html
 *
 * A role's conditions may name a resource's own ARN only when that resource does not reference the
 * role (a server references its logging role; a workflow does not reference its execution role),
 * or the template has a dependency cycle.
 */
export function transferServicePrincipalFor(scope: IConstruct, sourceArns: string[]): iam.IPrincipal {
  const unique = [...new Set(sourceArns)];
  return new iam.ServicePrincipal('transfer.amazonaws.com').withConditions({
    StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
    ArnLike: { 'aws:SourceArn': unique.length === 1 ? unique[0] : unique },
  });
}
