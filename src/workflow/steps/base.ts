import { Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import {
  CopyStepOptions, CustomStepOptions, DecryptStepOptions, RunStateMachineStepOptions, SourceFile, TagStepOptions, WorkflowStepOptions,
} from './options';
import type { FileLocation } from '../../location/file-location';
import { optionalString, requireObject } from '../../private/input';
import type { ITransferServer } from '../../server/server-ref';
import type { RuleInfo } from '../../validation/rules';

/**
 * A step of a Transfer Family workflow. Steps are made with the static methods and given to a
 * `Workflow` (`steps`, `onException`, `addStep()`, `addExceptionStep()`); the workflow's execution role
 * gets exactly the permissions its steps need.
 *
 * Each step kind is a subclass in a module of its own (`steps/copy.ts`, ...): it renders itself into
 * the template, grants what it does and carries the rules that only it can break.
 */
export abstract class WorkflowStep {
  /** Copy the file to an S3 location (COPY). */
  public static copy(options: CopyStepOptions): WorkflowStep {
    return stepKinds().copy(options);
  }

  /** Add S3 object tags to the file (TAG). */
  public static tag(options: TagStepOptions): WorkflowStep {
    return stepKinds().tag(options);
  }

  /** Invoke a Lambda function and wait for its report (CUSTOM). */
  public static custom(options: CustomStepOptions): WorkflowStep {
    return stepKinds().custom(options);
  }

  /**
   * Start a Step Functions state machine for the file and wait for its report (a CUSTOM step).
   *
   * The step's target is a small function shipped with this library (one per stack and state machine)
   * that starts an execution with a `TransferStepInput` and reports FAILURE if it cannot. The function
   * may start that state machine (with its KMS key, for an `EncryptedStateMachine`) and report to this
   * workflow; give the state machine's `TransferStepCallback` states this workflow in `workflows` so it
   * may report too.
   */
  public static runStateMachine(options: RunStateMachineStepOptions): WorkflowStep {
    return stepKinds().runStateMachine(options);
  }

  /** Decrypt a PGP-encrypted file to an S3 or EFS location (DECRYPT). */
  public static decrypt(options: DecryptStepOptions): WorkflowStep {
    return stepKinds().decrypt(options);
  }

  /** Delete the file (DELETE). */
  public static delete(options: WorkflowStepOptions = {}): WorkflowStep {
    return stepKinds().delete(options);
  }

  /** The step type: COPY, CUSTOM, DECRYPT, DELETE or TAG. */
  public readonly stepType: string;
  /** The name given to the step, if any (otherwise the workflow generates one). */
  public readonly name?: string;
  /** The file the step works on. */
  public readonly source: SourceFile;

  /**
   * The word generated names start with, e.g. `copy` or `state-machine`.
   *
   * @internal
   */
  public readonly _label: string;

  /**
   * Checks the options every step has: `options` is an object, `name` a string, `source` a string
   * (which of the two files it names, the `workflow/source-file` rule judges, from the template).
   */
  protected constructor(stepType: string, label: string, where: string, options: WorkflowStepOptions) {
    requireObject(where, 'options', options);
    this.stepType = stepType;
    this._label = label;
    this.name = optionalString(where, 'name', options.name);
    // As given: from plain JavaScript anything, which the template then holds and a rule judges.
    this.source = (optionalString(where, 'source', options.source) ?? SourceFile.PREVIOUS) as SourceFile;
  }

  /**
   * The file the step leaves for the next one (`${previous.file}`): the destination of a copy or decrypt
   * step; `undefined` when the step leaves its own input.
   *
   * @internal
   */
  public get _produces(): FileLocation | undefined {
    return undefined;
  }

  /**
   * The step as one workflow uses it: rendered under the name the workflow gives it, granting what it
   * does (a `runStateMachine` step gets its bridge function in the workflow's stack here).
   *
   * @internal
   */
  public abstract _bind(workflow: Construct): StepConfig;
}

/** A step bound to a workflow: what the workflow renders, grants and judges. */
export interface StepConfig {
  /** The function the service invokes (custom steps): the workflow lets it report (`SendWorkflowStepState`). */
  readonly target?: lambda.IFunction;
  /** Whether the step reads or changes the uploaded file itself (every step but a custom one, whose function does). */
  readonly actsOnFile: boolean;
  /** For a step that works on S3 objects only (copy, tag): what it does to the file, as messages say it (`copies`, `tags`). */
  readonly s3Only?: string;
  /** The step as `CfnWorkflow` takes it, under its rendered `name`. */
  render(name: string): CfnWorkflow.WorkflowStepProperty;
  /** What two steps that do the same thing have in common: the rendered details but the name, in a normal form. */
  identity(): unknown;
  /** Grant the execution role what the step does, where it does it. */
  grant(permissions: StepPermissions): void;
}

/** A step of a workflow, with what it is for that workflow. */
export interface BoundStep {
  readonly step: WorkflowStep;
  readonly config: StepConfig;
}

/**
 * A place a step's file may be: where a server's users upload (their home locations), or the
 * destination of an earlier copy or decrypt step.
 */
export type Place =
  | { readonly kind: 'upload'; readonly server: ITransferServer }
  | { readonly kind: 'destination'; readonly location: FileLocation; readonly step: string };

/** What a step may grant the execution role (`workflow-policy.ts` collects it into statements). */
export interface StepPermissions {
  /** The servers the workflow is attached to. */
  readonly servers: ReadonlyArray<ITransferServer>;
  /** Grant these actions on the step's input file, wherever it may be: under the servers' homes, or at an earlier destination. */
  onInput(s3Actions: string[], efsActions: string[], kmsActions: string[]): void;
  /** Grant these actions on what the step writes at `location`. */
  atDestination(location: FileLocation, s3Actions: string[], efsActions: string[], kmsActions: string[]): void;
  /** Grant `actions` on `resource`; `wildcardReason` says why a wildcard resource cannot be narrower. */
  allow(resource: string, actions: string[], wildcardReason?: string): void;
  /** Let the role use `key` through the service `via` (e.g. `s3.<region>.amazonaws.com`) only. */
  allowKey(key: kms.IKey | undefined, via: string, actions: string[]): void;
}

/**
 * A step as the template holds it: its type, name, source and what its rules read of its details. `Workflow`
 * builds it from what each step renders (`stepSubjectOf(config.render(name))`), the cdk-nag pack from a
 * `CfnWorkflow`'s resolved steps, so the rules that judge it judge both.
 */
export interface StepSubject {
  /** `Type` (COPY, CUSTOM, DECRYPT, DELETE, TAG), as rendered. */
  readonly type?: string;
  /** The step's `Name` as rendered; `undefined` when absent or not text. */
  readonly name?: string;
  /** `SourceFileLocation` as rendered; `undefined` when absent. */
  readonly source?: unknown;
  /** What two steps that do the same thing have in common: their details but the name, in a normal form. */
  readonly identity: unknown;
  /** `DestinationFileLocation.S3FileLocation` (copy, decrypt). */
  readonly s3Destination?: { readonly bucket?: unknown; readonly key?: unknown };
  /** `DestinationFileLocation.EfsFileLocation` (decrypt). */
  readonly efsDestination?: { readonly fileSystemId?: unknown; readonly path?: unknown };
  /** `Tags` (tag steps); `undefined` when not a list (a token). */
  readonly tags?: ReadonlyArray<{ readonly key?: unknown; readonly value?: unknown }>;
  /** `TimeoutSeconds` (custom steps). */
  readonly timeoutSeconds?: unknown;
  /** `Target` (custom steps). */
  readonly target?: unknown;
  /** The construct's step, for what the template cannot show (this library's workflows only). */
  readonly bound?: BoundStep;
}

/** The details property of each step type, as `CfnWorkflow.WorkflowStepProperty` names it. */
const DETAILS = ['copyStepDetails', 'customStepDetails', 'decryptStepDetails', 'deleteStepDetails', 'tagStepDetails'];

type Json = Record<string, unknown>;
const upper = (k: string) => k[0].toUpperCase() + k.slice(1);
const lower = (k: string) => k[0].toLowerCase() + k.slice(1);
const object = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Json : undefined);
/** A field in CloudFormation's PascalCase (untyped details) or aws-cdk-lib's camelCase (typed ones). */
const field = (o: Json | undefined, name: string): unknown => (o === undefined ? undefined : o[name] ?? o[lower(name)]);

/**
 * The subject of a step from the step as the template holds it: a `CfnWorkflow.WorkflowStepProperty` as rendered
 * (values may be tokens), or resolved from a template, with `text` turning a resolved reference back into a token.
 */
export function stepSubjectOf(step: unknown, text: (v: unknown) => unknown = (v) => v): StepSubject {
  const s = object(step) ?? {};
  const type = field(s, 'Type');
  const key = DETAILS.find((k) => s[k] !== undefined || s[upper(k)] !== undefined);
  const details = object(key === undefined ? undefined : s[key] ?? s[upper(key)]) ?? {};
  const name = text(field(details, 'Name'));
  const { Name: _n, name: _m, ...rest } = details;
  const destination = object(field(details, 'DestinationFileLocation'));
  // A destination the template holds as an intrinsic (`Fn::If`, a `Ref`) is there, unknown: not judged.
  const unknown = destination !== undefined && Object.keys(destination).some((k) => k === 'Ref' || k.startsWith('Fn::'));
  const s3 = unknown ? {} : object(field(destination, 'S3FileLocation'));
  const efs = unknown ? {} : object(field(destination, 'EfsFileLocation'));
  const tags = field(details, 'Tags');
  return {
    type: typeof type === 'string' ? type : undefined,
    name: typeof name === 'string' ? name : undefined,
    source: text(field(details, 'SourceFileLocation')),
    identity: { type, details: rest },
    s3Destination: s3 && { bucket: text(field(s3, 'Bucket')), key: text(field(s3, 'Key')) },
    efsDestination: efs && { fileSystemId: text(field(efs, 'FileSystemId')), path: text(field(efs, 'Path')) },
    tags: Array.isArray(tags)
      ? tags.map((t) => ({ key: text(field(object(t), 'Key')), value: text(field(object(t), 'Value')) }))
      : undefined,
    timeoutSeconds: text(field(details, 'TimeoutSeconds')),
    target: text(field(details, 'Target')),
  };
}

/** A step as a rule of its kind sees it. */
export interface StepEntry {
  readonly subject: StepSubject;
  /** The rendered name. */
  readonly name?: string;
  /** `step 2 ("copy-2")`, `exception step 1 ("exception-tag-1")`: how messages name a step. */
  readonly label: string;
  /** Where the step's file may be. */
  readonly input: ReadonlyArray<Place>;
}

/** A rule that steps of some types can break, judged one step at a time on what the template holds. */
export interface StepRule extends RuleInfo {
  /** One finding per violation, none when the rule holds or cannot be decided (a token). */
  readonly check: (entry: StepEntry) => ReadonlyArray<string>;
}

/** The rules of some step types, with the steps they judge. */
export interface StepRules {
  readonly rules: ReadonlyArray<StepRule>;
  /** Whether the rules judge `step`. */
  readonly judges: (step: StepSubject) => boolean;
}

/** The rules `rules` for the steps whose rendered type is one of `types`. */
export function stepRules(types: ReadonlyArray<string>, rules: ReadonlyArray<StepRule>): StepRules {
  return { judges: (step) => step.type !== undefined && types.includes(step.type), rules };
}

/** A value of the template as a string the rules can judge: `undefined` for anything else, a token included. */
export function knownText(v: unknown): string | undefined {
  return typeof v === 'string' && !Token.isUnresolved(v) ? v : undefined;
}

/** A value of the template as a number the rules can judge, also when written as text (`"60"`). */
export function knownNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Token.isUnresolved(v) ? undefined : v;
  const t = knownText(v);
  return t !== undefined && t.trim() !== '' && !Number.isNaN(Number(t)) ? Number(t) : undefined;
}

/** How the static factories make each kind of step. */
export interface StepKinds {
  readonly copy: (options: CopyStepOptions) => WorkflowStep;
  readonly tag: (options: TagStepOptions) => WorkflowStep;
  readonly custom: (options: CustomStepOptions) => WorkflowStep;
  readonly runStateMachine: (options: RunStateMachineStepOptions) => WorkflowStep;
  readonly decrypt: (options: DecryptStepOptions) => WorkflowStep;
  readonly delete: (options: WorkflowStepOptions) => WorkflowStep;
}

let kinds: StepKinds | undefined;

/**
 * Given once by `steps/index.ts`, which loads every kind: each kind's module extends `WorkflowStep`,
 * so this module cannot import them without an import cycle.
 */
export function defineStepKinds(given: StepKinds): void {
  kinds = given;
}

function stepKinds(): StepKinds {
  if (kinds === undefined) throw new Error('cdk-transfer-family: the workflow step kinds are not loaded; import WorkflowStep from the package.');
  return kinds;
}

/** The Transfer Family user guide. */
export const UG = 'https://docs.aws.amazon.com/transfer/latest/userguide';
/** The Transfer Family API Reference. */
export const API = 'https://docs.aws.amazon.com/transfer/latest/APIReference';
/** The CloudFormation template reference. */
export const CFN = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference';
