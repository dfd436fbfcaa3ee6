// `prepack`: refuses to pack (npm pack, npm publish, jsii-pacmak) a package without its compiled code.
// lib/ and .jsii are not in git and are written by `npx projen compile`: on a fresh clone `npm pack` would
// otherwise ship package.json, README and API.md and no code. Also refuses when they are older than a
// file of src/, or when lib/ holds a module whose source is gone (a package of stale code).
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

// A module of lib/ whose source is gone (moved or removed in src/, compiled before): it would ship.
function orphans(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) return orphans(p);
    if (!entry.name.endsWith('.js')) return [];
    const source = path.join(root, 'src', path.relative(path.join(root, 'lib'), p)).replace(/\.js$/, '.ts');
    return fs.existsSync(source) ? [] : [path.relative(root, p)];
  });
}
const stale = orphans(path.join(root, 'lib'));
if (stale.length > 0) fail(`lib/ holds ${stale.length} module(s) with no source in src/ (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', ...' : ''})`);

const oldestBuilt = Math.min(...built.map((f) => fs.statSync(path.join(root, f)).mtimeMs));
const source = newest(path.join(root, 'src'));
if (source.mtime > oldestBuilt) fail(`${path.relative(root, source.file)} is newer than the compiled lib/ and .jsii`);
