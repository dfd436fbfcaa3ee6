import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ENV } from '../support/stacks';
import { Domain, HomeDirectory, IdentityProvider, TransferAccess, TransferServer } from 'cdk-transfer-family';

const FINANCE = 'S-1-1-12-1234567890-123456789-1234567890-1234';
const AUDITORS = 'S-1-1-12-1234567890-123456789-1234567890-5678';
const DIRECTORY = 'd-0123456789';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: ENV });
  const server = new TransferServer(stack, 'Server', { identityProvider: IdentityProvider.directory({ directoryId: DIRECTORY }) });
  const bucket = new s3.Bucket(stack, 'Files');
  return { app, stack, server, bucket };
}

const accesses = (t: Template) => t.findResources('Custom::TransferAccess');

describe('TransferAccess', () => {
  test('server.addAccess() makes a Custom::TransferAccess with the home, the shared role and a session policy', () => {
    const { stack, server, bucket } = setup();
    const access = server.addAccess('Finance', { externalId: FINANCE, homeDirectory: HomeDirectory.chroot(bucket, 'finance') });
    expect(access).toBeInstanceOf(TransferAccess);
    const t = Template.fromStack(stack);
    const [resource] = Object.values(accesses(t));
    const props = resource.Properties;
    expect(props.ServiceToken).toBeDefined();
    expect(props).toMatchObject({
      ServerId: { 'Fn::GetAtt': [expect.stringMatching(/^Server/), 'ServerId'] },
      ExternalId: FINANCE,
      HomeDirectoryType: 'LOGICAL',
      HomeDirectoryMappings: [{ Entry: '/', Target: { 'Fn::Join': ['', ['/', { Ref: expect.stringMatching(/^Files/) }, '/finance']] } }],
      Role: { 'Fn::GetAtt': [expect.stringMatching(/^ServerUsersRole/), 'Arn'] },
    });
    expect(props.HomeDirectory).toBeUndefined();
    expect(props.PosixProfile).toBeUndefined();
    const policy = JSON.stringify(stack.resolve(props.Policy));
    expect(policy).toContain('s3:ListBucket');
    expect(policy).toContain('finance/*');
    // The custom resource waits for the role and for the handler's permissions.
    expect(resource.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ServerUsersRole.*DefaultPolicy/), expect.stringMatching(/^ServerAccessProviderRole/)]));
  });

  test('accesses of a server share one role, and each has its own session policy', () => {
    const { stack, server, bucket } = setup();
    server.addAccess('Finance', { externalId: FINANCE, homeDirectory: HomeDirectory.chroot(bucket, 'groups/finance') });
    new TransferAccess(stack, 'Auditors', { server, externalId: AUDITORS, homeDirectory: HomeDirectory.chroot(bucket, 'groups/auditors'), readOnly: true });
    const t = Template.fromStack(stack);
    const all = Object.values(accesses(t)).map((r) => r.Properties);
    expect(all).toHaveLength(2);
    expect(stack.resolve(all[0].Role)).toEqual(stack.resolve(all[1].Role));
    const auditors = JSON.stringify(stack.resolve(all.find((p) => p.ExternalId === AUDITORS)!.Policy));
    expect(auditors).toContain('groups/auditors/*');
    expect(auditors).not.toContain('s3:PutObject');
    // One provider for the server.
    t.resourceCountIs('AWS::Lambda::Function', 2);
  });

  test('the handler may act on this server\'s accesses only, and pass only their roles to Transfer Family', () => {
    const { stack, server, bucket } = setup();
    const given = new iam.Role(stack, 'Given', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    server.addAccess('Finance', { externalId: FINANCE, homeDirectory: HomeDirectory.chroot(bucket, 'finance') });
    server.addAccess('Auditors', { externalId: AUDITORS, homeDirectory: HomeDirectory.chroot(bucket, 'audit'), role: given });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ServerAccessProviderRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: ['transfer:CreateAccess', 'transfer:UpdateAccess', 'transfer:DeleteAccess'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Server'), 'Arn'] } },
          {
            Action: 'iam:PassRole',
            Condition: { StringEquals: { 'iam:PassedToService': 'transfer.amazonaws.com' } },
            Effect: 'Allow',
            Resource: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ServerUsersRole'), 'Arn'] }, { 'Fn::GetAtt': [Match.stringLikeRegexp('^Given'), 'Arn'] }],
          },
        ]),
      },
    });
    // The handler runs the inlined asset on Lambda's bundled SDK.
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Code: { ZipFile: Match.stringLikeRegexp('CreateAccessCommand') },
    });
  });

  test('two servers get two providers, each scoped to its server', () => {
    const { stack, server, bucket } = setup();
    const other = new TransferServer(stack, 'Other', { identityProvider: IdentityProvider.directory({ directoryId: DIRECTORY }) });
    server.addAccess('Finance', { externalId: FINANCE, homeDirectory: HomeDirectory.chroot(bucket, 'finance') });
    other.addAccess('Finance', { externalId: FINANCE, homeDirectory: HomeDirectory.chroot(bucket, 'finance') });
    const t = Template.fromStack(stack);
    const tokens = Object.values(accesses(t)).map((r) => JSON.stringify(r.Properties.ServiceToken));
    expect(new Set(tokens).size).toBe(2);
  });

  test('an EFS access has its POSIX profile, no session policy, and the EFS role', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const server = new TransferServer(stack, 'Server', { domain: Domain.EFS, identityProvider: IdentityProvider.directory({ directoryId: DIRECTORY }) });
    const fs = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
      fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
    });
    server.addAccess('Eng', { externalId: FINANCE, homeDirectory: HomeDirectory.efs(fs, '/groups/eng'), posixProfile: { uid: 2001, gid: 2001, secondaryGids: [3000] } });
    const props = Object.values(accesses(Template.fromStack(stack)))[0].Properties;
    expect(props).toMatchObject({ PosixProfile: { Uid: 2001, Gid: 2001, SecondaryGids: [3000] }, HomeDirectoryMappings: [{ Entry: '/', Target: '/fs-01234567/groups/eng' }] });
    expect(props.Policy).toBeUndefined();
  });

  test('a PATH home is rendered as HomeDirectory', () => {
    const { stack, server, bucket } = setup();
    server.addAccess('Finance', { externalId: FINANCE, homeDirectory: HomeDirectory.path(bucket, 'finance') });
    const props = Object.values(accesses(Template.fromStack(stack)))[0].Properties;
    expect(props.HomeDirectoryType).toBe('PATH');
    expect(props.HomeDirectory).toEqual({ 'Fn::Join': ['', ['/', { Ref: expect.stringMatching(/^Files/) }, '/finance']] });
    expect(props.HomeDirectoryMappings).toBeUndefined();
  });

  test('readOnly adds a deny of every write to a given session policy', () => {
    const { stack, server, bucket } = setup();
    const sessionPolicy = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.arnForObjects('finance/*')] })] });
    server.addAccess('Finance', { externalId: FINANCE, homeDirectory: HomeDirectory.chroot(bucket, 'finance'), sessionPolicy, readOnly: true });
    const props = Object.values(accesses(Template.fromStack(stack)))[0].Properties;
    expect(JSON.stringify(stack.resolve(props.Policy))).toContain('\\"Effect\\":\\"Deny\\"');
  });

  test('an access in another stack than its server gets a provider in its own stack', () => {
    const { app, server, bucket } = setup();
    const other = new Stack(app, 'Groups', { env: ENV });
    new TransferAccess(other, 'Finance', { server, externalId: FINANCE, homeDirectory: HomeDirectory.chroot(bucket, 'finance') });
    const t = Template.fromStack(other);
    expect(Object.keys(t.findResources('AWS::Lambda::Function')).some((id) => id.startsWith('TransferAccessProvider'))).toBe(true);
  });

  test.each([
    ['props', undefined, /`props` must be/],
    ['externalId', { externalId: 42 }, /`externalId` must be a string/],
    ['homeDirectory', { homeDirectory: 'finance' }, /`homeDirectory` must be a HomeDirectory/],
    ['readOnly', { readOnly: 'yes' }, /`readOnly` must be/],
    ['posixProfile', { posixProfile: { uid: 'a', gid: 1 } }, /`posixProfile.uid` must be a number/],
  ])('refuses a wrong %s, naming it', (_name, change, message) => {
    const { stack, server, bucket } = setup();
    const js = (v: unknown) => v as never;
    const base = { server, externalId: FINANCE, homeDirectory: HomeDirectory.chroot(bucket, 'finance') };
    expect(() => new TransferAccess(stack, 'A', js(change === undefined ? undefined : { ...base, ...change }))).toThrow(message);
    expect(() => server.addAccess('B', js(undefined))).toThrow(/TransferServer.addAccess\(\): `options` must be/);
  });
});
