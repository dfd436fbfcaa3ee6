import { Stack, Token } from 'aws-cdk-lib';
import { CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { tagProblems } from '../private/tags';
import { StepSubject, WorkflowSubject } from '../workflow/workflow-rules';

/** The details property of each step type, as `CfnWorkflow.WorkflowStepProperty` names it. */
const DETAILS = ['copyStepDetails', 'customStepDetails', 'decryptStepDetails', 'deleteStepDetails', 'tagStepDetails'];

/** A field of step details, in CloudFormation's PascalCase (untyped details) or aws-cdk-lib's camelCase (typed ones). */
function field(details: Record<string, unknown>, name: string): unknown {
  return details[name] ?? details[name[0].toLowerCase() + name.slice(1)];
}

/** A resolved value as the rules read a string: a reference (an intrinsic) is a token again, so it is not judged. */
const text = (v: unknown): unknown => (v === undefined || typeof v === 'string' ? v : Token.asString(v));

/** A step of the template, resolved: its type, name, source, and its details but the name as its identity. */
function stepSubject(step: unknown): StepSubject {
  const s = (step ?? {}) as Record<string, unknown>;
  const type = s.type ?? s.Type;
  const key = DETAILS.find((k) => s[k] !== undefined || s[k[0].toUpperCase() + k.slice(1)] !== undefined);
  const raw = key === undefined ? undefined : s[key] ?? s[key[0].toUpperCase() + key.slice(1)];
  const details = raw !== null && typeof raw === 'object' ? raw as Record<string, unknown> : {};
  const name = field(details, 'Name');
  const { Name: _n, name: _m, ...rest } = details;
  return {
    type: typeof type === 'string' ? type : undefined,
    name: typeof name === 'string' ? name : undefined,
    source: text(field(details, 'SourceFileLocation')),
    identity: { type, details: rest },
  };
}

/** A resolved list of steps, or `undefined` when the template holds something else there (a token). */
function steps(value: unknown, absent: StepSubject[] | undefined): StepSubject[] | undefined {
  if (value === undefined) return absent;
  return Array.isArray(value) ? value.map(stepSubject) : undefined;
}

/**
 * The subject of the workflow rules built from an `AWS::Transfer::Workflow` L1 alone: its steps as the
 * template holds them (resolved), its description and its tags. What only `Workflow` knows is absent: the
 * servers that run it and where their users' files are (the flow), and what each step was given.
 */
export function workflowSubjectOfL1(cfn: CfnWorkflow): WorkflowSubject {
  const stack = Stack.of(cfn);
  const description = cfn.description;
  return {
    steps: steps(stack.resolve(cfn.steps), []),
    exceptionSteps: steps(stack.resolve(cfn.onExceptionSteps), []),
    description: typeof description === 'string' && !Token.isUnresolved(description) ? description : undefined,
    servers: [],
    flow: { steps: [], exceptionSteps: [] },
    tagProblems: tagProblems(cfn),
  };
}
