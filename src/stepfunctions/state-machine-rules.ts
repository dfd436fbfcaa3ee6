import { Duration, TagManager, Token } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { invalid, optionalDuration, optionalMembers, requireMembers, requireString } from '../private/input';
import { tagProblems } from '../private/tags';
import { known, quote, Rule, RuleTable } from '../validation/rules';

/** What the encryption rules of `EncryptedStateMachine` and `EncryptedActivity` look at. */
export interface EncryptionSubject {
  /** The name the user wrote (`stateMachineName` / `activityName`); undefined when generated. */
  readonly name?: string;
  /** The prop that holds the name, for messages. */
  readonly nameProp: string;
  /** `dataKeyReusePeriod` as the user wrote it. */
  readonly dataKeyReusePeriod?: Duration;
  /** The user passed `encryptionConfiguration` with an AWS-owned key. */
  readonly awsOwnedConfiguration: boolean;
  /** The user passed both a customer-managed `encryptionConfiguration` and `encryptionKey` / `dataKeyReusePeriod`. */
  readonly conflictingEncryptionProps: string[];
  /** The key was given by reference (imported), so its key policy cannot be changed here. */
  readonly importedKey: boolean;
  /** Execution history is logged to CloudWatch Logs (level other than OFF). */
  readonly logsOn: boolean;
  /** The key in use. */
  readonly key: kms.IKey;
  /** The state machine's or activity's resource, whose tags are judged. */
  readonly resource?: IConstruct;
}

/** The encryption props `EncryptedStateMachine` and `EncryptedActivity` both take. */
export interface EncryptionInput {
  readonly encryptionConfiguration?: sfn.EncryptionConfiguration;
  readonly encryptionKey?: kms.IKey;
  readonly dataKeyReusePeriod?: Duration;
}

/** The customer-managed configuration the user passed, if any, and the key it or `encryptionKey` names. */
export function givenEncryption(props: EncryptionInput) {
  const customerConfig = props.encryptionConfiguration instanceof sfn.CustomerManagedEncryptionConfiguration
    ? props.encryptionConfiguration
    : undefined;
  return { customerConfig, givenKey: customerConfig?.kmsKey ?? props.encryptionKey };
}

/** The encryption rules' view of a construct's props; `key` is the key in use. */
export function encryptionSubject(
  props: EncryptionInput, name: { value?: string; prop: string }, key: kms.IKey, logsOn: boolean, resource?: IConstruct,
): EncryptionSubject {
  const { customerConfig } = givenEncryption(props);
  const conflicting: string[] = [];
  if (customerConfig && props.encryptionKey) conflicting.push('encryptionKey');
  if (customerConfig && props.dataKeyReusePeriod) conflicting.push('dataKeyReusePeriod');
  return {
    name: name.value,
    nameProp: name.prop,
    dataKeyReusePeriod: props.dataKeyReusePeriod,
    awsOwnedConfiguration: props.encryptionConfiguration !== undefined && props.encryptionConfiguration.type === 'AWS_OWNED_KEY',
    conflictingEncryptionProps: conflicting,
    importedKey: !(key instanceof kms.Key),
    logsOn,
    key,
    resource,
  };
}

/** The Step Functions API Reference. */
const SFN_API = 'https://docs.aws.amazon.com/step-functions/latest/apireference';
/** The Step Functions developer guide page on encryption at rest with a customer managed key. */
const SFN_ENCRYPTION = 'https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html';
/** The aws-cdk-lib API reference. */
const CDK = 'https://docs.aws.amazon.com/cdk/api/v2/docs';

const MIN_REUSE_S = 60;
const MAX_REUSE_S = 900;

/** What Step Functions forbids in names: white space, brackets, wildcards, special characters and control characters. */
const FORBIDDEN: Array<{ what: string; re: RegExp }> = [
  { what: 'white space', re: /\s/u },
  { what: 'brackets (<>{}[])', re: /[<>{}[\]]/u },
  { what: 'wildcard characters (?*)', re: /[?*]/u },
  { what: 'special characters ("#%\\^|~`$&,;:/)', re: /["#%\\^|~`$&,;:/]/u },
  // eslint-disable-next-line no-control-regex
  { what: 'control characters', re: /[\u0000-\u001f\u007f-\u009f]/u },
];

/**
 * The rules both constructs have, each written once: a function of the rule's literal id (and of the
 * few words that differ between a state machine and an activity), so that every id is spelled out in
 * the tables below.
 */
function reuseRule(id: string): Rule<EncryptionSubject> {
  return {
    id,
    severity: 'error',
    summary: '`dataKeyReusePeriod` is 1 to 15 minutes (60 to 900 seconds), in whole seconds.',
    reason: 'Step Functions accepts kmsDataKeyReusePeriodSeconds from 60 to 900 and rejects other values with InvalidEncryptionConfiguration',
    source: `${SFN_API}/API_EncryptionConfiguration.html; ${SFN_ENCRYPTION}`,
    fix: 'pass a `dataKeyReusePeriod` from `Duration.minutes(1)` to `Duration.minutes(15)`, or leave it out for 5 minutes',
    check: (s) => {
      const seconds = reuseSeconds(s.dataKeyReusePeriod);
      if (seconds === undefined) return undefined;
      if (seconds < MIN_REUSE_S || seconds > MAX_REUSE_S || !Number.isInteger(seconds)) {
        return `\`dataKeyReusePeriod\` is ${seconds} seconds`;
      }
      return undefined;
    },
  };
}

/** `plain` is the aws-cdk-lib class that already encrypts with an AWS-owned key. */
function awsOwnedRule(id: string, plain: string): Rule<EncryptionSubject> {
  return {
    id,
    severity: 'error',
    summary: '`encryptionConfiguration` is not an AWS-owned key.',
    reason: `This construct exists to encrypt with a customer managed KMS key; an AWS-owned key is what plain ${plain} already does`,
    source: `${CDK}/aws-cdk-lib.aws_stepfunctions.AwsOwnedEncryptionConfiguration.html; ${SFN_ENCRYPTION}`,
    fix: `remove \`encryptionConfiguration\` (a key is created for you), pass \`encryptionKey\`, or use ${plain} for an AWS-owned key`,
    check: (s) => (s.awsOwnedConfiguration ? '`encryptionConfiguration` is an AwsOwnedEncryptionConfiguration' : undefined),
  };
}

function conflictRule(id: string): Rule<EncryptionSubject> {
  return {
    id,
    severity: 'error',
    summary: '`encryptionConfiguration` is not combined with `encryptionKey` or `dataKeyReusePeriod`.',
    reason: 'A customer managed encryptionConfiguration already names the key and the reuse period, so the other props would be ignored',
    source: `${CDK}/aws-cdk-lib.aws_stepfunctions.CustomerManagedEncryptionConfiguration.html`,
    fix: 'pass either `encryptionConfiguration`, or `encryptionKey` and `dataKeyReusePeriod`',
    check: (s) => (s.conflictingEncryptionProps.length > 0
      ? `\`encryptionConfiguration\` is given together with ${s.conflictingEncryptionProps.map((p) => `\`${p}\``).join(' and ')}`
      : undefined),
  };
}

/** `source` is the API page of the create call that takes the name. */
function nameRule(id: string, source: string): Rule<EncryptionSubject> {
  return {
    id,
    severity: 'error',
    summary: 'The name is 1 to 80 characters, without white space, brackets, wildcards, control characters or any of "#%\\^|~`$&,;:/.',
    reason: 'Step Functions rejects other names',
    source,
    fix: 'choose a name of letters, digits, `-` and `_` of at most 80 characters, or leave the name out to have one generated',
    check: (s) => {
      const name = known(s.name);
      if (name === undefined) return undefined;
      const found: string[] = [];
      if (name.length < 1 || name.length > 80) found.push(`\`${s.nameProp}\` ${quote(name)} is ${name.length} characters long`);
      for (const f of FORBIDDEN) {
        if (f.re.test(name)) found.push(`\`${s.nameProp}\` ${quote(name)} contains ${f.what}`);
      }
      return found;
    },
  };
}

/** `principal` is who the key policy must let use the key. */
function importedKeyRule(id: string, principal: string): Rule<EncryptionSubject> {
  return {
    id,
    severity: 'warning',
    summary: 'An imported `encryptionKey` has a key policy that lets Step Functions use it.',
    reason: `This construct cannot change the policy of a key it did not create; without a statement for ${principal} the service fails to encrypt or decrypt`,
    source: `${SFN_ENCRYPTION}; ${CDK}/aws-cdk-lib.aws_kms.IKey.html`,
    fix: `add to the key's policy a statement allowing ${principal} kms:Decrypt and kms:GenerateDataKey with the Step Functions encryption context, or pass a kms.Key created in this app`,
    check: (s) => (s.importedKey ? '`encryptionKey` is an imported key' : undefined),
  };
}

function keyRule(id: string): Rule<EncryptionSubject> {
  return {
    id,
    severity: 'error',
    summary: 'The key is an enabled symmetric encryption key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT), named by at most 2048 characters.',
    reason: 'Step Functions encrypts with a symmetric encryption KMS key only, given by a key id, key ARN, alias or alias ARN of 1 to 2048 characters, '
      + 'and rejects a disabled key with InvalidEncryptionConfiguration',
    source: `${SFN_API}/API_EncryptionConfiguration.html; ${SFN_ENCRYPTION}`,
    fix: 'pass a `kms.Key` with the default `keySpec` and `keyUsage`, enabled, or leave `encryptionKey` out to have one created',
    check: (s) => {
      const found: string[] = [];
      const arn = known(s.key.keyArn);
      if (arn !== undefined && (arn.length < 1 || arn.length > 2048)) found.push(`the ARN of \`encryptionKey\` is ${arn.length} characters long`);
      const cfn = s.key instanceof kms.Key ? s.key.node.defaultChild : undefined;
      if (!(cfn instanceof kms.CfnKey)) return found;
      const spec = known(cfn.keySpec);
      if (spec !== undefined && spec !== kms.KeySpec.SYMMETRIC_DEFAULT) found.push(`\`encryptionKey\` has keySpec ${spec}`);
      const usage = known(cfn.keyUsage);
      if (usage !== undefined && usage !== kms.KeyUsage.ENCRYPT_DECRYPT) found.push(`\`encryptionKey\` has keyUsage ${usage}`);
      if (known(cfn.enabled) === false) found.push('`encryptionKey` is disabled (`enabled: false`)');
      return found;
    },
  };
}

/** `cfnTagsEntry` is the CloudFormation reference page of the resource's TagsEntry. */
function tagsRule(id: string, cfnTagsEntry: string): Rule<EncryptionSubject> {
  return {
    id,
    severity: 'error',
    summary: 'At most 50 tags; keys are 1 to 128 and values 1 to 256 characters of letters, digits, spaces and `_ . : / = + - @`; keys do not start with `aws:`.',
    reason: 'Step Functions refuses other tags and AWS reserves the aws: prefix; CloudFormation also refuses an empty tag value here',
    source: `${SFN_API}/API_Tag.html; ${cfnTagsEntry}; https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html`,
    fix: 'remove or rename the tags reported (`Tags.of(scope).add()` on this construct or any scope above it)',
    check: (s) => [...tagProblems(s.resource), ...emptyTagValues(s.resource)],
  };
}

/** The tags of `resource` whose value is empty (CloudFormation's TagsEntry of Step Functions needs 1 to 256 characters). */
function emptyTagValues(resource: IConstruct | undefined): string[] {
  const rendered = resource === undefined ? undefined : TagManager.of(resource)?.renderTags();
  if (!Array.isArray(rendered)) return [];
  return (rendered as Array<{ key?: unknown; value?: unknown }>)
    .filter((t) => t.value === '')
    .map((t) => `the value of tag ${quote(String(t.key))} is empty`);
}

/** Rules of `EncryptedStateMachine`. */
export const STATE_MACHINE_RULES = new RuleTable<EncryptionSubject>('EncryptedStateMachine', [
  reuseRule('state-machine/reuse-period-range'),
  awsOwnedRule('state-machine/customer-key-required', 'sfn.StateMachine'),
  conflictRule('state-machine/one-encryption-source'),
  nameRule('state-machine/name-characters', `${SFN_API}/API_CreateStateMachine.html`),
  {
    id: 'state-machine/logged-name-characters',
    severity: 'error',
    summary: 'With logging on, the name uses only `0-9`, `A-Z`, `a-z`, `-` and `_`.',
    reason: 'Step Functions rejects state machines logged to CloudWatch Logs whose names contain other characters',
    source: `${SFN_API}/API_CreateStateMachine.html`,
    fix: 'rename the state machine to letters, digits, `-` and `_`, or leave `stateMachineName` out to have one generated',
    check: (s) => {
      const name = known(s.name);
      if (name === undefined || !s.logsOn) return undefined;
      // Names the general rule already refuses are reported once, by that rule.
      if (FORBIDDEN.some((f) => f.re.test(name))) return undefined;
      return /^[0-9A-Za-z_-]*$/.test(name)
        ? undefined
        : `\`${s.nameProp}\` ${quote(name)} has characters other than 0-9, A-Z, a-z, - and _ while logs are on`;
    },
  },
  importedKeyRule('state-machine/imported-key-policy', 'the execution role (and, with logging, delivery.logs.amazonaws.com)'),
  keyRule('state-machine/key-symmetric'),
  tagsRule('state-machine/tags', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-stepfunctions-statemachine-tagsentry.html'),
]);

/** Rules of `EncryptedActivity`. */
export const ACTIVITY_RULES = new RuleTable<EncryptionSubject>('EncryptedActivity', [
  reuseRule('activity/reuse-period-range'),
  awsOwnedRule('activity/customer-key-required', 'sfn.Activity'),
  conflictRule('activity/one-encryption-source'),
  nameRule('activity/name-characters', `${SFN_API}/API_CreateActivity.html`),
  importedKeyRule('activity/imported-key-policy', 'states.amazonaws.com'),
  keyRule('activity/key-symmetric'),
  tagsRule('activity/tags', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-stepfunctions-activity-tagsentry.html'),
]);

/**
 * The reuse period to hand to aws-cdk-lib, which throws on out-of-range values (reported by the rule
 * instead) and on every unresolved one (its range check compares the token's stand-in number): a period
 * known at deployment only is written into the resource afterwards, see `reusePeriodToken`.
 */
export function acceptedReusePeriod(period: Duration | undefined): Duration | undefined {
  if (period?.isUnresolved()) return undefined;
  const s = reuseSeconds(period);
  if (s === undefined) return period;
  return s >= MIN_REUSE_S && s <= MAX_REUSE_S && Number.isInteger(s) ? period : undefined;
}

/**
 * The seconds of a reuse period known at deployment only (e.g. `Duration.seconds(param.valueAsNumber)`),
 * as the resource's `KmsDataKeyReusePeriodSeconds` takes them; undefined for a period known at synth.
 * CloudFormation cannot convert units, so such a period must be given in seconds.
 */
export function reusePeriodToken(where: string, period: Duration | undefined): number | undefined {
  if (period === undefined || !period.isUnresolved()) return undefined;
  if (period.unitLabel() !== 'seconds') {
    invalid(where, 'dataKeyReusePeriod', 'given in seconds when its value is a token (`Duration.seconds(param.valueAsNumber)`): '
      + 'CloudFormation cannot convert it from other units', period);
  }
  return period.toSeconds();
}

/** The period in seconds when known at synth time. */
function reuseSeconds(period: Duration | undefined): number | undefined {
  if (period === undefined || period.isUnresolved()) return undefined;
  return known(period.toSeconds({ integral: false }));
}

/** The encryption props both constructs take. */
export function checkEncryptionProps(where: string, props: EncryptionInput): void {
  optionalMembers(where, 'encryptionKey', props.encryptionKey, 'a kms.IKey', ['keyArn', 'addToResourcePolicy', 'node']);
  optionalDuration(where, 'dataKeyReusePeriod', props.dataKeyReusePeriod);
  const config = props.encryptionConfiguration;
  // A look-alike object would be ignored (aws-cdk-lib renders its own classes only): refused instead.
  if (config !== undefined && !(config instanceof sfn.EncryptionConfiguration)) {
    invalid(where, 'encryptionConfiguration', 'an sfn.EncryptionConfiguration (e.g. `new sfn.CustomerManagedEncryptionConfiguration(key)`)', config);
  }
  if (config instanceof sfn.CustomerManagedEncryptionConfiguration) {
    requireMembers(where, 'encryptionConfiguration.kmsKey', config.kmsKey, 'a kms.IKey', ['keyArn', 'addToResourcePolicy', 'node']);
  }
}

/** `identity` is an `iam.IGrantable`, and `actions` (when the method takes them) at least one string. */
export function checkGrantee(where: string, identity: iam.IGrantable, actions?: string[]): void {
  requireMembers(where, 'identity', identity, 'an iam.IGrantable (a role, a user, a function…)', ['grantPrincipal']);
  if (actions === undefined) return;
  if (actions.length === 0) invalid(where, 'actions', 'at least one action (e.g. `states:DescribeExecution`)', actions);
  actions.forEach((a, i) => {
    requireString(where, `actions[${i}]`, a);
    if (!Token.isUnresolved(a) && a !== '*' && !/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(a)) {
      invalid(where, `actions[${i}]`, 'an IAM action, `<service>:<action>` (e.g. `states:DescribeExecution`)', a);
    }
  });
}
