import { TagManager, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { quote } from '../validation/rules';

/**
 * What is wrong with the tags a resource will be deployed with (those given and those `Tags.of()` adds),
 * read from its tag manager when the app is validated, after the tagging aspects ran. AWS tags: at most
 * 50 per resource, keys 1 to 128 and values up to 256 characters of letters, digits, spaces and
 * `_ . : / = + - @`, keys not starting with `aws:`
 * (https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html#id_tags_naming_best_practices,
 * https://docs.aws.amazon.com/transfer/latest/APIReference/API_Tag.html).
 */
export function tagProblems(resource: IConstruct | undefined): string[] {
  const manager = resource === undefined ? undefined : TagManager.of(resource);
  if (!manager) return [];
  const rendered = manager.renderTags();
  if (!Array.isArray(rendered)) return [];
  const out: string[] = [];
  if (rendered.length > 50) out.push(`the resource has ${rendered.length} tags`);
  const allowed = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
  for (const tag of rendered as Array<{ key?: unknown; value?: unknown; Key?: unknown; Value?: unknown }>) {
    const key = tag.key ?? tag.Key;
    const value = tag.value ?? tag.Value;
    if (typeof key === 'string' && !Token.isUnresolved(key)) {
      if (key.length < 1 || key.length > 128) out.push(`tag key ${quote(key)} is ${key.length} characters long`);
      else if (!allowed.test(key)) out.push(`tag key ${quote(key)} has characters other than letters, digits, spaces and _ . : / = + - @`);
      else if (key.toLowerCase().startsWith('aws:')) out.push(`tag key ${quote(key)} starts with "aws:", which AWS reserves`);
    }
    if (typeof value === 'string' && !Token.isUnresolved(value)) {
      if (value.length > 256) out.push(`the value of tag ${quote(String(key))} is ${value.length} characters long`);
      else if (!allowed.test(value)) out.push(`the value of tag ${quote(String(key))} has characters other than letters, digits, spaces and _ . : / = + - @`);
    }
  }
  return out;
}
