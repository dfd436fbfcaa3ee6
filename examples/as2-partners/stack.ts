import { join } from 'path';
import { App, Duration, RemovalPolicy, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  As2Certificate, As2CertificateBody, As2CertificateUsage, As2Connector, As2EncryptionAlgorithm, As2MdnResponse, As2MdnSigningAlgorithm,
  As2Profile, As2SigningAlgorithm, Endpoint, FileLocation, Protocol, SecurityPolicy, TransferServer,
} from 'cdk-transfer-family';

/** The partner's AS2 endpoint the connector sends to, unless given as context (`-c partnerAs2Url=https://...`). */
const PARTNER_AS2_URL = 'https://as2.partner.example.com/as2';

/** The example certificates (self-signed, made with `openssl req -x509`): replace them with yours and your partner's. */
const certificate = (name: string) => As2CertificateBody.fromFile(join(__dirname, 'certificates', `${name}.pem`));

/**
 * An AS2 server that receives signed and encrypted messages from one trading partner and answers with
 * signed MDNs (receipts), storing each message in S3; and an AS2 connector that sends the files put under
 * `as2/outbound/` to the partner, signed and encrypted, asking for a signed MDN, when a function starts it.
 *
 * Before deploying, store your private key (the one of `certificates/local.pem`) in Secrets Manager:
 * `aws secretsmanager create-secret --name as2-partners/local-private-key --secret-string file://local-key.pem`.
 * The template holds a dynamic reference to it, never the key.
 */
export class As2PartnersStack extends Stack {
  public readonly server: TransferServer;
  public readonly connector: As2Connector;

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

    // Outbound: files under as2/outbound/ go to the partner, signed with your signing certificate and
    // encrypted with the partner's encryption certificate; the partner answers with a signed MDN at once.
    // Transfer Family writes the MDN and a JSON status file beside each file sent.
    this.connector = new As2Connector(this, 'PartnerConnector', {
      url: this.node.tryGetContext('partnerAs2Url') ?? PARTNER_AS2_URL,
      localProfile: local,
      partnerProfile: partner,
      sendFrom: [FileLocation.s3(messages, 'as2/outbound')],
      messageSubject: 'Invoices from EXAMPLECORP',
      encryptionAlgorithm: As2EncryptionAlgorithm.AES256_CBC,
      signingAlgorithm: As2SigningAlgorithm.SHA256,
      mdnResponse: As2MdnResponse.SYNC,
      mdnSigningAlgorithm: As2MdnSigningAlgorithm.SHA256,
    });

    // Sends files: { "send": ["/<bucket>/as2/outbound/invoice.edi"] }.
    const senderLogs = new logs.LogGroup(this, 'SenderLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const senderRole = new iam.Role(this, 'SenderRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    senderLogs.grantWrite(senderRole);
    this.connector.grantStartFileTransfer(senderRole);
    new lambda.Function(this, 'Sender', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      timeout: Duration.seconds(30),
      role: senderRole,
      logGroup: senderLogs,
      environment: { CONNECTOR_ID: this.connector.connectorId },
      code: lambda.Code.fromInline([
        "const { TransferClient, StartFileTransferCommand } = require('@aws-sdk/client-transfer');",
        'const transfer = new TransferClient({});',
        'exports.handler = async (event) => {',
        '  const { TransferId } = await transfer.send(new StartFileTransferCommand({ ConnectorId: process.env.CONNECTOR_ID, SendFilePaths: event.send }));',
        '  return { transferId: TransferId };',
        '};',
      ].join('\n')),
    });
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new As2PartnersStack(app, 'As2Partners');
}
