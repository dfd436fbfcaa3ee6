import { Token } from 'aws-cdk-lib';
import { Flow, Place } from './workflow-policy';
import { ORIGINAL_FILE, PREVIOUS_FILE, RenderedStep, StepSpec } from './workflow-spec';
import { Domain } from '../server/protocol';
import type { ITransferServer } from '../server/server-ref';
import { known, knownCount, quote, RuleTable } from '../validation/rules';

/**
 * What the workflow rules look at, read when the app is validated. Rules judge `rendered`, the steps as
 * the template holds them; `steps` and `flow` (the input, where each file is) only for what the template
 * does not say: where a copy step meant to write, and on which storage each step's file lies.
 */
export interface WorkflowSubject {
  /** The id of an imported workflow (`Workflow.fromWorkflowId()` / `fromWorkflowAttributes()`): nothing else is known of it. */
  readonly importedId?: string;
  readonly steps: ReadonlyArray<StepSpec>;
  readonly exceptionSteps: ReadonlyArray<StepSpec>;
  /** Rendered names (given or generated), by position. */
  readonly names: { readonly steps: string[]; readonly exceptionSteps: string[] };
  /** The steps as the template holds them, by position. */
  readonly rendered: { readonly steps: ReadonlyArray<RenderedStep>; readonly exceptionSteps: ReadonlyArray<RenderedStep> };
  readonly description?: string;
  /** The servers this workflow is attached to (onUpload or onPartialUpload). */
  readonly servers: ReadonlyArray<ITransferServer>;
  /** Where each step's file may be. */
  readonly flow: Flow;
  /** What is wrong with the tags the workflow will be deployed with (`Tags.of(workflow)`), see `tagProblems`. */
  readonly tagProblems: ReadonlyArray<string>;
}

/** The subject of an imported workflow: its id, no steps. */
export function importedWorkflowSubject(workflowId: string): WorkflowSubject {
  const none = { steps: [], exceptionSteps: [] };
  return { importedId: workflowId, ...none, names: none, rendered: none, servers: [], flow: none, tagProblems: [] };
}

interface Entry {
  readonly spec: StepSpec;
  /** The step as the template holds it. */
  readonly step: RenderedStep;
  /** `step 2 ("copy-2")`, `exception step 1 ("exception-tag-1")`: how messages name a step. */
  readonly label: string;
  readonly input: Place[];
  readonly list: 'steps' | 'exceptionSteps';
  readonly index: number;
}

function entries(s: WorkflowSubject): Entry[] {
  const of = (list: 'steps' | 'exceptionSteps', word: string) => s.rendered[list].map((step, index) => ({
    spec: s[list][index],
    step,
    list,
    index,
    input: s.flow[list][index] ?? [],
    label: `${word} ${index + 1} (${quote(step.name)})`,
  }));
  return [...of('steps', 'step'), ...of('exceptionSteps', 'exception step')];
}

/** The Transfer Family user guide. */
const UG = 'https://docs.aws.amazon.com/transfer/latest/userguide';
/** The Transfer Family API Reference. */
const API = 'https://docs.aws.amazon.com/transfer/latest/APIReference';
/** The CloudFormation template reference. */
const CFN = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference';
/** The step details of each step type, which state the step name and source file formats. */
const STEP_DETAILS = ['Copy', 'Custom', 'Decrypt', 'Delete', 'Tag'].map((t) => `${API}/API_${t}StepDetails.html`).join('; ');

/** The IAM page on policy variables: `${...}` in a resource ARN, and `*` and `?` as wildcards. */
const IAM_VARIABLES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';

const STEP_NAME = /^[\w-]{1,30}$/;
const DESCRIPTION = /^[\w\- ]*$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const BUCKET_NAME = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;
const WORKFLOW_ID = /^w-[a-z0-9]{17}$/;
const FILE_SYSTEM_ID = /^(arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:(access-point\/fsap|file-system\/fs)-[0-9a-f]{8,40}|fs(ap)?-[0-9a-f]{8,40})$/;
const LAMBDA_ARN = /^arn:[a-z-]+:lambda:.*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/u;
/**
 * The variables the service replaces in a destination (the user guide writes `${transfer:...}`, the API
 * Reference `${Transfer:...}`).
 */
const DESTINATION_VARIABLES = /^\$\{[Tt]ransfer:(UserName|UploadDate)\}$/;

/** The S3 destination of a step, with its literal key; `undefined` when there is none or the key is a token. */
function knownKey(e: Entry): string | undefined {
  return e.step.s3Destination ? known(e.step.s3Destination.key) : undefined;
}

/** What in a destination key the execution role would read as a wildcard, or a variable the service leaves as written. */
function wideningParts(key: string): string[] {
  const out: string[] = [];
  let rest = key;
  for (const m of key.matchAll(/\$\{[^}]*\}?/g)) {
    if (!DESTINATION_VARIABLES.test(m[0])) out.push(`the variable ${quote(m[0])}`);
    rest = rest.replace(m[0], '');
  }
  for (const w of ['*', '?']) if (rest.includes(w)) out.push(`the wildcard ${quote(w)}`);
  return out;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function describeCharacter(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

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

/**
 * A rendered step's details, its name left out: what two steps that do the same thing share. An absent
 * `OverwriteExisting` is the service's default, FALSE; tags are a set.
 */
function fingerprint(step: RenderedStep): string {
  const { name: _name, ...details } = step;
  return JSON.stringify({
    ...details,
    overwrite: step.type === 'COPY' || step.type === 'DECRYPT' ? step.overwrite ?? 'FALSE' : undefined,
    tags: step.tags === undefined ? undefined : [...step.tags].sort((a, b) => a.key.localeCompare(b.key)),
  });
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
      const n = knownCount(s.rendered.steps);
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
      const n = knownCount(s.rendered.exceptionSteps);
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
      const name = known(e.step.name);
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
      const named = entries(s).filter((e) => known(e.step.name) !== undefined);
      const seen = new Set<string>();
      const out: string[] = [];
      for (const e of named) {
        const name = e.step.name;
        if (seen.has(name)) continue;
        const same = named.filter((x) => x.step.name === name);
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
      .filter((e) => e.step.source !== PREVIOUS_FILE && e.step.source !== ORIGINAL_FILE && !Token.isUnresolved(e.step.source))
      .map((e) => `${e.label} has the source ${quote(String(e.step.source))}`),
  },
  {
    id: 'workflow/copy-destination-s3',
    severity: 'error',
    summary: 'A copy step copies to S3.',
    reason: 'The service copies files to Amazon S3 only; CloudFormation models only an S3 copy destination',
    source: `${API}/API_CopyStepDetails.html; ${API}/API_S3InputFileLocation.html; ${CFN}/aws-properties-transfer-workflow-copystepdetails.html`,
    fix: 'give `WorkflowStep.copy()` a `FileLocation.s3(bucket, key)` destination; to write to EFS, use a custom step',
    // What the template holds: a copy step with no S3 destination copies nowhere.
    check: (s) => entries(s)
      .filter((e) => e.step.type === 'COPY' && e.step.s3Destination === undefined)
      .map((e) => (e.spec.destination?.fileSystem ? `${e.label} copies to EFS` : `${e.label} has no destination`)),
  },
  {
    id: 'workflow/copy-tag-s3-only',
    severity: 'error',
    summary: 'Copy and tag steps work on files in S3, not EFS.',
    reason: 'The service copies and tags S3 objects only; on an EFS file the step fails with BAD_REQUEST',
    source: `${API}/API_CreateWorkflow.html; ${API}/API_ExecutionError.html`,
    fix: 'drop the step for EFS servers, point its `source` at a file in S3 (e.g. after a decrypt step to S3), or use a custom step',
    check: (s) => entries(s).flatMap((e) => {
      if (e.step.type !== 'COPY' && e.step.type !== 'TAG') return [];
      const onEfs = e.input.filter((p) => domainOf(p) === Domain.EFS);
      if (onEfs.length === 0) return [];
      return [`${e.label} ${e.step.type === 'COPY' ? 'copies' : 'tags'} ${onEfs.map(placeText).join(' or ')}`];
    }),
  },
  {
    id: 'workflow/tag-count',
    severity: 'error',
    summary: 'A tag step adds 1 to 10 tags.',
    reason: 'The service accepts 1 to 10 tags per tag step (keys are unique: they are the keys of `tags`)',
    source: `${API}/API_TagStepDetails.html; ${CFN}/aws-properties-transfer-workflow-tagstepdetails.html`,
    fix: 'give `tags` one to ten entries; use a second tag step for more',
    check: (s) => entries(s).flatMap((e) => {
      if (e.step.type !== 'TAG') return [];
      const n = e.step.tags?.length ?? 0;
      return n >= 1 && n <= 10 ? [] : [`${e.label} has ${n} tags`];
    }),
  },
  {
    id: 'workflow/tag-format',
    severity: 'error',
    summary: 'Tag keys are 1 to 128 and values 0 to 256 letters, digits, spaces and `_ . : / = + - @`.',
    reason: 'The service accepts S3 object tag keys and values of those lengths matching [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
    source: `${API}/API_S3Tag.html`,
    fix: 'shorten the key or value in `tags` and replace other characters',
    check: (s) => entries(s).flatMap((e) => {
      const out: string[] = [];
      for (const { key, value } of e.step.tags ?? []) {
        if (!Token.isUnresolved(key) && (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key))) {
          out.push(`${e.label} has the tag key ${quote(key)}${key.length > 128 ? ` (${key.length} characters)` : ''}`);
        }
        const v = known(value);
        if (v !== undefined && (v.length > 256 || !TAG_TEXT.test(v))) {
          out.push(`${e.label} has the value ${quote(v)}${v.length > 256 ? ` (${v.length} characters)` : ''} for tag ${quote(key)}`);
        }
      }
      return out;
    }),
  },
  {
    id: 'workflow/custom-timeout',
    severity: 'error',
    summary: 'A custom step\'s timeout is 1 to 1800 whole seconds.',
    reason: 'The service waits 1 to 1800 seconds for a custom step\'s report',
    source: `${API}/API_CustomStepDetails.html`,
    fix: 'pass a `timeout` from Duration.seconds(1) to Duration.minutes(30); for longer work, report SUCCESS early and go on outside the workflow',
    check: (s) => entries(s).flatMap((e) => {
      const seconds = known(e.step.timeoutSeconds);
      if (e.step.type !== 'CUSTOM' || seconds === undefined) return [];
      return seconds >= 1 && seconds <= 1800 && Number.isInteger(seconds) ? [] : [`${e.label} has a timeout of ${seconds} seconds`];
    }),
  },
  {
    id: 'workflow/custom-target',
    severity: 'error',
    summary: 'A custom step\'s target is a Lambda function ARN of at most 170 characters.',
    reason: 'The service invokes a Lambda function, version or alias, given by an ARN matching arn:[a-z-]+:lambda:.* of at most 170 characters',
    source: `${API}/API_CustomStepDetails.html; ${CFN}/aws-properties-transfer-workflow-customstepdetails.html`,
    fix: 'pass a Lambda function (`lambda.Function.fromFunctionArn(this, id, arn)` with a function, version or alias ARN) as `function`',
    check: (s) => entries(s).flatMap((e) => {
      const target = known(e.step.target);
      if (e.step.type !== 'CUSTOM' || target === undefined) return [];
      const out: string[] = [];
      if (!LAMBDA_ARN.test(target)) out.push(`${e.label} targets ${quote(target)}, which is not a Lambda ARN`);
      if (target.length > 170) out.push(`${e.label} targets an ARN of ${target.length} characters`);
      return out;
    }),
  },
  {
    id: 'workflow/decrypt-destination',
    severity: 'error',
    summary: 'A decrypt step has a destination.',
    reason: 'The service requires DestinationFileLocation for DECRYPT (type PGP)',
    source: `${API}/API_DecryptStepDetails.html`,
    fix: 'pass `destination: FileLocation.s3(bucket, key)` or `FileLocation.efs(fileSystem, path)` to `WorkflowStep.decrypt()`',
    check: (s) => entries(s)
      .filter((e) => e.step.type === 'DECRYPT' && e.step.s3Destination === undefined && e.step.efsDestination === undefined)
      .map((e) => `${e.label} has no destination`),
  },
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
        const prints = all.map((e) => fingerprint(e.step));
        all.forEach((e, i) => {
          const first = prints.indexOf(prints[i]);
          if (first !== i) out.push(`${e.label} does the same as ${all[first].label}`);
        });
      }
      return out;
    },
  },
  {
    id: 'workflow/bucket-name',
    severity: 'error',
    summary: 'A destination bucket name is 3 to 63 lowercase letters, digits, `.` and `-`.',
    reason: 'The service accepts bucket names matching [a-z0-9][.\\-a-z0-9]{1,61}[a-z0-9]',
    source: `${API}/API_S3InputFileLocation.html`,
    fix: 'pass the bucket\'s real name (`s3.Bucket.fromBucketName(this, id, name)`), not its ARN or URL',
    check: (s) => entries(s).flatMap((e) => {
      const name = e.step.s3Destination ? known(e.step.s3Destination.bucket) : undefined;
      return name !== undefined && !BUCKET_NAME.test(name) ? [`${e.label} writes to the bucket ${quote(name)}`] : [];
    }),
  },
  {
    id: 'workflow/s3-key-length',
    severity: 'error',
    summary: 'A destination key is at most 1024 bytes (UTF-8).',
    reason: 'The service\'s destination Key is at most 1024 characters, and an S3 key at most 1024 bytes of UTF-8',
    source: `${API}/API_S3InputFileLocation.html; https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html`,
    fix: 'shorten the `key` of the destination (`FileLocation.s3(bucket, key)`)',
    check: (s) => entries(s).flatMap((e) => {
      const key = knownKey(e);
      if (key === undefined) return [];
      const bytes = utf8Bytes(key);
      if (bytes <= 1024) return [];
      return [`${e.label} has a destination key of ${bytes === key.length ? `${bytes} characters` : `${bytes} bytes (${[...key].length} characters)`}`];
    }),
  },
  {
    id: 'workflow/s3-key-characters',
    severity: 'error',
    summary: 'A destination key has no control characters.',
    reason: 'The service\'s destination Key matches .*, which takes no line breaks, and S3 lists the ASCII control characters '
      + '(0x00 to 0x1F and 0x7F) among the characters to avoid in keys: XML 1.0, in which S3 lists keys, cannot carry most of them',
    source: `${API}/API_S3InputFileLocation.html; https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html`,
    fix: 'remove tabs, line breaks and other control characters from the `key` of the destination (`FileLocation.s3(bucket, key)`)',
    check: (s) => entries(s).flatMap((e) => {
      const key = knownKey(e);
      const bad = key === undefined ? null : CONTROL.exec(key);
      return bad ? [`${e.label} has the destination key ${quote(key!)}, with the control character ${describeCharacter(bad[0])}`] : [];
    }),
  },
  {
    id: 'workflow/destination-key-widens-role',
    severity: 'error',
    summary: 'A destination key uses no IAM wildcard (`*`, `?`) and no variable but `${transfer:UserName}` and `${transfer:UploadDate}`.',
    reason: 'The execution role may write only where the step writes: its policy names the destination key in an IAM resource ARN, '
      + 'where `*` and `?` are wildcards and each `${...}` is written `*` (the service replaces only `${transfer:UserName}` and `${transfer:UploadDate}`); '
      + 'a wildcard or another variable would let the role write to keys the step never writes',
    source: `${UG}/nominal-steps-workflow.html; ${API}/API_CopyStepDetails.html; ${IAM_VARIABLES}`,
    fix: 'remove `*` and `?` from the key, and use only `${transfer:UserName}` and `${transfer:UploadDate}` in it',
    check: (s) => entries(s).flatMap((e) => {
      const key = knownKey(e);
      if (key === undefined) return [];
      const parts = wideningParts(key);
      return parts.length === 0 ? [] : [`${e.label} has the destination key ${quote(key)}, with ${parts.join(' and ')}`];
    }),
  },
  {
    id: 'workflow/efs-file-system-id',
    severity: 'error',
    summary: 'A destination file system is an EFS file system id (`fs-` and 8 to 40 hexadecimal digits) or ARN, of at most 128 characters.',
    reason: 'The service accepts FileSystemId matching fs(ap)?-[0-9a-f]{8,40} or an elasticfilesystem ARN of a file system or access point, at most 128 characters',
    source: `${API}/API_EfsFileLocation.html; ${CFN}/aws-properties-transfer-workflow-efsinputfilelocation.html`,
    fix: 'pass the file system itself, or import it with its id (`efs.FileSystem.fromFileSystemAttributes(this, id, { fileSystemId: \'fs-...\', securityGroup })`)',
    check: (s) => entries(s).flatMap((e) => {
      const id = e.step.efsDestination ? known(e.step.efsDestination.fileSystemId) : undefined;
      if (id === undefined) return [];
      const out: string[] = [];
      if (!FILE_SYSTEM_ID.test(id)) out.push(`${e.label} writes to the file system ${quote(id)}`);
      if (id.length > 128) out.push(`${e.label} writes to a file system id of ${id.length} characters`);
      return out;
    }),
  },
  {
    id: 'workflow/efs-path',
    severity: 'error',
    summary: 'A destination path in EFS is 1 to 65536 characters, none of them NUL.',
    reason: 'The service accepts EFS paths of 1 to 65536 characters matching [^\\x00]+',
    source: `${API}/API_EfsFileLocation.html`,
    fix: 'give `FileLocation.efs(fileSystem, path)` a path such as `/decrypted/`',
    check: (s) => entries(s).flatMap((e) => {
      const path = e.step.efsDestination ? known(e.step.efsDestination.path) : undefined;
      if (path === undefined) return [];
      const n = path.length;
      const out = n >= 1 && n <= 65536 ? [] : [`${e.label} has a destination path of ${n} characters`];
      if (path.includes('\u0000')) out.push(`${e.label} has a destination path with the character U+0000 (NUL)`);
      return out;
    }),
  },
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
      const acting = entries(s).filter((e) => e.step.type !== 'CUSTOM');
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
