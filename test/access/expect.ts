import { Estate } from './estate';
import { IamRequest, policyErrors, Result, unknownActions } from './evaluator';
import { Caller, Callers, Operation } from './principals';

/** What a scenario proves: operations that must work, and operations that must fail. */
export interface AccessExpectation {
  readonly allowed: ReadonlyArray<Operation>;
  readonly denied: ReadonlyArray<Operation>;
}

/** A request and how it was decided. */
export interface Decision {
  readonly request: IamRequest;
  readonly result: Result;
}

/**
 * What is wrong with a caller's access, one line per broken expectation; empty when every allowed
 * operation works (all its requests allowed) and every denied one fails (at least one request denied).
 * A scenario with nothing allowed or nothing denied is itself a finding: it cannot catch over-granting
 * (or under-granting).
 */
export function accessFindings(caller: Caller, expected: AccessExpectation): string[] {
  const out: string[] = [];
  if (expected.allowed.length === 0) out.push(`${caller.label}: the scenario allows nothing, so it cannot catch a lock-out`);
  if (expected.denied.length === 0) out.push(`${caller.label}: the scenario denies nothing, so it cannot catch over-granting`);
  for (const op of expected.allowed) {
    if (op.requests.length === 0) out.push(`${op.label}: no request modelled`);
    for (const request of op.requests) {
      const result = caller.decide(request);
      if (result !== 'Allowed') out.push(`${op.label}: expected allowed, but ${describe(request)} is ${result}`);
    }
  }
  for (const op of expected.denied) {
    const decisions = op.requests.map((request) => ({ request, result: caller.decide(request) }));
    if (decisions.length === 0 || decisions.every((d) => d.result === 'Allowed')) {
      out.push(`${op.label}: expected denied, but every request is allowed (${op.requests.map(describe).join('; ')})`);
    }
  }
  return out;
}

/** Throw with every finding when the caller's access is not as expected. */
export function expectAccess(caller: Caller, expected: AccessExpectation): void {
  const findings = accessFindings(caller, expected);
  if (findings.length > 0) throw new Error(`access not as expected:\n  ${findings.join('\n  ')}`);
}

/**
 * Every IAM policy of the estate is valid, and every action it names exists in the IAM service reference
 * (an action IAM does not know, like `s3:headObject`, grants nothing).
 */
export async function policyFindings(estate: Estate): Promise<string[]> {
  const out: string[] = [];
  for (const role of estate.roles().values()) {
    for (const e of policyErrors(role.trust, 'trust')) out.push(`${role.resource.logicalId} trust policy: ${e}`);
    for (const { name, policy } of role.policies) {
      for (const e of policyErrors(policy, 'identity')) out.push(`${name}: ${e}`);
      for (const a of await unknownActions(policy)) out.push(`${name}: ${a} is not an IAM action`);
    }
  }
  for (const user of estate.ofType('AWS::Transfer::User')) {
    const policy = user.properties.Policy;
    if (policy === undefined) continue;
    const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
    if (text.length > 2048) out.push(`user ${user.properties.UserName}: session policy is ${text.length} characters (at most 2048)`);
    const parsed = JSON.parse(text);
    for (const e of policyErrors(parsed, 'session')) out.push(`user ${user.properties.UserName} session policy: ${e}`);
    for (const a of await unknownActions(parsed)) out.push(`user ${user.properties.UserName} session policy: ${a} is not an IAM action`);
  }
  return out;
}

function describe(r: IamRequest): string {
  return `${r.action} on ${r.resource}${r.context && Object.keys(r.context).length > 0 ? ` ${JSON.stringify(r.context)}` : ''}`;
}

/** A service acting for a source: `[sourceArn, sourceAccount]`, with `service` (default Transfer Family). */
export type AssumeSource = readonly [sourceArn: string, sourceAccount: string, service?: string];

/**
 * Who may assume `roleArn`: each `allowed` source may (`sts:AssumeRole` by the service principal with that
 * `aws:SourceArn` and `aws:SourceAccount`), each `denied` one may not. Both lists must be given.
 */
export function expectTrust(callers: Callers, roleArn: string, expected: { allowed: AssumeSource[]; denied: AssumeSource[] }): void {
  if (expected.allowed.length === 0 || expected.denied.length === 0) throw new Error('expectTrust needs both an allowed and a denied source');
  const decide = ([arn, account, service]: AssumeSource) =>
    [arn, service ?? 'transfer.amazonaws.com', callers.assume(service ?? 'transfer.amazonaws.com', roleArn, arn, account).decide({ action: 'sts:AssumeRole', resource: roleArn })];
  expect(expected.allowed.map(decide)).toEqual(expected.allowed.map(([arn, , service]) => [arn, service ?? 'transfer.amazonaws.com', 'Allowed']));
  expect(expected.denied.map(decide)).toEqual(expected.denied.map(([arn, , service]) => [arn, service ?? 'transfer.amazonaws.com', 'ImplicitlyDenied']));
}
