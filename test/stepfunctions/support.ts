import { Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { EncryptedActivity, EncryptedActivityProps } from '../../src/stepfunctions/activity';
import { EncryptedStateMachine, EncryptedStateMachineProps } from '../../src/stepfunctions/state-machine';

/** A state machine of one Pass state, with `props` on top. */
export function machine(stack: Stack, props: Partial<EncryptedStateMachineProps> = {}, id = 'Scan'): EncryptedStateMachine {
  return new EncryptedStateMachine(stack, id, {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, `${id}Pass`)),
    ...props,
  });
}

/** The props both encrypted constructs take, and the name under its construct's prop. */
export interface EncryptedProps {
  readonly encryptionKey?: EncryptedActivityProps['encryptionKey'];
  readonly dataKeyReusePeriod?: EncryptedActivityProps['dataKeyReusePeriod'];
  readonly encryptionConfiguration?: EncryptedActivityProps['encryptionConfiguration'];
  readonly name?: string;
}

/** One of the two encrypted constructs, as the tests of the rules they share see it. */
export interface EncryptedKind {
  /** The prefix of its rule ids. */
  readonly area: 'state-machine' | 'activity';
  /** The prop that names it. */
  readonly nameProp: 'stateMachineName' | 'activityName';
  /** The plain aws-cdk-lib class the AWS-owned key rule points at. */
  readonly plain: string;
  /** The principal the imported-key warning names. */
  readonly keyUser: RegExp;
  /** Builds one with id `id` in `stack`. */
  readonly build: (stack: Stack, props?: EncryptedProps, id?: string) => EncryptedStateMachine | EncryptedActivity;
}

export const STATE_MACHINE_KIND: EncryptedKind = {
  area: 'state-machine',
  nameProp: 'stateMachineName',
  plain: 'sfn.StateMachine',
  keyUser: /the execution role/,
  build: (stack, { name, ...props } = {}, id = 'Subject') => machine(stack, { ...props, stateMachineName: name }, id),
};

export const ACTIVITY_KIND: EncryptedKind = {
  area: 'activity',
  nameProp: 'activityName',
  plain: 'sfn.Activity',
  keyUser: /states\.amazonaws\.com/,
  build: (stack, { name, ...props } = {}, id = 'Subject') => new EncryptedActivity(stack, id, { ...props, activityName: name }),
};

/** The Error `build` throws: it must be one (not a TypeError from aws-cdk-lib) and say `message`. */
export function expectPropError(build: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    build();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect(thrown).not.toBeInstanceOf(TypeError);
  expect((thrown as Error).message).toMatch(message);
}

/** The ARN an encryption-context condition names, for the state machine or activity `name` in `ENV`. */
export function encryptionContextArn(resource: 'stateMachine' | 'activity', name: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:states:eu-west-1:111111111111:${resource}:${name}`]] };
}
