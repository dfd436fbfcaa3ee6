/**
 * Summarize `.cpuprofile` files written by `npm run bench -- --cpu-prof`:
 *   ts-node bench/profile-summary.ts tmp/bench-prof/l2-*.cpuprofile
 * Prints the functions with the most self time, and the library's functions (lib/ of the package, or src/) with the most total
 * time (time spent in them and everything they call), averaged over the files.
 */
import * as fs from 'fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const args = process.argv.slice(2);
// `--under <regex>`: only the samples taken inside a function whose label matches, with total time per function.
const underAt = args.indexOf('--under');
const under = underAt >= 0 ? new RegExp(args.splice(underAt, 2)[1]) : undefined;
const files = args;
const self = new Map<string, number>();
const total = new Map<string, number>();
for (const file of files) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // The library's own files: its package (lib/, as the bench loads it) or its sources (--library src).
  const library = /\/node_modules\/cdk-transfer-family\/lib\/|\/src\//;
  const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url
    .replace(/^.*\/node_modules\/cdk-transfer-family\/lib\//, 'lib/')
    .replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i] ?? 0) / 1000 / files.length;
    const n = byId.get(id)!;
    if (under) {
      const stack: Node[] = [];
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!);
      const at = stack.findIndex((f) => under.test(label(f)));
      if (at < 0) return;
      const seenU = new Set<string>();
      for (const f of stack.slice(0, at + 1)) {
        const l = label(f);
        if (!seenU.has(l)) { seenU.add(l); total.set(l, (total.get(l) ?? 0) + ms); }
      }
      self.set(label(n), (self.get(label(n)) ?? 0) + ms);
      return;
    }
    self.set(label(n), (self.get(label(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur)!;
      if (!library.test(node.callFrame.url)) continue;
      const l = label(node);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  });
}
const top = (m: Map<string, number>, k: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k)
  .map(([l, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${l}`).join('\n');
console.log(`self time (mean over ${files.length} profile(s)):\n${top(self, 25)}\n\n${under ? `functions called inside ${under}, total time` : 'library functions, total time'}:\n${top(total, under ? 40 : 25)}`);
