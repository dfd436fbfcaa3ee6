import { App, RemovalPolicy, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { HostKey, HostKeyAlgorithm, SecurityPolicy, TransferServer } from 'cdk-transfer-family';
import { Construct } from 'constructs';

/** A public SFTP endpoint for partners, with users managed by the service and files landing in S3. */
export class PublicSftpStack extends Stack {
  public readonly server: TransferServer;
  public readonly landing: s3.Bucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.landing = new s3.Bucket(this, 'Landing', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Public endpoint, service-managed users, the current security policy, structured logs:
    // all defaults. The host key stays in Secrets Manager; the template only references it.
    this.server = new TransferServer(this, 'Server', {
      securityPolicy: SecurityPolicy.TRANSFER_2025_03,
      hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('sftp/host-key'), { algorithm: HostKeyAlgorithm.ECDSA })],
      preAuthenticationLoginBanner: 'Authorized partners only. Activity is logged.',
    });
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new PublicSftpStack(app, 'PublicSftp');
}
