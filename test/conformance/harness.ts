import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
// asl-validator 4 is CommonJS without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator: (definition: unknown) => { isValid: boolean; errors: Array<Record<string, string>> } = require('asl-validator');

/** A scenario the conformance suite synthesizes: it adds its stacks to the app it is given. */
export interface Scenario {
  readonly name: string;
  readonly build: (app: App) => void;
}

/** What the conformance checks found in one scenario. Every list must be empty for a clean scenario. */
export interface ConformanceResult {
  /** Synthesis errors other than the validation report (e.g. construct validation). */
  readonly synthErrors: string[];
  /** Findings of aws-cdk-lib's CloudFormation schema check, every severity. */
  readonly schemaFindings: string[];
  /** Unsuppressed cdk-nag AwsSolutions errors. */
  readonly nagErrors: string[];
  /** asl-validator errors, per state machine. */
  readonly aslErrors: string[];
  /** Number of state machine definitions checked. */
  readonly stateMachines: number;
  /** The synthesized templates, by file name. */
  readonly templates: Record<string, any>;
}

const SCHEMA_PLUGIN = 'CloudFormation Validate';
const NAG_PLUGIN = 'AwsSolutions';

/**
 * Synthesize a scenario the strict way: the bundled CloudFormation schema check on and
 * turned to errors, cdk-nag's AwsSolutions pack registered, and every state machine
 * definition run through asl-validator.
 */
export function checkConformance(scenario: Scenario): ConformanceResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `conformance-${scenario.name}-`));
  const previous = process.env.CDK_VALIDATION;
  // Unit tests run with the schema check off; the conformance suite turns it on.
  process.env.CDK_VALIDATION = 'true';
  const synthErrors: string[] = [];
  try {
    const app = new App({
      outdir,
      context: { '@aws-cdk/core:validateAgainstDefaultRules': true },
    });
    scenario.build(app);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // aws-cdk-lib prints the validation report on stderr; the report file is read instead.
    const consoleError = console.error;
    console.error = () => undefined;
    try {
      app.synth();
    } catch (e) {
      const message = (e as Error).message;
      // A failed validation report is read from the report file below.
      const reported = /Validation failed|A copy of this report can be found in/.test(message);
      if (!reported || !fs.existsSync(path.join(outdir, 'validation-report.json'))) {
        synthErrors.push(message);
      }
    } finally {
      console.error = consoleError;
    }
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }

  const schemaFindings: string[] = [];
  const nagErrors: string[] = [];
  const reportFile = path.join(outdir, 'validation-report.json');
  if (fs.existsSync(reportFile)) {
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    for (const plugin of report.pluginReports ?? []) {
      for (const v of plugin.violations ?? []) {
        const where = (v.violatingConstructs ?? []).map((c: any) => c.constructPath).join(', ');
        const line = `${v.severity} ${v.ruleName} at ${where}: ${v.description}`;
        if (plugin.pluginName === SCHEMA_PLUGIN) schemaFindings.push(line);
        else if (plugin.pluginName === NAG_PLUGIN && v.severity === 'error') nagErrors.push(line);
      }
    }
  } else if (synthErrors.length === 0) {
    synthErrors.push(`no validation report in ${outdir}: the schema check did not run`);
  }

  const templates: Record<string, any> = {};
  for (const file of listTemplates(outdir)) {
    templates[path.relative(outdir, file)] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  const aslErrors: string[] = [];
  let stateMachines = 0;
  for (const [file, template] of Object.entries(templates)) {
    for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
      stateMachines++;
      const definition = stateMachineDefinition(resource.Properties ?? {});
      const { isValid, errors } = aslValidator(definition);
      if (!isValid) {
        aslErrors.push(`${file} ${logicalId}: ${errors.map((e) => `${e['Error code']}: ${e.Message}`).join('; ')}`);
      }
    }
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return { synthErrors, schemaFindings, nagErrors, aslErrors, stateMachines, templates };
}

/** Every `*.template.json` in an assembly, nested assemblies (stages) included. */
function listTemplates(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTemplates(full));
    else if (entry.name.endsWith('.template.json')) out.push(full);
  }
  return out;
}

/** A placeholder that stands for any CloudFormation intrinsic inside a definition string. */
const RESOLVED_ARN = 'arn:aws:lambda:us-east-1:111111111111:function:resolved';

/**
 * The state machine definition as the service will see it: `DefinitionString`'s
 * `Fn::Join` resolved with placeholder ARNs, `DefinitionSubstitutions` applied.
 */
export function stateMachineDefinition(props: any): unknown {
  if (props.Definition) return props.Definition;
  let text = flatten(props.DefinitionString);
  for (const key of Object.keys(props.DefinitionSubstitutions ?? {})) {
    text = text.split('${' + key + '}').join(RESOLVED_ARN);
  }
  return JSON.parse(text);
}

/** Values for pseudo parameters, so that ARNs built from them stay well-formed. */
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '111111111111',
  'AWS::URLSuffix': 'amazonaws.com',
};

function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const ref = (value as { Ref?: unknown } | undefined)?.Ref;
  if (typeof ref === 'string' && ref in PSEUDO) return PSEUDO[ref];
  if (value && typeof value === 'object' && 'Fn::Join' in value) {
    const [sep, parts] = (value as any)['Fn::Join'] as [string, unknown[]];
    return parts.map(flatten).join(sep);
  }
  return RESOLVED_ARN;
}
