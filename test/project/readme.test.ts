import * as fs from 'fs';
import { README, renderCatalogue, renderReadme } from '../../scripts/readme';
import { RULE_TABLES } from '../../src/validation/catalogue';

describe('README', () => {
  test('generated sections (quick start, rule catalogue) are up to date; run `npx projen readme` if not', () => {
    const current = fs.readFileSync(README, 'utf8');
    expect(renderReadme(current)).toEqual(current);
  });

  test('the catalogue lists every rule of every table, with its reason and fix', () => {
    const catalogue = renderCatalogue();
    for (const table of RULE_TABLES) {
      expect(catalogue).toContain(`### ${table.title}`);
      for (const rule of table.info) {
        expect(catalogue).toContain(`\`${rule.id}\``);
      }
    }
    const demo = renderCatalogue([{ title: 'Demo', info: [{ id: 'demo/x', severity: 'error', summary: 'a | b', reason: 'why', source: 'S1', fix: 'do y' }] }]);
    expect(demo).toContain('| `demo/x` | error | a \\| b | why | do y | S1 |');
  });

  test('names the test command that .ci/run runs', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const ci = fs.readFileSync(`${__dirname}/../../.ci/run`, 'utf8');
    expect(readme).toContain('npx projen test');
    expect(ci).toMatch(/^npx projen test\b/m);
  });
});
