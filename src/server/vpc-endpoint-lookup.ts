import { Fn, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnServer } from 'aws-cdk-lib/aws-transfer';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeWildcardResource } from '../private/nag';

/** The CloudFormation type of the lookups, as the template names them. */
const RESOURCE_TYPE = 'Custom::TransferServerVpcEndpoint';

/**
 * Service Authorization Reference: `ec2:DescribeVpcEndpoints` and `ec2:DescribeNetworkInterfaces` have no
 * resource type (they support no resource-level permissions), so their only resource is `*`.
 */
const EC2_DESCRIBE_REASON = 'ec2:DescribeVpcEndpoints and ec2:DescribeNetworkInterfaces support no resource-level permissions '
  + '(https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html): their only resource is "*". '
  + 'Read-only, and the only EC2 actions granted.';

/**
 * What CloudFormation does not expose of a VPC server: its VPC endpoint (id, DNS name) and the private IP
 * addresses of the endpoint's network interfaces, read at deploy time by `AwsCustomResource`s:
 * `transfer:DescribeServer` (the endpoint id), then `ec2:DescribeVpcEndpoints` (its DNS names and network
 * interfaces), then `ec2:DescribeNetworkInterfaces` once per subnet (the address in that subnet). Each lookup is
 * made when first asked for, so a server whose attributes are not read gets none.
 *
 * Every lookup's physical id names the server and its subnets, so a change of either (the service then
 * replaces the endpoint's interfaces) runs every lookup again.
 */
export class VpcEndpointLookup extends Construct {
  private endpoint?: cr.AwsCustomResource;
  private endpointDetails?: cr.AwsCustomResource;
  private addresses?: string[];
  private readonly trigger: string;

  constructor(scope: Construct, id: string,
    private readonly server: CfnServer,
    private readonly serverArn: string,
    private readonly subnetIds: string[]) {
    super(scope, id);
    this.trigger = `${server.attrServerId}/${Fn.join(',', subnetIds)}`;
  }

  /** The VPC endpoint's id (`vpce-…`), from `DescribeServer`. */
  public get vpcEndpointId(): string {
    if (!this.endpoint) {
      this.endpoint = this.lookup('Server', {
        service: 'Transfer',
        action: 'DescribeServer',
        parameters: { ServerId: this.server.attrServerId },
        physicalResourceId: cr.PhysicalResourceId.of(this.trigger),
        outputPaths: ['Server.EndpointDetails.VpcEndpointId'],
      }, [new iam.PolicyStatement({ actions: ['transfer:DescribeServer'], resources: [this.serverArn] })]);
      // The service creates the VPC endpoint while it creates the server: read it only once the server is made.
      this.endpoint.node.addDependency(this.server);
    }
    return this.endpoint.getResponseField('Server.EndpointDetails.VpcEndpointId');
  }

  /** The endpoint's regional DNS name, the first of its `DnsEntries`. */
  public get dnsName(): string {
    return this.details().getResponseField('VpcEndpoints.0.DnsEntries.0.DnsName');
  }

  /** The private IP address of the endpoint's network interface in each subnet, in subnet order. */
  public get privateIpAddresses(): string[] {
    if (this.addresses) return this.addresses.slice();
    if (Token.isUnresolved(this.subnetIds)) {
      throw new Error('TransferServer.endpointPrivateIpAddresses: the endpoint\'s subnets are unknown until deployment, so the number of '
        + 'addresses (one per subnet) is not known at synth; select subnets known at synth in `Endpoint.vpc({ vpcSubnets })`.');
    }
    const details = this.details();
    const interfaceIds = this.subnetIds.map((_, i) => details.getResponseField(`VpcEndpoints.0.NetworkInterfaceIds.${i}`));
    this.addresses = this.subnetIds.map((subnetId, i) => this.lookup(`Interface${i + 1}`, {
      service: 'EC2',
      action: 'DescribeNetworkInterfaces',
      // The endpoint's interface in this subnet: the endpoint has one per subnet, and the API keeps no order.
      parameters: {
        Filters: [
          { Name: 'network-interface-id', Values: interfaceIds },
          { Name: 'subnet-id', Values: [subnetId] },
        ],
      },
      physicalResourceId: cr.PhysicalResourceId.of(this.trigger),
      outputPaths: ['NetworkInterfaces.0.PrivateIpAddress'],
    }, [new iam.PolicyStatement({ actions: ['ec2:DescribeNetworkInterfaces'], resources: ['*'] })])
      .getResponseField('NetworkInterfaces.0.PrivateIpAddress'));
    return this.addresses.slice();
  }

  /** `DescribeVpcEndpoints` of the server's endpoint: its DNS name and, with subnets known at synth, one interface per subnet. */
  private details(): cr.AwsCustomResource {
    if (!this.endpointDetails) {
      const vpcEndpointId = this.vpcEndpointId;
      const interfaces = Token.isUnresolved(this.subnetIds) ? [] : this.subnetIds.map((_, i) => `VpcEndpoints.0.NetworkInterfaceIds.${i}`);
      this.endpointDetails = this.lookup('Details', {
        service: 'EC2',
        action: 'DescribeVpcEndpoints',
        parameters: { VpcEndpointIds: [vpcEndpointId] },
        physicalResourceId: cr.PhysicalResourceId.of(this.trigger),
        outputPaths: ['VpcEndpoints.0.DnsEntries.0.DnsName', ...interfaces],
      }, [new iam.PolicyStatement({ actions: ['ec2:DescribeVpcEndpoints'], resources: ['*'] })]);
    }
    return this.endpointDetails;
  }

  /** One read-only lookup, run on create and on every update (its physical id changes with the server and subnets). */
  private lookup(id: string, call: cr.AwsSdkCall, statements: iam.PolicyStatement[]): cr.AwsCustomResource {
    const lookup = new cr.AwsCustomResource(this, id, {
      resourceType: RESOURCE_TYPE,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromStatements(statements),
      // The SDK of the Lambda runtime: nothing is downloaded at deploy time.
      installLatestAwsSdk: false,
    });
    if (statements.some((s) => s.resources.includes('*'))) acknowledgeWildcardResource(lookup, '*', EC2_DESCRIBE_REASON);
    acknowledgeProviderLogging(Stack.of(this));
    return lookup;
  }
}

/**
 * The function that runs every `AwsCustomResource` of a stack (aws-cdk-lib's singleton) writes its logs through
 * the AWS managed policy AWSLambdaBasicExecutionRole, which aws-cdk-lib attaches: cdk-nag's AwsSolutions-IAM4
 * is acknowledged for that policy only, on that function's role.
 */
const acknowledgedRoles = new WeakSet<IConstruct>();

function acknowledgeProviderLogging(stack: Stack): void {
  const provider = stack.node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
  const role = provider?.node.tryFindChild('ServiceRole');
  if (!role) return;
  if (acknowledgedRoles.has(role)) return;
  acknowledgedRoles.add(role);
  // Recorded as `Validations.of(role).acknowledge()` records it: that method refuses ids with more than one
  // '::', and cdk-nag's finding id contains `<AWS::Partition>`.
  role.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, {
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
      'aws-cdk-lib\'s AwsCustomResource function (the VPC endpoint lookups of Transfer Family servers) writes its own logs with the AWS '
      + 'managed policy AWSLambdaBasicExecutionRole, which aws-cdk-lib attaches; its other permissions are the lookups\' own policies.',
  });
}
