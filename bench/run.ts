/**
 * `npm run bench`: what this library costs at synth time, against the minimal correct estate written by
 * hand with L1 (bench/l1.ts; the same permissions, proven by test/project/bench-estate.test.ts).
 *
 *   npm run bench                                # N = 250, 1000, 2000; 7 runs per variant and mode; writes the
 *                                                #   results section of bench/README.md
 *   (the same as: ts-node --transpile-only --project test/tsconfig.json bench/run.ts)
 *   npm run bench -- --users 500 --runs 3        # a quick look (the results are written only by the full run
 *   npm run bench -- --cpu-prof                  #   unless --write); --cpu-prof leaves .cpuprofile files in tmp/bench-prof/
 *   npm run bench -- --modes warm,untraced       # other kinds of process (see bench/worker.ts); default: cold, validated
 *   npm run bench -- --library src               # the library's TypeScript sources under ts-node instead of the package
 *
 * The library is measured as an app gets it: the package compiled by jsii (lib/, which `npm run bench`
 * compiles first), copied into tmp/bench-package/node_modules/cdk-transfer-family and found there
 * through NODE_PATH. `--library src` resolves the package name to src/ instead, as the example apps and
 * tests do; results are written only for the package.
 *
 * Each synthesis runs in a fresh process (bench/worker.ts), L2 and L1 alternating; the worker measures
 * from just before the construct tree is built to after `app.synth()`, in a warm process (one-time
 * loading and first-use compilation paid before the clock starts), in a cold one, in a warm one where
 * aws-cdk-lib records no creation stack traces ("untraced"), and in a cold one with aws-cdk-lib's
 * CloudFormation schema check on ("validated", as `cdk synth` runs by default). Each run is also timed
 * as a whole process (start to exit: Node, ts-node, loading aws-cdk-lib and, for L2, the library), as
 * `cdk synth` runs the app; the time targets are on that.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median, ratioInterval, timeVerdict } from './stats';
import type { WorkerResult } from './worker';

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_USERS = [250, 1000, 2000];
const DEFAULT_RUNS = 7;

/** The targets (against the minimal hand-written estate, at the largest N). */
const TARGETS = { validated: 1.10, cold: 1.25, scaling: 2.1, memoryRatio: 1.15, bytesPerUser: 1.15, rolesPerServerBucket: 1 };

type Mode = 'warm' | 'cold' | 'untraced' | 'validated';
/** In this order; the first measured is the primary one. */
const MODES: Mode[] = ['cold', 'validated', 'warm', 'untraced'];
const DEFAULT_MODES: Mode[] = ['cold', 'validated'];

/** Where the workers load the library from: the compiled package (as installed), or the TypeScript sources. */
type Library = 'package' | 'src';

interface Options {
  users: number[];
  runs: number;
  write: boolean;
  cpuProf: boolean;
  modes: Mode[];
  library: Library;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { users: DEFAULT_USERS, runs: DEFAULT_RUNS, write: false, cpuProf: false, modes: DEFAULT_MODES, library: 'package' };
  let custom = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--users') {
      opts.users = argv[++i].split(',').map(Number);
      custom = true;
    } else if (a === '--runs') {
      opts.runs = Number(argv[++i]);
      custom = true;
    } else if (a === '--write') {
      opts.write = true;
    } else if (a === '--cpu-prof') {
      opts.cpuProf = true;
    } else if (a === '--modes') {
      opts.modes = argv[++i].split(',') as Mode[];
      custom = true;
    } else if (a === '--library') {
      opts.library = argv[++i] as Library;
      if (!['package', 'src'].includes(opts.library)) throw new Error('--library takes package or src');
      custom = opts.library !== 'package' || custom;
    } else {
      throw new Error(`unknown argument ${a}; see the top of bench/run.ts`);
    }
  }
  if (!custom) opts.write = true;
  if (opts.library !== 'package' && opts.write) throw new Error('bench/README.md records the package only: --write needs --library package');
  if (opts.users.some((n) => !Number.isInteger(n) || n < 1) || !(opts.runs >= 1)) throw new Error('--users takes positive integers, --runs a count');
  if (opts.modes.length === 0 || opts.modes.some((m) => !MODES.includes(m))) throw new Error(`--modes takes a list of ${MODES.join(', ')}`);
  // In this order: the first mode measured is the primary one, the others are shown beside it.
  opts.modes = MODES.filter((m) => opts.modes.includes(m));
  return opts;
}

/** Where `--library package` installs the compiled library: a node_modules directory outside the project's own. */
/** bench/README.md: the method, written by hand, and the results section, which a full run rewrites. */
const README = path.join(__dirname, 'README.md');
export const RESULTS_BEGIN = '<!-- results:begin (written by `npm run bench`; do not edit) -->';
export const RESULTS_END = '<!-- results:end -->';

/** `readme` with its results section replaced by `results`. */
export function replaceResults(readme: string, results: string): string {
  const start = readme.indexOf(RESULTS_BEGIN);
  const stop = readme.indexOf(RESULTS_END);
  if (start < 0 || stop < start) throw new Error(`bench/README.md has no results section (${RESULTS_BEGIN} … ${RESULTS_END})`);
  return `${readme.slice(0, start + RESULTS_BEGIN.length)}\n${results.trim()}\n${readme.slice(stop)}`;
}

const PACKAGE_DIR = path.join(ROOT, 'tmp', 'bench-package', 'node_modules');

/**
 * Copy the compiled library (lib/ and package.json, what the published package holds to run) into
 * PACKAGE_DIR. Fails when lib/ is missing or older than a source file: `npm run bench` compiles first.
 */
function stagePackage(): void {
  const newest = (dir: string, ext: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return Math.max(t, newest(p, ext));
    return e.name.endsWith(ext) ? Math.max(t, fs.statSync(p).mtimeMs) : t;
  }, 0);
  const lib = path.join(ROOT, 'lib');
  if (!fs.existsSync(path.join(lib, 'index.js')) || newest(lib, '.js') < newest(path.join(ROOT, 'src'), '.ts')) {
    throw new Error('lib/ is missing or older than src/: compile first (`npx projen compile`; `npm run bench` does)');
  }
  const target = path.join(PACKAGE_DIR, 'cdk-transfer-family');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.cpSync(lib, path.join(target, 'lib'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
}

/** A worker's result, and the wall time of its whole process. */
type Run = WorkerResult & { readonly processMs: number };

function runWorker(library: Library, variant: 'l1' | 'l2', users: number, outdir: string, cpuProf: boolean, mode: Mode = 'warm'): Run {
  fs.rmSync(outdir, { recursive: true, force: true });
  const args = [
    ...(cpuProf
      ? ['--cpu-prof', '--cpu-prof-dir', path.join(ROOT, 'tmp', 'bench-prof'), '--cpu-prof-name', `${variant}-${mode}-${users}-${process.hrtime.bigint()}.cpuprofile`]
      : []),
    '-r', 'ts-node/register/transpile-only',
    path.join(__dirname, 'worker.ts'), variant, String(users), outdir, mode,
  ];
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json'),
      // The worker requires the package by name; Node finds it here, as in an app that installed it.
      NODE_PATH: library === 'package' ? PACKAGE_DIR : '',
      BENCH_LIBRARY: library,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    },
  });
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 0) {
    throw new Error(`worker ${variant} N=${users} failed (exit ${res.status}):\n${res.stderr}\n${res.stdout}`);
  }
  const line = res.stdout.trim().split('\n').pop() ?? '';
  const result = JSON.parse(line) as WorkerResult;
  // The worker loaded the library from where it was asked to.
  const expected = library === 'package' ? path.join(PACKAGE_DIR, 'cdk-transfer-family', 'lib', 'index.js') : path.join(ROOT, 'src', 'index.ts');
  if (result.library !== expected) throw new Error(`worker ${variant}: loaded the library from ${result.library}, not ${expected}`);
  return { ...result, processMs };
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const fixed = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

interface Row {
  users: number;
  stacks: number;
  maxResourcesPerStack: number;
  /** The measured runs of each kind of process. */
  runs: Partial<Record<Mode, { l2: Run[]; l1: Run[] }>>;
  types: string;
  typesL1: string;
}

const typesOf = (r: WorkerResult) => Object.entries(r.types).sort().map(([t, c]) => `${t.replace(/^AWS::/, '')}=${c}`).join(' ');

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-transfer-family-bench-'));
  const started = Date.now();
  const load = os.loadavg();
  const rows: Row[] = [];
  try {
    if (opts.library === 'package') stagePackage();
    // One unmeasured run, so that the first measured process does not pay for a cold disk cache.
    runWorker(opts.library, 'l2', 10, path.join(tmp, 'warmup'), false);

    for (const users of opts.users) {
      const row: Row = { users, stacks: 0, maxResourcesPerStack: 0, runs: Object.fromEntries(opts.modes.map((m) => [m, { l2: [], l1: [] }])), types: '', typesL1: '' };
      for (let r = 0; r < opts.runs; r++) {
        const order: Array<'l1' | 'l2'> = r % 2 === 0 ? ['l2', 'l1'] : ['l1', 'l2'];
        for (const mode of opts.modes) {
          for (const v of order) {
            const dir = path.join(tmp, `${v}-${mode}-${users}-${r}`);
            const res = runWorker(opts.library, v, users, dir, opts.cpuProf, mode);
            fs.rmSync(dir, { recursive: true, force: true });
            row.runs[mode]![v].push(res);
            console.log(`  N=${users} run ${r + 1}/${opts.runs} ${mode} ${v.toUpperCase()}: process ${fixed(res.processMs / 1000)} s, synth ${fixed(res.ms / 1000)} s (build ${fixed(res.buildMs / 1000)} s, CPU ${fixed(res.cpuMs / 1000)} s), peak RSS ${mib(res.maxRss)} MiB, ${res.templateBytes} template bytes`);
          }
        }
      }
      const first = row.runs[opts.modes[0]]!;
      row.stacks = first.l2[0].stacks;
      row.maxResourcesPerStack = first.l2[0].maxResourcesPerStack;
      row.types = typesOf(first.l2[0]);
      row.typesL1 = typesOf(first.l1[0]);
      rows.push(row);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const report = render(rows, opts, load, (Date.now() - started) / 1000);
  console.log(`\n${report.table}\n\n${report.targets}`);
  if (opts.write) {
    fs.writeFileSync(README, replaceResults(fs.readFileSync(README, 'utf8'), report.markdown));
    console.log('\nwrote the results section of bench/README.md');
  }
  console.log(report.finalLine);
}

/** The time target of each kind of process (none for warm and untraced: they show where time goes). */
const TIME_TARGET: Partial<Record<Mode, number>> = { cold: TARGETS.cold, validated: TARGETS.validated };

function render(rows: Row[], opts: Options, loadBefore: number[], seconds: number) {
  const primary = opts.modes[0];
  const med = (runs: Run[], f: (r: Run) => number) => median(runs.map(f));
  // Columns: per kind of process, the whole process of each variant and their ratio, and the ratio of
  // the in-process span (construct tree + app.synth()). The primary kind's ratio is "time L2/L1".
  const header = `| users | stacks | max resources/stack | ${opts.modes.map((m) => `${m} L2 | ${m} L1 | ${m === primary ? 'time' : m} L2/L1 | ${m} synth L2/L1 | `).join('')}`
    + 'peak RSS L2 | peak RSS L1 | memory L2/L1 | template bytes/user L2 | L1 | bytes L2/L1 | IAM roles/100 users L2 | L1 |';
  const sep = `|---:|---:|---:|${opts.modes.map(() => '---:|---:|---:|---:|').join('')}---:|---:|---:|---:|---:|---:|---:|---:|`;
  const lines = rows.map((row) => {
    const cells = opts.modes.map((m) => {
      const { l2, l1 } = row.runs[m]!;
      const p2 = med(l2, (r) => r.processMs);
      const p1 = med(l1, (r) => r.processMs);
      return `${fixed(p2 / 1000)} s | ${fixed(p1 / 1000)} s | ${fixed(p2 / p1)} | ${fixed(med(l2, (r) => r.ms) / med(l1, (r) => r.ms))} | `;
    }).join('');
    const { l2, l1 } = row.runs[primary]!;
    const m2 = med(l2, (r) => r.maxRss);
    const m1 = med(l1, (r) => r.maxRss);
    const roles = (r: Run) => ((r.types['AWS::IAM::Role'] ?? 0) / row.users) * 100;
    const b2 = l2[0].templateBytes / row.users;
    const b1 = l1[0].templateBytes / row.users;
    return `| ${row.users} | ${row.stacks} | ${row.maxResourcesPerStack} | ${cells}${mib(m2)} MiB | ${mib(m1)} MiB | ${fixed(m2 / m1)} | ${b2.toFixed(0)} | ${b1.toFixed(0)} | ${fixed(b2 / b1)} | ${fixed(roles(l2[0]))} | ${fixed(roles(l1[0]))} |`;
  });
  const table = [header, sep, ...lines].join('\n');

  // Targets, at the largest N (and between the two largest for scaling and bytes per additional user).
  const ns = rows.map((r) => r.users).sort((a, b) => a - b);
  const top = ns[ns.length - 1];
  const prev = ns.length > 1 ? ns[ns.length - 2] : undefined;
  const topRow = rows.find((r) => r.users === top)!;
  const prevRow = rows.find((r) => r.users === prev);
  const topRuns = topRow.runs[primary]!;
  const ok = (b: boolean) => (b ? 'met' : '**missed**');
  const timeLines = opts.modes.filter((m) => TIME_TARGET[m] !== undefined).map((m) => {
    const runs = topRow.runs[m]!;
    const t2 = runs.l2.map((x) => x.processMs);
    const t1 = runs.l1.map((x) => x.processMs);
    const ratio = median(t2) / median(t1);
    const pairs = t2.map((x, i) => x / t1[i]);
    const interval = ratioInterval(t2, t1);
    const span = median(runs.l2.map((x) => x.ms)) / median(runs.l1.map((x) => x.ms));
    return `| whole-process time L2/L1 ≤ ${TIME_TARGET[m]} at N = ${top}, ${MODE_TARGET[m]} | ${fixed(ratio, 3)} (90% interval ${fixed(interval[0], 3)}–${fixed(interval[1], 3)}; pairs of runs: ${fixed(Math.min(...pairs))}–${fixed(Math.max(...pairs))}; in-process span ${fixed(span, 3)}) | ${timeVerdict(interval, TIME_TARGET[m]!)} |`;
  });
  const scaling = prevRow ? median(topRuns.l2.map((r) => r.ms)) / median(prevRow.runs[primary]!.l2.map((r) => r.ms)) : NaN;
  const scalingL1 = prevRow ? median(topRuns.l1.map((r) => r.ms)) / median(prevRow.runs[primary]!.l1.map((r) => r.ms)) : NaN;
  const memRatio = median(topRuns.l2.map((r) => r.maxRss)) / median(topRuns.l1.map((r) => r.maxRss));
  const perUser = (v: 'l1' | 'l2') => (prevRow ? (topRuns[v][0].templateBytes - prevRow.runs[primary]![v][0].templateBytes) / (top - prev!) : NaN);
  const userRolesPerServerBucket = topRuns.l2[0].userRoles / topRow.stacks;
  const targetLines = [
    '| target | measured | |',
    '|---|---|---|',
    // Three decimals: at two, a ratio just above the target would print as the target and read "missed".
    ...timeLines,
    ...(prev === undefined ? [] : [
      `| scaling t(${top})/t(${prev}) ≤ ${TARGETS.scaling} (L2, ${primary} in-process span; ${fixed(top / prev, 1)} is linear) | ${fixed(scaling)} (L1: ${fixed(scalingL1)}) | ${ok(scaling <= TARGETS.scaling)} |`,
      `| template bytes per additional user (N ${prev} → ${top}) ≤ ${TARGETS.bytesPerUser}× L1 | L2 ${perUser('l2').toFixed(0)}, L1 ${perUser('l1').toFixed(0)} (${fixed(perUser('l2') / perUser('l1'))}×) | ${ok(perUser('l2') <= perUser('l1') * TARGETS.bytesPerUser)} |`,
    ]),
    `| peak memory L2/L1 ≤ ${TARGETS.memoryRatio} at N = ${top} (${primary}) | ${fixed(memRatio)} | ${ok(memRatio <= TARGETS.memoryRatio)} |`,
    `| (for reference, no target) CPU time L2/L1 at N = ${top} (${primary}, in-process span) | ${fixed(median(topRuns.l2.map((r) => r.cpuMs)) / median(topRuns.l1.map((r) => r.cpuMs)))} | |`,
    `| ≤ ${TARGETS.rolesPerServerBucket} created role per server + bucket | ${fixed(userRolesPerServerBucket)} | ${ok(userRolesPerServerBucket <= TARGETS.rolesPerServerBucket)} |`,
  ];
  const targets = targetLines.join('\n');

  const cdkVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf8')).version;
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirtySrc = git('status', '--porcelain', '--', 'src') !== '';
  const cpus = os.cpus();
  const machine = [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores; memory ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB`,
    `- ${os.type()} ${os.release()}, Node ${process.version}, aws-cdk-lib ${cdkVersion}`,
    `- load average before the run: ${loadBefore.map((l) => l.toFixed(2)).join(', ')}; after: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}; the bench took ${seconds.toFixed(0)} s`,
  ].join('\n');
  const resourcesLine = rows.map((r) => `- N = ${r.users}: L2 ${r.types}; L1 ${r.typesL1}`).join('\n');
  const finalLine = `bench: ${opts.modes.map((m) => `${m}@${top}=${fixed(median(topRow.runs[m]!.l2.map((r) => r.processMs)) / median(topRow.runs[m]!.l1.map((r) => r.processMs)), 3)}`).join(' ')} scaling=${fixed(scaling)}`;
  const markdown = `Measured on ${new Date().toISOString().slice(0, 10)}, library at commit ${commit}${dirtySrc ? ' (with uncommitted changes in src/)' : ''}:
${opts.runs} run${opts.runs === 1 ? '' : 's'} per variant, N and kind of process (${opts.modes.join(', ')}; the first is the primary kind). Medians of the whole process ("synth L2/L1": of the in-process span).

Machine:
${machine}

${table}

The L1 variant is the minimal correct hand-written estate (bench/l1.ts): its templates differ from the library's; what they grant is the same (test/project/bench-estate.test.ts).

Resources:
${resourcesLine}

Targets:

${targets}
`;
  return { table, targets, markdown, finalLine };
}

/** The kind of process, as the time target's rows name it. */
const MODE_TARGET: Record<Mode, string> = {
  warm: 'warm processes (one-time loading excluded)',
  cold: 'schema check off (`cdk synth --no-validation`)',
  untraced: 'warm processes without creation stack traces',
  validated: 'schema check on (`cdk synth` defaults)',
};

main();
