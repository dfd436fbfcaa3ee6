import * as fs from 'fs';
import * as path from 'path';
import { Annotations as CoreAnnotations, App, CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { RULE_TABLES } from '../../src/validation/catalogue';
import { known, registeredRuleTables, Rule, RuleTable } from '../../src/validation/rules';

interface Subject {
  readonly size?: number;
  readonly names: string[];
  readonly banner?: string;
}

const rules: Rule<Subject>[] = [
  {
    id: 'demo/size-range',
    severity: 'error',
    summary: 'size is 1-10',
    reason: 'The service accepts 1 to 10',
    source: 'test',
    fix: 'pass a size from 1 to 10',
    check: (s) => {
      const size = known(s.size);
      return size !== undefined && (size < 1 || size > 10) ? `size is ${size}` : undefined;
    },
  },
  {
    id: 'demo/unique-names',
    severity: 'error',
    summary: 'names are unique',
    reason: 'Names identify entries',
    source: 'test',
    fix: 'rename one of them',
    check: (s) => s.names.filter((n, i) => s.names.indexOf(n) !== i).map((n) => `name '${n}' is used twice`),
  },
  {
    id: 'demo/banner-advice',
    severity: 'warning',
    summary: 'banner is shown on FTP only',
    reason: 'SFTP clients never show it',
    source: 'test',
    fix: 'remove banner',
    check: (s) => (known(s.banner) !== undefined ? 'banner is set on an SFTP-only demo' : undefined),
  },
];
const TABLE = new RuleTable<Subject>('Demo', rules);

class Demo extends Construct {
  /** The subject as a shared function of the construct (what a construct made thousands of times passes). */
  private static subject(this: void, demo: Demo): Subject {
    return { ...demo.props, names: demo.names };
  }

  private readonly names: string[] = [];
  constructor(scope: Construct, id: string, private readonly props: { size?: number; banner?: string }) {
    super(scope, id);
    new CfnResource(this, 'Resource', { type: 'Demo::Thing' });
    TABLE.attach(this, Demo.subject);
  }
  public addName(name: string) {
    this.names.push(name);
  }
}

describe('rule tables', () => {
  test('rules run lazily: a violation added after construction is reported at synth', () => {
    const stack = new Stack();
    const demo = new Demo(stack, 'Demo', { size: 3 });
    demo.addName('a');
    demo.addName('a');
    expect(() => Template.fromStack(stack)).toThrow(/\[demo\/unique-names\] name 'a' is used twice\. Names identify entries\. Fix: rename one of them\./);
  });

  test('every violation of a construct is reported at once, with the construct path', () => {
    const stack = new Stack(undefined, 'Stack');
    const demo = new Demo(stack, 'Demo', { size: 42 });
    demo.addName('x');
    demo.addName('x');
    let message = '';
    try {
      Template.fromStack(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Stack\/Demo/);
    expect(message).toMatch(/\[demo\/size-range\] size is 42\./);
    expect(message).toMatch(/\[demo\/unique-names\]/);
  });

  test('unresolved tokens are not judged', () => {
    const stack = new Stack();
    new Demo(stack, 'Demo', { size: Lazy.number({ produce: () => 42 }) });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('advice becomes a warning that names the rule and can be acknowledged', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new Demo(stack, 'Demo', { banner: 'hello' });
    Template.fromStack(stack);
    Annotations.fromStack(stack).hasWarning('/Stack/Demo/Resource', Match.stringLikeRegexp('\\[demo/banner-advice\\] banner is set'));

    const app2 = new App();
    const stack2 = new Stack(app2, 'Stack');
    const acked = new Demo(stack2, 'Demo', { banner: 'hello' });
    CoreAnnotations.of(acked).acknowledgeWarning('cdk-transfer-family:demo/banner-advice', 'banner is intended');
    Template.fromStack(stack2);
    Annotations.fromStack(stack2).hasNoWarning('*', Match.anyValue());
  });

  test('a warning is added once even when the app is synthesized twice', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const demo = new Demo(stack, 'Demo', { banner: 'hello' });
    app.synth();
    app.synth({ force: true });
    const warnings = demo.node.defaultChild!.node.metadata.filter((m) => m.type === 'aws:cdk:warning');
    expect(warnings).toHaveLength(1);
  });

  test('a warning can also be acknowledged for a whole stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new Demo(stack, 'Demo', { banner: 'hello' });
    CoreAnnotations.of(stack).acknowledgeWarning('cdk-transfer-family:demo/banner-advice', 'banners are intended here');
    Template.fromStack(stack);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('every rule table of src/ is registered, and the constructs\' tables are in the catalogue', () => {
    // Tables register themselves when made; the catalogue loads every module of the library.
    const made = sourceFiles(path.join(__dirname, '..', '..', 'src')).flatMap((f) => fs.readFileSync(f, 'utf8').match(/new RuleTable</g) ?? []);
    const registered = registeredRuleTables().filter((t) => t.title !== 'Demo');
    expect(registered.length).toBe(made.length);
    expect(RULE_TABLES.map((t) => t.title)).toEqual(registered.filter((t) => !t.packOnly).map((t) => t.title));
    expect(RULE_TABLES.map((t) => t.title)).toEqual(expect.arrayContaining(['TransferServer', 'TransferUser', 'Workflow', 'EncryptedStateMachine', 'EncryptedActivity']));
  });

  test('rule ids are unique and well-formed', () => {
    const r = rules[0];
    expect(() => new RuleTable('Twice', [r, r])).toThrow(/declared twice/);
    expect(() => new RuleTable('Bad', [{ ...r, id: 'NoArea' }])).toThrow(/not of the form/);
  });

  test('every rule of the library cites only public AWS documentation URLs', () => {
    // One or more https://docs.aws.amazon.com/ URLs, joined with '; ': a source a user can open,
    // never a reference to material that is not published.
    const DOC_URL = /^https:\/\/docs\.aws\.amazon\.com\/[^\s;]+$/;
    const bad = RULE_TABLES.flatMap((table) => table.info
      .filter((rule) => !rule.source.split('; ').every((part) => DOC_URL.test(part)))
      .map((rule) => `${table.title} ${rule.id}: ${JSON.stringify(rule.source)}`));
    expect(RULE_TABLES.flatMap((t) => t.info).length).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });
});

/** The .ts files under `dir`. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}
