import { Duration, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { fn } from '../support/stacks';
import { RuleCases } from '../validation/rule-cases';
import { Domain, FileLocation, SourceFile, TransferServer, Workflow, WorkflowProps, WorkflowStep } from 'cdk-transfer-family';

/** What plain JavaScript may pass where the types say otherwise. */
const js = <T>(value: unknown): T => value as T;

/** A workflow run on upload by a server whose users live under `home/` of a landing bucket. */
function ingest(stack: Stack, props: WorkflowProps, domain = Domain.S3): Workflow {
  const workflow = new Workflow(stack, 'Ingest', props);
  const server = new TransferServer(stack, 'Server', { onUpload: workflow, domain });
  server.addHomeLocation(domain === Domain.EFS
    ? FileLocation.efs(files(stack, 'fs-01234567', 'Home'), '/home/')
    : FileLocation.s3(new s3.Bucket(stack, 'Landing'), 'home/'));
  return workflow;
}

function files(stack: Stack, fileSystemId: string, id = 'Files'): efs.IFileSystem {
  return efs.FileSystem.fromFileSystemAttributes(stack, id, {
    fileSystemId,
    securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, `${id}Sg`, 'sg-01234567'),
  });
}

const archive = (stack: Stack) => new s3.Bucket(stack, 'Archive');
const copyTo = (key: string) => (stack: Stack) =>
  ingest(stack, { steps: [WorkflowStep.copy({ destination: FileLocation.s3(archive(stack), key) })] });
const decryptToEfs = (fileSystemId: string, path: string) => (stack: Stack) =>
  ingest(stack, { steps: [WorkflowStep.decrypt({ destination: FileLocation.efs(files(stack, fileSystemId), path) })] });
const tags = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => WorkflowStep.tag({ tags: { [prefix]: `${i}` } }));

/** A case that breaks and one that holds for every rule of this area (run by test/validation/rule-cases.test.ts). */
export const WORKFLOW_RULE_CASES: RuleCases = {
  'workflow/steps-count': {
    breaks: (s) => ingest(s, {}),
    holds: (s) => ingest(s, { steps: [WorkflowStep.delete()] }),
  },
  'workflow/exception-steps-count': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.delete()], onException: tags(9, 'failed') }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.delete()], onException: tags(8, 'failed') }),
  },
  'workflow/step-name-format': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.delete({ name: 'remove the file' })] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.delete({ name: 'remove-the-file' })] }),
  },
  'workflow/step-names-unique': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.delete({ name: 'cleanup' })], onException: [WorkflowStep.delete({ name: 'cleanup', source: SourceFile.ORIGINAL })] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.delete({ name: 'cleanup' })], onException: [WorkflowStep.delete({ name: 'cleanup-failed', source: SourceFile.ORIGINAL })] }),
  },
  'workflow/description-format': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.delete()], description: 'archive, then scan' }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.delete()], description: 'archive then scan' }),
  },
  'workflow/source-file': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.delete({ source: js<SourceFile>('${upload.file}') })] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.delete({ source: SourceFile.ORIGINAL })] }),
  },
  'workflow/copy-destination-s3': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.copy({ destination: FileLocation.efs(files(s, 'fs-01234567'), '/copy/') })] }),
    holds: copyTo('copy/'),
  },
  'workflow/copy-tag-s3-only': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.tag({ tags: { stage: 'received' } })] }, Domain.EFS),
    holds: (s) => ingest(s, { steps: [WorkflowStep.tag({ tags: { stage: 'received' } })] }),
  },
  'workflow/tag-count': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.tag({ tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) })] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.tag({ tags: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v'])) })] }),
  },
  'workflow/tag-format': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.tag({ tags: { 'stage#1': 'ok' } })] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.tag({ tags: { 'stage:1': 'ok' } })] }),
  },
  'workflow/custom-timeout': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.custom({ function: fn(s), timeout: Duration.minutes(31) })] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.custom({ function: fn(s), timeout: Duration.minutes(30) })] }),
  },
  'workflow/custom-target': {
    breaks: (s) => ingest(s, {
      steps: [WorkflowStep.custom({ function: lambda.Function.fromFunctionArn(s, 'Foreign', 'arn:aws:states:eu-west-1:111111111111:stateMachine:scan') })],
    }),
    holds: (s) => ingest(s, {
      steps: [WorkflowStep.custom({ function: lambda.Function.fromFunctionArn(s, 'Foreign', 'arn:aws:lambda:eu-west-1:111111111111:function:scan') })],
    }),
  },
  'workflow/decrypt-destination': {
    // From JavaScript, an object that is no location: `WorkflowStep.decrypt()` takes it, the template has no destination.
    breaks: (s) => ingest(s, { steps: [WorkflowStep.decrypt({ destination: js<FileLocation>({ isS3: false }) })] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.decrypt({ destination: FileLocation.s3(archive(s), 'clear/') })] }),
  },
  'workflow/identical-steps': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.tag({ tags: { a: 'b' } }), WorkflowStep.delete(), WorkflowStep.tag({ name: 'again', tags: { a: 'b' } })] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.tag({ tags: { a: 'b' } }), WorkflowStep.tag({ name: 'again', tags: { a: 'c' } }), WorkflowStep.delete()] }),
  },
  'workflow/bucket-name': {
    breaks: (s) => ingest(s, { steps: [WorkflowStep.copy({ destination: FileLocation.s3(s3.Bucket.fromBucketName(s, 'Named', 'Archive_Bucket'), 'a/') })] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.copy({ destination: FileLocation.s3(s3.Bucket.fromBucketName(s, 'Named', 'archive-bucket'), 'a/') })] }),
  },
  'workflow/s3-key-length': {
    breaks: copyTo('k'.repeat(1025)),
    holds: copyTo('k'.repeat(1024)),
  },
  'workflow/s3-key-characters': {
    breaks: copyTo('in\tbox/'),
    holds: copyTo('in box/'),
  },
  'workflow/destination-key-widens-role': {
    breaks: copyTo('archive/*/'),
    holds: copyTo('archive/${transfer:UserName}/${transfer:UploadDate}/'),
  },
  'workflow/efs-file-system-id': {
    breaks: decryptToEfs('files-1', '/clear/'),
    holds: decryptToEfs('fs-01234567', '/clear/'),
  },
  'workflow/efs-path': {
    breaks: decryptToEfs('fs-01234567', ''),
    holds: decryptToEfs('fs-01234567', '/'),
  },
  'workflow/tags': {
    breaks: (s) => Tags.of(ingest(s, { steps: [WorkflowStep.delete()] })).add('aws:team', 'payments'),
    holds: (s) => Tags.of(ingest(s, { steps: [WorkflowStep.delete()] })).add('team', 'payments'),
  },
  'workflow/imported-id': {
    breaks: (s) => Workflow.fromWorkflowId(s, 'Ingest', 'arn:aws:transfer:eu-west-1:111111111111:workflow/w-0123456789abcdef0'),
    holds: (s) => Workflow.fromWorkflowId(s, 'Ingest', 'w-0123456789abcdef0'),
  },
  'workflow/source-locations-unknown': {
    breaks: (s) => new Workflow(s, 'Ingest', { steps: [WorkflowStep.delete()] }),
    holds: (s) => ingest(s, { steps: [WorkflowStep.delete()] }),
  },
};
