import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnServer } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
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

/** What an endpoint contributes to its server, from `Endpoint.bind()`. */
export interface EndpointConfig {
  /** The CloudFormation `EndpointType`. */
  readonly endpointType: string;
  /**
   * The CloudFormation `EndpointDetails`.
   *
   * @default - none (public endpoints)
   */
  readonly endpointDetails?: CfnServer.EndpointDetailsProperty;
  /**
   * The security groups of the endpoint (what `server.connections` holds).
   *
   * @default - none
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * The Elastic IPs created for the endpoint.
   *
   * @default - none
   */
  readonly elasticIps?: ec2.CfnEIP[];
  /**
   * Whether the server's public DNS name (`<server-id>.server.transfer.<region>.<suffix>`) resolves to
   * the endpoint: public endpoints and VPC endpoints with Elastic IPs. Only then can a custom host name's
   * CNAME record point at it.
   */
  readonly publiclyResolvable: boolean;
}

/** Where a server's endpoint is reachable. */
export abstract class Endpoint {
  /**
   * A public endpoint hosted by the service (SFTP only).
   *
   * (Its class is made here: a class of the module declared after `Endpoint` does not exist yet when
   * `Endpoint`'s static members are made.)
   */
  public static readonly PUBLIC: Endpoint = new (class PublicEndpoint extends Endpoint {
    public readonly endpointType = 'PUBLIC';

    public bind(_scope: Construct): EndpointConfig {
      return { endpointType: this.endpointType, publiclyResolvable: true };
    }
  })();

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
    return new VpcEndpoint(options);
  }

  /**
   * The legacy `VPC_ENDPOINT` endpoint type. Refused at synth: the service creates no new ones
   * for accounts that did not have one before 2021-05-19.
   *
   * @deprecated use `Endpoint.vpc()`
   */
  public static vpcEndpoint(vpcEndpointId: string): Endpoint {
    return new LegacyVpcEndpoint(requireString('Endpoint.vpcEndpoint()', 'vpcEndpointId', vpcEndpointId));
  }

  /** The CloudFormation `EndpointType`. */
  public abstract readonly endpointType: string;

  /**
   * Make what the endpoint needs in `scope` (the server: security groups, Elastic IPs) and return what it
   * contributes to the server.
   */
  public abstract bind(scope: Construct): EndpointConfig;
}

/** `Endpoint.vpc()`: subnets, security groups and, when internet-facing, Elastic IPs. */
class VpcEndpoint extends Endpoint {
  public readonly endpointType = 'VPC';

  constructor(private readonly options: VpcEndpointOptions) {
    super();
  }

  public bind(scope: Construct): EndpointConfig {
    const options = this.options;
    let addressAllocationIds = options.addressAllocationIds;
    const internetFacing = options.internetFacing ?? addressAllocationIds !== undefined;
    const subnetIds = this.subnetIds(internetFacing);
    const securityGroups = options.securityGroups ?? [new ec2.SecurityGroup(scope, 'SecurityGroup', {
      vpc: options.vpc,
      description: `Endpoint of Transfer Family server ${scope.node.path}`,
      allowAllOutbound: false,
    })];
    // One Elastic IP per subnet, whatever the protocols: the rules judge what the template holds
    // (FTP, DUALSTACK and more than three are refused there).
    const elasticIps: ec2.CfnEIP[] = [];
    if (internetFacing && addressAllocationIds === undefined) {
      if (Token.isUnresolved(subnetIds)) {
        throw new Error('TransferServer: `endpoint` is internet-facing in subnets unknown until deployment, so no Elastic IP can be created per subnet; pass `addressAllocationIds` (one per subnet) to `Endpoint.vpc()`, or subnets known at synth.');
      }
      addressAllocationIds = subnetIds.map((_, i) => {
        const eip = new ec2.CfnEIP(scope, `ElasticIp${i + 1}`, { domain: 'vpc' });
        elasticIps.push(eip);
        return eip.attrAllocationId;
      });
    }
    return {
      endpointType: this.endpointType,
      endpointDetails: {
        vpcId: options.vpc.vpcId,
        subnetIds,
        securityGroupIds: securityGroups.map((sg) => sg.securityGroupId),
        addressAllocationIds,
      },
      securityGroups,
      elasticIps,
      publiclyResolvable: addressAllocationIds !== undefined && addressAllocationIds.length > 0,
    };
  }

  /**
   * The subnets of the endpoint: those selected, or the VPC's public subnets for an internet-facing
   * endpoint (at most three: it takes one Elastic IP per subnet, and at most three) and its private ones otherwise.
   */
  private subnetIds(internetFacing: boolean): string[] {
    const { vpc, vpcSubnets } = this.options;
    const selection = vpcSubnets ?? { subnetType: internetFacing ? ec2.SubnetType.PUBLIC : ec2.SubnetType.PRIVATE_WITH_EGRESS };
    let subnetIds: string[];
    try {
      subnetIds = vpc.selectSubnets(selection).subnetIds;
    } catch (e) {
      throw new Error(`TransferServer: \`endpoint\` (\`Endpoint.vpc()\`) must select subnets the VPC has, with \`vpcSubnets\` (by default its ${internetFacing ? 'public' : 'private'} subnets): ${(e as Error).message}`);
    }
    return vpcSubnets === undefined && internetFacing && !Token.isUnresolved(subnetIds) ? subnetIds.slice(0, 3) : subnetIds;
  }
}

/** `Endpoint.vpcEndpoint()`: the legacy `VPC_ENDPOINT` type (refused by the rules). */
class LegacyVpcEndpoint extends Endpoint {
  public readonly endpointType = 'VPC_ENDPOINT';

  constructor(private readonly vpcEndpointId: string) {
    super();
  }

  public bind(_scope: Construct): EndpointConfig {
    return { endpointType: this.endpointType, endpointDetails: { vpcEndpointId: this.vpcEndpointId }, publiclyResolvable: false };
  }
}
