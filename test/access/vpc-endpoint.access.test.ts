import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Estate } from './estate';
import { expectAccess, policyFindings } from './expect';
import { Callers, requests as raw } from './principals';
import { ENV } from '../support/stacks';
import { Endpoint, TransferServer } from 'cdk-transfer-family';

// Two servers and the lookups' function, synthesized, then the IAM reference check of every policy.
jest.setTimeout(60_000);

/**
 * The lookups of a VPC server's endpoint (`vpcEndpointId`, `vpcEndpointDnsName`, `endpointPrivateIpAddresses`)
 * run as the role of aws-cdk-lib's `AwsCustomResource` singleton function. It may describe this server and
 * read the EC2 descriptions (no resource-level permissions:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html), nothing else: not
 * another server of the stack, not change the server or the endpoint.
 */
describe('the VPC endpoint lookups of a server', () => {
  function estate() {
    const app = new App();
    const stack = new Stack(app, 'Endpoints', { env: ENV });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      privateSubnetIds: ['subnet-11111111111111111', 'subnet-22222222222222222'],
    });
    const server = new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc }) });
    const other = new TransferServer(stack, 'Other', { endpoint: Endpoint.vpc({ vpc }) });
    server.endpointPrivateIpAddresses;
    const singleton = stack.node.findAll().find((c): c is lambda.Function => c instanceof lambda.Function && c.node.id.startsWith('AWS679f53fa'));
    if (!singleton) throw new Error('no AwsCustomResource function');
    return { app, stack, server, other, role: singleton.role! };
  }

  test('DescribeServer on this server and the EC2 descriptions; not another server, no change', async () => {
    const e = estate();
    const est = Estate.fromApp(e.app);
    expect(await policyFindings(est)).toEqual([]);
    const arn = est.value(e.stack, e.server.serverArn);
    const otherArn = est.value(e.stack, e.other.serverArn);
    const lookups = new Callers(est).roleOf(e.stack, e.role.roleArn, 'the lookups\' role');
    const vpce = `arn:aws:ec2:${ENV.region}:${ENV.account}:vpc-endpoint/vpce-0123456789abcdef0`;
    expectAccess(lookups, {
      allowed: [
        raw('describes the server', { action: 'transfer:DescribeServer', resource: arn }),
        raw('describes the VPC endpoints', { action: 'ec2:DescribeVpcEndpoints', resource: '*' }),
        raw('describes the network interfaces', { action: 'ec2:DescribeNetworkInterfaces', resource: '*' }),
      ],
      denied: [
        raw('describes another server', { action: 'transfer:DescribeServer', resource: otherArn }),
        raw('updates the server', { action: 'transfer:UpdateServer', resource: arn }),
        raw('deletes the server', { action: 'transfer:DeleteServer', resource: arn }),
        raw('lists the users of the server', { action: 'transfer:ListUsers', resource: arn }),
        raw('changes the endpoint', { action: 'ec2:ModifyVpcEndpoint', resource: vpce }),
        raw('deletes the endpoint', { action: 'ec2:DeleteVpcEndpoints', resource: vpce }),
        raw('describes the security groups', { action: 'ec2:DescribeSecurityGroups', resource: '*' }),
      ],
    });
  });

  test('a server whose attributes are not read gives the lookups nothing', () => {
    const app = new App();
    const stack = new Stack(app, 'Unread', { env: ENV });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-11111111111111111'],
    });
    new TransferServer(stack, 'Server', { endpoint: Endpoint.vpc({ vpc }) });
    expect(stack.node.findAll().filter((c) => c instanceof lambda.Function)).toEqual([]);
  });
});
