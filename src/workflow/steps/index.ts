import { defineStepKinds } from './base';
import { CopyStep } from './copy';
import { CustomStep } from './custom';
import { DecryptStep } from './decrypt';
import { DeleteStep } from './delete';
import { RunStateMachineStep } from './run-state-machine';
import { TagStep } from './tag';

export { WorkflowStep } from './base';
export * from './options';

// Each kind is a module of its own; here is where `WorkflowStep`'s factories find them.
defineStepKinds({
  copy: (options) => new CopyStep(options),
  tag: (options) => new TagStep(options),
  custom: (options) => new CustomStep(options),
  runStateMachine: (options) => new RunStateMachineStep(options),
  decrypt: (options) => new DecryptStep(options),
  delete: (options) => new DeleteStep(options),
});
