import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { invalid, optionalArray, optionalBoolean, requireMembers, requireObject, requireString } from '../private/input';

/** Options of a server endpoint inside a VPC. */
export interface VpcEndpointOptions {
  /** The VPC the endpoint lives in. */
  readonly vpc: ec2.IVpc;
  /**
   * The subnets the endpoint has a network interface in. An internet-facing endpoint has one Elastic
   * IP per subnet, and at most three.
   *
   * @default - the VPC's public subnets when internet-facing (the first three, one Elastic IP each),
   * its private subnets otherwise
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Security groups of the endpoint.
   *
   * @default - a security group is created that allows no inbound traffic; open it with `server.connections`
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * Reach the endpoint from the internet through Elastic IPs, one per subnet (at most three).
   * Not available with FTP.
   *
   * @default - true when `addressAllocationIds` are given, false otherwise
   */
  readonly internetFacing?: boolean;
  /**
   * Allocation ids of existing Elastic IPs, one per subnet, in subnet order (at most three). Make the
   * endpoint internet-facing: they cannot be combined with `internetFacing: false`.
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
    const where = 'Endpoint.vpc()';
    requireObject(where, 'options', options);
    const vpc = requireMembers(where, 'options.vpc', options.vpc, 'an ec2.IVpc', ['vpcId', 'selectSubnets']);
    if (typeof vpc.selectSubnets !== 'function') invalid(where, 'options.vpc', 'an ec2.IVpc', vpc);
    requireString(where, 'options.vpc.vpcId', vpc.vpcId);
    if (options.vpcSubnets !== undefined) requireObject(where, 'options.vpcSubnets', options.vpcSubnets);
    optionalArray(where, 'options.securityGroups', options.securityGroups, (sg, name) => {
      requireMembers(where, name, sg, 'an ec2.ISecurityGroup', ['securityGroupId']);
      requireString(where, `${name}.securityGroupId`, (sg as ec2.ISecurityGroup).securityGroupId);
      return sg;
    });
    const internetFacing = optionalBoolean(where, 'options.internetFacing', options.internetFacing);
    const ids = optionalArray(where, 'options.addressAllocationIds', options.addressAllocationIds, (id, name) => requireString(where, name, id));
    if (ids !== undefined && internetFacing === false) {
      throw new Error(`${where}: \`options.addressAllocationIds\` make the endpoint internet-facing, so they cannot be combined with \`internetFacing: false\`; drop one of them.`);
    }
    return new Endpoint('VPC', options);
  }

  /**
   * The legacy `VPC_ENDPOINT` endpoint type. Refused at synth: the service creates no new ones
   * for accounts that did not have one before 2021-05-19.
   *
   * @deprecated use `Endpoint.vpc()`
   */
  public static vpcEndpoint(vpcEndpointId: string): Endpoint {
    return new Endpoint('VPC_ENDPOINT', undefined, requireString('Endpoint.vpcEndpoint()', 'vpcEndpointId', vpcEndpointId));
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
