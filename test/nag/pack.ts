import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { TransferFamilyChecks } from 'cdk-transfer-family';

/** One finding of the pack, as the validation report holds it. */
export interface PackFinding {
  readonly ruleName: string;
  readonly severity: string;
  readonly description: string;
  readonly paths: string[];
}

/**
 * Synthesize `app` with the pack registered as users register it, and read the pack's findings from
 * the validation report (cdk-nag 3 packs report through aws-cdk-lib's policy validation).
 */
export function packFindings(build: (app: App) => void): PackFinding[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-pack-'));
  const app = new App({ outdir });
  build(app);
  Validations.of(app).addPlugins(new TransferFamilyChecks(app));
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    app.synth();
  } catch (e) {
    if (!fs.existsSync(path.join(outdir, 'validation-report.json'))) throw e;
  } finally {
    console.error = consoleError;
  }
  const file = path.join(outdir, 'validation-report.json');
  const findings: PackFinding[] = [];
  if (fs.existsSync(file)) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const plugin of report.pluginReports ?? []) {
      if (plugin.pluginName !== 'TF') continue;
      for (const v of plugin.violations ?? []) {
        findings.push({
          ruleName: v.ruleName,
          severity: v.severity,
          description: v.description,
          paths: (v.violatingConstructs ?? []).map((c: any) => c.constructPath),
        });
      }
    }
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return findings;
}

/** The rule names of the findings. */
export function ruleNames(findings: PackFinding[]): string[] {
  return findings.map((f) => f.ruleName);
}

/** A non-compliant and a compliant input of one pack rule, and the construct the finding names. */
export interface PackRuleCase<C> {
  /** The construct id (a child of `Stack`) the finding of `bad` names. */
  readonly at: string;
  readonly bad: C;
  readonly good: C;
}

/**
 * For every pack rule whose id starts with `prefix` (from `rules`): a test that `cases` has exactly those
 * rules, a test that the compliant baseline has no finding, and, per rule, a test that `bad` is reported
 * (severity, the library id, the construct) and one that `good` is not.
 */
export function describePackRuleCases<C>(
  what: string,
  prefix: string,
  rules: ReadonlyArray<{ readonly packId: string; readonly id: string; readonly severity: string }>,
  cases: Record<string, PackRuleCase<C>>,
  judge: (c: C) => PackFinding[],
  baseline: C,
): void {
  const ofArea = rules.filter((r) => r.packId.startsWith(prefix));
  test(`every ${what} rule of the pack has a case`, () => {
    expect(Object.keys(cases).sort()).toEqual(ofArea.map((r) => r.packId).sort());
  });
  test('the compliant baseline has no finding', () => {
    expect(judge(baseline)).toEqual([]);
  });
  describe.each(ofArea.map((r) => [r.packId, r.id, r.severity] as const))('%s (%s)', (packId, libraryId, severity) => {
    test('non-compliant L1', () => {
      const found = judge(cases[packId].bad).find((f) => f.ruleName === packId);
      expect(found).toBeDefined();
      expect(found!.severity).toBe(severity);
      expect(found!.description).toContain(`(${libraryId})`);
      expect(found!.paths).toContain(`Stack/${cases[packId].at}`);
    });
    test('compliant L1', () => {
      expect(ruleNames(judge(cases[packId].good))).not.toContain(packId);
    });
  });
}
