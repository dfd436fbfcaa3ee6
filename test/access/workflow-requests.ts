/**
 * What a Transfer Family workflow execution asks for, step by step, with the execution role the server
 * passes (https://docs.aws.amazon.com/transfer/latest/userguide/workflow-execution-role.html):
 *
 * - COPY reads the file and its tags (their version forms on a versioned bucket) and writes the copy
 *   with its tags; unless told to overwrite, it first looks at the destination (a listing).
 * - TAG reads and writes the file's tags. DELETE deletes the file.
 * - CUSTOM invokes the step's Lambda function.
 * - DECRYPT reads the file, the PGP private key secret of the uploading user
 *   (`aws/transfer/<server-id>/<user-name>`, https://docs.aws.amazon.com/transfer/latest/userguide/nominal-steps-workflow.html#decrypt-step-details),
 *   and writes the decrypted file.
 * - With SSE-KMS, S3 uses the buckets' keys with the role's permissions (`kms:ViaService` = S3).
 *
 * `${previous.file}` is what the step before produced (a copy or decrypt destination, otherwise that
 * step's own input); `${original.file}` the upload. Destinations replace `${transfer:UserName}` and
 * `${transfer:UploadDate}`; a key ending with `/` is a folder the file keeps its name in.
 */
import { Estate, EstateResource, PARTITION } from './estate';
import { IamRequest } from './evaluator';
import { Callers, Operation, RoleSession, S3Requests } from './principals';

/** The file a workflow runs for. */
export interface Upload {
  readonly bucket: string;
  readonly key: string;
  readonly userName: string;
  readonly uploadDate?: string;
}

interface File { readonly bucket: string; readonly key: string }

/** A workflow run on one upload: the execution role's session and each step's requests. */
export class WorkflowRun {
  public readonly role: RoleSession;
  public readonly steps: Operation[];
  public readonly exceptionSteps: Operation[];

  constructor(private readonly estate: Estate, public readonly server: EstateResource, public readonly workflow: EstateResource,
    private readonly upload: Upload) {
    const detail = [...(server.properties.WorkflowDetails?.OnUpload ?? []), ...(server.properties.WorkflowDetails?.OnPartialUpload ?? [])]
      .find((d: any) => d.WorkflowId === estate.physicalName(workflow));
    if (!detail) throw new Error(`access harness: server ${server.logicalId} does not run workflow ${workflow.logicalId}`);
    this.role = new Callers(estate).role(detail.ExecutionRole, `workflow ${workflow.logicalId}`);
    const s3 = new S3Requests(estate, workflow.stack.region);
    this.steps = this.walk(s3, workflow.properties.Steps ?? []);
    this.exceptionSteps = this.walk(s3, workflow.properties.OnExceptionSteps ?? []);
  }

  private walk(s3: S3Requests, steps: any[]): Operation[] {
    const original: File = { bucket: this.upload.bucket, key: this.upload.key };
    let previous = original;
    return steps.map((step) => {
      const details = step.CopyStepDetails ?? step.TagStepDetails ?? step.DeleteStepDetails ?? step.CustomStepDetails ?? step.DecryptStepDetails;
      const source = (details.SourceFileLocation ?? '${previous.file}') === '${original.file}' ? original : previous;
      const requests: IamRequest[] = [];
      const versioned = this.estate.bucketByName(source.bucket)?.properties.VersioningConfiguration?.Status === 'Enabled';
      const obj = (action: string, f: File) => ({ action, resource: `arn:${PARTITION}:s3:::${f.bucket}/${f.key}` });
      switch (step.Type) {
        case 'COPY':
        case 'DECRYPT': {
          requests.push(...s3.get(source.bucket, source.key));
          if (step.Type === 'COPY') requests.push(...s3.getTagging(source.bucket, source.key));
          if (versioned) {
            requests.push(obj('s3:GetObjectVersion', source));
            if (step.Type === 'COPY') requests.push(obj('s3:GetObjectVersionTagging', source));
          }
          if (step.Type === 'DECRYPT') {
            const serverId = this.estate.physicalName(this.server);
            requests.push({
              action: 'secretsmanager:GetSecretValue',
              resource: `arn:${PARTITION}:secretsmanager:${this.server.stack.region}:${this.server.stack.account}:secret:aws/transfer/${serverId}/${this.upload.userName}-AbCdEf`,
            });
          }
          const location = details.DestinationFileLocation?.S3FileLocation;
          if (location) {
            const destination = this.destination(location, source);
            requests.push(...s3.put(destination.bucket, destination.key));
            if (step.Type === 'COPY') requests.push(...s3.putTagging(destination.bucket, destination.key));
            if (details.OverwriteExisting !== 'TRUE') requests.push(...s3.list(destination.bucket, destination.key));
            previous = destination;
          }
          break;
        }
        case 'TAG':
          requests.push(...s3.getTagging(source.bucket, source.key), ...s3.putTagging(source.bucket, source.key));
          if (versioned) requests.push(obj('s3:PutObjectVersionTagging', source));
          break;
        case 'DELETE':
          requests.push(...s3.delete(source.bucket, source.key));
          break;
        case 'CUSTOM':
          requests.push({ action: 'lambda:InvokeFunction', resource: details.Target });
          break;
        default:
          throw new Error(`access harness: step type ${step.Type} is not modelled`);
      }
      return { label: `workflow ${this.workflow.logicalId} step ${details.Name} (${step.Type}) on ${source.bucket}/${source.key}`, requests };
    });
  }

  private destination(location: { Bucket: string; Key?: string }, source: File): File {
    const key = (location.Key ?? '')
      .replace(/\$\{transfer:UserName\}/g, this.upload.userName)
      .replace(/\$\{transfer:UploadDate\}/g, this.upload.uploadDate ?? '2026-12-01');
    const name = source.key.split('/').pop()!;
    return { bucket: location.Bucket, key: key === '' || key.endsWith('/') ? `${key}${name}` : key };
  }
}
