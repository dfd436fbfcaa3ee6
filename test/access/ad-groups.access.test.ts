import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Estate, EstateResource } from './estate';
import { expectAccess, policyFindings } from './expect';
import { Callers, TransferSession } from './principals';
import { AccessProvider } from '../../src/access/access-provider';
import { HomeDirectory, IdentityProvider, TransferServer } from 'cdk-transfer-family';

const ACCOUNT = '111111111111';
const FINANCE = 'S-1-1-12-1234567890-123456789-1234567890-1234';
const AUDITORS = 'S-1-1-12-1234567890-123456789-1234567890-5678';

/**
 * A member of a directory group, signed in: the service runs the session as for a user, with the
 * access's role and session policy, `${transfer:UserName}` the member's name
 * (https://docs.aws.amazon.com/transfer/latest/userguide/users-policies-session.html).
 */
function member(estate: Estate, externalId: string, userName: string): TransferSession {
  const access = estate.ofType('Custom::TransferAccess').find((r) => r.properties.ExternalId === externalId);
  if (!access) throw new Error(`no access for ${externalId}`);
  const asUser: EstateResource = {
    stack: access.stack, logicalId: access.logicalId, type: access.type, properties: { ...access.properties, UserName: userName },
  };
  return new TransferSession(estate, asUser);
}

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Groups', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const server = new TransferServer(stack, 'Server', { identityProvider: IdentityProvider.directory({ directoryId: 'd-0123456789' }) });
  const key = new kms.Key(stack, 'Key');
  const bucket = new s3.Bucket(stack, 'Files', { encryptionKey: key, enforceSSL: true });
  const other = new s3.Bucket(stack, 'Other', { encryptionKey: key });
  server.addAccess('Finance', { externalId: FINANCE, homeDirectory: HomeDirectory.chroot(bucket, 'groups/finance') });
  server.addAccess('Auditors', { externalId: AUDITORS, homeDirectory: HomeDirectory.chroot(bucket, 'groups'), readOnly: true });
  return { app, stack, server, bucket, other, key };
}

describe('directory group accesses', () => {
  test('a member of a group works in the group\'s home and nowhere else', async () => {
    const { app, stack, bucket, other } = setup();
    const estate = Estate.fromApp(app);
    expect(await policyFindings(estate)).toEqual([]);
    const jane = member(estate, FINANCE, 'jane');
    const files = estate.value(stack, bucket.bucketName);
    const otherBucket = estate.value(stack, other.bucketName);
    expectAccess(jane, {
      allowed: [
        jane.list('/'), jane.upload('/invoice.csv'), jane.download('/invoice.csv'), jane.mkdir('/2026'),
        jane.upload('/2026/12/report.csv'), jane.rename('/invoice.csv', '/2026/invoice.csv'), jane.remove('/2026/invoice.csv'),
      ],
      denied: [
        // A neighbour group's prefix, a prefix that merely starts with the home's, the bucket root, another bucket.
        ...jane.outside(files, 'groups/sales/invoice.csv'),
        ...jane.outside(files, 'groups/finance-evil/invoice.csv'),
        jane.raw('lists the prefix groups/finance-evil', jane.requests.list(files, 'groups/finance-evil')),
        ...jane.outside(files, 'invoice.csv'),
        ...jane.outside(otherBucket, 'groups/finance/invoice.csv'),
      ],
    });
  });

  test('a member of a read-only group reads every folder under its home and writes nothing', async () => {
    const { app, stack, bucket } = setup();
    const estate = Estate.fromApp(app);
    const ann = member(estate, AUDITORS, 'ann');
    const files = estate.value(stack, bucket.bucketName);
    expectAccess(ann, {
      allowed: [ann.list('/'), ann.list('/finance'), ann.download('/finance/invoice.csv')],
      denied: [
        ann.upload('/finance/invoice.csv'), ann.remove('/finance/invoice.csv'), ann.mkdir('/finance/x'), ann.rename('/finance/a.csv', '/finance/b.csv'),
        ...ann.outside(files, 'other/file.csv'),
      ],
    });
  });

  test('the custom resource\'s handler may manage this server\'s accesses and pass only their role, to Transfer Family only', async () => {
    const { app, stack, server } = setup();
    const other = new TransferServer(stack, 'OtherServer', { identityProvider: IdentityProvider.directory({ directoryId: 'd-0123456789' }) });
    const estate = Estate.fromApp(app);
    const provider = server.node.findChild('AccessProvider') as AccessProvider;
    const handler = new Callers(estate).roleOf(stack, provider.role.roleArn, 'access handler');
    const serverArn = estate.value(stack, server.serverArn);
    const otherArn = estate.value(stack, other.serverArn);
    const access = estate.ofType('Custom::TransferAccess')[0];
    const roleArn: string = access.properties.Role;
    const passTo = (service: string) => [{ action: 'iam:PassRole', resource: roleArn, context: { 'iam:PassedToService': service } }];
    expectAccess(handler, {
      allowed: [
        { label: 'creates, updates, deletes accesses of the server', requests: ['CreateAccess', 'UpdateAccess', 'DeleteAccess'].map((a) => ({ action: `transfer:${a}`, resource: serverArn })) },
        { label: 'passes the access role to Transfer Family', requests: passTo('transfer.amazonaws.com') },
      ],
      denied: [
        { label: 'creates an access on another server', requests: [{ action: 'transfer:CreateAccess', resource: otherArn }] },
        { label: 'deletes the server', requests: [{ action: 'transfer:DeleteServer', resource: serverArn }] },
        { label: 'creates a user', requests: [{ action: 'transfer:CreateUser', resource: serverArn }] },
        { label: 'passes the access role to Lambda', requests: passTo('lambda.amazonaws.com') },
        { label: 'passes its own role', requests: [{ action: 'iam:PassRole', resource: estate.value(stack, provider.role.roleArn), context: { 'iam:PassedToService': 'transfer.amazonaws.com' } }] },
      ],
    });
  });
});
