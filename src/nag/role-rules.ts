import { RoleSubject, StatementJson } from './role-subject';
import { flattenReference } from '../private/nag';
import { RuleTable } from '../validation/rules';

const UG = 'https://docs.aws.amazon.com/transfer/latest/userguide';

const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const lower = (v: unknown) => flattenReference(v).toLowerCase();

/** Whether a trust statement lets Transfer Family assume the role. */
function trustsTransfer(s: StatementJson): boolean {
  if (s.Effect !== 'Allow') return false;
  const principal = s.Principal as Record<string, unknown> | undefined;
  return asArray(principal?.Service).some((p) => lower(p).includes('transfer.amazonaws.com'));
}

/** The role subjects the rules judge: roles that Transfer Family assumes. */
export const isTransferRole = (s: RoleSubject) => s.trust.some(trustsTransfer);

function hasSourceCondition(s: StatementJson): boolean {
  const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
  if (condition === undefined || typeof condition !== 'object') return false;
  return Object.values(condition).some((block) => typeof block === 'object' && block !== null
    && Object.keys(block).some((k) => ['aws:sourceaccount', 'aws:sourcearn'].includes(k.toLowerCase())));
}

/** Whether an action pattern covers `action` (`s3:PutObject`), wildcards included. */
function covers(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}

const allowed = (s: RoleSubject) => s.statements.filter(({ statement }) => statement.Effect === 'Allow' && statement.NotAction === undefined);

export const ROLE_RULES = new RuleTable<RoleSubject>('IAM roles Transfer Family assumes', [
  {
    id: 'iam/transfer-trust-confused-deputy',
    severity: 'warning',
    summary: 'A role Transfer Family assumes limits its trust with `aws:SourceAccount` or `aws:SourceArn`.',
    reason: 'Without a condition on the calling account or resource, any Transfer Family server or workflow of any account that knows the role\'s ARN could get the service to act with it (the confused deputy problem)',
    source: `${UG}/confused-deputy.html`,
    fix: 'add a `Condition` with `aws:SourceAccount` (your account) and `aws:SourceArn` (the server or workflow ARN, e.g. `arn:aws:transfer:<region>:<account>:server/*`) to the statement that trusts transfer.amazonaws.com',
    check: (s) => (s.trust.filter(trustsTransfer).some((t) => !hasSourceCondition(t))
      ? 'the trust policy lets transfer.amazonaws.com assume the role without an aws:SourceAccount or aws:SourceArn condition'
      : undefined),
  },
  {
    id: 'iam/transfer-role-s3-wildcard',
    severity: 'warning',
    summary: 'A role Transfer Family assumes is not granted every S3 action.',
    reason: 'A user or execution role with s3:* (or *, or AmazonS3FullAccess) can delete, reconfigure and make public any bucket it reaches, far beyond transferring files',
    source: `${UG}/requirements-roles.html; https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html`,
    fix: 'grant the actions the transfers need (s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject, ...) on the buckets and prefixes they use',
    check: (s) => [
      ...allowed(s).flatMap(({ policy, statement }) => {
        const wild = asArray(statement.Action).map(lower).filter((a) => a === '*' || a === 's3:*');
        return wild.length > 0 ? [`${policy} allows ${wild.map((a) => JSON.stringify(a)).join(', ')}`] : [];
      }),
      ...s.managedPolicyArns.map(lower).filter((a) => a.endsWith(':policy/amazons3fullaccess')).map(() => 'the role has AmazonS3FullAccess'),
    ],
  },
  {
    id: 'iam/transfer-role-bucket-wide-write',
    severity: 'warning',
    summary: 'A role Transfer Family assumes does not write anywhere in a bucket.',
    reason: 'A user or execution role that may put objects under `arn:aws:s3:::<bucket>/*` (or any bucket) can overwrite every other user\'s files in the bucket; homes and workflow destinations are prefixes',
    source: `${UG}/requirements-roles.html; ${UG}/users-policies-scope-down.html`,
    fix: 'scope s3:PutObject to the prefixes written, e.g. `arn:aws:s3:::<bucket>/home/<user>/*`, or narrow a shared role with a session policy',
    check: (s) => allowed(s).flatMap(({ policy, statement }) => {
      const actions = asArray(statement.Action).map(lower);
      // s3:* and * are the wildcard rule's: reported once.
      if (actions.some((a) => a === '*' || a === 's3:*') || !actions.some((a) => covers(a, 's3:PutObject'))) return [];
      const wide = asArray(statement.Resource).map((r) => flattenReference(r))
        .filter((r) => r === '*' || /^arn:[^:]*:s3:::[^/]+\/\*$/.test(r) || /^arn:[^:]*:s3:::\*/.test(r));
      return wide.map((r) => `${policy} allows s3:PutObject on ${JSON.stringify(r)}`);
    }),
  },
], { packOnly: true });
