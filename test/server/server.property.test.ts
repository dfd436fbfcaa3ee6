import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { buildCombination, Combination, combination, documentedVerdict } from '../support/server-combinations';

function constructAccepts(c: Combination): boolean {
  const stack = buildCombination(new App(), c);
  try {
    Template.fromStack(stack);
    return true;
  } catch (e) {
    if (!/\[server\//.test((e as Error).message)) throw e; // only rule verdicts count, never crashes
    return false;
  }
}

describe('TransferServer verdicts agree with the documented truth table', () => {
  test('on random combinations', () => {
    fc.assert(fc.property(combination, (c) => constructAccepts(c) === documentedVerdict(c)), { numRuns: 200 });
  });

  test('the table has both verdicts in it (the property is not vacuous)', () => {
    const samples = fc.sample(combination, { numRuns: 200, seed: 7 });
    const verdicts = new Set(samples.map(documentedVerdict));
    expect(verdicts).toEqual(new Set([true, false]));
  });

  // Every accepted combination also passes the strict schema check: see test/conformance/conformance.test.ts.
});
