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
