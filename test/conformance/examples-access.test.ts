import { App } from 'aws-cdk-lib';
import { EXAMPLES } from '../../examples/scenarios';
import { Estate } from '../access/estate';
import { policyFindings } from '../access/expect';
import { intentFindings } from '../access/intent';

// The first example of a worker also loads the IAM evaluator and its data (seconds on a loaded machine).
jest.setTimeout(120_000);

/**
 * Every example declares the access it intends (`examples/<name>/access.ts`): each line is proven on the
 * example's synthesized templates with an IAM policy evaluator, what must work and what must not.
 */
describe.each(EXAMPLES.map((e) => [e.name, e] as const))('example %s', (_name, example) => {
  test('declares what it allows and what it denies', () => {
    const lines = [
      ...(example.access.users ?? []).flatMap((u) => [u.allowed.length > 0, u.denied.length > 0]),
      ...(example.access.workflows ?? []).map((w) => w.denied.length > 0),
      ...(example.access.roles ?? []).flatMap((r) => [r.allowed.length > 0, r.denied.length > 0]),
    ];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l)).toBe(true);
  });

  test('its intended access holds, and every policy names only real IAM actions', async () => {
    const app = new App();
    example.build(app);
    expect(intentFindings(app, example.access)).toEqual([]);
    expect(await policyFindings(Estate.fromApp(app))).toEqual([]);
  });
});
