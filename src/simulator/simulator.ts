import { createHash } from 'crypto';
import { Aspects, CfnResource, Duration, Token } from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnServer, CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { IConstruct } from 'constructs';
import { AccessDecision, AccessRequest, IAccessEvaluator } from './access';
import { AppModel, AppRole } from './app-model';
import { CustomStepBehavior } from './custom-step';
import { AccessEvaluator } from './evaluators';
import { execute, ExecutionRecord, ExecutionServices, throttled } from './execution';
import { get, items } from './fields';
import { Labels } from './labels';
import { IamRequest, S3Requests } from './requests';
import { DeployedStack, PARTITION } from './resolve';
import { ExecutionStatus, SimulatedObject } from './results';
import { WorkflowRun } from './run';
import { TemplateStep } from './steps/context';
import { FileRef, FileStore } from './store';
import { templateSteps } from './template-steps';
import { FileLocation } from '../location/file-location';
import type { ITransferServer } from '../server/server-ref';
import { Workflow } from '../workflow/workflow';

/** Properties of a `WorkflowSimulator`. */
export interface WorkflowSimulatorProps {
  /**
   * The server whose uploads start the workflow (its `onUpload` or `onPartialUpload`): the execution
   * role is the one it passes, decrypt steps read its PGP key secrets, and its id is in custom steps'
   * input.
   *
   * @default - the one server of the app that runs the workflow; with none, the workflow's
   * `executionRole` and a stand-in server id
   */
  readonly server?: ITransferServer;
  /**
   * The S3 objects there before the first upload, by `<bucket>/<key>`. `<bucket>` is the bucket's
   * construct id in any case (`landing` or `Landing` for `new s3.Bucket(this, 'Landing')`), its construct
   * path, or its name (a name given in the app, or the name of a bucket outside it).
   *
   * @default - none
   */
  readonly objects?: Record<string, SimulatedObject>;
  /**
   * The EFS files there before the first upload, by `<file system><path>`, the file system named as
   * buckets are in `objects` (`shared/home/acme/a.csv`).
   *
   * @default - none
   */
  readonly files?: Record<string, SimulatedObject>;
  /**
   * What each custom step (`WorkflowStep.custom()` or `WorkflowStep.runStateMachine()`) reports, by step
   * name (the name given, or the generated one such as `custom-3` or `state-machine-2`). A TypeScript-only
   * API would take functions here; jsii has none, so these are `CustomStepBehavior.succeed()`, `.fail()`,
   * `.timeOut()` or `.fromHandler(handler)`.
   *
   * @default - no custom step reports: each one fails with TIMEOUT
   */
  readonly customSteps?: Record<string, CustomStepBehavior>;
  /**
   * The upload date `${transfer:UploadDate}` stands for, `YYYY-MM-DD` (UTC).
   *
   * @default - today, in UTC
   */
  readonly uploadDate?: string;
  /**
   * Decides each request of the steps; a denied request fails its step with PERMISSION_DENIED.
   *
   * @default AccessEvaluator.iamSimulate() - needs the npm package `@cloud-copilot/iam-simulate`
   * (AGPL-3.0-or-later), which this library does not install
   */
  readonly evaluator?: IAccessEvaluator;
  /**
   * The users whose PGP private key the server keeps in Secrets Manager
   * (`aws/transfer/<server-id>/<user-name>`), and `@pgp-default` for the server's default key. A decrypt
   * step for a user with neither fails with NOT_FOUND.
   *
   * @default - every user has a key
   */
  readonly pgpKeys?: string[];
}

/** Options of `WorkflowSimulator.upload()`. */
export interface UploadOptions {
  /** The user who uploads (`${transfer:UserName}`). */
  readonly user: string;
  /** Where the file is uploaded: `FileLocation.s3(bucket, key)` (the object's full key) or `FileLocation.efs(fileSystem, path)`. */
  readonly file: FileLocation;
  /**
   * The file's content. An empty file starts no workflow (`run.status` is `NOT_STARTED`).
   *
   * @default - a few bytes of text
   */
  readonly body?: string;
  /**
   * The uploaded object's tags.
   *
   * @default - none
   */
  readonly tags?: Record<string, string>;
  /**
   * How long after the previous upload this one happens. Transfer Family starts a burst of 100
   * executions, then one per second: an upload beyond that is THROTTLED.
   *
   * @default Duration.seconds(0)
   */
  readonly after?: Duration;
}

/** Transfer Family's execution rate limit: a token bucket of 100, refilled at one per second. */
const THROTTLE_BURST = 100;
const THROTTLE_REFILL_PER_SECOND = 1;
const STAND_IN_SERVER_ID = 's-00000000000000000';
const DEFAULT_BODY = 'uploaded by WorkflowSimulator\n';

/**
 * Runs a workflow of this library locally on uploaded files and reports the execution AWS would: the
 * status and step results of `DescribeExecution`
 * (https://docs.aws.amazon.com/transfer/latest/APIReference/API_DescribeExecution.html), the S3 objects
 * and EFS files afterwards, and every request the steps made with the execution role, each decided
 * against the role's policies (and the KMS key or bucket policy) as the app will deploy them.
 *
 * It reads the workflow's `AWS::Transfer::Workflow` steps, resolved, so it runs exactly what will be
 * deployed. Build the app first: creating the simulator writes the execution role's statements, as
 * synthesis does, and no step, server or user may be added to the workflow afterwards. Nothing is
 * deployed and no AWS API is called; custom steps report what `customSteps` says.
 *
 * The app is read when the simulator is created: change it before, not after. Files persist from one
 * `upload()` to the next, so a second upload sees what the first left.
 */
export class WorkflowSimulator {
  private readonly model: AppModel;
  private readonly workflowStack: DeployedStack;
  private readonly workflowId: string;
  private readonly steps: TemplateStep[];
  private readonly exceptionSteps: TemplateStep[];
  private readonly role: AppRole;
  private readonly server: { readonly id: string; readonly region: string; readonly account: string };
  private readonly evaluator: IAccessEvaluator;
  private readonly customSteps: Record<string, CustomStepBehavior>;
  private readonly uploadDate: string;
  private readonly pgpKeys?: string[];
  private readonly store = new FileStore();
  private readonly buckets: Labels;
  private readonly fileSystems: Labels;
  private readonly s3: S3Requests;
  private executions = 0;
  private tokens = THROTTLE_BURST;

  constructor(workflow: Workflow, props: WorkflowSimulatorProps = {}) {
    const where = 'WorkflowSimulator';
    if (!Workflow.isWorkflow(workflow)) throw new Error(`${where}: \`workflow\` must be a Workflow of cdk-transfer-family.`);
    if (props === null || typeof props !== 'object') throw new Error(`${where}: \`props\` must be an object.`);
    finalizeExecutionRoles(workflow);

    this.model = new AppModel(workflow.node.root);
    const cfn = workflow.node.defaultChild as CfnWorkflow;
    this.workflowStack = this.model.stackOf(workflow);
    this.workflowId = String(this.model.value(workflow, workflow.workflowId));
    this.steps = templateSteps(this.model.value(cfn, cfn.steps));
    this.exceptionSteps = templateSteps(this.model.value(cfn, cfn.onExceptionSteps));
    const server = this.findServer(workflow, props.server);
    this.server = server;
    this.role = this.model.role(server.roleArn);
    this.customSteps = checkCustomSteps(where, props.customSteps, [...this.steps, ...this.exceptionSteps]);
    this.uploadDate = checkDate(where, props.uploadDate);
    this.pgpKeys = props.pgpKeys === undefined ? undefined : [...props.pgpKeys];
    if (props.evaluator !== undefined && typeof (props.evaluator as IAccessEvaluator)?.evaluate !== 'function') {
      throw new Error(`${where}: \`evaluator\` must be an object with an \`evaluate(request)\` method.`);
    }
    this.evaluator = props.evaluator ?? AccessEvaluator.iamSimulate();
    this.buckets = new Labels(this.model, 'AWS::S3::Bucket', (c) => typeof this.model.value(c, (c as s3.CfnBucket).bucketName) === 'string');
    this.fileSystems = new Labels(this.model, 'AWS::EFS::FileSystem', () => false);
    this.s3 = new S3Requests((bucket) => this.bucketFacts(bucket));
    for (const [key, object] of Object.entries(props.objects ?? {})) this.seed(where, 'objects', key, object, 'S3');
    for (const [key, object] of Object.entries(props.files ?? {})) this.seed(where, 'files', key, object, 'EFS');
  }

  /** The S3 objects now, keyed as `run.objects` is. */
  public get objects(): Record<string, SimulatedObject> {
    return this.snapshot('S3');
  }

  /** The EFS files now, keyed as `run.files` is. */
  public get files(): Record<string, SimulatedObject> {
    return this.snapshot('EFS');
  }

  /**
   * Upload a file as `user` and run the workflow on it, as the server does once the upload completes.
   * Resolves to the execution's results.
   */
  public async upload(options: UploadOptions): Promise<WorkflowRun> {
    const where = 'WorkflowSimulator.upload()';
    if (options === null || typeof options !== 'object') throw new Error(`${where}: \`options\` must be an object.`);
    if (typeof options.user !== 'string' || options.user === '') throw new Error(`${where}: \`user\` must be a user name.`);
    const file = this.fileRef(where, options.file);
    const body = options.body ?? DEFAULT_BODY;
    if (typeof body !== 'string') throw new Error(`${where}: \`body\` must be a string.`);
    const after = options.after?.toSeconds({ integral: false }) ?? 0;

    const n = ++this.executions;
    const executionId = `${hex(`execution-${n}`, 8)}-${hex(`e${n}`, 4)}-4${hex(`f${n}`, 3)}-8${hex(`g${n}`, 3)}-${hex(`h${n}`, 12)}`;
    this.store.put(file, body, options.tags ?? {}, file.domain === 'S3' && this.s3.versioned(file.bucket));

    let record: ExecutionRecord;
    if (body === '') {
      record = { status: ExecutionStatus.NOT_STARTED, steps: [], onExceptionSteps: [], requests: [] };
    } else {
      this.tokens = Math.min(THROTTLE_BURST, this.tokens + after * THROTTLE_REFILL_PER_SECOND);
      if (this.tokens < 1) {
        record = throttled(this.steps);
      } else {
        this.tokens -= 1;
        record = execute(this.services(options.user, executionId), this.steps, this.exceptionSteps, file);
      }
    }
    return WorkflowRun._of({
      executionId,
      ...record,
      objects: this.snapshot('S3'),
      files: this.snapshot('EFS'),
      bucketLabel: (bucket: s3.IBucket) => this.buckets.labelOf(String(this.model.value(bucket, bucket.bucketName))),
      fileSystemLabel: (fileSystem: efs.IFileSystem) => this.fileSystems.labelOf(String(this.model.value(fileSystem, fileSystem.fileSystemId))),
    });
  }

  // ---------------------------------------------------------------------------------------------

  private services(userName: string, executionId: string): ExecutionServices {
    const wf = this.workflowStack;
    return {
      store: this.store,
      s3: this.s3,
      userName,
      uploadDate: this.uploadDate,
      workflowId: this.workflowId,
      executionId,
      sessionId: hex(`session-${executionId}`, 16),
      serverId: this.server.id,
      region: wf.region,
      sessionArn: this.sessionArn(),
      decide: (request) => this.decide(request),
      bucketRegion: (bucket) => this.bucketFacts(bucket).region,
      fileSystemArn: (id) => {
        const fs = this.model.ofType('AWS::EFS::FileSystem').find((r) => this.model.physicalName(r) === id);
        return fs ? this.model.arnOf(fs) : `arn:${PARTITION}:elasticfilesystem:${wf.region}:${wf.account}:file-system/${id}`;
      },
      customBehavior: (name) => this.customSteps[name],
      hasPgpKey: (name) => this.pgpKeys === undefined || this.pgpKeys.includes(name),
      pgpSecretArn: (name) => `arn:${PARTITION}:secretsmanager:${this.server.region}:${this.server.account}:secret:aws/transfer/${this.server.id}/${name}-AbCdEf`,
      label: (f) => this.labelOf(f),
    };
  }

  private decide(request: IamRequest): AccessDecision {
    const role = this.role;
    const context: Record<string, string> = {
      'aws:PrincipalArn': role.arn,
      'aws:PrincipalAccount': role.account,
      'aws:SecureTransport': 'true',
      ...(request.action.startsWith('kms:') ? { 'kms:CallerAccount': role.account } : {}),
    };
    const multiValueContext: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(request.context ?? {})) {
      if (Array.isArray(v)) multiValueContext[k] = v;
      else context[k] = v;
    }
    const arnAccount = request.resource.split(':')[4];
    const access: AccessRequest = {
      action: request.action,
      resource: request.resource,
      resourceAccount: /^\d{12}$/.test(arnAccount ?? '') ? arnAccount : role.account,
      principalArn: role.arn,
      sessionArn: this.sessionArn(),
      principalAccount: role.account,
      context,
      multiValueContext,
      identityPolicies: [...role.policies],
      resourcePolicy: this.resourcePolicy(request),
    };
    const decision = this.evaluator.evaluate(access);
    if (decision === null || typeof decision !== 'object' || typeof decision.allowed !== 'boolean') {
      throw new Error(`WorkflowSimulator: the evaluator returned ${JSON.stringify(decision)} for ${request.action}; expected { allowed: boolean, result: string }.`);
    }
    return { allowed: decision.allowed, result: decision.result ?? (decision.allowed ? 'Allowed' : 'ImplicitlyDenied') };
  }

  /** The resource policy AWS evaluates with a request: a key policy for KMS, a bucket policy for S3. */
  private resourcePolicy(request: IamRequest): string | undefined {
    if (request.action.startsWith('kms:')) {
      const known = this.model.keyPolicy(request.resource);
      if (known !== undefined) return known;
      // A key outside the app: assume the default key policy, which lets the account's IAM policies grant
      // (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
      const account = request.resource.split(':')[4];
      return JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${PARTITION}:iam::${account || this.role.account}:root` }, Action: 'kms:*', Resource: '*' }],
      });
    }
    if (request.action.startsWith('s3:')) {
      const bucket = request.resource.replace(/^arn:[^:]+:s3:::/, '').split('/')[0];
      return this.bucketFacts(bucket).policy;
    }
    return undefined;
  }

  private bucketFacts(bucket: string) {
    return this.model.bucket(bucket, this.workflowStack.region, this.workflowStack.account);
  }

  private sessionArn(): string {
    return `arn:${PARTITION}:sts::${this.role.account}:assumed-role/${this.role.name}/transfer-workflow`;
  }

  /**
   * The server that runs the workflow and the execution role it passes (`WorkflowDetails`), the server
   * given or the one of the app; without one, the workflow's own role.
   */
  private findServer(workflow: Workflow, given: ITransferServer | undefined) {
    const model = this.model;
    const detailsOf = (cfn: CfnServer) => {
      const details = model.value(cfn, cfn.workflowDetails);
      const list = (camel: string, pascal: string) => items(get(details, camel) ?? get(details, pascal));
      return [...list('onUpload', 'OnUpload'), ...list('onPartialUpload', 'OnPartialUpload')]
        .find((d) => (get(d, 'workflowId') ?? get(d, 'WorkflowId')) === this.workflowId);
    };
    const ownRole = () => {
      if (!workflow.executionRole) throw new Error('WorkflowSimulator: the workflow has no execution role.');
      return String(model.value(workflow, workflow.executionRole.roleArn));
    };
    const fromCfn = (cfn: CfnServer) => {
      const detail = detailsOf(cfn);
      const stack = model.stackOf(cfn);
      const id = String(model.value(cfn, cfn.attrServerId));
      return { id, region: stack.region, account: stack.account, roleArn: detail ? String(get(detail, 'executionRole') ?? get(detail, 'ExecutionRole')) : '' };
    };
    if (given !== undefined) {
      if (given === null || typeof given !== 'object' || typeof given.serverId !== 'string') {
        throw new Error('WorkflowSimulator: `server` must be an ITransferServer (a TransferServer, or one imported with TransferServer.fromServerAttributes()).');
      }
      const cfn = given.node.defaultChild;
      if (CfnResource.isCfnResource(cfn) && cfn.cfnResourceType === CfnServer.CFN_RESOURCE_TYPE_NAME) {
        const found = fromCfn(cfn as CfnServer);
        if (found.roleArn === '') {
          throw new Error(`WorkflowSimulator: server ${given.node.path} does not run workflow ${workflow.node.path} (neither onUpload nor onPartialUpload).`);
        }
        return found;
      }
      const stack = model.stackOf(given);
      return { id: String(model.value(given, given.serverId)), region: stack.region, account: stack.account, roleArn: ownRole() };
    }
    const running = model.ofType(CfnServer.CFN_RESOURCE_TYPE_NAME).map((r) => fromCfn(r.cfn as CfnServer)).filter((s) => s.roleArn !== '');
    if (running.length > 1) {
      throw new Error(`WorkflowSimulator: ${running.length} servers run workflow ${workflow.node.path}; say which one uploads with the \`server\` prop.`);
    }
    if (running.length === 1) return running[0];
    return { id: STAND_IN_SERVER_ID, region: this.workflowStack.region, account: this.workflowStack.account, roleArn: ownRole() };
  }

  private fileRef(where: string, file: FileLocation): FileRef {
    if (!(file instanceof FileLocation)) {
      throw new Error(`${where}: \`file\` must be a FileLocation (\`FileLocation.s3(bucket, key)\` or \`FileLocation.efs(fileSystem, path)\`).`);
    }
    if (file.bucket) {
      const key = file.key ?? '';
      if (key === '' || key.endsWith('/') || Token.isUnresolved(key)) throw new Error(`${where}: \`file\` must name an object (a key not ending with /), got ${JSON.stringify(key)}.`);
      return { domain: 'S3', bucket: String(this.model.value(file.bucket, file.bucket.bucketName)), key };
    }
    const path = file.path ?? '';
    if (!path.startsWith('/') || path.endsWith('/')) throw new Error(`${where}: \`file\` must name an EFS file (a path starting with /), got ${JSON.stringify(path)}.`);
    return { domain: 'EFS', fileSystemId: String(this.model.value(file.fileSystem!, file.fileSystem!.fileSystemId)), path };
  }

  private seed(where: string, prop: string, text: string, object: SimulatedObject, domain: 'S3' | 'EFS'): void {
    if (object === null || typeof object !== 'object' || typeof object.body !== 'string') {
      throw new Error(`${where}: \`${prop}[${JSON.stringify(text)}]\` must be { body: string, tags?: { ... } }.`);
    }
    if (domain === 'S3') {
      const parsed = this.buckets.parse(text);
      if (!parsed || parsed.rest === '') throw new Error(`${where}: \`${prop}\` keys are \`<bucket>/<key>\`, got ${JSON.stringify(text)}.`);
      const ref: FileRef = { domain: 'S3', bucket: parsed.deployed, key: parsed.rest };
      this.store.put(ref, object.body, object.tags ?? {}, this.s3.versioned(ref.bucket));
    } else {
      const parsed = this.fileSystems.parse(text);
      if (!parsed || parsed.rest === '') throw new Error(`${where}: \`${prop}\` keys are \`<file system>/<path>\`, got ${JSON.stringify(text)}.`);
      this.store.put({ domain: 'EFS', fileSystemId: parsed.deployed, path: `/${parsed.rest}` }, object.body, {}, false);
    }
  }

  private labelOf(f: FileRef): string {
    return f.domain === 'S3' ? `${this.buckets.labelOf(f.bucket)}/${f.key}` : `${this.fileSystems.labelOf(f.fileSystemId)}${f.path}`;
  }

  private snapshot(domain: 'S3' | 'EFS'): Record<string, SimulatedObject> {
    const out: Record<string, SimulatedObject> = {};
    for (const { ref, file } of this.store.entries()) {
      if (ref.domain === domain) out[this.labelOf(ref)] = FileStore.view(file, domain === 'S3');
    }
    return out;
  }
}

/**
 * Write the execution role's statements now, as synthesis would: the workflow does it in an aspect of its
 * own (the library's `Workflow` computes them from its steps and servers), and so do the other workflows
 * that share the role.
 */
function finalizeExecutionRoles(workflow: Workflow): void {
  const role: iam.IRole | undefined = workflow.executionRole;
  const sharing = workflow.node.root.node.findAll()
    .filter((c): c is Workflow => Workflow.isWorkflow(c) && (c === workflow || (role !== undefined && c.executionRole === role)));
  for (const w of sharing) {
    for (const aspect of Aspects.of(w).all) aspect.visit(w as IConstruct);
  }
}

function checkCustomSteps(where: string, given: Record<string, CustomStepBehavior> | undefined,
  steps: TemplateStep[]): Record<string, CustomStepBehavior> {
  if (given === undefined) return {};
  if (given === null || typeof given !== 'object') throw new Error(`${where}: \`customSteps\` must be an object of CustomStepBehavior by step name.`);
  const custom = steps.filter((s) => s.type === 'CUSTOM').map((s) => s.name);
  for (const [name, behavior] of Object.entries(given)) {
    if (!custom.includes(name)) {
      throw new Error(`${where}: \`customSteps\` names ${JSON.stringify(name)}, which is no custom step of the workflow; its custom steps are ${custom.length === 0 ? 'none' : custom.map((c) => JSON.stringify(c)).join(', ')}.`);
    }
    if (!(behavior instanceof CustomStepBehavior)) {
      throw new Error(`${where}: \`customSteps[${JSON.stringify(name)}]\` must be a CustomStepBehavior `
        + '(`CustomStepBehavior.succeed()`, `.fail()`, `.timeOut()` or `.fromHandler(handler)`).');
    }
  }
  return { ...given };
}

function checkDate(where: string, date: string | undefined): string {
  if (date === undefined) return new Date().toISOString().slice(0, 10);
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new Error(`${where}: \`uploadDate\` must be a date as YYYY-MM-DD, got ${JSON.stringify(date)}.`);
  }
  return date;
}

function hex(s: string, n: number): string {
  return createHash('sha256').update(s).digest('hex').slice(0, n);
}
