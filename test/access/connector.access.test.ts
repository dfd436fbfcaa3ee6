import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Estate } from './estate';
import { expectAccess, expectTrust, policyFindings } from './expect';
import { Callers, requests as raw, S3Requests } from './principals';
import { sftpConnector } from '../connector/estate';
import { ENV } from '../support/stacks';
import { synthError } from '../support/synth';
import { FileLocation } from 'cdk-transfer-family';

jest.setTimeout(60_000);

/**
 * Transfer Family assumes an SFTP connector's access role (for the connector's ARN) to read the files it
 * sends, write the files it retrieves and read the user secret
 * (https://docs.aws.amazon.com/transfer/latest/userguide/requirements-roles.html). The role may do that
 * under the connector's locations only; `grantStartFileTransfer` allows starting this connector's transfers only.
 */
describe('the access role of an SFTP connector', () => {
  function setup() {
    const app = new App();
    const stack = new Stack(app, 'Connectors', { env: ENV });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Files', { encryptionKey: key, enforceSSL: true });
    const other = new s3.Bucket(stack, 'Other', { enforceSSL: true });
    const secret = new secretsmanager.Secret(stack, 'PartnerSecret', { encryptionKey: key });
    const otherSecret = new secretsmanager.Secret(stack, 'OtherSecret');
    const connector = sftpConnector(stack, {
      userSecret: secret,
      sendFrom: [FileLocation.s3(bucket, 'outbound')],
      retrieveTo: [FileLocation.s3(bucket, 'inbound')],
    });
    const another = sftpConnector(stack, { sendFrom: [FileLocation.s3(other, 'outbound')], retrieveTo: [] }, 'Another');
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    connector.grantStartFileTransfer(caller);
    expect(synthError(stack)).toBe('');
    return { app, stack, key, bucket, other, secret, otherSecret, connector, another, caller };
  }

  test('reads the send-from prefix, writes the retrieve-to prefix, reads the secret; nothing else', async () => {
    const e = setup();
    const estate = Estate.fromApp(e.app);
    expect(await policyFindings(estate)).toEqual([]);
    const s3r = new S3Requests(estate, ENV.region);
    const files = estate.value(e.stack, e.bucket.bucketName);
    const other = estate.value(e.stack, e.other.bucketName);
    const secretArn = estate.value(e.stack, e.secret.secretArn);
    const otherSecretArn = estate.value(e.stack, e.otherSecret.secretArn);
    const keyArn = estate.value(e.stack, e.key.keyArn);
    const role = new Callers(estate).roleOf(e.stack, e.connector.accessRole.roleArn, 'connector');
    expectAccess(role, {
      allowed: [
        raw('reads a file to send', ...s3r.get(files, 'outbound/invoice.csv')),
        raw('writes a retrieved file', ...s3r.put(files, 'inbound/orders.csv')),
        raw('reads the user secret', { action: 'secretsmanager:GetSecretValue', resource: secretArn }),
        raw('decrypts the secret through Secrets Manager', { action: 'kms:Decrypt', resource: keyArn, context: { 'kms:ViaService': `secretsmanager.${ENV.region}.amazonaws.com` } }),
      ],
      denied: [
        raw('reads a neighbour prefix', ...s3r.get(files, 'archive/invoice.csv')),
        raw('reads a prefix that merely starts with the send-from one', ...s3r.get(files, 'outbound-evil/invoice.csv')),
        raw('writes a prefix that merely starts with the retrieve-to one', ...s3r.put(files, 'inbound-evil/orders.csv')),
        raw('writes where it sends from', ...s3r.put(files, 'outbound/invoice.csv')),
        raw('reads another bucket', ...s3r.get(other, 'outbound/invoice.csv')),
        raw('deletes a file', ...s3r.delete(files, 'outbound/invoice.csv')),
        raw('lists the bucket', ...s3r.list(files, 'outbound/')),
        raw('reads another secret', { action: 'secretsmanager:GetSecretValue', resource: otherSecretArn }),
        raw('decrypts with the key outside S3 and Secrets Manager', { action: 'kms:Decrypt', resource: keyArn }),
      ],
    });
  });

  test('trusted by Transfer Family for this account\'s connectors only', () => {
    const e = setup();
    const estate = Estate.fromApp(e.app);
    const roleArn = estate.value(e.stack, e.connector.accessRole.roleArn);
    // The connectors' ARNs as deployed (the simulator's resolver gives `connector/c-<17 hex>`).
    const connectorArn: string = estate.value(e.stack, e.connector.connectorArn);
    const anotherArn: string = estate.value(e.stack, e.another.connectorArn);
    expect(connectorArn).toMatch(new RegExp(`^arn:aws:transfer:${ENV.region}:${ENV.account}:connector/c-[0-9a-f]{17}$`));
    expect(estate.value(e.stack, e.connector.connectorId)).toBe(connectorArn.split('/')[1]);
    expect(anotherArn).not.toBe(connectorArn);
    expectTrust(new Callers(estate), roleArn, {
      allowed: [[connectorArn, ENV.account], [anotherArn, ENV.account]],
      denied: [
        [`arn:aws:transfer:${ENV.region}:${ENV.account}:server/s-0123456789abcdef0`, ENV.account],
        [connectorArn.replace(`:${ENV.account}:`, ':222222222222:'), '222222222222'],
        [connectorArn.replace(`:${ENV.region}:`, ':ap-south-1:'), ENV.account],
        [connectorArn, ENV.account, 'lambda.amazonaws.com'],
      ],
    });
  });

  test('grantStartFileTransfer allows this connector, not another', async () => {
    const e = setup();
    const estate = Estate.fromApp(e.app);
    const caller = new Callers(estate).roleOf(e.stack, e.caller.roleArn, 'caller');
    const mine = estate.value(e.stack, e.connector.connectorArn);
    const theirs = estate.value(e.stack, e.another.connectorArn);
    expectAccess(caller, {
      allowed: [raw('starts a transfer of this connector', { action: 'transfer:StartFileTransfer', resource: mine })],
      denied: [
        raw('starts a transfer of another connector', { action: 'transfer:StartFileTransfer', resource: theirs }),
        raw('lists the partner\'s directory', { action: 'transfer:StartDirectoryListing', resource: mine }),
        raw('deletes a remote file', { action: 'transfer:StartRemoteDelete', resource: mine }),
      ],
    });
  });
});
