import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { FileLocation } from '../location/file-location';

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

/** Custom step timeout in seconds (a number token when the duration's amount is one), or `undefined` when not given. */
export function timeoutSeconds(spec: StepSpec): number | undefined {
  if (spec.timeout === undefined) return undefined;
  return spec.timeout.toSeconds({ integral: false });
}

/** `OverwriteExisting` as the template holds it: `TRUE`, `FALSE`, or absent (the service's default, FALSE). */
export function overwriteValue(spec: StepSpec): 'TRUE' | 'FALSE' | undefined {
  return spec.overwriteExisting === undefined ? undefined : spec.overwriteExisting === true ? 'TRUE' : 'FALSE';
}

/** An S3 location as the template holds it. */
export interface RenderedS3Location {
  readonly bucket: string;
  readonly key: string;
}

/** An EFS location as the template holds it. */
export interface RenderedEfsLocation {
  readonly fileSystemId: string;
  readonly path: string;
}

/**
 * A step as the template holds it, in one normalized shape for every step type: what the rules judge and
 * what `AWS::Transfer::Workflow` is rendered from, so that a rule never judges an input the template
 * does not carry (a copy step's EFS destination, for example, is not in the template at all).
 */
export interface RenderedStep {
  readonly type: StepKind;
  readonly name: string;
  /** `SourceFileLocation`. */
  readonly source: string;
  /** `DestinationFileLocation.S3FileLocation` (COPY, DECRYPT). */
  readonly s3Destination?: RenderedS3Location;
  /** `DestinationFileLocation.EfsFileLocation` (DECRYPT only: CloudFormation models no EFS copy destination). */
  readonly efsDestination?: RenderedEfsLocation;
  /** `OverwriteExisting` (COPY, DECRYPT). */
  readonly overwrite?: 'TRUE' | 'FALSE';
  /** `Tags` (TAG), in the order given. */
  readonly tags?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /** `Target` (CUSTOM): the function's ARN. */
  readonly target?: string;
  /** `TimeoutSeconds` (CUSTOM). */
  readonly timeoutSeconds?: number;
}

/** The step `bound` as the template holds it, under its rendered `name`. */
export function renderedStep(bound: BoundStep, name: string): RenderedStep {
  const spec = bound.spec;
  const common = { type: spec.kind, name, source: spec.source };
  const d = spec.destination;
  const s3Destination = d?.bucket ? { bucket: d.bucket.bucketName, key: d.key ?? '' } : undefined;
  switch (spec.kind) {
    case 'COPY':
      return { ...common, s3Destination, overwrite: overwriteValue(spec) };
    case 'DECRYPT':
      return {
        ...common,
        s3Destination,
        efsDestination: d?.fileSystem ? { fileSystemId: d.fileSystem.fileSystemId, path: d.path ?? '' } : undefined,
        overwrite: overwriteValue(spec),
      };
    case 'TAG':
      return { ...common, tags: Object.entries(spec.tags ?? {}).map(([key, value]) => ({ key, value })) };
    case 'CUSTOM':
      return { ...common, target: bound.target?.functionArn, timeoutSeconds: timeoutSeconds(spec) };
    case 'DELETE':
      return common;
  }
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
