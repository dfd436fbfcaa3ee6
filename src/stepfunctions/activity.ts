import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DeferredKey } from './state-machine-key';
import { ACTIVITY_RULES, acceptedReusePeriod, checkEncryptionProps, checkGrantee, encryptionSubject, givenEncryption, reusePeriodToken } from './state-machine-rules';
import { optionalString, requireId, requireMembers, requireObject } from '../private/input';

/**
 * Props of `EncryptedActivity`: every `sfn.ActivityProps` prop, plus the key.
 */
export interface EncryptedActivityProps extends sfn.ActivityProps {
  /**
   * The symmetric customer managed key that encrypts the activity's task inputs.
   *
   * A key created elsewhere (imported) works too, but its key policy must already let
   * `states.amazonaws.com` use it for this activity: this construct cannot add that.
   *
   * @default - a new key with rotation on
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long Step Functions reuses a data key before it calls KMS `GenerateDataKey` again, 1 to 15 minutes.
   * A value known at deployment only is given in seconds (`Duration.seconds(param.valueAsNumber)`):
   * CloudFormation cannot convert units.
   *
   * @default Duration.minutes(5)
   */
  readonly dataKeyReusePeriod?: Duration;
}

/** Step Functions actions that only read encrypted data, so need only `kms:Decrypt`. */
const READ_ONLY_ACTION = /^states:(Describe|Get|List)/;

/**
 * A Step Functions activity whose task inputs are encrypted with a customer managed KMS key.
 *
 * It is an `sfn.Activity` and accepts all of its props. A key with rotation on is created when none is
 * given; aws-cdk-lib lets `states.amazonaws.com` use it for this activity only (encryption context
 * `aws:states:activityArn`); the grant methods also grant the KMS actions a worker needs, with the same
 * condition. A change of encryption replaces an activity (there is no UpdateActivity).
 */
export class EncryptedActivity extends sfn.Activity {
  /** The key that encrypts the activity's task inputs. */
  public readonly encryptionKey: kms.IKey;

  /** The ARN used in the encryption context; built from the physical name so that it has no reference to the resource. */
  private readonly contextArn: string;

  constructor(scope: Construct, id: string, props: EncryptedActivityProps = {}) {
    // Checked before aws-cdk-lib reads them, so a wrong value is an Error naming its prop, not a TypeError.
    const where = 'EncryptedActivity';
    requireMembers(where, 'scope', scope, 'a Construct', ['node']);
    requireId(where, id);
    requireObject(where, 'props', props);
    optionalString(where, 'activityName', props.activityName);
    checkEncryptionProps(where, props);
    const reuseToken = reusePeriodToken(where, props.dataKeyReusePeriod);
    const { customerConfig, givenKey } = givenEncryption(props);
    // The default key can only be created as a child after super(): aws-cdk-lib reads a stand-in until then.
    const deferred = givenKey ? undefined : new DeferredKey();
    const reusePeriod = customerConfig ? customerConfig.kmsDataKeyReusePeriodSeconds : acceptedReusePeriod(props.dataKeyReusePeriod);
    super(scope, id, {
      ...props,
      encryptionConfiguration: customerConfig
        ?? new sfn.CustomerManagedEncryptionConfiguration(givenKey ?? deferred!.asKey(), reusePeriod),
    });

    const key = givenKey ?? new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: `Encrypts the task inputs of activity ${this.node.path}`,
    });
    if (deferred) {
      deferred.resolveTo(key);
      // aws-cdk-lib exposes the configuration it was given: expose one with the real key.
      Object.defineProperty(this, 'encryptionConfiguration', {
        value: new sfn.CustomerManagedEncryptionConfiguration(key, reusePeriod),
      });
    }
    this.encryptionKey = key;
    this.contextArn = Stack.of(this).formatArn({
      service: 'states',
      resource: 'activity',
      resourceName: this.physicalName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    // A reuse period known at deployment only: aws-cdk-lib cannot take it (its range check refuses every
    // token), so the resource gets it directly; the rule judges it once known, never now.
    if (reuseToken !== undefined) {
      const cfn = this.node.defaultChild as sfn.CfnActivity;
      const rendered = cfn.encryptionConfiguration as sfn.CfnActivity.EncryptionConfigurationProperty;
      cfn.encryptionConfiguration = { ...rendered, kmsDataKeyReusePeriodSeconds: reuseToken };
    }

    ACTIVITY_RULES.attach(this, () => encryptionSubject(props, { value: props.activityName, prop: 'activityName' }, key, false, this.node.defaultChild));
  }

  /** Grants `states:GetActivityTask` (a worker polling for tasks) and `kms:Decrypt` to read the task input. */
  public grantGetActivityTask(identity: iam.IGrantable): iam.Grant {
    checkGrantee('EncryptedActivity.grantGetActivityTask()', identity);
    return this.grant(identity, 'states:GetActivityTask');
  }

  /**
   * Grants `states:SendTaskSuccess`, `states:SendTaskFailure` and `states:SendTaskHeartbeat` (a worker
   * reporting back), and `kms:Decrypt` + `kms:GenerateDataKey` on the key.
   */
  public grantTaskResponse(identity: iam.IGrantable): iam.Grant {
    checkGrantee('EncryptedActivity.grantTaskResponse()', identity);
    return this.grant(identity, 'states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat');
  }

  /** Grants actions on the activity; `kms:Decrypt`, plus `kms:GenerateDataKey` unless every action only reads. */
  public grant(identity: iam.IGrantable, ...actions: string[]): iam.Grant {
    checkGrantee('EncryptedActivity.grant()', identity, actions);
    const write = actions.some((a) => !READ_ONLY_ACTION.test(a));
    return super.grant(identity, ...actions).combine(iam.Grant.addToPrincipal({
      grantee: identity,
      actions: write ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
      resourceArns: [this.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:EncryptionContext:aws:states:activityArn': this.contextArn } },
    }));
  }
}
