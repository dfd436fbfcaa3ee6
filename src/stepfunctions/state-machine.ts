import { ArnFormat, Duration, Lazy, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DeferredLogGroup } from './deferred';
import { EncryptionPlan, KeyUse, planEncryption, settleEncryption } from './encryption';
import { checkGrantee, encryptionSubject, STATE_MACHINE_RULES } from './state-machine-rules';
import { invalid, optionalBoolean, optionalDuration, optionalEnum, optionalMembers, optionalString, requireId, requireMembers, requireObject } from '../private/input';

/**
 * Props of `EncryptedStateMachine`: every `sfn.StateMachineProps` prop, plus the key.
 */
export interface EncryptedStateMachineProps extends sfn.StateMachineProps {
  /**
   * The symmetric customer managed key that encrypts the definition and the execution history.
   *
   * A key created elsewhere (imported) works too, but its key policy must already let the execution
   * role (and, with logging, `delivery.logs.amazonaws.com`) use it: this construct cannot add that.
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

  /**
   * How long the log group this construct creates keeps the execution history.
   * Ignored when `logs` names a destination or turns logging off.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A Step Functions state machine encrypted with a customer managed KMS key, logged and traced by default.
 *
 * It is an `sfn.StateMachine` and accepts all of its props. On top of it:
 * - a key is created when none is given (rotation on);
 * - the state machine always has a physical name (generated when `stateMachineName` is not given), so the
 *   encryption-context condition on `kms:EncryptionContext:aws:states:stateMachineArn` names the real
 *   state machine; aws-cdk-lib builds that condition from an empty name otherwise;
 * - execution history goes, at level ALL with execution data, to a new log group encrypted with a KMS key
 *   whose policy lets CloudWatch Logs use it only for that log group; X-Ray tracing is on;
 * - every `grant*` method also grants the KMS actions the operation needs, conditioned on the encryption context.
 *
 * Because the state machine has a fixed name, a change that replaces it (for example `stateMachineType`)
 * needs a new `stateMachineName` or construct id.
 */
export class EncryptedStateMachine extends sfn.StateMachine {
  /** The key that encrypts the definition and execution history. */
  public readonly encryptionKey: kms.IKey;

  /**
   * The log group this construct created for the execution history.
   * Undefined when `logs` names its own destination or turns logging off.
   */
  public readonly logGroup?: logs.ILogGroup;

  /** The use of the key under this state machine's encryption context, for the grants. */
  private readonly keyUse: KeyUse;

  constructor(scope: Construct, id: string, props: EncryptedStateMachineProps) {
    // Checked before aws-cdk-lib reads them, so a wrong value is an Error naming its prop, not a TypeError.
    const encryption = checkStateMachineProps(scope, id, props);
    // Values that need `this` (the generated name, the log group) are only known after super():
    // aws-cdk-lib reads them lazily, at synthesis.
    const late: { name?: string } = {};
    const logsOn = props.logs?.level !== sfn.LogLevel.OFF;
    const ownLogGroup = logsOn && props.logs?.destination === undefined ? new DeferredLogGroup() : undefined;
    // The name is judged by this construct's rule table (all findings at once, and the service's own
    // characters, not aws-cdk-lib's narrower ASCII set) rather than thrown by aws-cdk-lib at construction;
    // a lazy value also lets a generated name be used.
    const name = Lazy.string({ produce: () => props.stateMachineName ?? late.name });

    super(scope, id, {
      ...props,
      stateMachineName: name,
      encryptionConfiguration: encryption.configuration,
      tracingEnabled: props.tracingEnabled ?? true,
      logs: ownLogGroup
        ? {
          level: props.logs?.level ?? sfn.LogLevel.ALL,
          includeExecutionData: props.logs?.includeExecutionData ?? true,
          destination: ownLogGroup,
        }
        : props.logs,
    });

    const { key } = settleEncryption(this, encryption, `Encrypts the definition and execution history of state machine ${this.node.path}`);
    this.encryptionKey = key;
    if (props.stateMachineName === undefined) {
      late.name = Names.uniqueResourceName(this, { maxLength: 80, separator: '-', allowedSpecialCharacters: '-_' });
    }
    this.keyUse = new KeyUse(this, key, 'stateMachine', name);

    if (ownLogGroup) {
      const logGroupName = `/aws/vendedlogs/states/${Names.uniqueResourceName(this, { maxLength: 480, separator: '-', allowedSpecialCharacters: '-_' })}`;
      // The ARN is built from the explicit name, so the key policy does not reference the log group
      // (which references the key): no dependency cycle.
      const logGroupArn = Stack.of(this).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      const logKey = key instanceof kms.Key ? key : new kms.Key(this, 'LogKey', {
        enableKeyRotation: true,
        description: `Encrypts the execution history log group of state machine ${this.node.path}`,
      });
      logKey.addToResourcePolicy(new iam.PolicyStatement({
        sid: `LogsUse${Names.uniqueId(this).slice(-40)}`,
        principals: [new iam.ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
      }));
      const logGroup = new logs.LogGroup(this, 'LogGroup', {
        logGroupName,
        encryptionKey: logKey,
        retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      });
      ownLogGroup.resolveTo(logGroup);
      this.logGroup = logGroup;
      // The key policy must allow the logs service before the log group is created with the key.
      logGroup.node.addDependency(logKey);
    }

    STATE_MACHINE_RULES.attach(this, () => encryptionSubject(props, { value: props.stateMachineName, prop: 'stateMachineName' }, key, logsOn, this.node.defaultChild));
  }

  /** Grants `states:StartExecution`, and `kms:Decrypt` + `kms:GenerateDataKey` to encrypt the input. */
  public grantStartExecution(identity: iam.IGrantable): iam.Grant {
    checkGrantee('EncryptedStateMachine.grantStartExecution()', identity);
    return super.grantStartExecution(identity).combine(this.keyUse.grant(identity, ['states:StartExecution']));
  }

  /** Grants `states:StartSyncExecution`, and `kms:Decrypt` + `kms:GenerateDataKey` for input and output. */
  public grantStartSyncExecution(identity: iam.IGrantable): iam.Grant {
    checkGrantee('EncryptedStateMachine.grantStartSyncExecution()', identity);
    return super.grantStartSyncExecution(identity).combine(this.keyUse.grant(identity, ['states:StartSyncExecution']));
  }

  /** Grants reading executions and their history, and `kms:Decrypt` to read the encrypted data. */
  public grantRead(identity: iam.IGrantable): iam.Grant {
    checkGrantee('EncryptedStateMachine.grantRead()', identity);
    return super.grantRead(identity).combine(this.keyUse.grant(identity, ['states:DescribeExecution']));
  }

  /** Grants `states:SendTask*`, and `kms:Decrypt` + `kms:GenerateDataKey` to encrypt the task result. */
  public grantTaskResponse(identity: iam.IGrantable): iam.Grant {
    checkGrantee('EncryptedStateMachine.grantTaskResponse()', identity);
    return super.grantTaskResponse(identity).combine(this.keyUse.grant(identity, ['states:SendTaskSuccess']));
  }

  /** Grants actions on executions; `kms:Decrypt`, plus `kms:GenerateDataKey` unless every action only reads. */
  public grantExecution(identity: iam.IGrantable, ...actions: string[]): iam.Grant {
    checkGrantee('EncryptedStateMachine.grantExecution()', identity, actions);
    return super.grantExecution(identity, ...actions).combine(this.keyUse.grant(identity, actions));
  }

  /** Grants `states:RedriveExecution`, and `kms:Decrypt` + `kms:GenerateDataKey`. */
  public grantRedriveExecution(identity: iam.IGrantable): iam.Grant {
    checkGrantee('EncryptedStateMachine.grantRedriveExecution()', identity);
    // aws-cdk-lib implements this through grantExecution, which adds the KMS actions.
    return super.grantRedriveExecution(identity);
  }

  /** Grants actions on the state machine; `kms:Decrypt`, plus `kms:GenerateDataKey` unless every action only reads. */
  public grant(identity: iam.IGrantable, ...actions: string[]): iam.Grant {
    checkGrantee('EncryptedStateMachine.grant()', identity, actions);
    return super.grant(identity, ...actions).combine(this.keyUse.grant(identity, actions));
  }
}

/**
 * The props of `EncryptedStateMachine` this construct or aws-cdk-lib reads, each of the right kind (tokens
 * count), or an Error naming it. Returns the encryption planned for aws-cdk-lib.
 */
function checkStateMachineProps(scope: Construct, id: string, props: EncryptedStateMachineProps): EncryptionPlan {
  const where = 'EncryptedStateMachine';
  requireMembers(where, 'scope', scope, 'a Construct', ['node']);
  requireId(where, id);
  requireObject(where, 'props', props);
  if (props.definitionBody === undefined && props.definition === undefined) {
    invalid(where, 'definitionBody', 'an sfn.DefinitionBody (e.g. `sfn.DefinitionBody.fromChainable(chain)`)', undefined);
  }
  optionalMembers(where, 'definitionBody', props.definitionBody, 'an sfn.DefinitionBody (e.g. `sfn.DefinitionBody.fromChainable(chain)`)', ['bind']);
  optionalMembers(where, 'definition', props.definition, 'an sfn.IChainable', ['startState', 'endStates']);
  if (props.definitionSubstitutions !== undefined) requireObject(where, 'definitionSubstitutions', props.definitionSubstitutions);
  optionalString(where, 'stateMachineName', props.stateMachineName);
  optionalString(where, 'comment', props.comment);
  optionalMembers(where, 'role', props.role, 'an iam.IRole', ['roleArn', 'grantPrincipal', 'addToPrincipalPolicy']);
  optionalDuration(where, 'timeout', props.timeout);
  optionalBoolean(where, 'tracingEnabled', props.tracingEnabled);
  optionalEnum(where, 'stateMachineType', props.stateMachineType, Object.values(sfn.StateMachineType));
  optionalEnum(where, 'queryLanguage', props.queryLanguage, Object.values(sfn.QueryLanguage));
  optionalEnum(where, 'removalPolicy', props.removalPolicy, Object.values(RemovalPolicy));
  if (props.logs !== undefined) {
    requireObject(where, 'logs', props.logs);
    optionalEnum(where, 'logs.level', props.logs.level, Object.values(sfn.LogLevel));
    optionalBoolean(where, 'logs.includeExecutionData', props.logs.includeExecutionData);
    optionalMembers(where, 'logs.destination', props.logs.destination, 'a logs.ILogGroup', ['logGroupRef']);
  }
  const encryption = planEncryption(where, props);
  const retention = props.logRetention;
  if (retention !== undefined && !(Object.values(logs.RetentionDays) as unknown[]).includes(retention)) {
    invalid(where, 'logRetention', 'a logs.RetentionDays (e.g. `logs.RetentionDays.ONE_YEAR`)', retention);
  }
  return encryption;
}
