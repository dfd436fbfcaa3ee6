import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { WORKFLOW_RULES } from '../../src/workflow/workflow-rules';
import { synthError } from '../support/synth';
import { buildWorkflow, MUTATIONS, reportedRules, validWorkflow } from '../support/workflow-steps';

describe('Workflow properties over random step lists', () => {
  test('every valid step list synthesizes, with each step rendered in order and a least-privilege role', () => {
    fc.assert(fc.property(validWorkflow, (desc) => {
      const app = new App();
      const { stack } = buildWorkflow(app, desc);
      const template = Template.fromStack(stack).toJSON();
      const workflow = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::Transfer::Workflow');
      const kinds = (list: any[] | undefined) => (list ?? []).map((s) => s.Type);
      const expected = (list: typeof desc.steps) => list.map((s) => ({
        'copy': 'COPY', 'tag': 'TAG', 'custom': 'CUSTOM', 'state-machine': 'CUSTOM', 'decrypt': 'DECRYPT', 'delete': 'DELETE',
      })[s.kind]);
      expect(kinds(workflow.Properties.Steps)).toEqual(expected(desc.steps));
      expect(kinds(workflow.Properties.OnExceptionSteps)).toEqual(expected(desc.exceptionSteps));
      // Names are unique and valid, given or generated.
      const names = [...workflow.Properties.Steps, ...(workflow.Properties.OnExceptionSteps ?? [])]
        .map((s: any) => (Object.entries(s).find(([k]) => k.endsWith('StepDetails'))![1] as any).Name);
      expect(new Set(names).size).toBe(names.length);
      for (const n of names) expect(n).toMatch(/^[\w-]{1,30}$/);
      // The execution role never gets wildcard actions or "*" resources.
      for (const r of Object.values<any>(template.Resources).filter((x) => x.Type === 'AWS::IAM::Policy')) {
        for (const st of r.Properties.PolicyDocument.Statement) {
          expect([st.Action].flat().filter((a: string) => a.endsWith('*'))).toEqual([]);
          expect([st.Resource].flat()).not.toContain('*');
          expect([st.Resource].flat().length).toBeGreaterThan(0);
        }
      }
    }), { numRuns: 40 });
  });

  test('a valid list broken in one way fails synth with that rule', () => {
    fc.assert(fc.property(validWorkflow, fc.constantFrom(...MUTATIONS), fc.nat(), (desc, mutation, at) => {
      const { stack } = buildWorkflow(new App(), mutation.apply(desc, at));
      const reported = reportedRules(synthError(stack));
      expect(reported).toContain(mutation.rule);
      expect(reported.filter((id) => id !== mutation.rule && !(mutation.also ?? []).includes(id))).toEqual([]);
    }), { numRuns: 80 });
  });

  test('every rule of the table can be broken by a mutation', () => {
    const broken = new Set(MUTATIONS.map((m) => m.rule));
    const errors = WORKFLOW_RULES.info.filter((r) => r.severity === 'error').map((r) => r.id);
    expect(errors.filter((id) => !broken.has(id))).toEqual([]);
  });
});
