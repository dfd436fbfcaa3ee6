import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Estate } from './estate';
import { evaluate } from './evaluator';
import { accessFindings, policyFindings } from './expect';
import { Callers } from './principals';
import { HomeDirectory, TransferServer } from 'cdk-transfer-family';

/**
 * The harness itself: a broken policy must make a scenario fail. Each test takes a correct estate,
 * breaks one thing in its template the way a library bug would, and checks that the suite says so.
 */
function estateTemplate() {
  const app = new App();
  const stack = new Stack(app, 'Harness', { env: { account: '111111111111', region: 'us-east-1' } });
  const key = new kms.Key(stack, 'Key');
  const bucket = new s3.Bucket(stack, 'Files', { encryptionKey: key });
  new TransferServer(stack, 'Server').addUser('Alice', { userName: 'alice', homeDirectory: HomeDirectory.chroot(bucket, 'home/alice') });
  const template = app.synth().getStackByName('Harness').template;
  return { template, bucketLogicalId: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) };
}

function scenario(template: any) {
  const estate = Estate.fromTemplates({ 'Harness.template.json': template }, { account: '111111111111' });
  const alice = new Callers(estate).user('alice');
  const bucket = estate.ofType('AWS::S3::Bucket').map((b) => estate.physicalName(b))[0];
  return {
    estate,
    alice,
    findings: accessFindings(alice, {
      allowed: [alice.upload('/a.csv'), alice.download('/a.csv'), alice.list('/')],
      denied: [alice.raw('reads the neighbour', alice.requests.get(bucket, 'home/bob/a.csv')), alice.raw('reads alice-evil', alice.requests.get(bucket, 'home/alice-evil/a.csv'))],
    }),
  };
}

/** The home's objects in the session policy, where the user name is written as Transfer's policy variable. */
const HOME = /\/home\/\$\{transfer:UserName\}\/\*$/;

/** The user's session policy as JSON, to change, and the template with it written back. */
function editSessionPolicy(template: any, edit: (policy: any) => void): any {
  const copy = JSON.parse(JSON.stringify(template));
  const user = Object.values<any>(copy.Resources).find((r) => r.Type === 'AWS::Transfer::User');
  const estate = Estate.fromTemplates({ 'Harness.template.json': copy }, { account: '111111111111' });
  const policy = JSON.parse(estate.ofType('AWS::Transfer::User')[0].properties.Policy);
  edit(policy);
  user.Properties.Policy = JSON.stringify(policy);
  return copy;
}

describe('the evaluator stays a test-only dependency', () => {
  test('the published package does not depend on @cloud-copilot/* (AGPL-3.0), and the test evaluator is pinned', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../package.json');
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundledDependencies']) {
      expect(Object.keys(pkg[field] ?? {}).filter((d) => d.startsWith('@cloud-copilot/'))).toEqual([]);
    }
    expect(pkg.devDependencies['@cloud-copilot/iam-simulate']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the access harness', () => {
  const { template } = estateTemplate();

  test('the correct estate passes', async () => {
    const { findings, estate } = scenario(template);
    expect(findings).toEqual([]);
    expect(await policyFindings(estate)).toEqual([]);
  });

  test('a session policy widened to the whole bucket fails the scenario (over-granting)', () => {
    const broken = editSessionPolicy(template, (p) => {
      for (const s of p.Statement) {
        if (typeof s.Resource === 'string') s.Resource = s.Resource.replace(HOME, '/*');
        else if (Array.isArray(s.Resource)) s.Resource = s.Resource.map((r: string) => r.replace(HOME, '/*'));
        if (s.Condition?.StringLike?.['kms:EncryptionContext:aws:s3:arn']) delete s.Condition.StringLike;
      }
    });
    expect(scenario(broken).findings).toEqual([
      expect.stringMatching(/reads the neighbour: expected denied, but every request is allowed/),
      expect.stringMatching(/reads alice-evil: expected denied/),
    ]);
  });

  test('a session policy with a prefix written without its trailing slash fails (alice-evil)', () => {
    const broken = editSessionPolicy(template, (p) => {
      for (const s of p.Statement) {
        const fix = (r: string) => r.replace(HOME, '/home/${transfer:UserName}*');
        if (typeof s.Resource === 'string') s.Resource = fix(s.Resource);
        const ctx = s.Condition?.StringLike?.['kms:EncryptionContext:aws:s3:arn'];
        if (ctx) s.Condition.StringLike['kms:EncryptionContext:aws:s3:arn'] = ctx.map(fix);
        else if (Array.isArray(s.Resource)) s.Resource = s.Resource.map(fix);
      }
    });
    expect(scenario(broken).findings).toEqual([expect.stringMatching(/reads alice-evil: expected denied/)]);
  });

  test('a session policy without the KMS statement locks the user out (SSE-KMS)', () => {
    const broken = editSessionPolicy(template, (p) => {
      p.Statement = p.Statement.filter((s: any) => ![s.Action].flat().some((a: string) => a.startsWith('kms:')));
    });
    const findings = scenario(broken).findings;
    expect(findings).toContainEqual(expect.stringMatching(/uploads \/a\.csv: expected allowed, but kms:GenerateDataKey on arn:aws:kms:.* is ImplicitlyDenied/));
    expect(findings).toContainEqual(expect.stringMatching(/downloads \/a\.csv: expected allowed, but kms:Decrypt/));
  });

  test('a key policy that does not let the account use the key locks the user out, whatever IAM says', () => {
    const broken = JSON.parse(JSON.stringify(template));
    const key = Object.values<any>(broken.Resources).find((r) => r.Type === 'AWS::KMS::Key');
    key.Properties.KeyPolicy.Statement = [];
    expect(scenario(broken).findings).toContainEqual(expect.stringMatching(/downloads \/a\.csv: expected allowed, but kms:Decrypt .* is ImplicitlyDenied/));
  });

  test('a scenario that allows nothing or denies nothing is itself a finding', () => {
    const { alice } = scenario(template);
    expect(accessFindings(alice, { allowed: [alice.download('/a.csv')], denied: [] })).toEqual([expect.stringMatching(/denies nothing/)]);
    expect(accessFindings(alice, { allowed: [], denied: [alice.upload('/x')] })).toEqual([
      expect.stringMatching(/allows nothing/), expect.stringMatching(/uploads \/x: expected denied/),
    ]);
  });

  test('an action IAM does not know (HeadObject is authorized by s3:GetObject) and an oversized session policy are policy findings', async () => {
    const broken = JSON.parse(JSON.stringify(template));
    const policy = Object.values<any>(broken.Resources).find((r) => r.Type === 'AWS::IAM::Policy');
    policy.Properties.PolicyDocument.Statement.push({ Effect: 'Allow', Action: 's3:headObject', Resource: '*' });
    const user = Object.values<any>(broken.Resources).find((r) => r.Type === 'AWS::Transfer::User');
    user.Properties.Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${'x'.repeat(2100)}` }] });
    const findings = await policyFindings(Estate.fromTemplates({ 'Harness.template.json': broken }));
    expect(findings).toEqual([
      expect.stringMatching(/s3:headObject is not an IAM action/),
      expect.stringMatching(/user alice: session policy is \d+ characters \(at most 2048\)/),
    ]);
  });

  test('encryption-context conditions are evaluated (the safe entry point of iam-simulate would drop them)', () => {
    const key = 'arn:aws:kms:us-east-1:111111111111:key/k';
    const decide = (context: string) => evaluate({
      principal: 'arn:aws:sts::111111111111:assumed-role/r/s',
      account: '111111111111',
      request: { action: 'kms:Decrypt', resource: key, context: { 'kms:EncryptionContext:aws:s3:arn': context } },
      identityPolicies: [{
        name: 'p',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: key, Condition: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b/home/alice/*' } } }] },
      }],
      resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' }] },
    });
    expect(decide('arn:aws:s3:::b/home/alice/a.csv')).toBe('Allowed');
    expect(decide('arn:aws:s3:::b/home/bob/a.csv')).toBe('ImplicitlyDenied');
  });
});
