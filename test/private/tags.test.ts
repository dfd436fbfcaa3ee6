import { App, Lazy, Stack, Tags } from 'aws-cdk-lib';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { tagProblems } from '../../src/private/tags';

function server(tags: Record<string, string>) {
  const stack = new Stack(new App(), 'S');
  const cfn = new transfer.CfnServer(stack, 'R', {});
  for (const [k, v] of Object.entries(tags)) Tags.of(cfn).add(k, v);
  // Tags.of() applies in an aspect: synthesize so the tag manager holds them, as at validation.
  stack.node.addValidation({ validate: () => [] });
  (stack.node.root as App).synth();
  return cfn;
}

describe('tagProblems', () => {
  test('holds for ordinary tags, and for unresolved ones', () => {
    expect(tagProblems(server({ 'team': 'payments', 'cost-center': '1234', 'a:b/c=d+e@f.g_h': 'Größe 1' }))).toEqual([]);
    expect(tagProblems(server({ [Lazy.string({ produce: () => '*' })]: Lazy.string({ produce: () => '#' }) }))).toEqual([]);
  });

  test('breaks on count, lengths, characters and the aws: prefix', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 51; i++) many[`k${i}`] = 'v';
    expect(tagProblems(server(many))).toEqual(['the resource has 51 tags']);
    expect(tagProblems(server({ ['k'.repeat(129)]: 'v' }))).toEqual([expect.stringMatching(/is 129 characters long/)]);
    expect(tagProblems(server({ team: 'v'.repeat(257) }))).toEqual(['the value of tag "team" is 257 characters long']);
    expect(tagProblems(server({ 'team#1': 'v', 'owner': 'a;b' })).sort()).toEqual([expect.stringMatching(/tag key "team#1" has characters/), expect.stringMatching(/value of tag "owner" has characters/)]);
    expect(tagProblems(server({ 'aws:owner': 'me' }))).toEqual([expect.stringMatching(/starts with "aws:"/)]);
  });
});
