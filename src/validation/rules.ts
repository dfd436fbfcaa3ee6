import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct, IValidation } from 'constructs';

/**
 * How a broken rule is reported.
 *
 * - `error`: the service (or CloudFormation) rejects the input; synthesis fails.
 * - `warning`: documented advice or a silent no-op; an acknowledgeable warning.
 */
export type RuleSeverity = 'error' | 'warning';

/**
 * One documented rule, declared once as data.
 *
 * `check` looks at the construct's input and returns what is wrong in the user's
 * terms (naming the prop they wrote), or nothing when the rule holds or cannot be
 * decided because a value is an unresolved token.
 */
export interface Rule<T> extends RuleInfo {
  /** Returns one finding per violation; empty or undefined when the rule holds or cannot be decided. */
  readonly check: (subject: T) => string | ReadonlyArray<string> | undefined;
}

/** A rule as the catalogue shows it. */
export interface RuleInfo {
  /** Stable id, `<area>/<kebab-name>`. Never reuse or rename: users acknowledge warnings by it. */
  readonly id: string;
  readonly severity: RuleSeverity;
  /** One line for the catalogue: the rule itself. */
  readonly summary: string;
  /** Why: the documented behaviour behind the rule. */
  readonly reason: string;
  /**
   * Where the rule is documented: the public AWS documentation URL(s) that state it
   * (https://docs.aws.amazon.com/...), several joined with `; `.
   */
  readonly source: string;
  /** What to write instead. */
  readonly fix: string;
}

/** Options of a `RuleTable`. */
export interface RuleTableOptions {
  /** The table belongs to the cdk-nag pack only. */
  readonly packOnly?: boolean;
}

/** Every rule table made so far, in the order their modules were loaded: tables register themselves. */
const REGISTERED: Array<RuleTable<never>> = [];

/** The rule tables made so far (see `src/validation/catalogue.ts` for the library's, all loaded). */
export function registeredRuleTables(): ReadonlyArray<{ readonly title: string; readonly packOnly: boolean; readonly info: RuleInfo[] }> {
  return REGISTERED.slice();
}

/** Prefix of the ids under which rule warnings are added (for `Annotations.acknowledgeWarning`). */
export const WARNING_ID_PREFIX = 'cdk-transfer-family:';

/**
 * The rules of one construct. A construct attaches its table once in its constructor;
 * the rules run lazily when the app is validated (`cdk synth`, `Template.fromStack`),
 * so they see every later `add*()` call, and all violations are reported together
 * with the construct path.
 */
export class RuleTable<T> {
  private readonly ids = new Set<string>();
  /** Whether the table is the cdk-nag pack's only, not a construct's (listed in docs/rules.md, not in the library's catalogue). */
  public readonly packOnly: boolean;

  constructor(
    /** Heading of this table in the catalogue, e.g. `TransferServer`. */
    public readonly title: string,
    public readonly rules: ReadonlyArray<Rule<T>>,
    options: RuleTableOptions = {},
  ) {
    this.packOnly = options.packOnly ?? false;
    for (const rule of rules) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.id)) {
        throw new Error(`Rule id '${rule.id}' is not of the form '<area>/<kebab-name>'`);
      }
      if (this.ids.has(rule.id)) {
        throw new Error(`Rule id '${rule.id}' is declared twice in the ${title} rule table`);
      }
      this.ids.add(rule.id);
    }
    REGISTERED.push(this);
  }

  /** Catalogue entries of this table. */
  public get info(): RuleInfo[] {
    return this.rules.map(({ id, severity, summary, reason, source, fix }) => ({ id, severity, summary, reason, source, fix }));
  }

  /**
   * Evaluate the rules against `subject(scope)` when `scope` is validated.
   * Errors fail synthesis; warnings become acknowledgeable annotations on `scope`.
   *
   * `subject` gets the construct, so a construct made thousands of times (a user) can pass one shared
   * function and keep no closure, nor the constructor's variables, alive until synthesis.
   */
  public attach<S extends IConstruct>(scope: S, subject: (scope: S) => T): void {
    scope.node.addValidation(new RuleValidation(this, scope, subject));
  }

  /** Run every rule of the table; used by `attach` and by tests. */
  public evaluate(subject: T): { errors: Finding[]; warnings: Finding[] } {
    const errors: Finding[] = [];
    const warnings: Finding[] = [];
    for (const rule of this.rules) {
      const found = rule.check(subject);
      if (found === undefined || found.length === 0) continue;
      const into = rule.severity === 'error' ? errors : warnings;
      if (typeof found === 'string') {
        into.push({ id: rule.id, message: formatFinding(rule, found) });
      } else {
        for (const what of found) into.push({ id: rule.id, message: formatFinding(rule, what) });
      }
    }
    return { errors, warnings };
  }
}

/** The validation `RuleTable.attach` adds to a construct. */
class RuleValidation<S extends IConstruct, T> implements IValidation {
  /** Validation can run more than once (several synths of one app): each warning is added once. */
  private warned?: Set<string>;

  constructor(
    private readonly table: RuleTable<T>,
    private readonly scope: S,
    private readonly subject: (scope: S) => T,
  ) {}

  public validate(): string[] {
    const { errors, warnings } = this.table.evaluate(this.subject(this.scope));
    // The warning goes on the construct's resource when it has one: aws-cdk-lib looks up
    // acknowledgements on the parents of the construct that warns, so this way an
    // `acknowledgeWarning` on the L2 construct (or on any scope above it) silences it.
    const target = this.scope.node.defaultChild ?? this.scope;
    for (const w of warnings) {
      this.warned ??= new Set();
      if (this.warned.has(w.message)) continue;
      this.warned.add(w.message);
      Annotations.of(target).addWarningV2(`${WARNING_ID_PREFIX}${w.id}`, w.message);
    }
    return errors.map((e) => e.message);
  }
}

/** A broken rule, ready to report. */
export interface Finding {
  readonly id: string;
  readonly message: string;
}

/** `[id] what. why. Fix: how.` */
export function formatFinding(rule: RuleInfo, what: string): string {
  return `[${rule.id}] ${sentence(what)} ${sentence(rule.reason)} Fix: ${sentence(rule.fix)}`;
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

// ---------------------------------------------------------------------------
// Helpers for rule checks: each returns `undefined` when the value is unknown at synth time
// (absent or an unresolved token), so that rules skip rather than guess.
// ---------------------------------------------------------------------------

/** The value when it is known at synth time; `undefined` for absent values and unresolved tokens. */
export function known<V>(value: V | undefined): V | undefined {
  if (value === undefined || value === null) return undefined;
  if (Token.isUnresolved(value)) return undefined;
  if (Array.isArray(value) && value.some((v) => Token.isUnresolved(v))) return undefined;
  return value;
}

/**
 * The number of items of a list when it is known at synth time: a list of tokens has a known length,
 * an encoded list token (e.g. `Fn.split`, an imported list) does not.
 */
export function knownCount(list: ReadonlyArray<unknown> | undefined): number | undefined {
  if (list === undefined || Token.isUnresolved(list)) return undefined;
  return list.length;
}

/** True when the value is present but cannot be read at synth time. */
export function isToken(value: unknown): boolean {
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

/** Quote a user value for a message, shortened so a message stays readable. */
export function quote(value: string, max = 60): string {
  const v = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(v);
}
