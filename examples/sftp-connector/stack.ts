import { App, Duration, RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { FileLocation, SftpConnector } from 'cdk-transfer-family';

/** The partner's SFTP server and its host key, unless given as context (`-c partnerUrl=... -c partnerHostKey=...`). */
const PARTNER_URL = 'sftp://sftp.partner.example.com';
const PARTNER_HOST_KEY = 'sftp.partner.example.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNvVvQqOlPF/JYI5IP+qyClGWDHFx63GfHReQfmtmYHY0gOD822Upv4A/DVS7LML+CQqiPZSPBDkeE/aN3uRdkk=';

/**
 * An SFTP connector that sends files from `outbound/` of a bucket to a partner's SFTP server and retrieves
 * the partner's files into `inbound/`, and a function that starts those transfers.
 *
 * The partner's credentials live in the secret `PartnerCredentials`: it is made with a generated password
 * for the user `partner-user`; after deploying, put the user name and password (or `PrivateKey`) the
 * partner gave you in it: `aws secretsmanager put-secret-value --secret-id <arn> --secret-string
 * '{"Username":"...","Password":"..."}'`. Pass the partner's URL and `ssh-keyscan` line as context.
 */
export class SftpConnectorStack extends Stack {
  public readonly connector: SftpConnector;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const url: string = this.node.tryGetContext('partnerUrl') ?? PARTNER_URL;
    const hostKey: string = this.node.tryGetContext('partnerHostKey') ?? PARTNER_HOST_KEY;

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const files = new s3.Bucket(this, 'Files', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'files/',
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const credentials = new secretsmanager.Secret(this, 'PartnerCredentials', {
      description: 'The user name and password (or PrivateKey) the SFTP connector signs in to the partner with',
      generateSecretString: { secretStringTemplate: JSON.stringify({ Username: 'partner-user' }), generateStringKey: 'Password' },
    });
    Validations.of(credentials).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The partner issues these credentials; they change when the partner changes them, not on a schedule of ours.',
    });

    this.connector = new SftpConnector(this, 'Connector', {
      url,
      userSecret: credentials,
      trustedHostKeys: [hostKey],
      sendFrom: [FileLocation.s3(files, 'outbound')],
      retrieveTo: [FileLocation.s3(files, 'inbound')],
      maxConcurrentConnections: 2,
    });
    // The files the partner did not get: an EventBridge rule on the default bus; add your target (an SNS
    // topic, a queue, a function) with `addTarget` or `target:`.
    this.connector.onFileSendFailed('SendFailed', { description: 'Files the SFTP connector could not send to the partner' });

    // Starts a transfer: { "send": ["/<bucket>/outbound/a.csv"] } or { "retrieve": ["/remote/a.csv"] }.
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
      environment: { CONNECTOR_ID: this.connector.connectorId, INBOUND: `/${files.bucketName}/inbound` },
      code: lambda.Code.fromInline([
        "const { TransferClient, StartFileTransferCommand } = require('@aws-sdk/client-transfer');",
        'const transfer = new TransferClient({});',
        'exports.handler = async (event) => {',
        '  const input = event.send',
        '    ? { ConnectorId: process.env.CONNECTOR_ID, SendFilePaths: event.send }',
        '    : { ConnectorId: process.env.CONNECTOR_ID, RetrieveFilePaths: event.retrieve, LocalDirectoryPath: process.env.INBOUND };',
        '  const { TransferId } = await transfer.send(new StartFileTransferCommand(input));',
        '  return { transferId: TransferId };',
        '};',
      ].join('\n')),
    });
  }
}

export function build(app: App): void {
  new SftpConnectorStack(app, 'SftpConnector');
}
