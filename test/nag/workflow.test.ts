import { Aws, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { packFindings, ruleNames } from './pack';
import { PACK_RULES } from '../../src/nag/pack-rules';

type Step = transfer.CfnWorkflow.WorkflowStepProperty;

const FUNCTION = 'arn:aws:lambda:eu-west-1:111111111111:function:scan';
/** Steps as the CloudFormation documentation writes them (untyped details in PascalCase). */
const copy = (name: string, key = 'archive/', source = '${original.file}'): Step => ({
  type: 'COPY',
  copyStepDetails: { Name: name, SourceFileLocation: source, DestinationFileLocation: { S3FileLocation: { Bucket: 'archive-bucket', Key: key } }, OverwriteExisting: 'FALSE' },
});
const tag = (name: string): Step => ({ type: 'TAG', tagStepDetails: { Name: name, SourceFileLocation: '${previous.file}', Tags: [{ Key: 'scanned', Value: 'yes' }] } });
const custom = (name: string): Step => ({ type: 'CUSTOM', customStepDetails: { Name: name, SourceFileLocation: '${original.file}', Target: FUNCTION, TimeoutSeconds: 60 } });
const del = (name: string): Step => ({ type: 'DELETE', deleteStepDetails: { Name: name, SourceFileLocation: '${original.file}' } });
/** Typed details, as aws-cdk-lib writes them in camelCase. */
const decrypt = (name: string): Step => ({
  type: 'DECRYPT',
  decryptStepDetails: { name, type: 'PGP', sourceFileLocation: '${original.file}', destinationFileLocation: { s3FileLocation: { bucket: 'clear-bucket', key: 'in/' } } },
});

/** `step` with its details' fields replaced by `fields`. */
const withDetails = (step: Step, fields: Record<string, unknown>): Step => {
  const key = Object.keys(step).find((k) => k.endsWith('StepDetails'))!;
  return { ...step, [key]: { ...(step as Record<string, any>)[key], ...fields } };
};
const efsDecrypt = (name: string, fileSystemId: string, path: string): Step => ({
  type: 'DECRYPT',
  decryptStepDetails: { name, type: 'PGP', sourceFileLocation: '${original.file}', destinationFileLocation: { efsFileLocation: { fileSystemId, path } } },
});

const GOOD: transfer.CfnWorkflowProps = { steps: [copy('archive'), tag('mark')], onExceptionSteps: [del('drop')], description: 'Archive and tag uploads' };

/** For each workflow rule of the pack: an L1 workflow that breaks it, and one that keeps it. */
const CASES: Record<string, { bad: transfer.CfnWorkflowProps; good: transfer.CfnWorkflowProps }> = {
  'TF-Workflow-1': {
    bad: { steps: Array.from({ length: 9 }, (_, i) => copy(`copy-${i}`, `archive/${i}/`)) },
    good: { steps: Array.from({ length: 8 }, (_, i) => copy(`copy-${i}`, `archive/${i}/`)) },
  },
  'TF-Workflow-2': {
    bad: { ...GOOD, onExceptionSteps: Array.from({ length: 9 }, (_, i) => copy(`exception-${i}`, `failed/${i}/`)) },
    good: { ...GOOD, onExceptionSteps: Array.from({ length: 8 }, (_, i) => copy(`exception-${i}`, `failed/${i}/`)) },
  },
  'TF-Workflow-3': { bad: { ...GOOD, steps: [copy('archive the upload')] }, good: { ...GOOD, steps: [copy('archive_the-upload')] } },
  'TF-Workflow-4': { bad: { ...GOOD, steps: [copy('archive'), tag('archive')] }, good: GOOD },
  'TF-Workflow-5': { bad: { ...GOOD, description: 'Archive, then tag.' }, good: GOOD },
  'TF-Workflow-6': { bad: { ...GOOD, steps: [copy('archive', 'archive/', '${file}')] }, good: { ...GOOD, steps: [copy('archive', 'archive/', '${previous.file}')] } },
  'TF-Workflow-7': {
    bad: { ...GOOD, steps: [copy('archive'), copy('archive-again')] },
    good: { ...GOOD, steps: [copy('archive'), copy('archive-elsewhere', 'backup/')] },
  },
  'TF-Workflow-8': { bad: { ...GOOD, tags: [{ key: 'aws:owner', value: 'legacy' }] }, good: { ...GOOD, tags: [{ key: 'owner', value: 'legacy' }] } },
  'TF-Workflow-9': {
    bad: { steps: [{ type: 'COPY', copyStepDetails: { Name: 'archive', SourceFileLocation: '${original.file}' } }] },
    good: GOOD,
  },
  'TF-Workflow-10': { bad: { steps: [withDetails(custom('scan'), { TimeoutSeconds: 3600 })] }, good: { steps: [custom('scan')] } },
  'TF-Workflow-11': {
    bad: { steps: [withDetails(custom('scan'), { Target: 'arn:aws:sqs:eu-west-1:111111111111:scan' })] },
    good: { steps: [withDetails(custom('scan'), { Target: `${FUNCTION}:live` })] },
  },
  'TF-Workflow-12': {
    // aws-cdk-lib requires `destinationFileLocation`: an empty one names neither S3 nor EFS.
    bad: { steps: [{ type: 'DECRYPT', decryptStepDetails: { name: 'decrypt', type: 'PGP', sourceFileLocation: '${original.file}', destinationFileLocation: {} } }] },
    good: { steps: [decrypt('decrypt')] },
  },
  'TF-Workflow-13': {
    bad: { steps: [withDetails(copy('archive'), { DestinationFileLocation: { S3FileLocation: { Bucket: 'arn:aws:s3:::archive-bucket', Key: 'archive/' } } })] },
    good: GOOD,
  },
  'TF-Workflow-14': { bad: { steps: [copy('archive', `archive/${'k'.repeat(1030)}`)] }, good: { steps: [copy('archive', `archive/${'k'.repeat(1000)}`)] } },
  'TF-Workflow-15': { bad: { steps: [copy('archive', 'archive/\n')] }, good: { steps: [copy('archive', 'archive/${transfer:UserName}/')] } },
  'TF-Workflow-16': {
    bad: { steps: [efsDecrypt('decrypt', 'fs-1', '/in/')] },
    good: { steps: [efsDecrypt('decrypt', 'fs-0123456789abcdef0', '/in/')] },
  },
  'TF-Workflow-17': { bad: { steps: [efsDecrypt('decrypt', 'fs-0123456789abcdef0', '')] }, good: { steps: [efsDecrypt('decrypt', 'fs-0123456789abcdef0', '/in/')] } },
  'TF-Workflow-18': {
    bad: { steps: [withDetails(tag('mark'), { Tags: Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })] },
    good: { steps: [withDetails(tag('mark'), { Tags: Array.from({ length: 10 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })] },
  },
  'TF-Workflow-19': {
    bad: { steps: [withDetails(tag('mark'), { Tags: [{ Key: 'scan#result', Value: 'clean' }] })] },
    good: { steps: [withDetails(tag('mark'), { Tags: [{ Key: 'scan:result', Value: 'clean' }] })] },
  },
};

function judge(props: transfer.CfnWorkflowProps) {
  return packFindings((app) => {
    new transfer.CfnWorkflow(new Stack(app, 'Stack'), 'Workflow', props);
  });
}

const WORKFLOW_PACK_RULES = PACK_RULES.filter((r) => r.packId.startsWith('TF-Workflow-'));

test('every workflow rule of the pack has a case', () => {
  expect(Object.keys(CASES).sort()).toEqual(WORKFLOW_PACK_RULES.map((r) => r.packId).sort());
});

test('the compliant baselines have no finding, with steps of every type', () => {
  expect(judge(GOOD)).toEqual([]);
  expect(judge({ steps: [decrypt('decrypt'), custom('scan'), tag('mark'), del('drop')] })).toEqual([]);
});

describe.each(WORKFLOW_PACK_RULES.map((r) => [r.packId, r.id, r.severity] as const))('%s (%s)', (packId, libraryId, severity) => {
  test('non-compliant L1', () => {
    const found = judge(CASES[packId].bad).find((f) => f.ruleName === packId);
    expect(found).toBeDefined();
    expect(found!.severity).toBe(severity);
    expect(found!.description).toContain(`(${libraryId})`);
    expect(found!.paths).toEqual(['Stack/Workflow']);
  });
  test('compliant L1', () => {
    expect(ruleNames(judge(CASES[packId].good))).not.toContain(packId);
  });
});

describe('what the workflow rules of the pack do not judge', () => {
  test('tokens: steps, names, sources and description unknown at synth', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const text = (id: string) => new CfnParameter(stack, id).valueAsString;
      new transfer.CfnWorkflow(stack, 'Workflow', { steps: [copy(text('Name'), 'archive/', text('Source'))], description: text('Description') });
      new transfer.CfnWorkflow(stack, 'Listed', { steps: new CfnParameter(stack, 'Steps', { type: 'CommaDelimitedList' }).valueAsList as never });
    });
    expect(found).toEqual([]);
  });

  test('a step without a name is not judged by the name rules', () => {
    const nameless: Step = { type: 'DELETE', deleteStepDetails: { SourceFileLocation: '${original.file}' } };
    expect(judge({ steps: [nameless] })).toEqual([]);
  });

  test('a destination the template holds as an intrinsic is not judged', () => {
    const found = packFindings((app) => {
      const stack = new Stack(app, 'Stack');
      const where = new CfnParameter(stack, 'Where').valueAsString;
      new transfer.CfnWorkflow(stack, 'Workflow', { steps: [withDetails(copy('archive'), { DestinationFileLocation: Fn.conditionIf('Archive', { S3FileLocation: { Bucket: 'b', Key: where } }, Aws.NO_VALUE) })] });
    });
    expect(found).toEqual([]);
  });

  test('a workflow without steps is reported', () => {
    expect(ruleNames(judge({ steps: [] }))).toEqual(['TF-Workflow-1']);
  });
});
