import { App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ENV, fn } from '../support/stacks';
import {
  FileLocation, HomeDirectory, TransferServer, Workflow, WorkflowSimulator, WorkflowSimulatorProps, WorkflowStep,
} from 'cdk-transfer-family';

/** The upload date of every simulation here. */
export const UPLOAD_DATE = '2026-12-01';

/** The buckets and function steps of the fixtures use. */
export interface Places {
  readonly stack: Stack;
  /** Where users upload (`landing`), versioned. */
  readonly landing: s3.Bucket;
  /** An SSE-KMS bucket with its own key (`archive`). */
  readonly archive: s3.Bucket;
  readonly archiveKey: kms.Key;
  /** A plain bucket (`quarantine`). */
  readonly quarantine: s3.Bucket;
  readonly scanner: ReturnType<typeof fn>;
}

/** A workflow on a server whose users alice and bob upload under `landing/in/<user>/`. */
export interface Ingest extends Places {
  readonly app: App;
  readonly workflow: Workflow;
  readonly server: TransferServer;
  /** A simulator of the workflow (the props given, the upload date fixed). */
  simulator(props?: WorkflowSimulatorProps): WorkflowSimulator;
  /** `FileLocation.s3(landing, 'in/<user>/<name>')`. */
  upload(user: string, name: string): FileLocation;
}

export interface IngestOptions {
  readonly steps: (p: Places) => WorkflowStep[];
  readonly onException?: (p: Places) => WorkflowStep[];
  readonly executionRole?: (stack: Stack) => iam.IRole;
  /** Change the app after it is built (narrow the role, ...). */
  readonly after?: (e: Omit<Ingest, 'simulator' | 'upload'>) => void;
}

/** Build the app. */
export function ingest(options: IngestOptions): Ingest {
  const app = new App();
  const stack = new Stack(app, 'Ingest', { env: ENV });
  const archiveKey = new kms.Key(stack, 'ArchiveKey');
  const places: Places = {
    stack,
    landing: new s3.Bucket(stack, 'Landing', { versioned: true, enforceSSL: true }),
    archive: new s3.Bucket(stack, 'Archive', { encryptionKey: archiveKey }),
    archiveKey,
    quarantine: new s3.Bucket(stack, 'Quarantine'),
    scanner: fn(stack, 'Scanner'),
  };
  const workflow = new Workflow(stack, 'Workflow', {
    steps: options.steps(places),
    onException: options.onException?.(places),
    executionRole: options.executionRole?.(stack),
  });
  const server = new TransferServer(stack, 'Server', { onUpload: workflow });
  for (const user of ['alice', 'bob']) {
    server.addUser(user, { userName: user, homeDirectory: HomeDirectory.chroot(places.landing, `in/${user}`) });
  }
  const built = { ...places, app, workflow, server };
  options.after?.(built);
  return {
    ...built,
    simulator: (props = {}) => new WorkflowSimulator(workflow, { uploadDate: UPLOAD_DATE, ...props }),
    upload: (user, name) => FileLocation.s3(places.landing, `in/${user}/${name}`),
  };
}

/** A custom step on the fixtures' scanner. */
export function scan(p: Places, name = 'scan'): WorkflowStep {
  return WorkflowStep.custom({ name, function: p.scanner, timeout: Duration.minutes(5) });
}

/** The step results without messages: type, name, error type. */
export function summary(steps: ReadonlyArray<{ stepType: string; name: string; error?: { type: string } }>): string[] {
  return steps.map((s) => `${s.stepType} ${s.name}${s.error ? ` ${s.error.type}` : ''}`);
}
