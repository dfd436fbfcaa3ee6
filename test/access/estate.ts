/**
 * The synthesized templates of an app, read the way CloudFormation would deploy them: every intrinsic
 * function resolved (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::ImportValue, pseudo
 * parameters), each resource given a deterministic physical name and ARN, and the IAM policies of each
 * role collected from wherever the templates attach them.
 */
import { App, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PolicyJson } from './evaluator';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, DeployedValues, PARTITION, TemplateSource } from '../../src/simulator/resolve';

export { DEFAULT_ACCOUNT, DEFAULT_REGION, PARTITION };

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
  private readonly deployed = new DeployedValues(this.templateSource());

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
  // Physical names, ARNs and intrinsic functions: the simulator's resolver (src/simulator/resolve.ts)
  // ---------------------------------------------------------------------------------------------

  public physicalName(r: EstateResource): string {
    return this.deployed.physicalName(r.stack, r.logicalId);
  }

  public arnOf(r: EstateResource): string {
    return this.deployed.arnOf(r.stack, r.logicalId);
  }

  /** Resolve every intrinsic function in `value`, as CloudFormation does in `stack`. */
  public resolveIn(stack: StackTemplate, value: any): any {
    return this.deployed.resolveIn(stack, value);
  }

  private resource(stack: StackTemplate, logicalId: string): EstateResource | undefined {
    return this.resources.find((x) => x.stack === stack && x.logicalId === logicalId);
  }

  private templateSource(): TemplateSource {
    return {
      resourceType: (stack, logicalId) => this.resource(stack as StackTemplate, logicalId)?.type,
      resourceProperty: (stack, logicalId, property) => this.resource(stack as StackTemplate, logicalId)?.properties[property],
      parameter: (stack, name) => {
        const param = (stack as StackTemplate).template.Parameters?.[name];
        return param ? { value: param.Default } : undefined;
      },
      importValue: (name) => {
        const exported = this.exports.get(name);
        if (!exported) throw new Error(`access harness: no export named ${name}`);
        return this.resolveIn(exported.stack, exported.value);
      },
    };
  }
}
