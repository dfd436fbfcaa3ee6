import { Duration, Stack, Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ACTIVITY_KIND, EncryptedKind, machine, STATE_MACHINE_KIND } from './support';
import { RuleCase, RuleCases } from '../validation/rule-cases';

const IMPORTED_KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The cases of the rules both constructs have (one definition each), for either construct. */
const SHARED = {
  reusePeriod: ({ build }) => ({
    breaks: (stack) => { build(stack, { dataKeyReusePeriod: Duration.seconds(30) }); },
    holds: (stack) => { build(stack, { dataKeyReusePeriod: Duration.minutes(15) }); },
  }),
  customerKey: ({ build }) => ({
    breaks: (stack) => { build(stack, { encryptionConfiguration: new sfn.AwsOwnedEncryptionConfiguration() }); },
    holds: (stack) => { build(stack, { encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(new kms.Key(stack, 'Key')) }); },
  }),
  oneSource: ({ build }) => ({
    breaks: (stack) => {
      build(stack, { encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(new kms.Key(stack, 'Key')), dataKeyReusePeriod: Duration.minutes(2) });
    },
    // The period inside the configuration instead.
    holds: (stack) => {
      build(stack, { encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(new kms.Key(stack, 'Key'), Duration.minutes(2)) });
    },
  }),
  name: ({ build }) => ({
    breaks: (stack) => { build(stack, { name: 'scan files?' }); },
    holds: (stack) => { build(stack, { name: 'scan-files_1' }); },
  }),
  importedKey: ({ build }) => ({
    breaks: (stack) => { build(stack, { encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', IMPORTED_KEY_ARN) }); },
    holds: (stack) => { build(stack, { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) }); },
  }),
  symmetricKey: ({ build }) => ({
    breaks: (stack) => { build(stack, { encryptionKey: new kms.Key(stack, 'Key', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT }) }); },
    holds: (stack) => { build(stack, { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) }); },
  }),
  tags: ({ build }) => ({
    breaks: (stack) => { Tags.of(build(stack)).add('aws:owner', 'me'); },
    holds: (stack) => { Tags.of(build(stack)).add('owner', 'me'); },
  }),
} satisfies Record<string, (kind: EncryptedKind) => RuleCase>;

/** A case that breaks and one that holds for every rule of this area (run by test/validation/rule-cases.test.ts). */
export const STEP_FUNCTIONS_RULE_CASES: RuleCases = {
  'state-machine/reuse-period-range': SHARED.reusePeriod(STATE_MACHINE_KIND),
  'state-machine/customer-key-required': SHARED.customerKey(STATE_MACHINE_KIND),
  'state-machine/one-encryption-source': SHARED.oneSource(STATE_MACHINE_KIND),
  'state-machine/name-characters': SHARED.name(STATE_MACHINE_KIND),
  'state-machine/logged-name-characters': {
    breaks: (stack: Stack) => { machine(stack, { stateMachineName: 'scan.v2' }); },
    // The same name, with logging off.
    holds: (stack: Stack) => { machine(stack, { stateMachineName: 'scan.v2', logs: { level: sfn.LogLevel.OFF } }); },
  },
  'state-machine/imported-key-policy': SHARED.importedKey(STATE_MACHINE_KIND),
  'state-machine/key-symmetric': SHARED.symmetricKey(STATE_MACHINE_KIND),
  'state-machine/tags': SHARED.tags(STATE_MACHINE_KIND),

  'activity/reuse-period-range': SHARED.reusePeriod(ACTIVITY_KIND),
  'activity/customer-key-required': SHARED.customerKey(ACTIVITY_KIND),
  'activity/one-encryption-source': SHARED.oneSource(ACTIVITY_KIND),
  'activity/name-characters': SHARED.name(ACTIVITY_KIND),
  'activity/imported-key-policy': SHARED.importedKey(ACTIVITY_KIND),
  'activity/key-symmetric': SHARED.symmetricKey(ACTIVITY_KIND),
  'activity/tags': SHARED.tags(ACTIVITY_KIND),
};
