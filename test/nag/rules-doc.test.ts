import * as fs from 'fs';
import { renderCatalogue, renderRulesDoc, RULES_DOC } from '../../scripts/rules-doc';
import { AS2_AGREEMENT_RULES, AS2_CERTIFICATE_RULES, AS2_PROFILE_RULES } from '../../src/as2/as2-rules';
import { CONNECTOR_RULES } from '../../src/connector/connector-rules';
import { NOT_IN_PACK, PACK_IDS, PACK_RULES } from '../../src/nag/pack-rules';
import { SERVER_RULES } from '../../src/server/server-rules';
import { USER_RULES } from '../../src/user/user-rules';
import { RULE_TABLES } from '../../src/validation/catalogue';
import { WORKFLOW_RULES } from '../../src/workflow/workflow-rules';

test('docs/rules.md is up to date; run `npx projen rules-doc` if not', () => {
  expect(fs.readFileSync(RULES_DOC, 'utf8')).toBe(renderRulesDoc());
});

test('each pack rule has a section of docs/rules.md', () => {
  const doc = renderRulesDoc();
  for (const r of PACK_RULES) expect(doc).toContain(`\n#### ${r.packId}\n`);
});

test('pack ids are TF-<Area>-<n>, numbered from 1 without gaps in each area', () => {
  const byArea = new Map<string, number[]>();
  for (const [packId] of PACK_IDS) {
    const m = /^TF-([A-Z][A-Za-z0-9]*)-([1-9]\d*)$/.exec(packId);
    expect(m).not.toBeNull();
    byArea.set(m![1], [...(byArea.get(m![1]) ?? []), Number(m![2])]);
  }
  for (const ns of byArea.values()) expect(ns).toEqual(ns.map((_, i) => i + 1));
});

test('every server, user, workflow, AS2 and connector rule of the library is in the pack or listed as not in it, never both', () => {
  const inPack = new Set(PACK_IDS.map(([, id]) => id));
  const out = new Set(NOT_IN_PACK.map(([id]) => id));
  const tables = [SERVER_RULES, USER_RULES, WORKFLOW_RULES, AS2_CERTIFICATE_RULES, AS2_PROFILE_RULES, AS2_AGREEMENT_RULES, CONNECTOR_RULES];
  for (const rule of tables.flatMap((t): ReadonlyArray<{ readonly id: string }> => t.rules)) {
    expect([rule.id, inPack.has(rule.id) !== out.has(rule.id)]).toEqual([rule.id, true]);
  }
  expect(new Set(PACK_IDS.map(([, id]) => id)).size).toBe(PACK_IDS.length);
});

test('every pack rule cites public AWS documentation only', () => {
  for (const r of PACK_RULES) {
    for (const url of r.source.split('; ')) expect([r.packId, url]).toEqual([r.packId, expect.stringMatching(/^https:\/\/docs\.aws\.amazon\.com\/\S+$/)]);
  }
});

test('docs/rules.md lists every rule of every construct\'s table, with its reason, fix and sources as links', () => {
  const catalogue = renderCatalogue();
  for (const table of RULE_TABLES) {
    expect(catalogue).toContain(`### ${table.title}`);
    for (const rule of table.info) expect(catalogue).toContain(`\`${rule.id}\``);
  }
  const demo = renderCatalogue([{ title: 'Demo', info: [{ id: 'demo/x', severity: 'error', summary: 'a | b', reason: 'why', source: 'https://docs.aws.amazon.com/a; https://docs.aws.amazon.com/b', fix: 'do y' }] }]);
  expect(demo).toContain('| `demo/x` | error | a \\| b | why | do y | <https://docs.aws.amazon.com/a> <https://docs.aws.amazon.com/b> |');
});
