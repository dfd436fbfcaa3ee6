import { CfnParameter, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { CfnConnector } from 'aws-cdk-lib/aws-transfer';
import { as2Connector, connectorParts, HOST_KEY, sftpConnector } from './estate';
import { CONNECTOR_RULES, connectorSubject } from '../../src/connector/connector-rules';
import { LOCAL_KEY } from '../as2/estate';
import { PARTNER, SELF_SIGNED } from '../as2/fixtures';
import { newStack } from '../support/stacks';
import { synthError, warningsOf } from '../support/synth';
import {
  As2Certificate, As2CertificateBody, As2CertificateUsage, As2Connector, As2EncryptionAlgorithm, As2MdnResponse, As2MdnSigningAlgorithm, As2Profile,
  As2ProfileType, As2SigningAlgorithm, ConnectorEgress, FileLocation, IpAddressType, SftpConnector, SftpConnectorSecurityPolicy,
} from 'cdk-transfer-family';

describe('SftpConnector', () => {
  test('renders the URL, the secret, the host keys, the newest security policy and both roles', () => {
    const stack = newStack();
    const c = sftpConnector(stack, { maxConcurrentConnections: 3, ipAddressType: IpAddressType.DUALSTACK });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Connector', {
      Url: 'sftp://sftp.partner.example.com',
      SecurityPolicyName: 'TransferSFTPConnectorSecurityPolicy-2024-03',
      IpAddressType: 'DUALSTACK',
      AccessRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConnectorAccessRole'), 'Arn'] },
      LoggingRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConnectorLoggingRole'), 'Arn'] },
      SftpConfig: { UserSecretId: { Ref: Match.stringLikeRegexp('^PartnerSecret') }, TrustedHostKeys: [HOST_KEY], MaxConcurrentConnections: 3 },
    });
    expect(c.securityPolicy).toBe(SftpConnectorSecurityPolicy.SFTP_CONNECTOR_2024_03);
    expect(stack.resolve(c.connectorId)).toEqual(stack.resolve(c.resource.attrConnectorId));
    expect(stack.resolve(c.connectorRef))
      .toEqual({ connectorId: stack.resolve(c.resource.attrConnectorId), connectorArn: stack.resolve(c.resource.attrArn) });
  });

  test('the access role reads the send-from prefix, writes the retrieve-to prefix and reads the secret; roles trust connectors of this account', () => {
    const stack = newStack();
    sftpConnector(stack);
    const t = Template.fromStack(stack);
    const statements = Object.values(t.findResources('AWS::IAM::Policy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement.map((s: any) => stack.resolve(s)));
    const json = JSON.stringify(statements);
    expect(json).toContain('"Action":["s3:GetObject","s3:GetObjectVersion"]');
    expect(json).toContain('/outbound/*');
    expect(json).toContain('"Action":"s3:PutObject"');
    expect(json).toContain('/inbound/*');
    expect(json).toContain('"Action":"secretsmanager:GetSecretValue"');
    expect(json).not.toContain('s3:DeleteObject');
    expect(json).not.toContain('s3:ListBucket');
    t.resourcePropertiesCountIs('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'transfer.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111111111111' },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:eu-west-1:111111111111:connector/*']] } },
          },
        }],
      },
    }, 2);
  });

  test('the logging role writes only the connector\'s log group', () => {
    const stack = newStack();
    sftpConnector(stack);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^ConnectorLoggingRole'),
      PolicyDocument: {
        Statement: [{
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: [
            { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':log-group:/aws/transfer/$'), { 'Fn::GetAtt': [Match.anyValue(), 'ConnectorId'] }])] },
            { 'Fn::Join': ['', Match.arrayWith([':log-stream:*'])] },
          ],
        }],
      },
    });
  });

  test('a KMS-encrypted bucket and secret: the keys through S3 and Secrets Manager', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Encrypted', { encryptionKey: key, enforceSSL: true });
    const secret = new secretsmanager.Secret(stack, 'Encrypted Secret', { encryptionKey: key });
    sftpConnector(stack, { userSecret: secret, sendFrom: [FileLocation.s3(bucket, 'out')], retrieveTo: [] });
    const json = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(json).toContain('"kms:ViaService":"s3.eu-west-1.amazonaws.com"');
    expect(json).toContain('"kms:ViaService":"secretsmanager.eu-west-1.amazonaws.com"');
  });

  test('a role of yours is used and granted, no role is made for access', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    const c = sftpConnector(stack, { accessRole: role });
    expect(c.accessRole).toBe(role);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 2);
  });

  test('grants: StartFileTransfer and the remote operations on this connector only; imports have them', () => {
    const stack = newStack();
    const c = sftpConnector(stack);
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    c.grantStartFileTransfer(caller);
    c.grantStartDirectoryListing(caller);
    c.grantStartRemoteMove(caller);
    c.grantStartRemoteDelete(caller);
    c.grantListFileTransferResults(caller);
    c.grantTestConnection(caller);
    const imported = SftpConnector.fromConnectorId(stack, 'Imported', 'c-0123456789abcdef0');
    imported.grantStartFileTransfer(caller);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^CallerDefaultPolicy'),
      PolicyDocument: {
        Statement: [
          { Action: 'transfer:StartFileTransfer', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Connector'), 'Arn'] } },
          { Action: 'transfer:StartDirectoryListing', Effect: 'Allow', Resource: Match.anyValue() },
          { Action: 'transfer:StartRemoteMove', Effect: 'Allow', Resource: Match.anyValue() },
          { Action: 'transfer:StartRemoteDelete', Effect: 'Allow', Resource: Match.anyValue() },
          { Action: 'transfer:ListFileTransferResults', Effect: 'Allow', Resource: Match.anyValue() },
          { Action: 'transfer:TestConnection', Effect: 'Allow', Resource: Match.anyValue() },
          {
            Action: 'transfer:StartFileTransfer',
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:eu-west-1:111111111111:connector/c-0123456789abcdef0']] },
          },
        ],
      },
    });
  });

  test('imports check the id', () => {
    const stack = newStack();
    expect(() => SftpConnector.fromConnectorId(stack, 'Bad', 's-0123456789abcdef0'))
      .toThrow('SftpConnector.fromConnectorId(): `connectorId` must be a connector id');
    expect(() => As2Connector.fromConnectorAttributes(stack, 'Bad', { connectorId: 'c-1' }))
      .toThrow('As2Connector.fromConnectorAttributes(): `attrs.connectorId` must be a connector id');
  });

  test('input checks name the prop', () => {
    const stack = newStack();
    const { secret } = connectorParts(stack);
    const js = (v: unknown) => v as never;
    expect(() => new SftpConnector(stack, 'A', js({ url: 1, userSecret: secret }))).toThrow('SftpConnector: `url` must be a string, got the number 1.');
    expect(() => new SftpConnector(stack, 'B', js({ url: 'sftp://x', userSecret: 'arn' }))).toThrow('SftpConnector: `userSecret` must be a secretsmanager.ISecret');
    expect(() => sftpConnector(stack, { sendFrom: js(['bucket/outbound']) }, 'C')).toThrow('SftpConnector: `sendFrom[0]` must be a FileLocation of S3');
    expect(() => sftpConnector(stack, { retrieveTo: [FileLocation.s3(connectorParts(stack).bucket, 'in/*')] }, 'D'))
      .toThrow('SftpConnector: `retrieveTo[0]` must be a location whose key has no `*`');
  });

  test('trusted host keys from a list parameter: rendered as the list, not judged; none at all warns', () => {
    const stack = newStack();
    const keys = new CfnParameter(stack, 'HostKeys', { type: 'CommaDelimitedList' }).valueAsList;
    sftpConnector(stack, { trustedHostKeys: keys });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Connector', { SftpConfig: { TrustedHostKeys: { Ref: 'HostKeys' } } });
    const warned = (s: Stack) => Annotations.fromStack(s).findWarning('*', Match.stringLikeRegexp('connector/sftp-trusted-host-keys'));
    expect(warned(stack)).toEqual([]);
    const none = newStack();
    sftpConnector(none, { trustedHostKeys: undefined });
    expect(warned(none)).toHaveLength(1);
  });

  test('tags reach the connector', () => {
    const stack = newStack();
    const c = sftpConnector(stack);
    Tags.of(c).add('team', 'b2b');
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Connector', { Tags: [{ Key: 'team', Value: 'b2b' }] });
  });
});

describe('As2Connector', () => {
  test('renders the profiles and the algorithms, secure by default', () => {
    const stack = newStack();
    as2Connector(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Connector', {
      Url: 'https://as2.partner.example.com/as2',
      SecurityPolicyName: Match.absent(),
      As2Config: {
        LocalProfileId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Local'), 'ProfileId'] },
        PartnerProfileId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Partner'), 'ProfileId'] },
        Compression: 'DISABLED',
        EncryptionAlgorithm: 'AES256_CBC',
        SigningAlgorithm: 'SHA256',
        MdnResponse: 'SYNC',
        MdnSigningAlgorithm: Match.absent(),
      },
    });
  });

  test('every option, and the Basic authentication secret the access role reads', () => {
    const stack = newStack();
    const { secret } = connectorParts(stack);
    as2Connector(stack, {
      messageSubject: 'Invoices',
      compression: true,
      encryptionAlgorithm: As2EncryptionAlgorithm.AES128_CBC,
      signingAlgorithm: As2SigningAlgorithm.SHA512,
      mdnSigningAlgorithm: As2MdnSigningAlgorithm.SHA384,
      mdnResponse: As2MdnResponse.SYNC,
      preserveContentType: true,
      basicAuthSecret: secret,
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Connector', {
      As2Config: Match.objectLike({
        MessageSubject: 'Invoices',
        Compression: 'ZLIB',
        EncryptionAlgorithm: 'AES128_CBC',
        SigningAlgorithm: 'SHA512',
        MdnSigningAlgorithm: 'SHA384',
        PreserveContentType: 'ENABLED',
        BasicAuthSecretId: { Ref: Match.stringLikeRegexp('^PartnerSecret') },
      }),
    });
    const json = JSON.stringify(t.toJSON());
    expect(json).toContain('"Action":"secretsmanager:GetSecretValue"');
    expect(json).toContain('"Action":["s3:GetObject","s3:GetObjectVersion"]');
    expect(json).toContain('/as2/outbound/*');
  });

  test('algorithms by name pass; non-choices are refused', () => {
    const stack = newStack();
    const js = (v: unknown) => v as never;
    expect(() => as2Connector(stack, { encryptionAlgorithm: js('AES256_CBC') })).toThrow('As2Connector: `encryptionAlgorithm` must be an object, got the string "AES256_CBC".');
    const other = newStack('Other');
    as2Connector(other, { signingAlgorithm: As2SigningAlgorithm.of('SHA384') });
    expect(synthError(other)).toBe('');
  });
});

describe('As2Connector certificates (connector/as2-profile-certificates)', () => {
  const cert = (stack: Stack, id: string, usage: As2CertificateUsage, local = false) => new As2Certificate(stack, id, {
    certificate: As2CertificateBody.fromPem(local ? SELF_SIGNED : PARTNER),
    usage,
    privateKey: local ? LOCAL_KEY() : undefined,
  });
  const findings = (stack: Stack) => warningsOf(stack).filter((w) => w.includes('[connector/as2-profile-certificates]'));

  test('signing without a local SIGNING certificate, encrypting and a signed MDN without the partner\'s certificates warn', () => {
    const stack = newStack();
    const local = As2Profile.local(stack, 'Local', { as2Id: 'EXAMPLECORP', certificates: [cert(stack, 'LocalEncryption', As2CertificateUsage.ENCRYPTION, true)] });
    const partner = As2Profile.partner(stack, 'Partner', { as2Id: 'PARTNER-AS2', certificates: [cert(stack, 'PartnerTls', As2CertificateUsage.TLS)] });
    as2Connector(stack, { localProfile: local, partnerProfile: partner, mdnSigningAlgorithm: As2MdnSigningAlgorithm.SHA256 });
    const found = findings(stack).join('\n');
    expect(found).toContain('signs with SHA256 but the local profile has no SIGNING certificate');
    expect(found).toContain('encrypts with AES256_CBC but the partner profile has no ENCRYPTION certificate');
    expect(found).toContain('MDN signed with SHA256 but the partner profile has no SIGNING certificate');
    expect(synthError(stack)).toBe('');
  });

  test('nothing signed, encrypted or asked for: the certificates are not needed', () => {
    const stack = newStack();
    const local = As2Profile.local(stack, 'Local', { as2Id: 'EXAMPLECORP', certificates: [cert(stack, 'LocalEncryption', As2CertificateUsage.ENCRYPTION, true)] });
    const partner = As2Profile.partner(stack, 'Partner', { as2Id: 'PARTNER-AS2', certificates: [cert(stack, 'PartnerTls', As2CertificateUsage.TLS)] });
    as2Connector(stack, {
      localProfile: local,
      partnerProfile: partner,
      signingAlgorithm: As2SigningAlgorithm.NONE,
      encryptionAlgorithm: As2EncryptionAlgorithm.NONE,
      mdnResponse: As2MdnResponse.SYNC,
    });
    expect(findings(stack)).toEqual([]);
  });

  test('the test profiles (both usages each) and imported profiles or certificates of unknown usage are not reported', () => {
    const stack = newStack();
    as2Connector(stack, { mdnSigningAlgorithm: As2MdnSigningAlgorithm.SHA512 });
    expect(findings(stack)).toEqual([]);
    const imported = newStack('Imported');
    as2Connector(imported, {
      localProfile: As2Profile.fromProfileAttributes(imported, 'L', { profileId: 'p-0123456789abcdef0', profileType: As2ProfileType.LOCAL }),
      partnerProfile: As2Profile.partner(imported, 'UnknownCerts', {
        as2Id: 'PARTNER-AS2',
        certificates: [As2Certificate.fromCertificateAttributes(imported, 'Unknown', { certificateId: 'c-0123456789abcdef0' })],
      }),
    });
    expect(findings(imported)).toEqual([]);
  });
});

test('the connector rules judge an L1 connector too', () => {
  const stack: Stack = newStack();
  const cfn = new CfnConnector(stack, 'L1', { accessRole: 'arn:aws:iam::111111111111:role/x', url: 'ftp://x', sftpConfig: { userSecretId: 'arn' } });
  const ids = CONNECTOR_RULES.evaluate(connectorSubject(cfn)).errors.map((e) => e.id);
  expect(ids).toEqual(['connector/sftp-url']);
});

describe('SftpConnector egress', () => {
  const RCFG = 'arn:aws:vpc-lattice:eu-west-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0';
  const BARE_KEY = HOST_KEY.split(' ').slice(1).join(' ');

  test('VPC Lattice: EgressType, EgressConfig with the resource configuration and port, no Url', () => {
    const stack = newStack();
    const egress = ConnectorEgress.vpcLattice({ resourceConfiguration: RCFG, port: 2222 });
    const c = sftpConnector(stack, { url: undefined, trustedHostKeys: [BARE_KEY], egress });
    expect(synthError(stack)).toBe('');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Connector', {
      Url: Match.absent(),
      EgressType: 'VPC_LATTICE',
      EgressConfig: { VpcLattice: { ResourceConfigurationArn: RCFG, PortNumber: 2222 } },
    });
    expect(c.egress?.egressType).toBe('VPC_LATTICE');
  });

  test('service-managed: EgressType SERVICE_MANAGED, the Url, no EgressConfig; no egress renders nothing', () => {
    const stack = newStack();
    sftpConnector(stack, { egress: ConnectorEgress.serviceManaged() });
    sftpConnector(stack, {}, 'Default');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::Connector', { EgressType: 'SERVICE_MANAGED', EgressConfig: Match.absent(), Url: 'sftp://sftp.partner.example.com' });
    t.hasResourceProperties('AWS::Transfer::Connector', { EgressType: Match.absent(), EgressConfig: Match.absent(), Url: 'sftp://sftp.partner.example.com' });
  });

  test('a token resource configuration ARN and port are never judged', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'Rcfg').valueAsString;
    const port = new CfnParameter(stack, 'Port', { type: 'Number' }).valueAsNumber;
    sftpConnector(stack, { url: undefined, trustedHostKeys: [BARE_KEY], egress: ConnectorEgress.vpcLattice({ resourceConfiguration: arn, port }) });
    expect(synthError(stack)).toBe('');
  });

  test('url: required with service-managed egress, refused with VPC Lattice', () => {
    const stack = newStack();
    expect(() => sftpConnector(stack, { url: undefined }, 'A')).toThrow(/SftpConnector: `url` must be/);
    expect(() => sftpConnector(stack, { url: undefined, egress: ConnectorEgress.serviceManaged() }, 'B')).toThrow(/`url` must be/);
    expect(() => sftpConnector(stack, { egress: ConnectorEgress.vpcLattice({ resourceConfiguration: RCFG }) }, 'C'))
      .toThrow(/SftpConnector: `url` must be absent with `egress: ConnectorEgress.vpcLattice\(\)`/);
  });

  test('ConnectorEgress.vpcLattice() checks its input', () => {
    expect(() => ConnectorEgress.vpcLattice(undefined as never)).toThrow(/ConnectorEgress.vpcLattice\(\): `options` must be/);
    expect(() => ConnectorEgress.vpcLattice({ resourceConfiguration: 3 as never })).toThrow(/`resourceConfiguration` must be/);
    expect(() => ConnectorEgress.vpcLattice({ resourceConfiguration: RCFG, port: '22' as never })).toThrow(/`port` must be/);
    expect(() => sftpConnector(newStack(), { egress: {} as never })).toThrow(/SftpConnector: `egress.egressType` must be/);
  });

  test.each([
    ['a malformed ARN', { resourceConfiguration: 'arn:aws:vpc-lattice:eu-west-1:111111111111:resourcegateway/rgw-0123456789abcdef0' }, /connector\/egress-vpc-lattice/],
    ['port 0', { resourceConfiguration: RCFG, port: 0 }, /the port is 0/],
    ['port 70000', { resourceConfiguration: RCFG, port: 70000 }, /the port is 70000/],
  ])('the rule connector/egress-vpc-lattice reports %s', (_name, options, message) => {
    const stack = newStack();
    sftpConnector(stack, { url: undefined, trustedHostKeys: [BARE_KEY], egress: ConnectorEgress.vpcLattice(options) });
    expect(synthError(stack)).toMatch(message);
  });

  test('with VPC Lattice, a host key with its host name is reported (connector/sftp-vpc-lattice-host-keys)', () => {
    const stack = newStack();
    sftpConnector(stack, { url: undefined, trustedHostKeys: [HOST_KEY], egress: ConnectorEgress.vpcLattice({ resourceConfiguration: RCFG }) });
    expect(synthError(stack)).toMatch(/\[connector\/sftp-vpc-lattice-host-keys\].*sftp\.partner\.example\.com/s);
  });

  test('an L1 connector: VPC Lattice on AS2, a config without a type and a URL with VPC Lattice are reported', () => {
    const stack = newStack();
    const as2 = as2Connector(stack);
    as2.resource.egressType = 'VPC_LATTICE';
    as2.resource.egressConfig = { vpcLattice: { resourceConfigurationArn: RCFG } };
    const s = connectorSubject(as2.resource);
    const found = CONNECTOR_RULES.rules.flatMap((r) => {
      const out = r.check(s);
      return out === undefined ? [] : (Array.isArray(out) ? out : [out]).map((m) => `${r.id}: ${m}`);
    });
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^connector\/egress-vpc-lattice: the AS2 connector has VPC Lattice egress/),
      expect.stringMatching(/^connector\/egress-url: the connector has VPC Lattice egress and a `url`/),
    ]));
    const sftp = sftpConnector(stack);
    sftp.resource.egressConfig = { vpcLattice: { resourceConfigurationArn: RCFG } };
    expect(CONNECTOR_RULES.rules.find((r) => r.id === 'connector/egress-vpc-lattice')!.check(connectorSubject(sftp.resource)))
      .toEqual(['there is an `EgressConfig` but no egress type (VPC_LATTICE)']);
  });
});
