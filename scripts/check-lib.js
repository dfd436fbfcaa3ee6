// `prepack`: refuses to pack (npm pack, npm publish, jsii-pacmak) a package without its compiled code.
// lib/ and .jsii are not in git and are written by `npx projen compile`: on a fresh clone `npm pack` would
// otherwise ship package.json, README and API.md and no code. Also refuses when they are older than a
// file of src/ (a package of stale code).
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const built = ['lib/index.js', 'lib/index.d.ts', '.jsii'];

function fail(message) {
  console.error(`\ncdk-transfer-family: not packing: ${message}.\nRun \`npx projen compile\` first (\`npx projen build\` does), then pack again.\n`);
  process.exit(1);
}

const missing = built.filter((f) => !fs.existsSync(path.join(root, f)));
if (missing.length > 0) fail(`${missing.join(', ')} missing`);

function newest(dir) {
  let best = { file: undefined, mtime: 0 };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newest(p) : entry.name.endsWith('.ts') ? { file: p, mtime: fs.statSync(p).mtimeMs } : best;
    if (candidate.mtime > best.mtime) best = candidate;
  }
  return best;
}

const oldestBuilt = Math.min(...built.map((f) => fs.statSync(path.join(root, f)).mtimeMs));
const source = newest(path.join(root, 'src'));
if (source.mtime > oldestBuilt) fail(`${path.relative(root, source.file)} is newer than the compiled lib/ and .jsii`);
