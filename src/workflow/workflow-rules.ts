import { Token } from 'aws-cdk-lib';
import { API, BoundStep, CFN, Place, StepEntry, StepRules, StepSubject, stepSubjectOf, UG } from './steps/base';
import { COPY_RULES } from './steps/copy';
import { CUSTOM_RULES } from './steps/custom';
import { DECRYPT_RULES } from './steps/decrypt';
import { DESTINATION_RULES } from './steps/destination';
import { SourceFile } from './steps/options';
import { TAG_RULES } from './steps/tag';
import { Flow } from './workflow-policy';
import { Domain } from '../server/protocol';
import type { ITransferServer } from '../server/server-ref';
import { known, knownCount, quote, Rule, RuleTable } from '../validation/rules';

/**
 * What the workflow rules look at, read when the app is validated. Rules judge the steps as the
 * template holds them (`StepSubject`; each step kind renders what its rules read), and `flow` for what the
 * template does not say: on which storage each step's file lies.
 */
export interface WorkflowSubject {
  /** The id of an imported workflow (`Workflow.fromWorkflowId()` / `fromWorkflowAttributes()`): nothing else is known of it. */
  readonly importedId?: string;
  /** The steps; `undefined` when the template holds a token (their count is unknown). */
  readonly steps?: ReadonlyArray<StepSubject>;
  readonly exceptionSteps?: ReadonlyArray<StepSubject>;
  readonly description?: string;
  /** The servers this workflow is attached to (onUpload or onPartialUpload), as far as this library knows. */
  readonly servers: ReadonlyArray<ITransferServer>;
  /** Where each step's file may be (this library's workflows only: nothing is known of an L1's). */
  readonly flow: Flow;
  /** What is wrong with the tags the workflow will be deployed with (`Tags.of(workflow)`), see `tagProblems`. */
  readonly tagProblems: ReadonlyArray<string>;
}

/**
 * The step subjects of a workflow's bound steps: each step as it renders under its name, with the identity its
 * kind gives (a normal form of its details) and the step itself.
 */
export function stepSubjects(steps: ReadonlyArray<BoundStep>, names: ReadonlyArray<string>): StepSubject[] {
  return steps.map((bound, i) => ({ ...stepSubjectOf(bound.config.render(names[i])), name: names[i], identity: bound.config.identity(), bound }));
}

/** The subject of an imported workflow: its id, no steps. */
export function importedWorkflowSubject(workflowId: string): WorkflowSubject {
  const none = { steps: [], exceptionSteps: [] };
  return { importedId: workflowId, ...none, servers: [], flow: none, tagProblems: [] };
}

interface Entry extends StepEntry {
  readonly list: 'steps' | 'exceptionSteps';
}

export type { StepSubject };

function entries(s: WorkflowSubject): Entry[] {
  const of = (list: 'steps' | 'exceptionSteps', word: string) => (s[list] ?? []).map((subject, index) => {
    const name = subject.name;
    const label = `${word} ${index + 1}${name === undefined ? '' : ` (${quote(name)})`}`;
    return { subject, name, list, input: s.flow[list][index] ?? [], label };
  });
  return [...of('steps', 'step'), ...of('exceptionSteps', 'exception step')];
}

/** The rules of one step kind, each judging the workflow's steps of that kind. */
function forSteps(kind: StepRules): Array<Rule<WorkflowSubject>> {
  return kind.rules.map(({ check, ...info }) => ({
    ...info,
    check: (s: WorkflowSubject) => entries(s).filter((e) => kind.judges(e.subject)).flatMap(check),
  }));
}
/** The step details of each step type, which state the step name and source file formats. */
const STEP_DETAILS = ['Copy', 'Custom', 'Decrypt', 'Delete', 'Tag'].map((t) => `${API}/API_${t}StepDetails.html`).join('; ');

const STEP_NAME = /^[\w-]{1,30}$/;
const DESCRIPTION = /^[\w\- ]*$/;
const WORKFLOW_ID = /^w-[a-z0-9]{17}$/;

/** The domain a place's files are on, when known: the server's, or the storage the destination names. */
function domainOf(place: Place): Domain | undefined {
  if (place.kind === 'upload') return place.server.domain;
  return place.location.bucket ? Domain.S3 : place.location.fileSystem ? Domain.EFS : undefined;
}

function placeText(place: Place): string {
  return place.kind === 'upload'
    ? `the upload on EFS server ${place.server.node.path}`
    : `the file step ${quote(place.step)} wrote to EFS`;
}

export const WORKFLOW_RULES = new RuleTable<WorkflowSubject>('Workflow', [
  {
    id: 'workflow/steps-count',
    severity: 'error',
    summary: 'A workflow has 1 to 8 steps.',
    reason: 'CloudFormation requires Steps, and the service accepts at most 8',
    source: `${API}/API_CreateWorkflow.html; ${CFN}/aws-resource-transfer-workflow.html`,
    fix: 'pass 1 to 8 steps in `steps` (or with `addStep()`); split longer processing into a custom step or a state machine (`WorkflowStep.runStateMachine`)',
    check: (s) => {
      // An imported workflow's steps are not this app's to count.
      if (s.importedId !== undefined) return undefined;
      const n = knownCount(s.steps);
      if (n === undefined || (n >= 1 && n <= 8)) return undefined;
      return n === 0 ? 'the workflow has no steps' : `the workflow has ${n} steps`;
    },
  },
  {
    id: 'workflow/exception-steps-count',
    severity: 'error',
    summary: 'A workflow has at most 8 exception steps.',
    reason: 'The service accepts 0 to 8 exception-handling steps',
    source: `${API}/API_CreateWorkflow.html; ${CFN}/aws-resource-transfer-workflow.html`,
    fix: 'keep `onException` (and `addExceptionStep()`) to 8 steps or fewer',
    check: (s) => {
      const n = knownCount(s.exceptionSteps);
      return n !== undefined && n > 8 ? `the workflow has ${n} exception steps` : undefined;
    },
  },
  {
    id: 'workflow/step-name-format',
    severity: 'error',
    summary: 'A step name is 1 to 30 letters, digits, `_` and `-`.',
    reason: 'The service accepts step names matching [\\w-]{0,30}; an empty name names nothing',
    source: STEP_DETAILS,
    fix: 'choose a shorter name of letters, digits, `_` and `-`, or leave `name` out to have one generated',
    check: (s) => entries(s).flatMap((e) => {
      const name = known(e.name);
      if (name === undefined || STEP_NAME.test(name)) return [];
      return [`${e.label} has the name ${quote(name)}${name.length > 30 ? ` (${name.length} characters)` : ''}`];
    }),
  },
  {
    id: 'workflow/step-names-unique',
    severity: 'error',
    summary: 'Step names are unique across the steps and the exception steps.',
    reason: 'A step name identifies the step in execution logs and in the service\'s answers',
    source: `${API}/API_WorkflowStep.html; ${API}/API_CopyStepDetails.html`,
    fix: 'give each step its own `name`, or leave `name` out to have a unique one generated',
    check: (s) => {
      const named = entries(s).filter((e) => known(e.name) !== undefined);
      const seen = new Set<string>();
      const out: string[] = [];
      for (const e of named) {
        const name = e.name!;
        if (seen.has(name)) continue;
        const same = named.filter((x) => x.name === name);
        if (same.length > 1) out.push(`${same.map((x) => x.label.replace(/ \(.*\)$/, '')).join(' and ')} are both named ${quote(name)}`);
        seen.add(name);
      }
      return out;
    },
  },
  {
    id: 'workflow/description-format',
    severity: 'error',
    summary: 'The description is at most 256 letters, digits, spaces, `_` and `-`.',
    reason: 'The service accepts workflow descriptions matching [\\w- ]{0,256}',
    source: `${API}/API_CreateWorkflow.html; ${CFN}/aws-resource-transfer-workflow.html`,
    fix: 'shorten `description` and leave out punctuation other than `_` and `-`',
    check: (s) => {
      const d = known(s.description);
      if (d === undefined) return [];
      const out: string[] = [];
      if (d.length > 256) out.push(`\`description\` is ${d.length} characters long`);
      const bad = [...d].find((c) => !DESCRIPTION.test(c));
      if (bad !== undefined) out.push(`\`description\` contains ${JSON.stringify(bad)}`);
      return out;
    },
  },
  {
    id: 'workflow/source-file',
    severity: 'error',
    summary: 'A step\'s source is the previous file or the original file.',
    reason: 'The service takes `${previous.file}` or `${original.file}` as SourceFileLocation',
    source: STEP_DETAILS,
    fix: 'pass `source: SourceFile.PREVIOUS` (the default) or `SourceFile.ORIGINAL`',
    check: (s) => entries(s)
      .filter((e) => e.subject.source !== undefined && e.subject.source !== SourceFile.PREVIOUS && e.subject.source !== SourceFile.ORIGINAL
        && !Token.isUnresolved(e.subject.source))
      .map((e) => `${e.label} has the source ${typeof e.subject.source === 'string' ? quote(e.subject.source) : JSON.stringify(e.subject.source)}`),
  },
  ...forSteps(COPY_RULES),
  {
    id: 'workflow/copy-tag-s3-only',
    severity: 'error',
    summary: 'Copy and tag steps work on files in S3, not EFS.',
    reason: 'The service copies and tags S3 objects only; on an EFS file the step fails with BAD_REQUEST',
    source: `${API}/API_CreateWorkflow.html; ${API}/API_ExecutionError.html`,
    fix: 'drop the step for EFS servers, point its `source` at a file in S3 (e.g. after a decrypt step to S3), or use a custom step',
    check: (s) => entries(s).flatMap((e) => {
      const does = e.subject.bound?.config.s3Only;
      if (does === undefined) return [];
      const onEfs = e.input.filter((p) => domainOf(p) === Domain.EFS);
      if (onEfs.length === 0) return [];
      return [`${e.label} ${does} ${onEfs.map(placeText).join(' or ')}`];
    }),
  },
  ...forSteps(TAG_RULES),
  ...forSteps(CUSTOM_RULES),
  ...forSteps(DECRYPT_RULES),
  {
    id: 'workflow/identical-steps',
    severity: 'error',
    summary: 'No two steps of a list do the same thing.',
    reason: 'CloudFormation rejects identical steps; the same step twice repeats the work (a second copy to one key fails with ALREADY_EXISTS)',
    source: `${CFN}/aws-resource-transfer-workflow.html; ${API}/API_ExecutionError.html`,
    fix: 'remove the repeated step, or make the steps differ (`destination`, `tags`, `source`)',
    check: (s) => {
      const out: string[] = [];
      for (const list of ['steps', 'exceptionSteps'] as const) {
        const all = entries(s).filter((e) => e.list === list);
        const prints = all.map((e) => JSON.stringify(e.subject.identity));
        all.forEach((e, i) => {
          const first = prints.indexOf(prints[i]);
          if (first !== i) out.push(`${e.label} does the same as ${all[first].label}`);
        });
      }
      return out;
    },
  },
  ...forSteps(DESTINATION_RULES),
  {
    id: 'workflow/tags',
    severity: 'error',
    summary: 'The workflow has at most 50 tags, keys of 1 to 128 and values of up to 256 letters, digits, spaces and `_ . : / = + - @`, no key starting with `aws:`.',
    reason: 'AWS accepts at most 50 tags per workflow, of those lengths and characters; the `aws:` prefix is reserved for AWS',
    source: `${API}/API_Tag.html; ${CFN}/aws-resource-transfer-workflow.html; https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html`,
    fix: 'change the tags given with `Tags.of(...).add()` (on the workflow or a scope above it)',
    check: (s) => s.tagProblems.map((p) => `the workflow's tags: ${p.replace(/^the resource has/, 'the workflow has')}`),
  },
  {
    id: 'workflow/imported-id',
    severity: 'error',
    summary: 'An imported workflow id is `w-` and 17 lowercase letters or digits.',
    reason: 'Workflow ids are 19 characters matching w-([a-z0-9]{17})',
    source: `${API}/API_DescribeWorkflow.html; ${API}/API_ListedWorkflow.html`,
    fix: 'pass the workflow id as `aws transfer list-workflows` shows it (e.g. `w-0123456789abcdef0`), not its ARN or name',
    check: (s) => {
      const id = known(s.importedId);
      return id !== undefined && !WORKFLOW_ID.test(id) ? `the imported workflow id ${quote(id)} is not \`w-\` and 17 lowercase letters or digits` : undefined;
    },
  },
  {
    id: 'workflow/source-locations-unknown',
    severity: 'warning',
    summary: 'The steps that act on the uploaded file know where uploads land.',
    reason: 'The execution role may act only where the attached servers\' users keep their files (their home locations); '
      + 'without one, the role gets no permission on the uploaded file and the step fails with PERMISSION_DENIED',
    source: `${UG}/workflow-execution-role.html; ${API}/API_ExecutionError.html`,
    fix: 'attach the workflow to a `TransferServer` (`onUpload`/`onPartialUpload`) whose users are `TransferUser`s, or call `server.addHomeLocation(FileLocation.s3(bucket, prefix))`; '
      + 'with your own `executionRole`, acknowledge this warning',
    check: (s) => {
      const acting = entries(s).filter((e) => e.subject.bound?.config.actsOnFile === true);
      const labels = (list: Entry[]) => list.map((e) => e.label).join(', ');
      if (s.servers.length === 0) {
        const blind = acting.filter((e) => e.input.length === 0);
        return blind.length === 0 ? [] : [`the workflow is attached to no \`TransferServer\` of this app, so ${labels(blind)} may not act on the uploaded file`];
      }
      return s.servers.filter((server) => server.homeLocations.length === 0).flatMap((server) => {
        const blind = acting.filter((e) => e.input.some((p) => p.kind === 'upload' && p.server === server));
        return blind.length === 0 ? [] : [`server ${server.node.path} has no home location, so ${labels(blind)} may not act on its uploads`];
      });
    },
  },
]);
