import { Template, Match } from 'aws-cdk-lib/assertions';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { as2Connector, sftpConnector } from './estate';
import { newStack } from '../support/stacks';
import { As2Connector, SftpConnector } from 'cdk-transfer-family';

const js = (v: unknown) => v as never;
const CONNECTOR_ID = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Connector'), 'ConnectorId'] };
const AS2_ID = { 'Fn::GetAtt': [Match.stringLikeRegexp('^As2'), 'ConnectorId'] };

describe('connector events', () => {
  test('onEvent: every event of this connector, on the default bus', () => {
    const stack = newStack();
    const rule = sftpConnector(stack).onEvent('Events');
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.transfer'], 'detail': { 'connector-id': [CONNECTOR_ID] }, 'detail-type': Match.absent() },
      State: 'ENABLED',
      Targets: Match.absent(),
    });
    expect(rule.node.scope?.node.id).toBe('Connector');
  });

  test.each([
    ['onFileSendCompleted', 'SFTP Connector File Send Completed'],
    ['onFileSendFailed', 'SFTP Connector File Send Failed'],
    ['onFileRetrieveCompleted', 'SFTP Connector File Retrieve Completed'],
    ['onFileRetrieveFailed', 'SFTP Connector File Retrieve Failed'],
    ['onDirectoryListingCompleted', 'SFTP Connector Directory Listing Completed'],
    ['onDirectoryListingFailed', 'SFTP Connector Directory Listing Failed'],
  ] as const)('SftpConnector.%s: the documented detail-type %s', (method, detailType) => {
    const stack = newStack();
    sftpConnector(stack)[method]('Rule');
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.transfer'], 'detail-type': [detailType], 'detail': { 'connector-id': [CONNECTOR_ID] } },
    });
  });

  test.each([
    ['onPayloadSendCompleted', 'AS2 Payload Send Completed'],
    ['onPayloadSendFailed', 'AS2 Payload Send Failed'],
    ['onMdnReceiveCompleted', 'AS2 MDN Receive Completed'],
    ['onMdnReceiveFailed', 'AS2 MDN Receive Failed'],
  ] as const)('As2Connector.%s: the documented detail-type %s', (method, detailType) => {
    const stack = newStack();
    as2Connector(stack)[method]('Rule');
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.transfer'], 'detail-type': [detailType], 'detail': { 'connector-id': [AS2_ID] } },
    });
  });

  test('the target is added; the options\' pattern, name and description are merged in', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Alerts', { enforceSSL: true });
    sftpConnector(stack).onFileSendFailed('SendFailed', {
      target: new targets.SnsTopic(topic),
      ruleName: 'send-failed',
      description: 'Files the partner did not get',
      eventPattern: { detail: { 'failure-code': ['CONNECTION_ERROR'] }, region: ['eu-west-1'] },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      Name: 'send-failed',
      Description: 'Files the partner did not get',
      EventPattern: {
        'source': ['aws.transfer'],
        'detail-type': ['SFTP Connector File Send Failed'],
        'region': ['eu-west-1'],
        'detail': { 'connector-id': [CONNECTOR_ID], 'failure-code': ['CONNECTION_ERROR'] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Alerts') } })],
    });
  });

  test('the caller\'s pattern is left as it was, and serves several connectors', () => {
    const stack = newStack();
    const eventPattern = { detail: { 'failure-code': ['CONNECTION_ERROR'] } };
    sftpConnector(stack).onFileSendFailed('A', { eventPattern });
    sftpConnector(stack, {}, 'Connector2').onFileSendFailed('B', { eventPattern });
    expect(eventPattern).toEqual({ detail: { 'failure-code': ['CONNECTION_ERROR'] } });
    const patterns = Object.values(Template.fromStack(stack).findResources('AWS::Events::Rule')).map((r) => r.Properties.EventPattern.detail);
    expect(patterns.map((d) => d['connector-id'].length)).toEqual([1, 1]);
  });

  test('a target added later (aws-cdk-lib\'s Rule as it is)', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Alerts', { enforceSSL: true });
    as2Connector(stack).onEvent('All').addTarget(new targets.SnsTopic(topic));
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Alerts') } })],
    });
  });

  test('imported connectors: the rule names the given id', () => {
    const stack = newStack();
    const sftp = SftpConnector.fromConnectorId(stack, 'Sftp', 'c-0123456789abcdef0');
    sftp.onFileRetrieveCompleted('Retrieved');
    sftp.onEvent('All');
    As2Connector.fromConnectorAttributes(stack, 'As2', { connectorId: 'c-0123456789abcdef1' }).onMdnReceiveFailed('NoMdn');
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Events::Rule', 3);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['SFTP Connector File Retrieve Completed'], 'detail': { 'connector-id': ['c-0123456789abcdef0'] } },
    });
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.transfer'], 'detail-type': Match.absent(), 'detail': { 'connector-id': ['c-0123456789abcdef0'] } },
    });
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['AS2 MDN Receive Failed'], 'detail': { 'connector-id': ['c-0123456789abcdef1'] } },
    });
  });

  test('several rules of one connector', () => {
    const stack = newStack();
    const c = sftpConnector(stack);
    c.onFileSendCompleted('Sent');
    c.onFileSendFailed('Failed');
    Template.fromStack(stack).resourceCountIs('AWS::Events::Rule', 2);
  });

  describe('bad input: an Error naming the prop', () => {
    test.each([
      ['id', (c: SftpConnector) => c.onEvent(js(''))],
      ['id', (c: SftpConnector) => c.onFileSendFailed(js(undefined))],
      ['options', (c: SftpConnector) => c.onEvent('R', js(null))],
      ['options', (c: SftpConnector) => c.onFileSendCompleted('R', js('x'))],
      ['options.eventPattern', (c: SftpConnector) => c.onEvent('R', { eventPattern: js(7) })],
      ['options.eventPattern', (c: SftpConnector) => c.onEvent('R', { eventPattern: { detail: js('x') } })],
      ['options.eventPattern', (c: SftpConnector) => c.onEvent('R', { eventPattern: { source: js('aws.transfer') } })],
      ['options.ruleName', (c: SftpConnector) => c.onEvent('R', { ruleName: 'no spaces allowed' })],
      ['options.target', (c: SftpConnector) => c.onEvent('R', { target: js({}) })],
      ['options.target', (c: SftpConnector) => c.onEvent('R', { target: js(null) })],
      ['options.ruleName', (c: SftpConnector) => c.onEvent('R', { ruleName: js(1) })],
      ['options.description', (c: SftpConnector) => c.onEvent('R', { description: js([]) })],
      ['options.crossStackScope', (c: SftpConnector) => c.onEvent('R', { crossStackScope: js('x') })],
    ])('`%s`', (prop, call) => {
      const stack = newStack();
      const c = sftpConnector(stack);
      expect(() => call(c)).toThrow(new RegExp(`^(SftpConnector\\.on\\w+|Connector\\.onEvent)\\(\\): \`${prop.replace('.', '\\.')}\` must be`));
    });

    test('the AS2 methods and the imported ones check too', () => {
      const stack = newStack();
      expect(() => as2Connector(stack).onPayloadSendFailed('R', js(3))).toThrow('As2Connector.onPayloadSendFailed(): `options` must be an object');
      expect(() => SftpConnector.fromConnectorId(stack, 'I', 'c-0123456789abcdef0').onFileSendFailed(js(5)))
        .toThrow('SftpConnector.onFileSendFailed(): `id` must be');
    });
  });
});
