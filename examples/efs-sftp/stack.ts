import { Annotations, App, RemovalPolicy, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import { Construct } from 'constructs';
import { Domain, HomeDirectory, HostKey, HostKeyAlgorithm, TransferServer } from 'cdk-transfer-family';

/** A public SFTP endpoint whose users read and write an EFS file system with POSIX identities. */
export class EfsSftpStack extends Stack {
  public readonly server: TransferServer;
  public readonly fileSystem: efs.FileSystem;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
    });
    this.fileSystem = new efs.FileSystem(this, 'Files', {
      vpc,
      encrypted: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.server = new TransferServer(this, 'Server', {
      domain: Domain.EFS,
      hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('sftp/efs-host-key'), { algorithm: HostKeyAlgorithm.RSA })],
    });
    Annotations.of(this.server).acknowledgeWarning('cdk-transfer-family:server/public-endpoint',
      'Clients connect from addresses not known in advance; each authenticates with its own SSH key.');

    // EFS users act with their POSIX identity; the file system's permissions decide the rest.
    this.server.addUser('Builds', {
      userName: 'build-bot',
      homeDirectory: HomeDirectory.efs(this.fileSystem, '/home/build-bot'),
      posixProfile: { uid: 2001, gid: 2001, secondaryGids: [3000] },
      sshPublicKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM2b8p3Vq7Yx0nRk5T1wJ4cL9sD6fH2gA8eZ3mQ0uX7v build-bot@ci'],
    });
    this.server.addUser('Reader', {
      userName: 'reports-reader',
      homeDirectory: HomeDirectory.efs(this.fileSystem, '/srv/reports'),
      posixProfile: { uid: 2002, gid: 3000 },
      readOnly: true,
      sshPublicKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFh6qT0rW3yN8mB2vK5dJ1cX9sL4pZ7eA0gU3iO6nR2t reader@corp'],
    });
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new EfsSftpStack(app, 'EfsSftp');
}
