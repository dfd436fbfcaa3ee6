import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { EXTRA_SCENARIOS } from './scenarios';
import { EXAMPLES } from '../../examples/scenarios';

/**
 * The example apps' templates (and the conformance suite's other scenarios'), recorded. A change to the library that changes what an example deploys must
 * show up here as a changed file in the commit that makes it, on purpose; a refactoring changes none of them.
 *
 *   UPDATE_TEMPLATES=1 npx jest test/conformance/templates.test.ts   # record the current templates
 */
const DIR = path.join(__dirname, 'templates');
const UPDATE = process.env.UPDATE_TEMPLATES === '1';

function synthesize(build: (app: App) => void): Record<string, unknown> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-'));
  try {
    const app = new App({ outdir });
    build(app);
    const assembly = app.synth();
    const out: Record<string, unknown> = {};
    for (const stack of assembly.stacks) out[stack.templateFile] = stack.template;
    return out;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('example templates are what was recorded', () => {
  test.each([...EXAMPLES, ...EXTRA_SCENARIOS].map((e) => [e.name, e] as const))('%s', (name, example) => {
    const templates = synthesize(example.build);
    const dir = path.join(DIR, name);
    if (UPDATE) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      for (const [file, template] of Object.entries(templates)) {
        fs.writeFileSync(path.join(dir, file), JSON.stringify(template, undefined, 1) + '\n');
      }
    }
    const recorded = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
    expect(Object.keys(templates).sort()).toEqual(recorded);
    for (const file of recorded) {
      expect({ file, template: templates[file] }).toEqual({ file, template: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) });
    }
  });
});
