import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack, Token } from 'aws-cdk-lib';
import * as fc from 'fast-check';

/**
 * The robustness property of every public entry point: whatever it is given, it either builds something
 * that synthesizes (to a template the strict schema check accepts, on a sample), or throws an `Error`
 * whose message names a prop (in backticks) — never a `TypeError`, `RangeError`, `ReferenceError` or
 * `SyntaxError` from deep inside.
 *
 * Runs per entry point: `ROBUSTNESS_RUNS` (default 60 in CI); a local long run is
 * `ROBUSTNESS_RUNS=10000 npx jest test/robustness`.
 */
export const RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 60);
export const SEED = 21;

/**
 * Tokens of every kind a prop can hold: references CloudFormation resolves at deployment (pseudo
 * parameters, valid in any template), so the schema check sees an intrinsic and not a made-up value.
 */
export const tokens = fc.constantFrom<unknown>(
  Token.asString({ Ref: 'AWS::StackName' }),
  Token.asNumber({ Ref: 'AWS::AccountId' }),
  Token.asList({ 'Fn::GetAZs': '' }),
  Duration.seconds(Token.asNumber({ Ref: 'AWS::AccountId' })),
);

/** Any value a caller without types may pass. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string({ maxLength: 20 }),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(undefined)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 3 }),
  tokens,
);

/** `good` most of the time, anything else otherwise: props that are mostly right probe deeper checks. */
export function mostly<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: anyValue, weight: 1 });
}

const CRASHES = [TypeError, RangeError, ReferenceError, SyntaxError];

/**
 * `good`, or (one run in three) `good` with one of its props replaced by anything: a construct whose other
 * props are right reaches the deeper checks (the rules at synthesis, the schema check of its template).
 */
export function oneWrong<T extends object>(good: fc.Arbitrary<T>): fc.Arbitrary<T> {
  const wrongProp = fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.tuple(fc.nat(), anyValue), weight: 1 });
  return fc.tuple(good, wrongProp).map(([value, wrong]) => {
    const props = Object.keys(value);
    if (wrong === null || props.length === 0) return value;
    return { ...value, [props[wrong[0] % props.length]]: wrong[1] };
  });
}

/** What is wrong with how `e` was thrown, or undefined when it is a clear answer. */
export function crash(e: unknown): string | undefined {
  if (!(e instanceof Error)) return `threw a non-Error: ${String(e)}`;
  if (CRASHES.some((c) => e instanceof c)) return `${e.constructor.name}: ${e.message}\n${e.stack}`;
  if (!/`[^`]+`/.test(e.message)) return `an Error that names no prop: ${e.message}`;
  return undefined;
}

let synthCount = 0;

/**
 * Build with `build(stack, input)`: then synthesize (every call) and, for one call in `schemaEvery`,
 * synthesize again with the strict schema check. Returns what went wrong, or undefined.
 */
export function probe<T>(input: T, build: (stack: Stack, input: T) => void, schemaEvery = 10): string | undefined {
  const app = new App();
  const stack = new Stack(app, 'Probe', { env: { account: '111111111111', region: 'us-east-1' } });
  try {
    build(stack, input);
  } catch (e) {
    return crash(e);
  }
  try {
    app.synth();
  } catch (e) {
    return crash(e);
  }
  // A token's value is known only at deployment (the schema check even substitutes pseudo parameters):
  // whether the template is valid then is the caller's value, not the construct's doing.
  if (containsToken(input) || synthCount++ % schemaEvery !== 0) return undefined;
  return strictSchemaFindings(build, input);
}

function containsToken(v: unknown, depth = 0): boolean {
  if (depth > 6 || v === null || v === undefined) return false;
  if (Token.isUnresolved(v)) return true;
  if (v instanceof Duration) return Token.isUnresolved(v.toSeconds({ integral: false }));
  if (Array.isArray(v)) return v.some((x) => containsToken(x, depth + 1));
  const proto = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
  // Plain objects, and the null-prototype ones fast-check's records build.
  if (proto === Object.prototype || proto === null) return Object.values(v as object).some((x) => containsToken(x, depth + 1));
  return false;
}

function strictSchemaFindings<T>(build: (stack: Stack, input: T) => void, input: T): string | undefined {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-'));
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'true';
  try {
    const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    build(new Stack(app, 'Probe', { env: { account: '111111111111', region: 'us-east-1' } }), input);
    const consoleError = console.error;
    console.error = () => undefined;
    try {
      app.synth();
    } catch (e) {
      const report = path.join(outdir, 'validation-report.json');
      if (fs.existsSync(report)) return `the schema check rejects the template: ${fs.readFileSync(report, 'utf8').slice(0, 2000)}`;
      return crash(e);
    } finally {
      console.error = consoleError;
    }
    return undefined;
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Assert the robustness property of one entry point over `inputs`. */
export function assertRobust<T>(inputs: fc.Arbitrary<T>, build: (stack: Stack, input: T) => void, schemaEvery = 10): void {
  fc.assert(fc.property(inputs, (input) => {
    const problem = probe(input, build, schemaEvery);
    if (problem) throw new Error(problem);
  }), { numRuns: RUNS, seed: SEED });
}
