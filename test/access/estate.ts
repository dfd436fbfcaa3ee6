/**
 * The synthesized templates of an app, read the way CloudFormation would deploy them: every intrinsic
 * function resolved (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::ImportValue, pseudo
 * parameters), each resource given a deterministic physical name and ARN, and the IAM policies of each
 * role collected from wherever the templates attach them.
 */
import { createHash } from 'crypto';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PolicyJson } from './evaluator';

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
export const PARTITION = 'aws';

interface StackTemplate {
  readonly name: string;
  readonly template: any;
  readonly account: string;
  readonly region: string;
}

/** A resource of the estate: its template, logical id, type and resolved properties. */
export interface EstateResource {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: any;
}

/** A role as deployed: its ARN, trust policy and every policy attached to it. */
export interface EstateRole {
  readonly resource: EstateResource;
  readonly name: string;
  readonly arn: string;
  readonly trust: PolicyJson;
  readonly policies: Array<{ name: string; policy: PolicyJson }>;
}

const hex = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

export class Estate {
  /** Synthesize `app` (a stage) and read every stack template in it. */
  public static fromApp(app: Stage): Estate {
    const assembly = app.synth();
    const stacks: StackTemplate[] = assembly.stacks.map((s) => ({
      name: s.stackName,
      template: s.template,
      account: /^\d{12}$/.test(s.environment.account) ? s.environment.account : DEFAULT_ACCOUNT,
      region: /^[a-z]{2}(-[a-z]+)+-\d$/.test(s.environment.region) ? s.environment.region : DEFAULT_REGION,
    }));
    return new Estate(stacks);
  }

  /** The estate of the app a stack is in. */
  public static fromStack(stack: Stack): Estate {
    return Estate.fromApp(Stage.of(stack) ?? (stack.node.root as App));
  }

  /** Templates by any name (a conformance result, say); environments are the defaults. */
  public static fromTemplates(templates: Record<string, any>, env: { account?: string; region?: string } = {}): Estate {
    return new Estate(Object.entries(templates).map(([file, template]) => ({
      name: file.replace(/\.template\.json$/, '').replace(/.*\//, ''),
      template,
      account: env.account ?? DEFAULT_ACCOUNT,
      region: env.region ?? DEFAULT_REGION,
    })));
  }

  public readonly resources: EstateResource[] = [];
  private readonly exports = new Map<string, { stack: StackTemplate; value: any }>();
  private rolesByArn?: Map<string, EstateRole>;

  private constructor(public readonly stacks: StackTemplate[]) {
    for (const stack of stacks) {
      for (const out of Object.values<any>(stack.template.Outputs ?? {})) {
        if (out.Export?.Name !== undefined) this.exports.set(this.resolveIn(stack, out.Export.Name), { stack, value: out.Value });
      }
    }
    for (const stack of stacks) {
      for (const [logicalId, r] of Object.entries<any>(stack.template.Resources ?? {})) {
        const resource = { stack, logicalId, type: r.Type as string, properties: {} as any };
        // Resolved when first read: properties may reference resources of other stacks.
        let resolved: any;
        Object.defineProperty(resource, 'properties', { get: () => (resolved ??= this.resolveIn(stack, r.Properties ?? {})) });
        this.resources.push(resource);
      }
    }
  }

  /** Resources of a type, in every stack. */
  public ofType(type: string): EstateResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The resource of a construct (an L2 or its L1), by its stack and logical id. */
  public resourceOf(construct: IConstruct): EstateResource {
    const cfn = (construct.node.defaultChild ?? construct) as IConstruct;
    const stack = Stack.of(cfn);
    const logicalId = stack.resolve((cfn as any).logicalId);
    const found = this.resources.find((r) => r.stack.name === stack.stackName && r.logicalId === logicalId);
    if (!found) throw new Error(`access harness: no resource for ${construct.node.path} in the estate`);
    return found;
  }

  /** A value of a construct's stack (a token such as `bucket.bucketArn`) as deployed. */
  public value(scope: IConstruct, token: unknown): any {
    const stack = Stack.of(scope);
    const template = this.stacks.find((s) => s.name === stack.stackName);
    if (!template) throw new Error(`access harness: stack ${stack.stackName} is not in the estate`);
    return this.resolveIn(template, stack.resolve(token));
  }

  /** Every role, with the policies the templates attach to it. */
  public roles(): Map<string, EstateRole> {
    if (this.rolesByArn) return this.rolesByArn;
    const byArn = new Map<string, EstateRole>();
    const byName = new Map<string, EstateRole>();
    for (const r of this.ofType('AWS::IAM::Role')) {
      const name = this.physicalName(r);
      const role: EstateRole = {
        resource: r,
        name,
        arn: this.arnOf(r),
        trust: r.properties.AssumeRolePolicyDocument,
        policies: (r.properties.Policies ?? []).map((p: any) => ({ name: p.PolicyName, policy: p.PolicyDocument })),
      };
      byArn.set(role.arn, role);
      byName.set(name, role);
    }
    for (const p of [...this.ofType('AWS::IAM::Policy'), ...this.ofType('AWS::IAM::ManagedPolicy')]) {
      for (const roleName of p.properties.Roles ?? []) {
        const role = byName.get(roleName) ?? byArn.get(roleName);
        if (role) role.policies.push({ name: `${p.stack.name}/${p.logicalId}`, policy: p.properties.PolicyDocument });
      }
    }
    this.rolesByArn = byArn;
    return byArn;
  }

  /** The role with this ARN (a role of the estate). */
  public role(arn: string): EstateRole {
    const role = this.roles().get(arn);
    if (!role) throw new Error(`access harness: no role ${arn} in the estate`);
    return role;
  }

  /** The resource a deployed value names (a bucket name, a key ARN, ...), if the estate holds it. */
  public findByArn(arn: string): EstateResource | undefined {
    return this.resources.find((r) => this.arnOf(r) === arn);
  }

  public bucketByName(name: string): EstateResource | undefined {
    return this.ofType('AWS::S3::Bucket').find((r) => this.physicalName(r) === name);
  }

  /** The key policy of a KMS key of the estate, by key ARN. */
  public keyPolicy(keyArn: string): PolicyJson | undefined {
    const key = this.ofType('AWS::KMS::Key').find((r) => this.arnOf(r) === keyArn);
    return key?.properties.KeyPolicy;
  }

  /** The bucket policy of a bucket of the estate, by bucket name. */
  public bucketPolicy(bucketName: string): PolicyJson | undefined {
    const policy = this.ofType('AWS::S3::BucketPolicy').find((p) => p.properties.Bucket === bucketName);
    return policy?.properties.PolicyDocument;
  }

  // ---------------------------------------------------------------------------------------------
  // Physical names and ARNs
  // ---------------------------------------------------------------------------------------------

  public physicalName(r: EstateResource): string {
    const p = r.properties;
    const base = `${r.stack.name}-${r.logicalId}`;
    switch (r.type) {
      case 'AWS::S3::Bucket': return p.BucketName ?? `${base.toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 50)}-${hex(base, 8)}`;
      case 'AWS::IAM::Role': return p.RoleName ?? base.slice(0, 64);
      case 'AWS::Lambda::Function': return p.FunctionName ?? base.slice(0, 64);
      case 'AWS::StepFunctions::StateMachine': return p.StateMachineName ?? base.slice(0, 80);
      case 'AWS::StepFunctions::Activity': return p.Name ?? base.slice(0, 80);
      case 'AWS::Logs::LogGroup': return p.LogGroupName ?? base;
      case 'AWS::KMS::Key': return `${hex(base, 8)}-${hex(`${base}1`, 4)}-${hex(`${base}2`, 4)}-${hex(`${base}3`, 4)}-${hex(`${base}4`, 12)}`;
      case 'AWS::Transfer::Server': return `s-${hex(base, 17)}`;
      case 'AWS::Transfer::Workflow': return `w-${hex(base, 17)}`;
      case 'AWS::EFS::FileSystem': return `fs-${hex(base, 17)}`;
      case 'AWS::SecretsManager::Secret': return p.Name ?? base;
      default: return base;
    }
  }

  public arnOf(r: EstateResource): string {
    const { account, region } = r.stack;
    const name = this.physicalName(r);
    switch (r.type) {
      case 'AWS::S3::Bucket': return `arn:${PARTITION}:s3:::${name}`;
      case 'AWS::IAM::Role': return `arn:${PARTITION}:iam::${account}:role/${name}`;
      case 'AWS::IAM::ManagedPolicy': return `arn:${PARTITION}:iam::${account}:policy/${name}`;
      case 'AWS::Lambda::Function': return `arn:${PARTITION}:lambda:${region}:${account}:function:${name}`;
      case 'AWS::StepFunctions::StateMachine': return `arn:${PARTITION}:states:${region}:${account}:stateMachine:${name}`;
      case 'AWS::StepFunctions::Activity': return `arn:${PARTITION}:states:${region}:${account}:activity:${name}`;
      case 'AWS::Logs::LogGroup': return `arn:${PARTITION}:logs:${region}:${account}:log-group:${name}:*`;
      case 'AWS::KMS::Key': return `arn:${PARTITION}:kms:${region}:${account}:key/${name}`;
      case 'AWS::Transfer::Server': return `arn:${PARTITION}:transfer:${region}:${account}:server/${name}`;
      case 'AWS::Transfer::Workflow': return `arn:${PARTITION}:transfer:${region}:${account}:workflow/${name}`;
      case 'AWS::Transfer::User': return `arn:${PARTITION}:transfer:${region}:${account}:user/${r.properties.ServerId}/${r.properties.UserName}`;
      case 'AWS::EFS::FileSystem': return `arn:${PARTITION}:elasticfilesystem:${region}:${account}:file-system/${name}`;
      case 'AWS::SecretsManager::Secret': return `arn:${PARTITION}:secretsmanager:${region}:${account}:secret:${name}-AbCdEf`;
      case 'AWS::SNS::Topic': return `arn:${PARTITION}:sns:${region}:${account}:${name}`;
      case 'AWS::SQS::Queue': return `arn:${PARTITION}:sqs:${region}:${account}:${name}`;
      default: return `arn:${PARTITION}:unknown:${region}:${account}:${r.type}/${name}`;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Intrinsic functions
  // ---------------------------------------------------------------------------------------------

  private resource(stack: StackTemplate, logicalId: string): EstateResource {
    const r = this.resources.find((x) => x.stack === stack && x.logicalId === logicalId);
    if (!r) throw new Error(`access harness: ${stack.name} has no resource ${logicalId}`);
    return r;
  }

  private ref(stack: StackTemplate, name: string): any {
    switch (name) {
      case 'AWS::AccountId': return stack.account;
      case 'AWS::Region': return stack.region;
      case 'AWS::Partition': return PARTITION;
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return stack.name;
      case 'AWS::StackId': return `arn:${PARTITION}:cloudformation:${stack.region}:${stack.account}:stack/${stack.name}/${hex(stack.name, 8)}`;
      case 'AWS::NoValue': return NO_VALUE;
    }
    const param = stack.template.Parameters?.[name];
    if (param) return param.Default ?? `param-${name}`;
    const r = this.resource(stack, name);
    switch (r.type) {
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::StepFunctions::Activity':
      case 'AWS::SNS::Topic':
      case 'AWS::SecretsManager::Secret':
      case 'AWS::Transfer::Server':
      case 'AWS::IAM::ManagedPolicy':
        return this.arnOf(r);
      case 'AWS::SQS::Queue': return `https://sqs.${stack.region}.amazonaws.com/${stack.account}/${this.physicalName(r)}`;
      default: return this.physicalName(r);
    }
  }

  private getAtt(stack: StackTemplate, logicalId: string, attr: string): any {
    const r = this.resource(stack, logicalId);
    const name = this.physicalName(r);
    if (attr === 'Arn') return this.arnOf(r);
    switch (`${r.type}.${attr}`) {
      case 'AWS::Transfer::Server.ServerId': return name;
      case 'AWS::Transfer::Workflow.WorkflowId': return name;
      case 'AWS::KMS::Key.KeyId': return name;
      case 'AWS::EFS::FileSystem.FileSystemId': return name;
      case 'AWS::StepFunctions::StateMachine.Name': return name;
      case 'AWS::StepFunctions::Activity.Name': return name;
      case 'AWS::S3::Bucket.DomainName': return `${name}.s3.amazonaws.com`;
      case 'AWS::S3::Bucket.RegionalDomainName': return `${name}.s3.${stack.region}.amazonaws.com`;
      case 'AWS::IAM::Role.RoleId': return `AROA${hex(name, 17).toUpperCase()}`;
      default: return `${name}.${attr}`;
    }
  }

  /** Resolve every intrinsic function in `value`, as CloudFormation does in `stack`. */
  public resolveIn(stack: StackTemplate, value: any): any {
    const out = this.resolveAny(stack, value);
    return out === NO_VALUE ? undefined : out;
  }

  private resolveAny(stack: StackTemplate, value: any): any {
    if (Array.isArray(value)) return value.map((v) => this.resolveAny(stack, v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [fn] = keys;
      const arg = value[fn];
      switch (fn) {
        case 'Ref': return this.ref(stack, arg);
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/);
          return this.getAtt(stack, id, attr);
        }
        case 'Fn::Join': {
          const [sep, parts] = arg;
          const list = this.resolveAny(stack, parts);
          return list.map((p: any) => (typeof p === 'string' ? p : JSON.stringify(p))).join(sep);
        }
        case 'Fn::Select': {
          const [i, list] = this.resolveAny(stack, arg);
          return list[Number(i)];
        }
        case 'Fn::Split': {
          const [sep, s] = this.resolveAny(stack, arg);
          return String(s).split(sep);
        }
        case 'Fn::Sub': return this.sub(stack, arg);
        case 'Fn::ImportValue': {
          const name = this.resolveAny(stack, arg);
          const exported = this.exports.get(name);
          if (!exported) throw new Error(`access harness: no export named ${name}`);
          return this.resolveAny(exported.stack, exported.value);
        }
        case 'Fn::GetAZs': return [`${stack.region}a`, `${stack.region}b`, `${stack.region}c`];
        case 'Fn::If': throw new Error('access harness: Fn::If (conditions) is not modelled');
      }
    }
    const out: any = {};
    for (const k of keys) {
      const v = this.resolveAny(stack, value[k]);
      if (v !== NO_VALUE) out[k] = v;
    }
    return out;
  }

  private sub(stack: StackTemplate, arg: any): string {
    const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
    const locals = this.resolveAny(stack, vars ?? {});
    return String(text).replace(/\$\{(!?)([^}]*)\}/g, (whole, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (name in locals) return String(locals[name]);
      // Policy variables (`${aws:username}`, `${transfer:UserName}`) are not CloudFormation's.
      if (/^[a-z0-9-]+:[A-Za-z]/.test(name) && !name.startsWith('AWS::')) return whole;
      const [id, attr] = name.split(/\.(.*)/);
      return String(attr === undefined ? this.ref(stack, id) : this.getAtt(stack, id, attr));
    });
  }
}

const NO_VALUE = Symbol('AWS::NoValue');
