import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { encryptionContextArn, expectPropError } from './support';
import { EncryptedActivity } from '../../src/stepfunctions/activity';
import { newStack } from '../support/stacks';
import { synthError } from '../support/synth';

const CONTEXT_KEY = 'kms:EncryptionContext:aws:states:activityArn';
const contextArn = (name: string) => encryptionContextArn('activity', name);

function keyLogicalId(stack: Stack, key: kms.IKey): string {
  return stack.getLogicalId(key.node.defaultChild as kms.CfnKey);
}

describe('EncryptedActivity: defaults', () => {
  test('a new key with rotation encrypts the activity; the key policy lets Step Functions use it for this activity only', () => {
    const stack = newStack();
    const activity = new EncryptedActivity(stack, 'Review');
    const template = Template.fromStack(stack);
    const [resource] = Object.values(template.findResources('AWS::StepFunctions::Activity')) as any[];
    const name: string = resource.Properties.Name;
    expect(name).toMatch(/^[0-9A-Za-z_-]{1,80}$/);
    template.hasResourceProperties('AWS::StepFunctions::Activity', {
      EncryptionConfiguration: { Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsDataKeyReusePeriodSeconds: 300, KmsKeyId: { 'Fn::GetAtt': [keyLogicalId(stack, activity.encryptionKey), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'states.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Condition: { StringEquals: { [CONTEXT_KEY]: contextArn(name) } },
        })]),
      },
    });
    expect(activity.encryptionKey.node.scope).toBe(activity);
    expect(activity).toBeInstanceOf(sfn.Activity);
  });

  test('encryptionConfiguration exposes the real key, not a stand-in', () => {
    const stack = newStack();
    const activity = new EncryptedActivity(stack, 'Review', { dataKeyReusePeriod: Duration.minutes(2) });
    const config = activity.encryptionConfiguration as sfn.CustomerManagedEncryptionConfiguration;
    expect(config).toBeInstanceOf(sfn.CustomerManagedEncryptionConfiguration);
    expect(config.kmsKey).toBe(activity.encryptionKey);
    expect(config.kmsDataKeyReusePeriodSeconds?.toSeconds()).toBe(120);
  });

  test('a given key and name are used', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    new EncryptedActivity(stack, 'Review', { encryptionKey: key, activityName: 'review', dataKeyReusePeriod: Duration.minutes(15) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::StepFunctions::Activity', {
      Name: 'review',
      EncryptionConfiguration: { KmsDataKeyReusePeriodSeconds: 900, KmsKeyId: { 'Fn::GetAtt': [keyLogicalId(stack, key), 'Arn'] } },
    });
  });
});

describe('EncryptedActivity: grants include KMS, scoped by encryption context', () => {
  const cases: Array<[string, (a: EncryptedActivity, r: iam.Role) => iam.Grant, string | string[], string | string[]]> = [
    ['grantGetActivityTask', (a, r) => a.grantGetActivityTask(r), 'states:GetActivityTask', 'kms:Decrypt'],
    ['grantTaskResponse', (a, r) => a.grantTaskResponse(r), ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], ['kms:Decrypt', 'kms:GenerateDataKey']],
    ['grant', (a, r) => a.grant(r, 'states:SendTaskSuccess'), 'states:SendTaskSuccess', ['kms:Decrypt', 'kms:GenerateDataKey']],
  ];
  test.each(cases)('%s', (_name, grant, sfnActions, kmsActions) => {
    const stack = newStack();
    const activity = new EncryptedActivity(stack, 'Review', { activityName: 'review' });
    const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.AccountRootPrincipal() });
    expect(grant(activity, role).success).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }],
      PolicyDocument: {
        Statement: [
          { Action: sfnActions, Effect: 'Allow', Resource: { Ref: Match.stringLikeRegexp('^Review') } },
          {
            Action: kmsActions,
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [keyLogicalId(stack, activity.encryptionKey), 'Arn'] },
            Condition: { StringEquals: { [CONTEXT_KEY]: contextArn('review') } },
          },
        ],
      },
    });
  });
});

describe('EncryptedActivity: rules (the rules it shares with EncryptedStateMachine: encryption-rules.test.ts)', () => {
  test('names with dots are fine for activities (they are not logged)', () => {
    const stack = newStack();
    new EncryptedActivity(stack, 'Review', { activityName: 'review.v2' });
    expect(synthError(stack)).toBe('');
  });
});

describe('EncryptedActivity: values known at deployment only are neither judged nor refused', () => {
  test('a reuse period from a parameter, in seconds, reaches the resource; a name from a parameter too', () => {
    const stack = newStack();
    const seconds = new CfnParameter(stack, 'Reuse', { type: 'Number' }).valueAsNumber;
    const name = new CfnParameter(stack, 'Name', { type: 'String' }).valueAsString;
    const activity = new EncryptedActivity(stack, 'Review', { activityName: name, dataKeyReusePeriod: Duration.seconds(seconds) });
    expect(synthError(stack)).toBe('');
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::Activity', {
      Name: { Ref: 'Name' },
      EncryptionConfiguration: { Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: Match.anyValue(), KmsDataKeyReusePeriodSeconds: { Ref: 'Reuse' } },
    });
    // The configuration exposed names the real key.
    expect((activity.encryptionConfiguration as sfn.CustomerManagedEncryptionConfiguration).kmsKey).toBe(activity.encryptionKey);
  });

  test('a reuse period from a parameter in hours: an Error naming dataKeyReusePeriod', () => {
    const stack = newStack();
    const hours = new CfnParameter(stack, 'Reuse', { type: 'Number' }).valueAsNumber;
    expect(() => new EncryptedActivity(stack, 'Review', { dataKeyReusePeriod: Duration.hours(hours) })).toThrow(/EncryptedActivity: `dataKeyReusePeriod` must be given in seconds/);
  });
});

describe('EncryptedActivity: bad input is an Error naming the prop', () => {
  const any = (v: unknown) => v as any;
  test.each([
    ['props null', null, /^EncryptedActivity: `props` must be an object, got null\.$/],
    ['a numeric name', { activityName: 12 }, /`activityName` must be a string, got the number 12/],
    ['a key id for the key', { encryptionKey: '1234abcd-12ab-34cd-56ef-1234567890ab' }, /`encryptionKey` must be a kms\.IKey/],
    ['minutes as a number', { dataKeyReusePeriod: 5 }, /`dataKeyReusePeriod` must be a Duration/],
    ['a configuration of plain data', { encryptionConfiguration: { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKey: 'k' } }, /`encryptionConfiguration` must be an sfn\.EncryptionConfiguration .*got an object \(Object\)/],
  ])('%s', (_what, props, message) => {
    const stack = newStack();
    expectPropError(() => new EncryptedActivity(stack, 'Review', any(props)), message);
  });

  test('grant methods: the grantee and the actions', () => {
    const stack = newStack();
    const activity = new EncryptedActivity(stack, 'Review');
    expect(() => activity.grantGetActivityTask(any(undefined))).toThrow(/^EncryptedActivity\.grantGetActivityTask\(\): `identity` must be an iam\.IGrantable/);
    expect(() => activity.grantTaskResponse(any('worker'))).toThrow(/grantTaskResponse\(\): `identity`/);
    const worker = new iam.Role(stack, 'Worker', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => activity.grant(worker, any(['states:GetActivityTask']))).toThrow(/EncryptedActivity\.grant\(\): `actions\[0\]` must be a string, got an array/);
  });
});
