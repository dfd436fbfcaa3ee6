import { Token } from 'aws-cdk-lib';
import { API, CFN, knownText, StepConfig, stepRules, WorkflowStep } from './base';
import { TagStepOptions } from './options';
import { invalid, requireObject, requireString } from '../../private/input';
import { knownCount, quote } from '../../validation/rules';

/** TAG: adds S3 object tags to the file. */
export class TagStep extends WorkflowStep {
  /** The tags as given, in their order. */
  public readonly tags: Record<string, string>;

  constructor(options: TagStepOptions) {
    const where = 'WorkflowStep.tag()';
    super('TAG', 'tag', where, options);
    this.tags = requireTags(where, 'tags', options.tags);
  }

  /** @internal */
  public _bind(): StepConfig {
    return {
      actsOnFile: true,
      s3Only: 'tags',
      render: (name) => ({
        type: 'TAG',
        tagStepDetails: { Name: name, SourceFileLocation: this.source, Tags: this.entries().map((t) => ({ Key: t.key, Value: t.value })) },
      }),
      // Tags are a set.
      identity: () => ({ type: this.stepType, source: this.source, tags: this.entries().sort((a, b) => a.key.localeCompare(b.key)) }),
      // Tags are added to those the object has.
      grant: (permissions) => permissions.onInput(['s3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'], [], []),
    };
  }

  /** The tags as the template holds them, in the order given. */
  public entries(): Array<{ key: string; value: string }> {
    return Object.entries(this.tags).map(([key, value]) => ({ key, value }));
  }
}

/** `value` maps tag keys to string values. Keys and values are judged by the `workflow/tag-*` rules. */
function requireTags(where: string, prop: string, value: unknown): Record<string, string> {
  // A token is no map of tags: the template needs each key and value.
  if (Token.isUnresolved(value)) invalid(where, prop, 'an object of tag keys and values (not a token)', value);
  const tags = requireObject(where, prop, value as Record<string, string>);
  for (const [key, v] of Object.entries(tags)) requireString(where, `${prop}[${JSON.stringify(key)}]`, v);
  return tags;
}

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The rules only tag steps can break. */
export const TAG_RULES = stepRules(['TAG'], [
  {
    id: 'workflow/tag-count',
    severity: 'error',
    summary: 'A tag step adds 1 to 10 tags.',
    reason: 'The service accepts 1 to 10 tags per tag step (keys are unique: they are the keys of `tags`)',
    source: `${API}/API_TagStepDetails.html; ${CFN}/aws-properties-transfer-workflow-tagstepdetails.html`,
    fix: 'give `tags` one to ten entries; use a second tag step for more',
    check: (e) => {
      const n = knownCount(e.subject.tags);
      if (n === undefined) return [];
      return n >= 1 && n <= 10 ? [] : [`${e.label} has ${n} tags`];
    },
  },
  {
    id: 'workflow/tag-format',
    severity: 'error',
    summary: 'Tag keys are 1 to 128 and values 0 to 256 letters, digits, spaces and `_ . : / = + - @`.',
    reason: 'The service accepts S3 object tag keys and values of those lengths matching [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
    source: `${API}/API_S3Tag.html`,
    fix: 'shorten the key or value in `tags` and replace other characters',
    check: (e) => {
      const out: string[] = [];
      for (const tag of e.subject.tags ?? []) {
        const key = knownText(tag.key);
        if (key !== undefined && (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key))) {
          out.push(`${e.label} has the tag key ${quote(key)}${key.length > 128 ? ` (${key.length} characters)` : ''}`);
        }
        const v = knownText(tag.value);
        if (v !== undefined && (v.length > 256 || !TAG_TEXT.test(v))) {
          out.push(`${e.label} has the value ${quote(v)}${v.length > 256 ? ` (${v.length} characters)` : ''} for tag ${quote(key ?? String(tag.key))}`);
        }
      }
      return out;
    },
  },
]);
