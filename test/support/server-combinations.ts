/** The server combination space shared by the property test and the conformance suite. */
import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { Domain, Endpoint, IdentityProvider, Protocol, TransferServer } from 'cdk-transfer-family';

/** One point of the space: protocols × endpoint × identity provider × domain × certificate × Elastic IPs. */
export interface Combination {
  readonly protocols: Protocol[];
  readonly endpoint: 'PUBLIC' | 'VPC' | 'VPC_INTERNET_FACING';
  readonly idp: 'SERVICE_MANAGED' | 'AWS_DIRECTORY_SERVICE' | 'API_GATEWAY' | 'AWS_LAMBDA';
  readonly domain: Domain;
  readonly certificate: boolean;
}

/**
 * The truth table, written from the service documents (constraints.md S1–S5), independently of
 * the construct's rule table: does the service accept this server?
 */
export function documentedVerdict(c: Combination): boolean {
  const has = (p: Protocol) => c.protocols.includes(p);
  const vpc = c.endpoint !== 'PUBLIC';
  if (has(Protocol.FTPS) && !c.certificate) return false; // S1
  if ((has(Protocol.FTP) || has(Protocol.FTPS)) && (!vpc || c.idp === 'SERVICE_MANAGED')) return false; // S2
  if (has(Protocol.AS2) && (!vpc || c.domain !== Domain.S3)) return false; // S4
  if (has(Protocol.FTP) && c.endpoint === 'VPC_INTERNET_FACING') return false; // S5
  return true;
}

export const combination: fc.Arbitrary<Combination> = fc.record({
  protocols: fc.subarray([Protocol.SFTP, Protocol.FTP, Protocol.FTPS, Protocol.AS2], { minLength: 1 }),
  endpoint: fc.constantFrom('PUBLIC' as const, 'VPC' as const, 'VPC_INTERNET_FACING' as const),
  idp: fc.constantFrom('SERVICE_MANAGED' as const, 'AWS_DIRECTORY_SERVICE' as const, 'API_GATEWAY' as const, 'AWS_LAMBDA' as const),
  domain: fc.constantFrom(Domain.S3, Domain.EFS),
  certificate: fc.boolean(),
});

export function buildCombination(app: App, c: Combination): Stack {
  const stack = new Stack(app, 'Combination', { env: { account: '111111111111', region: 'us-east-1' } });
  // An imported VPC: no resources to synthesize, so many combinations stay cheap.
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    publicSubnetIds: ['subnet-0000000000000000a', 'subnet-0000000000000000b'],
    isolatedSubnetIds: ['subnet-0000000000000000c', 'subnet-0000000000000000d'],
  });
  const identityProvider = {
    SERVICE_MANAGED: () => IdentityProvider.serviceManaged(),
    AWS_DIRECTORY_SERVICE: () => IdentityProvider.directory({ directoryId: 'd-0123456789' }),
    API_GATEWAY: () => IdentityProvider.apiGateway({
      url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod',
      invocationRole: iam.Role.fromRoleArn(stack, 'Invoke', 'arn:aws:iam::111111111111:role/transfer-invoke'),
    }),
    AWS_LAMBDA: () => IdentityProvider.lambda(lambda.Function.fromFunctionArn(stack, 'Idp', 'arn:aws:lambda:us-east-1:111111111111:function:idp')),
  }[c.idp]();
  new TransferServer(stack, 'Server', {
    protocols: c.protocols,
    endpoint: c.endpoint === 'PUBLIC' ? Endpoint.PUBLIC : Endpoint.vpc({
      vpc,
      vpcSubnets: { subnetType: c.endpoint === 'VPC' ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PUBLIC },
      internetFacing: c.endpoint === 'VPC_INTERNET_FACING',
    }),
    identityProvider,
    domain: c.domain,
    certificate: c.certificate ? acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/0f0e') : undefined,
  });
  return stack;
}

