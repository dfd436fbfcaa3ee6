/**
 * Loading `@cloud-copilot/iam-simulate` (AGPL-3.0-or-later) where it is installed, only when the default
 * evaluator is used: this library does not depend on it.
 */
import * as path from 'path';

/** The npm package of the default evaluator. */
export const IAM_SIMULATE = '@cloud-copilot/iam-simulate';

/** What the evaluator uses of `@cloud-copilot/iam-simulate` and the packages it depends on. */
export interface IamSimulateModules {
  readonly loadPolicy: (policy: unknown, options: { name: string }) => unknown;
  readonly authorize: (request: Record<string, unknown>) => { result: string };
  readonly AwsRequest: new (principal: string, resource: { resource: string; accountId: string }, action: string, context: unknown) => unknown;
  readonly RequestContext: new (values: Record<string, string | string[]>) => unknown;
  readonly DiscoveryContextKeyConstraints: new (keys: unknown[]) => unknown;
}

/**
 * Load `@cloud-copilot/iam-simulate` from where it is installed. Its core engine is used rather than
 * `runSimulation()`, which drops the context keys it does not know for an action
 * (`kms:EncryptionContext:<key>` among them), and `runUnsafeSimulation()`, which ignores session policies.
 */
export function loadIamSimulate(resolve: (id: string) => string = require.resolve): IamSimulateModules {
  let main: string;
  try {
    main = resolve(IAM_SIMULATE);
  } catch {
    throw new Error(`WorkflowSimulator: the default access evaluator needs the npm package ${IAM_SIMULATE} (AGPL-3.0-or-later), `
      + `which this library does not install. Add it to your tests (\`npm install --save-dev ${IAM_SIMULATE}\`), or pass your own `
      + '`evaluator` (an object with `evaluate(request)`), or `AccessEvaluator.allowAll()` to run the steps without judging permissions.');
  }
  const dir = path.dirname(main);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const fromDir = (id: string) => require(require.resolve(id, { paths: [dir] }));
  const policyLib = fromDir('@cloud-copilot/iam-policy');
  const core = require(path.join(dir, 'core_engine', 'CoreSimulatorEngine.js'));
  const requestLib = require(path.join(dir, 'request', 'request.js'));
  const contextLib = require(path.join(dir, 'requestContext.js'));
  const discoveryLib = require(path.join(dir, 'context_keys', 'discoveryContextKeyConstraints.js'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    loadPolicy: policyLib.loadPolicy,
    authorize: core.authorize,
    AwsRequest: requestLib.AwsRequestImpl,
    RequestContext: contextLib.RequestContextImpl,
    DiscoveryContextKeyConstraints: discoveryLib.DiscoveryContextKeyConstraints,
  };
}
