import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { encryptionContextArn, expectPropError, machine } from './support';
import { EncryptedStateMachine } from '../../src/stepfunctions/state-machine';
import { newStack } from '../support/stacks';
import { synthError } from '../support/synth';

const CONTEXT_KEY = 'kms:EncryptionContext:aws:states:stateMachineArn';
const contextArn = (name: string) => encryptionContextArn('stateMachine', name);

function caller(stack: Stack, id = 'Caller'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.AccountRootPrincipal() });
}

/** Statements of the caller's policy. */
function callerStatements(stack: Stack, id = 'Caller'): any[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const own = Object.entries(policies).find(([logicalId]) => logicalId.startsWith(id));
  return own ? (own[1] as any).Properties.PolicyDocument.Statement : [];
}

function kmsStatement(statements: any[]): any {
  return statements.find((s) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));
}

describe('EncryptedStateMachine: the aws-cdk-lib gap of the unnamed state machine', () => {
  test('plain sfn.StateMachine without a name builds its encryption-context condition from an empty name', () => {
    const stack = newStack();
    new sfn.StateMachine(stack, 'Plain', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')),
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(new kms.Key(stack, 'Key')),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Condition: { StringEquals: { [CONTEXT_KEY]: contextArn('') } } })]) },
    });
  });

  test('EncryptedStateMachine without a name gets a generated name, and the condition names that machine', () => {
    const stack = newStack();
    machine(stack);
    const template = Template.fromStack(stack);
    const [resource] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as any[];
    const name: string = resource.Properties.StateMachineName;
    expect(name).toMatch(/^[0-9A-Za-z_-]{1,80}$/);
    expect(name).toContain('Scan');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Condition: { StringEquals: { [CONTEXT_KEY]: contextArn(name) } } })]) },
    });
  });

  test('a generated name stays within 80 characters for a deep construct path', () => {
    const stack = newStack();
    machine(stack, {}, 'A'.repeat(120));
    const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine')) as any[];
    expect(resource.Properties.StateMachineName.length).toBeLessThanOrEqual(80);
  });

  test('a given name is used as is, in the resource and in the condition', () => {
    const stack = newStack();
    machine(stack, { stateMachineName: 'partner-scan' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: 'partner-scan' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Condition: { StringEquals: { [CONTEXT_KEY]: contextArn('partner-scan') } } })]) },
    });
  });
});

describe('EncryptedStateMachine: defaults', () => {
  test('a new key with rotation encrypts the state machine with a 5 minute reuse period', () => {
    const stack = newStack();
    const sm = machine(stack);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      EncryptionConfiguration: {
        Type: 'CUSTOMER_MANAGED_KMS_KEY',
        KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(sm.encryptionKey.node.defaultChild as kms.CfnKey), 'Arn'] },
        KmsDataKeyReusePeriodSeconds: 300,
      },
    });
    expect(sm.encryptionKey).toBeInstanceOf(kms.Key);
    expect(sm.encryptionKey.node.scope).toBe(sm);
  });

  test('logs ALL with execution data to an encrypted log group with retention, and traces with X-Ray', () => {
    const stack = newStack();
    const sm = machine(stack);
    const template = Template.fromStack(stack);
    const logGroupId = stack.getLogicalId(sm.logGroup!.node.defaultChild as logs.CfnLogGroup);
    const keyId = stack.getLogicalId(sm.encryptionKey.node.defaultChild as kms.CfnKey);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] } } }],
      },
      TracingConfiguration: { Enabled: true },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/Stack-Scan-'),
      KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      RetentionInDays: 365,
    });
  });

  test('the key policy lets CloudWatch Logs use the key only for that log group, without a dependency cycle', () => {
    const stack = newStack();
    const sm = machine(stack);
    const template = Template.fromStack(stack);
    const logGroup = Object.values(template.findResources('AWS::Logs::LogGroup'))[0] as any;
    const name = logGroup.Properties.LogGroupName;
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
          Action: Match.arrayWith(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']),
          Condition: {
            ArnEquals: {
              'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:eu-west-1:111111111111:log-group:${name}`]] },
            },
          },
        })]),
      },
    });
    // The key policy refers to the log group by a name written in the template, not by a reference.
    const key = template.findResources('AWS::KMS::Key')[stack.getLogicalId(sm.encryptionKey.node.defaultChild as kms.CfnKey)];
    expect(JSON.stringify(key)).not.toContain(stack.getLogicalId(sm.logGroup!.node.defaultChild as logs.CfnLogGroup));
  });

  test('the execution role may use the key for this state machine and for log delivery (aws-cdk-lib), and log and trace', () => {
    const stack = newStack();
    machine(stack);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Condition: { StringEquals: { [CONTEXT_KEY]: Match.anyValue() } } }),
          Match.objectLike({ Action: 'kms:GenerateDataKey', Condition: { StringEquals: { 'kms:EncryptionContext:SourceArn': Match.anyValue() } } }),
          Match.objectLike({ Action: Match.arrayWith(['logs:CreateLogDelivery']) }),
          Match.objectLike({ Action: Match.arrayWith(['xray:PutTraceSegments']) }),
        ]),
      },
    });
  });

  test('a given key and reuse period are used, and no key is created for the state machine', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const sm = machine(stack, { encryptionKey: key, dataKeyReusePeriod: Duration.minutes(15) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      EncryptionConfiguration: { KmsDataKeyReusePeriodSeconds: 900, KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] } },
    });
    expect(sm.encryptionKey).toBe(key);
  });

  test('with an imported key, the log group gets a key of its own (its policy can be written)', () => {
    const stack = newStack();
    const imported = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const sm = machine(stack, { encryptionKey: imported });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScanLogKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      EncryptionConfiguration: { KmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    });
    expect(sm.encryptionKey).toBe(imported);
  });

  test('logs with a destination of the user are kept, and no log group is created', () => {
    const stack = newStack();
    const own = new logs.LogGroup(stack, 'Own');
    const sm = machine(stack, { logs: { destination: own, level: sfn.LogLevel.ERROR } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { LoggingConfiguration: { Level: 'ERROR' } });
    expect(sm.logGroup).toBeUndefined();
  });

  test('logs OFF: no log group; tracing can be turned off', () => {
    const stack = newStack();
    const sm = machine(stack, { logs: { level: sfn.LogLevel.OFF }, tracingEnabled: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { LoggingConfiguration: { Level: 'OFF' }, TracingConfiguration: { Enabled: false } });
    expect(sm.logGroup).toBeUndefined();
  });

  test('a customer managed encryptionConfiguration of the user is used as is', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey');
    const sm = machine(stack, { encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key, Duration.seconds(120)) });
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', { EncryptionConfiguration: { KmsDataKeyReusePeriodSeconds: 120 } });
    expect(sm.encryptionKey).toBe(key);
  });

  test('it is an sfn.StateMachine', () => {
    const stack = newStack();
    expect(machine(stack)).toBeInstanceOf(sfn.StateMachine);
  });
});

describe('EncryptedStateMachine: grants include KMS, scoped by encryption context', () => {
  const cases: Array<[string, (sm: EncryptedStateMachine, r: iam.Role) => iam.Grant, string[], string[]]> = [
    ['grantStartExecution', (sm, r) => sm.grantStartExecution(r), ['states:StartExecution'], ['kms:Decrypt', 'kms:GenerateDataKey']],
    ['grantStartSyncExecution', (sm, r) => sm.grantStartSyncExecution(r), ['states:StartSyncExecution'], ['kms:Decrypt', 'kms:GenerateDataKey']],
    ['grantRead', (sm, r) => sm.grantRead(r), ['states:DescribeExecution'], ['kms:Decrypt']],
    ['grantTaskResponse', (sm, r) => sm.grantTaskResponse(r), ['states:SendTaskSuccess'], ['kms:Decrypt', 'kms:GenerateDataKey']],
    ['grantExecution (reading)', (sm, r) => sm.grantExecution(r, 'states:DescribeExecution'), ['states:DescribeExecution'], ['kms:Decrypt']],
    ['grantExecution (writing)', (sm, r) => sm.grantExecution(r, 'states:StopExecution'), ['states:StopExecution'], ['kms:Decrypt', 'kms:GenerateDataKey']],
    ['grantRedriveExecution', (sm, r) => sm.grantRedriveExecution(r), ['states:RedriveExecution'], ['kms:Decrypt', 'kms:GenerateDataKey']],
    ['grant (reading)', (sm, r) => sm.grant(r, 'states:DescribeStateMachine'), ['states:DescribeStateMachine'], ['kms:Decrypt']],
    ['grant (writing)', (sm, r) => sm.grant(r, 'states:UpdateStateMachine'), ['states:UpdateStateMachine'], ['kms:Decrypt', 'kms:GenerateDataKey']],
  ];

  test.each(cases)('%s grants the Step Functions action and the KMS actions on the key for this state machine', (_name, grant, sfnActions, kmsActions) => {
    const stack = newStack();
    const sm = machine(stack, { stateMachineName: 'scan' });
    const role = caller(stack);
    const result = grant(sm, role);
    expect(result.success).toBe(true);
    const statements = callerStatements(stack);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(sfnActions));
    expect(kmsStatement(statements)).toEqual({
      Action: kmsActions.length === 1 ? kmsActions[0] : kmsActions,
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [stack.getLogicalId(sm.encryptionKey.node.defaultChild as kms.CfnKey), 'Arn'] },
      Condition: { StringEquals: { [CONTEXT_KEY]: contextArn('scan') } },
    });
  });
});

describe('EncryptedStateMachine: its own rule (the rules it shares with EncryptedActivity: encryption-rules.test.ts)', () => {
  test('[state-machine/logged-name-characters] refuses other characters while logs are on, and allows them when logs are off', () => {
    const stack = newStack();
    machine(stack, { stateMachineName: 'scan.v2' });
    expect(synthError(stack)).toMatch(/\[state-machine\/logged-name-characters] `stateMachineName` "scan\.v2" has characters other than 0-9, A-Z, a-z, - and _ while logs are on\./);

    const stack2 = newStack();
    machine(stack2, { stateMachineName: 'scan.v2', logs: { level: sfn.LogLevel.OFF } });
    expect(synthError(stack2)).toBe('');
  });

  test('a valid machine has no findings, and a key of this app gives no warning', () => {
    const stack = newStack();
    machine(stack, { stateMachineName: 'scan_files-1', dataKeyReusePeriod: Duration.minutes(1), encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
    expect(synthError(stack)).toBe('');
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('imported-key-policy'));
  });
});

describe('EncryptedStateMachine: values known at deployment only are neither judged nor refused', () => {
  test('a reuse period from a parameter, in seconds, reaches the resource; the rule does not judge it', () => {
    const stack = newStack();
    const seconds = new CfnParameter(stack, 'Reuse', { type: 'Number' }).valueAsNumber;
    machine(stack, { dataKeyReusePeriod: Duration.seconds(seconds) });
    expect(synthError(stack)).toBe('');
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', {
      EncryptionConfiguration: { Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: Match.anyValue(), KmsDataKeyReusePeriodSeconds: { Ref: 'Reuse' } },
    });
  });

  test('a reuse period from a parameter in minutes cannot be written: an Error naming dataKeyReusePeriod says to give seconds', () => {
    const stack = newStack();
    const minutes = new CfnParameter(stack, 'Reuse', { type: 'Number' }).valueAsNumber;
    expect(() => machine(stack, { dataKeyReusePeriod: Duration.minutes(minutes) })).toThrow(/EncryptedStateMachine: `dataKeyReusePeriod` must be given in seconds when its value is a token/);
  });

  test('a name, a key ARN and a comment from parameters', () => {
    const stack = newStack();
    const p = (id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString;
    machine(stack, { stateMachineName: p('Name'), encryptionKey: kms.Key.fromKeyArn(stack, 'K', p('KeyArn')), comment: p('Comment') });
    expect(synthError(stack)).toBe('');
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: { Ref: 'Name' },
      EncryptionConfiguration: Match.objectLike({ KmsKeyId: { Ref: 'KeyArn' } }),
    });
  });
});

describe('EncryptedStateMachine: bad input is an Error naming the prop', () => {
  const body = (stack: Stack) => sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P'));
  const any = (v: unknown) => v as any;
  test.each([
    ['props missing', () => any(undefined), /^EncryptedStateMachine: `props` must be an object, got undefined\.$/],
    ['no definition', () => ({}), /`definitionBody` must be an sfn\.DefinitionBody/],
    ['a definition as a string', () => ({ definitionBody: '{"StartAt":"P"}' }), /`definitionBody` must be an sfn\.DefinitionBody .*got the string/],
    ['a key ARN for the key', (stack: Stack) => ({ definitionBody: body(stack), encryptionKey: 'arn:aws:kms:eu-west-1:111111111111:key/x' }), /`encryptionKey` must be a kms\.IKey, got the string/],
    ['seconds for the reuse period', (stack: Stack) => ({ definitionBody: body(stack), dataKeyReusePeriod: 300 }), /`dataKeyReusePeriod` must be a Duration .*got the number 300/],
    ['a retention in days', (stack: Stack) => ({ definitionBody: body(stack), logRetention: 42 }), /`logRetention` must be a logs\.RetentionDays .*got the number 42/],
    ['logs as a level', (stack: Stack) => ({ definitionBody: body(stack), logs: 'ALL' }), /`logs` must be an object, got the string "ALL"/],
    ['an unknown log level', (stack: Stack) => ({ definitionBody: body(stack), logs: { level: 'INFO' } }), /`logs\.level` must be one of "OFF", "ALL", "ERROR", "FATAL", got the string "INFO"/],
    ['a log group name for the destination', (stack: Stack) => ({ definitionBody: body(stack), logs: { destination: '/aws/x' } }), /`logs\.destination` must be a logs\.ILogGroup/],
    ['a numeric name', (stack: Stack) => ({ definitionBody: body(stack), stateMachineName: 5 }), /`stateMachineName` must be a string, got the number 5/],
    ['tracing "yes"', (stack: Stack) => ({ definitionBody: body(stack), tracingEnabled: 'yes' }), /`tracingEnabled` must be true or false/],
    ['a type in lower case', (stack: Stack) => ({ definitionBody: body(stack), stateMachineType: 'express' }), /`stateMachineType` must be one of "EXPRESS", "STANDARD"/],
    ['a role ARN', (stack: Stack) => ({ definitionBody: body(stack), role: 'arn:aws:iam::111111111111:role/r' }), /`role` must be an iam\.IRole/],
    ['a timeout in seconds', (stack: Stack) => ({ definitionBody: body(stack), timeout: 60 }), /`timeout` must be a Duration/],
    ['a configuration as JSON', (stack: Stack) => ({ definitionBody: body(stack), encryptionConfiguration: 'CUSTOMER_MANAGED_KMS_KEY' }), /`encryptionConfiguration` must be an sfn\.EncryptionConfiguration/],
  ])('%s', (_what, props, message) => {
    const stack = newStack();
    expectPropError(() => new EncryptedStateMachine(stack, 'Scan', any((props as (s: Stack) => unknown)(stack))), message);
  });

  test('grant methods: the grantee and the actions', () => {
    const stack = newStack();
    const sm = machine(stack);
    expect(() => sm.grantStartExecution(any(undefined))).toThrow(/^EncryptedStateMachine\.grantStartExecution\(\): `identity` must be an iam\.IGrantable/);
    expect(() => sm.grantRead(any('arn:aws:iam::111111111111:role/r'))).toThrow(/grantRead\(\): `identity` must be an iam\.IGrantable .*got the string/);
    expect(() => sm.grantTaskResponse(any({}))).toThrow(/grantTaskResponse\(\): `identity`/);
    expect(() => sm.grantStartSyncExecution(any(null))).toThrow(/grantStartSyncExecution\(\): `identity`/);
    expect(() => sm.grantRedriveExecution(any(1))).toThrow(/grantRedriveExecution\(\): `identity`/);
    expect(() => sm.grantExecution(caller(stack), any(7))).toThrow(/EncryptedStateMachine\.grantExecution\(\): `actions\[0\]` must be a string, got the number 7/);
    expect(() => sm.grant(caller(stack, 'Other'), 'states:DescribeStateMachine', any(undefined))).toThrow(/grant\(\): `actions\[1\]` must be a string/);
  });
});
