import { CfnParameter, CfnResource, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { agreementEstate, as2Server, profiles } from './estate';
import { SELF_SIGNED, SELF_SIGNED_FILE } from './fixtures';
import { newStack } from '../support/stacks';
import {
  As2Agreement, As2Certificate, As2CertificateBody, As2CertificateUsage, As2Profile, FileLocation,
} from 'cdk-transfer-family';

const js = (v: unknown) => v as never;
const synth = (stack: Stack) => Template.fromStack(stack);

describe('As2Certificate', () => {
  test('renders the PEM, the usage, the dates and a dynamic reference for the private key', () => {
    const stack = newStack();
    new As2Certificate(stack, 'Cert', {
      certificate: As2CertificateBody.fromFile(SELF_SIGNED_FILE),
      usage: As2CertificateUsage.SIGNING,
      privateKey: SecretValue.secretsManager('as2/key'),
      activeDate: new Date('2027-01-01T00:00:00Z'),
      inactiveDate: new Date('2028-01-01T00:00:00Z'),
    });
    synth(stack).hasResourceProperties('AWS::Transfer::Certificate', {
      Certificate: SELF_SIGNED,
      Usage: 'SIGNING',
      PrivateKey: '{{resolve:secretsmanager:as2/key:SecretString:::}}',
      ActiveDate: '2027-01-01T00:00:00.000Z',
      InactiveDate: '2028-01-01T00:00:00.000Z',
    });
  });

  test('a description, and tags (`Tags.of`) on the certificate', () => {
    const stack = newStack();
    const cert = new As2Certificate(stack, 'Cert', {
      certificate: As2CertificateBody.fromPem(SELF_SIGNED), usage: As2CertificateUsage.SIGNING, privateKey: SecretValue.secretsManager('as2/key'), description: 'local-signing-2027',
    });
    Tags.of(cert).add('team', 'b2b');
    synth(stack).hasResourceProperties('AWS::Transfer::Certificate', { Description: 'local-signing-2027', Tags: [{ Key: 'team', Value: 'b2b' }] });
  });

  test('a description with spaces fails synthesis (as2/certificate-description)', () => {
    const stack = newStack();
    new As2Certificate(stack, 'Cert', { certificate: As2CertificateBody.fromPem(SELF_SIGNED), usage: As2CertificateUsage.TLS, description: 'partner tls' });
    expect(() => synth(stack)).toThrow(/\[as2\/certificate-description\] `description` "partner tls" holds " "/);
  });

  test('a private key in plain text fails synthesis, naming the prop', () => {
    const stack = newStack();
    new As2Certificate(stack, 'Cert', {
      certificate: As2CertificateBody.fromPem(SELF_SIGNED), usage: As2CertificateUsage.SIGNING, privateKey: SecretValue.unsafePlainText('-----BEGIN PRIVATE KEY-----'),
    });
    expect(() => synth(stack)).toThrow(/\[as2\/private-key-secret\] `privateKey` is plain text/);
  });

  test('metricDaysUntilExpiry: AWS/Transfer DaysUntilExpiry of this certificate, daily minimum', () => {
    const stack = newStack();
    const cert = new As2Certificate(stack, 'Cert', { certificate: As2CertificateBody.fromPem(SELF_SIGNED), usage: As2CertificateUsage.TLS });
    const metric = cert.metricDaysUntilExpiry();
    expect({ ns: metric.namespace, name: metric.metricName, stat: metric.statistic, period: metric.period.toDays() })
      .toEqual({ ns: 'AWS/Transfer', name: 'DaysUntilExpiry', stat: 'Minimum', period: 1 });
    expect(stack.resolve(metric.dimensions)).toEqual({ CertificateId: { 'Fn::GetAtt': [stack.getLogicalId(cert.resource), 'CertificateId'] } });
  });

  test('input checks name the prop', () => {
    const stack = newStack();
    expect(() => new As2Certificate(stack, 'A', js({ certificate: 'pem', usage: 'SIGNING' }))).toThrow(/As2Certificate: `certificate` must be an As2CertificateBody/);
    expect(() => new As2Certificate(stack, 'B', js({ certificate: As2CertificateBody.fromPem(SELF_SIGNED), usage: 'SIGN' }))).toThrow(/`usage` must be one of/);
    expect(() => new As2Certificate(stack, 'C', js({ certificate: As2CertificateBody.fromPem(SELF_SIGNED), usage: 'TLS', privateKey: 'k' }))).toThrow(/`privateKey` must be a SecretValue/);
    expect(() => new As2Certificate(stack, 'D', js({ certificate: As2CertificateBody.fromPem(SELF_SIGNED), usage: 'TLS', activeDate: '2027' }))).toThrow(/`activeDate` must be a valid Date/);
    expect(() => new As2Certificate(stack, 'E', js({ certificate: As2CertificateBody.fromPem(SELF_SIGNED), usage: 'TLS', description: 7 }))).toThrow(/`description` must be a string/);
    expect(() => As2CertificateBody.fromFile('/no/such/file.pem')).toThrow(/`path` "\/no\/such\/file.pem" cannot be read/);
  });
});

describe('As2Profile', () => {
  test('local and partner profiles name their certificates', () => {
    const stack = newStack();
    profiles(stack);
    const t = synth(stack);
    t.hasResourceProperties('AWS::Transfer::Profile', {
      As2Id: 'EXAMPLECORP',
      ProfileType: 'LOCAL',
      CertificateIds: [
        { 'Fn::GetAtt': [stack.getLogicalId(stack.node.findChild('LocalSigning').node.defaultChild as never), 'CertificateId'] },
        { 'Fn::GetAtt': [stack.getLogicalId(stack.node.findChild('LocalEncryption').node.defaultChild as never), 'CertificateId'] },
      ],
    });
    t.hasResourceProperties('AWS::Transfer::Profile', { As2Id: 'PARTNER-AS2', ProfileType: 'PARTNER' });
  });

  test('a profile without certificates has no CertificateIds', () => {
    const stack = newStack();
    As2Profile.partner(stack, 'P', { as2Id: 'P1' });
    expect(Object.values(synth(stack).findResources('AWS::Transfer::Profile')).map((r) => r.Properties)).toEqual([{ As2Id: 'P1', ProfileType: 'PARTNER' }]);
  });

  test('input checks name the prop', () => {
    const stack = newStack();
    expect(() => As2Profile.local(stack, 'A', js({ as2Id: 3 }))).toThrow(/As2Profile: `as2Id` must be a string/);
    expect(() => As2Profile.local(stack, 'B', js({ as2Id: 'x', certificates: ['c'] }))).toThrow(/`certificates\[0\]` must be an IAs2Certificate/);
    expect(() => new As2Profile(stack, 'C', js({ as2Id: 'x', profileType: 'REMOTE' }))).toThrow(/`profileType` must be one of/);
  });
});

describe('As2Agreement', () => {
  test('server.addAgreement: the profiles, the base directory, status, and an access role for the agreements of this server', () => {
    const stack = newStack();
    const { bucket, server } = agreementEstate(stack, { preserveFilename: true, enforceMessageSigning: true });
    const t = synth(stack);
    t.hasResourceProperties('AWS::Transfer::Agreement', {
      BaseDirectory: { 'Fn::Join': ['', ['/', { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) }, '/as2/partner']] },
      Status: 'ACTIVE',
      PreserveFilename: 'ENABLED',
      EnforceMessageSigning: 'ENABLED',
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Principal: { Service: 'transfer.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111111111111' },
            ArnLike: {
              'aws:SourceArn': {
                'Fn::Join': ['', [
                  'arn:', { Ref: 'AWS::Partition' }, ':transfer:eu-west-1:111111111111:agreement/',
                  { 'Fn::GetAtt': [stack.getLogicalId(server.node.defaultChild as CfnResource), 'ServerId'] }, '/*',
                ]],
              },
            },
          },
        }],
      },
    });
  });

  test('tags (`Tags.of`) reach the certificates, profiles and agreements', () => {
    const stack = newStack();
    agreementEstate(stack);
    Tags.of(stack).add('team', 'b2b');
    const t = synth(stack);
    for (const type of ['AWS::Transfer::Certificate', 'AWS::Transfer::Profile', 'AWS::Transfer::Agreement']) {
      const resources = Object.values(t.findResources(type));
      expect(resources.length).toBeGreaterThan(0);
      for (const r of resources) expect(r.Properties.Tags).toEqual([{ Key: 'team', Value: 'b2b' }]);
    }
  });

  test('custom directories', () => {
    const stack = newStack();
    const server = as2Server(stack);
    const { local, partner } = profiles(stack);
    const bucket = s3.Bucket.fromBucketName(stack, 'B', 'as2-bucket');
    new As2Agreement(stack, 'A', {
      server,
      localProfile: local,
      partnerProfile: partner,
      active: false,
      customDirectories: {
        failedFiles: FileLocation.s3(bucket, 'failed'),
        mdnFiles: FileLocation.s3(bucket, 'mdn'),
        payloadFiles: FileLocation.s3(bucket, 'in/'),
        statusFiles: FileLocation.s3(bucket, 'status'),
        temporaryFiles: FileLocation.s3(bucket, 'tmp'),
      },
    });
    synth(stack).hasResourceProperties('AWS::Transfer::Agreement', {
      Status: 'INACTIVE',
      CustomDirectories: {
        FailedFilesDirectory: '/as2-bucket/failed',
        MdnFilesDirectory: '/as2-bucket/mdn',
        PayloadFilesDirectory: '/as2-bucket/in',
        StatusFilesDirectory: '/as2-bucket/status',
        TemporaryFilesDirectory: '/as2-bucket/tmp',
      },
    });
  });

  test('a description: rendered; with spaces or over 200 characters it fails synthesis (as2/agreement-description); a token is not judged', () => {
    const stack = newStack();
    agreementEstate(stack, { description: 'Invoices-from-Partner-Co' });
    synth(stack).hasResourceProperties('AWS::Transfer::Agreement', { Description: 'Invoices-from-Partner-Co' });
    const spaces = newStack('Spaces');
    agreementEstate(spaces, { description: 'Invoices from Partner Co' });
    expect(() => synth(spaces)).toThrow(/\[as2\/agreement-description\] `description` "Invoices from Partner Co" holds " "/);
    const long = newStack('Long');
    agreementEstate(long, { description: 'x'.repeat(201) });
    expect(() => synth(long)).toThrow(/\[as2\/agreement-description\] `description` is 201 characters long/);
    const token = newStack('Token');
    agreementEstate(token, { description: new CfnParameter(token, 'Description').valueAsString });
    expect(() => synth(token)).not.toThrow();
    expect(() => agreementEstate(newStack('Js'), js({ description: 3 }))).toThrow(/As2Agreement: `description` must be a string/);
  });

  test('input checks name the prop', () => {
    const stack = newStack();
    const server = as2Server(stack);
    const { local, partner } = profiles(stack);
    expect(() => server.addAgreement('A', js({ localProfile: local, partnerProfile: partner }))).toThrow(/As2Agreement: `baseDirectory` must be a FileLocation/);
    expect(() => server.addAgreement('B', js({ localProfile: 'p', partnerProfile: partner, baseDirectory: 'x' }))).toThrow(/`localProfile` must be an IAs2Profile/);
    expect(() => server.addAgreement('C', js({ localProfile: local, partnerProfile: partner, baseDirectory: '/b/x' }))).toThrow(/`baseDirectory` must be a FileLocation/);
    expect(() => server.addAgreement('D', js({ localProfile: local, partnerProfile: partner, customDirectories: { failedFiles: 'x' } }))).toThrow(/`customDirectories.failedFiles` must be a FileLocation/);
    expect(() => server.addAgreement('E', js(undefined))).toThrow(/TransferServer.addAgreement\(\): `options` must be an object/);
  });
});
