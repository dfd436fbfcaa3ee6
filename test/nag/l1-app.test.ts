import { App, Stack } from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { packFindings } from './pack';
import { SELF_SIGNED } from '../as2/fixtures';

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

  // Users, on a service-managed SFTP server with a bucket and a file system of the stack.
  const sftp = new transfer.CfnServer(stack, 'UserServer', {
    endpointType: 'VPC',
    endpointDetails: vpc,
    securityPolicyName: 'TransferSecurityPolicy-2025-03',
    structuredLogDestinations: ['arn:aws:logs:eu-west-1:111111111111:log-group:/aws/transfer/legacy'],
  });
  const bucket = new s3.CfnBucket(stack, 'Bucket');
  const fileSystem = new efs.CfnFileSystem(stack, 'FileSystem', { encrypted: true });
  const role = 'arn:aws:iam::111111111111:role/transfer-user';
  const user = (id: string, props: Omit<transfer.CfnUserProps, 'serverId' | 'role'>, serverId = sftp.attrServerId) =>
    new transfer.CfnUser(stack, id, { role, serverId, ...props });
  // Names and keys: a name starting with "-", a DSA key.
  user('NameUser', { userName: '-alice', sshPublicKeys: ['ssh-dss AAAAB3NzaC1kc3MAAACBAP alice'], homeDirectory: `/${bucket.ref}/home/alice` });
  // The same name twice on one server.
  user('Bob', { userName: 'bob', homeDirectory: `/${bucket.ref}/home/bob` });
  user('BobAgain', { userName: 'bob', homeDirectory: `/${bucket.ref}/home/bob2` });
  // Home × storage: a logical home mixing the bucket and the file system, an entry without "/", a wildcard in a key.
  user('MixedUser', {
    userName: 'carol',
    homeDirectoryType: 'LOGICAL',
    homeDirectoryMappings: [{ entry: 'in', target: `/${bucket.ref}/in/*` }, { entry: '/efs', target: `/${fileSystem.ref}/carol` }],
    posixProfile: { uid: 1001, gid: 1001 },
  });
  // EFS home on an S3 server, acting as root, with a session policy EFS ignores.
  user('RootUser', {
    userName: 'root-user',
    homeDirectoryType: 'LOGICAL',
    homeDirectoryMappings: [{ entry: '/', target: `/${fileSystem.ref}/root` }],
    posixProfile: { uid: 0, gid: 0 },
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
  });
  // A user of a server with an API Gateway identity provider.
  const custom = new transfer.CfnServer(stack, 'CustomIdpServer', {
    endpointType: 'VPC',
    endpointDetails: vpc,
    securityPolicyName: 'TransferSecurityPolicy-2025-03',
    structuredLogDestinations: ['arn:aws:logs:eu-west-1:111111111111:log-group:/aws/transfer/legacy'],
    identityProviderType: 'API_GATEWAY',
    identityProviderDetails: { url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod', invocationRole: role },
  });
  user('ProviderUser', { userName: 'dave', homeDirectory: `/${bucket.ref}/home/dave` }, custom.attrServerId);

  // AS2: a local certificate whose key is in plain text, a partner profile with a space in its AS2 id, and an
  // agreement on the SFTP server whose local profile has no encryption certificate.
  const signing = new transfer.CfnCertificate(stack, 'PlainKeyCertificate', { certificate: SELF_SIGNED, usage: 'SIGNING', privateKey: '-----BEGIN PRIVATE KEY-----' });
  const localProfile = new transfer.CfnProfile(stack, 'LocalProfile', { as2Id: 'EXAMPLECORP', profileType: 'LOCAL', certificateIds: [signing.attrCertificateId] });
  const partnerProfile = new transfer.CfnProfile(stack, 'PartnerProfile', { as2Id: 'Example Partner', profileType: 'PARTNER' });
  new transfer.CfnAgreement(stack, 'Agreement', {
    serverId: sftp.attrServerId,
    localProfileId: localProfile.attrProfileId,
    partnerProfileId: partnerProfile.attrProfileId,
    accessRole: 'arn:aws:iam::111111111111:role/as2-agreement',
    baseDirectory: `/${bucket.ref}/as2`,
  });

  // Connectors: an SFTP connector trusting an ed25519 host key with the security policy of a server, and an
  // AS2 connector whose local profile id names the partner profile, sending unencrypted messages over HTTP.
  new transfer.CfnConnector(stack, 'SftpConnector', {
    url: 'sftp://sftp.partner.example.com',
    accessRole: 'arn:aws:iam::111111111111:role/connector',
    securityPolicyName: 'TransferSecurityPolicy-2024-01',
    sftpConfig: {
      userSecretId: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:partner-AbCdEf',
      trustedHostKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKNMxsnjLaoXufHTeUfO5Wro+bhxoDHxVNNDuKKH9wtg'],
    },
  });
  new transfer.CfnConnector(stack, 'As2Connector', {
    url: 'http://as2.partner.example.com/as2',
    accessRole: 'arn:aws:iam::111111111111:role/connector',
    as2Config: { LocalProfileId: partnerProfile.attrProfileId, PartnerProfileId: partnerProfile.attrProfileId, EncryptionAlgorithm: 'NONE', SigningAlgorithm: 'SHA256' },
  });
  // An SFTP connector with VPC Lattice egress that also has a URL, and a trusted host key with the host name before it.
  new transfer.CfnConnector(stack, 'LatticeConnector', {
    url: 'sftp://10.0.0.12',
    accessRole: 'arn:aws:iam::111111111111:role/connector',
    egressType: 'VPC_LATTICE',
    egressConfig: { vpcLattice: { resourceConfigurationArn: 'arn:aws:vpc-lattice:eu-west-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0' } },
    sftpConfig: {
      userSecretId: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:partner-AbCdEf',
      trustedHostKeys: ['10.0.0.12 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNvVvQqOlPF/JYI5IP+qyClGWDHFx63GfHReQfmtmYHY0gOD822Upv4A/DVS7LML+CQqiPZSPBDkeE/aN3uRdkk='],
    },
  });

  // Workflows: no steps; a bad step name, an unknown source and the same copy twice; a description with punctuation.
  new transfer.CfnWorkflow(stack, 'EmptyWorkflow', { steps: [] });
  const copy = (name: string, source = '${original.file}') => ({
    type: 'COPY',
    copyStepDetails: { Name: name, SourceFileLocation: source, DestinationFileLocation: { S3FileLocation: { Bucket: 'archive-bucket', Key: 'archive/' } } },
  });
  new transfer.CfnWorkflow(stack, 'StepsWorkflow', {
    steps: [copy('archive uploads'), copy('archive', '${file}'), copy('archive-again')],
    description: 'Archive, twice.',
  });
  // Step details: a bucket ARN as the destination bucket, a custom step waiting an hour, a tag step with no tags.
  new transfer.CfnWorkflow(stack, 'DetailsWorkflow', {
    steps: [
      { type: 'COPY', copyStepDetails: { Name: 'archive', DestinationFileLocation: { S3FileLocation: { Bucket: 'arn:aws:s3:::archive', Key: 'in/' } } } },
      { type: 'CUSTOM', customStepDetails: { Name: 'scan', Target: 'arn:aws:lambda:eu-west-1:111111111111:function:scan', TimeoutSeconds: 3600 } },
      { type: 'TAG', tagStepDetails: { Name: 'mark', Tags: [] } },
    ],
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
    ['UserServer', 'a logged SFTP server on a VPC endpoint: nothing', []],
    ['NameUser', 'user name, SSH key', ['TF-User-2', 'TF-User-4']],
    ['Bob', 'user name unique per server', ['TF-User-3']],
    ['BobAgain', 'user name unique per server', ['TF-User-3']],
    ['MixedUser', 'mapping entry, S3 and EFS in one home, POSIX profile on S3, wildcard in a home key', ['TF-User-7', 'TF-User-8', 'TF-User-11', 'TF-User-14']],
    ['RootUser', 'EFS home on an S3 server, session policy on EFS, root', ['TF-User-8', 'TF-User-12', 'TF-User-15']],
    ['ProviderUser', 'user of a server with a custom identity provider', ['TF-User-1']],
    ['EmptyWorkflow', 'no steps', ['TF-Workflow-1']],
    ['StepsWorkflow', 'step name, source, identical steps, description', ['TF-Workflow-3', 'TF-Workflow-5', 'TF-Workflow-6', 'TF-Workflow-7']],
    ['DetailsWorkflow', 'destination bucket, custom step timeout, tag count', ['TF-Workflow-10', 'TF-Workflow-13', 'TF-Workflow-18']],
    ['PlainKeyCertificate', 'private key in plain text', ['TF-AS2-1']],
    ['LocalProfile', 'a local profile with its certificates: nothing', []],
    ['PartnerProfile', 'AS2 id with a space', ['TF-AS2-8']],
    ['Agreement', 'agreement on an SFTP server, local profile without an encryption certificate', ['TF-AS2-11', 'TF-AS2-14']],
    ['SftpConnector', 'ed25519 host key, a server\'s security policy', ['TF-Connector-5', 'TF-Connector-7']],
    ['As2Connector', 'a partner profile (no certificate) as the local profile of a signing connector, no encryption over HTTP', ['TF-Connector-9', 'TF-Connector-10', 'TF-Connector-18']],
    ['LatticeConnector', 'VPC Lattice egress with a URL, a host name before the trusted host key', ['TF-Connector-16', 'TF-Connector-17']],
  ])('%s: %s', (construct, _what, rules) => {
    expect(at(construct)).toEqual([...rules].sort());
  });

  test('errors are errors and warnings warnings, as in the constructs', () => {
    const level = (rule: string) => found.find((f) => f.ruleName === rule)?.severity;
    expect([level('TF-Server-4'), level('TF-Server-9'), level('TF-User-1'), level('TF-User-11'), level('TF-Workflow-1')])
      .toEqual(['error', 'warning', 'error', 'warning', 'error']);
  });
});
