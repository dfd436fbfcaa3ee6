import { generateKeyPairSync } from 'crypto';
import { Annotations, CfnParameter, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { packFindings, ruleNames } from './pack';
import { PACK_RULES } from '../../src/nag/pack-rules';
import { TransferServer } from 'cdk-transfer-family';

type Props = transfer.CfnServerProps;

const ROLE = 'arn:aws:iam::111111111111:role/transfer';
const CERTIFICATE = 'arn:aws:acm:eu-west-1:111111111111:certificate/0123abcd-0123-0123-0123-0123456789ab';

/** An SFTP server on a VPC endpoint with the newest policy: no rule of the pack finds anything. */
const SFTP: Props = {
  protocols: ['SFTP'],
  endpointType: 'VPC',
  endpointDetails: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] },
  securityPolicyName: 'TransferSecurityPolicy-2025-03',
  structuredLogDestinations: ['arn:aws:logs:eu-west-1:111111111111:log-group:/aws/transfer/sftp'],
};
/** An FTPS server on a VPC endpoint with an API Gateway identity provider: no rule of the pack finds anything. */
const FTPS: Props = {
  ...SFTP,
  protocols: ['FTPS'],
  certificate: CERTIFICATE,
  identityProviderType: 'API_GATEWAY',
  identityProviderDetails: { url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod', invocationRole: ROLE },
};
const AS2: Props = { ...SFTP, protocols: ['AS2'] };
const withEips = (n: number, ids = Array.from({ length: n }, (_, i) => `eipalloc-0123456789abcdef${i}`)): Props => ({
  ...SFTP,
  endpointDetails: {
    vpcId: 'vpc-0123456789abcdef0',
    subnetIds: Array.from({ length: n }, (_, i) => `subnet-0123456789abcdef${i}`),
    addressAllocationIds: ids,
  },
});

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const SECRET = '{{resolve:secretsmanager:host-key}}';

interface Case {
  readonly server: Props;
  readonly hostKey?: Omit<transfer.CfnHostKeyProps, 'serverId'>;
}

/** For each pack rule: an L1 server that breaks it, and one that keeps it. */
const CASES: Record<string, { bad: Case; good: Case }> = {
  'TF-Server-1': { bad: { server: { ...SFTP, protocols: ['SFTP', 'SFTP'] } }, good: { server: SFTP } },
  'TF-Server-2': { bad: { server: { ...FTPS, certificate: undefined } }, good: { server: FTPS } },
  'TF-Server-3': { bad: { server: { ...SFTP, certificate: CERTIFICATE } }, good: { server: FTPS } },
  'TF-Server-4': { bad: { server: { ...FTPS, endpointType: 'PUBLIC', endpointDetails: undefined } }, good: { server: FTPS } },
  'TF-Server-5': { bad: { server: { ...FTPS, identityProviderType: undefined, identityProviderDetails: undefined } }, good: { server: FTPS } },
  'TF-Server-6': { bad: { server: { ...AS2, endpointType: 'PUBLIC', endpointDetails: undefined } }, good: { server: AS2 } },
  'TF-Server-7': { bad: { server: { ...AS2, domain: 'EFS' } }, good: { server: AS2 } },
  'TF-Server-8': { bad: { server: { ...withEips(1), ...FTPS, endpointDetails: withEips(1).endpointDetails, protocols: ['FTP'] } }, good: { server: { ...FTPS, protocols: ['FTP'] } } },
  'TF-Server-9': { bad: { server: { ...FTPS, protocols: ['FTP'] } }, good: { server: FTPS } },
  'TF-Server-10': {
    bad: { server: { ...SFTP, endpointDetails: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], addressAllocationIds: ['eipalloc-0123456789abcdef0', 'eipalloc-0123456789abcdef1'] } } },
    good: { server: withEips(1) },
  },
  'TF-Server-11': { bad: { server: withEips(2, ['eipalloc-0123456789abcdef0', 'eipalloc-0123456789abcdef0']) }, good: { server: withEips(2) } },
  'TF-Server-12': { bad: { server: withEips(4) }, good: { server: withEips(3) } },
  'TF-Server-13': { bad: { server: { ...withEips(1), ipAddressType: 'DUALSTACK' } }, good: { server: { ...SFTP, ipAddressType: 'DUALSTACK' } } },
  'TF-Server-14': { bad: { server: { ...SFTP, endpointDetails: { vpcId: 'vpc-0123456789abcdef0', subnetIds: [] } } }, good: { server: SFTP } },
  'TF-Server-15': { bad: { server: { ...SFTP, endpointType: undefined, endpointDetails: undefined } }, good: { server: SFTP } },
  'TF-Server-16': { bad: { server: { ...SFTP, endpointType: 'VPC_ENDPOINT', endpointDetails: { vpcEndpointId: 'vpce-0123456789abcdef0' } } }, good: { server: SFTP } },
  'TF-Server-17': { bad: { server: { ...SFTP, endpointType: 'VPC_ENDPOINT', endpointDetails: { vpcEndpointId: 'vpce-1' } } }, good: { server: SFTP } },
  'TF-Server-18': { bad: { server: { ...SFTP, endpointDetails: { ...SFTP.endpointDetails as object, securityGroupIds: ['default'] } } }, good: { server: SFTP } },
  'TF-Server-19': { bad: { server: { ...SFTP, postAuthenticationLoginBanner: 'Welcome' } }, good: { server: { ...FTPS, postAuthenticationLoginBanner: 'Welcome' } } },
  'TF-Server-20': { bad: { server: { ...SFTP, preAuthenticationLoginBanner: 'Authorised use only — é' } }, good: { server: { ...SFTP, preAuthenticationLoginBanner: 'Authorised use only' } } },
  'TF-Server-21': {
    bad: { server: { ...SFTP, identityProviderType: 'AWS_DIRECTORY_SERVICE', identityProviderDetails: { directoryId: 'd-1' } } },
    good: { server: { ...SFTP, identityProviderType: 'AWS_DIRECTORY_SERVICE', identityProviderDetails: { directoryId: 'd-0123456789' } } },
  },
  'TF-Server-22': { bad: { server: { ...FTPS, identityProviderDetails: { url: 'http://example.com', invocationRole: ROLE } } }, good: { server: FTPS } },
  'TF-Server-23': { bad: { server: { ...SFTP, loggingRole: 'logging' } }, good: { server: { ...SFTP, loggingRole: ROLE } } },
  'TF-Server-24': {
    bad: { server: { ...SFTP, identityProviderDetails: { sftpAuthenticationMethods: 'PASSWORD' } } },
    good: { server: { ...FTPS, protocols: ['SFTP'], certificate: undefined, identityProviderDetails: { ...FTPS.identityProviderDetails as object, sftpAuthenticationMethods: 'PASSWORD' } } },
  },
  'TF-Server-25': { bad: { server: { ...SFTP, protocolDetails: { passiveIp: 'AUTO' } } }, good: { server: { ...FTPS, protocolDetails: { passiveIp: 'AUTO' } } } },
  'TF-Server-26': { bad: { server: { ...FTPS, protocolDetails: { passiveIp: '203.0.113' } } }, good: { server: { ...FTPS, protocolDetails: { passiveIp: '203.0.113.10' } } } },
  'TF-Server-27': { bad: { server: { ...SFTP, protocolDetails: { tlsSessionResumptionMode: 'ENFORCED' } } }, good: { server: { ...FTPS, protocolDetails: { tlsSessionResumptionMode: 'ENFORCED' } } } },
  'TF-Server-28': { bad: { server: FTPS, hostKey: { hostKeyBody: SECRET } }, good: { server: SFTP, hostKey: { hostKeyBody: SECRET } } },
  'TF-Server-29': { bad: { server: SFTP, hostKey: { hostKeyBody: '{{resolve:ssm-secure:host-key}}' } }, good: { server: SFTP, hostKey: { hostKeyBody: SECRET } } },
  'TF-Server-30': { bad: { server: SFTP, hostKey: { hostKeyBody: 'not a key' } }, good: { server: SFTP, hostKey: { hostKeyBody: ec } } },
  'TF-Server-31': { bad: { server: SFTP, hostKey: { hostKeyBody: SECRET, description: 'x'.repeat(201) } }, good: { server: SFTP, hostKey: { hostKeyBody: SECRET, description: 'primary' } } },
  'TF-Server-32': { bad: { server: SFTP, hostKey: { hostKeyBody: ec } }, good: { server: SFTP, hostKey: { hostKeyBody: SECRET } } },
  'TF-Server-33': {
    bad: { server: { ...SFTP, securityPolicyName: 'TransferSecurityPolicy-FIPS-2025-03' }, hostKey: { hostKeyBody: ed25519 } },
    good: { server: { ...SFTP, securityPolicyName: 'TransferSecurityPolicy-FIPS-2025-03' }, hostKey: { hostKeyBody: ec } },
  },
  'TF-Server-34': { bad: { server: { ...SFTP, securityPolicyName: 'TransferSFTPConnectorSecurityPolicy-2024-03' } }, good: { server: SFTP } },
  'TF-Server-35': { bad: { server: { ...SFTP, securityPolicyName: 'TransferSecurityPolicy-2099-01' } }, good: { server: SFTP } },
  'TF-Server-36': { bad: { server: { ...SFTP, securityPolicyName: 'TransferSecurityPolicy-2018-11' } }, good: { server: SFTP } },
  'TF-Server-37': { bad: { server: { ...SFTP, securityPolicyName: 'TransferSecurityPolicy-2024-01' } }, good: { server: SFTP } },
  'TF-Server-38': {
    bad: { server: { ...SFTP, workflowDetails: { onUpload: [{ workflowId: 'w-0123456789abcdef0', executionRole: '' }] } } },
    good: { server: { ...SFTP, workflowDetails: { onUpload: [{ workflowId: 'w-0123456789abcdef0', executionRole: ROLE }] } } },
  },
  'TF-Server-39': {
    bad: { server: { ...SFTP, workflowDetails: { onUpload: [{ workflowId: 'w-1', executionRole: ROLE }] } } },
    good: { server: { ...SFTP, workflowDetails: { onUpload: [{ workflowId: 'w-0123456789abcdef0', executionRole: ROLE }] } } },
  },
  'TF-Server-40': { bad: { server: { ...SFTP, tags: [{ key: 'aws:owner', value: 'me' }] } }, good: { server: { ...SFTP, tags: [{ key: 'owner', value: 'me' }] } } },
  'TF-Server-41': {
    bad: { server: { ...SFTP, tags: [{ key: 'transfer:customHostname', value: 'not a host name' }] } },
    good: { server: { ...SFTP, tags: [{ key: 'transfer:customHostname', value: 'sftp.example.com' }] } },
  },
  'TF-Server-42': { bad: { server: { ...SFTP, structuredLogDestinations: undefined } }, good: { server: { ...SFTP, structuredLogDestinations: undefined, loggingRole: ROLE } } },
};

function judge(c: Case) {
  return packFindings((app) => {
    const stack = new Stack(app, 'Stack');
    const server = new transfer.CfnServer(stack, 'Server', c.server);
    if (c.hostKey) new transfer.CfnHostKey(stack, 'HostKey', { ...c.hostKey, serverId: server.attrServerId });
  });
}

const SERVER_PACK_RULES = PACK_RULES.filter((r) => r.packId.startsWith('TF-Server-'));

test('every server rule of the pack has a case', () => {
  expect(Object.keys(CASES).sort()).toEqual(SERVER_PACK_RULES.map((r) => r.packId).sort());
});

test('the compliant baselines have no finding', () => {
  expect(judge({ server: SFTP })).toEqual([]);
  expect(judge({ server: FTPS })).toEqual([]);
  expect(judge({ server: AS2 })).toEqual([]);
});

describe.each(SERVER_PACK_RULES.map((r) => [r.packId, r.id, r.severity] as const))('%s (%s)', (packId, libraryId, severity) => {
  test('non-compliant L1', () => {
    const found = judge(CASES[packId].bad).find((f) => f.ruleName === packId);
    expect(found).toBeDefined();
    expect(found!.severity).toBe(severity);
    expect(found!.description).toContain(`(${libraryId})`);
    expect(found!.paths).toEqual(['Stack/Server']);
  });
  test('compliant L1', () => {
    expect(ruleNames(judge(CASES[packId].good))).not.toContain(packId);
  });
});

describe('what the pack does not judge', () => {
  test('tokens: protocols, policy and endpoint unknown at synth', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const policy = new CfnParameter(stack, 'Policy');
      const endpoint = new CfnParameter(stack, 'Endpoint');
      new transfer.CfnServer(stack, 'Server', {
        protocols: Fn.split(',', new CfnParameter(stack, 'Protocols').valueAsString),
        endpointType: endpoint.valueAsString,
        securityPolicyName: policy.valueAsString,
        loggingRole: new CfnParameter(stack, 'LoggingRole').valueAsString,
      });
    });
    expect(found).toEqual([]);
  });

  test('a host key of another server', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      new transfer.CfnServer(stack, 'Server', SFTP);
      const other = new transfer.CfnServer(stack, 'Other', FTPS);
      new transfer.CfnHostKey(stack, 'HostKey', { serverId: other.attrServerId, hostKeyBody: SECRET });
    });
    // The key is FTPS's: TF-Server-28 (host keys need SFTP) is reported on Other only.
    expect(found.filter((f) => f.ruleName === 'TF-Server-28').flatMap((f) => f.paths)).toEqual(['Stack/Other']);
  });
});

describe('suppressions', () => {
  test('a finding acknowledged with Validations.of(scope).acknowledge() is not reported', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const server = new transfer.CfnServer(stack, 'Server', { ...SFTP, endpointType: undefined, endpointDetails: undefined });
      Validations.of(server).acknowledge({ id: 'TF-Server-15', reason: 'partners connect from changing addresses' });
    });
    expect(found).toEqual([]);
  });

  test('a suppression on a scope above the resource applies to it', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      new transfer.CfnServer(stack, 'Server', { ...SFTP, endpointType: undefined, endpointDetails: undefined });
      Validations.of(stack).acknowledge({ id: 'TF-Server-15', reason: 'the whole stack is a public landing zone' });
    });
    expect(found).toEqual([]);
  });

  test('the pack is acknowledged on its own ids: the library\'s acknowledgement of the same warning does not carry over', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const server = new TransferServer(stack, 'Server');
      Annotations.of(server).acknowledgeWarning('cdk-transfer-family:server/public-endpoint', 'a public landing zone');
    });
    expect(found.map((f) => f.ruleName)).toEqual(['TF-Server-15']);
    const acknowledged = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const server = new TransferServer(stack, 'Server');
      Validations.of(server).acknowledge({ id: 'TF-Server-15', reason: 'a public landing zone' });
    });
    expect(acknowledged).toEqual([]);
  });

  test('an unacknowledged TransferServer warning is a pack finding on its CfnServer', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      new TransferServer(stack, 'Server');
    });
    expect(found.map((f) => [f.ruleName, f.paths])).toEqual([['TF-Server-15', ['Stack/Server/Resource']]]);
  });
});
