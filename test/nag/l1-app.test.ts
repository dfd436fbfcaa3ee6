import { App, Stack } from 'aws-cdk-lib';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { packFindings } from './pack';

/**
 * An app written only with L1s, as the CloudFormation documentation's examples are written: one server per
 * class of error the constructs catch, and the pack catching each.
 */
function l1App(app: App): void {
  const stack = new Stack(app, 'Legacy');
  const vpc = { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'] };
  // Protocol × endpoint × identity provider: FTP on a public endpoint with service-managed users.
  new transfer.CfnServer(stack, 'FtpServer', { protocols: ['FTP'] });
  // Protocol × domain: AS2 on EFS.
  new transfer.CfnServer(stack, 'As2Server', { protocols: ['AS2'], domain: 'EFS', endpointType: 'VPC', endpointDetails: vpc });
  // Elastic IPs: two allocations for one subnet.
  new transfer.CfnServer(stack, 'EipServer', {
    endpointType: 'VPC',
    endpointDetails: { ...vpc, addressAllocationIds: ['eipalloc-0123456789abcdef0', 'eipalloc-0123456789abcdef1'] },
    securityPolicyName: 'TransferSecurityPolicy-2025-03',
  });
  // Banners and security policy names.
  new transfer.CfnServer(stack, 'BannerServer', {
    endpointType: 'VPC',
    endpointDetails: vpc,
    preAuthenticationLoginBanner: 'Accès réservé',
    securityPolicyName: 'TransferSecurityPolicy-Latest',
  });
  // Host keys: one in plain text that is not a key, on a server that also has an outdated policy.
  const keyed = new transfer.CfnServer(stack, 'KeyedServer', {
    endpointType: 'VPC',
    endpointDetails: vpc,
    securityPolicyName: 'TransferSecurityPolicy-2020-06',
  });
  new transfer.CfnHostKey(stack, 'HostKey', { serverId: keyed.attrServerId, hostKeyBody: 'ssh-rsa AAAA (a public key)' });
  // Workflow details and tags.
  new transfer.CfnServer(stack, 'WorkflowServer', {
    endpointType: 'VPC',
    endpointDetails: vpc,
    securityPolicyName: 'TransferSecurityPolicy-2025-03',
    workflowDetails: { onUpload: [{ workflowId: 'scan-uploads', executionRole: 'arn:aws:iam::111111111111:role/workflow' }] },
    tags: [{ key: 'aws:owner', value: 'legacy' }],
  });
}

describe('an L1-only app', () => {
  const found = packFindings(l1App);
  const at = (construct: string) => found.filter((f) => f.paths.includes(`Legacy/${construct}`)).map((f) => f.ruleName).sort();

  test.each([
    // TF-Server-42: none of these servers logs.
    ['FtpServer', 'protocol × endpoint × identity provider, plain FTP, public endpoint, outdated policy', ['TF-Server-42', 'TF-Server-15', 'TF-Server-36', 'TF-Server-4', 'TF-Server-5', 'TF-Server-9']],
    ['As2Server', 'AS2 needs S3; outdated, non-post-quantum default policy', ['TF-Server-42', 'TF-Server-36', 'TF-Server-7']],
    ['EipServer', 'one Elastic IP per subnet', ['TF-Server-42', 'TF-Server-10']],
    ['BannerServer', 'banner characters, security policy not known', ['TF-Server-42', 'TF-Server-20', 'TF-Server-35']],
    ['KeyedServer', 'host key body, host key in plain text, outdated and non-post-quantum policy', ['TF-Server-42', 'TF-Server-30', 'TF-Server-32', 'TF-Server-36', 'TF-Server-37']],
    ['WorkflowServer', 'workflow id, tags', ['TF-Server-42', 'TF-Server-39', 'TF-Server-40']],
  ])('%s: %s', (construct, _what, rules) => {
    expect(at(construct)).toEqual([...rules].sort());
  });

  test('errors are errors and warnings warnings, as in the constructs', () => {
    const level = (rule: string) => found.find((f) => f.ruleName === rule)?.severity;
    expect([level('TF-Server-4'), level('TF-Server-9')]).toEqual(['error', 'warning']);
  });
});
