/**
 * `npx projen pacmak`: generate the Python, Java, .NET and Go bindings from the compiled assembly (.jsii)
 * with `jsii-pacmak --code-only`, into tmp/pacmak/<language>/, and fail on any warning.
 *
 * The registries of those languages are not reachable from here and nothing is published, so generating
 * the bindings is the proof that they can be built. `--code-only` needs none of the languages' toolchains
 * (python, java, dotnet, go): only node and npm (pacmak packs the npm tarball it embeds in every binding).
 *
 * jsii-pacmak exits 0 after printing warnings (`[jsii-pacmak] [WARN] ...`, jsii-rosetta's, Node's own):
 * its output is captured, printed, and any line that mentions a warning fails the run. When clean it
 * prints nothing (with the Node end-of-life banner silenced by JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION,
 * which every projen task sets).
 *
 * Extra arguments go to jsii-pacmak after the four targets and the output directory.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'tmp', 'pacmak');
const TARGETS = ['python', 'java', 'dotnet', 'go'];

/** Lines of jsii-pacmak's output that report a warning. */
export function warningLines(output: string): string[] {
  return output.split(/\r?\n/).filter((line) => /warn/i.test(line));
}

function main(): void {
  const assembly = path.join(ROOT, '.jsii');
  if (!fs.existsSync(assembly)) {
    console.error('pacmak: .jsii is missing; run `npx projen compile` first (the pacmak task does)');
    process.exit(1);
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  const args = ['--code-only', '--force', ...TARGETS.flatMap((t) => ['--target', t]), '--outdir', OUT, ...process.argv.slice(2)];
  const started = Date.now();
  const bin = path.join(ROOT, 'node_modules', '.bin', 'jsii-pacmak');
  const run = spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (output.trim() !== '') process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);

  if (run.error) {
    console.error(`pacmak: could not run jsii-pacmak: ${run.error.message}`);
    process.exit(1);
  }
  if (run.status !== 0) {
    console.error(`pacmak: jsii-pacmak failed (exit ${run.status ?? run.signal}) after ${seconds} s`);
    process.exit(1);
  }
  const warnings = warningLines(output);
  if (warnings.length > 0) {
    console.error(`pacmak: jsii-pacmak exited 0 but printed ${warnings.length} warning line(s); fix them:`);
    for (const w of warnings) console.error(`  ${w}`);
    process.exit(1);
  }
  const missing = TARGETS.filter((t) => !fs.existsSync(path.join(OUT, t)) || fs.readdirSync(path.join(OUT, t)).length === 0);
  if (missing.length > 0) {
    console.error(`pacmak: no code generated for ${missing.join(', ')}`);
    process.exit(1);
  }
  console.log(`pacmak: ${TARGETS.join(', ')} bindings generated in ${path.relative(ROOT, OUT)}/ in ${seconds} s, no warnings`);
}

if (require.main === module) {
  main();
}
