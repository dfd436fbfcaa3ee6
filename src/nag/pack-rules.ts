import { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { CfnAgreement, CfnCertificate, CfnConnector, CfnProfile, CfnServer, CfnUser, CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { agreementSubjectOfL1, profileSubjectOfL1 } from './as2-subject';
import { connectorSubjectOfL1 } from './connector-subject';
import { ROLE_RULES, isTransferRole } from './role-rules';
import { roleSubjectOfL1 } from './role-subject';
import { SERVER_PACK_RULES } from './server-pack-rules';
import { serverSubjectOfL1 } from './server-subject';
import { isUser, userSubjectOfL1 } from './user-subject';
import { workflowSubjectOfL1 } from './workflow-subject';
import { AS2_AGREEMENT_RULES, AS2_CERTIFICATE_RULES, AS2_PROFILE_RULES, certificateSubject } from '../as2/as2-rules';
import { CONNECTOR_RULES } from '../connector/connector-rules';
import { SERVER_RULES } from '../server/server-rules';
import { USER_RULES } from '../user/user-rules';
import { Rule, RuleInfo, RuleTable } from '../validation/rules';
import { WORKFLOW_RULES } from '../workflow/workflow-rules';

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
  ['TF-User-1', 'user/server-service-managed'],
  ['TF-User-2', 'user/name-format'],
  ['TF-User-3', 'user/name-unique'],
  ['TF-User-4', 'user/ssh-key-format'],
  ['TF-User-5', 'user/ssh-key-count'],
  ['TF-User-6', 'user/logical-needs-mapping'],
  ['TF-User-7', 'user/mapping-paths'],
  ['TF-User-8', 'user/home-storage'],
  ['TF-User-9', 'user/efs-needs-posix-profile'],
  ['TF-User-10', 'user/posix-profile-range'],
  ['TF-User-11', 'user/posix-profile-on-s3'],
  ['TF-User-12', 'user/session-policy-on-efs'],
  ['TF-User-13', 'user/session-policy-size'],
  ['TF-User-14', 'user/home-prefix-characters'],
  ['TF-User-15', 'user/posix-root'],
  ['TF-User-16', 'user/role-arn'],
  ['TF-User-17', 'user/tags'],
  ['TF-Workflow-1', 'workflow/steps-count'],
  ['TF-Workflow-2', 'workflow/exception-steps-count'],
  ['TF-Workflow-3', 'workflow/step-name-format'],
  ['TF-Workflow-4', 'workflow/step-names-unique'],
  ['TF-Workflow-5', 'workflow/description-format'],
  ['TF-Workflow-6', 'workflow/source-file'],
  ['TF-Workflow-7', 'workflow/identical-steps'],
  ['TF-Workflow-8', 'workflow/tags'],
  ['TF-Workflow-9', 'workflow/copy-destination-s3'],
  ['TF-Workflow-10', 'workflow/custom-timeout'],
  ['TF-Workflow-11', 'workflow/custom-target'],
  ['TF-Workflow-12', 'workflow/decrypt-destination'],
  ['TF-Workflow-13', 'workflow/bucket-name'],
  ['TF-Workflow-14', 'workflow/s3-key-length'],
  ['TF-Workflow-15', 'workflow/s3-key-characters'],
  ['TF-Workflow-16', 'workflow/efs-file-system-id'],
  ['TF-Workflow-17', 'workflow/efs-path'],
  ['TF-Workflow-18', 'workflow/tag-count'],
  ['TF-Workflow-19', 'workflow/tag-format'],
  ['TF-AS2-1', 'as2/private-key-secret'],
  ['TF-AS2-2', 'as2/certificate-text'],
  ['TF-AS2-3', 'as2/certificate-pem'],
  ['TF-AS2-4', 'as2/certificate-key-length'],
  ['TF-AS2-5', 'as2/certificate-dates'],
  ['TF-AS2-6', 'as2/tls-certificate'],
  ['TF-AS2-7', 'as2/certificate-description'],
  ['TF-AS2-8', 'as2/as2-id-format'],
  ['TF-AS2-9', 'as2/local-certificate-private-key'],
  ['TF-AS2-10', 'as2/partner-certificate-public'],
  ['TF-AS2-11', 'as2/agreement-server-as2'],
  ['TF-AS2-12', 'as2/agreement-directories'],
  ['TF-AS2-13', 'as2/agreement-profile-types'],
  ['TF-AS2-14', 'as2/agreement-local-encryption'],
  ['TF-AS2-15', 'as2/agreement-partner-signing'],
  ['TF-AS2-16', 'as2/certificate-tags'],
  ['TF-AS2-17', 'as2/profile-tags'],
  ['TF-AS2-18', 'as2/agreement-tags'],
  ['TF-Connector-1', 'connector/one-config'],
  ['TF-Connector-2', 'connector/sftp-url'],
  ['TF-Connector-3', 'connector/sftp-user-secret'],
  ['TF-Connector-4', 'connector/sftp-trusted-host-keys'],
  ['TF-Connector-5', 'connector/sftp-trusted-host-key-format'],
  ['TF-Connector-6', 'connector/sftp-max-concurrent-connections'],
  ['TF-Connector-7', 'connector/sftp-security-policy'],
  ['TF-Connector-8', 'connector/as2-url'],
  ['TF-Connector-9', 'connector/as2-profiles'],
  ['TF-Connector-10', 'connector/as2-encryption-over-https'],
  ['TF-Connector-11', 'connector/as2-weak-algorithm'],
  ['TF-Connector-12', 'connector/as2-mdn-signing-without-mdn'],
  ['TF-Connector-13', 'connector/as2-message-subject'],
  ['TF-Connector-14', 'connector/tags'],
  ['TF-Connector-15', 'connector/egress-vpc-lattice'],
  ['TF-Connector-16', 'connector/egress-url'],
  ['TF-Connector-17', 'connector/sftp-vpc-lattice-host-keys'],
  ['TF-Connector-18', 'connector/as2-profile-certificates'],
  ['TF-AS2-19', 'as2/agreement-description'],
];

/** Library rules the pack does not run, and why: what they judge is not in the template. */
export const NOT_IN_PACK: ReadonlyArray<readonly [libraryId: string, why: string]> = [
  ['server/custom-hostname-record', 'whether this library created the CNAME record of a hosted zone is input of `TransferServer`, not a property of the server'],
  ['user/read-only-efs-role', '`readOnly` is input of `TransferUser`: the template holds only the role and session policy it led to, and an EFS user\'s role cannot be told read-only from its ARN'],
  ['workflow/destination-key-widens-role', 'whether a destination key widens the execution role depends on the role `Workflow` writes for its steps'],
  ['workflow/copy-tag-s3-only', 'where a step\'s file lies (the flow from the servers\' home locations and earlier destinations) is known to `Workflow` only, not from the template'],
  ['workflow/imported-id', 'an imported workflow (`Workflow.fromWorkflowId()`) has no resource in the template'],
  ['workflow/source-locations-unknown', 'the servers that run a workflow and their users\' home locations are known to `Workflow` only; an L1 workflow\'s execution role is judged by the IAM rules instead'],
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
  bind({ table: USER_RULES, appliesTo: isUser, subject: (n) => userSubjectOfL1(n as CfnUser) }),
  bind({ table: WORKFLOW_RULES, appliesTo: (n) => n instanceof CfnWorkflow, subject: (n) => workflowSubjectOfL1(n as CfnWorkflow) }),
  bind({ table: AS2_CERTIFICATE_RULES, appliesTo: (n) => n instanceof CfnCertificate, subject: (n) => certificateSubject(n as CfnCertificate) }),
  bind({ table: AS2_PROFILE_RULES, appliesTo: (n) => n instanceof CfnProfile, subject: (n) => profileSubjectOfL1(n as CfnProfile) }),
  bind({ table: AS2_AGREEMENT_RULES, appliesTo: (n) => n instanceof CfnAgreement, subject: (n) => agreementSubjectOfL1(n as CfnAgreement) }),
  bind({ table: CONNECTOR_RULES, appliesTo: (n) => n instanceof CfnConnector, subject: (n) => connectorSubjectOfL1(n as CfnConnector) }),
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
