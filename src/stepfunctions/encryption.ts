import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DeferredKey } from './deferred';
import { acceptedReusePeriod, checkEncryptionProps, EncryptionInput, givenEncryption, reusePeriodToken } from './state-machine-rules';

/**
 * The encryption plumbing `EncryptedStateMachine` and `EncryptedActivity` share: the configuration handed
 * to aws-cdk-lib before `super()`, the key and the resource's encryption settled after it, and the grants
 * of the KMS actions under the encryption context.
 */

/** What a construct hands to aws-cdk-lib before `super()`, and settles after it with `settleEncryption`. */
export interface EncryptionPlan {
  /** The configuration for aws-cdk-lib's props: the user's, or one with the given key or a stand-in for the default key. */
  readonly configuration: sfn.CustomerManagedEncryptionConfiguration;
  /** The key the user gave (`encryptionKey` or in `encryptionConfiguration`); undefined when a key is to be created. */
  readonly givenKey?: kms.IKey;
  /** The stand-in for the default key, which can only be created after `super()`. */
  readonly deferred?: DeferredKey;
  /** The reuse period handed to aws-cdk-lib (one it accepts; the rule reports the others). */
  readonly reusePeriod?: Duration;
  /** The seconds of a reuse period known at deployment only, written into the resource after `super()`. */
  readonly reuseToken?: number;
}

/** Checks the encryption props (an Error naming the prop) and plans the configuration for aws-cdk-lib. */
export function planEncryption(where: string, props: EncryptionInput): EncryptionPlan {
  checkEncryptionProps(where, props);
  const reuseToken = reusePeriodToken(where, props.dataKeyReusePeriod);
  const { customerConfig, givenKey } = givenEncryption(props);
  const deferred = givenKey ? undefined : new DeferredKey();
  const reusePeriod = customerConfig ? customerConfig.kmsDataKeyReusePeriodSeconds : acceptedReusePeriod(props.dataKeyReusePeriod);
  return {
    configuration: customerConfig ?? new sfn.CustomerManagedEncryptionConfiguration(givenKey ?? deferred!, reusePeriod),
    givenKey,
    deferred,
    reusePeriod,
    reuseToken,
  };
}

/** The encryption of a construct once `super()` has run. */
export interface SettledEncryption {
  /** The key in use. */
  readonly key: kms.IKey;
  /** The configuration in use, naming the real key. */
  readonly configuration: sfn.CustomerManagedEncryptionConfiguration;
}

/**
 * After `super()`: the key in use (the given one, or a new one with rotation on as the child `Key` of
 * `owner`), and a reuse period known at deployment only written into `owner`'s resource: aws-cdk-lib
 * cannot take such a period (its range check refuses every token); the rule judges it once known, never now.
 */
export function settleEncryption(owner: Construct, plan: EncryptionPlan, keyDescription: string): SettledEncryption {
  const key = plan.givenKey ?? new kms.Key(owner, 'Key', { enableKeyRotation: true, description: keyDescription });
  plan.deferred?.resolveTo(key);
  if (plan.reuseToken !== undefined) {
    const cfn = owner.node.defaultChild;
    if (cfn instanceof sfn.CfnStateMachine || cfn instanceof sfn.CfnActivity) {
      const rendered = cfn.encryptionConfiguration as sfn.CfnStateMachine.EncryptionConfigurationProperty;
      cfn.encryptionConfiguration = { ...rendered, kmsDataKeyReusePeriodSeconds: plan.reuseToken };
    }
  }
  const configuration = plan.deferred ? new sfn.CustomerManagedEncryptionConfiguration(key, plan.reusePeriod) : plan.configuration;
  return { key, configuration };
}

/** Step Functions actions that only read encrypted data, so need only `kms:Decrypt`. */
const READ_ONLY_ACTION = /^states:(Describe|Get|List)/;

/**
 * The use of a state machine's or activity's key under its encryption context, for the Step Functions
 * `actions` granted with it: `kms:Decrypt`, plus `kms:GenerateDataKey` unless every action only reads.
 */
export class KeyUse {
  /** The condition key of the encryption context, `kms:EncryptionContext:aws:states:<resource>Arn`. */
  private readonly contextKey: string;
  /** The ARN in the encryption context; built from the resource's name, so that it has no reference to the resource. */
  private readonly contextArn: string;

  constructor(scope: Construct, private readonly key: kms.IKey, resource: 'stateMachine' | 'activity', name: string | undefined) {
    this.contextKey = `kms:EncryptionContext:aws:states:${resource}Arn`;
    this.contextArn = Stack.of(scope).formatArn({ service: 'states', resource, resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  }

  /** Grants `identity` the KMS actions that `actions` need on the key, for this resource only. */
  public grant(identity: iam.IGrantable, actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee: identity,
      actions: actions.some((a) => !READ_ONLY_ACTION.test(a)) ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
      resourceArns: [this.key.keyArn],
      conditions: { StringEquals: { [this.contextKey]: this.contextArn } },
    });
  }
}
