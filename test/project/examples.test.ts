import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

describe('example apps run as users write them', () => {
  test('the package name resolves to the sources when an app runs under `npm run synth`', () => {
    const resolved = execFileSync(process.execPath, ['-r', './scripts/register-package.js', '-p', "require.resolve('cdk-transfer-family')"], {
      cwd: root, encoding: 'utf8',
    }).trim();
    expect(resolved).toBe(path.join(root, 'src', 'index.ts'));
  });

  test('every example app imports the library by its package name, never by a relative path into src/', () => {
    const dir = path.join(root, 'examples');
    for (const example of fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'app.ts')))) {
      const code = fs.readFileSync(path.join(dir, example, 'stack.ts'), 'utf8');
      expect(code).toContain("from 'cdk-transfer-family'");
      expect(code).not.toMatch(/from '(\.\.\/)+src/);
    }
  });
});
