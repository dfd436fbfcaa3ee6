import { Stack, Token } from 'aws-cdk-lib';
import { CfnConnector, CfnProfile } from 'aws-cdk-lib/aws-transfer';
import { referenced } from './as2-subject';
import { ConnectorSubject, connectorSubject } from '../connector/connector-rules';

/**
 * The `ProfileType` of the `CfnProfile` of the stack whose id (`Fn::GetAtt` / `Ref`) `id` is; `undefined`
 * when the profile is not a resource of the stack (an id written out, a parameter, an import) or its type
 * is a token.
 */
function profileType(stack: Stack, id: unknown): string | undefined {
  if (id === undefined) return undefined;
  const profile = referenced(stack, id, CfnProfile, (p) => p.attrProfileId, true);
  const type = profile?.profileType;
  return typeof type === 'string' && !Token.isUnresolved(type) ? type : undefined;
}

/**
 * The subject of the connector rules built from an `AWS::Transfer::Connector` L1: what `connectorSubject`
 * reads from the resource, and for an AS2 connector the types of its profiles, read from the `CfnProfile`s
 * of the same stack its `As2Config`'s `LocalProfileId` and `PartnerProfileId` name. A profile that is not a
 * resource of the stack is of unknown type, and its type is not judged.
 */
export function connectorSubjectOfL1(cfn: CfnConnector): ConnectorSubject {
  const stack = Stack.of(cfn);
  const raw: unknown = cfn.as2Config === undefined ? undefined : stack.resolve(cfn.as2Config);
  const as2 = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw as Record<string, unknown> : undefined;
  return connectorSubject(cfn, {
    localProfileType: as2 && profileType(stack, as2.LocalProfileId),
    partnerProfileType: as2 && profileType(stack, as2.PartnerProfileId),
  });
}
