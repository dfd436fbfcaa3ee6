import { SecretValue, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PARTNER, SELF_SIGNED } from './fixtures';
import {
  As2Agreement, As2AgreementOptions, As2Certificate, As2CertificateBody, As2CertificateUsage, As2Profile, Endpoint, FileLocation, Protocol,
  TransferServer,
} from 'cdk-transfer-family';

/** The secret of the local private key the tests name (a dynamic reference; nothing is read). */
export const LOCAL_KEY = () => SecretValue.secretsManager('as2/local-key');

/** An AS2 server in a VPC of `stack`. */
export function as2Server(stack: Stack, protocols = [Protocol.AS2]): TransferServer {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }] });
  return new TransferServer(stack, 'Server', { protocols, endpoint: Endpoint.vpc({ vpc, internetFacing: true }) });
}

/** Local signing and encryption certificates (with the key's secret) and the partner's signing and encryption ones. */
export function profiles(stack: Stack): { local: As2Profile; partner: As2Profile } {
  const pem = As2CertificateBody.fromPem(SELF_SIGNED);
  const partnerPem = As2CertificateBody.fromPem(PARTNER);
  const local = As2Profile.local(stack, 'Local', {
    as2Id: 'EXAMPLECORP',
    certificates: [
      new As2Certificate(stack, 'LocalSigning', { certificate: pem, usage: As2CertificateUsage.SIGNING, privateKey: LOCAL_KEY() }),
      new As2Certificate(stack, 'LocalEncryption', { certificate: pem, usage: As2CertificateUsage.ENCRYPTION, privateKey: LOCAL_KEY() }),
    ],
  });
  const partner = As2Profile.partner(stack, 'Partner', {
    as2Id: 'PARTNER-AS2',
    certificates: [
      new As2Certificate(stack, 'PartnerSigning', { certificate: partnerPem, usage: As2CertificateUsage.SIGNING }),
      new As2Certificate(stack, 'PartnerEncryption', { certificate: partnerPem, usage: As2CertificateUsage.ENCRYPTION }),
    ],
  });
  return { local, partner };
}

/** A server, its profiles, a KMS-encrypted bucket and an agreement whose base directory is `as2/partner` there. */
export function agreementEstate(stack: Stack, options: Partial<As2AgreementOptions> = {}) {
  const server = as2Server(stack);
  const { local, partner } = profiles(stack);
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const bucket = new s3.Bucket(stack, 'Messages', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true });
  const agreement: As2Agreement = server.addAgreement('Partner', {
    localProfile: local, partnerProfile: partner, baseDirectory: FileLocation.s3(bucket, 'as2/partner'), ...options,
  });
  return { server, local, partner, bucket, key, agreement };
}
