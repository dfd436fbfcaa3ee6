import { Token } from 'aws-cdk-lib';
import { known, knownCount, quote, RuleTable } from './rules';
import { Flow, Place } from './workflow-policy';
import { ORIGINAL_FILE, PREVIOUS_FILE, StepSpec, timeoutSeconds } from './workflow-spec';
import type { FileLocation } from '../file-location';
import { Domain } from '../protocol';
import type { ITransferServer } from '../server';

/** What the workflow rules look at, read when the app is validated. */
export interface WorkflowSubject {
  readonly steps: ReadonlyArray<StepSpec>;
  readonly exceptionSteps: ReadonlyArray<StepSpec>;
  /** Rendered names (given or generated), by position. */
  readonly names: { readonly steps: string[]; readonly exceptionSteps: string[] };
  readonly description?: string;
  /** The servers this workflow is attached to (onUpload or onPartialUpload). */
  readonly servers: ReadonlyArray<ITransferServer>;
  /** Where each step's file may be. */
  readonly flow: Flow;
}

interface Entry {
  readonly spec: StepSpec;
  /** `step 2 ("copy-2")`, `exception step 1 ("exception-tag-1")`: how messages name a step. */
  readonly label: string;
  readonly input: Place[];
  readonly list: 'steps' | 'exceptionSteps';
  readonly index: number;
}

function entries(s: WorkflowSubject): Entry[] {
  const of = (list: 'steps' | 'exceptionSteps', word: string) => s[list].map((spec, index) => ({
    spec,
    list,
    index,
    input: s.flow[list][index] ?? [],
    label: `${word} ${index + 1} (${quote(s.names[list][index] ?? '')})`,
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

const STEP_NAME = /^[\w-]{1,30}$/;
const DESCRIPTION = /^[\w\- ]*$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const BUCKET_NAME = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;

/** The literal bucket name of an S3 location, or `undefined` when it is a token. */
function bucketName(location: FileLocation): string | undefined {
  return location.bucket ? known(location.bucket.bucketName) : undefined;
}

/** The domain a place's files are on, when known. */
function domainOf(place: Place): Domain | undefined {
  if (place.kind === 'upload') return place.server.domain;
  return place.location.isS3 ? Domain.S3 : Domain.EFS;
}

function placeText(place: Place): string {
  return place.kind === 'upload'
    ? `the upload on EFS server ${place.server.node.path}`
    : `the file step ${quote(place.step)} wrote to EFS`;
}

/** Details of a step that the service compares, names left out. */
function fingerprint(spec: StepSpec): string {
  const location = (l?: FileLocation) => l === undefined ? undefined
    : l.bucket ? { bucket: l.bucket.bucketName, key: l.key } : { fileSystem: l.fileSystem?.fileSystemId, path: l.path };
  return JSON.stringify({
    kind: spec.kind,
    source: spec.source,
    destination: location(spec.destination),
    overwrite: spec.overwriteExisting ?? false,
    tags: spec.tags === undefined ? undefined : Object.entries(spec.tags).sort(([a], [b]) => a.localeCompare(b)),
    timeout: timeoutSeconds(spec),
    target: spec.function?.functionArn,
    stateMachine: spec.stateMachine?.node.addr,
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
      const name = known(e.spec.name);
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
      const given = entries(s).filter((e) => known(e.spec.name) !== undefined);
      const seen = new Set<string>();
      const out: string[] = [];
      for (const e of given) {
        const name = e.spec.name!;
        if (seen.has(name)) continue;
        const same = given.filter((x) => x.spec.name === name);
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
      .filter((e) => e.spec.source !== PREVIOUS_FILE && e.spec.source !== ORIGINAL_FILE && !Token.isUnresolved(e.spec.source))
      .map((e) => `${e.label} has the source ${quote(String(e.spec.source))}`),
  },
  {
    id: 'workflow/copy-destination-s3',
    severity: 'error',
    summary: 'A copy step copies to S3.',
    reason: 'The service copies files to Amazon S3 only; CloudFormation models only an S3 copy destination',
    source: `${API}/API_CopyStepDetails.html; ${API}/API_S3InputFileLocation.html; ${CFN}/aws-properties-transfer-workflow-copystepdetails.html`,
    fix: 'give `WorkflowStep.copy()` a `FileLocation.s3(bucket, key)` destination; to write to EFS, use a custom step',
    check: (s) => entries(s)
      .filter((e) => e.spec.kind === 'COPY' && e.spec.destination !== undefined && !e.spec.destination.isS3)
      .map((e) => `${e.label} copies to EFS`),
  },
  {
    id: 'workflow/copy-tag-s3-only',
    severity: 'error',
    summary: 'Copy and tag steps work on files in S3, not EFS.',
    reason: 'The service copies and tags S3 objects only; on an EFS file the step fails with BAD_REQUEST',
    source: `${API}/API_CreateWorkflow.html; ${API}/API_ExecutionError.html`,
    fix: 'drop the step for EFS servers, point its `source` at a file in S3 (e.g. after a decrypt step to S3), or use a custom step',
    check: (s) => entries(s).flatMap((e) => {
      if (e.spec.kind !== 'COPY' && e.spec.kind !== 'TAG') return [];
      const onEfs = e.input.filter((p) => domainOf(p) === Domain.EFS);
      if (onEfs.length === 0) return [];
      return [`${e.label} ${e.spec.kind === 'COPY' ? 'copies' : 'tags'} ${onEfs.map(placeText).join(' or ')}`];
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
      if (e.spec.kind !== 'TAG') return [];
      const tags = e.spec.tags ?? {};
      if (Token.isUnresolved(tags)) return [];
      const n = Object.keys(tags).length;
      return n >= 1 && n <= 10 ? [] : [`${e.label} has ${n} tags`];
    }),
  },
  {
    id: 'workflow/tag-format',
    severity: 'error',
    summary: 'Tag keys are 1 to 128 and values 0 to 256 letters, digits, spaces and `_ . : / = + - @`.',
    reason: 'The service accepts S3 object tag keys and values of those lengths matching [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
    source: `${API}/API_S3Tag.html`,
    fix: 'shorten the tag and replace other characters',
    check: (s) => entries(s).flatMap((e) => {
      if (e.spec.kind !== 'TAG' || e.spec.tags === undefined || Token.isUnresolved(e.spec.tags)) return [];
      const out: string[] = [];
      for (const [key, value] of Object.entries(e.spec.tags)) {
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
      if (e.spec.kind !== 'CUSTOM') return [];
      const seconds = timeoutSeconds(e.spec);
      if (seconds === undefined || Token.isUnresolved(seconds)) return [];
      return seconds >= 1 && seconds <= 1800 && Number.isInteger(seconds) ? [] : [`${e.label} has a timeout of ${seconds} seconds`];
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
      .filter((e) => e.spec.kind === 'DECRYPT' && e.spec.destination === undefined)
      .map((e) => `${e.label} has no destination`),
  },
  {
    id: 'workflow/identical-steps',
    severity: 'error',
    summary: 'No two steps of a list do the same thing.',
    reason: 'CloudFormation rejects identical steps; the same step twice repeats the work (a second copy to one key fails with ALREADY_EXISTS)',
    source: `${CFN}/aws-resource-transfer-workflow.html; ${API}/API_ExecutionError.html`,
    fix: 'remove the repeated step, or make the steps differ (destination, tags, source)',
    check: (s) => {
      const out: string[] = [];
      for (const list of ['steps', 'exceptionSteps'] as const) {
        const all = entries(s).filter((e) => e.list === list);
        const prints = all.map((e) => fingerprint(e.spec));
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
      const d = e.spec.destination;
      const name = d ? bucketName(d) : undefined;
      return name !== undefined && !BUCKET_NAME.test(name) ? [`${e.label} writes to the bucket ${quote(name)}`] : [];
    }),
  },
  {
    id: 'workflow/s3-key-length',
    severity: 'error',
    summary: 'A destination key is at most 1024 characters.',
    reason: 'S3 keys, and the service\'s destination Key, are at most 1024 characters',
    source: `${API}/API_S3InputFileLocation.html`,
    fix: 'shorten the destination key',
    check: (s) => entries(s).flatMap((e) => {
      const key = e.spec.destination?.bucket ? known(e.spec.destination.key) : undefined;
      return key !== undefined && key.length > 1024 ? [`${e.label} has a destination key of ${key.length} characters`] : [];
    }),
  },
  {
    id: 'workflow/efs-path',
    severity: 'error',
    summary: 'A destination path in EFS is 1 to 65536 characters.',
    reason: 'The service accepts EFS paths of 1 to 65536 characters',
    source: `${API}/API_EfsFileLocation.html`,
    fix: 'give `FileLocation.efs(fileSystem, path)` a path such as `/decrypted/`',
    check: (s) => entries(s).flatMap((e) => {
      const d = e.spec.destination;
      if (!d || d.isS3) return [];
      const path = known(d.path);
      if (d.path !== undefined && path === undefined) return [];
      const n = path?.length ?? 0;
      return n >= 1 && n <= 65536 ? [] : [`${e.label} has a destination path of ${n} characters`];
    }),
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
      const acting = entries(s).filter((e) => e.spec.kind !== 'CUSTOM');
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
