import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { FileLocation } from '../file-location';

/** The step types of `AWS::Transfer::Workflow`. */
export type StepKind = 'COPY' | 'CUSTOM' | 'DECRYPT' | 'DELETE' | 'TAG';

/** `${previous.file}` and `${original.file}`: the values of `SourceFileLocation`. */
export const PREVIOUS_FILE = '${previous.file}';
export const ORIGINAL_FILE = '${original.file}';

/** What a `WorkflowStep` was built from: the user's input, kept as given so that the rules can judge it. */
export interface StepSpec {
  readonly kind: StepKind;
  /** The word generated names start with, e.g. `copy` or `state-machine`. */
  readonly label: string;
  readonly name?: string;
  /** `${previous.file}` or `${original.file}` (or, from plain JavaScript, anything: a rule checks it). */
  readonly source: string;
  readonly destination?: FileLocation;
  readonly overwriteExisting?: boolean;
  readonly tags?: Record<string, string>;
  readonly timeout?: Duration;
  /** The function of a custom step. */
  readonly function?: lambda.IFunction;
  /** The state machine of a `runStateMachine` step (its target is the bridge function). */
  readonly stateMachine?: sfn.IStateMachine;
  /** The key of the PGP private key secrets (decrypt). */
  readonly secretsKey?: kms.IKey;
}

/** A step added to a workflow: its spec and, for custom steps, the function the service invokes. */
export interface BoundStep {
  readonly spec: StepSpec;
  readonly target?: lambda.IFunction;
}

/** Custom step timeout in seconds, or `undefined` when not given or a token. */
export function timeoutSeconds(spec: StepSpec): number | undefined {
  if (spec.timeout === undefined) return undefined;
  return spec.timeout.toSeconds({ integral: false });
}

/**
 * Step names as they are rendered: the given name, or one generated from the step's type and position
 * (`copy-1`, `exception-tag-2`) that no other step uses. Names are at most 30 characters of `[\w-]`.
 */
export function stepNames(steps: ReadonlyArray<StepSpec>, exceptionSteps: ReadonlyArray<StepSpec>): { steps: string[]; exceptionSteps: string[] } {
  const taken = new Set<string>();
  for (const s of [...steps, ...exceptionSteps]) if (s.name !== undefined) taken.add(s.name);
  const generate = (list: ReadonlyArray<StepSpec>, prefix: string) => list.map((s, i) => {
    if (s.name !== undefined) return s.name;
    const base = `${prefix}${s.label}-${i + 1}`.slice(0, 27);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  });
  return { steps: generate(steps, ''), exceptionSteps: generate(exceptionSteps, 'exception-') };
}
