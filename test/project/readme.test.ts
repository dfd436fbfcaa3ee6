import * as fs from 'fs';
import { README, renderReadme } from '../../scripts/readme';

describe('README', () => {
  test('generated sections (quick start, performance) are up to date; run `npx projen readme` if not', () => {
    const current = fs.readFileSync(README, 'utf8');
    expect(renderReadme(current)).toEqual(current);
  });

  test('names the test command that .ci/run runs', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const ci = fs.readFileSync(`${__dirname}/../../.ci/run`, 'utf8');
    expect(readme).toContain('npx projen test');
    expect(ci).toMatch(/^npx projen test\b/m);
  });
});
