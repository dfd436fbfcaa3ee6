import { Duration, Lazy, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ACTIVITY_KIND, EncryptedKind, STATE_MACHINE_KIND } from './support';
import { ACTIVITY_RULES, STATE_MACHINE_RULES } from '../../src/stepfunctions/state-machine-rules';
import { newStack } from '../support/stacks';
import { synthError } from '../support/synth';

/** The rules `EncryptedStateMachine` and `EncryptedActivity` share (one definition each), tested on both. */

const IMPORTED_KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe.each([STATE_MACHINE_KIND, ACTIVITY_KIND])('$area: the encryption rules', (kind: EncryptedKind) => {
  const { area, build } = kind;
  const id = (rule: string) => `\\[${area}/${rule}\\]`;

  test.each([
    ['30 seconds', Duration.seconds(30), '30 seconds'],
    ['59 seconds', Duration.seconds(59), '59 seconds'],
    ['16 minutes', Duration.minutes(16), '960 seconds'],
    ['60.5 seconds', Duration.millis(60_500), '60.5 seconds'],
  ])('reuse-period-range refuses %s', (_what, period, shown) => {
    const stack = newStack();
    build(stack, { dataKeyReusePeriod: period });
    expect(synthError(stack)).toMatch(new RegExp(`${id('reuse-period-range')} \`dataKeyReusePeriod\` is ${shown}\\. Step Functions accepts kmsDataKeyReusePeriodSeconds from 60 to 900 `
      + '.* Fix: pass a `dataKeyReusePeriod` from `Duration\\.minutes\\(1\\)` to `Duration\\.minutes\\(15\\)`'));
  });

  test('reuse-period-range holds from 1 to 15 minutes', () => {
    const stack = newStack();
    build(stack, { dataKeyReusePeriod: Duration.minutes(1) }, 'A');
    build(stack, { dataKeyReusePeriod: Duration.seconds(900) }, 'B');
    expect(synthError(stack)).toBe('');
  });

  test('customer-key-required refuses an AWS-owned encryptionConfiguration, pointing at the plain class', () => {
    const stack = newStack();
    build(stack, { encryptionConfiguration: new sfn.AwsOwnedEncryptionConfiguration() });
    expect(synthError(stack)).toMatch(new RegExp(`${id('customer-key-required')} \`encryptionConfiguration\` is an AwsOwnedEncryptionConfiguration\\. .* Fix: .*use ${kind.plain.replace('.', '\\.')} for an AWS-owned key`));
  });

  test('one-encryption-source refuses encryptionConfiguration together with encryptionKey or dataKeyReusePeriod', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K');
    build(stack, { encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key), encryptionKey: key, dataKeyReusePeriod: Duration.minutes(2) }, 'A');
    build(stack, { encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key), dataKeyReusePeriod: Duration.minutes(2) }, 'B');
    const error = synthError(stack);
    expect(error).toMatch(new RegExp(`${id('one-encryption-source')} \`encryptionConfiguration\` is given together with \`encryptionKey\` and \`dataKeyReusePeriod\`\\.`));
    expect(error).toMatch(new RegExp(`${id('one-encryption-source')} \`encryptionConfiguration\` is given together with \`dataKeyReusePeriod\`\\.`));
  });

  test.each([
    ['white space', 'scan files', /contains white space/],
    ['brackets', 'scan<1>', /contains brackets/],
    ['wildcards', 'scan*', /contains wildcard characters/],
    ['special characters', 'scan:1', /contains special characters/],
    ['control characters', 'scan\u0007', /contains control characters/],
    ['length', 'a'.repeat(81), /is 81 characters long/],
  ])('name-characters refuses a name with %s', (_what, name, message) => {
    const stack = newStack();
    build(stack, { name });
    const error = synthError(stack);
    expect(error).toMatch(new RegExp(`${id('name-characters')} \`${kind.nameProp}\` `));
    expect(error).toMatch(message);
    expect(error).toMatch(/Fix: choose a name of letters, digits, `-` and `_`/);
  });

  test('name-characters reports every problem of a name at once', () => {
    const stack = newStack();
    build(stack, { name: 'needs review?' });
    const error = synthError(stack);
    expect(error).toMatch(new RegExp(`${id('name-characters')} \`${kind.nameProp}\` "needs review\\?" contains white space\\.`));
    expect(error).toMatch(new RegExp(`${id('name-characters')} \`${kind.nameProp}\` "needs review\\?" contains wildcard characters`));
  });

  test('imported-key-policy warns that an imported key needs a key policy for Step Functions; a key of this app gives no warning', () => {
    const stack = newStack();
    build(stack, { encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', IMPORTED_KEY_ARN) });
    build(stack, { encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) }, 'Own');
    Template.fromStack(stack);
    const warnings = Annotations.fromStack(stack).findWarning('/Stack/Subject/Resource', Match.stringLikeRegexp(`\\[${area}/imported-key-policy\\] \`encryptionKey\` is an imported key\\. This construct cannot change the policy`));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toMatch(kind.keyUser);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Own/Resource', Match.stringLikeRegexp('imported-key-policy'));
  });

  test.each([
    ['an asymmetric key', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT }, [/`encryptionKey` has keySpec RSA_2048/]],
    ['a signing key', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY }, [/`encryptionKey` has keySpec ECC_NIST_P256/, /`encryptionKey` has keyUsage SIGN_VERIFY/]],
    ['an HMAC key', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC }, [/`encryptionKey` has keySpec HMAC_256/, /`encryptionKey` has keyUsage GENERATE_VERIFY_MAC/]],
    ['a disabled key', { enabled: false }, [/`encryptionKey` is disabled \(`enabled: false`\)/]],
  ])('key-symmetric refuses %s', (_what, keyProps, messages) => {
    const stack = newStack();
    build(stack, { encryptionKey: new kms.Key(stack, 'K', keyProps) });
    const error = synthError(stack);
    for (const message of messages) expect(error).toMatch(new RegExp(`${id('key-symmetric')} ${message.source}`));
    expect(error).toMatch(/Fix: pass a `kms\.Key` with the default `keySpec` and `keyUsage`, enabled/);
  });

  test('key-symmetric holds for a created key, a default kms.Key, and an imported one', () => {
    const stack = newStack();
    build(stack, {}, 'A');
    build(stack, { encryptionKey: new kms.Key(stack, 'K', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, enabled: true }) }, 'B');
    build(stack, { encryptionKey: kms.Key.fromKeyArn(stack, 'I', IMPORTED_KEY_ARN) }, 'C');
    expect(synthError(stack)).toBe('');
  });

  test('tags refuses the tags Step Functions or CloudFormation refuse, added on any scope', () => {
    const stack = newStack();
    const subject = build(stack);
    Tags.of(subject).add('aws:owner', 'me');
    Tags.of(stack).add('empty', '');
    Tags.of(subject).add('team#1', 'x');
    for (let i = 0; i < 48; i++) Tags.of(subject).add(`t${i}`, 'v');
    const error = synthError(stack);
    expect(error).toMatch(new RegExp(`${id('tags')} tag key "aws:owner" starts with "aws:"`));
    expect(error).toMatch(new RegExp(`${id('tags')} the value of tag "empty" is empty`));
    expect(error).toMatch(new RegExp(`${id('tags')} tag key "team#1" has characters other than`));
    expect(error).toMatch(new RegExp(`${id('tags')} the resource has 51 tags`));
  });

  test('tags holds for ordinary tags and tags of unknown value', () => {
    const stack = newStack();
    const subject = build(stack);
    Tags.of(subject).add('team', 'review desk');
    Tags.of(subject).add('cost-center', Lazy.string({ produce: () => '' }));
    expect(synthError(stack)).toBe('');
    Template.fromStack(stack).hasResourceProperties(area === 'activity' ? 'AWS::StepFunctions::Activity' : 'AWS::StepFunctions::StateMachine', {
      Tags: Match.arrayWith([{ Key: 'team', Value: 'review desk' }]),
    });
  });
});

test('every rule of both tables is tested here or, for a rule of one construct only, in its own file', () => {
  const shared = ['reuse-period-range', 'customer-key-required', 'one-encryption-source', 'name-characters', 'imported-key-policy', 'key-symmetric', 'tags'];
  const own = ['state-machine/logged-name-characters'];
  const ids = [...STATE_MACHINE_RULES.info, ...ACTIVITY_RULES.info].map((r) => r.id);
  expect(ids.filter((ruleId) => !own.includes(ruleId) && !shared.includes(ruleId.replace(/^[a-z-]+\//, '')))).toEqual([]);
});
