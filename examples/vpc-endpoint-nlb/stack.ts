import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbv2Targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import { Construct } from 'constructs';
import { Endpoint, TransferServer } from 'cdk-transfer-family';

/**
 * An internal SFTP server behind a Network Load Balancer: the load balancer's targets are the private IP
 * addresses of the server's VPC endpoint (one per subnet), which CloudFormation does not expose and the
 * server reads at deploy time (`server.endpointPrivateIpAddresses`). A load balancer gives the server one
 * stable name and listener for the corporate network, health checks, and can be shared with other VPCs and
 * accounts as a VPC endpoint service (PrivateLink).
 */
export class VpcEndpointNlbStack extends Stack {
  public readonly server: TransferServer;
  public readonly loadBalancer: elbv2.NetworkLoadBalancer;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
    });
    const subnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    this.server = new TransferServer(this, 'Server', {
      endpoint: Endpoint.vpc({ vpc, vpcSubnets: subnets }),
    });

    // The load balancer has its own security group: the corporate network may reach it, and only it may
    // reach the server's endpoint (traffic and health checks).
    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'SFTP load balancer in front of the Transfer Family server',
      allowAllOutbound: false,
    });
    this.loadBalancer = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc,
      vpcSubnets: subnets,
      internetFacing: false,
      securityGroups: [lbSecurityGroup],
    });
    this.loadBalancer.connections.allowFrom(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(22), 'SFTP from the corporate network');
    this.server.connections.allowDefaultPortFrom(this.loadBalancer, 'SFTP and health checks from the load balancer');
    Validations.of(this.loadBalancer).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason: 'A Network Load Balancer writes access logs for TLS listeners only; this one forwards SFTP over TCP, and the server logs every session.',
    });

    // One IP target per subnet of the endpoint, read at deploy time.
    this.loadBalancer.addListener('Sftp', { port: 22 }).addTargets('Server', {
      port: 22,
      targets: this.server.endpointPrivateIpAddresses.map((ip) => new elbv2Targets.IpTarget(ip)),
    });
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new VpcEndpointNlbStack(app, 'VpcEndpointNlb');
}
