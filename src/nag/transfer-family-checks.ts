import { CfnResource } from 'aws-cdk-lib';
// From cdk-nag's modules, not its index: the index loads every pack and rule of cdk-nag (about 0.2 s of
// every app's start, measured with `npm run bench`), and this pack needs only the base class and enums.
import { NagPack, NagPackProps } from 'cdk-nag/lib/nag-pack';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { IConstruct } from 'constructs';
import { PACK_AREAS } from './pack-rules';

/**
 * A cdk-nag rule pack with this library's rules for AWS Transfer Family, judged on the
 * `AWS::Transfer::*` resources of any CDK app: L1 `CfnServer`s, `CfnUser`s, `CfnWorkflow`s, the AS2
 * `CfnCertificate`s, `CfnProfile`s and `CfnAgreement`s, and the SFTP and AS2 `CfnConnector`s, this library's
 * constructs and anyone else's alike. Each pack rule is the library rule of the same definition, judging the
 * subject built from the resource as the template holds it (and, for users, the server, buckets and file
 * systems of the same stack it names; for profiles their certificates, for agreements their server and
 * profiles, for AS2 connectors their profiles' types).
 *
 * ```ts
 * Validations.of(app).addPlugins(new TransferFamilyChecks(app));
 * ```
 *
 * Rule ids are `TF-<Area>-<n>` (`TF-Server`, `TF-User`, `TF-Workflow`, `TF-AS2`, `TF-Connector`, `TF-IAM`; see docs/rules.md).
 * Findings are acknowledged as those of cdk-nag 3's own packs: `Validations.of(scope).acknowledge({ id: 'TF-Server-15', reason })` on the resource or a scope above
 * it. Values unknown at synth (tokens) are never judged.
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

/** The text ending with one full stop. */
function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
