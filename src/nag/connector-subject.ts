import { Stack, Token } from 'aws-cdk-lib';
import { CfnCertificate, CfnConnector, CfnProfile } from 'aws-cdk-lib/aws-transfer';
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
 * The usages of the certificates of the `CfnProfile` of the stack whose id `id` is, when every one is known:
 * the profile is a resource of the stack, its `CertificateIds` a list, each a `CfnCertificate` of the stack
 * (`Fn::GetAtt` / `Ref`) with a literal `Usage`; `undefined` otherwise (not judged).
 */
function certificateUsages(stack: Stack, id: unknown): string[] | undefined {
  if (id === undefined) return undefined;
  const profile = referenced(stack, id, CfnProfile, (p) => p.attrProfileId, true);
  if (profile === undefined) return undefined;
  const ids: unknown = profile.certificateIds === undefined ? [] : stack.resolve(profile.certificateIds);
  if (!Array.isArray(ids)) return undefined;
  const usages = ids.map((c) => {
    const usage = referenced(stack, c, CfnCertificate, (r) => r.attrCertificateId, true)?.usage;
    return typeof usage === 'string' && !Token.isUnresolved(usage) ? usage : undefined;
  });
  return usages.every((u): u is string => u !== undefined) ? usages : undefined;
}

/**
 * The subject of the connector rules built from an `AWS::Transfer::Connector` L1: what `connectorSubject`
 * reads from the resource, and for an AS2 connector the types of its profiles, read from the `CfnProfile`s
 * of the same stack its `As2Config`'s `LocalProfileId` and `PartnerProfileId` name. A profile that is not a
 * resource of the stack is of unknown type, and its type is not judged; the usages of a profile's certificates
 * are judged only when every certificate is a `CfnCertificate` of the stack with a literal usage.
 */
export function connectorSubjectOfL1(cfn: CfnConnector): ConnectorSubject {
  const stack = Stack.of(cfn);
  const raw: unknown = cfn.as2Config === undefined ? undefined : stack.resolve(cfn.as2Config);
  const as2 = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw as Record<string, unknown> : undefined;
  return connectorSubject(cfn, {
    localProfileType: as2 && profileType(stack, as2.LocalProfileId),
    partnerProfileType: as2 && profileType(stack, as2.PartnerProfileId),
    localCertificateUsages: as2 && certificateUsages(stack, as2.LocalProfileId),
    partnerCertificateUsages: as2 && certificateUsages(stack, as2.PartnerProfileId),
  });
}
