import { Annotations, App, Duration, RemovalPolicy, SecretValue, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  FileLocation, HomeDirectory, HostKey, HostKeyAlgorithm, SourceFile, TransferServer, Workflow, WorkflowStep,
} from 'cdk-transfer-family';

/**
 * Partners upload over SFTP; every file is archived, tagged, scanned by a Lambda function and then
 * removed from the landing area. A file the scanner rejects (or any failed step) goes to quarantine.
 */
export class PartnerIngestStack extends Stack {
  public readonly server: TransferServer;
  public readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucket = (name: string, encryptionKey?: kms.IKey) => new s3.Bucket(this, name, {
      encryption: encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: `${name.toLowerCase()}/`,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Partners write here; files stay only until the workflow has archived and scanned them.
    const landing = bucket('Landing');
    // The archive keeps every file, encrypted with a key of this account.
    const archive = bucket('Archive', new kms.Key(this, 'ArchiveKey', { enableKeyRotation: true, description: 'Archive of partner uploads' }));
    const quarantine = bucket('Quarantine');

    // The scanner: it reads the archived copy, decides, and reports SUCCESS or FAILURE to the workflow.
    const scannerLogs = new logs.LogGroup(this, 'ScannerLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const scannerRole = new iam.Role(this, 'ScannerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    scannerLogs.grantWrite(scannerRole);
    const archived = archive.arnForObjects('archive/*');
    scannerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [archived] }));
    // The archive is encrypted with its own key: reading an object has S3 decrypt its data key with the
    // reader's permissions, so the scanner may decrypt with the key, through S3 only.
    scannerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [archive.encryptionKey!.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
    }));
    Validations.of(scannerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(archive.node.defaultChild as s3.CfnBucket)}.Arn>/archive/*]`,
      reason: 'The scanner reads the archived copy of each upload; file names are known only when a partner uploads.',
    });
    const scanner = new lambda.Function(this, 'Scanner', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      timeout: Duration.minutes(1),
      role: scannerRole,
      logGroup: scannerLogs,
      code: lambda.Code.fromInline([
        "const { S3Client, HeadObjectCommand } = require('@aws-sdk/client-s3');",
        "const { TransferClient, SendWorkflowStepStateCommand } = require('@aws-sdk/client-transfer');",
        'const s3 = new S3Client({});',
        'const transfer = new TransferClient({});',
        'exports.handler = async (event) => {',
        '  // event: { token, serviceMetadata: { executionDetails, transferDetails }, fileLocation: { bucket, key, ... } }',
        '  const { bucket, key } = event.fileLocation;',
        '  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));',
        '  const clean = head.ContentLength > 0; // put the real scan here',
        '  const { workflowId, executionId } = event.serviceMetadata.executionDetails;',
        '  await transfer.send(new SendWorkflowStepStateCommand({',
        "    WorkflowId: workflowId, ExecutionId: executionId, Token: event.token, Status: clean ? 'SUCCESS' : 'FAILURE',",
        '  }));',
        '};',
      ].join('\n')),
    });

    this.workflow = new Workflow(this, 'Ingest', {
      description: 'Archive tag scan and remove partner uploads',
      steps: [
        // 1. Keep a copy, per partner and day: archive/<user>/<YYYY-MM-DD>/<file>.
        WorkflowStep.copy({ destination: FileLocation.s3(archive, 'archive/${transfer:UserName}/${transfer:UploadDate}/'), overwriteExisting: true }),
        // 2. Tag the archived copy (the "previous" file is the copy).
        WorkflowStep.tag({ tags: { stage: 'received' } }),
        // 3. Scan it; the scanner may report for this workflow (the workflow grants it).
        WorkflowStep.custom({ function: scanner, timeout: Duration.minutes(5) }),
        // 4. Remove the upload from the landing area.
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
      // Any failure, a rejected scan included: move the upload to quarantine.
      onException: [
        WorkflowStep.copy({ destination: FileLocation.s3(quarantine, 'failed/${transfer:UserName}/'), source: SourceFile.ORIGINAL, overwriteExisting: true }),
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
    });

    this.server = new TransferServer(this, 'Server', {
      hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('sftp/partner-ingest-host-key'), { algorithm: HostKeyAlgorithm.ECDSA })],
      preAuthenticationLoginBanner: 'Authorized partners only. Uploads are scanned and archived.',
      onUpload: this.workflow,
    });
    Annotations.of(this.server).acknowledgeWarning('cdk-transfer-family:server/public-endpoint',
      'Partners upload from addresses not known in advance; each authenticates with its own SSH key and every upload is scanned.');
    // Each partner sees only its own folder; the workflow may act on files there (and nowhere else).
    this.server.addUser('Acme', {
      userName: 'acme',
      homeDirectory: HomeDirectory.chroot(landing, 'partners/acme'),
      sshPublicKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHXP7ncX3x4v0dLSQ0mC6yW2s0cQ3fYVqJ3c4P1T4dRk acme@ops'],
    });
    this.server.addUser('Globex', {
      userName: 'globex',
      homeDirectory: HomeDirectory.chroot(landing, 'partners/globex'),
      sshPublicKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKq0cWm9Yb3Jp0J7v0Xb1f1T8s6V2kQ8nJm5Q4r3Lw2x globex@sftp'],
    });
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new PartnerIngestStack(app, 'PartnerIngest');
}
