import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { anyValue, assertRobust, oneWrong, tokens } from '../support/robustness';
import { DirectoryMapping, Domain, HomeDirectory, MappingType, TransferServer, TransferUser } from 'cdk-transfer-family';

/**
 * The robustness property of users and their homes: whatever `new TransferUser` (and so
 * `server.addUser`), `TransferUser.fromUserName`, `addSshPublicKey`, `HomeDirectory.*` and
 * `DirectoryMapping.*` are given, they build a user whose template the strict schema check accepts, or
 * throw an Error naming a prop — at construction or at synthesis (the rules) — never a TypeError.
 */

/**
 * `fc.record` building plain objects: fast-check builds null-prototype ones by default, and the harness
 * looks for tokens (whose values the schema check must not judge) in plain objects only.
 */
const record = ((model: never, constraints?: object) => fc.record(model, { ...constraints, noNullPrototype: true })) as typeof fc.record;

/** An OpenSSH public key line of `type` (well-formed; the key material does not matter). */
function sshKey(type: string, comment = 'robust'): string {
  const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const text = (t: string) => field(Buffer.from(t, 'latin1'));
  const fields = type === 'ssh-ed25519'
    ? [text(type), field(Buffer.alloc(32, 7))]
    : type === 'ssh-rsa' ? [text(type), field(Buffer.from([1, 0, 1])), field(Buffer.alloc(200, 9))]
      : [text(type), text(type.slice('ecdsa-sha2-'.length)), field(Buffer.alloc(65, 4))];
  return `${type} ${Buffer.concat(fields).toString('base64')} ${comment}`;
}

const key = fc.constantFrom('ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256').chain((t) =>
  fc.stringMatching(/^[\w@.-]{0,12}$/).map((c) => sshKey(t, c)));
const keys = fc.array(key, { maxLength: 3 });
const name = fc.stringMatching(/^[a-z][a-z0-9_.@-]{2,16}$/);
const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
const prefix = fc.oneof(
  { arbitrary: fc.array(segment, { maxLength: 4 }).map((s) => s.join('/')), weight: 4 },
  { arbitrary: fc.constant('home/${transfer:UserName}'), weight: 1 },
  // Long but valid: a home whose session policy cannot fit.
  { arbitrary: fc.integer({ min: 400, max: 990 }).map((n) => `partners/${'p'.repeat(n)}`), weight: 1 },
);
const entry = fc.oneof(segment.map((s) => `/${s}`), fc.constant('/'));
const id = fc.integer({ min: 1, max: 2 ** 32 - 1 });
const posix = oneWrong(record({ uid: id, gid: id, secondaryGids: fc.array(id, { maxLength: 3 }) }, { requiredKeys: ['uid', 'gid'] }));
const mappingOptions = oneWrong(record({ type: fc.constantFrom(MappingType.DIRECTORY, MappingType.FILE) }, { requiredKeys: [] }));

/** How the home is made: a factory and what it is given (at most one argument wrong). */
const homeInput = fc.oneof(
  { arbitrary: record({ kind: fc.constantFrom('chroot', 'path'), args: oneWrong(record({ bucket: fc.constant('bucket'), prefix })) }), weight: 4 },
  {
    arbitrary: record({
      kind: fc.constant('logical'),
      args: oneWrong(record({
        mappings: fc.array(oneWrong(record({ entry, key: prefix, options: mappingOptions })), { maxLength: 3 }),
      })),
    }),
    weight: 2,
  },
  {
    arbitrary: record({
      kind: fc.constant('efs'),
      args: oneWrong(record({ fileSystem: fc.constant('fs'), path: segment.map((s) => `/home/${s}`), options: oneWrong(record({ chroot: fc.boolean() }, { requiredKeys: [] })) })),
    }),
    weight: 2,
  },
  { arbitrary: record({ kind: fc.constant('any'), args: record({ value: anyValue }) }), weight: 1 },
);

const userInput = record({
  home: homeInput,
  options: oneWrong(record({
    userName: name,
    sshPublicKeys: keys,
    posixProfile: posix,
    readOnly: fc.boolean(),
    role: fc.constantFrom('none', 'own', 'imported'),
    sessionPolicy: fc.constantFrom('none', 'none', 'small'),
  }, { requiredKeys: ['userName'] })),
  added: fc.array(fc.oneof({ arbitrary: key, weight: 6 }, { arbitrary: anyValue, weight: 1 }), { maxLength: 2 }),
  encrypted: fc.boolean(),
});

type Input = typeof userInput extends fc.Arbitrary<infer T> ? T : never;

function fileSystemOf(stack: Stack): efs.IFileSystem {
  return efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
    fileSystemId: 'fs-01234567', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
  });
}

/** The home the input describes, built with the factories (given anything the input holds). */
function homeOf(stack: Stack, input: Input): unknown {
  const { kind, args } = input.home as { kind: string; args: Record<string, any> };
  const bucket = new s3.Bucket(stack, 'Files', input.encrypted ? { encryptionKey: new kms.Key(stack, 'Key') } : {});
  const real = (v: unknown, what: unknown) => (v === 'bucket' || v === 'fs' ? what : v);
  const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
  switch (kind) {
    case 'chroot': return HomeDirectory.chroot(real(args.bucket, bucket) as any, args.prefix);
    case 'path': return HomeDirectory.path(real(args.bucket, bucket) as any, args.prefix);
    case 'logical': return HomeDirectory.logical(Array.isArray(args.mappings)
      // A mapping that is not an object of arguments is handed to `logical` as it is.
      ? args.mappings.map((m: unknown) => (isObject(m) ? DirectoryMapping.s3(m.entry, bucket, m.key, m.options) : m))
      : args.mappings);
    case 'efs': return HomeDirectory.efs(real(args.fileSystem, fileSystemOf(stack)) as any, args.path, args.options);
    default: return args.value;
  }
}

function build(stack: Stack, input: Input): void {
  const server = new TransferServer(stack, 'Server', (input.home as { kind?: unknown }).kind === 'efs' ? { domain: Domain.EFS } : {});
  const o = input.options as Record<string, any>;
  const role = o.role === 'own'
    ? new iam.Role(stack, 'Own', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') })
    : o.role === 'imported' ? iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::111111111111:role/transfer-users')
      : o.role === 'none' ? undefined : o.role;
  const sessionPolicy = o.sessionPolicy === 'small'
    ? new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] })
    : o.sessionPolicy === 'none' ? undefined : o.sessionPolicy;
  const user = server.addUser('User', { ...o, homeDirectory: homeOf(stack, input), role, sessionPolicy } as any);
  for (const k of input.added) user.addSshPublicKey(k as any);
}

describe('robustness: users', () => {
  test('new TransferUser / server.addUser, HomeDirectory.*, DirectoryMapping.*, addSshPublicKey: a template or an Error naming a prop', () => {
    // One valid user in six reaches the template: check one in three of those against the schema.
    assertRobust(userInput, build, 3);
  });

  test('a CommaDelimitedList-like list token, tokens of every kind, in every prop', () => {
    const tokenInput = record({
      userName: fc.oneof(name, tokens),
      prefix: fc.oneof(prefix, tokens),
      keys: fc.oneof(keys, tokens),
      added: fc.oneof(key, tokens),
      uid: fc.oneof(id, tokens),
      gids: fc.oneof(fc.array(id, { maxLength: 2 }), tokens),
      entry: fc.oneof(entry, tokens),
    });
    assertRobust(tokenInput, (stack, t) => {
      const server = new TransferServer(stack, 'Server');
      const bucket = new s3.Bucket(stack, 'Files');
      const user = server.addUser('User', {
        userName: t.userName as any,
        homeDirectory: HomeDirectory.logical([DirectoryMapping.s3(t.entry as any, bucket, t.prefix as any)]),
        sshPublicKeys: t.keys as any,
        posixProfile: { uid: t.uid as any, gid: 1001, secondaryGids: t.gids as any },
      });
      user.addSshPublicKey(t.added as any);
    });
  });

  test('TransferUser.fromUserName', () => {
    assertRobust(oneWrong(record({ server: fc.constant('server'), userName: name, id: fc.constant('Imported') })), (stack, input) => {
      const server = new TransferServer(stack, 'Server');
      const user = TransferUser.fromUserName(stack, input.id as any, (input.server === 'server' ? server : input.server) as any, input.userName as any);
      // The ARN is rendered somewhere, so a bad name would show in the template.
      new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') }).addToPolicy(
        new iam.PolicyStatement({ actions: ['transfer:DescribeUser'], resources: [user.userArn] }));
    }, 20);
  });
});
