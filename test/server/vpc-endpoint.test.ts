import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { newStack } from '../support/stacks';
import { synthError, warningsOf } from '../support/synth';
import { Endpoint, TransferServer } from 'cdk-transfer-family';

const LOOKUP = 'Custom::TransferServerVpcEndpoint';

function vpcOf(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    publicSubnetIds: ['subnet-aaaaaaaaaaaaaaaaa', 'subnet-bbbbbbbbbbbbbbbbb'],
    privateSubnetIds: ['subnet-11111111111111111', 'subnet-22222222222222222'],
  });
}

function internalServer() {
  const stack = newStack();
  const server = new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc: vpcOf(stack) }) });
  return { stack, server };
}

/** The lookups of the template, by logical id: their `Create` call as text (references included) and dependencies. */
function lookups(stack: Stack): Record<string, { create: string; dependsOn: string[] }> {
  const found = Template.fromStack(stack).findResources(LOOKUP);
  return Object.fromEntries(Object.entries(found).map(([id, r]) => [id, {
    create: JSON.stringify(r.Properties.Create),
    dependsOn: r.DependsOn ?? [],
  }]));
}

describe('TransferServer VPC endpoint attributes', () => {
  test('nothing is created while no attribute is read', () => {
    const { stack } = internalServer();
    const template = Template.fromStack(stack);
    template.resourceCountIs(LOOKUP, 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::IAM::Policy', 1); // the logging role's
  });

  test('vpcEndpointId: DescribeServer of this server, after the server, allowed on its ARN only', () => {
    const { stack, server } = internalServer();
    const id = stack.resolve(server.vpcEndpointId);
    const template = Template.fromStack(stack);
    template.resourceCountIs(LOOKUP, 1);
    const [[logicalId, lookup]] = Object.entries(lookups(stack));
    expect(id).toEqual({ 'Fn::GetAtt': [logicalId, 'Server.EndpointDetails.VpcEndpointId'] });
    expect(lookup.create).toContain('\\"service\\":\\"Transfer\\",\\"action\\":\\"DescribeServer\\"');
    expect(lookup.create).toContain('\\"outputPaths\\":[\\"Server.EndpointDetails.VpcEndpointId\\"]');
    expect(lookup.dependsOn).toContain(stack.getLogicalId(server.node.defaultChild as never));
    expect(template.findResources(LOOKUP)[logicalId].Properties.InstallLatestAwsSdk).toBe(false);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{ Action: 'transfer:DescribeServer', Effect: 'Allow', Resource: stack.resolve(server.serverArn) }],
      },
    });
  });

  test('vpcEndpointDnsName: DescribeVpcEndpoints of the endpoint the server names, the first DNS entry', () => {
    const { stack, server } = internalServer();
    const dns = stack.resolve(server.vpcEndpointDnsName);
    const found = lookups(stack);
    expect(Object.keys(found)).toHaveLength(2);
    const [detailsId, details] = Object.entries(found).find(([, l]) => l.create.includes('DescribeVpcEndpoints'))!;
    expect(dns).toEqual({ 'Fn::GetAtt': [detailsId, 'VpcEndpoints.0.DnsEntries.0.DnsName'] });
    const [serverLookupId] = Object.keys(found).filter((id) => id !== detailsId);
    expect(details.create).toContain(JSON.stringify({ 'Fn::GetAtt': [serverLookupId, 'Server.EndpointDetails.VpcEndpointId'] }));
    expect(details.create).toContain('\\"service\\":\\"EC2\\"');
    expect(details.create).toContain('\\"outputPaths\\":[\\"VpcEndpoints.0.DnsEntries.0.DnsName\\",\\"VpcEndpoints.0.NetworkInterfaceIds.0\\",\\"VpcEndpoints.0.NetworkInterfaceIds.1\\"]');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'ec2:DescribeVpcEndpoints', Effect: 'Allow', Resource: '*' }] },
    });
  });

  test('endpointPrivateIpAddresses: one address per subnet, in subnet order, each read by its subnet', () => {
    const { stack, server } = internalServer();
    const addresses = server.endpointPrivateIpAddresses;
    expect(addresses).toHaveLength(2);
    expect(server.endpointPrivateIpAddresses.map((a) => stack.resolve(a))).toEqual(addresses.map((a) => stack.resolve(a)));
    const found = lookups(stack);
    expect(Object.keys(found)).toHaveLength(4);
    const subnets = ['subnet-11111111111111111', 'subnet-22222222222222222'];
    addresses.forEach((address, i) => {
      const [logicalId, attribute] = stack.resolve(address)['Fn::GetAtt'];
      expect(logicalId).toMatch(new RegExp(`VpcEndpointInterface${i + 1}`));
      expect(attribute).toBe('NetworkInterfaces.0.PrivateIpAddress');
      const { create } = found[logicalId];
      expect(create).toContain('\\"action\\":\\"DescribeNetworkInterfaces\\"');
      // The endpoint's interfaces, narrowed to the one in this subnet.
      expect(create).toContain('\\"Name\\":\\"network-interface-id\\"');
      expect(create).toContain('VpcEndpoints.0.NetworkInterfaceIds.0');
      expect(create).toContain('VpcEndpoints.0.NetworkInterfaceIds.1');
      expect(create).toContain(`{\\"Name\\":\\"subnet-id\\",\\"Values\\":[\\"${subnets[i]}\\"]}`);
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'ec2:DescribeNetworkInterfaces', Effect: 'Allow', Resource: '*' }] },
    });
  });

  test('the lookups run again when the server or its subnets change (their physical id names both)', () => {
    const { stack, server } = internalServer();
    server.vpcEndpointId;
    const [{ create }] = Object.values(lookups(stack));
    expect(create).toContain('subnet-11111111111111111,subnet-22222222222222222');
    expect(create).toContain('ServerId');
  });

  test('reading them on a public endpoint is an error that says why', () => {
    const server = new TransferServer(newStack(), 'Server');
    expect(() => server.vpcEndpointId).toThrow(/TransferServer\.vpcEndpointId: the server's endpoint is PUBLIC, and only a VPC endpoint/);
    expect(() => server.vpcEndpointDnsName).toThrow(/vpcEndpointDnsName/);
    expect(() => server.endpointPrivateIpAddresses).toThrow(/endpointPrivateIpAddresses/);
  });

  test('the addresses need subnets known at synth; the id and DNS name do not', () => {
    const stack = newStack();
    const subnets = new CfnParameter(stack, 'Subnets', { type: 'List<AWS::EC2::Subnet::Id>' });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'], privateSubnetIds: subnets.valueAsList,
    });
    const server = new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc }) });
    expect(() => server.endpointPrivateIpAddresses).toThrow(/subnets are unknown until deployment, so the number of addresses \(one per subnet\) is not known at synth/);
    expect(stack.resolve(server.vpcEndpointDnsName)['Fn::GetAtt'][1]).toBe('VpcEndpoints.0.DnsEntries.0.DnsName');
    expect(synthError(stack)).toBe('');
  });

  test('the EC2 wildcard is acknowledged for cdk-nag with its reason, and only it', () => {
    const { stack, server } = internalServer();
    server.endpointPrivateIpAddresses;
    Template.fromStack(stack);
    const acks = stack.node.findAll().flatMap((c) => c.node.metadata)
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules' || JSON.stringify(m.data).includes('AwsSolutions-IAM5'))
      .map((m) => JSON.stringify(m.data));
    expect(acks.some((a) => a.includes('AwsSolutions-IAM5[Resource::*]') && a.includes('resource-level permissions'))).toBe(true);
  });
});

describe('custom host name of an internal VPC endpoint', () => {
  test('the record points at the VPC endpoint\'s DNS name, in a private zone without a warning', () => {
    const stack = newStack();
    const vpc = vpcOf(stack);
    const zone = new route53.PrivateHostedZone(stack, 'Zone', { zoneName: 'example.com', vpc });
    const server = new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc }), customHostname: { hostname: 'sftp.example.com', hostedZone: zone } });
    expect(server.hostnameRecord).toBeDefined();
    Template.fromStack(stack).hasResourceProperties('AWS::Route53::RecordSet', {
      Type: 'CNAME', Name: 'sftp.example.com.', ResourceRecords: [stack.resolve(server.vpcEndpointDnsName)],
    });
    expect(synthError(stack)).toBe('');
    expect(warningsOf(stack).filter((w) => w.includes('[server/custom-hostname-record]'))).toEqual([]);
  });

  test('an imported zone is not judged; a public zone is warned about', () => {
    const stack = newStack();
    const vpc = vpcOf(stack);
    const imported = route53.HostedZone.fromHostedZoneAttributes(stack, 'Imported', { hostedZoneId: 'Z123', zoneName: 'example.com' });
    new TransferServer(stack, 'A', { endpoint: Endpoint.vpc({ vpc }), customHostname: { hostname: 'a.example.com', hostedZone: imported } });
    const pub = new route53.PublicHostedZone(stack, 'Public', { zoneName: 'example.org' });
    new TransferServer(stack, 'B', { endpoint: Endpoint.vpc({ vpc }), customHostname: { hostname: 'b.example.org', hostedZone: pub } });
    const warnings = warningsOf(stack).filter((w) => w.includes('[server/custom-hostname-record]'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/public hosted zone/);
    Template.fromStack(stack).resourceCountIs('AWS::Route53::RecordSet', 2);
  });
});
