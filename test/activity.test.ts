import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { EncryptedActivity } from '../src/activity';
import { synthError } from './support/synth';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const CONTEXT_KEY = 'kms:EncryptionContext:aws:states:activityArn';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: ENV });
}

function contextArn(name: string) {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:states:eu-west-1:111111111111:activity:${name}`]] };
}


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

describe('EncryptedActivity: rules', () => {
  test('[activity/reuse-period-range] refuses a reuse period outside 1-15 minutes', () => {
    const stack = newStack();
    new EncryptedActivity(stack, 'Review', { dataKeyReusePeriod: Duration.seconds(59) });
    expect(synthError(stack)).toMatch(/\[activity\/reuse-period-range\] dataKeyReusePeriod is 59 seconds\. .* Fix: pass a dataKeyReusePeriod/);
  });

  test('[activity/customer-key-required] refuses an AWS-owned encryptionConfiguration, pointing at sfn.Activity', () => {
    const stack = newStack();
    new EncryptedActivity(stack, 'Review', { encryptionConfiguration: new sfn.AwsOwnedEncryptionConfiguration() });
    expect(synthError(stack)).toMatch(/\[activity\/customer-key-required\] encryptionConfiguration is an AwsOwnedEncryptionConfiguration\. .*use sfn\.Activity for an AWS-owned key/);
  });

  test('[activity/one-encryption-source] refuses encryptionConfiguration together with dataKeyReusePeriod', () => {
    const stack = newStack();
    new EncryptedActivity(stack, 'Review', {
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(new kms.Key(stack, 'K')),
      dataKeyReusePeriod: Duration.minutes(2),
    });
    expect(synthError(stack)).toMatch(/\[activity\/one-encryption-source\] encryptionConfiguration is given together with dataKeyReusePeriod\./);
  });

  test('[activity/name-characters] refuses a name with white space, and reports every problem at once', () => {
    const stack = newStack();
    new EncryptedActivity(stack, 'Review', { activityName: 'needs review?' });
    const error = synthError(stack);
    expect(error).toMatch(/\[activity\/name-characters\] activityName "needs review\?" contains white space\./);
    expect(error).toMatch(/\[activity\/name-characters\] activityName "needs review\?" contains wildcard characters/);
  });

  test('names with dots are fine for activities (they are not logged)', () => {
    const stack = newStack();
    new EncryptedActivity(stack, 'Review', { activityName: 'review.v2' });
    expect(synthError(stack)).toBe('');
  });

  test('[activity/imported-key-policy] warns that an imported key needs a key policy for states.amazonaws.com', () => {
    const stack = newStack();
    new EncryptedActivity(stack, 'Review', { encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab') });
    Template.fromStack(stack);
    Annotations.fromStack(stack).hasWarning('/Stack/Review/Resource', Match.stringLikeRegexp('\\[activity/imported-key-policy\\] encryptionKey is an imported key\\..*states\\.amazonaws\\.com'));
  });
});
