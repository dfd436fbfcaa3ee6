/** Checks that the L1 twin writes the same CloudFormation as the library. */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Where the library's template may differ from the hand-written one, and why. Everything else must be
 * equal: same stacks, same logical ids, same types, same properties.
 */
export const KNOWN_DIFFERENCES: ReadonlyArray<{ readonly path: RegExp; readonly why: string }> = [
  {
    path: /\.Resources\.Workflow\d+ExecutionRole(DefaultPolicy|OverflowPolicy\d+)[0-9A-F]{8}\b/,
    why: 'execution role of a workflow attached to a server: the hand-written role grants the users\' uploads by home '
      + 'directory (`<bucket>/<dir>/*`, as the users\' shared role does); the library grants every user\'s home '
      + '(`<bucket>/<dir>/<user>/*`, one ARN per user; past the inline policy size aws-cdk-lib moves them into '
      + '`OverflowPolicy<n>` managed policies)',
  },
];

/** Differences between the templates of two cloud assemblies, unexpected and known (key order aside). */
export function compareAssemblies(dirA: string, dirB: string): { unexpected: string[]; known: Map<string, number> } {
  const all = templateDifferences(dirA, dirB, 1000000);
  const unexpected: string[] = [];
  const known = new Map<string, number>();
  for (const d of all) {
    const k = KNOWN_DIFFERENCES.find((x) => x.path.test(d));
    if (k) known.set(k.why, (known.get(k.why) ?? 0) + 1);
    else if (unexpected.length < 10) unexpected.push(d);
  }
  return { unexpected, known };
}

/** Differences between the templates of two cloud assemblies (empty when they are equal, key order aside). */
export function templateDifferences(dirA: string, dirB: string, max = 10): string[] {
  const templates = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort();
  const a = templates(dirA);
  const b = templates(dirB);
  const out: string[] = [];
  if (a.join() !== b.join()) out.push(`stacks differ: [${a.join(', ')}] vs [${b.join(', ')}]`);
  for (const file of a.filter((f) => b.includes(f))) {
    const ta = JSON.parse(fs.readFileSync(path.join(dirA, file), 'utf8'));
    const tb = JSON.parse(fs.readFileSync(path.join(dirB, file), 'utf8'));
    diff(ta, tb, file, out, max);
    if (out.length >= max) break;
  }
  return out;
}

function diff(a: unknown, b: unknown, where: string, out: string[], max: number): void {
  if (out.length >= max) return;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    out.push(`${where}: ${short(a)} vs ${short(b)}`);
    return;
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) out.push(`${where}: ${a.length} items vs ${bb.length}`);
    for (let i = 0; i < Math.min(a.length, bb.length); i++) diff(a[i], bb[i], `${where}[${i}]`, out, max);
    return;
  }
  if (a !== null && typeof a === 'object') {
    const oa = a as Record<string, unknown>;
    const ob = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(oa), ...Object.keys(ob)])) {
      if (!(k in oa)) out.push(`${where}.${k}: missing vs ${short(ob[k])}`);
      else if (!(k in ob)) out.push(`${where}.${k}: ${short(oa[k])} vs missing`);
      else diff(oa[k], ob[k], `${where}.${k}`, out, max);
      if (out.length >= max) return;
    }
    return;
  }
  if (a !== b) out.push(`${where}: ${short(a)} vs ${short(b)}`);
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}
