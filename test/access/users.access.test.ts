import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Estate } from './estate';
import { expectAccess, expectTrust, policyFindings } from './expect';
import { Callers } from './principals';
import { sessionPolicyLength } from '../../src/user/user-rules';
import { DirectoryMapping, HomeDirectory, MappingType, TransferServer, TransferUser } from 'cdk-transfer-family';

const ACCOUNT = '111111111111';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Users', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const server = new TransferServer(stack, 'Server');
  return { app, stack, server };
}

/** The estate of an app, with every policy valid and naming only real IAM actions. */
async function estateOf(app: App): Promise<Estate> {
  const estate = Estate.fromApp(app);
  expect(await policyFindings(estate)).toEqual([]);
  return estate;
}

describe('users of an SSE-KMS bucket', () => {
  test.each([false, true])('a chroot user works in its home and nowhere else (S3 Bucket Keys: %p)', async (bucketKeyEnabled) => {
    const { app, stack, server } = setup();
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Files', { encryptionKey: key, bucketKeyEnabled, enforceSSL: true });
    const other = new s3.Bucket(stack, 'Other', { encryptionKey: key });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.chroot(bucket, 'home/bob') });
    const estate = await estateOf(app);
    const alice = new Callers(estate).user('alice');
    const files = estate.value(stack, bucket.bucketName);
    const otherBucket = estate.value(stack, other.bucketName);
    const keyArn = estate.value(stack, key.keyArn);

    expectAccess(alice, {
      allowed: [
        alice.list('/'), alice.upload('/invoice.csv'), alice.download('/invoice.csv'), alice.mkdir('/2026'),
        alice.upload('/2026/12/report.csv'), alice.list('/2026'), alice.rename('/invoice.csv', '/2026/invoice.csv'), alice.remove('/2026/invoice.csv'),
      ],
      denied: [
        ...alice.outside(files, 'home/bob/invoice.csv'),
        // A prefix that merely starts with the user's.
        ...alice.outside(files, 'home/alice-evil/invoice.csv'),
        alice.raw('lists the prefix home/alice-evil', alice.requests.list(files, 'home/alice-evil')),
        ...alice.outside(files, 'invoice.csv'),
        ...alice.outside(otherBucket, 'home/alice/invoice.csv'),
        // The bucket's key, used directly rather than through S3, or for another bucket's objects.
        alice.raw('decrypts with the key outside S3', [{ action: 'kms:Decrypt', resource: keyArn, context: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${files}/home/alice/x` } }]),
        alice.raw('decrypts another bucket\'s object through S3', [{
          action: 'kms:Decrypt',
          resource: keyArn,
          context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${otherBucket}/home/alice/x` },
        }]),
      ],
    });
  });

  test('a user whose home is on a bucket encrypted with another key may not use a key of the estate it was not given', async () => {
    const { app, stack, server } = setup();
    const key = new kms.Key(stack, 'Key');
    const unrelated = new kms.Key(stack, 'Unrelated');
    const bucket = new s3.Bucket(stack, 'Files', { encryptionKey: key });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    const estate = await estateOf(app);
    const alice = new Callers(estate).user('alice');
    const files = estate.value(stack, bucket.bucketName);
    expectAccess(alice, {
      allowed: [alice.upload('/a.csv'), alice.download('/a.csv')],
      denied: [alice.raw('uses an unrelated key through S3', [{
        action: 'kms:GenerateDataKey',
        resource: estate.value(stack, unrelated.keyArn),
        context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${files}/home/alice/a.csv` },
      }])],
    });
  });
});

describe('home layouts', () => {
  test('a logical home: a writable folder in one bucket and one file of another, read through a FILE mapping', async () => {
    const { app, stack, server } = setup();
    const inbox = new s3.Bucket(stack, 'Inbox', { encryptionKey: new kms.Key(stack, 'InboxKey') });
    const docs = new s3.Bucket(stack, 'Docs');
    server.addUser('Acme', {
      userName: 'acme',
      homeDirectory: HomeDirectory.logical([
        DirectoryMapping.s3('/in', inbox, 'partners/acme/in'),
        DirectoryMapping.s3('/terms.pdf', docs, 'shared/terms.pdf', { type: MappingType.FILE }),
      ]),
    });
    const estate = await estateOf(app);
    const acme = new Callers(estate).user('acme');
    const docsName = estate.value(stack, docs.bucketName);
    const inboxName = estate.value(stack, inbox.bucketName);
    expectAccess(acme, {
      allowed: [acme.upload('/in/a.csv'), acme.download('/in/a.csv'), acme.list('/in'), acme.download('/terms.pdf')],
      denied: [
        ...acme.outside(docsName, 'shared/terms.pdf.bak'),
        ...acme.outside(docsName, 'shared/other.pdf'),
        ...acme.outside(inboxName, 'partners/acme/out/a.csv'),
        ...acme.outside(inboxName, 'partners/acme/in-other/a.csv'),
      ],
    });
  });

  test('a PATH home: the user starts in its folder and reaches nothing else of the bucket', async () => {
    const { app, stack, server } = setup();
    const bucket = new s3.Bucket(stack, 'Files');
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.path(bucket, 'home/alice') });
    const estate = await estateOf(app);
    const alice = new Callers(estate).user('alice');
    const name = estate.value(stack, bucket.bucketName);
    expectAccess(alice, {
      allowed: [alice.upload('a.csv'), alice.download(`/${name}/home/alice/a.csv`), alice.list(`/${name}/home/alice`)],
      denied: [alice.download(`/${name}/home/bob/a.csv`), alice.upload(`/${name}/home/alice-evil/a.csv`), alice.list(`/${name}/home`)],
    });
  });

  test('a home at the bucket root may use the whole bucket, and no other bucket', async () => {
    const { app, stack, server } = setup();
    const bucket = new s3.Bucket(stack, 'Files');
    const other = new s3.Bucket(stack, 'Other');
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, '') });
    const estate = await estateOf(app);
    const alice = new Callers(estate).user('alice');
    expectAccess(alice, {
      allowed: [alice.upload('/a.csv'), alice.list('/'), alice.download('/x/y/z.csv')],
      denied: alice.outside(estate.value(stack, other.bucketName), 'a.csv'),
    });
  });

  test('many mappings fit one session policy, each reachable, and the size rule measures at least what is deployed', async () => {
    const { app, stack, server } = setup();
    const buckets = [0, 1, 2, 3].map((i) => s3.Bucket.fromBucketName(stack, `B${i}`, `b${i}${'x'.repeat(61)}`));
    const mappings = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => DirectoryMapping.s3(`/m${i}`, buckets[0], `partners/acme/m${i}`));
    const spread = [0, 1, 2, 3].map((i) => DirectoryMapping.s3(`/s${i}`, buckets[i], `partners/beta/s${i}`));
    const acmeUser = server.addUser('Acme', { userName: 'acme', homeDirectory: HomeDirectory.logical(mappings) });
    server.addUser('Beta', { userName: 'beta', homeDirectory: HomeDirectory.logical(spread) });
    const estate = await estateOf(app);
    const callers = new Callers(estate);
    const acme = callers.user('acme');
    const beta = callers.user('beta');
    expectAccess(acme, {
      allowed: mappings.map((_, i) => acme.upload(`/m${i}/a.csv`)),
      denied: [...acme.outside(buckets[0].bucketName, 'partners/acme/m8/a.csv'), ...acme.outside(buckets[1].bucketName, 'partners/acme/m1/a.csv')],
    });
    expectAccess(beta, {
      allowed: spread.map((_, i) => beta.download(`/s${i}/a.csv`)),
      denied: [...beta.outside(buckets[0].bucketName, 'partners/beta/s1/a.csv'), ...beta.outside(buckets[1].bucketName, 'partners/beta/s0/a.csv')],
    });
    const deployed = estate.ofType('AWS::Transfer::User').find((u) => u.properties.UserName === 'acme')!.properties.Policy.length;
    const measured = sessionPolicyLength(acmeUser, (acmeUser as any).sessionPolicy);
    expect(deployed).toBeLessThanOrEqual(2048);
    expect(measured).toBeGreaterThanOrEqual(deployed);
  });
});

describe('readOnly holds whatever else is given', () => {
  test('with a role of its own: the home session policy narrows the role, read-only', async () => {
    const { app, stack, server } = setup();
    const bucket = new s3.Bucket(stack, 'Files');
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    bucket.grantReadWrite(role);
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice'), role, readOnly: true });
    const estate = await estateOf(app);
    const alice = new Callers(estate).user('alice');
    const name = estate.value(stack, bucket.bucketName);
    expectAccess(alice, {
      allowed: [alice.download('/a.csv'), alice.list('/')],
      denied: [alice.upload('/a.csv'), alice.remove('/a.csv'), alice.mkdir('/d'), ...alice.outside(name, 'home/bob/a.csv')],
    });
  });

  test('with a session policy of its own that allows writing: every write is denied', async () => {
    const { app, stack, server } = setup();
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Files', { encryptionKey: key });
    const sessionPolicy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.bucketArn, bucket.arnForObjects('home/alice/*')] }),
        new iam.PolicyStatement({ actions: ['kms:*'], resources: [key.keyArn] }),
      ],
    });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice'), sessionPolicy, readOnly: true });
    const estate = await estateOf(app);
    const alice = new Callers(estate).user('alice');
    expectAccess(alice, {
      allowed: [alice.download('/a.csv')],
      denied: [alice.upload('/a.csv'), alice.remove('/a.csv'), alice.rename('/a.csv', '/b.csv')],
    });
  });

  test('a read-only user of the shared role beside a writer: the writer writes, the reader does not', async () => {
    const { app, stack, server } = setup();
    const bucket = new s3.Bucket(stack, 'Files', { encryptionKey: new kms.Key(stack, 'Key') });
    server.addUser('Writer', { userName: 'writer', homeDirectory: HomeDirectory.chroot(bucket, 'home/shared') });
    server.addUser('Reader', { userName: 'reader', homeDirectory: HomeDirectory.chroot(bucket, 'home/shared'), readOnly: true });
    const estate = await estateOf(app);
    const callers = new Callers(estate);
    const reader = callers.user('reader');
    const writer = callers.user('writer');
    expectAccess(writer, { allowed: [writer.upload('/a.csv')], denied: [writer.raw('reads home/other', writer.requests.get(estate.value(stack, bucket.bucketName), 'home/other/a'))] });
    expectAccess(reader, { allowed: [reader.download('/a.csv')], denied: [reader.upload('/a.csv'), reader.remove('/a.csv')] });
  });
});

describe('the users\' role trusts Transfer Family for this server\'s users in this account only', () => {
  test('assumed for a user of this server; refused for another server, another account, or no source', async () => {
    const { app, stack, server } = setup();
    const bucket = new s3.Bucket(stack, 'Files');
    const user = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
    const estate = await estateOf(app);
    const callers = new Callers(estate);
    const roleArn = estate.value(stack, user.role.roleArn);
    const serverId = estate.value(stack, server.serverId);
    const userArn = `arn:aws:transfer:eu-west-1:${ACCOUNT}:user/${serverId}/alice`;
    expectTrust(callers, roleArn, {
      allowed: [[userArn, ACCOUNT]],
      denied: [
        [`arn:aws:transfer:eu-west-1:${ACCOUNT}:user/s-00000000000000000/alice`, ACCOUNT],
        [`arn:aws:transfer:eu-west-1:222222222222:user/${serverId}/alice`, '222222222222'],
        [`arn:aws:transfer:eu-west-1:${ACCOUNT}:server/${serverId}`, ACCOUNT],
        [userArn, ACCOUNT, 'lambda.amazonaws.com'],
      ],
    });
    expect(TransferUser).toBeDefined();
  });
});
