import * as crypto from 'crypto';
import { SecretValue, Stack, Tags } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { openssh } from '../support/server-combinations';
import { fn } from '../support/stacks';
import { RuleCase, RuleCases } from '../validation/rule-cases';
import {
  Domain, Endpoint, HostKey, HostKeyAlgorithm, IdentityProvider, IpAddressType, Protocol, SecurityPolicy, SftpAuthenticationMethods,
  TlsSessionResumptionMode, TransferServer, TransferServerProps, Workflow,
} from 'cdk-transfer-family';

/** What a case's server is made from: its stack and, made when first asked for, what servers are often given. */
class Ctx {
  private made = new Map<string, unknown>();

  constructor(public readonly stack: Stack) {}

  /** A VPC of two zones, with two public and two private subnets. */
  public get vpc(): ec2.IVpc {
    return this.once('vpc', () => ec2.Vpc.fromVpcAttributes(this.stack, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      publicSubnetIds: ['subnet-aaaaaaaaaaaaaaaaa', 'subnet-bbbbbbbbbbbbbbbbb'],
      privateSubnetIds: ['subnet-11111111111111111', 'subnet-22222222222222222'],
    }));
  }

  /** A VPC of four zones, with four public subnets. */
  public get fourZoneVpc(): ec2.IVpc {
    const hex = (c: string) => `subnet-${c.repeat(17)}`;
    return this.once('vpc4', () => ec2.Vpc.fromVpcAttributes(this.stack, 'Vpc4', {
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1d'],
      publicSubnetIds: ['a', 'b', 'c', 'd'].map(hex),
    }));
  }

  /** A Lambda identity provider. */
  public get idp(): IdentityProvider {
    return IdentityProvider.lambda(this.once('idp', () => fn(this.stack, 'Idp')));
  }

  public get certificate(): acm.ICertificate {
    return this.once('cert', () => acm.Certificate.fromCertificateArn(this.stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc'));
  }

  public get role(): iam.IRole {
    return this.once('role', () => new iam.Role(this.stack, 'Role', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') }));
  }

  public get zone(): route53.IHostedZone {
    return this.once('zone', () => route53.HostedZone.fromHostedZoneAttributes(this.stack, 'Zone', { hostedZoneId: 'Z123', zoneName: 'example.com' }));
  }

  /** An FTPS server in the VPC, as FTPS needs it: a certificate and a custom identity provider. */
  public ftps(props: TransferServerProps = {}): TransferServerProps {
    return {
      protocols: [Protocol.FTPS], endpoint: Endpoint.vpc({ vpc: this.vpc }), identityProvider: this.idp, certificate: this.certificate, ...props,
    };
  }

  /** An FTP server in the VPC, with a custom identity provider. */
  public ftp(props: TransferServerProps = {}): TransferServerProps {
    return { protocols: [Protocol.FTP], endpoint: Endpoint.vpc({ vpc: this.vpc }), identityProvider: this.idp, ...props };
  }

  private once<T>(key: string, make: () => T): T {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as T;
  }
}

type Props = (c: Ctx) => TransferServerProps;

/** The case of a rule that one server breaks with `breaks` and keeps with `holds`. */
function serverCase(breaks: Props, holds: Props): RuleCase {
  const build = (props: Props) => (stack: Stack) => {
    new TransferServer(stack, 'Server', props(new Ctx(stack)));
  };
  return { breaks: build(breaks), holds: build(holds) };
}

/** An unencrypted OpenSSH ED25519 private key, made once. */
let ed25519: string | undefined;
const ed25519Key = () => (ed25519 ??= openssh(crypto.generateKeyPairSync('ed25519').privateKey));
const secretKey = (options = {}) => HostKey.fromSecretValue(SecretValue.secretsManager('sftp/host-key'), options);
const workflow = (c: Ctx, workflowId: string, withRole = true) => Workflow.fromWorkflowAttributes(c.stack, 'Workflow', {
  workflowId, executionRole: withRole ? c.role : undefined,
});

/** A case that breaks and one that holds for every rule of this area (run by test/validation/rule-cases.test.ts). */
export const SERVER_RULE_CASES: RuleCases = {
  'server/protocols-count': serverCase(() => ({ protocols: [Protocol.SFTP, Protocol.SFTP] }), () => ({ protocols: [Protocol.SFTP] })),
  'server/ftps-needs-certificate': serverCase((c) => c.ftps({ certificate: undefined }), (c) => c.ftps()),
  'server/certificate-needs-ftps': serverCase((c) => ({ certificate: c.certificate }), (c) => c.ftps()),
  'server/ftp-needs-vpc': serverCase((c) => c.ftp({ endpoint: Endpoint.PUBLIC }), (c) => c.ftp()),
  'server/ftp-needs-custom-identity-provider': serverCase((c) => c.ftp({ identityProvider: IdentityProvider.serviceManaged() }), (c) => c.ftp()),
  'server/as2-needs-vpc': serverCase(() => ({ protocols: [Protocol.AS2] }), (c) => ({ protocols: [Protocol.AS2], endpoint: Endpoint.vpc({ vpc: c.vpc }) })),
  'server/as2-needs-s3': serverCase(
    (c) => ({ protocols: [Protocol.AS2], endpoint: Endpoint.vpc({ vpc: c.vpc }), domain: Domain.EFS }),
    (c) => ({ protocols: [Protocol.AS2], endpoint: Endpoint.vpc({ vpc: c.vpc }), domain: Domain.S3 }),
  ),
  'server/ftp-no-elastic-ips': serverCase(
    (c) => c.ftp({ endpoint: Endpoint.vpc({ vpc: c.vpc, internetFacing: true }) }),
    (c) => c.ftps({ endpoint: Endpoint.vpc({ vpc: c.vpc, internetFacing: true }) }),
  ),
  'server/ftp-plaintext': serverCase((c) => c.ftp(), (c) => c.ftps()),
  'server/elastic-ips-per-subnet': serverCase(
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc, addressAllocationIds: ['eipalloc-1'] }) }),
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc, addressAllocationIds: ['eipalloc-1', 'eipalloc-2'] }) }),
  ),
  'server/elastic-ips-unique': serverCase(
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc, addressAllocationIds: ['eipalloc-1', 'eipalloc-1'] }) }),
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc, addressAllocationIds: ['eipalloc-1', 'eipalloc-2'] }) }),
  ),
  'server/elastic-ips-at-most-three': serverCase(
    // Subnets selected explicitly are all used; by default, the first three public subnets are.
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.fourZoneVpc, internetFacing: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }) }),
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.fourZoneVpc, internetFacing: true }) }),
  ),
  'server/elastic-ips-not-dualstack': serverCase(
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc, internetFacing: true }), ipAddressType: IpAddressType.DUALSTACK }),
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc }), ipAddressType: IpAddressType.DUALSTACK }),
  ),
  'server/vpc-subnets': serverCase(
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc, vpcSubnets: { subnetFilters: [ec2.SubnetFilter.byIds([])] } }) }),
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc }) }),
  ),
  'server/public-endpoint': serverCase(() => ({ endpoint: Endpoint.PUBLIC }), (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc, internetFacing: true }) })),
  'server/vpc-endpoint-type-deprecated': serverCase(
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    () => ({ endpoint: Endpoint.vpcEndpoint('vpce-0123456789abcdef0') }),
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc }) }),
  ),
  // Every VPC_ENDPOINT endpoint is refused (server/vpc-endpoint-type-deprecated): the nearest app that holds is a VPC one.
  'server/vpc-endpoint-id-format': serverCase(
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    () => ({ endpoint: Endpoint.vpcEndpoint('vpce-123') }),
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc }) }),
  ),
  'server/security-group-id-format': serverCase(
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(c.stack, 'Sg', 'sg-NOPE')] }) }),
    (c) => ({ endpoint: Endpoint.vpc({ vpc: c.vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(c.stack, 'Sg', 'sg-0123456789abcdef0')] }) }),
  ),
  'server/post-authentication-banner-needs-ftp': serverCase(
    () => ({ postAuthenticationLoginBanner: 'Authorized use only' }),
    (c) => c.ftps({ postAuthenticationLoginBanner: 'Authorized use only' }),
  ),
  'server/banner-format': serverCase(
    () => ({ preAuthenticationLoginBanner: 'Welcome \u2014 partners' }),
    () => ({ preAuthenticationLoginBanner: 'Welcome - partners\nAuthorized use only' }),
  ),
  'server/directory-id-format': serverCase(
    (c) => ({ identityProvider: IdentityProvider.directory({ directoryId: 'd-XYZ' }), endpoint: Endpoint.vpc({ vpc: c.vpc }) }),
    (c) => ({ identityProvider: IdentityProvider.directory({ directoryId: 'd-0123456789' }), endpoint: Endpoint.vpc({ vpc: c.vpc }) }),
  ),
  'server/api-gateway-url': serverCase(
    (c) => ({ identityProvider: IdentityProvider.apiGateway({ url: 'http://idp.example.com/prod', invocationRole: c.role }) }),
    (c) => ({ identityProvider: IdentityProvider.apiGateway({ url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod', invocationRole: c.role }) }),
  ),
  'server/arn-format': serverCase(
    (c) => c.ftps({ certificate: acm.Certificate.fromCertificateArn(c.stack, 'BadCert', 'certificate/abc') }),
    (c) => c.ftps({ identityProvider: IdentityProvider.lambda(lambda.Function.fromFunctionArn(c.stack, 'F', 'arn:aws:lambda:eu-west-1:111111111111:function:idp')) }),
  ),
  'server/sftp-authentication-methods': serverCase(
    () => ({ sftpAuthenticationMethods: SftpAuthenticationMethods.PASSWORD }),
    (c) => ({ identityProvider: c.idp, sftpAuthenticationMethods: SftpAuthenticationMethods.PASSWORD }),
  ),
  'server/passive-ip-needs-ftp': serverCase(() => ({ passiveIp: 'AUTO' }), (c) => c.ftps({ passiveIp: 'AUTO' })),
  'server/passive-ip-format': serverCase((c) => c.ftps({ passiveIp: '300.1.1.1' }), (c) => c.ftps({ passiveIp: '203.0.113.10' })),
  'server/tls-session-resumption-needs-ftps': serverCase(
    () => ({ tlsSessionResumptionMode: TlsSessionResumptionMode.DISABLED }),
    (c) => c.ftps({ tlsSessionResumptionMode: TlsSessionResumptionMode.DISABLED }),
  ),
  'server/host-keys-need-sftp': serverCase(
    (c) => ({ protocols: [Protocol.AS2], endpoint: Endpoint.vpc({ vpc: c.vpc }), hostKeys: [secretKey()] }),
    (c) => ({ protocols: [Protocol.SFTP, Protocol.AS2], endpoint: Endpoint.vpc({ vpc: c.vpc }), hostKeys: [secretKey()] }),
  ),
  'server/host-key-ssm-secure': serverCase(
    () => ({ hostKeys: [HostKey.fromSecretValue(SecretValue.ssmSecure('/sftp/host-key'))] }),
    () => ({ hostKeys: [secretKey()] }),
  ),
  'server/host-key-body': serverCase(
    () => ({ hostKeys: [HostKey.fromString('not a key')] }),
    () => ({ hostKeys: [HostKey.fromString(ed25519Key(), { algorithm: HostKeyAlgorithm.ED25519 })] }),
  ),
  'server/host-key-description': serverCase(
    () => ({ hostKeys: [secretKey({ description: 'x'.repeat(201) })] }),
    () => ({ hostKeys: [secretKey({ description: 'Primary key (2026), rotate yearly' })] }),
  ),
  'server/host-key-plain-text': serverCase(() => ({ hostKeys: [HostKey.fromString(ed25519Key())] }), () => ({ hostKeys: [secretKey()] })),
  'server/host-key-ed25519-fips': serverCase(
    () => ({ securityPolicy: SecurityPolicy.FIPS_2025_03, hostKeys: [secretKey({ algorithm: HostKeyAlgorithm.ED25519 })] }),
    () => ({ securityPolicy: SecurityPolicy.FIPS_2025_03, hostKeys: [secretKey({ algorithm: HostKeyAlgorithm.ECDSA })] }),
  ),
  'server/security-policy-name': serverCase(
    () => ({ securityPolicy: SecurityPolicy.of('TransferSFTPConnectorSecurityPolicy-2024-03') }),
    () => ({ securityPolicy: SecurityPolicy.TRANSFER_2025_03 }),
  ),
  'server/security-policy-unknown': serverCase(
    () => ({ securityPolicy: SecurityPolicy.of('TransferSecurityPolicy-2031-01') }),
    () => ({ securityPolicy: SecurityPolicy.of('TransferSecurityPolicy-2025-03') }),
  ),
  'server/security-policy-outdated': serverCase(
    () => ({ securityPolicy: SecurityPolicy.TRANSFER_2020_06 }),
    () => ({ securityPolicy: SecurityPolicy.TRANSFER_2025_03 }),
  ),
  'server/security-policy-not-post-quantum': serverCase(
    () => ({ securityPolicy: SecurityPolicy.TRANSFER_2024_01 }),
    () => ({ securityPolicy: SecurityPolicy.FIPS_2025_03 }),
  ),
  'server/workflow-execution-role': serverCase(
    (c) => ({ onUpload: workflow(c, 'w-0123456789abcdef0', false) }),
    (c) => ({ onUpload: workflow(c, 'w-0123456789abcdef0') }),
  ),
  'server/workflow-id-format': serverCase(
    (c) => ({ onUpload: workflow(c, 'w-NOT-A-WORKFLOW') }),
    (c) => ({ onUpload: workflow(c, 'w-0123456789abcdef0') }),
  ),
  'server/tags': {
    breaks: (stack) => {
      Tags.of(new TransferServer(stack, 'Server', { hostKeys: [secretKey()] })).add('aws:team', 'sftp');
    },
    holds: (stack) => {
      Tags.of(new TransferServer(stack, 'Server', { hostKeys: [secretKey()] })).add('team', 'sftp');
    },
  },
  'server/custom-hostname': serverCase(
    (c) => ({ customHostname: { hostname: 'sftp.example.org', hostedZone: c.zone } }),
    (c) => ({ customHostname: { hostname: 'sftp.example.com', hostedZone: c.zone } }),
  ),
  'server/custom-hostname-record': serverCase(
    (c) => ({
      endpoint: Endpoint.vpc({ vpc: c.vpc }),
      customHostname: { hostname: 'sftp.example.com', hostedZone: new route53.PublicHostedZone(c.stack, 'PublicZone', { zoneName: 'example.com' }) },
    }),
    (c) => ({
      endpoint: Endpoint.vpc({ vpc: c.vpc }),
      customHostname: { hostname: 'sftp.example.com', hostedZone: new route53.PrivateHostedZone(c.stack, 'PrivateZone', { zoneName: 'example.com', vpc: c.vpc }) },
    }),
  ),
};
