import { App, CfnParameter, Lazy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { synthError } from '../support/synth';
import { DirectoryMapping, Domain, HomeDirectory, MappingType, TransferServer, TransferUser } from 'cdk-transfer-family';

/**
 * What users, their homes and their mappings are given, from callers the type system does not protect
 * (JavaScript, and Python, Java, .NET or Go through jsii): a wrong value is an Error that names the
 * factory and the prop, never a TypeError from deep inside; and a value known at deployment only (a
 * parameter, an attribute, a lazy value) is neither judged nor refused, and reaches the template.
 */

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const bucket = new s3.Bucket(stack, 'Home');
  const server = new TransferServer(stack, 'Server');
  const fs = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
    fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
  });
  return { app, stack, bucket, server, fs };
}

type Ctx = ReturnType<typeof setup>;
const any = (v: unknown) => v as any;
const home = (ctx: Ctx) => HomeDirectory.chroot(ctx.bucket, 'home/alice');

/** What is built, and the message it must throw. */
const BAD: Array<[string, (ctx: Ctx) => unknown, RegExp]> = [
  ['props missing', (c) => new TransferUser(c.stack, 'U', any(undefined)), /^TransferUser: `props` must be an object, got undefined\.$/],
  ['props a string', (c) => new TransferUser(c.stack, 'U', any('alice')), /`props` must be an object, got the string "alice"/],
  ['scope missing', (c) => new TransferUser(any(undefined), 'U', { server: c.server, userName: 'alice', homeDirectory: home(c) }), /TransferUser: `scope` must be a Construct/],
  ['id a number', (c) => new TransferUser(c.stack, any(7), { server: c.server, userName: 'alice', homeDirectory: home(c) }), /TransferUser: `id` must be a non-empty string without tokens, got the number 7/],
  ['server missing', (c) => new TransferUser(c.stack, 'U', any({ userName: 'alice', homeDirectory: home(c) })), /`server` must be an ITransferServer/],
  ['server a server id', (c) => new TransferUser(c.stack, 'U', any({ server: 's-0123456789abcdef0', userName: 'alice', homeDirectory: home(c) })), /`server` must be an ITransferServer .*got the string "s-0123456789abcdef0"/],
  ['userName a number', (c) => c.server.addUser('U', any({ userName: 42, homeDirectory: home(c) })), /TransferUser: `userName` must be a string, got the number 42/],
  ['options missing in addUser', (c) => c.server.addUser('U', any(undefined)), /`options` must be an object, got undefined/],
  ['homeDirectory missing', (c) => c.server.addUser('U', any({ userName: 'alice' })), /`homeDirectory` must be a HomeDirectory .*got undefined/],
  ['homeDirectory a path', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: '/bucket/home/alice' })), /`homeDirectory` must be a HomeDirectory/],
  ['homeDirectory a look-alike', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: { mappings: [], locations: [] } })), /`homeDirectory` must be a HomeDirectory .*got an object/],
  ['sshPublicKeys a string', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), sshPublicKeys: 'ssh-ed25519 AAAA' })), /`sshPublicKeys` must be an array/],
  ['sshPublicKeys of numbers', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), sshPublicKeys: [1] })), /`sshPublicKeys\[0\]` must be a string, got the number 1/],
  ['a list token spread into the keys', (c) => c.server.addUser('U', {
    userName: 'alice', homeDirectory: home(c), sshPublicKeys: [...new CfnParameter(c.stack, 'Keys', { type: 'CommaDelimitedList' }).valueAsList, 'ssh-ed25519 AAAA'],
  }), /`sshPublicKeys\[0\]` must be a key, not an item of a list token/],
  ['posixProfile a number', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), posixProfile: 1001 })), /`posixProfile` must be an object/],
  ['posixProfile without uid', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), posixProfile: { gid: 1 } })), /`posixProfile\.uid` must be a number, got undefined/],
  ['posixProfile.gid a string', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), posixProfile: { uid: 1, gid: '1' } })), /`posixProfile\.gid` must be a number, got the string "1"/],
  ['posixProfile.uid NaN', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), posixProfile: { uid: NaN, gid: 1 } })), /`posixProfile\.uid` must be a number, got the number NaN/],
  ['secondaryGids a number', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), posixProfile: { uid: 1, gid: 1, secondaryGids: 2 } })), /`posixProfile\.secondaryGids` must be an array/],
  ['secondaryGids of strings', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), posixProfile: { uid: 1, gid: 1, secondaryGids: [2, 'x'] } })), /`posixProfile\.secondaryGids\[1\]` must be a number/],
  ['role an ARN string', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), role: 'arn:aws:iam::111111111111:role/r' })), /`role` must be an iam\.IRole, got the string/],
  ['sessionPolicy JSON', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), sessionPolicy: { Version: '2012-10-17', Statement: [] } })), /`sessionPolicy` must be an iam\.PolicyDocument/],
  ['readOnly a string', (c) => c.server.addUser('U', any({ userName: 'alice', homeDirectory: home(c), readOnly: 'yes' })), /`readOnly` must be true or false, got the string "yes"/],
  ['fromUserName without server', (c) => TransferUser.fromUserName(c.stack, 'B', any(undefined), 'bob'), /^TransferUser\.fromUserName\(\): `server` must be an ITransferServer/],
  ['fromUserName with a number', (c) => TransferUser.fromUserName(c.stack, 'B', c.server, any(3)), /TransferUser\.fromUserName\(\): `userName` must be a string, got the number 3/],
  ['fromUserName with an id of null', (c) => TransferUser.fromUserName(c.stack, any(null), c.server, 'bob'), /TransferUser\.fromUserName\(\): `id` must be a non-empty string without tokens, got null/],
  ['addSshPublicKey(undefined)', (c) => c.server.addUser('U', { userName: 'alice', homeDirectory: home(c) }).addSshPublicKey(any(undefined)), /TransferUser\.addSshPublicKey\(\): `publicKey` must be a string, got undefined/],
  ['addSshPublicKey of a list', (c) => c.server.addUser('U', { userName: 'alice', homeDirectory: home(c) }).addSshPublicKey(any(['ssh-ed25519 AAAA'])), /`publicKey` must be a string, got an array/],
  ['chroot without bucket', () => HomeDirectory.chroot(any(undefined), 'home/alice'), /^HomeDirectory\.chroot\(\): `bucket` must be an s3\.IBucket, got undefined\.$/],
  ['chroot with a bucket name', () => HomeDirectory.chroot(any('my-bucket'), 'home/alice'), /HomeDirectory\.chroot\(\): `bucket` must be an s3\.IBucket, got the string "my-bucket"/],
  ['chroot with a numeric prefix', (c) => HomeDirectory.chroot(c.bucket, any(7)), /HomeDirectory\.chroot\(\): `prefix` must be a string, got the number 7/],
  ['path without prefix', (c) => HomeDirectory.path(c.bucket, any(undefined)), /HomeDirectory\.path\(\): `prefix` must be a string, got undefined/],
  ['logical of one mapping', (c) => HomeDirectory.logical(any(DirectoryMapping.s3('/in', c.bucket, 'in'))), /HomeDirectory\.logical\(\): `mappings` must be an array/],
  ['logical of plain objects', () => HomeDirectory.logical(any([{ entry: '/in', target: '/b/in' }])), /HomeDirectory\.logical\(\): `mappings\[0\]` must be a DirectoryMapping/],
  ['logical with a hole', (c) => HomeDirectory.logical(any([DirectoryMapping.s3('/in', c.bucket, 'in'), undefined])), /`mappings\[1\]` must be a DirectoryMapping/],
  ['efs home without file system', () => HomeDirectory.efs(any(undefined), '/home/alice'), /HomeDirectory\.efs\(\): `fileSystem` must be an efs\.IFileSystem/],
  ['efs home with a file system id', () => HomeDirectory.efs(any('fs-01234567'), '/home/alice'), /`fileSystem` must be an efs\.IFileSystem, got the string "fs-01234567"/],
  ['efs home with a numeric path', (c) => HomeDirectory.efs(c.fs, any(1)), /HomeDirectory\.efs\(\): `path` must be a string/],
  ['efs home with options null', (c) => HomeDirectory.efs(c.fs, '/home/alice', any(null)), /HomeDirectory\.efs\(\): `options` must be an object, got null/],
  ['efs home with chroot "no"', (c) => HomeDirectory.efs(c.fs, '/home/alice', any({ chroot: 'no' })), /`options\.chroot` must be true or false/],
  ['s3 mapping without entry', (c) => DirectoryMapping.s3(any(undefined), c.bucket, 'in'), /^DirectoryMapping\.s3\(\): `entry` must be a string, got undefined\.$/],
  ['s3 mapping without bucket', () => DirectoryMapping.s3('/in', any(null), 'in'), /DirectoryMapping\.s3\(\): `bucket` must be an s3\.IBucket, got null/],
  ['s3 mapping with a numeric key', (c) => DirectoryMapping.s3('/in', c.bucket, any(5)), /DirectoryMapping\.s3\(\): `key` must be a string/],
  ['s3 mapping with options null', (c) => DirectoryMapping.s3('/in', c.bucket, 'in', any(null)), /DirectoryMapping\.s3\(\): `options` must be an object, got null/],
  ['s3 mapping of type "file"', (c) => DirectoryMapping.s3('/in', c.bucket, 'in', any({ type: 'file' })), /`options\.type` must be one of "DIRECTORY", "FILE", got the string "file"/],
  ['efs mapping without file system', () => DirectoryMapping.efs('/in', any({}), '/in'), /DirectoryMapping\.efs\(\): `fileSystem` must be an efs\.IFileSystem/],
  ['efs mapping with a numeric entry', (c) => DirectoryMapping.efs(any(1), c.fs, '/in'), /DirectoryMapping\.efs\(\): `entry` must be a string/],
  ['efs mapping of type 3', (c) => DirectoryMapping.efs('/in', c.fs, '/in', any({ type: 3 })), /`options\.type` must be one of/],
];

describe('bad input: an Error naming the factory and the prop, never a TypeError', () => {
  test.each(BAD)('%s', (_label, build, expected) => {
    const ctx = setup();
    let thrown: unknown;
    try {
      build(ctx);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toMatch(expected);
  });

  test('a refused user leaves nothing in the tree: the app still synthesizes', () => {
    const ctx = setup();
    expect(() => ctx.server.addUser('U', any({ userName: 'alice', homeDirectory: home(ctx), readOnly: 'yes' }))).toThrow(/`readOnly`/);
    expect(ctx.server.node.tryFindChild('U')).toBeUndefined();
    expect(synthError(ctx.stack)).toBe('');
  });
});

describe('values known at deployment only are neither judged nor refused, and reach the template', () => {
  test('strings: user name, home prefix, mapping entries and keys, bucket and file system names, EFS path, mapping type', () => {
    const ctx = setup();
    const p = (id: string) => new CfnParameter(ctx.stack, id, { type: 'String' }).valueAsString;
    const bucket = s3.Bucket.fromBucketName(ctx.stack, 'Named', p('BucketName'));
    ctx.server.addUser('A', { userName: p('Name'), homeDirectory: HomeDirectory.chroot(ctx.bucket, p('Prefix')) });
    ctx.server.addUser('B', { userName: 'bob', homeDirectory: HomeDirectory.path(bucket, `home/${p('Folder')}`) });
    ctx.server.addUser('C', {
      userName: 'carol',
      homeDirectory: HomeDirectory.logical([
        DirectoryMapping.s3(p('Entry'), ctx.bucket, p('Key'), { type: p('Type') as MappingType }),
        DirectoryMapping.s3('/out', bucket, 'out/${transfer:UserName}'),
      ]),
    });
    const efsServer = new TransferServer(ctx.stack, 'EfsServer', { domain: Domain.EFS });
    const fs = efs.FileSystem.fromFileSystemAttributes(ctx.stack, 'TokenFs', {
      fileSystemId: p('FsId'), securityGroup: ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, 'Sg2', 'sg-12345678'),
    });
    efsServer.addUser('D', { userName: 'dave', homeDirectory: HomeDirectory.efs(fs, p('EfsPath')), posixProfile: { uid: 1001, gid: 1001 } });
    expect(synthError(ctx.stack)).toBe('');
    const text = JSON.stringify(Template.fromStack(ctx.stack).findResources('AWS::Transfer::User'));
    for (const ref of ['Name', 'Prefix', 'Folder', 'BucketName', 'Entry', 'Key', 'Type', 'FsId', 'EfsPath']) expect(text).toContain(`{"Ref":"${ref}"}`);
  });

  test('lists: a CommaDelimitedList parameter for the keys (not taken for a key), keys of string tokens, and keys added to a list', () => {
    const ctx = setup();
    const keys = new CfnParameter(ctx.stack, 'Keys', { type: 'CommaDelimitedList' }).valueAsList;
    const one = new CfnParameter(ctx.stack, 'Key', { type: 'String' }).valueAsString;
    ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx), sshPublicKeys: keys });
    ctx.server.addUser('B', { userName: 'bob', homeDirectory: HomeDirectory.chroot(ctx.bucket, 'home/bob'), sshPublicKeys: [one, Lazy.string({ produce: () => 'not judged' })] });
    const carol = ctx.server.addUser('C', { userName: 'carol', homeDirectory: HomeDirectory.chroot(ctx.bucket, 'home/carol'), sshPublicKeys: keys });
    carol.addSshPublicKey(one);
    expect(synthError(ctx.stack)).toBe('');
    const t = Template.fromStack(ctx.stack);
    t.hasResourceProperties('AWS::Transfer::User', { UserName: 'alice', SshPublicKeys: { Ref: 'Keys' } });
    t.hasResourceProperties('AWS::Transfer::User', { UserName: 'bob', SshPublicKeys: [{ Ref: 'Key' }, 'not judged'] });
    t.hasResourceProperties('AWS::Transfer::User', {
      UserName: 'carol', SshPublicKeys: { 'Fn::Split': ['\n', { 'Fn::Join': ['\n', [{ 'Fn::Join': ['\n', { Ref: 'Keys' }] }, { Ref: 'Key' }]] }] },
    });
  });

  test('a list of keys of unknown length is not counted, but more than 50 keys added to it are too many whatever it holds', () => {
    const ctx = setup();
    const keys = new CfnParameter(ctx.stack, 'Keys', { type: 'CommaDelimitedList' }).valueAsList;
    const user = ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx), sshPublicKeys: keys });
    const one = new CfnParameter(ctx.stack, 'Key', { type: 'String' }).valueAsString;
    for (let i = 0; i < 51; i++) user.addSshPublicKey(one);
    expect(synthError(ctx.stack)).toMatch(/\[user\/ssh-key-count\] the user has a list of SSH public keys and 51 more/);
  });

  test('numbers: POSIX ids from parameters, secondary gids as a list token', () => {
    const ctx = setup();
    const n = (id: string) => new CfnParameter(ctx.stack, id, { type: 'Number' }).valueAsNumber;
    const efsServer = new TransferServer(ctx.stack, 'EfsServer', { domain: Domain.EFS });
    efsServer.addUser('D', {
      userName: 'dave',
      homeDirectory: HomeDirectory.efs(ctx.fs, '/home/dave'),
      posixProfile: { uid: n('Uid'), gid: n('Gid'), secondaryGids: Token.asList({ Ref: 'Gids' }) as unknown as number[] },
    });
    efsServer.addUser('E', { userName: 'erin', homeDirectory: HomeDirectory.efs(ctx.fs, '/home/erin'), posixProfile: { uid: 1001, gid: 1001, secondaryGids: [n('Extra'), 1002] } });
    expect(synthError(ctx.stack)).toBe('');
    Template.fromStack(ctx.stack).hasResourceProperties('AWS::Transfer::User', { UserName: 'dave', PosixProfile: { Uid: { Ref: 'Uid' }, Gid: { Ref: 'Gid' }, SecondaryGids: { Ref: 'Gids' } } });
  });

  test('a role and a session policy of unknown ARNs, and a tag of unknown value', () => {
    const ctx = setup();
    const arn = new CfnParameter(ctx.stack, 'RoleArn', { type: 'String' }).valueAsString;
    const prefix = new CfnParameter(ctx.stack, 'Allowed', { type: 'String' }).valueAsString;
    const sessionPolicy = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [ctx.bucket.arnForObjects(`${prefix}/*`)] })] });
    const user = ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx), role: iam.Role.fromRoleArn(ctx.stack, 'R', arn), sessionPolicy, readOnly: true });
    Tags.of(user).add('team', new CfnParameter(ctx.stack, 'Team', { type: 'String' }).valueAsString);
    expect(synthError(ctx.stack)).toBe('');
    const t = Template.fromStack(ctx.stack);
    t.hasResourceProperties('AWS::Transfer::User', { UserName: 'alice', Role: { Ref: 'RoleArn' }, Tags: [{ Key: 'team', Value: { Ref: 'Team' } }] });
    expect(JSON.stringify(t.findResources('AWS::Transfer::User'))).toContain('{"Ref":"Allowed"}');
  });
});
