import { AspectPriority, Aspects, IResource, Lazy, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { aws_transfer as transferRefs } from 'aws-cdk-lib/interfaces';
import { Construct, IConstruct } from 'constructs';
import { WorkflowStep } from './steps';
import { BoundStep } from './steps/base';
import { separatePolicyGrantee } from './workflow-grants';
import { executionPolicy, Flow, StepNames, traceFlow } from './workflow-policy';
import { importedWorkflowSubject, stepSubjects, WORKFLOW_RULES } from './workflow-rules';
import { invalid as invalidValue, optionalArray, optionalMembers, optionalString, requireId, requireMembers, requireObject, requireString } from '../private/input';
import { acknowledgeWildcardResource } from '../private/nag';
import { tagProblems } from '../private/tags';
import { transferServicePrincipalFor } from '../private/transfer-principal';
import type { ITransferServer } from '../server/server-ref';

/**
 * A Transfer Family workflow, owned or imported: an aws-cdk-lib `IWorkflowRef` too, so that it can be
 * given wherever aws-cdk-lib takes one (e.g. `TransferStepCallback`'s `workflows`).
 */
export interface IWorkflow extends IResource, transferRefs.IWorkflowRef {
  /**
   * The workflow id, `w-` and 17 characters.
   *
   * @attribute
   */
  readonly workflowId: string;
  /**
   * The workflow ARN.
   *
   * @attribute
   */
  readonly workflowArn: string;
  /**
   * The role the service assumes to run the workflow's steps. A server needs it to attach the
   * workflow; an imported workflow has it only when given at import.
   */
  readonly executionRole?: iam.IRole;

  /**
   * Let `grantee` report the outcome of a custom step of this workflow (`transfer:SendWorkflowStepState`
   * on this workflow only).
   */
  grantSendStepState(grantee: iam.IGrantable): iam.Grant;
}

/** Properties of a `Workflow`. */
export interface WorkflowProps {
  /**
   * The steps run on each uploaded file, in order (1 to 8, with those added by `addStep()`).
   *
   * @default - none here; add them with `addStep()`
   */
  readonly steps?: WorkflowStep[];
  /**
   * The steps run when a step fails (0 to 8). A custom step fails when its function reports FAILURE
   * or does not report in time.
   *
   * @default - none
   */
  readonly onException?: WorkflowStep[];
  /**
   * A description, at most 256 letters, digits, spaces, `_` and `-`.
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * The role the service assumes to run the steps. The workflow adds to it the permissions its steps
   * need; to keep a role as it is, pass `iam.Role.fromRoleArn(this, id, arn, { mutable: false })`.
   *
   * @default - a role is created, trusted by Transfer Family only on behalf of this workflow (its ARN as
   * `aws:SourceArn`, this account as `aws:SourceAccount`); to share one role between workflows, create it
   * and pass it to each
   */
  readonly executionRole?: iam.IRole;
}

/** Attributes of an existing workflow, for `Workflow.fromWorkflowAttributes`. */
export interface WorkflowAttributes {
  /** The workflow id, `w-...`. */
  readonly workflowId: string;
  /**
   * The role servers pass to the workflow. Servers of this library need it to attach the workflow.
   *
   * @default - none
   */
  readonly executionRole?: iam.IRole;
}

/** The mark of a `Workflow` of this library, the same in every copy of the library an app loads. */
const WORKFLOW_SYMBOL: unique symbol = Symbol.for('cdk-transfer-family.Workflow');

/** What owned and imported workflows have in common. */
export abstract class WorkflowBase extends Resource implements IWorkflow {
  public abstract readonly workflowId: string;
  public abstract readonly workflowArn: string;
  public abstract readonly executionRole?: iam.IRole;

  /** A reference to this workflow for aws-cdk-lib's `IWorkflowRef` consumers (e.g. `TransferStepCallback`). */
  public get workflowRef(): transferRefs.WorkflowReference {
    return { workflowId: this.workflowId, workflowArn: this.workflowArn };
  }

  /**
   * Let `grantee` report the outcome of a custom step of this workflow (`transfer:SendWorkflowStepState`
   * on this workflow only).
   *
   * For a role (a Lambda function's, for example) the statement goes into a policy of its own, created
   * in this workflow, rather than the role's default policy: a function waits for its default policy,
   * and this workflow waits for the functions of its custom steps.
   */
  public grantSendStepState(grantee: iam.IGrantable): iam.Grant {
    requireGrantable('workflow.grantSendStepState()', 'grantee', grantee);
    return iam.Grant.addToPrincipal({
      grantee: separatePolicyGrantee(this, grantee),
      actions: ['transfer:SendWorkflowStepState'],
      resourceArns: [this.workflowArn],
    });
  }
}

/**
 * A Transfer Family workflow (`AWS::Transfer::Workflow`): steps run on each uploaded file, with an
 * execution role generated from the steps.
 *
 * The role may do exactly what the steps do, where they do it: read, tag and delete the uploaded file
 * under the home locations of the servers the workflow is attached to, write under each copy or decrypt
 * destination, invoke each custom step's function, read the PGP key secrets of the attached servers for
 * decrypt steps, and use the buckets' KMS keys through S3. It is computed when the app is synthesized,
 * so users and steps added later count.
 *
 * Steps and description cannot change in place: CloudFormation replaces the workflow, and the servers
 * it is attached to follow the new workflow id.
 */
export class Workflow extends WorkflowBase {
  /**
   * Import a workflow by id (`w-` and 17 lowercase letters or digits). It has no execution role: servers
   * of this library cannot attach it.
   */
  public static fromWorkflowId(scope: Construct, id: string, workflowId: string): IWorkflow {
    const where = 'Workflow.fromWorkflowId()';
    requireScope(where, scope, id);
    requireString(where, 'workflowId', workflowId);
    return importWorkflow(scope, id, workflowId, undefined);
  }

  /** Import a workflow with the role servers should pass to it. */
  public static fromWorkflowAttributes(scope: Construct, id: string, attrs: WorkflowAttributes): IWorkflow {
    const where = 'Workflow.fromWorkflowAttributes()';
    requireScope(where, scope, id);
    requireObject(where, 'attrs', attrs);
    requireString(where, 'workflowId', attrs.workflowId);
    optionalMembers(where, 'executionRole', attrs.executionRole, 'an iam.IRole', ['roleArn']);
    return importWorkflow(scope, id, attrs.workflowId, attrs.executionRole);
  }

  /** Whether `x` is a `Workflow` of this library. */
  public static isWorkflow(x: unknown): x is Workflow {
    return x !== null && typeof x === 'object' && (x as Workflow)[WORKFLOW_SYMBOL] === true;
  }

  public readonly workflowId: string;
  public readonly workflowArn: string;
  /**
   * The role the service assumes to run the steps: the one given, or the one created with the
   * permissions of the steps. Always set on a `Workflow` (optional only because imported workflows may
   * have none, and jsii keeps an inherited property's optionality).
   */
  public readonly executionRole?: iam.IRole;

  /** What `isWorkflow` looks for. */
  private readonly [WORKFLOW_SYMBOL] = true;
  private readonly resource: CfnWorkflow;
  private readonly role: iam.IRole;
  private readonly steps: BoundStep[] = [];
  private readonly exceptionSteps: BoundStep[] = [];
  private readonly servers: ITransferServer[] = [];
  private readonly description?: string;
  /** The names and the flow, once the execution role is written and the steps can no longer change. */
  private settled?: { readonly names: StepNames; readonly flow: Flow };

  constructor(scope: Construct, id: string, props: WorkflowProps = {}) {
    requireScope('Workflow', scope, id);
    const { steps, onException } = checkProps(props);
    super(scope, id);
    this.description = props.description;

    this.resource = new CfnWorkflow(this, 'Resource', {
      description: props.description,
      steps: Lazy.any({ produce: () => render(this.steps, this.layout().names.steps) }),
      onExceptionSteps: Lazy.any({ produce: () => render(this.exceptionSteps, this.layout().names.exceptionSteps) }, { omitEmptyArray: true }),
    });
    this.workflowId = this.resource.attrWorkflowId;
    this.workflowArn = this.resource.attrArn;

    const role = props.executionRole ?? new iam.Role(this, 'ExecutionRole', {
      description: `Runs the steps of Transfer Family workflow ${this.node.path}`,
      // The service assumes the role in the context of the workflow's ARN: this workflow's own ARN,
      // as the user guide recommends. The workflow does not reference its execution role (the servers
      // that run it do), so the role may depend on the workflow without a cycle.
      assumedBy: transferServicePrincipalFor(this, [this.workflowArn]),
    });
    this.executionRole = role;
    this.role = role;

    for (const step of steps) this.addStep(step);
    for (const step of onException) this.addExceptionStep(step);

    // The role's statements depend on the servers' home locations, which users add until synthesis:
    // they are written once the whole app is built, before references across stacks are resolved.
    Aspects.of(this).add({ visit: (node: IConstruct) => { if (node === this) this.finalizeExecutionRole(); } },
      { priority: AspectPriority.MUTATING });

    WORKFLOW_RULES.attach(this, () => {
      const { names, flow } = this.layout();
      return {
        steps: stepSubjects(this.steps, names.steps),
        exceptionSteps: stepSubjects(this.exceptionSteps, names.exceptionSteps),
        flow,
        description: this.description,
        servers: this.servers,
        tagProblems: tagProblems(this.resource),
      };
    });
  }

  /** Add a step after the others. */
  public addStep(step: WorkflowStep): void {
    this.steps.push(this.bind('workflow.addStep()', step));
  }

  /** Add an exception-handling step after the others. */
  public addExceptionStep(step: WorkflowStep): void {
    this.exceptionSteps.push(this.bind('workflow.addExceptionStep()', step));
  }

  /**
   * Tell the workflow that `server` runs it (`onUpload` or `onPartialUpload`): its steps act on files
   * under the server's home locations, and decrypt steps read the server's PGP key secrets.
   * `TransferServer` calls this itself.
   */
  public addSourceServer(server: ITransferServer): void {
    const where = 'workflow.addSourceServer()';
    requireMembers(where, 'server', server, 'an ITransferServer (a `TransferServer`, or one imported with `TransferServer.fromServerAttributes()`)',
      ['serverId', 'homeLocations', 'node', 'env']);
    this.refuseAfterSynthesis(where);
    if (!this.servers.includes(server)) this.servers.push(server);
  }

  private bind(where: string, step: WorkflowStep): BoundStep {
    requireStep(where, 'step', step);
    this.refuseAfterSynthesis(where);
    const config = step._bind(this);
    if (config.target) this.grantSendStepState(config.target);
    return { step, config };
  }

  /**
   * Steps and servers decide the execution role, which is written once, when the app is synthesized:
   * what is added later would be in the template without its permissions, or not at all.
   */
  private refuseAfterSynthesis(where: string): void {
    if (this.settled !== undefined) {
      throw new Error(`${where}: \`${this.node.path}\` was already synthesized, and its execution role written; add steps and servers before synthesis.`);
    }
  }

  /**
   * The steps' rendered names and where each step's file may be: worked out once the steps and servers
   * are final (when the execution role is written), and until then each time they are asked for.
   */
  private layout(): { readonly names: StepNames; readonly flow: Flow } {
    if (this.settled !== undefined) return this.settled;
    const names = stepNames(this.steps, this.exceptionSteps);
    return { names, flow: traceFlow(this.steps, names, this.exceptionSteps, this.servers) };
  }

  private finalizeExecutionRole(): void {
    if (this.settled !== undefined) return;
    this.settled = this.layout();
    const { names, flow } = this.settled;
    const { statements, wildcards } = executionPolicy(this.steps, this.exceptionSteps, names, flow, this.servers);
    for (const statement of statements) this.role.addToPrincipalPolicy(statement);
    for (const w of wildcards) acknowledgeWildcardResource(this.role, w.resource, w.reason);
  }
}

/** An imported workflow, whose id is checked at synth when known (`workflow/imported-id`). */
function importWorkflow(scope: Construct, id: string, workflowId: string, executionRole: iam.IRole | undefined): IWorkflow {
  class Import extends WorkflowBase {
    public readonly workflowId = workflowId;
    public readonly workflowArn = Stack.of(scope).formatArn({ service: 'transfer', resource: 'workflow', resourceName: workflowId });
    public readonly executionRole?: iam.IRole = executionRole;
  }
  const imported = new Import(scope, id);
  WORKFLOW_RULES.attach(imported, () => importedWorkflowSubject(workflowId));
  return imported;
}

/** `scope` is a construct and `id` a string: what every construct needs before aws-cdk-lib looks at them. */
function requireScope(where: string, scope: unknown, id: unknown): void {
  requireMembers(where, 'scope', scope, 'a construct (a Stack, or a construct in one)', ['node']);
  requireId(where, id);
}

/** `value` is a `WorkflowStep` (made by its static methods). */
function requireStep(where: string, prop: string, value: unknown): WorkflowStep {
  return requireMembers(where, prop, value as WorkflowStep, 'a WorkflowStep (e.g. `WorkflowStep.copy({...})`)', ['stepType', '_bind']);
}

/** `value` is an `iam.IGrantable` whose principal can take statements. */
function requireGrantable(where: string, prop: string, value: unknown): void {
  const grantable = requireMembers(where, prop, value as iam.IGrantable, 'an iam.IGrantable (a role, a user, a function...)', ['grantPrincipal']);
  requireMembers(where, `${prop}.grantPrincipal`, grantable.grantPrincipal, 'an iam.IPrincipal', ['addToPrincipalPolicy']);
}

/** The props of a `Workflow`, checked: the step lists (empty when not given). */
function checkProps(props: WorkflowProps): { steps: WorkflowStep[]; onException: WorkflowStep[] } {
  const where = 'Workflow';
  requireObject(where, 'props', props);
  const steps = (prop: string, value: unknown) => {
    // A list token cannot hold steps: each step renders its own details and grants its own permissions.
    if (Token.isUnresolved(value)) invalidValue(where, prop, 'an array of WorkflowStep (not a token)', value);
    return optionalArray(where, prop, value, (v, name) => requireStep(where, name, v)) ?? [];
  };
  const result = { steps: steps('steps', props.steps), onException: steps('onException', props.onException) };
  optionalString(where, 'description', props.description);
  optionalMembers(where, 'executionRole', props.executionRole, 'an iam.IRole', ['roleArn', 'addToPrincipalPolicy', 'node']);
  return result;
}

/** The steps as `CfnWorkflow` takes them, under their rendered names. */
function render(steps: ReadonlyArray<BoundStep>, names: ReadonlyArray<string>): CfnWorkflow.WorkflowStepProperty[] {
  return steps.map(({ config }, i) => config.render(names[i]));
}

/**
 * Step names as they are rendered: the given name, or one generated from the step's type and position
 * (`copy-1`, `exception-tag-2`) that no other step uses. Names are at most 30 characters of `[\w-]`.
 */
function stepNames(steps: ReadonlyArray<BoundStep>, exceptionSteps: ReadonlyArray<BoundStep>): StepNames {
  const taken = new Set<string>();
  for (const { step } of [...steps, ...exceptionSteps]) if (step.name !== undefined) taken.add(step.name);
  const generate = (list: ReadonlyArray<BoundStep>, prefix: string) => list.map(({ step }, i) => {
    if (step.name !== undefined) return step.name;
    const base = `${prefix}${step._label}-${i + 1}`.slice(0, 27);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  });
  return { steps: generate(steps, ''), exceptionSteps: generate(exceptionSteps, 'exception-') };
}
