import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as fc from 'fast-check';
import { assertRobust, oneWrong, tokens } from '../support/robustness';
import { EncryptedActivity, EncryptedStateMachine } from 'cdk-transfer-family';

/**
 * The robustness property of the encrypted Step Functions constructs: whatever `new EncryptedStateMachine`,
 * `new EncryptedActivity` and their grant methods are given, they build resources whose template the
 * strict schema check accepts, or throw an Error naming a prop — at construction or at synthesis (the
 * rules) — never a TypeError from aws-cdk-lib underneath.
 */

/**
 * `fc.record` building plain objects: fast-check builds null-prototype ones by default, and the harness
 * looks for tokens (whose values the schema check must not judge) in plain objects only.
 */
const record = ((model: never, constraints?: object) => fc.record(model, { ...constraints, noNullPrototype: true })) as typeof fc.record;

const name = fc.oneof({ arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/), weight: 4 }, { arbitrary: fc.stringMatching(/^[a-z.: ]{1,12}$/), weight: 1 });
const period = fc.oneof(
  { arbitrary: fc.integer({ min: 60, max: 900 }).map((s) => Duration.seconds(s)), weight: 4 },
  { arbitrary: fc.integer({ min: 1, max: 15 }).map((m) => Duration.minutes(m)), weight: 2 },
  // Out of range, or not whole seconds: the rule refuses them.
  { arbitrary: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 901, max: 5000 })).map((s) => Duration.seconds(s)), weight: 1 },
  { arbitrary: fc.integer({ min: 60_001, max: 60_999 }).map((ms) => Duration.millis(ms)), weight: 1 },
);
const keyKind = fc.oneof({ arbitrary: fc.constantFrom('created', 'imported'), weight: 4 }, { arbitrary: fc.constant('asymmetric'), weight: 1 });
/** The encryption props, coherent most of the time: none, a key, a period, both, or a configuration of the user. */
const encryption = oneWrong(fc.oneof(
  { arbitrary: fc.constant({}), weight: 2 },
  { arbitrary: record({ encryptionKey: keyKind }), weight: 2 },
  { arbitrary: record({ dataKeyReusePeriod: period }), weight: 2 },
  { arbitrary: record({ encryptionKey: keyKind, dataKeyReusePeriod: period }), weight: 2 },
  { arbitrary: record({ encryptionConfiguration: fc.constant('customer') }), weight: 1 },
  // Refused by the rules: an AWS-owned key, or a configuration with a key or a period.
  { arbitrary: record({ encryptionConfiguration: fc.constantFrom('aws', 'customer'), encryptionKey: keyKind, dataKeyReusePeriod: period }, { requiredKeys: ['encryptionConfiguration'] }), weight: 1 },
) as fc.Arbitrary<Record<string, unknown>>);
const retention = fc.constantFrom(...Object.values(logs.RetentionDays).filter((v) => typeof v === 'number'));
const grantMethods = ['grantStartExecution', 'grantStartSyncExecution', 'grantRead', 'grantTaskResponse', 'grantRedriveExecution', 'grantExecution', 'grant'] as const;
const grants = fc.array(oneWrong(record({
  method: fc.constantFrom(...grantMethods),
  identity: fc.constant('role'),
  actions: fc.array(fc.constantFrom('states:DescribeExecution', 'states:StopExecution', 'states:GetActivityTask'), { maxLength: 2 }),
})), { maxLength: 2 });

const machineInput = record({
  props: oneWrong(record({
    definitionBody: fc.constant('pass'),
    stateMachineName: name,
    logRetention: retention,
    logs: oneWrong(record({ level: fc.constantFrom(...Object.values(sfn.LogLevel)), includeExecutionData: fc.boolean(), destination: fc.constant('own') }, { requiredKeys: [] })),
    tracingEnabled: fc.boolean(),
    stateMachineType: fc.constantFrom(...Object.values(sfn.StateMachineType)),
    timeout: fc.integer({ min: 1, max: 60 }).map((m) => Duration.minutes(m)),
    comment: fc.string({ maxLength: 20 }),
  }, { requiredKeys: ['definitionBody'] })),
  encryption,
  grants,
});

/** The key, the encryption configuration and the period an input names, made in `stack`. */
function encryptionOf(stack: Stack, e: Record<string, unknown>): Record<string, unknown> {
  const key = e.encryptionKey === 'created' ? new kms.Key(stack, 'Key')
    : e.encryptionKey === 'asymmetric' ? new kms.Key(stack, 'Key', { keySpec: kms.KeySpec.RSA_2048 })
      : e.encryptionKey === 'imported' ? kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab')
        : e.encryptionKey;
  const encryptionConfiguration = e.encryptionConfiguration === 'aws' ? new sfn.AwsOwnedEncryptionConfiguration()
    : e.encryptionConfiguration === 'customer' ? new sfn.CustomerManagedEncryptionConfiguration(new kms.Key(stack, 'ConfigKey'))
      : e.encryptionConfiguration;
  return {
    ...e,
    ...('encryptionKey' in e ? { encryptionKey: key } : {}),
    ...('encryptionConfiguration' in e ? { encryptionConfiguration } : {}),
  };
}

function grantAll(stack: Stack, target: any, list: ReadonlyArray<Record<string, unknown>>): void {
  const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
  for (const g of list) {
    const identity = g.identity === 'role' ? role : g.identity;
    const method = typeof g.method === 'string' && typeof target[g.method] === 'function' ? g.method : 'grant';
    const actions = Array.isArray(g.actions) ? g.actions : [g.actions];
    target[method](identity, ...actions);
  }
}

describe('robustness: encrypted Step Functions', () => {
  test('new EncryptedStateMachine and its grant methods: a template or an Error naming a prop', () => {
    assertRobust(machineInput, (stack, input) => {
      const p = input.props as Record<string, any>;
      const l = p.logs as Record<string, any> | undefined;
      const props = {
        ...p,
        ...encryptionOf(stack, input.encryption),
        definitionBody: p.definitionBody === 'pass' ? sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')) : p.definitionBody,
        logs: l !== null && typeof l === 'object' && l.destination === 'own' ? { ...l, destination: new logs.LogGroup(stack, 'Logs') } : l,
      };
      grantAll(stack, new EncryptedStateMachine(stack, 'Machine', props as any), input.grants);
    }, 3);
  });

  test('new EncryptedActivity and its grant methods: a template or an Error naming a prop', () => {
    const activityInput = record({ name: oneWrong(record({ activityName: name }, { requiredKeys: [] })), encryption, grants });
    assertRobust(activityInput, (stack, input) => {
      const activity = new EncryptedActivity(stack, 'Activity', { ...input.name, ...encryptionOf(stack, input.encryption) } as any);
      grantAll(stack, activity, input.grants.map((g) => ({ ...g, method: g.method === 'grantRead' ? 'grantGetActivityTask' : g.method })));
    }, 3);
  });

  test('tokens in every prop: names, a reuse period of seconds known at deployment, a key ARN', () => {
    const tokenInput = record({
      name: fc.oneof(name, tokens),
      seconds: fc.oneof(period, tokens),
      keyArn: fc.oneof(fc.constant(undefined), tokens),
      comment: fc.oneof(fc.string({ maxLength: 5 }), tokens),
    });
    assertRobust(tokenInput, (stack, t) => {
      const encryptionKey = typeof t.keyArn === 'string' ? kms.Key.fromKeyArn(stack, 'Key', t.keyArn) : undefined;
      new EncryptedStateMachine(stack, 'Machine', {
        definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
        stateMachineName: t.name as any,
        dataKeyReusePeriod: t.seconds as any,
        comment: t.comment as any,
        encryptionKey,
      });
      new EncryptedActivity(stack, 'Activity', { activityName: t.name as any, dataKeyReusePeriod: t.seconds as any, encryptionKey });
    });
  });
});
