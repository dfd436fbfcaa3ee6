import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { as2Server, profiles } from './estate';
import { PARTNER } from './fixtures';
import { checkConformance } from '../conformance/harness';
import { ENV } from '../support/stacks';
import { As2Certificate, As2CertificateBody, As2CertificateUsage, As2Profile, FileLocation } from 'cdk-transfer-family';

jest.setTimeout(120_000);

/**
 * What the example does not show, through the strict schema check, cdk-nag and TransferFamilyChecks: dates,
 * a TLS certificate, custom directories, an inactive agreement, imported profiles.
 */
test('certificates with dates, custom directories, imported profiles: clean', () => {
  const result = checkConformance({
    name: 'as2-variants',
    build: (app) => {
      const stack = new Stack(app, 'As2Variants', { env: ENV });
      const server = as2Server(stack);
      const { local, partner } = profiles(stack);
      partner.addCertificate(new As2Certificate(stack, 'Next', {
        certificate: As2CertificateBody.fromPem(PARTNER),
        usage: As2CertificateUsage.SIGNING,
        activeDate: new Date('2030-01-01T00:00:00Z'),
        inactiveDate: new Date('2031-01-01T00:00:00Z'),
      }));
      new As2Certificate(stack, 'Tls', { certificate: As2CertificateBody.fromPem(PARTNER), usage: As2CertificateUsage.TLS });
      const bucket = new s3.Bucket(stack, 'Messages', { enforceSSL: true, serverAccessLogsPrefix: 'logs/' });
      server.addAgreement('Custom', {
        localProfile: local,
        partnerProfile: partner,
        active: false,
        preserveFilename: false,
        enforceMessageSigning: false,
        customDirectories: {
          failedFiles: FileLocation.s3(bucket, 'as2/failed'),
          mdnFiles: FileLocation.s3(bucket, 'as2/mdn'),
          payloadFiles: FileLocation.s3(bucket, 'as2/in'),
          statusFiles: FileLocation.s3(bucket, 'as2/status'),
          temporaryFiles: FileLocation.s3(bucket, 'as2/tmp'),
        },
      });
      server.addAgreement('Imported', {
        localProfile: As2Profile.fromProfileAttributes(stack, 'ImportedLocal', { profileId: 'p-0123456789abcdef0' }),
        partnerProfile: As2Profile.fromProfileAttributes(stack, 'ImportedPartner', { profileId: 'p-0123456789abcdef1' }),
        baseDirectory: FileLocation.s3(bucket, 'as2/imported'),
      });
    },
  });
  // The test VPC has no flow log (the examples' do): that finding is not the AS2 constructs'.
  const nagErrors = result.nagErrors.filter((e) => !e.startsWith('error AwsSolutions-VPC7 at As2Variants/Vpc/'));
  expect({ synthErrors: result.synthErrors, schemaFindings: result.schemaFindings, nagErrors })
    .toEqual({ synthErrors: [], schemaFindings: [], nagErrors: [] });
});
