import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as fc from 'fast-check';
import { anyValue, assertRobust, mostly } from '../support/robustness';
import { FileLocation, IWorkflow, SourceFile, TransferServer, TransferStepCallback, Workflow, WorkflowStep } from 'cdk-transfer-family';

/**
 * The robustness property (test/support/robustness.ts) of every entry point of the workflow area: the
 * `WorkflowStep` factories, `FileLocation.s3/efs`, `new Workflow`, its imports and `add*()` methods, and
 * `TransferStepCallback`. Arguments are mostly right, sometimes anything; the constructs they need
 * (buckets, functions, ...) are markers that the build replaces with real ones of its stack.
 */

/** A construct of the stack, made when the input is built. */
class Marker {
  constructor(public readonly kind: 'bucket' | 'fileSystem' | 'function' | 'stateMachine' | 'key' | 'role' | 'server') {}
  public toString() {
    return `<${this.kind}>`;
  }
}

function construct(stack: Stack, m: Marker): unknown {
  const existing = stack.node.tryFindChild(m.kind);
  if (existing) return existing;
  switch (m.kind) {
    case 'bucket': return new s3.Bucket(stack, m.kind);
    case 'fileSystem': return efs.FileSystem.fromFileSystemAttributes(stack, m.kind, {
      fileSystemId: 'fs-0123456789abcdef0', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0123456789abcdef0'),
    });
    case 'function': return lambda.Function.fromFunctionAttributes(stack, m.kind, {
      functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:scan',
      role: iam.Role.fromRoleArn(stack, 'FunctionRole', 'arn:aws:iam::111111111111:role/scan'),
    });
    case 'stateMachine': return sfn.StateMachine.fromStateMachineArn(stack, m.kind, 'arn:aws:states:us-east-1:111111111111:stateMachine:scan');
    case 'key': return kms.Key.fromKeyArn(stack, m.kind, 'arn:aws:kms:us-east-1:111111111111:key/0123abcd-0123-abcd-0123-0123456789ab');
    case 'role': return iam.Role.fromRoleArn(stack, m.kind, 'arn:aws:iam::111111111111:role/operator');
    case 'server': return server(stack);
  }
}

/** An imported server whose users live under `home/` of a bucket: the workflows' steps act there. */
function server(stack: Stack): TransferServer {
  const existing = stack.node.tryFindChild('server');
  if (existing) return existing as TransferServer;
  const imported = TransferServer.fromServerAttributes(stack, 'server', { serverId: 's-0123456789abcdef0' }) as TransferServer;
  imported.addHomeLocation(FileLocation.s3(construct(stack, new Marker('bucket')) as s3.IBucket, 'home/'));
  return imported;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v));
}

/** A copy of the input with its markers replaced by constructs (plain objects and arrays are walked, nothing else). */
function resolve(stack: Stack, v: unknown): any {
  if (v instanceof Marker) return construct(stack, v);
  if (Array.isArray(v)) return v.map((x) => resolve(stack, x));
  if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(stack, x)]));
  return v;
}

const marker = (kind: Marker['kind']) => fc.constant(new Marker(kind));
type Wrap = (a: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>;
const right: Wrap = (a) => a;

/** A record of optional props, each wrapped (an ordinary object, as callers write them). */
const record = (wrap: Wrap, fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, wrap(a)])), { requiredKeys: [] }).map((o) => ({ ...o }));

const text = fc.string({ maxLength: 40 });
const stepName = fc.oneof(fc.stringMatching(/^[\w-]{1,30}$/), text);
const source = fc.constantFrom(SourceFile.PREVIOUS, SourceFile.ORIGINAL);
const key = fc.oneof(fc.constantFrom('', 'archive/', 'in/${transfer:UserName}/', 'by-date/${transfer:UploadDate}/', 'latest.csv'), text);
const path = fc.oneof(fc.constantFrom('/', '/clear/', '/clear/${transfer:UserName}/'), text);
const timeout = fc.oneof(fc.integer({ min: 1, max: 1800 }).map((n) => Duration.seconds(n)), fc.integer().map((n) => Duration.seconds(Math.abs(n))));
const tags = fc.dictionary(fc.oneof(fc.constantFrom('stage', 'scan', 'team@unit'), text), fc.oneof(fc.constantFrom('', 'received', 'a/b'), text), { maxKeys: 12 });

/** The arguments of `FileLocation.s3()` and `.efs()`. */
const s3Args = (wrap: Wrap) => fc.tuple(wrap(marker('bucket')), wrap(key));
const efsArgs = (wrap: Wrap) => fc.tuple(wrap(marker('fileSystem')), wrap(path));
/** A destination: the arguments of a location, which the build makes with `FileLocation.s3()` or `.efs()`. */
const location = (wrap: Wrap) => fc.oneof(s3Args(wrap).map((args) => ({ s3: args })), efsArgs(wrap).map((args) => ({ efs: args })));

function locationOf(stack: Stack, args: unknown): unknown {
  const a = (isPlain(args) ? args : {}) as Partial<Record<'s3' | 'efs', unknown[]>>;
  if (Array.isArray(a.s3)) return FileLocation.s3(resolve(stack, a.s3[0]), resolve(stack, a.s3[1]));
  if (Array.isArray(a.efs)) return FileLocation.efs(resolve(stack, a.efs[0]), resolve(stack, a.efs[1]));
  return resolve(stack, args);
}

/** The options of each factory, every prop wrapped (mostly right, or right). */
const FIELDS = {
  copy: (w: Wrap) => ({ name: stepName, source, destination: location(w), overwriteExisting: fc.boolean() }),
  tag: (_w: Wrap) => ({ name: stepName, source, tags }),
  custom: (_w: Wrap) => ({ name: stepName, source, function: marker('function'), timeout }),
  runStateMachine: (_w: Wrap) => ({ name: stepName, source, stateMachine: marker('stateMachine'), timeout }),
  decrypt: (w: Wrap) => ({ name: stepName, source, destination: location(w), overwriteExisting: fc.boolean(), pgpKeySecretsKey: marker('key') }),
  delete: (_w: Wrap) => ({ name: stepName, source }),
};
type Factory = keyof typeof FIELDS;
const FACTORIES = Object.keys(FIELDS) as Factory[];

/** Options of a factory: each prop mostly right, or (as often) every prop right, so the template is reached too. */
const options = (factory: Factory) => fc.oneof(record(mostly, FIELDS[factory](mostly)), record(right, FIELDS[factory](right)));

/** One step: a factory and its options, mostly right (`wrap` = mostly), or right. */
const stepArgs = (wrap: Wrap) => fc.oneof(...FACTORIES.map((factory) =>
  (wrap === right ? record(right, FIELDS[factory](right)) : mostly(options(factory))).map((o) => ({ factory, options: o }))));

function stepOf(stack: Stack, args: { factory: Factory; options: unknown }): WorkflowStep {
  const raw = args.options;
  const given = isPlain(raw) && 'destination' in raw ? { ...resolve(stack, raw), destination: locationOf(stack, raw.destination) } : resolve(stack, raw);
  return (WorkflowStep[args.factory] as (o: unknown) => WorkflowStep)(given);
}

/** A workflow of one step, run by a server with a home: what a step is given reaches the template and the role. */
function workflowWith(stack: Stack, step: WorkflowStep): Workflow {
  const workflow = new Workflow(stack, 'Workflow', { steps: [step] });
  workflow.addSourceServer(server(stack));
  return workflow;
}

/** A state machine that reports to `workflows`, so that imported workflows reach a template. */
function reportTo(stack: Stack, props: unknown): void {
  new sfn.StateMachine(stack, 'Report', { definitionBody: sfn.DefinitionBody.fromChainable(TransferStepCallback.success(stack, 'Done', props as any)) });
}

const workflowId = fc.oneof(fc.stringMatching(/^w-[a-z0-9]{17}$/), text);

describe('robustness of the workflow constructs: a template, or an Error naming the prop', () => {
  test('FileLocation.s3()', () => {
    assertRobust(s3Args(mostly), (stack, [bucket, k]) => {
      workflowWith(stack, WorkflowStep.copy({ destination: FileLocation.s3(resolve(stack, bucket), resolve(stack, k)) }));
    });
  });

  test('FileLocation.efs()', () => {
    assertRobust(efsArgs(mostly), (stack, [fileSystem, p]) => {
      workflowWith(stack, WorkflowStep.decrypt({ destination: FileLocation.efs(resolve(stack, fileSystem), resolve(stack, p)) }));
    });
  });

  test.each(FACTORIES)('WorkflowStep.%s()', (factory) => {
    assertRobust(mostly(options(factory)), (stack, o) => {
      workflowWith(stack, stepOf(stack, { factory, options: o }));
    });
  });

  test('new Workflow() with steps built from mostly right arguments', () => {
    const fields = (wrap: Wrap) => ({
      // Each step mostly right; or every one right (one wrong step is enough to refuse the list).
      steps: fc.oneof(fc.array(stepArgs(mostly), { maxLength: 9 }), fc.array(stepArgs(right), { minLength: 1, maxLength: 8 })),
      onException: fc.oneof(fc.array(stepArgs(mostly), { maxLength: 3 }), fc.array(stepArgs(right), { maxLength: 3 })),
      description: fc.oneof(fc.stringMatching(/^[\w\- ]{0,40}$/), text),
      executionRole: wrap(marker('role')),
    });
    assertRobust(mostly(fc.oneof(record(mostly, fields(mostly)), record(right, fields(right)))), (stack, p) => {
      const steps = (list: unknown) => (Array.isArray(list) ? list.map((s) => (isPlain(s) && 'factory' in s ? stepOf(stack, s as any) : resolve(stack, s))) : resolve(stack, list));
      const workflowProps = isPlain(p) ? { ...resolve(stack, p), steps: steps(p.steps), onException: steps(p.onException) } : resolve(stack, p);
      new Workflow(stack, 'Workflow', workflowProps).addSourceServer(server(stack));
    });
  });

  test('workflow.addStep(), addExceptionStep(), addSourceServer() and grantSendStepState()', () => {
    const input = fc.record({
      step: mostly(stepArgs(mostly)), exceptionStep: mostly(stepArgs(mostly)), server: mostly(marker('server')), grantee: mostly(fc.oneof(marker('role'), marker('function'))),
    });
    assertRobust(input, (stack, i) => {
      const step = (a: unknown) => (isPlain(a) && 'factory' in a ? stepOf(stack, a as any) : resolve(stack, a));
      const workflow = new Workflow(stack, 'Workflow');
      workflow.addStep(step(i.step));
      workflow.addExceptionStep(step(i.exceptionStep));
      workflow.addSourceServer(resolve(stack, i.server));
      workflow.grantSendStepState(resolve(stack, i.grantee));
    });
  });

  test('Workflow.fromWorkflowId() and fromWorkflowAttributes()', () => {
    const attrs = (wrap: Wrap) => record(wrap, { workflowId, executionRole: marker('role') });
    const input = fc.record({ id: mostly(workflowId), attrs: mostly(fc.oneof(attrs(mostly), attrs(right))) });
    assertRobust(input, (stack, i) => {
      const workflows: IWorkflow[] = [
        Workflow.fromWorkflowId(stack, 'ById', resolve(stack, i.id)),
        Workflow.fromWorkflowAttributes(stack, 'WithAttributes', resolve(stack, i.attrs)),
      ];
      reportTo(stack, { workflows });
    });
  });

  test('TransferStepCallback.success() and failure()', () => {
    const workflow = fc.constant('workflow');
    const input = fc.record({
      props: mostly(fc.oneof(...[mostly, right].map((wrap) => record(wrap, {
        workflows: fc.array(wrap(workflow), { maxLength: 2 }), inputPath: fc.oneof(fc.constantFrom('$', '$.transfer', '$[0]'), text), comment: text,
      })))),
      failure: fc.boolean(),
    });
    assertRobust(input, (stack, i) => {
      const raw = i.props as Record<string, unknown> | null;
      const imported = () => Workflow.fromWorkflowId(stack, 'Imported', 'w-0123456789abcdef0');
      const p = isPlain(raw) && Array.isArray(raw.workflows)
        ? { ...raw, workflows: raw.workflows.map((w) => (w === 'workflow' ? stack.node.tryFindChild('Imported') ?? imported() : w)) }
        : raw;
      const state = (i.failure ? TransferStepCallback.failure : TransferStepCallback.success)(stack, 'Report', p as any);
      new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(state) });
    });
  });

  test('anything at all, as a WorkflowStep factory\'s only argument', () => {
    assertRobust(fc.tuple(fc.constantFrom(...FACTORIES), anyValue), (stack, [factory, o]) => {
      workflowWith(stack, (WorkflowStep[factory] as (x: unknown) => WorkflowStep)(o));
    });
  });
});
