import { CfnConnector } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { optionalNumber, requireObject, requireString } from '../private/input';

/** Options of `ConnectorEgress.vpcLattice()`. */
export interface ConnectorVpcLatticeOptions {
  /**
   * The ARN of the VPC Lattice resource configuration that points at the partner's SFTP server (its private
   * IP address or DNS name, through a resource gateway in your VPC):
   * `arn:<partition>:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<17 characters>`.
   */
  readonly resourceConfiguration: string;
  /**
   * The port of the SFTP server, 1 to 65535.
   *
   * @default - the service's default, 22
   */
  readonly port?: number;
}

/** How a connector's egress renders into its `AWS::Transfer::Connector`. */
export interface ConnectorEgressConfig {
  /** The `EgressType`: `SERVICE_MANAGED` or `VPC_LATTICE`. */
  readonly egressType: string;
  /**
   * The `EgressConfig`.
   *
   * @default - none (service-managed egress)
   */
  readonly egressConfig?: CfnConnector.ConnectorEgressConfigProperty;
}

/**
 * How an SFTP connector reaches the partner's server (`EgressType`, `EgressConfig`):
 * - `ConnectorEgress.serviceManaged()`: over the internet, from Transfer Family's static IP addresses, to the `url`;
 * - `ConnectorEgress.vpcLattice({ resourceConfiguration })`: through your VPC, with Amazon VPC Lattice, to the
 *   server a resource configuration names (a private server, one on premises, or through your own NAT
 *   gateways). Such a connector has no `url`.
 *
 * https://docs.aws.amazon.com/transfer/latest/userguide/configure-sftp-connector.html;
 * https://docs.aws.amazon.com/transfer/latest/userguide/create-vpc-sftp-connector-procedure.html
 */
export abstract class ConnectorEgress {
  /** Transfer Family's NAT gateways and static IP addresses, over the internet (the service's default). */
  public static serviceManaged(): ConnectorEgress {
    return new ServiceManagedEgress();
  }

  /**
   * Through your VPC with Amazon VPC Lattice, to the SFTP server of a resource configuration. The resource
   * configuration (and its resource gateway, in at least two Availability Zones) is yours; when the connector
   * is created, Transfer Family associates it with its service network using the deploying principal's
   * credentials (forward access sessions).
   */
  public static vpcLattice(options: ConnectorVpcLatticeOptions): ConnectorEgress {
    const where = 'ConnectorEgress.vpcLattice()';
    requireObject(where, 'options', options);
    const resourceConfiguration = requireString(where, 'resourceConfiguration', options.resourceConfiguration);
    const port = optionalNumber(where, 'port', options.port);
    return new VpcLatticeEgress(resourceConfiguration, port);
  }

  /** The `EgressType` this egress renders. */
  public abstract readonly egressType: string;

  /** Render the egress of a connector of `scope`. */
  public abstract bind(scope: Construct): ConnectorEgressConfig;
}

class ServiceManagedEgress extends ConnectorEgress {
  public readonly egressType = 'SERVICE_MANAGED';
  public bind(_scope: Construct): ConnectorEgressConfig {
    return { egressType: this.egressType };
  }
}

class VpcLatticeEgress extends ConnectorEgress {
  public readonly egressType = 'VPC_LATTICE';
  constructor(private readonly resourceConfigurationArn: string, private readonly portNumber: number | undefined) {
    super();
  }

  public bind(_scope: Construct): ConnectorEgressConfig {
    return {
      egressType: this.egressType,
      egressConfig: { vpcLattice: { resourceConfigurationArn: this.resourceConfigurationArn, portNumber: this.portNumber } },
    };
  }
}
