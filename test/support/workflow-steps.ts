import { App, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as fc from 'fast-check';
import { Domain, FileLocation, SourceFile, TransferServer, Workflow, WorkflowStep } from 'cdk-transfer-family';

/**
 * Random workflows as data, for property tests: a step list is described, then built into a stack
 * with a server (its users' home in a landing bucket) that runs it on upload.
 */

/**
 * Where a step writes: buckets of the stack, an imported EFS file system, or broken destinations (`none`:
 * an object that is no location, as JavaScript may pass).
 */
export type Target = 'archive' | 'quarantine' | 'efs' | 'efs-empty-path' | 'bad-bucket' | 'bad-efs' | 'none';

export interface StepDesc {
  readonly kind: 'copy' | 'tag' | 'custom' | 'state-machine' | 'decrypt' | 'delete';
  readonly name?: string;
  readonly source: string;
  readonly to?: Target;
  readonly key?: string;
  readonly overwrite?: boolean;
  readonly tags?: ReadonlyArray<readonly [string, string]>;
  readonly timeout?: number;
  /** A custom step's function, imported by this ARN (otherwise a function of the stack). */
  readonly target?: string;
}

export interface WorkflowDesc {
  readonly steps: StepDesc[];
  readonly exceptionSteps: StepDesc[];
  readonly description?: string;
  /** The server's storage (EFS: the users' homes are in an EFS file system). */
  readonly domain?: Domain;
  /** Tags added with `Tags.of(workflow)`. */
  readonly tags?: ReadonlyArray<readonly [string, string]>;
  /** A workflow imported beside it, by this id. */
  readonly importedId?: string;
}

const source = fc.constantFrom(SourceFile.PREVIOUS as string, SourceFile.ORIGINAL as string);
const name = fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/), { nil: undefined });
const key = fc.constantFrom('', 'archive/', 'in/${transfer:UserName}/', 'by-date/${transfer:UploadDate}/', 'latest.csv');
const tagKey = fc.constantFrom('stage', 'scan', 'owner', 'class:level', 'a.b', 'x=y', 'team@unit', 'Größe', 'key with space');
const tagValue = fc.constantFrom('', 'received', 'done', 'v 1', 'é', '@team', '1+1', 'a/b');
const timeout = fc.option(fc.integer({ min: 1, max: 1800 }), { nil: undefined });

/** A step that breaks no rule on its own. */
export const validStep: fc.Arbitrary<StepDesc> = fc.oneof(
  fc.record({ kind: fc.constant('copy' as const), name, source, to: fc.constantFrom<Target>('archive', 'quarantine'), key, overwrite: fc.option(fc.boolean(), { nil: undefined }) }),
  fc.record({ kind: fc.constant('tag' as const), name, source, tags: fc.uniqueArray(fc.tuple(tagKey, tagValue), { minLength: 1, maxLength: 10, selector: ([k]) => k }) }),
  fc.record({ kind: fc.constant('custom' as const), name, source, timeout }),
  fc.record({ kind: fc.constant('state-machine' as const), name, source, timeout }),
  fc.record({ kind: fc.constant('decrypt' as const), name, source, to: fc.constantFrom<Target>('archive', 'efs'), key, overwrite: fc.option(fc.boolean(), { nil: undefined }) }),
  fc.record({ kind: fc.constant('delete' as const), name, source }),
);

/** What the service compares: everything but the name. */
export function fingerprint(desc: StepDesc): string {
  const { name: _name, ...rest } = desc;
  return JSON.stringify({ ...rest, overwrite: rest.overwrite ?? false, tags: rest.tags ? [...rest.tags].sort() : undefined });
}

function distinct(list: StepDesc[]): boolean {
  const prints = list.map(fingerprint);
  return new Set(prints).size === prints.length;
}

/** A workflow that breaks no rule: 1-8 distinct steps, 0-4 distinct exception steps, unique names, S3 server. */
export const validWorkflow: fc.Arbitrary<WorkflowDesc> = fc.record({
  steps: fc.array(validStep, { minLength: 1, maxLength: 8 }),
  exceptionSteps: fc.array(validStep, { maxLength: 4 }),
  description: fc.option(fc.stringMatching(/^[\w\- ]{0,60}$/), { nil: undefined }),
}).filter((w) => {
  const names = [...w.steps, ...w.exceptionSteps].map((s) => s.name).filter((n) => n !== undefined);
  if (new Set(names).size !== names.length || !distinct(w.steps) || !distinct(w.exceptionSteps)) return false;
  // Copy and tag act on S3 only: once a file may have been decrypted to EFS, they take the original (in S3).
  const all = [...w.steps, ...w.exceptionSteps];
  const toEfs = all.some((s) => s.kind === 'decrypt' && s.to === 'efs');
  return !toEfs || all.every((s) => (s.kind !== 'copy' && s.kind !== 'tag') || s.source === SourceFile.ORIGINAL);
});

/** What plain JavaScript may pass where the types say otherwise. */
const js = (value: unknown): never => value as never;

function location(stack: Stack, to: Target, keyOrPath: string): FileLocation {
  const fileSystem = () => (stack.node.tryFindChild('Files') as efs.IFileSystem | undefined) ?? efs.FileSystem.fromFileSystemAttributes(stack, 'Files', {
    fileSystemId: 'fs-0123456789abcdef0',
    securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'FilesSg', 'sg-0123456789abcdef0'),
  });
  const bucket = (id: string) => (stack.node.tryFindChild(id) as s3.IBucket | undefined) ?? new s3.Bucket(stack, id);
  switch (to) {
    case 'efs': return FileLocation.efs(fileSystem(), `/${keyOrPath}`);
    case 'efs-empty-path': return FileLocation.efs(fileSystem(), '');
    case 'bad-efs': return FileLocation.efs((stack.node.tryFindChild('BadFiles') as efs.IFileSystem | undefined) ?? efs.FileSystem.fromFileSystemAttributes(stack, 'BadFiles', {
      fileSystemId: 'files-1',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'BadFilesSg', 'sg-0123456789abcdef0'),
    }), `/${keyOrPath}`);
    case 'none': return js({ isS3: false });
    case 'bad-bucket': return FileLocation.s3((stack.node.tryFindChild('Bad') as s3.IBucket | undefined) ?? s3.Bucket.fromBucketName(stack, 'Bad', 'Not_A_Bucket'), keyOrPath);
    case 'quarantine': return FileLocation.s3(bucket('Quarantine'), keyOrPath);
    default: return FileLocation.s3(bucket('Archive'), keyOrPath);
  }
}

function step(stack: Stack, d: StepDesc): WorkflowStep {
  const common = { name: d.name, source: d.source as SourceFile };
  const destination = () => location(stack, d.to ?? 'archive', d.key ?? '');
  const timeoutOf = () => (d.timeout === undefined ? undefined : Duration.seconds(d.timeout));
  switch (d.kind) {
    case 'copy': return WorkflowStep.copy({ ...common, destination: destination(), overwriteExisting: d.overwrite });
    case 'tag': return WorkflowStep.tag({ ...common, tags: Object.fromEntries(d.tags ?? []) });
    case 'custom': {
      const fn = d.target !== undefined
        ? (stack.node.tryFindChild('Foreign') as lambda.IFunction | undefined) ?? lambda.Function.fromFunctionArn(stack, 'Foreign', d.target)
        : (stack.node.tryFindChild('Scanner') as lambda.IFunction | undefined) ?? new lambda.Function(stack, 'Scanner', {
          runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
        });
      return WorkflowStep.custom({ ...common, function: fn, timeout: timeoutOf() });
    }
    case 'state-machine': {
      const machine = (stack.node.tryFindChild('Machine') as sfn.IStateMachine | undefined)
        ?? sfn.StateMachine.fromStateMachineArn(stack, 'Machine', `arn:aws:states:us-east-1:${stack.account}:stateMachine:scan`);
      return WorkflowStep.runStateMachine({ ...common, stateMachine: machine, timeout: timeoutOf() });
    }
    case 'decrypt': return WorkflowStep.decrypt({ ...common, destination: destination(), overwriteExisting: d.overwrite });
    case 'delete': return WorkflowStep.delete(common);
  }
}

/** Build the workflow and a server that runs it into a new stack of `app`. */
export function buildWorkflow(app: App, desc: WorkflowDesc, id = 'Random'): { stack: Stack; workflow: Workflow } {
  const stack = new Stack(app, id, { env: { account: '111111111111', region: 'us-east-1' } });
  const workflow = new Workflow(stack, 'Workflow', { description: desc.description });
  for (const d of desc.steps) workflow.addStep(step(stack, d));
  for (const d of desc.exceptionSteps) workflow.addExceptionStep(step(stack, d));
  const domain = desc.domain ?? Domain.S3;
  for (const [k, v] of desc.tags ?? []) Tags.of(workflow).add(k, v);
  if (desc.importedId !== undefined) Workflow.fromWorkflowId(stack, 'Imported', desc.importedId);
  const server = new TransferServer(stack, 'Server', { onUpload: workflow, domain });
  server.addHomeLocation(domain === Domain.EFS ? location(stack, 'efs', 'home') : FileLocation.s3(new s3.Bucket(stack, 'Landing'), 'home/'));
  return { stack, workflow };
}

/** One change to a valid workflow that breaks a rule: the ids it must raise, and those it may raise too. */
export interface Mutation {
  readonly rule: string;
  readonly also?: string[];
  readonly apply: (w: WorkflowDesc, at: number) => WorkflowDesc;
}

// Copy and tag steps a mutation adds take the original file (in S3), so that they break no other rule.

/** Replace the step at `at` (modulo the length) of the main list. */
function replace(w: WorkflowDesc, at: number, by: StepDesc): WorkflowDesc {
  const steps = [...w.steps];
  steps[at % steps.length] = by;
  return { ...w, steps };
}

const pad = (n: number, prefix: string) => Array.from({ length: n }, (_, i): StepDesc => ({ kind: 'tag', source: SourceFile.ORIGINAL, tags: [[prefix, `${i}`]] }));

export const MUTATIONS: Mutation[] = [
  { rule: 'workflow/steps-count', apply: (w) => ({ ...w, steps: [] }) },
  { rule: 'workflow/steps-count', apply: (w) => ({ ...w, steps: [...w.steps, ...pad(9 - w.steps.length, 'pad')] }) },
  { rule: 'workflow/exception-steps-count', apply: (w) => ({ ...w, exceptionSteps: [...w.exceptionSteps, ...pad(9 - w.exceptionSteps.length, 'xpad')] }) },
  { rule: 'workflow/step-name-format', apply: (w, at) => replace(w, at, { kind: 'tag', source: SourceFile.ORIGINAL, name: 'not a name', tags: [['named', 'badly']] }) },
  { rule: 'workflow/step-name-format', apply: (w, at) => replace(w, at, { kind: 'tag', source: SourceFile.ORIGINAL, name: 'n'.repeat(31), tags: [['named', 'long']] }) },
  {
    rule: 'workflow/step-names-unique',
    apply: (w) => ({
      ...w,
      steps: w.steps.map((s, i) => (i === 0 ? { ...s, name: 'twin' } : s.name === 'twin' ? { ...s, name: undefined } : s)),
      exceptionSteps: [...w.exceptionSteps.filter((s) => s.name !== 'twin').slice(0, 7), { kind: 'tag', source: SourceFile.ORIGINAL, name: 'twin', tags: [['twin', '1']] }],
    }),
  },
  { rule: 'workflow/description-format', apply: (w) => ({ ...w, description: 'archive, then scan' }) },
  { rule: 'workflow/source-file', apply: (w, at) => replace(w, at, { kind: 'delete', source: '${upload.file}' }) },
  {
    rule: 'workflow/copy-destination-s3',
    also: ['workflow/copy-tag-s3-only'],
    apply: (w, at) => replace(w, at, { kind: 'copy', source: SourceFile.PREVIOUS, to: 'efs', key: 'copy/' }),
  },
  {
    rule: 'workflow/copy-tag-s3-only',
    apply: (w) => ({ ...replace(w, 0, { kind: 'tag', source: SourceFile.ORIGINAL, tags: [['efs', 'yes']] }), domain: Domain.EFS }),
  },
  { rule: 'workflow/tag-count', apply: (w, at) => replace(w, at, { kind: 'tag', source: SourceFile.ORIGINAL, tags: [] }) },
  { rule: 'workflow/tag-count', apply: (w, at) => replace(w, at, { kind: 'tag', source: SourceFile.ORIGINAL, tags: pad(11, 'k').map((s, i) => [`k${i}`, s.tags![0][1]] as const) }) },
  { rule: 'workflow/tag-format', apply: (w, at) => replace(w, at, { kind: 'tag', source: SourceFile.ORIGINAL, tags: [['bad#key', 'v']] }) },
  { rule: 'workflow/custom-timeout', apply: (w, at) => replace(w, at, { kind: 'custom', source: SourceFile.PREVIOUS, timeout: 1801 }) },
  { rule: 'workflow/custom-timeout', apply: (w, at) => replace(w, at, { kind: 'state-machine', source: SourceFile.PREVIOUS, timeout: 0 }) },
  { rule: 'workflow/decrypt-destination', apply: (w, at) => replace(w, at, { kind: 'decrypt', source: SourceFile.PREVIOUS, to: 'none' }) },
  {
    rule: 'workflow/identical-steps',
    apply: (w, at) => {
      const steps = w.steps.slice(0, 7);
      const twin = steps[at % steps.length];
      return { ...w, steps: [...steps, { ...twin, name: undefined }] };
    },
  },
  { rule: 'workflow/bucket-name', apply: (w, at) => replace(w, at, { kind: 'copy', source: SourceFile.ORIGINAL, to: 'bad-bucket', key: 'in/' }) },
  { rule: 'workflow/s3-key-length', apply: (w, at) => replace(w, at, { kind: 'copy', source: SourceFile.ORIGINAL, to: 'archive', key: 'k'.repeat(1025) }) },
  {
    // The decrypted file is on EFS: later copy and tag steps of the valid list may now act on it.
    rule: 'workflow/efs-path',
    also: ['workflow/copy-tag-s3-only'],
    apply: (w, at) => replace(w, at, { kind: 'decrypt', source: SourceFile.PREVIOUS, to: 'efs-empty-path' }),
  },
  {
    rule: 'workflow/efs-path',
    also: ['workflow/copy-tag-s3-only'],
    apply: (w, at) => replace(w, at, { kind: 'decrypt', source: SourceFile.PREVIOUS, to: 'efs', key: 'clear/\u0000/' }),
  },
  {
    rule: 'workflow/efs-file-system-id',
    also: ['workflow/copy-tag-s3-only'],
    apply: (w, at) => replace(w, at, { kind: 'decrypt', source: SourceFile.PREVIOUS, to: 'bad-efs', key: 'clear/' }),
  },
  { rule: 'workflow/s3-key-length', apply: (w, at) => replace(w, at, { kind: 'copy', source: SourceFile.ORIGINAL, to: 'archive', key: `${'é'.repeat(513)}/` }) },
  { rule: 'workflow/s3-key-characters', apply: (w, at) => replace(w, at, { kind: 'copy', source: SourceFile.ORIGINAL, to: 'archive', key: 'in\nbox/' }) },
  { rule: 'workflow/destination-key-widens-role', apply: (w, at) => replace(w, at, { kind: 'copy', source: SourceFile.ORIGINAL, to: 'archive', key: 'archive/*/' }) },
  { rule: 'workflow/destination-key-widens-role', apply: (w, at) => replace(w, at, { kind: 'decrypt', source: SourceFile.ORIGINAL, to: 'archive', key: 'clear/${transfer:HomeFolder}/' }) },
  {
    rule: 'workflow/copy-destination-s3',
    apply: (w, at) => replace(w, at, { kind: 'copy', source: SourceFile.ORIGINAL, to: 'none' }),
  },
  {
    rule: 'workflow/custom-target',
    apply: (w, at) => replace(w, at, { kind: 'custom', source: SourceFile.PREVIOUS, target: 'arn:aws:states:us-east-1:111111111111:stateMachine:scan' }),
  },
  { rule: 'workflow/tags', apply: (w) => ({ ...w, tags: [['aws:team', 'payments']] }) },
  { rule: 'workflow/imported-id', apply: (w) => ({ ...w, importedId: 'arn:aws:transfer:us-east-1:111111111111:workflow/w-0123456789abcdef0' }) },
];

/** The workflow rule ids a synth error message reports. */
export function reportedRules(message: string): string[] {
  return [...new Set([...message.matchAll(/\[(workflow\/[a-z0-9-]+)\]/g)].map((m) => m[1]))].sort();
}
