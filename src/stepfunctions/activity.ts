import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { KeyUse, planEncryption, settleEncryption } from './encryption';
import { ACTIVITY_RULES, checkGrantee, encryptionSubject } from './state-machine-rules';
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

  /**
   * The encryption configuration in use, naming the real key (aws-cdk-lib's names the stand-in it was
   * given for the default key, which can only be created after `super()`).
   */
  public declare readonly encryptionConfiguration?: sfn.EncryptionConfiguration;

  /** The use of the key under this activity's encryption context, for the grants. */
  private readonly keyUse: KeyUse;

  constructor(scope: Construct, id: string, props: EncryptedActivityProps = {}) {
    // Checked before aws-cdk-lib reads them, so a wrong value is an Error naming its prop, not a TypeError.
    const where = 'EncryptedActivity';
    requireMembers(where, 'scope', scope, 'a Construct', ['node']);
    requireId(where, id);
    requireObject(where, 'props', props);
    optionalString(where, 'activityName', props.activityName);
    const encryption = planEncryption(where, props);
    super(scope, id, { ...props, encryptionConfiguration: encryption.configuration });

    const { key, configuration } = settleEncryption(this, encryption, `Encrypts the task inputs of activity ${this.node.path}`);
    this.encryptionKey = key;
    this.encryptionConfiguration = configuration;
    const resource = this.node.defaultChild;
    this.keyUse = new KeyUse(this, key, 'activity', resource instanceof sfn.CfnActivity ? resource.name : undefined);

    ACTIVITY_RULES.attach(this, () => encryptionSubject(props, { value: props.activityName, prop: 'activityName' }, key, false, resource));
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
    return super.grant(identity, ...actions).combine(this.keyUse.grant(identity, actions));
  }
}
