import { SecretValue, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { agreementEstate, LOCAL_KEY, profiles } from './estate';
import { CA_SIGNED, PARTNER, SELF_SIGNED, SMALL_KEY } from './fixtures';
import { RuleCase, RuleCases } from '../validation/rule-cases';
import {
  As2Certificate, As2CertificateBody, As2CertificateProps, As2CertificateUsage, As2Profile, FileLocation, TransferServer,
} from 'cdk-transfer-family';

/** A certificate of `stack`: the local signing one, unless `props` say otherwise. */
function certificate(props: Partial<As2CertificateProps> = {}): RuleCase['holds'] {
  return (stack: Stack) => {
    new As2Certificate(stack, 'Cert', {
      certificate: As2CertificateBody.fromPem(SELF_SIGNED), usage: As2CertificateUsage.SIGNING, privateKey: LOCAL_KEY(), ...props,
    });
  };
}

/** The whole estate: a server, both profiles, an agreement. */
const estate: RuleCase['holds'] = (stack) => {
  agreementEstate(stack);
};

/** A case for each rule of the AS2 tables (run by test/validation/rule-cases.test.ts). */
export const AS2_RULE_CASES: RuleCases = {
  'as2/private-key-secret': {
    breaks: certificate({ privateKey: SecretValue.unsafePlainText('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----') }),
    holds: certificate({ privateKey: SecretValue.secretsManager('as2/local-key') }),
  },
  'as2/certificate-text': {
    breaks: certificate({ certificate: As2CertificateBody.fromPem(`${SELF_SIGNED}\u0100`) }),
    holds: certificate({ certificateChain: As2CertificateBody.fromPem(PARTNER) }),
  },
  'as2/certificate-pem': {
    breaks: certificate({ certificate: As2CertificateBody.fromPem('MIIDazCCAlOgAwIBAgIU (base64 without its PEM armour)') }),
    holds: certificate({ certificate: As2CertificateBody.fromPem(SELF_SIGNED) }),
  },
  'as2/certificate-key-length': {
    breaks: certificate({ certificate: As2CertificateBody.fromPem(SMALL_KEY) }),
    holds: certificate(),
  },
  'as2/certificate-dates': {
    breaks: certificate({ activeDate: new Date('2030-01-01T00:00:00Z'), inactiveDate: new Date('2029-01-01T00:00:00Z') }),
    holds: certificate({ activeDate: new Date('2029-01-01T00:00:00Z'), inactiveDate: new Date('2030-01-01T00:00:00Z') }),
  },
  'as2/tls-certificate': {
    breaks: certificate({ usage: As2CertificateUsage.TLS, privateKey: undefined, certificate: As2CertificateBody.fromPem(CA_SIGNED) }),
    holds: certificate({ usage: As2CertificateUsage.TLS, privateKey: undefined, certificate: As2CertificateBody.fromPem(PARTNER) }),
  },
  'as2/certificate-description': {
    breaks: certificate({ description: 'local signing 2027' }),
    holds: certificate({ description: 'local-signing-2027' }),
  },
  'as2/certificate-tags': {
    breaks: (stack) => { certificate()(stack); Tags.of(stack.node.findChild('Cert')).add('aws:team', 'b2b'); },
    holds: (stack) => { certificate()(stack); Tags.of(stack.node.findChild('Cert')).add('team', 'b2b'); },
  },
  'as2/profile-tags': {
    breaks: (stack) => { Tags.of(As2Profile.partner(stack, 'P', { as2Id: 'EXAMPLE-PARTNER' })).add('aws:team', 'b2b'); },
    holds: (stack) => { Tags.of(As2Profile.partner(stack, 'P', { as2Id: 'EXAMPLE-PARTNER' })).add('team', 'b2b'); },
  },
  'as2/agreement-description': {
    breaks: (stack) => { agreementEstate(stack, { description: 'Invoices from Partner Co' }); },
    holds: (stack) => { agreementEstate(stack, { description: 'Invoices-from-Partner-Co_(EDI/X12)' }); },
  },
  'as2/agreement-tags': {
    breaks: (stack) => { Tags.of(agreementEstate(stack).agreement).add('aws:team', 'b2b'); },
    holds: (stack) => { Tags.of(agreementEstate(stack).agreement).add('team', 'b2b'); },
  },
  'as2/as2-id-format': {
    breaks: (stack) => { As2Profile.partner(stack, 'P', { as2Id: 'Example Partner' }); },
    holds: (stack) => { As2Profile.partner(stack, 'P', { as2Id: 'EXAMPLE-PARTNER' }); },
  },
  'as2/local-certificate-private-key': {
    breaks: (stack) => {
      As2Profile.local(stack, 'L', { as2Id: 'EXAMPLECORP', certificates: [certificateOf(stack, As2CertificateUsage.ENCRYPTION, false)] });
    },
    holds: (stack) => {
      As2Profile.local(stack, 'L', { as2Id: 'EXAMPLECORP', certificates: [certificateOf(stack, As2CertificateUsage.ENCRYPTION, true)] });
    },
  },
  'as2/partner-certificate-public': {
    breaks: (stack) => {
      As2Profile.partner(stack, 'P', { as2Id: 'PARTNER', certificates: [certificateOf(stack, As2CertificateUsage.SIGNING, true)] });
    },
    holds: (stack) => {
      As2Profile.partner(stack, 'P', { as2Id: 'PARTNER', certificates: [certificateOf(stack, As2CertificateUsage.SIGNING, false)] });
    },
  },
  'as2/agreement-server-as2': {
    breaks: (stack) => {
      const { local, partner } = profiles(stack);
      new TransferServer(stack, 'Sftp').addAgreement('A', {
        localProfile: local, partnerProfile: partner, baseDirectory: FileLocation.s3(new s3.Bucket(stack, 'B'), 'as2'),
      });
    },
    holds: estate,
  },
  'as2/agreement-directories': {
    breaks: (stack) => {
      const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
        fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
      });
      agreementEstate(stack, { baseDirectory: FileLocation.efs(fileSystem, '/as2') });
    },
    holds: (stack) => {
      const bucket = s3.Bucket.fromBucketName(stack, 'Other', 'as2-messages');
      agreementEstate(stack, {
        baseDirectory: undefined,
        customDirectories: {
          failedFiles: FileLocation.s3(bucket, 'failed'),
          mdnFiles: FileLocation.s3(bucket, 'mdn'),
          payloadFiles: FileLocation.s3(bucket, 'in'),
          statusFiles: FileLocation.s3(bucket, 'status'),
          temporaryFiles: FileLocation.s3(bucket, 'tmp'),
        },
      });
    },
  },
  'as2/agreement-profile-types': {
    breaks: (stack) => {
      agreementEstate(stack, { localProfile: As2Profile.partner(stack, 'NotLocal', { as2Id: 'X' }) });
    },
    holds: estate,
  },
  'as2/agreement-local-encryption': {
    breaks: (stack) => {
      agreementEstate(stack, {
        localProfile: As2Profile.local(stack, 'SigningOnly', { as2Id: 'EXAMPLECORP', certificates: [certificateOf(stack, As2CertificateUsage.SIGNING, true)] }),
      });
    },
    holds: estate,
  },
  'as2/agreement-partner-signing': {
    breaks: (stack) => {
      agreementEstate(stack, {
        enforceMessageSigning: true,
        partnerProfile: As2Profile.partner(stack, 'EncryptionOnly', { as2Id: 'PARTNER', certificates: [certificateOf(stack, As2CertificateUsage.ENCRYPTION, false)] }),
      });
    },
    holds: (stack) => {
      agreementEstate(stack, { enforceMessageSigning: true });
    },
  },
};

/** A certificate of `usage`, with or without its private key (a secret). */
function certificateOf(stack: Stack, usage: As2CertificateUsage, withKey: boolean): As2Certificate {
  return new As2Certificate(stack, `Cert${usage}${withKey}`, {
    certificate: As2CertificateBody.fromPem(withKey ? SELF_SIGNED : PARTNER), usage, privateKey: withKey ? LOCAL_KEY() : undefined,
  });
}

