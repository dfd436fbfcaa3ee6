import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Estate } from './estate';
import { expectAccess, expectTrust, policyFindings } from './expect';
import { Callers, requests as raw, S3Requests } from './principals';
import { as2Server, profiles } from '../as2/estate';
import { ENV } from '../support/stacks';
import { synthError } from '../support/synth';
import { FileLocation } from 'cdk-transfer-family';

/**
 * For inbound AS2, Transfer Family assumes the agreement's access role (for the agreement's ARN) and
 * writes the payloads, MDNs, status, failed and temporary files to the agreement's directories
 * (https://docs.aws.amazon.com/transfer/latest/userguide/requirements-roles.html). The role may read and
 * write there, with the bucket's KMS key through S3 for those objects, and nowhere else.
 */
describe('the access role of an AS2 agreement', () => {
  function setup(bucketKeyEnabled = false) {
    const app = new App();
    const stack = new Stack(app, 'As2', { env: ENV });
    const server = as2Server(stack);
    const { local, partner } = profiles(stack);
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Messages', { encryptionKey: key, bucketKeyEnabled, enforceSSL: true });
    const other = new s3.Bucket(stack, 'Other', { encryptionKey: key, enforceSSL: true });
    const base = server.addAgreement('Partner', { localProfile: local, partnerProfile: partner, baseDirectory: FileLocation.s3(bucket, 'as2/partner') });
    const custom = server.addAgreement('Custom', {
      localProfile: local,
      partnerProfile: partner,
      customDirectories: {
        failedFiles: FileLocation.s3(bucket, 'custom/failed'),
        mdnFiles: FileLocation.s3(bucket, 'custom/mdn'),
        payloadFiles: FileLocation.s3(other, 'payloads'),
        statusFiles: FileLocation.s3(bucket, 'custom/status'),
        temporaryFiles: FileLocation.s3(bucket, 'custom/tmp'),
      },
    });
    expect(synthError(stack)).toBe('');
    return { app, stack, server, bucket, other, key, base, custom };
  }

  test.each([false, true])('a base directory: writes and reads under it, nowhere else (S3 Bucket Keys: %p)', async (bucketKeys) => {
    const e = setup(bucketKeys);
    const estate = Estate.fromApp(e.app);
    expect(await policyFindings(estate)).toEqual([]);
    const s3r = new S3Requests(estate, ENV.region);
    const files = estate.value(e.stack, e.bucket.bucketName);
    const otherBucket = estate.value(e.stack, e.other.bucketName);
    const keyArn = estate.value(e.stack, e.key.keyArn);
    const role = new Callers(estate).roleOf(e.stack, e.base.accessRole.roleArn, 'agreement Partner');
    expectAccess(role, {
      allowed: [
        raw('stores a payload', ...s3r.put(files, 'as2/partner/invoice.edi')),
        raw('stores an MDN', ...s3r.put(files, 'as2/partner/processed/invoice.edi.mdn')),
        raw('stores a status file', ...s3r.put(files, 'as2/partner/processed/invoice.edi.json')),
        raw('stores a failed file', ...s3r.put(files, 'as2/partner/failed/invoice.edi')),
        raw('reads a temporary file', ...s3r.get(files, 'as2/partner/processing/invoice.edi')),
      ],
      denied: [
        raw('writes another prefix', ...s3r.put(files, 'as2/other/invoice.edi')),
        raw('writes a prefix that merely starts with the base\'s', ...s3r.put(files, 'as2/partner-evil/invoice.edi')),
        raw('writes the bucket\'s root', ...s3r.put(files, 'invoice.edi')),
        raw('writes another bucket', ...s3r.put(otherBucket, 'as2/partner/invoice.edi')),
        raw('deletes a payload', ...s3r.delete(files, 'as2/partner/invoice.edi')),
        raw('lists the bucket', ...s3r.list(files, 'as2/partner/')),
        raw('decrypts with the key outside S3', { action: 'kms:Decrypt', resource: keyArn, context: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${files}/as2/partner/x` } }),
        raw('decrypts another bucket\'s object through S3', {
          action: 'kms:Decrypt',
          resource: keyArn,
          context: { 'kms:ViaService': `s3.${ENV.region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${otherBucket}/as2/partner/x` },
        }),
      ],
    });
  });

  test('custom directories: each directory, in its bucket; not the other agreement\'s', async () => {
    const e = setup();
    const estate = Estate.fromApp(e.app);
    const s3r = new S3Requests(estate, ENV.region);
    const files = estate.value(e.stack, e.bucket.bucketName);
    const otherBucket = estate.value(e.stack, e.other.bucketName);
    const role = new Callers(estate).roleOf(e.stack, e.custom.accessRole.roleArn, 'agreement Custom');
    expectAccess(role, {
      allowed: [
        raw('stores a payload', ...s3r.put(otherBucket, 'payloads/invoice.edi')),
        raw('stores an MDN', ...s3r.put(files, 'custom/mdn/invoice.edi.mdn')),
        raw('stores a status file', ...s3r.put(files, 'custom/status/invoice.edi.json')),
        raw('stores a failed file', ...s3r.put(files, 'custom/failed/invoice.edi')),
        raw('stores and reads a temporary file', ...s3r.put(files, 'custom/tmp/invoice.edi'), ...s3r.get(files, 'custom/tmp/invoice.edi')),
      ],
      denied: [
        raw('writes the other agreement\'s base directory', ...s3r.put(files, 'as2/partner/invoice.edi')),
        raw('writes payloads in the wrong bucket', ...s3r.put(files, 'payloads/invoice.edi')),
        raw('writes a prefix that merely starts with a directory', ...s3r.put(files, 'custom/mdn-evil/x')),
        raw('writes the custom directories\' parent', ...s3r.put(files, 'custom/x')),
      ],
    });
  });

  test('is assumed by Transfer Family for the agreements of this server only', () => {
    const e = setup();
    const estate = Estate.fromApp(e.app);
    const roleArn = estate.value(e.stack, e.base.accessRole.roleArn);
    const serverId = estate.value(e.stack, e.server.serverId);
    // An agreement's ARN is agreement/<server id>/<agreement id>
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awstransferfamily.html#awstransferfamily-resources-for-iam-policies).
    const arn = (server: string, account = ENV.account, region = ENV.region) => `arn:aws:transfer:${region}:${account}:agreement/${server}/a-0123456789abcdef0`;
    const agreement = arn(serverId);
    expectTrust(new Callers(estate), roleArn, {
      allowed: [[agreement, ENV.account], [`arn:aws:transfer:${ENV.region}:${ENV.account}:agreement/${serverId}/a-99999999999999999`, ENV.account]],
      denied: [
        [arn('s-99999999999999999'), ENV.account],
        [`arn:aws:transfer:${ENV.region}:${ENV.account}:agreement/a-0123456789abcdef0`, ENV.account],
        [agreement, '222222222222'],
        [arn(serverId, '222222222222'), '222222222222'],
        [`arn:aws:transfer:${ENV.region}:${ENV.account}:server/${serverId}`, ENV.account],
        [arn(serverId, ENV.account, 'us-east-1'), ENV.account],
        [agreement, ENV.account, 'lambda.amazonaws.com'],
      ],
    });
  });
});
