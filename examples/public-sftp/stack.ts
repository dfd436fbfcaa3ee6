import { Annotations, App, RemovalPolicy, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
// quick-start:begin
import { HomeDirectory, HostKey, HostKeyAlgorithm, SecurityPolicy, TransferServer } from 'cdk-transfer-family';
// quick-start:end

// Public keys of the partners (OpenSSH `.pub` lines; example keys, replace them with yours).
const ACME_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHXP7ncX3x4v0dLSQ0mC6yW2s0cQ3fYVqJ3c4P1T4dRk acme@ops';
const ACME_BACKUP_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBjTzGv2y1nq0mYhY6Vh0xPpR6v3jHn0cS8Qm3b3w5rT acme@backup';
const GLOBEX_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKq0cWm9Yb3Jp0J7v0Xb1f1T8s6V2kQ8nJm5Q4r3Lw2x globex@sftp';
const AUDITOR_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGd3m1hQy2Wc7r0pV5bX8nK4s2J9fT6qL1zY0aE3uR5w auditor@corp';

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

    // quick-start:begin
    // Public endpoint, service-managed users, the current security policy, structured logs:
    // all defaults. The host key stays in Secrets Manager; the template only references it.
    this.server = new TransferServer(this, 'Server', {
      securityPolicy: SecurityPolicy.TRANSFER_2025_03,
      hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('sftp/host-key'), { algorithm: HostKeyAlgorithm.ECDSA })],
      preAuthenticationLoginBanner: 'Authorized partners only. Activity is logged.',
    });
    // A public endpoint cannot filter by source address; to admit only known addresses, use
    // `Endpoint.vpc({ vpc, internetFacing: true })` and `server.connections.allowFrom(...)`.
    Annotations.of(this.server).acknowledgeWarning('cdk-transfer-family:server/public-endpoint',
      'Partners connect from addresses not known in advance; each authenticates with its own SSH key.');

    // Each partner sees only its own folder as `/`. All partners share one role; a session
    // policy narrows each of them to its own home.
    const acme = this.server.addUser('Acme', {
      userName: 'acme',
      homeDirectory: HomeDirectory.chroot(this.landing, 'partners/acme'),
      sshPublicKeys: [ACME_KEY],
    });
    acme.addSshPublicKey(ACME_BACKUP_KEY);
    this.server.addUser('Globex', {
      userName: 'globex',
      homeDirectory: HomeDirectory.chroot(this.landing, 'partners/globex'),
      sshPublicKeys: [GLOBEX_KEY],
    });
    // An auditor can read every partner's folder but change nothing.
    this.server.addUser('Auditor', {
      userName: 'auditor',
      homeDirectory: HomeDirectory.chroot(this.landing, 'partners'),
      readOnly: true,
      sshPublicKeys: [AUDITOR_KEY],
    });
    // quick-start:end
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new PublicSftpStack(app, 'PublicSftp');
}
