import { App, Lazy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { checkHomeLocation } from '../../src/user/user-rules';
import { ENV } from '../support/stacks';
import { synthError } from '../support/synth';
import {
  DirectoryMapping, Domain, FileLocation, HomeDirectory, MappingType, TransferServer, TransferUser,
} from 'cdk-transfer-family';

function setup() {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const bucket = s3.Bucket.fromBucketName(stack, 'Home', 'partner-files');
  const fs = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
    fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
  });
  return { stack, bucket, fs };
}

describe('each home variant renders itself (bind)', () => {
  test.each([
    ['chroot', ({ bucket }: ReturnType<typeof setup>) => HomeDirectory.chroot(bucket, 'home/alice/'),
      { homeDirectoryType: 'LOGICAL', homeDirectoryMappings: [{ entry: '/', target: '/partner-files/home/alice', type: undefined }] }, true],
    ['path', ({ bucket }: ReturnType<typeof setup>) => HomeDirectory.path(bucket, '/home/alice'),
      { homeDirectoryType: 'PATH', homeDirectory: '/partner-files/home/alice' }, false],
    ['logical', ({ bucket }: ReturnType<typeof setup>) => HomeDirectory.logical([
      DirectoryMapping.s3('/in', bucket, 'in/alice'), DirectoryMapping.s3('/report.csv', bucket, 'out/report.csv', { type: MappingType.FILE }),
    ]), {
      homeDirectoryType: 'LOGICAL',
      homeDirectoryMappings: [
        { entry: '/in', target: '/partner-files/in/alice', type: undefined },
        { entry: '/report.csv', target: '/partner-files/out/report.csv', type: 'FILE' },
      ],
    }, false],
    ['efs (chroot)', ({ fs }: ReturnType<typeof setup>) => HomeDirectory.efs(fs, '/home/alice/'),
      { homeDirectoryType: 'LOGICAL', homeDirectoryMappings: [{ entry: '/', target: '/fs-01234567/home/alice', type: undefined }] }, true],
    ['efs (path)', ({ fs }: ReturnType<typeof setup>) => HomeDirectory.efs(fs, 'home/alice', { chroot: false }),
      { homeDirectoryType: 'PATH', homeDirectory: '/fs-01234567/home/alice' }, false],
  ])('%s', (_, make, config, chroot) => {
    const ctx = setup();
    const home = make(ctx);
    expect(home.bind(ctx.stack)).toEqual(config);
    expect(home.isChroot).toBe(chroot);
    expect(home.homeDirectoryType).toBe(config.homeDirectoryType);
    expect(home).toBeInstanceOf(HomeDirectory);
  });

  test('a mapping renders its entry, its target and its type; `target` is the same target', () => {
    const { stack, bucket, fs } = setup();
    const s3Mapping = DirectoryMapping.s3('/in', bucket, '/in/', { type: MappingType.DIRECTORY });
    expect(s3Mapping.bind(stack)).toEqual({ entry: '/in', target: '/partner-files/in', type: 'DIRECTORY' });
    expect(s3Mapping.target).toBe('/partner-files/in');
    expect(DirectoryMapping.s3('/', bucket, '').target).toBe('/partner-files');
    const efsMapping = DirectoryMapping.efs('/data', fs, '/');
    expect(efsMapping.bind(stack)).toEqual({ entry: '/data', target: '/fs-01234567', type: undefined });
    expect(efsMapping).toBeInstanceOf(DirectoryMapping);
    expect(efsMapping.location.path).toBe('/');
  });

  test('a PATH home on EFS that is too long is named by its own form', () => {
    const { stack, fs } = setup();
    new TransferServer(stack, 'Server', { domain: Domain.EFS }).addUser('User', {
      userName: 'alice', homeDirectory: HomeDirectory.efs(fs, `/${'x'.repeat(1020)}`, { chroot: false }), posixProfile: { uid: 1001, gid: 1001 },
    });
    expect(synthError(stack)).toMatch(/\[user\/mapping-paths\] the home directory \(`\/<file-system-id>\/<path>`\) is 1033 characters long/);
  });
});

describe('users are aws-cdk-lib user references', () => {
  test('a user and an imported user have a `userRef` with their ARN', () => {
    const { stack, bucket } = setup();
    const server = new TransferServer(stack, 'Server');
    const user = new TransferUser(stack, 'User', { server, userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    expect(user.userRef).toEqual({ userArn: user.userArn });
    const imported = TransferUser.fromUserName(stack, 'Imported', server, 'bob');
    expect(imported.userRef).toEqual({ userArn: imported.userArn });
    expect(stack.resolve(imported.userRef.userArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:eu-west-1:111111111111:user/', { 'Fn::GetAtt': [expect.stringMatching(/^Server/), 'ServerId'] }, '/bob']],
    });
  });
});

describe('home locations registered on the server are judged by user/home-prefix-characters', () => {
  test.each([
    ['home/*', /contains "\*", a wildcard/],
    ['a/?', /contains "\?"/],
    ['home/${aws:username}', /contains "\$\{aws:username\}"/],
    ['home/../admin', /has a "\.\." segment/],
  ])('%s is refused at synthesis, on the server', (key, expected) => {
    const { stack, bucket } = setup();
    const server = new TransferServer(stack, 'Server');
    checkHomeLocation(server, FileLocation.s3(bucket, key));
    const message = synthError(stack);
    expect(message).toContain('[user/home-prefix-characters]');
    expect(message).toContain('Stack/Server');
    expect(message).toMatch(/registered with `addHomeLocation`/);
    expect(message).toMatch(expected);
  });

  test('EFS paths, keys known at deployment only and plain keys are not', () => {
    const { stack, bucket, fs } = setup();
    const server = new TransferServer(stack, 'Server');
    checkHomeLocation(server, FileLocation.s3(bucket, 'home/${transfer:UserName}'));
    checkHomeLocation(server, FileLocation.s3(bucket, Lazy.string({ produce: () => '*' })));
    checkHomeLocation(server, FileLocation.efs(fs, '/home/*'));
    expect(synthError(stack)).toBe('');
  });

  test('a user\'s home is judged once, by the user\'s rule', () => {
    const { stack, bucket } = setup();
    const server = new TransferServer(stack, 'Server');
    const user = server.addUser('User', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/*') });
    for (const location of (user as TransferUser).homeDirectory.locations) checkHomeLocation(server, location);
    const message = synthError(stack);
    expect(message.match(/\[user\/home-prefix-characters\]/g)).toHaveLength(1);
    expect(message).toMatch(/Stack\/Server\/User.*of mapping "\/"/);
  });

  // The known gap: `server.addHomeLocation()` (src/server/server.ts) does not call `checkHomeLocation` yet.
  // When it does, this becomes a plain `test`.
  test('server.addHomeLocation(FileLocation.s3(bucket, "a/*")) fails synthesis', () => {
    const { stack, bucket } = setup();
    new TransferServer(stack, 'Server').addHomeLocation(FileLocation.s3(bucket, 'a/*'));
    expect(synthError(stack)).toContain('[user/home-prefix-characters]');
  });
});
