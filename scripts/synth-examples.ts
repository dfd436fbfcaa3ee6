/**
 * The library's main job: synthesize every example app into CloudFormation with the CDK CLI.
 *
 *   npm run synth                 # every example
 *   npm run synth -- public-sftp  # only the named ones
 *
 * Works offline and without AWS credentials: the stacks are environment-agnostic and the
 * tasks set AWS_REGION, AWS_EC2_METADATA_DISABLED and CDK_DISABLE_CLI_TELEMETRY.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
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
const tsNode = 'ts-node --transpile-only --project test/tsconfig.json -r tsconfig-paths/register';

for (const name of names) {
  const outdir = path.join('cdk.out', name);
  execFileSync(cdk, [
    'synth', '--quiet', '--no-notices', '--no-version-reporting',
    '--app', `npx ${tsNode} examples/${name}/app.ts`,
    '--output', outdir,
  ], { cwd: root, stdio: 'inherit', env: { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json' } });
  const templates = fs.readdirSync(path.join(root, outdir)).filter((f) => f.endsWith('.template.json'));
  console.log(`${name}: ${templates.length} template(s) in ${outdir}/`);
  for (const t of templates) console.log(`  ${path.join(outdir, t)}`);
}
