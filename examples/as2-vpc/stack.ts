import { App, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { Endpoint, Protocol, SecurityPolicy, TransferServer } from 'cdk-transfer-family';

/** An AS2 endpoint that trading partners reach over the internet through Elastic IPs. */
export class As2VpcStack extends Stack {
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
    new s3.Bucket(this, 'Messages', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // AS2 needs a VPC endpoint and the S3 domain; internet-facing creates one Elastic IP per subnet.
    this.server = new TransferServer(this, 'Server', {
      protocols: [Protocol.AS2],
      endpoint: Endpoint.vpc({ vpc, internetFacing: true }),
      securityPolicy: SecurityPolicy.AS2_RESTRICTED_2025_07,
    });
    // Partners' AS2 messages arrive over HTTP on port 5080, from their published addresses.
    this.server.connections.allowDefaultPortFrom(ec2.Peer.ipv4('198.51.100.0/24'), 'Trading partner');
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new As2VpcStack(app, 'As2Vpc');
}
