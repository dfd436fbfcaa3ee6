import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { anyValue, assertRobust, oneWrong } from '../support/robustness';
import { Domain, HomeDirectory, IdentityProvider, TransferAccess, TransferServer } from 'cdk-transfer-family';

/**
 * The robustness property (test/support/robustness.ts) of `server.addAccess()` and `new TransferAccess`:
 * whatever they are given, they build something the strict schema check accepts, or throw an Error
 * naming a prop, never a TypeError. (To move into test/robustness/ with the other areas' cases: that
 * folder is shared.)
 */
jest.setTimeout(120_000);

const record = ((model: never, constraints?: object) => fc.record(model, { ...constraints, noNullPrototype: true })) as typeof fc.record;

test('TransferAccess and server.addAccess()', () => {
  assertRobust(oneWrong(record({
    externalId: fc.oneof(fc.stringMatching(/^S-1-[0-9-]{1,40}$/), anyValue),
    prefix: fc.stringMatching(/^[a-z0-9/]{0,20}$/),
    efs: fc.boolean(),
    readOnly: fc.option(fc.boolean(), { nil: undefined }),
    uid: fc.integer({ min: 1, max: 65535 }),
    gids: fc.option(fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }), { nil: undefined }),
    role: fc.boolean(),
    viaServer: fc.boolean(),
  })), (stack: Stack, i) => {
    const server = new TransferServer(stack, 'Server', {
      domain: i.efs === true ? Domain.EFS : Domain.S3,
      identityProvider: IdentityProvider.directory({ directoryId: 'd-0123456789' }),
    });
    const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
      fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
    });
    const prefix = i.prefix as string;
    const homeDirectory = typeof prefix !== 'string' ? prefix as never
      : i.efs === true ? HomeDirectory.efs(fileSystem, `/${prefix}`) : HomeDirectory.chroot(new s3.Bucket(stack, 'B'), prefix);
    const options = {
      externalId: i.externalId as string,
      homeDirectory,
      readOnly: i.readOnly,
      posixProfile: i.efs === true ? { uid: i.uid, gid: i.uid, secondaryGids: i.gids } : undefined,
      role: i.role === true ? iam.Role.fromRoleArn(stack, 'Given', 'arn:aws:iam::111111111111:role/groups', { mutable: false }) : i.role as never,
    };
    if (i.viaServer === true) server.addAccess('A', options);
    else new TransferAccess(stack, 'A', { server, ...options });
  });
});
