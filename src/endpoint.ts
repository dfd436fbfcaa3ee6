import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** Options of a server endpoint inside a VPC. */
export interface VpcEndpointOptions {
  /** The VPC the endpoint lives in. */
  readonly vpc: ec2.IVpc;
  /**
   * The subnets the endpoint has a network interface in.
   *
   * @default - the VPC's public subnets when `internetFacing`, its private subnets otherwise
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Security groups of the endpoint.
   *
   * @default - a security group is created that allows no inbound traffic; open it with `server.connections`
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * Reach the endpoint from the internet through Elastic IPs, one per subnet.
   * Not available with FTP.
   *
   * @default false
   */
  readonly internetFacing?: boolean;
  /**
   * Allocation ids of existing Elastic IPs, one per subnet, in subnet order. Implies `internetFacing`.
   *
   * @default - with `internetFacing`, one Elastic IP is created per subnet
   */
  readonly addressAllocationIds?: string[];
}

/** Where a server's endpoint is reachable. */
export class Endpoint {
  /** A public endpoint hosted by the service (SFTP only). */
  public static readonly PUBLIC = new Endpoint('PUBLIC');

  /** An endpoint inside your VPC, optionally reachable from the internet through Elastic IPs. */
  public static vpc(options: VpcEndpointOptions): Endpoint {
    return new Endpoint('VPC', options);
  }

  /**
   * The legacy `VPC_ENDPOINT` endpoint type. Refused at synth: the service creates no new ones
   * for accounts that did not have one before 2021-05-19.
   *
   * @deprecated use `Endpoint.vpc()`
   */
  public static vpcEndpoint(vpcEndpointId: string): Endpoint {
    return new Endpoint('VPC_ENDPOINT', undefined, vpcEndpointId);
  }

  private constructor(
    /** The CloudFormation `EndpointType`. */
    public readonly endpointType: string,
    /** The VPC options, for `VPC` endpoints. */
    public readonly vpcOptions?: VpcEndpointOptions,
    /** The VPC endpoint id, for the legacy `VPC_ENDPOINT` type. */
    public readonly vpcEndpointId?: string,
  ) {}
}
