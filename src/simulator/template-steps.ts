/**
 * The steps of an `AWS::Transfer::Workflow` as the template holds them, in one shape. aws-cdk-lib keeps
 * what it was given: this library writes the copy, tag, custom and delete details in CloudFormation's
 * PascalCase and the decrypt details in aws-cdk-lib's camelCase, and a user's override may use either.
 */
import { field } from './fields';
import { TemplateStep } from './steps/context';

const DETAILS = ['CopyStepDetails', 'CustomStepDetails', 'DecryptStepDetails', 'DeleteStepDetails', 'TagStepDetails'];

/** A value as text; `undefined` when absent. */
function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** A list the template must hold as one. */
function list(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`WorkflowSimulator: a workflow step's ${name} did not resolve to a list`);
  return value;
}

/** The steps, resolved to deployed values, as `TemplateStep`s. */
export function templateSteps(resolved: unknown): TemplateStep[] {
  if (resolved === undefined) return [];
  if (!Array.isArray(resolved)) throw new Error('WorkflowSimulator: the workflow\'s steps did not resolve to a list');
  return resolved.map((raw: unknown, i) => {
    const type = String(field(raw, 'Type'));
    const details = DETAILS.map((d) => field(raw, d)).find((d) => d !== undefined) ?? {};
    const destination = field(details, 'DestinationFileLocation');
    const s3 = field(destination, 'S3FileLocation');
    const efs = field(destination, 'EfsFileLocation');
    const tags = field(details, 'Tags');
    const timeout = field(details, 'TimeoutSeconds');
    return {
      type,
      name: text(field(details, 'Name')) ?? `${type.toLowerCase()}-${i + 1}`,
      source: text(field(details, 'SourceFileLocation')) ?? '${previous.file}',
      s3Destination: s3 ? { bucket: String(field(s3, 'Bucket')), key: String(field(s3, 'Key') ?? '') } : undefined,
      efsDestination: efs ? { fileSystemId: String(field(efs, 'FileSystemId')), path: String(field(efs, 'Path') ?? '') } : undefined,
      overwrite: text(field(details, 'OverwriteExisting')),
      tags: tags === undefined || tags === null ? undefined : list(tags, 'Tags').map((t) => ({ key: String(field(t, 'Key')), value: String(field(t, 'Value') ?? '') })),
      target: text(field(details, 'Target')),
      timeoutSeconds: timeout === undefined ? undefined : Number(timeout),
    };
  });
}
