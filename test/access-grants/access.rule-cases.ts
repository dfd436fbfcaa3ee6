import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RuleCases } from '../validation/rule-cases';
import {
  DirectoryMapping, Domain, HomeDirectory, IdentityProvider, TransferAccessOptions, TransferServer,
} from 'cdk-transfer-family';

export const FINANCE_SID = 'S-1-1-12-1234567890-123456789-1234567890-1234';
const DIRECTORY = IdentityProvider.directory({ directoryId: 'd-0123456789' });

/** An access of a new directory S3 server in `stack`, with a chroot home in a new bucket unless `options` say otherwise. */
function s3Access(stack: Stack, options: Partial<TransferAccessOptions> = {}): TransferServer {
  const server = new TransferServer(stack, 'Server', { identityProvider: DIRECTORY });
  server.addAccess('Finance', { externalId: FINANCE_SID, homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Home'), 'groups/finance'), ...options });
  return server;
}

/** An access of a new directory EFS server in `stack`, its home in an imported file system. */
function efsAccess(stack: Stack, options: Partial<TransferAccessOptions> = {}): void {
  const server = new TransferServer(stack, 'Server', { domain: Domain.EFS, identityProvider: DIRECTORY });
  server.addAccess('Finance', {
    externalId: FINANCE_SID, homeDirectory: HomeDirectory.efs(fileSystem(stack), '/groups/finance'), posixProfile: { uid: 2001, gid: 2001 }, ...options,
  });
}

function fileSystem(stack: Stack): efs.IFileSystem {
  return efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
    fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
  });
}

/** A case for each rule of the `TransferAccess` table (run by test/validation/rule-cases.test.ts). */
export const ACCESS_RULE_CASES: RuleCases = {
  'access/server-directory': {
    breaks: (stack) => {
      const server = new TransferServer(stack, 'Server');
      server.addAccess('Finance', { externalId: FINANCE_SID, homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Home'), 'groups/finance') });
    },
    holds: (stack) => { s3Access(stack); },
  },
  'access/external-id-format': {
    breaks: (stack) => { s3Access(stack, { externalId: 'Finance' }); },
    holds: (stack) => { s3Access(stack, { externalId: 'S-1-5-21-1004336348-1177238915-682003330-512' }); },
  },
  'access/external-id-unique': {
    breaks: (stack) => {
      const server = s3Access(stack);
      server.addAccess('Again', { externalId: FINANCE_SID, homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Other'), 'groups/again') });
    },
    holds: (stack) => {
      const server = s3Access(stack);
      server.addAccess('Auditors', { externalId: 'S-1-1-12-1234567890-123456789-1234567890-5678', homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Other'), 'groups/auditors') });
    },
  },
  'access/logical-needs-mapping': {
    breaks: (stack) => { s3Access(stack, { homeDirectory: HomeDirectory.logical([]) }); },
    holds: (stack) => { s3Access(stack, { homeDirectory: HomeDirectory.logical([DirectoryMapping.s3('/in', new s3.Bucket(stack, 'In'), 'in/finance')]) }); },
  },
  'access/mapping-paths': {
    breaks: (stack) => {
      const bucket = new s3.Bucket(stack, 'In');
      s3Access(stack, { homeDirectory: HomeDirectory.logical([DirectoryMapping.s3('/in', bucket, 'a'), DirectoryMapping.s3('/in', bucket, 'b')]) });
    },
    holds: (stack) => {
      const bucket = new s3.Bucket(stack, 'In');
      s3Access(stack, { homeDirectory: HomeDirectory.logical([DirectoryMapping.s3('/in', bucket, 'in/finance'), DirectoryMapping.s3('/out', bucket, 'out/finance')]) });
    },
  },
  'access/home-prefix-characters': {
    breaks: (stack) => { s3Access(stack, { homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Keyed'), 'groups/*') }); },
    holds: (stack) => { s3Access(stack, { homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Keyed'), 'groups/finance-2026') }); },
  },
  'access/home-storage': {
    breaks: (stack) => { efsAccess(stack, { homeDirectory: HomeDirectory.chroot(new s3.Bucket(stack, 'Home'), 'groups/finance') }); },
    holds: (stack) => efsAccess(stack),
  },
  'access/efs-needs-posix-profile': {
    breaks: (stack) => efsAccess(stack, { posixProfile: undefined }),
    holds: (stack) => efsAccess(stack),
  },
  'access/posix-profile-range': {
    breaks: (stack) => efsAccess(stack, { posixProfile: { uid: -1, gid: 2001 } }),
    holds: (stack) => efsAccess(stack, { posixProfile: { uid: 4294967295, gid: 2001, secondaryGids: [1, 2] } }),
  },
  'access/posix-profile-on-s3': {
    breaks: (stack) => { s3Access(stack, { posixProfile: { uid: 2001, gid: 2001 } }); },
    holds: (stack) => { s3Access(stack); },
  },
  'access/posix-root': {
    breaks: (stack) => efsAccess(stack, { posixProfile: { uid: 0, gid: 2001 } }),
    holds: (stack) => efsAccess(stack, { posixProfile: { uid: 2001, gid: 2001, secondaryGids: [0] } }),
  },
  'access/session-policy-on-efs': {
    breaks: (stack) => efsAccess(stack, { sessionPolicy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] }) }),
    holds: (stack) => efsAccess(stack),
  },
  'access/read-only-efs-role': {
    breaks: (stack) => efsAccess(stack, { readOnly: true, role: iam.Role.fromRoleArn(stack, 'Mine', 'arn:aws:iam::111111111111:role/efs-groups') }),
    holds: (stack) => efsAccess(stack, { readOnly: true }),
  },
  'access/role-arn': {
    breaks: (stack) => { s3Access(stack, { role: iam.Role.fromRoleArn(stack, 'Mine', 'arn:aws:iam::111111111111:user/finance', { mutable: false }) }); },
    holds: (stack) => { s3Access(stack, { role: iam.Role.fromRoleArn(stack, 'Mine', 'arn:aws:iam::111111111111:role/finance', { mutable: false }) }); },
  },
  'access/session-policy-size': {
    breaks: (stack) => {
      const statements = Array.from({ length: 40 }, (_, i) => new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::files/groups/finance/${i}/*`] }));
      s3Access(stack, { sessionPolicy: new iam.PolicyDocument({ statements }) });
    },
    holds: (stack) => {
      s3Access(stack, { sessionPolicy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::files/groups/finance/*'] })] }) });
    },
  },
};
