import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { StepConfig } from './base';
import { CallbackStep, stepTimeout } from './custom';
import { RunStateMachineStepOptions } from './options';
import { requireMembers } from '../../private/input';
import { stateMachineBridge } from '../workflow-bridge';

/**
 * A CUSTOM step whose target is the library's bridge function: it starts the state machine for the
 * file, and the state machine reports with `TransferStepCallback`.
 */
export class RunStateMachineStep extends CallbackStep {
  public readonly stateMachine: sfn.IStateMachine;
  public readonly timeout?: Duration;

  constructor(options: RunStateMachineStepOptions) {
    const where = 'WorkflowStep.runStateMachine()';
    super('state-machine', where, options);
    // The bridge function is named after the state machine's node and may start it.
    this.stateMachine = requireMembers(where, 'stateMachine', options.stateMachine, 'an sfn.IStateMachine', ['stateMachineArn', 'grantStartExecution', 'node']);
    this.timeout = stepTimeout(where, options.timeout);
  }

  /**
   * The target is the bridge function, one per stack and state machine, in the workflow's stack.
   *
   * @internal
   */
  public _bind(workflow: Construct): StepConfig {
    return this.callbackConfig(stateMachineBridge(workflow, this.stateMachine));
  }
}
