import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledge cdk-nag's AwsSolutions-IAM5 finding for one wildcard resource of a policy this
 * library writes, with the reason the wildcard is needed. Only that resource is acknowledged:
 * any other wildcard on the same role is still reported.
 *
 * cdk-nag names a finding after the resource as it appears in the template, with references
 * written `<LogicalId.Attribute>` and `<AWS::Region>`, so the id is computed when the app is
 * validated (logical ids are final then), before the validation plugins run.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  scope.node.addValidation({
    validate: () => {
      const flat = flattenReference(Stack.of(scope).resolve(resource));
      // Recorded the way `Validations.of(scope).acknowledge()` records it: that method refuses ids
      // with more than one '::', and cdk-nag's finding ids contain `<AWS::Partition>`.
      scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [`AwsSolutions-IAM5[Resource::${flat}]`]: reason });
      return [];
    },
  });
}

/** A resolved CloudFormation value as one string: `Ref` as `<Name>`, `Fn::GetAtt` as `<Logical.Attr>`. */
export function flattenReference(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const v = value as Record<string, any>;
  if (v['Fn::Join']) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(flattenReference).join(sep);
  }
  if (v['Fn::Sub'] !== undefined) return flattenReference(v['Fn::Sub']);
  if (v['Fn::GetAtt']) {
    const [logicalId, attr] = v['Fn::GetAtt'] as [unknown, unknown];
    return `<${flattenReference(logicalId)}.${flattenReference(attr)}>`;
  }
  if (v['Fn::ImportValue'] !== undefined) return flattenReference(v['Fn::ImportValue']);
  if (v.Ref !== undefined) return `<${flattenReference(v.Ref)}>`;
  return JSON.stringify(value);
}
