import { Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { sshKey } from './ssh-keys';
import { fn } from '../support/stacks';
import { RuleCase, RuleCases } from '../validation/rule-cases';
import {
  DirectoryMapping, Domain, HomeDirectory, IdentityProvider, TransferServer, TransferUserOptions,
} from 'cdk-transfer-family';

/** A user of a new S3 server in `stack`, with a chroot home in a new bucket unless `options` say otherwise. */
function s3User(stack: Stack, options: Partial<TransferUserOptions> = {}): TransferServer {
  const server = new TransferServer(stack, 'Server');
  const bucket = new s3.Bucket(stack, 'Home');
  server.addUser('User', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice'), ...options });
  return server;
}

/** A user of a new EFS server in `stack`, its home in an imported file system. */
function efsUser(stack: Stack, options: Partial<TransferUserOptions> = {}): void {
  const server = new TransferServer(stack, 'Server', { domain: Domain.EFS });
  server.addUser('User', {
    userName: 'alice', homeDirectory: HomeDirectory.efs(fileSystem(stack), '/home/alice'), posixProfile: { uid: 1001, gid: 1001 }, ...options,
  });
}

function fileSystem(stack: Stack): efs.IFileSystem {
  return efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
    fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
  });
}

/** A user whose home is `key` of a new bucket: chroot, path or in a logical home. */
const homeKey = (key: string): RuleCase['holds'] => (stack) => {
  s3User(stack, { homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Keyed'), key) });
};

/** A case for each rule of the `TransferUser` table (run by test/validation/rule-cases.test.ts). */
export const USER_RULE_CASES: RuleCases = {
  'user/server-service-managed': {
    breaks: (stack) => {
      const server = new TransferServer(stack, 'Server', { identityProvider: IdentityProvider.lambda(fn(stack)) });
      server.addUser('User', { userName: 'alice', homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Home'), 'home/alice') });
    },
    holds: (stack) => { s3User(stack); },
  },
  'user/name-format': {
    breaks: (stack) => { s3User(stack, { userName: '-alice' }); },
    holds: (stack) => { s3User(stack, { userName: 'partner-acme@example.com' }); },
  },
  'user/name-unique': {
    breaks: (stack) => {
      const server = s3User(stack);
      server.addUser('Again', { userName: 'alice', homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Other'), 'home/alice') });
    },
    holds: (stack) => {
      const server = s3User(stack);
      server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Other'), 'home/bob') });
      // The same name on another server is another user.
      new TransferServer(stack, 'Second').addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Third'), 'home/alice') });
    },
  },
  'user/ssh-key-format': {
    breaks: (stack) => { s3User(stack, { sshPublicKeys: [sshKey('ssh-dss')] }); },
    holds: (stack) => { s3User(stack, { sshPublicKeys: [sshKey('ssh-ed25519'), sshKey('ssh-rsa'), sshKey('ecdsa-sha2-nistp384')] }); },
  },
  'user/ssh-key-count': {
    breaks: (stack) => { s3User(stack, { sshPublicKeys: Array.from({ length: 51 }, (_, i) => sshKey('ssh-ed25519', `k${i}`)) }); },
    holds: (stack) => { s3User(stack, { sshPublicKeys: Array.from({ length: 50 }, (_, i) => sshKey('ssh-ed25519', `k${i}`)) }); },
  },
  'user/logical-needs-mapping': {
    breaks: (stack) => { s3User(stack, { homeDirectory: HomeDirectory.logical([]) }); },
    holds: (stack) => {
      s3User(stack, { homeDirectory: HomeDirectory.logical([DirectoryMapping.s3('/in', new s3.Bucket(stack, 'In'), 'in/alice')]) });
    },
  },
  'user/mapping-paths': {
    breaks: (stack) => {
      const bucket = new s3.Bucket(stack, 'In');
      s3User(stack, { homeDirectory: HomeDirectory.logical([DirectoryMapping.s3('/in', bucket, 'a'), DirectoryMapping.s3('/in', bucket, 'b')]) });
    },
    holds: (stack) => {
      const bucket = new s3.Bucket(stack, 'In');
      s3User(stack, { homeDirectory: HomeDirectory.logical([DirectoryMapping.s3('/in', bucket, 'in/alice'), DirectoryMapping.s3('/out', bucket, 'out/alice')]) });
    },
  },
  'user/home-storage': {
    breaks: (stack) => {
      new TransferServer(stack, 'Server', { domain: Domain.EFS })
        .addUser('User', { userName: 'alice', homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Home'), 'home/alice') });
    },
    holds: (stack) => efsUser(stack),
  },
  'user/efs-needs-posix-profile': {
    breaks: (stack) => efsUser(stack, { posixProfile: undefined }),
    holds: (stack) => efsUser(stack),
  },
  'user/posix-profile-range': {
    breaks: (stack) => efsUser(stack, { posixProfile: { uid: 1001, gid: 4294967296 } }),
    holds: (stack) => efsUser(stack, { posixProfile: { uid: 4294967295, gid: 1001, secondaryGids: Array.from({ length: 16 }, (_, i) => 2000 + i) } }),
  },
  'user/posix-profile-on-s3': {
    breaks: (stack) => { s3User(stack, { posixProfile: { uid: 1001, gid: 1001 } }); },
    holds: (stack) => { s3User(stack); },
  },
  'user/session-policy-on-efs': {
    breaks: (stack) => efsUser(stack, { sessionPolicy: new iam.PolicyDocument() }),
    holds: (stack) => efsUser(stack),
  },
  'user/session-policy-size': {
    // A long home and a role given: the session policy made for the home must narrow that role, and cannot fit.
    breaks: (stack) => {
      s3User(stack, {
        homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Long'), `partners/${'p'.repeat(600)}/alice`),
        role: iam.Role.fromRoleArn(stack, 'Mine', 'arn:aws:iam::111111111111:role/mine'),
      });
    },
    // The same home without a role: the user gets a role of its own, and needs no session policy.
    holds: (stack) => { s3User(stack, { homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Long'), `partners/${'p'.repeat(600)}/alice`) }); },
  },
  'user/home-prefix-characters': {
    breaks: homeKey('home/*'),
    holds: homeKey('home/${transfer:UserName}'),
  },
  'user/read-only-efs-role': {
    breaks: (stack) => efsUser(stack, { readOnly: true, role: iam.Role.fromRoleArn(stack, 'Mine', 'arn:aws:iam::111111111111:role/efs-users') }),
    holds: (stack) => efsUser(stack, { readOnly: true }),
  },
  'user/posix-root': {
    breaks: (stack) => efsUser(stack, { posixProfile: { uid: 0, gid: 1001 } }),
    holds: (stack) => efsUser(stack, { posixProfile: { uid: 1001, gid: 1001, secondaryGids: [0] } }),
  },
  'user/role-arn': {
    breaks: (stack) => { s3User(stack, { role: iam.Role.fromRoleArn(stack, 'Mine', 'arn:aws:iam::111111111111:user/alice', { mutable: false }) }); },
    holds: (stack) => { s3User(stack, { role: iam.Role.fromRoleArn(stack, 'Mine', 'arn:aws:iam::111111111111:role/partners', { mutable: false }) }); },
  },
  'user/tags': {
    breaks: (stack) => { Tags.of(s3User(stack)).add('aws:team', 'payments'); },
    holds: (stack) => { Tags.of(s3User(stack)).add('team', 'payments'); },
  },
};
