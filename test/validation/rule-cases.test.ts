import { App, Stack } from 'aws-cdk-lib';
import { RuleCases } from './rule-cases';
import { RULE_TABLES } from '../../src/validation/catalogue';
import { ACCESS_RULE_CASES } from '../access-grants/access.rule-cases';
import { AS2_RULE_CASES } from '../as2/as2.rule-cases';
import { CONNECTOR_RULE_CASES } from '../connector/connector.rule-cases';
import { SERVER_RULE_CASES } from '../server/server.rule-cases';
import { STEP_FUNCTIONS_RULE_CASES } from '../stepfunctions/stepfunctions.rule-cases';
import { ENV } from '../support/stacks';
import { USER_RULE_CASES } from '../user/user.rule-cases';
import { WORKFLOW_RULE_CASES } from '../workflow/workflow.rule-cases';

/** Every area's cases. */
const CASES: RuleCases = {
  ...SERVER_RULE_CASES,
  ...USER_RULE_CASES,
  ...WORKFLOW_RULE_CASES,
  ...STEP_FUNCTIONS_RULE_CASES,
  ...AS2_RULE_CASES,
  ...ACCESS_RULE_CASES,
  ...CONNECTOR_RULE_CASES,
};
const RULES = RULE_TABLES.flatMap((table) => table.info);

/** What synthesizing `build`'s app reports: the errors it fails with, the warnings of its stacks. */
function synthesize(build: (stack: Stack) => void): { errors: string; warnings: string[] } {
  const app = new App();
  build(new Stack(app, 'Stack', { env: ENV }));
  try {
    const assembly = app.synth();
    const warnings = assembly.stacks.flatMap((s) => s.messages).filter((m) => m.level === 'warning').map((m) => String(m.entry.data));
    return { errors: '', warnings };
  } catch (e) {
    return { errors: (e as Error).message, warnings: [] };
  }
}

describe('every rule of the library has a case that breaks it and one that holds', () => {
  test('every rule has a case, and every case a rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect({
      withoutCase: [...ids].filter((id) => !(id in CASES)),
      withoutRule: Object.keys(CASES).filter((id) => !ids.has(id)),
    }).toEqual({ withoutCase: [], withoutRule: [] });
  });

  test.each(RULES.filter((r) => r.id in CASES).map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const tag = `[${id}]`;
    const broken = synthesize(CASES[id].breaks);
    if (rule.severity === 'error') {
      expect(broken.errors).toContain(tag);
    } else {
      expect(broken.warnings.filter((w) => w.includes(tag))).not.toEqual([]);
    }
    const held = synthesize(CASES[id].holds);
    expect(held.errors).toBe('');
    expect(held.warnings.filter((w) => w.includes(tag))).toEqual([]);
  });
});
