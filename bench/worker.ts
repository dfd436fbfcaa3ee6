/**
 * One measured synthesis, in a fresh process: `worker.ts <l1|l2> <users> <outdir> <warm|cold|untraced|validated>`.
 *
 * The variant's builder is loaded before the clock starts (the L2 one loads the library; the L1 one
 * does not), so the in-process span leaves loading out; bench/run.ts also times the whole process, as
 * `cdk synth` runs the app. `warm`: before the clock starts, the process also
 * builds and synthesizes a one-user estate with each builder (L1 and L2, whatever the variant), so
 * that what aws-cdk-lib loads on first use (most of its modules load lazily) and the first-use
 * compilation of the code both paths run are paid outside the measurement, and alike in both
 * variants. `cold`: no such warm-up, as in a `cdk synth` process. `untraced`: warm, with the context
 * `aws:cdk:disable-creation-stack-traces` set (in the warm-up too), so aws-cdk-lib does not record a
 * creation stack trace for every L1 resource. `validated`: cold, with aws-cdk-lib's built-in
 * CloudFormation schema check on, as `cdk synth` runs by default; every other mode turns it off
 * (`CDK_VALIDATION=false`, as `cdk synth --no-validation` does). Measured: building the construct
 * tree and `app.synth()` (which runs the library's validations). Prints one line of JSON.
 */
// First, before anything imports the library: with BENCH_LIBRARY=src, resolve `cdk-transfer-family` to
// src/ (the hook `npm run synth` uses too). Otherwise Node finds the compiled package through NODE_PATH
// (bench/run.ts installs it), as an app finds the package it installed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (process.env.BENCH_LIBRARY === 'src') require('../scripts/register-package.js');
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';

type Builder = (app: App, n: number) => void;
/* eslint-disable @typescript-eslint/no-require-imports */
const builders: Record<'l1' | 'l2', () => Builder> = {
  l1: () => require('./l1').buildL1,
  l2: () => require('./l2').buildL2,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface WorkerResult {
  readonly variant: string;
  /** The file the library was loaded from (its entry point). */
  readonly library: string;
  readonly users: number;
  /** Whether a one-user estate of each variant was synthesized before the clock started. */
  readonly warm: boolean;
  /** Whether aws-cdk-lib recorded a creation stack trace for every L1 resource (its default). */
  readonly creationStackTraces: boolean;
  /** Whether aws-cdk-lib's built-in CloudFormation schema check ran at synth (its default). */
  readonly schemaCheck: boolean;
  /** Milliseconds from before the construct tree is built to after `app.synth()`. */
  readonly ms: number;
  /** Of `ms`, the part spent building the construct tree (the rest is `app.synth()`). */
  readonly buildMs: number;
  /** CPU time of the process (user + system, all threads) over the same span, milliseconds. */
  readonly cpuMs: number;
  /** Peak resident set size of the process, bytes. */
  readonly maxRss: number;
  /** Total size of the templates, bytes. */
  readonly templateBytes: number;
  readonly stacks: number;
  /** Resources per type over all templates. */
  readonly types: Record<string, number>;
  /** The largest resource count of one stack. */
  readonly maxResourcesPerStack: number;
  /** Roles created for users (logical id `...UsersRole...`), over all stacks. */
  readonly userRoles: number;
}

function main(): void {
  const [variant, usersArg, outdir, mode] = process.argv.slice(2);
  const users = Number(usersArg);
  if (!['l1', 'l2'].includes(variant) || !Number.isInteger(users) || !outdir || !['warm', 'cold', 'untraced', 'validated'].includes(mode)) {
    throw new Error('usage: worker.ts <l1|l2> <users> <outdir> <warm|cold|untraced|validated>');
  }
  const warm = mode === 'warm' || mode === 'untraced';
  // A cold process loads only its own builder (the L1 one never loads the library), as an app would;
  // a warm one loads both, for the same warm-up in both variants.
  const build = builders[variant as 'l1' | 'l2']();
  const other = warm ? builders[variant === 'l1' ? 'l2' : 'l1']() : undefined;
  const buildL1 = variant === 'l1' ? build : other!;
  const buildL2 = variant === 'l2' ? build : other!;
  // aws-cdk-lib reads this when an app is synthesized: anything but "false" runs the schema check.
  const schemaCheck = mode === 'validated';
  process.env.CDK_VALIDATION = schemaCheck ? 'true' : 'false';
  const creationStackTraces = mode !== 'untraced';
  const context = creationStackTraces ? undefined : { [cxapi.DISABLE_CREATION_STACK_TRACES]: true };
  if (warm) {
    // The same warm-up in both variants: L1 first, then L2.
    for (const [name, b] of [['l1', buildL1], ['l2', buildL2]] as const) {
      const dir = `${outdir}-warmup-${name}`;
      const app = new App({ outdir: dir, analyticsReporting: false, context });
      b(app, 1);
      app.synth();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const app = new App({ outdir, analyticsReporting: false, context });
  build(app, users);
  const buildMs = Number(process.hrtime.bigint() - start) / 1e6;
  const assembly = app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const maxRss = process.resourceUsage().maxRSS * 1024;

  // The mode did what it says: creation stack traces recorded on the L1 resources, or on none.
  const traced = app.node.findAll().filter((c) => c.node.metadata.some((m) => m.type === 'aws:cdk:creationStack')).length;
  if ((traced > 0) !== creationStackTraces) {
    throw new Error(`${mode}: ${traced} constructs carry a creation stack trace`);
  }

  // Both estates synthesize without warnings, as with `cdk synth --strict`.
  const warnings = app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => `${c.node.path}: ${m.data}`));
  if (warnings.length > 0) throw new Error(`${variant}: ${warnings.length} warning(s), e.g. ${warnings[0]}`);

  let templateBytes = 0;
  let maxResourcesPerStack = 0;
  let userRoles = 0;
  const types: Record<string, number> = {};
  for (const stack of assembly.stacks) {
    const file = path.join(assembly.directory, stack.templateFile);
    templateBytes += fs.statSync(file).size;
    const resources = Object.entries((stack.template.Resources ?? {}) as Record<string, { Type: string }>);
    maxResourcesPerStack = Math.max(maxResourcesPerStack, resources.length);
    for (const [logicalId, r] of resources) {
      types[r.Type] = (types[r.Type] ?? 0) + 1;
      if (r.Type === 'AWS::IAM::Role' && logicalId.includes('UsersRole')) userRoles++;
    }
  }
  const stacks = assembly.stacks.length;
  const result: WorkerResult = {
    variant, library: require.resolve('cdk-transfer-family'), users, warm, creationStackTraces, schemaCheck, ms, buildMs, cpuMs, maxRss, templateBytes, stacks, types, maxResourcesPerStack, userRoles,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
