import { App } from 'aws-cdk-lib';
import { estate as estateSpec, StackSpec } from '../../bench/estate';
import { buildL1 } from '../../bench/l1';
import { buildL2 } from '../../bench/l2';
import { Estate, EstateResource, PARTITION } from '../access/estate';
import { accessFindings, policyFindings } from '../access/expect';
import { Callers, Caller, Operation, requests, TransferSession } from '../access/principals';
import { WorkflowRun } from '../access/workflow-requests';

// The benchmark compares the library against the minimal correct estate written by hand with L1
// (bench/l1.ts). The two templates differ on purpose (ids, policy layout, dependencies); what must be
// equal is what they grant. On a small estate (12 users over 2 stacks, read-only users, every workflow
// and state machine), both variants must allow and deny the same requests, judged by the access
// suite's IAM evaluator, for every user and every role that runs something.

const USERS = 12;
const PER_STACK = 6;
const SPEC = estateSpec(USERS, PER_STACK);

function templates(build: (app: App, n: number, perStack: number) => void): Record<string, any> {
  const app = new App({ analyticsReporting: false });
  build(app, USERS, PER_STACK);
  const assembly = app.synth();
  // Neither estate warns (the bench's workers check the same).
  const warnings = app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning'));
  expect(warnings).toEqual([]);
  return Object.fromEntries(assembly.stacks.map((s) => [s.templateFile, s.template]));
}

/** Every caller of the estate and what it must and must not be able to do, the same for both variants. */
function scenarios(estate: Estate): Array<{ caller: Caller; allowed: Operation[]; denied: Operation[] }> {
  const callers = new Callers(estate);
  const out: Array<{ caller: Caller; allowed: Operation[]; denied: Operation[] }> = [];
  const homeBucket = (s: StackSpec) => callers.user(s.users[0].userName).place('/')!.bucket;
  const inStack = (s: StackSpec, type: string) => estate.ofType(type).filter((r) => r.stack.name === s.id);
  const workflowOf = (s: StackSpec, w: number) => inStack(s, 'AWS::Transfer::Workflow').find((r) => r.properties.Description === `Archive and scan uploads ${w}`)!;
  const scannerOf = (s: StackSpec) => estate.arnOf(inStack(s, 'AWS::Lambda::Function')[0]);
  const obj = (action: string, bucket: string, key: string) => ({ action, resource: `arn:${PARTITION}:s3:::${bucket}/${key}` });

  SPEC.forEach((s, si) => {
    const other = SPEC[(si + 1) % SPEC.length];
    const bucket = homeBucket(s);
    const otherBucket = homeBucket(other);
    for (const [ui, u] of s.users.entries()) {
      const user: TransferSession = callers.user(u.userName);
      const neighbour = s.users[(ui + 1) % s.users.length];
      const home = `${u.dir}/${u.userName}`;
      const reads = [user.list('/'), user.download('/invoice.csv'), user.list('/2026'), user.download('/2026/report.csv')];
      const writes = [user.upload('/invoice.csv'), user.remove('/invoice.csv'), user.mkdir('/2026'), user.upload('/2026/report.csv')];
      out.push({
        caller: user,
        allowed: u.readOnly ? reads : [...reads, ...writes],
        denied: [
          ...(u.readOnly ? writes : []),
          ...user.outside(bucket, `${neighbour.dir}/${neighbour.userName}/invoice.csv`),
          // A prefix that merely starts with the user's home.
          ...user.outside(bucket, `${home}-evil/invoice.csv`),
          user.raw(`lists the prefix ${home}-evil`, user.requests.list(bucket, `${home}-evil`)),
          ...user.outside(bucket, `${u.dir}/invoice.csv`),
          ...user.outside(bucket, 'archive/1/x/invoice.csv'),
          // The same home in another stack's bucket.
          ...user.outside(otherBucket, `${home}/invoice.csv`),
        ],
      });
    }

    // The workflow the server runs on uploads: every step of it on a user's upload, and nothing else.
    const server = inStack(s, 'AWS::Transfer::Server')[0];
    const attached = s.workflows[0];
    const uploader = s.users[0];
    const run = new WorkflowRun(estate, server, workflowOf(s, attached), {
      bucket, key: `${uploader.dir}/${uploader.userName}/invoice.csv`, userName: uploader.userName,
    });
    const spare = s.workflows[1];
    out.push({
      caller: run.role,
      allowed: [...run.steps, ...run.exceptionSteps],
      denied: [
        requests('reads outside the homes', obj('s3:GetObject', bucket, 'invoice.csv')),
        requests('deletes in another stack\'s bucket', obj('s3:DeleteObject', otherBucket, `${uploader.dir}/${uploader.userName}/invoice.csv`)),
        ...(spare === undefined ? [] : [requests('archives into another workflow\'s folder', obj('s3:PutObject', bucket, `archive/${spare}/${uploader.userName}/invoice.csv`))]),
        requests('invokes another stack\'s scanner', { action: 'lambda:InvokeFunction', resource: scannerOf(other) }),
      ],
    });

    // Workflows attached to no server: their roles archive and scan, and touch no upload.
    for (const w of s.workflows.slice(1)) {
      const workflowArn = estate.arnOf(workflowOf(s, w));
      const role = [...estate.roles().values()].find((r) => JSON.stringify(r.trust).includes(workflowArn))!;
      const session = callers.role(role.arn, `role of workflow ${w}`);
      const key = `archive/${w}/${uploader.userName}/invoice.csv`;
      out.push({
        caller: session,
        allowed: [
          requests('archives a copy', obj('s3:PutObject', bucket, key), obj('s3:PutObjectTagging', bucket, key), obj('s3:GetObjectTagging', bucket, key)),
          requests('looks at the destination', { action: 's3:ListBucket', resource: `arn:${PARTITION}:s3:::${bucket}`, context: { 's3:prefix': key } }),
          requests('invokes its scanner', { action: 'lambda:InvokeFunction', resource: scannerOf(s) }),
        ],
        denied: [
          requests('deletes an upload', obj('s3:DeleteObject', bucket, `${uploader.dir}/${uploader.userName}/invoice.csv`)),
          requests('reads an upload', obj('s3:GetObject', bucket, `${uploader.dir}/${uploader.userName}/invoice.csv`)),
          requests('archives into another workflow\'s folder', obj('s3:PutObject', bucket, `archive/${w + 100}/${uploader.userName}/invoice.csv`)),
          requests('invokes another stack\'s scanner', { action: 'lambda:InvokeFunction', resource: scannerOf(other) }),
        ],
      });
    }

    // The state machines: each uses its own key, for its own executions only.
    const machines = inStack(s, 'AWS::StepFunctions::StateMachine');
    machines.forEach((m, mi) => {
      const next = machines[(mi + 1) % machines.length];
      const keyOf = (machine: EstateResource) => machine.properties.EncryptionConfiguration.KmsKeyId;
      const decrypt = (key: string, machine: EstateResource) => ({
        action: 'kms:Decrypt', resource: key, context: { 'kms:EncryptionContext:aws:states:stateMachineArn': estate.arnOf(machine) },
      });
      out.push({
        caller: callers.role(m.properties.RoleArn, `role of ${m.logicalId}`),
        allowed: [requests('decrypts its executions', decrypt(keyOf(m), m), { ...decrypt(keyOf(m), m), action: 'kms:GenerateDataKey' })],
        denied: [
          requests('decrypts another state machine\'s executions with its key', decrypt(keyOf(m), next)),
          requests('uses another state machine\'s key', decrypt(keyOf(next), next)),
        ],
      });
    });
  });
  return out;
}

/** Every finding of every scenario (empty: the estate grants exactly what the scenarios say). */
function findings(estate: Estate): string[] {
  return scenarios(estate).flatMap((s) => accessFindings(s.caller, s));
}

describe('the benchmark estate, with the library and by hand with L1', () => {
  const l2 = templates(buildL2);
  const l1 = templates(buildL1);

  test('both have two stacks and the same users, and their policies are valid', async () => {
    expect(Object.keys(l2).sort()).toEqual(['Sftp1.template.json', 'Sftp2.template.json']);
    expect(Object.keys(l1).sort()).toEqual(Object.keys(l2).sort());
    const names = (t: Record<string, any>) => Object.values(t).flatMap((x) => Object.values<any>(x.Resources))
      .filter((r) => r.Type === 'AWS::Transfer::User').map((r) => r.Properties.UserName).sort();
    expect(names(l1)).toEqual(names(l2));
    expect(names(l2)).toHaveLength(USERS);
    expect(await policyFindings(Estate.fromTemplates(l2))).toEqual([]);
    expect(await policyFindings(Estate.fromTemplates(l1))).toEqual([]);
  });

  test('both grant the same: every user, workflow and state machine is allowed and denied the same requests', () => {
    const count = scenarios(Estate.fromTemplates(l2)).length;
    // 12 users, 2 attached and 8 spare workflows, 3 state machines.
    expect(count).toBe(USERS + 10 + 3);
    expect(findings(Estate.fromTemplates(l2))).toEqual([]);
    expect(findings(Estate.fromTemplates(l1))).toEqual([]);
  });

  test('an L1 variant that over-grants fails the comparison (a session policy widened to the whole bucket)', () => {
    const widened = JSON.parse(JSON.stringify(l1));
    for (const t of Object.values<any>(widened)) {
      for (const r of Object.values<any>(t.Resources)) {
        if (r.Type !== 'AWS::Transfer::User' || r.Properties.UserName !== 'partner-00000') continue;
        r.Properties.Policy['Fn::Sub'] = r.Properties.Policy['Fn::Sub'].replace(/\/partners\/\$\{!transfer:UserName\}\/\*/, '/*');
      }
    }
    expect(findings(Estate.fromTemplates(widened))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^user partner-00000: reads .*\/partner-00001\/invoice\.csv: expected denied/),
      expect.stringMatching(/^user partner-00000: reads .*partner-00000-evil\/invoice\.csv: expected denied/),
    ]));
  });

  test('an L1 variant whose read-only users may write fails the comparison', () => {
    const writable = JSON.parse(JSON.stringify(l1));
    for (const t of Object.values<any>(writable)) {
      for (const r of Object.values<any>(t.Resources)) {
        if (r.Type === 'AWS::Transfer::User' && r.Properties.UserName === 'partner-00009') r.Properties.Policy['Fn::Sub'] = r.Properties.Policy['Fn::Sub'].replace('"s3:GetObjectVersion"]', '"s3:GetObjectVersion","s3:PutObject"]');
      }
    }
    expect(findings(Estate.fromTemplates(writable))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^user partner-00009 uploads \/invoice\.csv: expected denied/),
    ]));
  });
});
