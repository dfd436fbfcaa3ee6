import * as path from 'path';
import { CreateAccessCommand, DeleteAccessCommand, ResourceNotFoundException, TransferClient, UpdateAccessCommand } from '@aws-sdk/client-transfer';
import { mockClient } from 'aws-sdk-client-mock';

const HANDLER = path.join(__dirname, '..', '..', 'assets', 'transfer-access', 'index.js');
// The handler is plain CommonJS, as Lambda runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler: { handler: (event: unknown) => Promise<any> } = require(HANDLER);

const transferMock = mockClient(TransferClient);
const SERVER = 's-0123456789abcdef0';
const OTHER_SERVER = 's-0fedcba9876543210';
const FINANCE = 'S-1-1-12-1234567890-123456789-1234567890-1234';
const AUDITORS = 'S-1-1-12-1234567890-123456789-1234567890-5678';
const ROLE = 'arn:aws:iam::111111111111:role/UsersRole';

/** The properties as CloudFormation passes them to a custom resource: every scalar a string. */
function props(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:provider',
    ServerId: SERVER,
    ExternalId: FINANCE,
    Role: ROLE,
    HomeDirectoryType: 'LOGICAL',
    HomeDirectoryMappings: [{ Entry: '/', Target: '/files/finance' }],
    Policy: '{"Version":"2012-10-17","Statement":[]}',
    ...overrides,
  };
}

const notFound = () => new ResourceNotFoundException({ Message: 'Unknown access', message: 'Unknown access', $metadata: {}, Resource: 'access', ResourceType: 'access' });

beforeEach(() => transferMock.reset());

describe('transfer access handler', () => {
  test('create: CreateAccess with every field, POSIX ids as numbers again; the physical id names server and group', async () => {
    transferMock.on(CreateAccessCommand).resolves({ ServerId: SERVER, ExternalId: FINANCE });
    const result = await handler.handler({
      RequestType: 'Create',
      ResourceProperties: props({
        HomeDirectoryMappings: [{ Entry: '/', Target: '/fs-01234567/eng', Type: 'DIRECTORY' }],
        Policy: undefined,
        PosixProfile: { Uid: '2001', Gid: '2001', SecondaryGids: ['3000', '3001'] },
      }),
    });
    expect(result).toEqual({ PhysicalResourceId: `${SERVER}/${FINANCE}`, Data: { ServerId: SERVER, ExternalId: FINANCE } });
    const calls = transferMock.commandCalls(CreateAccessCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toEqual({
      ServerId: SERVER,
      ExternalId: FINANCE,
      Role: ROLE,
      HomeDirectoryType: 'LOGICAL',
      HomeDirectoryMappings: [{ Entry: '/', Target: '/fs-01234567/eng', Type: 'DIRECTORY' }],
      PosixProfile: { Uid: 2001, Gid: 2001, SecondaryGids: [3000, 3001] },
    });
  });

  test('create: a failure of CreateAccess fails the resource', async () => {
    transferMock.on(CreateAccessCommand).rejects(new Error('The group does not exist'));
    await expect(handler.handler({ RequestType: 'Create', ResourceProperties: props() })).rejects.toThrow('The group does not exist');
  });

  test('update in place: UpdateAccess with every field UpdateAccess takes, the same physical id', async () => {
    transferMock.on(UpdateAccessCommand).resolves({ ServerId: SERVER, ExternalId: FINANCE });
    const next = props({
      Role: 'arn:aws:iam::111111111111:role/Other',
      HomeDirectoryType: 'PATH',
      HomeDirectory: '/files/finance',
      HomeDirectoryMappings: [{ Entry: '/', Target: '/files/finance2' }],
      Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
      PosixProfile: { Uid: '1', Gid: '2' },
    });
    const result = await handler.handler({
      RequestType: 'Update', PhysicalResourceId: `${SERVER}/${FINANCE}`, ResourceProperties: next, OldResourceProperties: props(),
    });
    expect(result.PhysicalResourceId).toBe(`${SERVER}/${FINANCE}`);
    expect(transferMock.commandCalls(UpdateAccessCommand)[0].args[0].input).toEqual({
      ServerId: SERVER,
      ExternalId: FINANCE,
      Role: 'arn:aws:iam::111111111111:role/Other',
      HomeDirectoryType: 'PATH',
      HomeDirectory: '/files/finance',
      HomeDirectoryMappings: [{ Entry: '/', Target: '/files/finance2' }],
      Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
      PosixProfile: { Uid: 1, Gid: 2 },
    });
    expect(transferMock.commandCalls(CreateAccessCommand)).toHaveLength(0);
    expect(transferMock.commandCalls(DeleteAccessCommand)).toHaveLength(0);
  });

  test.each([
    ['the group', { ExternalId: AUDITORS }, `${SERVER}/${AUDITORS}`],
    ['the server', { ServerId: OTHER_SERVER }, `${OTHER_SERVER}/${FINANCE}`],
  ])('update that changes %s: a new access under a new physical id; the old one is left to CloudFormation\'s cleanup', async (_what, change, id) => {
    transferMock.on(CreateAccessCommand).resolves({});
    const result = await handler.handler({
      RequestType: 'Update', PhysicalResourceId: `${SERVER}/${FINANCE}`, ResourceProperties: props(change), OldResourceProperties: props(),
    });
    expect(result.PhysicalResourceId).toBe(id);
    expect(transferMock.commandCalls(CreateAccessCommand)[0].args[0].input).toMatchObject(change);
    expect(transferMock.commandCalls(UpdateAccessCommand)).toHaveLength(0);
    expect(transferMock.commandCalls(DeleteAccessCommand)).toHaveLength(0);

    // CloudFormation's cleanup then deletes the old one, by its physical id.
    transferMock.reset();
    transferMock.on(DeleteAccessCommand).resolves({});
    await handler.handler({ RequestType: 'Delete', PhysicalResourceId: `${SERVER}/${FINANCE}`, ResourceProperties: props() });
    expect(transferMock.commandCalls(DeleteAccessCommand)[0].args[0].input).toEqual({ ServerId: SERVER, ExternalId: FINANCE });
  });

  test('update that drops a field UpdateAccess cannot clear (the session policy): the access is made again, same physical id', async () => {
    transferMock.on(DeleteAccessCommand).resolves({}).on(CreateAccessCommand).resolves({});
    const result = await handler.handler({
      RequestType: 'Update', PhysicalResourceId: `${SERVER}/${FINANCE}`, ResourceProperties: props({ Policy: undefined }), OldResourceProperties: props(),
    });
    expect(result.PhysicalResourceId).toBe(`${SERVER}/${FINANCE}`);
    expect(transferMock.commandCalls(DeleteAccessCommand)).toHaveLength(1);
    expect(transferMock.commandCalls(CreateAccessCommand)[0].args[0].input.Policy).toBeUndefined();
    expect(transferMock.commandCalls(UpdateAccessCommand)).toHaveLength(0);
  });

  test('update of an access that is gone (deleted by hand): it is made again', async () => {
    transferMock.on(UpdateAccessCommand).rejects(notFound()).on(CreateAccessCommand).resolves({});
    const result = await handler.handler({
      RequestType: 'Update', PhysicalResourceId: `${SERVER}/${FINANCE}`, ResourceProperties: props({ Role: 'arn:aws:iam::111111111111:role/Other' }), OldResourceProperties: props(),
    });
    expect(result.PhysicalResourceId).toBe(`${SERVER}/${FINANCE}`);
    expect(transferMock.commandCalls(CreateAccessCommand)[0].args[0].input.Role).toBe('arn:aws:iam::111111111111:role/Other');
  });

  test('update: another error of UpdateAccess fails the update', async () => {
    transferMock.on(UpdateAccessCommand).rejects(new Error('Throttled'));
    await expect(handler.handler({
      RequestType: 'Update', PhysicalResourceId: `${SERVER}/${FINANCE}`, ResourceProperties: props({ Role: 'arn:aws:iam::111111111111:role/Other' }), OldResourceProperties: props(),
    })).rejects.toThrow('Throttled');
  });

  test('delete: DeleteAccess with the server and group of the physical id', async () => {
    transferMock.on(DeleteAccessCommand).resolves({});
    const result = await handler.handler({ RequestType: 'Delete', PhysicalResourceId: `${SERVER}/${FINANCE}`, ResourceProperties: props() });
    expect(result).toEqual({ PhysicalResourceId: `${SERVER}/${FINANCE}` });
    expect(transferMock.commandCalls(DeleteAccessCommand)[0].args[0].input).toEqual({ ServerId: SERVER, ExternalId: FINANCE });
  });

  test('delete of an access that is already gone succeeds', async () => {
    transferMock.on(DeleteAccessCommand).rejects(notFound());
    await expect(handler.handler({ RequestType: 'Delete', PhysicalResourceId: `${SERVER}/${FINANCE}`, ResourceProperties: props() }))
      .resolves.toEqual({ PhysicalResourceId: `${SERVER}/${FINANCE}` });
  });

  test('delete after a failed create (a physical id of the framework\'s) deletes nothing', async () => {
    await handler.handler({ RequestType: 'Delete', PhysicalResourceId: 'a1b2c3d4-request-id', ResourceProperties: props() });
    expect(transferMock.commandCalls(DeleteAccessCommand)).toHaveLength(0);
  });

  test('delete: another error fails the delete', async () => {
    transferMock.on(DeleteAccessCommand).rejects(new Error('Access denied'));
    await expect(handler.handler({ RequestType: 'Delete', PhysicalResourceId: `${SERVER}/${FINANCE}`, ResourceProperties: props() })).rejects.toThrow('Access denied');
  });
});
