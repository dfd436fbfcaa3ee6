import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * The Transfer Family service, allowed to assume a role only on behalf of this account's
 * `resource`s matching `resourceName` (confused-deputy protection). Conditions name ARN patterns
 * rather than a resource's own ARN, so that a role never depends on the resource that uses it.
 */
export function transferServicePrincipal(scope: IConstruct, resource: 'server' | 'user' | 'workflow', resourceName: string): iam.IPrincipal {
  const stack = Stack.of(scope);
  return new iam.ServicePrincipal('transfer.amazonaws.com').withConditions({
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'transfer', resource, resourceName }) },
  });
}
