/**
 * Reading resolved template values, whose shape the code does not know in advance: a field of an object
 * (a list included), by its CloudFormation (PascalCase) or aws-cdk-lib (camelCase) name.
 */

/** Whether `value` is an object (a list included), whose fields can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A field of an object; `undefined` for anything that is not one. */
export function get(obj: unknown, name: string): unknown {
  return isRecord(obj) ? obj[name] : undefined;
}

/** A field by its CloudFormation name, or else by aws-cdk-lib's camelCase one. */
export function field(obj: unknown, name: string): unknown {
  return get(obj, name) ?? get(obj, `${name.charAt(0).toLowerCase()}${name.slice(1)}`);
}

/** A list, or no items when `value` is not one. */
export function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The strings of a list (none when `value` is not one). */
export function strings(value: unknown): string[] {
  return items(value).filter((v): v is string => typeof v === 'string');
}
