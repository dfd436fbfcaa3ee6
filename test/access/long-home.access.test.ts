import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Estate } from './estate';
import { expectAccess, expectTrust, policyFindings } from './expect';
import { Callers } from './principals';
import { synthError } from '../support/synth';
import { HomeDirectory, TransferServer } from 'cdk-transfer-family';

/**
 * A home whose key is long but valid (its target, `/<bucket>/<key>`, within the 1024 characters the
 * service takes) cannot be narrowed by a session policy: the policy names the key three times (twice to
 * list it, once for its files) and once more per KMS key, and holds at most 2048 characters. Such a user
 * gets a role of its own whose policy holds what the session policy would have held. These scenarios prove
 * that it reaches its home and nothing more: not a neighbour's home, not a prefix that merely starts with
 * its own, not another bucket, not the bucket's key outside S3 or for other objects; and that the role
 * is assumed for that user only.
 */

const ACCOUNT = '111111111111';
const BUCKET = 'long-home-files';
/** `<directory>/` where every long home lives: with `/alice`, the target is 1024 characters. */
const DIRECTORY = `partners/${'d'.repeat(1024 - `/${BUCKET}/partners/`.length - '/alice'.length - 1)}/`;

function setup(bucketProps: s3.BucketProps = {}) {
  const app = new App();
  const stack = new Stack(app, 'LongHomes', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const server = new TransferServer(stack, 'Server');
  const bucket = new s3.Bucket(stack, 'Files', { bucketName: BUCKET, ...bucketProps });
  return { app, stack, server, bucket };
}

async function estateOf(app: App): Promise<Estate> {
  const estate = Estate.fromApp(app);
  expect(await policyFindings(estate)).toEqual([]);
  return estate;
}

describe('a chroot home whose key is long but valid', () => {
  test('the home is within the limits the service documents, and its session policy could not fit', () => {
    expect(`/${BUCKET}/${DIRECTORY}alice`).toHaveLength(1023);
  });

  test.each([false, true])('gets a role of its own (no session policy) and works in its home and nowhere else (SSE-KMS, S3 Bucket Keys: %p)', async (bucketKeyEnabled) => {
    const { app, stack, server } = setup();
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Encrypted', { bucketName: 'long-home-crypt', encryptionKey: key, bucketKeyEnabled });
    const other = new s3.Bucket(stack, 'Other', { encryptionKey: key });
    const alice = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, `${DIRECTORY}alice`) });
    // A neighbour with a long home too gets a role of its own; one with a short home stays on the shared
    // role and its session policy.
    const bob = server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.chroot(bucket, `${DIRECTORY}bob`) });
    const carol = server.addUser('Carol', { userName: 'carol', homeDirectory: HomeDirectory.chroot(bucket, 'home/carol') });
    expect(synthError(stack)).toBe('');
    const estate = await estateOf(app);
    const callers = new Callers(estate);
    const session = callers.user('alice');
    const files = estate.value(stack, bucket.bucketName);
    const otherBucket = estate.value(stack, other.bucketName);
    const keyArn = estate.value(stack, key.keyArn);
    const user = estate.ofType('AWS::Transfer::User').find((u) => u.properties.UserName === 'alice')!;
    expect(user.properties.Policy).toBeUndefined();
    expect(alice.role).not.toBe(bob.role);
    expect(alice.role).not.toBe(carol.role);
    expect(estate.ofType('AWS::Transfer::User').find((u) => u.properties.UserName === 'carol')!.properties.Policy).toBeDefined();

    expectAccess(session, {
      allowed: [
        session.list('/'), session.upload('/invoice.csv'), session.download('/invoice.csv'), session.mkdir('/2026'),
        session.upload('/2026/12/report.csv'), session.list('/2026'), session.rename('/invoice.csv', '/2026/invoice.csv'), session.remove('/2026/invoice.csv'),
      ],
      denied: [
        ...session.outside(files, `${DIRECTORY}bob/invoice.csv`),
        ...session.outside(files, `${DIRECTORY}alice-evil/invoice.csv`),
        session.raw('lists the prefix alice-evil', session.requests.list(files, `${DIRECTORY}alice-evil`)),
        ...session.outside(files, `${DIRECTORY}invoice.csv`),
        ...session.outside(files, 'invoice.csv'),
        ...session.outside(otherBucket, `${DIRECTORY}alice/invoice.csv`),
        session.raw('decrypts with the key outside S3', [{ action: 'kms:Decrypt', resource: keyArn, context: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${files}/${DIRECTORY}alice/x` } }]),
        session.raw('decrypts the neighbour\'s object through S3', [{
          action: 'kms:Decrypt',
          resource: keyArn,
          context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${files}/${DIRECTORY}bob/x` },
        }]),
        session.raw('decrypts another bucket\'s object through S3', [{
          action: 'kms:Decrypt',
          resource: keyArn,
          context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${otherBucket}/${DIRECTORY}alice/x` },
        }]),
      ],
    });
    for (const name of ['bob', 'carol']) {
      const neighbour = callers.user(name);
      expectAccess(neighbour, {
        allowed: [neighbour.upload('/a.csv'), neighbour.download('/a.csv'), neighbour.list('/')],
        denied: neighbour.outside(files, `${DIRECTORY}alice/a.csv`),
      });
    }
  });

  test('read-only: it reads its home and writes nothing, not even there', async () => {
    const { app, stack, server, bucket } = setup();
    server.addUser('Auditor', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, `${DIRECTORY}alice`), readOnly: true });
    const estate = await estateOf(app);
    const alice = new Callers(estate).user('alice');
    const files = estate.value(stack, bucket.bucketName);
    expectAccess(alice, {
      allowed: [alice.download('/a.csv'), alice.list('/'), alice.list('/2026')],
      denied: [alice.upload('/a.csv'), alice.remove('/a.csv'), alice.mkdir('/d'), alice.rename('/a.csv', '/b.csv'), ...alice.outside(files, `${DIRECTORY}bob/a.csv`)],
    });
  });

  test('a home key holding ${transfer:UserName} is written out for the role (roles get no Transfer policy variables)', async () => {
    const { app, stack, server, bucket } = setup();
    // Shorter by the variable's length, so that the target stays within 1024 characters.
    const directory = DIRECTORY.slice(0, -20);
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, `${directory}\${transfer:UserName}`) });
    const estate = await estateOf(app);
    const alice = new Callers(estate).user('alice');
    expect(JSON.stringify(alice.role.policies)).not.toContain('${transfer:');
    const files = estate.value(stack, bucket.bucketName);
    expectAccess(alice, {
      allowed: [alice.raw('writes its home', alice.requests.put(files, `${directory}alice/a.csv`))],
      denied: [...alice.outside(files, `${directory}bob/a.csv`), ...alice.outside(files, `${directory}\${transfer:UserName}/a.csv`)],
    });
  });

  test('its role is assumed by Transfer Family for this user of this server only', async () => {
    const { app, stack, server, bucket } = setup();
    const user = server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, `${DIRECTORY}alice`) });
    server.addUser('Bob', { userName: 'bob', homeDirectory: HomeDirectory.chroot(bucket, 'home/bob') });
    const estate = await estateOf(app);
    const callers = new Callers(estate);
    const roleArn = estate.value(stack, user.role.roleArn);
    const serverId = estate.value(stack, server.serverId);
    const userArn = `arn:aws:transfer:eu-west-1:${ACCOUNT}:user/${serverId}/alice`;
    expectTrust(callers, roleArn, {
      allowed: [[userArn, ACCOUNT]],
      denied: [
        [`arn:aws:transfer:eu-west-1:${ACCOUNT}:user/${serverId}/bob`, ACCOUNT],
        [`arn:aws:transfer:eu-west-1:${ACCOUNT}:user/s-00000000000000000/alice`, ACCOUNT],
        [`arn:aws:transfer:eu-west-1:222222222222:user/${serverId}/alice`, '222222222222'],
      ],
    });
    // Bob's shared role is not Alice's, and Bob's session does not reach Alice's home.
    const bob = callers.user('bob');
    expect(bob.role.arn).not.toEqual(roleArn);
    expectAccess(bob, { allowed: [bob.upload('/a.csv')], denied: bob.outside(estate.value(stack, bucket.bucketName), `${DIRECTORY}alice/a.csv`) });
  });

  test('with a role of its own given, no session policy can narrow it: synthesis says why and what to do', () => {
    const { stack, server, bucket } = setup();
    const role = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });
    server.addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, `${DIRECTORY}alice`), role });
    const message = synthError(stack);
    expect(message).toMatch(/\[user\/session-policy-size\] the session policy made for the home is \d+ characters long/);
    expect(message).toMatch(/names each home key three times .* so a long key cannot fit 2048 characters, and `role` was given/);
    expect(message).toMatch(/leave `role` out/);
  });
});
