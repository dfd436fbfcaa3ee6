import { Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { as2Connector, connectorParts, ED25519_HOST_KEY, HOST_KEY, sftpConnector } from './estate';
import { anyValue, assertRobust, mostly, oneWrong } from '../support/robustness';
import {
  As2Connector, As2EncryptionAlgorithm, As2MdnResponse, As2SigningAlgorithm, ConnectorEgress, FileLocation, SftpConnector,
  SftpConnectorSecurityPolicy,
} from 'cdk-transfer-family';

/**
 * The robustness property (test/support/robustness.ts) of the connector entry points: whatever
 * `new SftpConnector`, `new As2Connector`, their imports and their choice classes are given, they build
 * something the strict schema check accepts, or throw an Error naming a prop, never a TypeError.
 */
jest.setTimeout(120_000);

const RCFG = 'arn:aws:vpc-lattice:eu-west-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0';
const record = ((model: never, constraints?: object) => fc.record(model, { ...constraints, noNullPrototype: true })) as typeof fc.record;

test('SftpConnector', () => {
  assertRobust(oneWrong(record({
    url: fc.constantFrom('sftp://sftp.partner.example.com', 'sftp://10.0.0.1:2222', 'https://x', '', undefined),
    egress: fc.option(fc.constantFrom(
      ConnectorEgress.serviceManaged(),
      ConnectorEgress.vpcLattice({ resourceConfiguration: RCFG }),
      ConnectorEgress.vpcLattice({ resourceConfiguration: 'arn:aws:vpc-lattice:x', port: 0 }),
    ), { nil: undefined }),
    trustedHostKeys: fc.option(fc.array(fc.constantFrom(HOST_KEY, ED25519_HOST_KEY, 'ssh-rsa AAAA'), { maxLength: 3 }), { nil: undefined }),
    maxConcurrentConnections: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
    securityPolicy: fc.option(fc.constantFrom(SftpConnectorSecurityPolicy.SFTP_CONNECTOR_2024_03, SftpConnectorSecurityPolicy.of('x')), { nil: undefined }),
    prefix: fc.constantFrom('outbound', '', 'a/b'),
  })), (stack: Stack, i) => {
    const { bucket, secret } = connectorParts(stack);
    new SftpConnector(stack, 'Connector', {
      url: i.url,
      egress: i.egress,
      userSecret: secret,
      trustedHostKeys: i.trustedHostKeys,
      maxConcurrentConnections: i.maxConcurrentConnections,
      securityPolicy: i.securityPolicy,
      sendFrom: typeof i.prefix === 'string' ? [FileLocation.s3(bucket, i.prefix)] : i.prefix as never,
    });
  });
});

test('ConnectorEgress.vpcLattice', () => {
  const latticeOptions = record({
    resourceConfiguration: fc.constant(RCFG),
    port: fc.option(fc.integer({ min: -1, max: 70000 }), { nil: undefined }),
  });
  assertRobust(fc.oneof(anyValue, oneWrong(latticeOptions)),
    (stack: Stack, options) => {
      const { secret } = connectorParts(stack);
      new SftpConnector(stack, 'Connector', { userSecret: secret, egress: ConnectorEgress.vpcLattice(options as never) });
    });
});

test('As2Connector', () => {
  assertRobust(oneWrong(record({
    url: fc.constantFrom('https://as2.partner.example.com/as2', 'http://x', 'ftp://x'),
    messageSubject: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    compression: fc.option(fc.boolean(), { nil: undefined }),
    encryptionAlgorithm: fc.option(fc.constantFrom(As2EncryptionAlgorithm.AES256_CBC, As2EncryptionAlgorithm.NONE), { nil: undefined }),
    signingAlgorithm: fc.option(fc.constantFrom(As2SigningAlgorithm.SHA256, As2SigningAlgorithm.NONE), { nil: undefined }),
    mdnResponse: fc.option(fc.constantFrom(As2MdnResponse.SYNC, As2MdnResponse.NONE), { nil: undefined }),
  })), (stack: Stack, i) => {
    as2Connector(stack, i as never);
  });
});

test('connector imports', () => {
  assertRobust(fc.tuple(anyValue, fc.boolean()), (stack: Stack, [id, sftp]) => {
    if (sftp) SftpConnector.fromConnectorId(stack, 'Imported', id as never);
    else As2Connector.fromConnectorAttributes(stack, 'Imported', { connectorId: id as never });
  });
});

test('connector event rules', () => {
  const sftpMethods = ['onEvent', 'onFileSendCompleted', 'onFileSendFailed', 'onFileRetrieveCompleted', 'onFileRetrieveFailed',
    'onDirectoryListingCompleted', 'onDirectoryListingFailed'] as const;
  const as2Methods = ['onEvent', 'onPayloadSendCompleted', 'onPayloadSendFailed', 'onMdnReceiveCompleted', 'onMdnReceiveFailed'] as const;
  const options = oneWrong(record({
    eventPattern: fc.option(fc.constantFrom(
      { detail: { 'failure-code': ['CONNECTION_ERROR'] } }, { region: ['eu-west-1'] }, { source: ['aws.s3'] }, { detailType: ['x'] },
      { detail: 'x' }, { source: 'aws.transfer' },
    ), { nil: undefined }),
    ruleName: fc.option(fc.constantFrom('rule', '', 'a rule', 'x'.repeat(65)), { nil: undefined }),
    description: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  }));
  assertRobust(fc.tuple(fc.boolean(), fc.nat(), fc.boolean(), mostly(fc.constant('Rule')), fc.oneof(options, anyValue)),
    (stack: Stack, [sftp, m, imported, id, opts]) => {
      if (sftp) {
        const c = imported ? SftpConnector.fromConnectorId(stack, 'Imported', 'c-0123456789abcdef0') : sftpConnector(stack);
        c[sftpMethods[m % sftpMethods.length]](id as never, opts as never);
      } else {
        const c = imported ? As2Connector.fromConnectorId(stack, 'Imported', 'c-0123456789abcdef0') : as2Connector(stack);
        c[as2Methods[m % as2Methods.length]](id as never, opts as never);
      }
    });
});

test('SftpConnector props themselves', () => {
  assertRobust(anyValue, (stack: Stack, props) => {
    new SftpConnector(stack, 'Connector', props as never);
  });
});
