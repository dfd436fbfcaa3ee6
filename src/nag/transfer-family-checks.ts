import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleCompliance } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { PACK_AREAS } from './pack-rules';
import { WARNING_ID_PREFIX } from '../private/rules';

/**
 * A cdk-nag rule pack with this library's rules for AWS Transfer Family, judged on the
 * `AWS::Transfer::*` resources of any CDK app: L1 `CfnServer`s, this library's constructs and
 * anyone else's alike.
 *
 * ```ts
 * Validations.of(app).addPlugins(new TransferFamilyChecks(app));
 * ```
 *
 * Rule ids are `TF-<Area>-<n>` (see docs/rules.md). Findings are suppressed with cdk-nag's
 * `NagSuppressions`, as those of cdk-nag's own packs. A warning of this library acknowledged with
 * `Annotations.of(scope).acknowledgeWarning('cdk-transfer-family:<rule>')` is not reported again by the pack.
 * Values unknown at synth (tokens) are never judged.
 */
export class TransferFamilyChecks extends NagPack {
  public readonly name: string;

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.name = 'TF';
    this.packName = 'TF';
  }

  protected checkResource(node: CfnResource): void {
    for (const area of PACK_AREAS) {
      if (!area.appliesTo(node)) continue;
      let subject: unknown;
      const subjectOf = () => (subject ??= area.subject(node));
      if (!area.judged(subjectOf())) continue;
      for (const rule of area.rules) {
        let findings: string[] = [];
        const check = () => {
          if (rule.severity === 'warning' && acknowledged(node, `${WARNING_ID_PREFIX}${rule.id}`)) return NagRuleCompliance.COMPLIANT;
          findings = rule.findings(subjectOf());
          return findings.length > 0 ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
        };
        // applyRule reads `info` after the rule ran: the findings are in the message.
        const params = {
          ruleSuffixOverride: rule.packId.replace(/^TF-/, ''),
          get info() {
            return `[${rule.packId}] ${sentence(findings.join('; '))} ${rule.summary} (${rule.id})`;
          },
          explanation: `${sentence(rule.reason)} Fix: ${sentence(rule.fix)} Source: ${rule.source}`,
          level: rule.severity === 'error' ? NagMessageLevel.ERROR : NagMessageLevel.WARN,
          node,
          rule: check,
        };
        this.applyRule(params);
      }
    }
  }
}

/** Whether aws-cdk-lib records `id` as acknowledged (`Annotations.acknowledgeWarning`) on `node` or a scope above it. */
function acknowledged(node: IConstruct, id: string): boolean {
  const app = node.node.root as unknown as Record<symbol, { has?: (n: IConstruct, ack: string) => boolean } | undefined>;
  const acks = app[Symbol.for('@aws-cdk/core.Acknowledgements')];
  return typeof acks?.has === 'function' && acks.has(node, id);
}

/** The text ending with one full stop. */
function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
