import { App, RemovalPolicy, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import { Domain, HostKey, HostKeyAlgorithm, TransferServer } from 'cdk-transfer-family';
import { Construct } from 'constructs';

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
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new EfsSftpStack(app, 'EfsSftp');
}
