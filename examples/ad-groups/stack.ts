import { Annotations, App, CfnParameter, RemovalPolicy, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { HomeDirectory, HostKey, HostKeyAlgorithm, IdentityProvider, SecurityPolicy, TransferServer } from 'cdk-transfer-family';

/**
 * An SFTP server whose users sign in with their Active Directory credentials (AWS Managed Microsoft AD or
 * AD Connector): only the members of the groups granted access get in, each group to its own home.
 * The directory and its groups exist already; their ids are given at deployment.
 */
export class AdGroupsStack extends Stack {
  public readonly server: TransferServer;
  public readonly files: s3.Bucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const directoryId = new CfnParameter(this, 'DirectoryId', {
      description: 'The directory (AWS Managed Microsoft AD or AD Connector) whose users sign in, d- and 10 hexadecimal digits',
      allowedPattern: '^d-[0-9a-f]{10}$',
    }).valueAsString;
    // A group's SID (PowerShell: `Get-ADGroup -Identity Finance | Select ObjectSid`).
    const sid = (name: string) => new CfnParameter(this, `${name}GroupSid`, {
      description: `The security identifier (SID) of the ${name} group`,
      allowedPattern: '^S-1-[\\d-]+$',
    }).valueAsString;

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.files = new s3.Bucket(this, 'Files', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.server = new TransferServer(this, 'Server', {
      identityProvider: IdentityProvider.directory({ directoryId }),
      securityPolicy: SecurityPolicy.TRANSFER_2025_03,
      hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('sftp/ad-host-key'), { algorithm: HostKeyAlgorithm.ECDSA })],
    });
    Annotations.of(this.server).acknowledgeWarning('cdk-transfer-family:server/public-endpoint',
      'Employees connect from anywhere; each signs in with its directory credentials, and only members of the groups below get in.');

    // The Finance group works in its own folder, seen as `/`. The Auditors group reads every group's
    // folder and changes nothing. Both share one role; a session policy narrows each group to its home.
    this.server.addAccess('Finance', {
      externalId: sid('Finance'),
      homeDirectory: HomeDirectory.chroot(this.files, 'groups/finance'),
    });
    this.server.addAccess('Auditors', {
      externalId: sid('Auditors'),
      homeDirectory: HomeDirectory.chroot(this.files, 'groups'),
      readOnly: true,
    });
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new AdGroupsStack(app, 'AdGroups');
}
