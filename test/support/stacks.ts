import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** The environment of the tests' stacks. */
export const ENV = { account: '111111111111', region: 'eu-west-1' };

/** A stack in `ENV`, in a new app unless one is given. */
export function newStack(id = 'Stack', app = new App()): Stack {
  return new Stack(app, id, { env: ENV });
}

/** A small inline Lambda function (a custom step's target, a scanner). */
export function fn(stack: Stack, id = 'Scanner'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
}
