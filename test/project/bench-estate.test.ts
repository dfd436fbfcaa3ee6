import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { compareAssemblies } from '../../bench/compare';
import { buildL1 } from '../../bench/l1';
import { buildL2 } from '../../bench/l2';

// The benchmark compares the library against a hand-written L1 twin of its estate; when the library's
// templates change, the twin must change with them, or `npm run bench` refuses to time them. This
// catches it in CI, on a small estate (two stacks, so the cross-stack layout is covered too).
test('the benchmark estate written with the library and by hand with L1 synthesizes to the same templates', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-estate-'));
  try {
    const synth = (name: string, build: (app: App, n: number) => void) => {
      const app = new App({ outdir: path.join(dir, name), analyticsReporting: false });
      build(app, 401);
      const assembly = app.synth();
      // Neither estate warns (the bench's workers check the same).
      const warnings = app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning'));
      expect(warnings).toEqual([]);
      return assembly.stacks.length;
    };
    expect(synth('l2', buildL2)).toBe(2);
    expect(synth('l1', buildL1)).toBe(2);
    const { unexpected } = compareAssemblies(path.join(dir, 'l2'), path.join(dir, 'l1'));
    expect(unexpected).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
