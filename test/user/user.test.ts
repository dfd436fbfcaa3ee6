import { Annotations as CoreAnnotations, App, CfnParameter, Lazy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { sshKey } from './ssh-keys';
import { withUserNameVariable } from '../../src/location/paths';
import { sshPublicKeyProblem } from '../../src/user/ssh-key';
import { homePrefixProblem, USER_RULES } from '../../src/user/user-rules';
import { synthError } from '../support/synth';
import {
  DirectoryMapping, Domain, HomeDirectory, IdentityProvider, MappingType, TransferServer, TransferUser,
  TransferUserOptions,
} from 'cdk-transfer-family';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const bucket = new s3.Bucket(stack, 'Home');
  const server = new TransferServer(stack, 'Server');
  return { app, stack, bucket, server };
}


function userPolicyStatements(t: Template): any[] {
  return Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p: any) => JSON.stringify(p.Properties.Roles).includes('UsersRole'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('TransferUser', () => {
  test('a chroot user: LOGICAL home with one mapping, a shared role, and a session policy for its own home', () => {
    const { stack, bucket, server } = setup();
    const alice = new TransferUser(stack, 'Alice', {
      server, userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice'), sshPublicKeys: [sshKey()],
    });
    alice.addSshPublicKey(sshKey('ecdsa-sha2-nistp256', 'alice@phone'));
    const t = Template.fromStack(stack);
    const bucketRef = { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) };
    t.hasResourceProperties('AWS::Transfer::User', {
      ServerId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Server'), 'ServerId'] },
      UserName: 'alice',
      HomeDirectoryType: 'LOGICAL',
      HomeDirectory: Match.absent(),
      HomeDirectoryMappings: [{ Entry: '/', Target: { 'Fn::Join': ['', ['/', bucketRef, '/home/alice']] } }],
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('UsersRole'), 'Arn'] },
      SshPublicKeys: [sshKey(), sshKey('ecdsa-sha2-nistp256', 'alice@phone')],
    });
    const policy = JSON.parse(JSON.stringify(t.findResources('AWS::Transfer::User')));
    const text = JSON.stringify(Object.values(policy)[0]);
    // An `Fn::Sub` string, where `${!x}` is written `${x}` when deployed.
    expect(text).toContain('home/${!transfer:UserName}/*');
    expect(text).toContain('s3:PutObject');
    expect(text).not.toContain('s3:*');
  });

  test('the shared role grants object access only under the homes\' directory, never bucket-wide', () => {
    const { stack, bucket, server } = setup();
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.path(bucket, 'home/bob') });
    const t = Template.fromStack(stack);
    const bucketArn = { 'Fn::GetAtt': [stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket), 'Arn'] };
    expect(userPolicyStatements(t)).toEqual([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringLike: { 's3:prefix': ['home/*'] } } },
      { Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: bucketArn },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        Resource: { 'Fn::Join': ['', [bucketArn, '/home/*']] },
      },
    ]);
    t.hasResourceProperties('AWS::Transfer::User', { UserName: 'bob', HomeDirectoryType: 'PATH', HomeDirectory: Match.anyValue() });
  });

  test('200 users of one server with homes in one bucket share one role', () => {
    const { stack, bucket, server } = setup();
    for (let i = 0; i < 200; i++) {
      server.addUser(`User${i}`, { userName: `partner-${i}`, homeDirectory: HomeDirectory.chroot(bucket, `home/partner-${i}`) });
    }
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Transfer::User', 200);
    const roles = Object.keys(t.findResources('AWS::IAM::Role'));
    expect(roles.filter((r) => r.includes('UsersRole'))).toHaveLength(1);
    expect(roles).toHaveLength(2); // + the server's logging role
  });

  test('users with the same layout share one session policy, written with ${transfer:UserName}', () => {
    const { stack, bucket, server } = setup();
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.chroot(bucket, 'home/bob') });
    server.addUser('Carol', { userName: 'carol', homeDirectory: HomeDirectory.chroot(bucket, 'home/carol'), readOnly: true });
    const policies = Object.values(Template.fromStack(stack).findResources('AWS::Transfer::User')).map((u: any) => JSON.stringify(u.Properties.Policy));
    expect(policies[0]).toEqual(policies[1]);
    expect(policies[0]).not.toEqual(policies[2]);
    expect(policies[0]).not.toMatch(/alice|bob/);
  });

  test('a read-only user gets a read-only session policy', () => {
    const { stack, bucket, server } = setup();
    server.addUser('Auditor', { userName: 'auditor', homeDirectory: HomeDirectory.chroot(bucket, 'reports'), readOnly: true });
    const user = Object.values(Template.fromStack(stack).findResources('AWS::Transfer::User'))[0] as any;
    const policy = JSON.stringify(user.Properties.Policy);
    expect(policy).toContain('s3:GetObject');
    expect(policy).not.toMatch(/s3:PutObject|s3:DeleteObject/);
  });

  test('a customer-managed bucket key is granted with the explicit actions S3 needs (no kms:Encrypt), only through S3', () => {
    const { stack, server } = setup();
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Encrypted', { encryptionKey: key });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    expect(userPolicyStatements(Template.fromStack(stack))).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
    });
  });

  test('logical homes map several buckets; entries and types are rendered', () => {
    const { stack, bucket, server } = setup();
    const outbox = new s3.Bucket(stack, 'Outbox');
    server.addUser('Acme', {
      userName: 'acme',
      homeDirectory: HomeDirectory.logical([
        DirectoryMapping.s3('/in', bucket, 'in/acme'),
        DirectoryMapping.s3('/out/report.csv', outbox, 'reports/acme.csv', { type: MappingType.FILE }),
      ]),
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::User', {
      HomeDirectoryMappings: [
        { Entry: '/in', Target: Match.anyValue() },
        { Entry: '/out/report.csv', Target: Match.anyValue(), Type: 'FILE' },
      ],
    });
  });

  test('an EFS user gets its POSIX identity and a role that can mount and write that file system only', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const fileSystem = new efs.FileSystem(stack, 'Fs', { vpc });
    const server = new TransferServer(stack, 'Server', { domain: Domain.EFS });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.efs(fileSystem, '/home/alice'), posixProfile: { uid: 1001, gid: 1001, secondaryGids: [2000] } });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::User', {
      PosixProfile: { Uid: 1001, Gid: 1001, SecondaryGids: [2000] },
      Policy: Match.absent(),
      HomeDirectoryMappings: [{ Entry: '/', Target: { 'Fn::Join': ['', ['/', { Ref: Match.stringLikeRegexp('Fs') }, '/home/alice']] } }],
    });
    expect(userPolicyStatements(t)).toEqual([{
      Effect: 'Allow',
      Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('Fs'), 'Arn'] },
    }].map((s) => expect.objectContaining({ ...s, Resource: expect.anything() })));
  });

  test('a given role is used as it is (no permission added, no shared role), narrowed to the home by the session policy', () => {
    const { stack, bucket, server } = setup();
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    const user = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice'), role });
    expect(user.role).toBe(role);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::User', {
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('Mine'), 'Arn'] },
      Policy: Match.anyValue(),
    });
    expect(Object.keys(t.findResources('AWS::IAM::Role')).filter((r) => r.includes('UsersRole'))).toEqual([]);
    expect(Object.keys(t.findResources('AWS::IAM::Policy')).filter((p) => !p.includes('LoggingRole'))).toEqual([]);
  });

  test('the shared role trusts only users of this server in this account', () => {
    const { stack, bucket, server } = setup();
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { Service: 'transfer.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111111111111' },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:us-east-1:111111111111:user/', { 'Fn::GetAtt': [Match.anyValue(), 'ServerId'] }, '/*']] } },
          },
        })],
      },
    });
  });

  test('a user depends on its role through the role\'s ARN only: no DependsOn (Transfer Family uses the role when the user connects)', () => {
    const { stack, bucket, server } = setup();
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    const t = Template.fromStack(stack);
    const role = Object.keys(t.findResources('AWS::IAM::Role')).filter((id) => id.includes('UsersRole'));
    expect(role).toHaveLength(1);
    const user = Object.values(t.findResources('AWS::Transfer::User'))[0] as any;
    expect(user.Properties.Role).toEqual({ 'Fn::GetAtt': [role[0], 'Arn'] });
    expect(user.DependsOn).toBeUndefined();
  });

  test('a user in another stack than its bucket and server reads their names through stack exports', () => {
    const app = new App();
    const env = { account: '111111111111', region: 'us-east-1' };
    const storage = new Stack(app, 'Storage', { env });
    const bucket = new s3.Bucket(storage, 'Home');
    const server = new TransferServer(storage, 'Server');
    const users = new Stack(app, 'Users', { env });
    new TransferUser(users, 'Alice', { server, userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    const user = Object.values(Template.fromStack(users).findResources('AWS::Transfer::User'))[0] as any;
    const target = JSON.stringify(user.Properties.HomeDirectoryMappings[0].Target);
    expect(target).toContain('Fn::ImportValue');
    expect(target).toContain('ExportsOutputRefHome');
    expect(JSON.stringify(user.Properties.Role)).toContain('Fn::ImportValue');
    expect(JSON.stringify(user.Properties.Policy)).toContain('Fn::ImportValue');
    expect(user.DependsOn).toBeUndefined(); // the role is in the other stack: the stack depends on it instead
    expect(users.dependencies).toContain(storage);
  });

  test('a created user\'s ARN names its server and user', () => {
    const { stack, bucket, server } = setup();
    const alice = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    expect(alice.userArn).toBe(alice.userArn);
    expect(stack.resolve(alice.userArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:us-east-1:111111111111:user/',
        { 'Fn::GetAtt': [stack.getLogicalId(server.node.defaultChild as any), 'ServerId'] }, '/alice']],
    });
  });

  test('fromUserName builds the user ARN', () => {
    const { stack } = setup();
    const server = TransferServer.fromServerId(stack, 'Imported', 's-0123456789abcdef0');
    const user = TransferUser.fromUserName(stack, 'Bob', server, 'bob');
    expect(stack.resolve(user.userArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':transfer:us-east-1:111111111111:user/s-0123456789abcdef0/bob']],
    });
  });
});

describe('TransferUser: what is added later is in the template', () => {
  test('addSshPublicKey on a user created without keys: the template holds the key', () => {
    const { stack, bucket, server } = setup();
    const alice = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    const bob = server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.chroot(bucket, 'home/bob') });
    alice.addSshPublicKey(sshKey());
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Transfer::User', { UserName: 'alice', SshPublicKeys: [sshKey()] });
    // A user with no key at all has no SshPublicKeys (not an empty list).
    t.hasResourceProperties('AWS::Transfer::User', { UserName: 'bob', SshPublicKeys: Match.absent() });
    expect(bob).toBeDefined();
  });

  test('the keys given are copied: a later change to the caller\'s array is not taken, addSshPublicKey is', () => {
    const { stack, bucket, server } = setup();
    const keys = [sshKey()];
    const alice = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice'), sshPublicKeys: keys });
    keys.push('not a key');
    alice.addSshPublicKey(sshKey('ssh-rsa'));
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::User', { UserName: 'alice', SshPublicKeys: [sshKey(), sshKey('ssh-rsa')] });
  });

  test('a key added later is judged as the template holds it, and counts toward the 50', () => {
    const { stack, bucket, server } = setup();
    const alice = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice'), sshPublicKeys: Array.from({ length: 50 }, (_, i) => sshKey('ssh-ed25519', `k${i}`)) });
    alice.addSshPublicKey(sshKey('ssh-dss'));
    const message = synthError(stack);
    expect(message).toMatch(/\[user\/ssh-key-format\] SSH public key 51 has type "ssh-dss"/);
    expect(message).toMatch(/\[user\/ssh-key-count\] the user has 51 SSH public keys/);
  });

  test('keys added to a list parameter: the template holds the list and the keys, joined and split again', () => {
    const { stack, bucket, server } = setup();
    const keys = new CfnParameter(stack, 'Keys', { type: 'CommaDelimitedList' }).valueAsList;
    const alice = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice'), sshPublicKeys: keys });
    alice.addSshPublicKey(sshKey());
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::User', {
      UserName: 'alice',
      SshPublicKeys: { 'Fn::Split': ['\n', { 'Fn::Join': ['\n', [{ 'Fn::Join': ['\n', { Ref: 'Keys' }] }, sshKey()]] }] },
    });
  });
});

describe('TransferUser: a home whose permissions do not fit a session policy', () => {
  const longPrefix = `partners/${'p'.repeat(600)}/alice`;

  test('gets a role of its own holding the home\'s statements, and no session policy; shorter homes keep the shared role', () => {
    const { stack, bucket, server } = setup();
    const alice = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, longPrefix) });
    const bob = server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.chroot(bucket, 'home/bob') });
    expect(synthError(stack)).toBe('');
    const t = Template.fromStack(stack);
    const users = t.findResources('AWS::Transfer::User');
    const byName = (n: string) => Object.values(users).find((u: any) => u.Properties.UserName === n) as any;
    expect(byName('alice').Properties.Policy).toBeUndefined();
    expect(byName('alice').Properties.Role).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(alice.role.node.defaultChild as iam.CfnRole), 'Arn'] });
    expect(byName('bob').Properties.Policy).toBeDefined();
    expect(alice.role).not.toBe(bob.role);
    const aliceStatements = Object.values(t.findResources('AWS::IAM::Policy'))
      .filter((p: any) => JSON.stringify(p.Properties.Roles).includes(stack.getLogicalId(alice.role.node.defaultChild as iam.CfnRole)))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(JSON.stringify(aliceStatements)).not.toContain('${transfer:');
    const bucketName = { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) };
    const s3Arn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', bucketName, ...(suffix ? [suffix] : [])]] });
    // What the session policy would have held, the user name written out.
    expect(aliceStatements).toEqual([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: s3Arn(''), Condition: { StringLike: { 's3:prefix': [`${longPrefix}/*`, longPrefix] } } },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        Resource: s3Arn(`/${longPrefix}/*`),
      },
    ]);
    // The shared role does not cover the long home's directory.
    expect(JSON.stringify(userPolicyStatements(t))).not.toContain('partners/');
  });

  test('a given role is left as it is: the size rule says why no session policy fits and what to do', () => {
    const { stack, bucket, server } = setup();
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, longPrefix), role, readOnly: true });
    const message = synthError(stack);
    expect(message).toMatch(/\[user\/session-policy-size\] the session policy made for the home is \d+ characters long/);
    expect(message).toMatch(/Fix: .*leave `role` out/);
  });
});

// ---------------------------------------------------------------------------------------------
// One test per rule.
// ---------------------------------------------------------------------------------------------

type Ctx = ReturnType<typeof setup>;
type Case = [id: string, build: (ctx: Ctx) => { server?: TransferServer; options: TransferUserOptions }, expected: RegExp];

const home = (ctx: Ctx, prefix = 'home/x') => HomeDirectory.chroot(ctx.bucket, prefix);

const errorCases: Case[] = [
  ['user/server-service-managed', (ctx) => ({
    server: new TransferServer(ctx.stack, 'Lambda', { identityProvider: IdentityProvider.lambda(lambda.Function.fromFunctionArn(ctx.stack, 'F', 'arn:aws:lambda:us-east-1:111111111111:function:f')) }),
    options: { userName: 'alice', homeDirectory: home(ctx) },
  }), /server Stack\/Lambda uses identity provider AWS_LAMBDA/],
  ['user/name-format', (ctx) => ({ options: { userName: 'al', homeDirectory: home(ctx) } }), /`userName` "al" is 2 characters long/],
  ['user/name-format', (ctx) => ({ options: { userName: '-alice', homeDirectory: home(ctx) } }), /starts with "-"/],
  ['user/name-format', (ctx) => ({ options: { userName: 'ali ce', homeDirectory: home(ctx) } }), /contains " "/],
  ['user/ssh-key-format', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx), sshPublicKeys: ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn...'] } }), /SSH public key 1 is a private key/],
  ['user/ssh-key-format', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx), sshPublicKeys: [sshKey('ssh-dss')] } }), /has type "ssh-dss"/],
  ['user/ssh-key-format', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx), sshPublicKeys: ['ssh-ed25519 not*base64'] } }), /not valid base64/],
  ['user/ssh-key-format', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx), sshPublicKeys: [sshKey('ssh-rsa').replace('ssh-rsa', 'ssh-ed25519')] } }), /says ssh-ed25519 but its key data is "ssh-rsa"/],
  ['user/ssh-key-format', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx), sshPublicKeys: [`${sshKey()}\n${sshKey('ssh-rsa')}\n`] } }), /SSH public key 1 holds more than one line/],
  ['user/ssh-key-count', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx), sshPublicKeys: Array.from({ length: 51 }, (_, i) => sshKey('ssh-ed25519', `k${i}`)) } }), /51 SSH public keys/],
  ['user/logical-needs-mapping', () => ({ options: { userName: 'alice', homeDirectory: HomeDirectory.logical([]) } }), /HomeDirectory\.logical\(\[\]\)/],
  ['user/mapping-paths', (ctx) => ({ options: { userName: 'alice', homeDirectory: HomeDirectory.logical([DirectoryMapping.s3('in', ctx.bucket, 'in')]) } }), /entry "in" does not start with "\/"/],
  ['user/mapping-paths', (ctx) => ({ options: { userName: 'alice', homeDirectory: HomeDirectory.logical([DirectoryMapping.s3('/in', ctx.bucket, 'a'), DirectoryMapping.s3('/in', ctx.bucket, 'b')]) } }), /entry "\/in" is used more than once/],
  ['user/mapping-paths', (ctx) => ({ options: { userName: 'alice', homeDirectory: HomeDirectory.chroot(s3.Bucket.fromBucketName(ctx.stack, 'Named', 'partner-files'), `home/${'x'.repeat(1010)}`) } }), /mapping target for "\/" is 1030 characters long \(at most 1024\)/],
  ['user/mapping-paths', (ctx) => ({ options: { userName: 'alice', homeDirectory: HomeDirectory.path(new s3.Bucket(ctx.stack, 'Named', { bucketName: 'partner-files' }), `home/${'x'.repeat(1010)}`) } }), /the home directory \(`\/<bucket>\/<prefix>`\) is 1030 characters long/],
  // A bucket whose name is known at deployment only: at least 3 characters.
  ['user/mapping-paths', (ctx) => ({ options: { userName: 'alice', homeDirectory: HomeDirectory.chroot(ctx.bucket, 'x'.repeat(1020)) } }), /mapping target for "\/" is at least 1025 characters long \(at most 1024\)/],
  ['user/home-storage', (ctx) => {
    const fs = efs.FileSystem.fromFileSystemAttributes(ctx.stack, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, 'Sg', 'sg-12345678') });
    return { options: { userName: 'alice', homeDirectory: HomeDirectory.efs(fs, '/home/alice'), posixProfile: { uid: 1, gid: 1 } } };
  }, /`homeDirectory` is on EFS but server Stack\/Server has domain S3/],
  ['user/home-storage', (ctx) => ({ server: new TransferServer(ctx.stack, 'EfsServer', { domain: Domain.EFS }), options: { userName: 'alice', homeDirectory: home(ctx) } }), /is on S3 but server Stack\/EfsServer has domain EFS/],
  ['user/efs-needs-posix-profile', (ctx) => {
    const fs = efs.FileSystem.fromFileSystemAttributes(ctx.stack, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, 'Sg', 'sg-12345678') });
    return { server: new TransferServer(ctx.stack, 'EfsServer', { domain: Domain.EFS }), options: { userName: 'alice', homeDirectory: HomeDirectory.efs(fs, '/home/alice') } };
  }, /no `posixProfile` is given/],
  ['user/posix-profile-range', (ctx) => {
    const fs = efs.FileSystem.fromFileSystemAttributes(ctx.stack, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, 'Sg', 'sg-12345678') });
    return {
      server: new TransferServer(ctx.stack, 'EfsServer', { domain: Domain.EFS }),
      options: { userName: 'alice', homeDirectory: HomeDirectory.efs(fs, '/home/alice'), posixProfile: { uid: -1, gid: 4294967296, secondaryGids: Array.from({ length: 17 }, (_, i) => i) } },
    };
  }, /`posixProfile\.uid` is -1.*`posixProfile\.gid` is 4294967296.*secondaryGids` has 17 ids/s],
  ['user/session-policy-size', (ctx) => ({
    options: {
      userName: 'alice',
      homeDirectory: home(ctx),
      sessionPolicy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: Array.from({ length: 60 }, (_, i) => `arn:aws:s3:::bucket/some/long/prefix/number/${i}/*`) })] }),
    },
  }), /the `sessionPolicy` given is \d+ characters long/],
  ['user/session-policy-size', (ctx) => ({
    options: { userName: 'alice', homeDirectory: home(ctx, `partners/${'p'.repeat(600)}/alice`), role: iam.Role.fromRoleArn(ctx.stack, 'Mine', 'arn:aws:iam::111111111111:role/mine') },
  }), /the session policy made for the home is \d+ characters long .*names each home key three times .*`role` was given/],
  ['user/home-prefix-characters', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx, 'home/*') } }), /home key "home\/\*" of mapping "\/" contains "\*", a wildcard/],
  ['user/home-prefix-characters', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx, 'home/al?ce') } }), /contains "\?"/],
  ['user/home-prefix-characters', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx, 'home/${aws:username}') } }), /contains "\$\{aws:username\}", which IAM would read as a policy variable/],
  ['user/home-prefix-characters', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx, 'home/$alice') } }), /contains "\$"/],
  ['user/home-prefix-characters', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx, 'home/../admin') } }), /has a "\.\." segment/],
  ['user/home-prefix-characters', (ctx) => ({
    options: { userName: 'alice', homeDirectory: HomeDirectory.logical([DirectoryMapping.s3('/in', ctx.bucket, 'in/alice'), DirectoryMapping.s3('/all', ctx.bucket, 'in/*')]) },
  }), /home key "in\/\*" of mapping "\/all"/],
  ['user/read-only-efs-role', (ctx) => {
    const fs = efs.FileSystem.fromFileSystemAttributes(ctx.stack, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, 'Sg', 'sg-12345678') });
    const role = iam.Role.fromRoleArn(ctx.stack, 'Mine', 'arn:aws:iam::111111111111:role/efs-users');
    return { server: new TransferServer(ctx.stack, 'EfsServer', { domain: Domain.EFS }), options: { userName: 'alice', homeDirectory: HomeDirectory.efs(fs, '/home/alice'), posixProfile: { uid: 1001, gid: 1001 }, role, readOnly: true } };
  }, /`readOnly` is set on an EFS user with its own `role`/],
  ['user/role-arn', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx), role: iam.Role.fromRoleArn(ctx.stack, 'Mine', 'arn:aws:iam::111111111111:user/alice', { mutable: false }) } }), /the ARN of `role` "arn:aws:iam::111111111111:user\/alice" is not a role ARN/],
  ['user/tags', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx) } }), /tag key "aws:team" starts with "aws:"/],
];

const warningCases: Case[] = [
  ['user/posix-profile-on-s3', (ctx) => ({ options: { userName: 'alice', homeDirectory: home(ctx), posixProfile: { uid: 1, gid: 1 } } }), /`posixProfile` is set on a user whose home is on S3/],
  ['user/session-policy-on-efs', (ctx) => {
    const fs = efs.FileSystem.fromFileSystemAttributes(ctx.stack, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, 'Sg', 'sg-12345678') });
    return {
      server: new TransferServer(ctx.stack, 'EfsServer', { domain: Domain.EFS }),
      options: { userName: 'alice', homeDirectory: HomeDirectory.efs(fs, '/home/alice'), posixProfile: { uid: 1, gid: 1 }, sessionPolicy: new iam.PolicyDocument() },
    };
  }, /`sessionPolicy` is set on a user of EFS/],
  ['user/posix-root', (ctx) => {
    const fs = efs.FileSystem.fromFileSystemAttributes(ctx.stack, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, 'Sg', 'sg-12345678') });
    return { server: new TransferServer(ctx.stack, 'EfsServer', { domain: Domain.EFS }), options: { userName: 'alice', homeDirectory: HomeDirectory.efs(fs, '/home/alice'), posixProfile: { uid: 0, gid: 0 } } };
  }, /`posixProfile\.uid` and `posixProfile\.gid` are 0/],
];

describe('TransferUser rules', () => {
  test.each(errorCases)('%s fails synth: %p', (id, build, expected) => {
    const ctx = setup();
    const { server, options } = build(ctx);
    const user = new TransferUser(ctx.stack, 'User', { server: server ?? ctx.server, ...options });
    if (id === 'user/tags') Tags.of(user).add('aws:team', 'payments');
    const message = synthError(ctx.stack);
    expect(message).toContain(`[${id}]`);
    expect(message).toMatch(expected);
    expect(message).toContain('Stack/User');
  });

  test.each(warningCases)('%s warns: %p', (id, build, expected) => {
    const ctx = setup();
    const { server, options } = build(ctx);
    new TransferUser(ctx.stack, 'User', { server: server ?? ctx.server, ...options });
    expect(synthError(ctx.stack)).toBe('');
    const found = Annotations.fromStack(ctx.stack).findWarning('*', Match.stringLikeRegexp(`\\[${id}\\]`));
    expect(found.map((w) => w.entry.data)).toEqual([expect.stringMatching(expected)]);
  });

  test('user/name-unique: two users with one name on one server fail, on two servers they do not', () => {
    const ctx = setup();
    ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx, 'home/a') });
    ctx.server.addUser('B', { userName: 'alice', homeDirectory: home(ctx, 'home/b') });
    expect(synthError(ctx.stack)).toMatch(/\[user\/name-unique\] `userName` "alice" is used by 2 users of server Stack\/Server/);

    const ok = setup();
    const other = new TransferServer(ok.stack, 'Other');
    ok.server.addUser('A', { userName: 'alice', homeDirectory: home(ok, 'home/a') });
    other.addUser('B', { userName: 'alice', homeDirectory: home(ok, 'home/b') });
    expect(synthError(ok.stack)).toBe('');
  });

  test('user/name-unique: a name added after the first user is validated counts; names unknown at synth never do', () => {
    const ctx = setup();
    ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx, 'home/a') });
    const later = new TransferServer(ctx.stack, 'Later');
    later.addUser('C', { userName: 'alice', homeDirectory: home(ctx, 'home/c') });
    // Added last, after the other users: the first user's count is read at validation, not at creation.
    ctx.server.addUser('B', { userName: 'alice', homeDirectory: home(ctx, 'home/b') });
    const errors = synthError(ctx.stack);
    expect(errors.match(/\[user\/name-unique\]/g)).toHaveLength(2);
    expect(errors).toMatch(/is used by 2 users of server Stack\/Server\b/);
    expect(errors).not.toMatch(/server Stack\/Later/);

    const unknown = setup();
    const name = Lazy.string({ produce: () => 'bob' });
    unknown.server.addUser('A', { userName: name, homeDirectory: home(unknown, 'home/a') });
    unknown.server.addUser('B', { userName: name, homeDirectory: home(unknown, 'home/b') });
    expect(synthError(unknown.stack)).not.toMatch(/user\/name-unique/);
  });

  test('every rule of the table has a breaking test here', () => {
    const tested = new Set([...errorCases, ...warningCases].map(([id]) => id));
    tested.add('user/name-unique');
    expect(USER_RULES.info.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  test('the new rules hold for ordinary input: plain and ${transfer:UserName} prefixes, a read-only EFS user on the shared role, an unprivileged POSIX id', () => {
    const ctx = setup();
    ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx, 'home/${transfer:UserName}/in-box_1.0') });
    ctx.server.addUser('B', { userName: 'bob', homeDirectory: home(ctx, 'partners/bob.example.com') });
    const fs = efs.FileSystem.fromFileSystemAttributes(ctx.stack, 'Fs', { fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, 'Sg', 'sg-12345678') });
    const efsServer = new TransferServer(ctx.stack, 'EfsServer', { domain: Domain.EFS });
    efsServer.addUser('C', { userName: 'carol', homeDirectory: HomeDirectory.efs(fs, '/home/carol'), posixProfile: { uid: 1001, gid: 1001 }, readOnly: true });
    expect(synthError(ctx.stack)).toBe('');
    expect(Annotations.fromStack(ctx.stack).findWarning('*', Match.stringLikeRegexp('user/'))).toEqual([]);
  });

  test('homePrefixProblem accepts exactly the prefixes without wildcards, foreign variables, "$" or dot segments', () => {
    const safe = fc.stringMatching(/^[a-z0-9_.-]{1,8}(\/[a-z0-9_.-]{1,8}){0,3}$/).filter((k) => !k.split('/').some((seg) => seg === '.' || seg === '..'));
    fc.assert(fc.property(safe, (k) => homePrefixProblem(k) === undefined), { numRuns: 500, seed: 14 });
    fc.assert(fc.property(safe, fc.constantFrom('*', '?', '$', '${aws:userid}', '/../x', '/./x'), (k, bad) => homePrefixProblem(`${k}${bad}`) !== undefined), { numRuns: 500, seed: 14 });
  });

  test('unresolved values are not judged', () => {
    const ctx = setup();
    ctx.server.addUser('K', { userName: 'karl', homeDirectory: home(ctx, Lazy.string({ produce: () => 'home/*' })) });
    ctx.server.addUser('A', { userName: Lazy.string({ produce: () => '-' }), homeDirectory: home(ctx), sshPublicKeys: [Lazy.string({ produce: () => 'x' })] });
    expect(synthError(ctx.stack)).toBe('');
  });

  test('user/role-arn and user/tags hold for a role of this app, an imported role ARN, one of unknown ARN, and ordinary tags', () => {
    const ctx = setup();
    const own = new iam.Role(ctx.stack, 'Own', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx, 'home/a'), role: own });
    ctx.server.addUser('B', { userName: 'bob', homeDirectory: home(ctx, 'home/b'), role: iam.Role.fromRoleArn(ctx.stack, 'Imported', 'arn:aws:iam::111111111111:role/service-role/transfer-users') });
    ctx.server.addUser('C', { userName: 'carol', homeDirectory: home(ctx, 'home/c'), role: iam.Role.fromRoleName(ctx.stack, 'ByName', 'transfer-users') });
    const tagged = ctx.server.addUser('D', { userName: 'dave', homeDirectory: home(ctx, 'home/d') });
    Tags.of(tagged).add('team', 'payments');
    Tags.of(tagged).add('cost-center', Lazy.string({ produce: () => '#not judged' }));
    expect(synthError(ctx.stack)).toBe('');
    expect(Template.fromStack(ctx.stack).findResources('AWS::Transfer::User', { Properties: { UserName: 'dave' } })).not.toEqual({});
  });

  test('user/tags reads the tags the template holds: added on a scope above, after the user', () => {
    const ctx = setup();
    ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx) });
    for (let i = 0; i < 51; i++) Tags.of(ctx.stack).add(`tag${i}`, 'v');
    expect(synthError(ctx.stack)).toMatch(/\[Stack\/Server\/A\] \[user\/tags\] the resource has 51 tags/);
  });

  test('ssh-key-format: one key with white space or a final line break around it is one line, and fits', () => {
    const ctx = setup();
    ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx), sshPublicKeys: [`${sshKey()}\n`, `  ${sshKey('ssh-rsa')}\r\n`] });
    expect(synthError(ctx.stack)).toBe('');
  });

  test('a warning is acknowledged on the user', () => {
    const ctx = setup();
    const user = ctx.server.addUser('A', { userName: 'alice', homeDirectory: home(ctx), posixProfile: { uid: 1, gid: 1 } });
    CoreAnnotations.of(user).acknowledgeWarning('cdk-transfer-family:user/posix-profile-on-s3', 'shared template with EFS users');
    Template.fromStack(ctx.stack);
    expect(Annotations.fromStack(ctx.stack).findWarning('*', Match.stringLikeRegexp('user/'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: names and SSH keys against the documented patterns.
// ---------------------------------------------------------------------------------------------

describe('TransferUser properties', () => {
  const documentedName = /^[A-Za-z0-9_][A-Za-z0-9_@.-]{2,99}$/;
  const nameRule = USER_RULES.rules.find((r) => r.id === 'user/name-format')!;
  const accepts = (name: string) => {
    const found = nameRule.check({ userName: name } as any);
    return found === undefined || (Array.isArray(found) && found.length === 0);
  };

  test('the user name rule agrees with the documented pattern on arbitrary strings', () => {
    const alphabet = fc.constantFrom(...'abcXYZ019_-.@ /é\u00a0'.split(''));
    const names = fc.oneof(fc.string({ maxLength: 110 }), fc.string({ unit: alphabet, minLength: 0, maxLength: 105 }));
    fc.assert(fc.property(names, (name) => accepts(name) === documentedName.test(name)), { numRuns: 2000 });
  });

  test('SSH keys: well-formed keys of the accepted types pass; any other type or a corrupted body fails', () => {
    const types = ['ssh-rsa', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];
    fc.assert(fc.property(fc.constantFrom(...types), fc.stringMatching(/^[\w@.-]{0,40}$/), (type, comment) =>
      sshPublicKeyProblem(sshKey(type, comment)) === undefined));
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9-]{3,30}$/).filter((t) => !types.includes(t)), (type) =>
      sshPublicKeyProblem(sshKey(type)) !== undefined));
    fc.assert(fc.property(fc.constantFrom(...types), fc.integer({ min: 0, max: 40 }), fc.constantFrom('*', '!', ' ', '#'), (type, at, bad) => {
      const [t, body] = sshKey(type).split(' ');
      const broken = `${t} ${body.slice(0, at)}${bad}${body.slice(at + 1)}`;
      return sshPublicKeyProblem(broken) !== undefined;
    }));
  });

  test('writing the user name as ${transfer:UserName} replaces exactly the path segments equal to the name', () => {
    const reference = (prefix: string, name: string) => prefix.split('/').map((seg) => (seg === name ? '${transfer:UserName}' : seg)).join('/');
    const name = fc.stringMatching(/^[a-z][a-z0-9.@-]{2,8}$/);
    const segment = (n: string) => fc.oneof(fc.constant(n), fc.constant(`${n}x`), fc.constant(`x${n}`), fc.stringMatching(/^[a-z0-9.-]{0,6}$/));
    fc.assert(fc.property(name.chain((n) => fc.tuple(fc.constant(n), fc.array(segment(n), { maxLength: 5 }))), ([n, segments]) =>
      withUserNameVariable(segments.join('/'), n) === reference(segments.join('/'), n)));
    expect(withUserNameVariable('home/alice', 'alice')).toBe('home/${transfer:UserName}');
    expect(withUserNameVariable('alice/in/alice', 'alice')).toBe('${transfer:UserName}/in/${transfer:UserName}');
    expect(withUserNameVariable('home/malice', 'alice')).toBe('home/malice');
  });
});
