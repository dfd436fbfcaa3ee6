import { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { CfnServer } from 'aws-cdk-lib/aws-transfer';
import { ROLE_RULES, isTransferRole } from './role-rules';
import { roleSubjectOfL1 } from './role-subject';
import { SERVER_PACK_RULES } from './server-pack-rules';
import { serverSubjectOfL1 } from './server-subject';
import { SERVER_RULES } from '../server/server-rules';
import { Rule, RuleInfo, RuleTable } from '../validation/rules';

/**
 * The pack's rule ids, each beside the library rule it runs: a pack rule is a library rule, judged on the
 * subject built from an L1 instead of a construct. Ids are stable: append, never renumber or reuse.
 * Library rules left out are listed in `NOT_IN_PACK` with the reason.
 */
export const PACK_IDS: ReadonlyArray<readonly [packId: string, libraryId: string]> = [
  ['TF-Server-1', 'server/protocols-count'],
  ['TF-Server-2', 'server/ftps-needs-certificate'],
  ['TF-Server-3', 'server/certificate-needs-ftps'],
  ['TF-Server-4', 'server/ftp-needs-vpc'],
  ['TF-Server-5', 'server/ftp-needs-custom-identity-provider'],
  ['TF-Server-6', 'server/as2-needs-vpc'],
  ['TF-Server-7', 'server/as2-needs-s3'],
  ['TF-Server-8', 'server/ftp-no-elastic-ips'],
  ['TF-Server-9', 'server/ftp-plaintext'],
  ['TF-Server-10', 'server/elastic-ips-per-subnet'],
  ['TF-Server-11', 'server/elastic-ips-unique'],
  ['TF-Server-12', 'server/elastic-ips-at-most-three'],
  ['TF-Server-13', 'server/elastic-ips-not-dualstack'],
  ['TF-Server-14', 'server/vpc-subnets'],
  ['TF-Server-15', 'server/public-endpoint'],
  ['TF-Server-16', 'server/vpc-endpoint-type-deprecated'],
  ['TF-Server-17', 'server/vpc-endpoint-id-format'],
  ['TF-Server-18', 'server/security-group-id-format'],
  ['TF-Server-19', 'server/post-authentication-banner-needs-ftp'],
  ['TF-Server-20', 'server/banner-format'],
  ['TF-Server-21', 'server/directory-id-format'],
  ['TF-Server-22', 'server/api-gateway-url'],
  ['TF-Server-23', 'server/arn-format'],
  ['TF-Server-24', 'server/sftp-authentication-methods'],
  ['TF-Server-25', 'server/passive-ip-needs-ftp'],
  ['TF-Server-26', 'server/passive-ip-format'],
  ['TF-Server-27', 'server/tls-session-resumption-needs-ftps'],
  ['TF-Server-28', 'server/host-keys-need-sftp'],
  ['TF-Server-29', 'server/host-key-ssm-secure'],
  ['TF-Server-30', 'server/host-key-body'],
  ['TF-Server-31', 'server/host-key-description'],
  ['TF-Server-32', 'server/host-key-plain-text'],
  ['TF-Server-33', 'server/host-key-ed25519-fips'],
  ['TF-Server-34', 'server/security-policy-name'],
  ['TF-Server-35', 'server/security-policy-unknown'],
  ['TF-Server-36', 'server/security-policy-outdated'],
  ['TF-Server-37', 'server/security-policy-not-post-quantum'],
  ['TF-Server-38', 'server/workflow-execution-role'],
  ['TF-Server-39', 'server/workflow-id-format'],
  ['TF-Server-40', 'server/tags'],
  ['TF-Server-41', 'server/custom-hostname'],
  ['TF-IAM-1', 'iam/transfer-trust-confused-deputy'],
  ['TF-IAM-2', 'iam/transfer-role-s3-wildcard'],
  ['TF-IAM-3', 'iam/transfer-role-bucket-wide-write'],
  ['TF-Server-42', 'server/no-logging'],
];

/** Library rules the pack does not run, and why: what they judge is not in the template. */
export const NOT_IN_PACK: ReadonlyArray<readonly [libraryId: string, why: string]> = [
  ['server/custom-hostname-record', 'whether this library created the CNAME record of a hosted zone is input of `TransferServer`, not a property of the server'],
];

/** One rule of the pack: a library rule under its pack id. */
export interface PackRule extends RuleInfo {
  readonly packId: string;
  /** The rule's findings on a subject its area built (empty when it holds or cannot be decided). */
  readonly findings: (subject: unknown) => string[];
}

/** The pack rules that judge one kind of resource, and how the subject they read is built from it. */
export interface PackArea {
  readonly title: string;
  readonly appliesTo: (node: CfnResource) => boolean;
  /** The subject the area's rules judge, built from the node (opaque: give it to `judged` and the rules' `findings`). */
  readonly subject: (node: CfnResource) => unknown;
  /** Whether the subject is one the rules judge at all. */
  readonly judged: (subject: unknown) => boolean;
  readonly rules: PackRule[];
}

interface Area<T> {
  readonly table: RuleTable<T>;
  /** Whether the subject is one the table judges at all (default: every subject). */
  readonly judged?: (subject: T) => boolean;
  readonly appliesTo: (node: CfnResource) => boolean;
  readonly subject: (node: CfnResource) => T;
}

/**
 * A subject built by an area, with the area's table bound to it: the subject's own type (`ServerSubject`,
 * `RoleSubject`, ...) stays inside the closures, so areas of different subjects share one list.
 */
class AreaSubject {
  constructor(
    /** Whether the area's table judges the subject at all. */
    public readonly judged: () => boolean,
    /** The findings of the table's rule with this library id on the subject. */
    public readonly findings: (ruleId: string) => string[],
  ) {}
}

/** An area whose subjects are `AreaSubject`s. */
interface BoundArea {
  readonly title: string;
  readonly rules: ReadonlyArray<RuleInfo>;
  readonly appliesTo: (node: CfnResource) => boolean;
  readonly subject: (node: CfnResource) => AreaSubject;
}

function bind<T>(area: Area<T>): BoundArea {
  const { table, judged } = area;
  const rules = new Map<string, Rule<T>>(table.rules.map((r) => [r.id, r]));
  return {
    title: table.title,
    rules: table.rules,
    appliesTo: area.appliesTo,
    subject: (node) => {
      const subject = area.subject(node);
      return new AreaSubject(() => judged?.(subject) ?? true, (ruleId) => {
        const rule = rules.get(ruleId);
        if (rule === undefined) throw new Error(`TransferFamilyChecks: rule ${ruleId} does not judge subjects of ${table.title}`);
        return asList(rule.check(subject));
      });
    },
  };
}

/** The subject of each library table, built from an L1. */
const AREAS: ReadonlyArray<BoundArea> = [
  bind({ table: SERVER_RULES, appliesTo: (n) => n instanceof CfnServer, subject: (n) => serverSubjectOfL1(n as CfnServer) }),
  bind({ table: SERVER_PACK_RULES, appliesTo: (n) => n instanceof CfnServer, subject: (n) => serverSubjectOfL1(n as CfnServer) }),
  // Rules of the pack only: the constructs write these roles themselves, with the conditions and scopes the rules ask for.
  bind({
    table: ROLE_RULES,
    appliesTo: (n) => n instanceof CfnRole,
    subject: (n) => roleSubjectOfL1(n as CfnRole),
    judged: isTransferRole,
  }),
];

function asList(found: string | ReadonlyArray<string> | undefined): string[] {
  if (found === undefined) return [];
  return typeof found === 'string' ? [found] : [...found];
}

/** A subject an area built, or an error naming what it was given instead. */
function areaSubject(subject: unknown): AreaSubject {
  if (!(subject instanceof AreaSubject)) throw new Error('TransferFamilyChecks: a pack rule judges the subject its area built (`PackArea.subject(node)`)');
  return subject;
}

function buildAreas(): PackArea[] {
  const byId = new Map<string, { rule: RuleInfo; area: BoundArea }>();
  for (const area of AREAS) {
    for (const rule of area.rules) {
      if (byId.has(rule.id)) throw new Error(`Rule id ${rule.id} is declared in two tables of the pack`);
      byId.set(rule.id, { rule, area });
    }
  }
  const out = AREAS.map((area) => ({
    title: area.title,
    appliesTo: area.appliesTo,
    subject: area.subject,
    judged: (subject: unknown) => areaSubject(subject).judged(),
    rules: [] as PackRule[],
  }));
  const seen = new Set<string>();
  for (const [packId, libraryId] of PACK_IDS) {
    if (seen.has(packId)) throw new Error(`Pack rule id ${packId} is declared twice`);
    seen.add(packId);
    const found = byId.get(libraryId);
    if (found === undefined) throw new Error(`Pack rule ${packId} names no library rule: ${libraryId}`);
    const { rule, area } = found;
    out[AREAS.indexOf(area)].rules.push({
      packId,
      id: rule.id,
      severity: rule.severity,
      summary: rule.summary,
      reason: rule.reason,
      source: rule.source,
      fix: rule.fix,
      findings: (subject) => areaSubject(subject).findings(rule.id),
    });
  }
  return out;
}

/** The pack's rules by area, each area in id order. */
export const PACK_AREAS: ReadonlyArray<PackArea> = buildAreas();

/** Every rule of the pack. */
export const PACK_RULES: ReadonlyArray<PackRule> = PACK_AREAS.flatMap((a) => a.rules);
