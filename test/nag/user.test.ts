import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { packFindings, ruleNames } from './pack';
import { PACK_RULES } from '../../src/nag/pack-rules';
import { sshKey } from '../user/ssh-keys';

type UserProps = Omit<transfer.CfnUserProps, 'serverId' | 'role'> & { readonly role?: string };

const ROLE = 'arn:aws:iam::111111111111:role/transfer-user';
/** A logged SFTP server on a VPC endpoint with service-managed users: no server rule of the pack finds anything. */
const SERVER: transfer.CfnServerProps = {
  protocols: ['SFTP'],
  endpointType: 'VPC',
  endpointDetails: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] },
  securityPolicyName: 'TransferSecurityPolicy-2025-03',
  structuredLogDestinations: ['arn:aws:logs:eu-west-1:111111111111:log-group:/aws/transfer/sftp'],
};
const EFS_SERVER: transfer.CfnServerProps = { ...SERVER, domain: 'EFS' };

interface Case {
  readonly server?: transfer.CfnServerProps;
  /** The user, given the stack's bucket and file system. */
  readonly user: (bucket: s3.CfnBucket, fs: efs.CfnFileSystem) => UserProps;
  /** More users of the same server. */
  readonly others?: ReadonlyArray<UserProps>;
}

/** A chroot to the user's prefix of the stack's bucket, as the CloudFormation docs write one. */
const chroot = (bucket: s3.CfnBucket, key = 'home/alice'): UserProps => ({
  userName: 'alice',
  homeDirectoryType: 'LOGICAL',
  homeDirectoryMappings: [{ entry: '/', target: `/${bucket.ref}/${key}` }],
  sshPublicKeys: [sshKey()],
});
const efsHome = (fs: efs.CfnFileSystem, uid = 1001): UserProps => ({
  userName: 'alice',
  homeDirectoryType: 'LOGICAL',
  homeDirectoryMappings: [{ entry: '/', target: `/${fs.ref}/home/alice` }],
  posixProfile: { uid, gid: 1001 },
});
const policy = (statements: number) => JSON.stringify({
  Version: '2012-10-17',
  Statement: Array.from({ length: statements }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::landing/home/alice/${i}/*` })),
});

/** For each user rule of the pack: an L1 user that breaks it, and one that keeps it. */
const CASES: Record<string, { bad: Case; good: Case }> = {
  'TF-User-1': {
    bad: { server: { ...SERVER, identityProviderType: 'API_GATEWAY', identityProviderDetails: { url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod', invocationRole: ROLE } }, user: (b) => chroot(b) },
    good: { user: (b) => chroot(b) },
  },
  'TF-User-2': { bad: { user: (b) => ({ ...chroot(b), userName: '-alice' }) }, good: { user: (b) => ({ ...chroot(b), userName: 'alice.smith@acme' }) } },
  'TF-User-3': {
    bad: { user: (b) => chroot(b), others: [{ userName: 'alice', homeDirectory: '/landing/home/alice2' }] },
    good: { user: (b) => chroot(b), others: [{ userName: 'bob', homeDirectory: '/landing/home/bob' }] },
  },
  'TF-User-4': { bad: { user: (b) => ({ ...chroot(b), sshPublicKeys: ['ssh-dss AAAAB3NzaC1kc3MAAACBAP alice'] }) }, good: { user: (b) => chroot(b) } },
  'TF-User-5': {
    bad: { user: (b) => ({ ...chroot(b), sshPublicKeys: Array.from({ length: 51 }, (_, i) => sshKey('ssh-ed25519', `key-${i}`)) }) },
    good: { user: (b) => ({ ...chroot(b), sshPublicKeys: Array.from({ length: 50 }, (_, i) => sshKey('ssh-ed25519', `key-${i}`)) }) },
  },
  'TF-User-6': { bad: { user: (b) => ({ ...chroot(b), homeDirectoryMappings: [] }) }, good: { user: (b) => chroot(b) } },
  'TF-User-7': {
    bad: { user: (b) => ({ ...chroot(b), homeDirectoryMappings: [{ entry: 'in', target: `/${b.ref}/in` }, { entry: '/out', target: `/${b.ref}/${'x'.repeat(1030)}` }] }) },
    good: { user: (b) => ({ ...chroot(b), homeDirectoryMappings: [{ entry: '/in', target: `/${b.ref}/in` }, { entry: '/out', target: `/${b.ref}/out` }] }) },
  },
  'TF-User-8': {
    bad: { user: (b, fs) => ({ ...chroot(b), homeDirectoryMappings: [{ entry: '/in', target: `/${b.ref}/in` }, { entry: '/efs', target: `/${fs.ref}/x` }] }) },
    good: { server: EFS_SERVER, user: (_b, fs) => efsHome(fs) },
  },
  'TF-User-9': { bad: { server: EFS_SERVER, user: (_b, fs) => ({ ...efsHome(fs), posixProfile: undefined }) }, good: { server: EFS_SERVER, user: (_b, fs) => efsHome(fs) } },
  'TF-User-10': {
    bad: {
      server: EFS_SERVER,
      user: (_b, fs) => ({ ...efsHome(fs), posixProfile: { uid: -1, gid: 1001, secondaryGids: Array.from({ length: 17 }, (_, i) => i + 2000) } }),
    },
    good: { server: EFS_SERVER, user: (_b, fs) => ({ ...efsHome(fs), posixProfile: { uid: 1001, gid: 1001, secondaryGids: [2000] } }) },
  },
  'TF-User-11': { bad: { user: (b) => ({ ...chroot(b), posixProfile: { uid: 1001, gid: 1001 } }) }, good: { user: (b) => chroot(b) } },
  'TF-User-12': {
    bad: { server: EFS_SERVER, user: (_b, fs) => ({ ...efsHome(fs), policy: policy(1) }) },
    good: { user: (b) => ({ ...chroot(b), policy: policy(1) }) },
  },
  'TF-User-13': { bad: { user: (b) => ({ ...chroot(b), policy: policy(30) }) }, good: { user: (b) => ({ ...chroot(b), policy: policy(10) }) } },
  'TF-User-14': {
    bad: { user: (b) => chroot(b, 'home/*') },
    good: { user: (b) => chroot(b, 'home/${transfer:UserName}') },
  },
  'TF-User-15': { bad: { server: EFS_SERVER, user: (_b, fs) => efsHome(fs, 0) }, good: { server: EFS_SERVER, user: (_b, fs) => efsHome(fs) } },
  'TF-User-16': { bad: { user: (b) => ({ ...chroot(b), role: 'arn:aws:iam::111111111111:user/alice' }) }, good: { user: (b) => chroot(b) } },
  'TF-User-17': {
    bad: { user: (b) => ({ ...chroot(b), tags: [{ key: 'aws:owner', value: 'legacy' }] }) },
    good: { user: (b) => ({ ...chroot(b), tags: [{ key: 'owner', value: 'legacy' }] }) },
  },
};

function judge(c: Case) {
  return packFindings((app) => {
    const stack = new Stack(app, 'Stack');
    const server = new transfer.CfnServer(stack, 'Server', c.server ?? SERVER);
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    const fs = new efs.CfnFileSystem(stack, 'FileSystem', { encrypted: true });
    const { role, ...user } = c.user(bucket, fs);
    new transfer.CfnUser(stack, 'User', { ...user, role: role ?? ROLE, serverId: server.attrServerId });
    (c.others ?? []).forEach((o, i) => new transfer.CfnUser(stack, `Other${i}`, { ...o, role: o.role ?? ROLE, serverId: server.attrServerId }));
  });
}

const USER_PACK_RULES = PACK_RULES.filter((r) => r.packId.startsWith('TF-User-'));

test('every user rule of the pack has a case', () => {
  expect(Object.keys(CASES).sort()).toEqual(USER_PACK_RULES.map((r) => r.packId).sort());
});

test('the compliant baselines have no finding', () => {
  expect(judge({ user: (b) => chroot(b) })).toEqual([]);
  expect(judge({ server: EFS_SERVER, user: (_b, fs) => efsHome(fs) })).toEqual([]);
});

describe.each(USER_PACK_RULES.map((r) => [r.packId, r.id, r.severity] as const))('%s (%s)', (packId, libraryId, severity) => {
  test('non-compliant L1', () => {
    const found = judge(CASES[packId].bad).find((f) => f.ruleName === packId);
    expect(found).toBeDefined();
    expect(found!.severity).toBe(severity);
    expect(found!.description).toContain(`(${libraryId})`);
    expect(found!.paths).toContain('Stack/User');
  });
  test('compliant L1', () => {
    expect(ruleNames(judge(CASES[packId].good))).not.toContain(packId);
  });
});

describe('what the user rules of the pack do not judge', () => {
  test('tokens: a user name, keys, mappings and a server of another stack unknown at synth', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const keys = new CfnParameter(stack, 'Keys', { type: 'CommaDelimitedList' }).valueAsList;
      const target = new CfnParameter(stack, 'Target').valueAsString;
      new transfer.CfnUser(stack, 'User', {
        serverId: Fn.importValue('server-id'),
        userName: name,
        role: ROLE,
        sshPublicKeys: keys,
        homeDirectoryType: 'LOGICAL',
        homeDirectoryMappings: [{ entry: '/', target }],
        posixProfile: { uid: new CfnParameter(stack, 'Uid', { type: 'Number' }).valueAsNumber, gid: 1001 },
      });
    });
    // The POSIX profile on a home of unknown storage is not judged either.
    expect(found).toEqual([]);
  });

  test('a literal `/fs-…` target is on EFS, a literal `/<bucket>/…` target on S3', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const server = new transfer.CfnServer(stack, 'Server', SERVER);
      new transfer.CfnUser(stack, 'User', {
        serverId: server.attrServerId,
        userName: 'alice',
        role: ROLE,
        homeDirectoryType: 'LOGICAL',
        homeDirectoryMappings: [{ entry: '/in', target: '/landing/in' }, { entry: '/efs', target: '/fs-0123456789abcdef0/x' }],
      });
    });
    expect(ruleNames(found).sort()).toEqual(['TF-User-8', 'TF-User-9']);
  });

  test('a PATH home (CloudFormation\'s default type) is judged by its `HomeDirectory`', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const server = new transfer.CfnServer(stack, 'Server', SERVER);
      new transfer.CfnUser(stack, 'User', { serverId: server.attrServerId, userName: 'alice', role: ROLE, homeDirectory: '/landing/home/?' });
    });
    expect(ruleNames(found)).toEqual(['TF-User-14']);
  });
});
