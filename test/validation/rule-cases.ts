import { Stack } from 'aws-cdk-lib';

/**
 * One rule, shown broken and shown holding: the two apps a rule's tests are made of.
 *
 * Each build gets a stack (in `ENV`, in an app of its own) and may add more stacks to its app. `breaks`
 * must make the rule report (an error that fails synthesis, or a warning, as the rule's severity says);
 * `holds` must synthesize without any error, and without a finding of this rule: the nearest app that
 * is right, not an empty one.
 */
export interface RuleCase {
  readonly breaks: (stack: Stack) => void;
  readonly holds: (stack: Stack) => void;
}

/** The cases of one area's rules, by rule id. */
export type RuleCases = Readonly<Record<string, RuleCase>>;
