import { Stack, Token } from 'aws-cdk-lib';
import { CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { tagProblems } from '../private/tags';
import { StepSubject, stepSubjectOf } from '../workflow/steps/base';
import { WorkflowSubject } from '../workflow/workflow-rules';

/** A resolved value as the rules read it: a reference (an intrinsic) is a token again, so it is not judged. */
const text = (v: unknown): unknown => (v === undefined || v === null || typeof v === 'string' || typeof v === 'number' ? v : Token.asString(v));

/** A step of the template, resolved. */
const stepSubject = (step: unknown): StepSubject => stepSubjectOf(step, text);

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
