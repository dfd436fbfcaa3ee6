import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Estate } from './estate';
import { expectAccess, expectTrust, policyFindings } from './expect';
import { Callers, requests as raw, S3Requests } from './principals';
import { as2Connector } from '../connector/estate';
import { ENV } from '../support/stacks';
import { synthError } from '../support/synth';
import { FileLocation } from 'cdk-transfer-family';

jest.setTimeout(60_000);

/**
 * Transfer Family assumes an AS2 connector's access role to read the files it sends and to write, beside
 * each, the processed message, the MDN and a JSON status file (the parent directory of the file sent), and
 * to read the Basic authentication secret (https://docs.aws.amazon.com/transfer/latest/userguide/requirements-roles.html;
 * https://docs.aws.amazon.com/transfer/latest/userguide/configure-as2-connector.html). The role may do that
 * under the send-from prefix only; `grantStartFileTransfer` allows starting this connector's transfers only.
 */
describe('the access role of an AS2 connector', () => {
  function setup() {
    const app = new App();
    const stack = new Stack(app, 'As2Connectors', { env: ENV });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Outbox', { encryptionKey: key, enforceSSL: true });
    const other = new s3.Bucket(stack, 'Other', { enforceSSL: true });
    const secret = new secretsmanager.Secret(stack, 'BasicAuth', { encryptionKey: key });
    const otherSecret = new secretsmanager.Secret(stack, 'OtherSecret');
    const connector = as2Connector(stack, { sendFrom: [FileLocation.s3(bucket, 'as2/outbound')], basicAuthSecret: secret });
    const another = as2Connector(stack, { sendFrom: [FileLocation.s3(other, 'as2/outbound')] }, 'Another');
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    connector.grantStartFileTransfer(caller);
    expect(synthError(stack)).toBe('');
    return { app, stack, key, bucket, other, secret, otherSecret, connector, another, caller };
  }

  test('reads the files sent and writes the MDN and status beside them, reads its secret; nothing else', async () => {
    const e = setup();
    const estate = Estate.fromApp(e.app);
    expect(await policyFindings(estate)).toEqual([]);
    const s3r = new S3Requests(estate, ENV.region);
    const outbox = estate.value(e.stack, e.bucket.bucketName);
    const other = estate.value(e.stack, e.other.bucketName);
    const secretArn = estate.value(e.stack, e.secret.secretArn);
    const otherSecretArn = estate.value(e.stack, e.otherSecret.secretArn);
    const keyArn = estate.value(e.stack, e.key.keyArn);
    const role = new Callers(estate).roleOf(e.stack, e.connector.accessRole.roleArn, 'AS2 connector');
    expectAccess(role, {
      allowed: [
        raw('reads a file to send', ...s3r.get(outbox, 'as2/outbound/invoice.edi')),
        raw('reads a file of a subfolder to send', ...s3r.get(outbox, 'as2/outbound/2026/invoice.edi')),
        raw('writes the processed message and the MDN beside it', ...s3r.put(outbox, 'as2/outbound/invoice.edi.mdn')),
        raw('writes the JSON status file', ...s3r.put(outbox, 'as2/outbound/invoice.edi.json')),
        raw('reads the Basic authentication secret', { action: 'secretsmanager:GetSecretValue', resource: secretArn }),
        raw('decrypts the secret through Secrets Manager', { action: 'kms:Decrypt', resource: keyArn, context: { 'kms:ViaService': `secretsmanager.${ENV.region}.amazonaws.com` } }),
      ],
      denied: [
        raw('reads a neighbour prefix', ...s3r.get(outbox, 'as2/inbound/order.edi')),
        raw('reads the parent prefix', ...s3r.get(outbox, 'as2/invoice.edi')),
        raw('reads a prefix that merely starts with the send-from one', ...s3r.get(outbox, 'as2/outbound-evil/invoice.edi')),
        raw('writes a prefix that merely starts with the send-from one', ...s3r.put(outbox, 'as2/outbound-evil/invoice.edi')),
        raw('reads another bucket', ...s3r.get(other, 'as2/outbound/invoice.edi')),
        raw('writes another bucket', ...s3r.put(other, 'as2/outbound/invoice.edi')),
        raw('deletes a file it sent', ...s3r.delete(outbox, 'as2/outbound/invoice.edi')),
        raw('lists the bucket', ...s3r.list(outbox, 'as2/outbound/')),
        raw('reads another secret', { action: 'secretsmanager:GetSecretValue', resource: otherSecretArn }),
        raw('decrypts with the key outside S3 and Secrets Manager', { action: 'kms:Decrypt', resource: keyArn }),
        raw('encrypts with the key outside S3', { action: 'kms:GenerateDataKey', resource: keyArn }),
      ],
    });
  });

  test('without a Basic authentication secret, reads no secret', async () => {
    const e = setup();
    const estate = Estate.fromApp(e.app);
    const s3r = new S3Requests(estate, ENV.region);
    const other = estate.value(e.stack, e.other.bucketName);
    const role = new Callers(estate).roleOf(e.stack, e.another.accessRole.roleArn, 'another AS2 connector');
    expectAccess(role, {
      allowed: [raw('reads a file to send', ...s3r.get(other, 'as2/outbound/invoice.edi'))],
      denied: [
        raw('reads the first connector\'s secret', { action: 'secretsmanager:GetSecretValue', resource: estate.value(e.stack, e.secret.secretArn) }),
        raw('reads the first connector\'s files', ...s3r.get(estate.value(e.stack, e.bucket.bucketName), 'as2/outbound/invoice.edi')),
      ],
    });
  });

  test('trusted by Transfer Family for this account\'s connectors only', () => {
    const e = setup();
    const estate = Estate.fromApp(e.app);
    const roleArn = estate.value(e.stack, e.connector.accessRole.roleArn);
    const connectorArn: string = estate.value(e.stack, e.connector.connectorArn);
    expect(connectorArn).toMatch(new RegExp(`^arn:aws:transfer:${ENV.region}:${ENV.account}:connector/c-[0-9a-f]{17}$`));
    expectTrust(new Callers(estate), roleArn, {
      allowed: [[connectorArn, ENV.account], [estate.value(e.stack, e.another.connectorArn), ENV.account]],
      denied: [
        [`arn:aws:transfer:${ENV.region}:${ENV.account}:server/s-0123456789abcdef0`, ENV.account],
        [connectorArn.replace(`:${ENV.account}:`, ':222222222222:'), '222222222222'],
        [connectorArn, ENV.account, 'lambda.amazonaws.com'],
      ],
    });
  });

  test('grantStartFileTransfer allows this connector, not another', () => {
    const e = setup();
    const estate = Estate.fromApp(e.app);
    const caller = new Callers(estate).roleOf(e.stack, e.caller.roleArn, 'caller');
    const mine = estate.value(e.stack, e.connector.connectorArn);
    const theirs = estate.value(e.stack, e.another.connectorArn);
    expectAccess(caller, {
      allowed: [raw('sends a file with this connector', { action: 'transfer:StartFileTransfer', resource: mine })],
      denied: [
        raw('sends a file with another connector', { action: 'transfer:StartFileTransfer', resource: theirs }),
        raw('tests the connection', { action: 'transfer:TestConnection', resource: mine }),
        raw('lists the transfer results', { action: 'transfer:ListFileTransferResults', resource: mine }),
      ],
    });
  });
});
