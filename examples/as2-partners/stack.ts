import { join } from 'path';
import { App, RemovalPolicy, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  As2Certificate, As2CertificateBody, As2CertificateUsage, As2Profile, Endpoint, FileLocation, Protocol, SecurityPolicy, TransferServer,
} from 'cdk-transfer-family';

/** The example certificates (self-signed, made with `openssl req -x509`): replace them with yours and your partner's. */
const certificate = (name: string) => As2CertificateBody.fromFile(join(__dirname, 'certificates', `${name}.pem`));

/**
 * An AS2 server that receives signed and encrypted messages from one trading partner and answers with
 * signed MDNs (receipts), storing each message in S3.
 *
 * Before deploying, store your private key (the one of `certificates/local.pem`) in Secrets Manager:
 * `aws secretsmanager create-secret --name as2-partners/local-private-key --secret-string file://local-key.pem`.
 * The template holds a dynamic reference to it, never the key.
 */
export class As2PartnersStack extends Stack {
  public readonly server: TransferServer;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
      flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
    });
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const messages = new s3.Bucket(this, 'Messages', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.server = new TransferServer(this, 'Server', {
      protocols: [Protocol.AS2],
      endpoint: Endpoint.vpc({ vpc, internetFacing: true }),
      securityPolicy: SecurityPolicy.AS2_RESTRICTED_2025_07,
    });
    // The partner's AS2 messages arrive over HTTP on port 5080, from its published addresses.
    this.server.connections.allowDefaultPortFrom(ec2.Peer.ipv4('198.51.100.0/24'), 'Trading partner');

    // Yours: the partner encrypts with your encryption certificate, and your signing certificate signs the MDNs.
    const privateKey = SecretValue.secretsManager('as2-partners/local-private-key');
    const local = As2Profile.local(this, 'Local', {
      as2Id: 'EXAMPLECORP',
      certificates: [
        new As2Certificate(this, 'LocalSigning', { certificate: certificate('local'), usage: As2CertificateUsage.SIGNING, privateKey }),
        new As2Certificate(this, 'LocalEncryption', { certificate: certificate('local'), usage: As2CertificateUsage.ENCRYPTION, privateKey }),
      ],
    });
    // The partner's public certificates: its signatures are verified with the signing one.
    const partner = As2Profile.partner(this, 'Partner', {
      as2Id: 'EXAMPLEPARTNER',
      certificates: [
        new As2Certificate(this, 'PartnerSigning', { certificate: certificate('partner'), usage: As2CertificateUsage.SIGNING }),
        new As2Certificate(this, 'PartnerEncryption', { certificate: certificate('partner'), usage: As2CertificateUsage.ENCRYPTION }),
      ],
    });

    // Messages land under as2/example-partner/ (payloads there, MDNs, status and failed files in folders below).
    this.server.addAgreement('PartnerAgreement', {
      localProfile: local,
      partnerProfile: partner,
      baseDirectory: FileLocation.s3(messages, 'as2/example-partner'),
      enforceMessageSigning: true,
      preserveFilename: true,
    });
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new As2PartnersStack(app, 'As2Partners');
}
