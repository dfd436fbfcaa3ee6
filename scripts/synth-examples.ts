/**
 * The library's main job: synthesize every example app into CloudFormation with the CDK CLI.
 *
 *   npm run synth                 # every example
 *   npm run synth -- public-sftp  # only the named ones
 *
 * Works offline and without AWS credentials: the stacks are environment-agnostic and the
 * tasks set AWS_REGION, AWS_EC2_METADATA_DISABLED and CDK_DISABLE_CLI_TELEMETRY.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const all = fs.readdirSync(examplesDir).filter((d) => fs.existsSync(path.join(examplesDir, d, 'app.ts'))).sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  console.error(`unknown example(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(1);
}
const names = wanted.length > 0 ? wanted : all;
const cdk = path.join(root, 'node_modules', '.bin', 'cdk');
const tsNode = `${path.join('node_modules', '.bin', 'ts-node')} --transpile-only --project test/tsconfig.json -r ./scripts/register-package.js`;
// Two at a time: each synth is mostly one CPU-bound node process.
const CONCURRENCY = Math.max(1, Math.min(2, os.cpus().length));

function synth(name: string): Promise<void> {
  const outdir = path.join('cdk.out', name);
  return new Promise((resolve, reject) => {
    const child = spawn(cdk, [
      'synth', '--quiet', '--no-notices', '--no-version-reporting',
      '--app', `${tsNode} examples/${name}/app.ts`,
      '--output', outdir,
    ], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const lines = output.split('\n').filter((l) => l.trim() !== '' && !/feature flags are not configured/.test(l));
      if (lines.length > 0) console.log(lines.join('\n'));
      if (code !== 0) {
        reject(new Error(`${name}: cdk synth failed (exit ${code})`));
        return;
      }
      const templates = fs.readdirSync(path.join(root, outdir)).filter((f) => f.endsWith('.template.json'));
      console.log(`${name}: ${templates.length} template(s) in ${outdir}/`);
      for (const t of templates) console.log(`  ${path.join(outdir, t)}`);
      resolve();
    });
  });
}

async function main() {
  const queue = [...names];
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await synth(name);
  });
  await Promise.all(workers);
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
