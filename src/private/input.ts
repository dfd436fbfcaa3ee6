import { Duration, Token } from 'aws-cdk-lib';

/**
 * Checks of what public constructors and factories are given, for callers the type system does not
 * protect: JavaScript without types, and Python, Java, .NET and Go through jsii, which pass `undefined`,
 * `null`, numbers for strings and the like. Each check throws an `Error` that names the construct or
 * factory and the prop, and says what it expects, instead of a `TypeError` from deep inside or a template
 * CloudFormation rejects. Unresolved tokens are values of the right kind: they pass.
 *
 * `where` is the construct or factory as users write it (`TransferUser`, `WorkflowStep.copy()`); `prop`
 * the prop's name as they write it (`userName`, `options.destination`).
 */

/** How a value is shown in a message: its kind, and for short scalars the value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number': return `the number ${value}`;
    case 'boolean': return `${value}`;
    case 'function': return 'a function';
    default: return `an object (${(value as object).constructor?.name ?? 'Object'})`;
  }
}

/** Throw the error of a prop that is not what it should be. */
export function invalid(where: string, prop: string, expected: string, value: unknown): never {
  throw new Error(`${where}: \`${prop}\` must be ${expected}, got ${describeValue(value)}.`);
}

/** `value` is a plain object (props, options). */
export function requireObject<T>(where: string, prop: string, value: T): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(where, prop, 'an object', value);
  return value;
}

/** `value` is a string (a string token counts). */
export function requireString(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string') invalid(where, prop, 'a string', value);
  return value;
}

/**
 * `id` is a construct id: a non-empty string known at synth. aws-cdk-lib refuses tokens in ids (with an
 * error that names no prop), and the empty id is the app's.
 */
export function requireId(where: string, id: unknown): string {
  if (typeof id !== 'string' || id === '' || Token.isUnresolved(id)) invalid(where, 'id', 'a non-empty string without tokens', id);
  return id;
}

/** `value` is a string or absent. */
export function optionalString(where: string, prop: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireString(where, prop, value);
}

/** `value` is a number (a number token counts), or absent when `optional`. */
export function optionalNumber(where: string, prop: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || (Number.isNaN(value) && !Token.isUnresolved(value))) invalid(where, prop, 'a number', value);
  return value;
}

/** `value` is a boolean or absent. */
export function optionalBoolean(where: string, prop: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') invalid(where, prop, 'true or false', value);
  return value as boolean | undefined;
}

/** `value` is a `Duration` or absent. */
export function optionalDuration(where: string, prop: string, value: unknown): Duration | undefined {
  if (value !== undefined && !(value instanceof Duration)) invalid(where, prop, 'a Duration (e.g. `Duration.minutes(5)`)', value);
  return value as Duration | undefined;
}

/** `value` is an array (an encoded list token counts), each item checked by `item`; or absent. */
export function optionalArray<T>(where: string, prop: string, value: unknown, item: (v: unknown, name: string) => T): T[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) invalid(where, prop, 'an array', value);
  if (Token.isUnresolved(value)) return value as T[];
  return value.map((v, i) => item(v, `${prop}[${i}]`));
}

/** `value` is one of `allowed` (a string token counts); or absent. */
export function optionalEnum<T extends string>(where: string, prop: string, value: unknown, allowed: ReadonlyArray<T>): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (Token.isUnresolved(value) || (allowed as ReadonlyArray<string>).includes(value))) return value as T;
  return invalid(where, prop, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
}

/**
 * `value` is an object with the members an interface promises (e.g. an `s3.IBucket` has `bucketName` and
 * `bucketArn`): what `what` names, as users know it (`an s3.IBucket`).
 */
export function requireMembers<T>(where: string, prop: string, value: T, what: string, members: ReadonlyArray<string>): T {
  const ok = value !== null && typeof value === 'object' && members.every((m) => (value as Record<string, unknown>)[m] !== undefined);
  if (!ok) invalid(where, prop, what, value);
  return value;
}

/** Like `requireMembers`, for an optional prop. */
export function optionalMembers<T>(where: string, prop: string, value: T | undefined, what: string, members: ReadonlyArray<string>): T | undefined {
  return value === undefined ? undefined : requireMembers(where, prop, value, what, members);
}
