import { Annotations, App, CfnParameter, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { Endpoint, IdentityProvider, Protocol, TlsSessionResumptionMode, TransferServer } from 'cdk-transfer-family';

/**
 * FTPS for partners on the internet... is not what this is: FTPS and FTP inside a VPC, for
 * legacy systems on the corporate network, authenticated by a Lambda function.
 */
export class VpcFtpsLambdaStack extends Stack {
  public readonly server: TransferServer;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const certificateArn = new CfnParameter(this, 'CertificateArn', {
      description: 'ARN of the ACM certificate the server presents to FTPS clients',
    });
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
    });

    // The identity provider: a function the service calls with user name, password and source IP.
    // It answers with the user's role and home directory (here: nobody is let in until you write it).
    const idpLogs = new logs.LogGroup(this, 'IdentityProviderLogs', { retention: logs.RetentionDays.ONE_MONTH });
    const idpRole = new iam.Role(this, 'IdentityProviderRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    idpLogs.grantWrite(idpRole);
    const identityProvider = new lambda.Function(this, 'IdentityProvider', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      timeout: Duration.seconds(10),
      role: idpRole,
      logGroup: idpLogs,
      code: lambda.Code.fromInline([
        'exports.handler = async (event) => {',
        '  // event: { username, password, protocol, serverId, sourceIp }',
        '  // Return {} to deny; return { Role, HomeDirectoryType, HomeDirectoryDetails, ... } to allow.',
        '  return {};',
        '};',
      ].join('\n')),
    });

    this.server = new TransferServer(this, 'Server', {
      protocols: [Protocol.FTPS, Protocol.FTP],
      endpoint: Endpoint.vpc({ vpc }),
      identityProvider: IdentityProvider.lambda(identityProvider),
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', certificateArn.valueAsString),
      tlsSessionResumptionMode: TlsSessionResumptionMode.ENFORCED,
      postAuthenticationLoginBanner: 'Connected to the file exchange.',
    });
    // Plain FTP stays for the legacy systems that cannot speak FTPS; it never leaves the VPC
    // (the service refuses FTP on internet-facing endpoints) and only the corporate network may connect.
    Annotations.of(this.server).acknowledgeWarning('cdk-transfer-family:server/ftp-plaintext',
      'Legacy systems on the corporate network cannot use FTPS; the endpoint is internal and admits only 10.0.0.0/8.');
    // FTP control channel and the service's passive data ports, from the corporate network only.
    const corporate = ec2.Peer.ipv4('10.0.0.0/8');
    this.server.connections.allowFrom(corporate, ec2.Port.tcp(21), 'FTP/FTPS control');
    this.server.connections.allowFrom(corporate, ec2.Port.tcpRange(8192, 8200), 'FTP/FTPS passive data');
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new VpcFtpsLambdaStack(app, 'VpcFtpsLambda');
}
