/**
 * An app as it will be deployed, read from its construct tree without synthesizing it: each L1's
 * properties resolved with a token resolver that turns every reference into the deployed value it stands
 * for (a deterministic physical name or ARN, `resolve.ts`), whichever stack the referenced resource is in.
 */
import {
  CfnOutput, CfnParameter, CfnResource, DefaultTokenResolver, IFragmentConcatenator, IPostProcessor, IResolvable, IResolveContext,
  Reference, Stack, Token, Tokenization,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { get, items, strings } from './fields';
import { BucketFacts, bucketEncryptionFacts } from './requests';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, DeployedStack, DeployedValues, NAMING_PROPERTIES } from './resolve';

/** A resource of the app: its L1, its stack and its logical id. */
export interface AppResource {
  readonly cfn: CfnResource;
  readonly stack: DeployedStack;
  readonly logicalId: string;
}

/** A role as deployed, with the policies of the app attached to it. */
export interface AppRole {
  readonly arn: string;
  readonly name: string;
  readonly account: string;
  /** Policy documents, as JSON. */
  readonly policies: string[];
}

/** A bucket's facts, and whether the bucket is a resource of the app. */
export interface AppBucket extends BucketFacts {
  readonly name: string;
  readonly inApp: boolean;
  readonly account: string;
  /** The bucket policy, as JSON, when the app has one. */
  readonly policy?: string;
}

interface StackEntry extends DeployedStack {
  readonly construct: Stack;
  readonly resources: Map<string, AppResource>;
}

const lowerFirst = (s: string) => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;

/** Joins string fragments; a fragment that is not a string becomes an `Fn::Join` the resolver evaluates. */
class Concat implements IFragmentConcatenator {
  public join(left: unknown, right: unknown): unknown {
    if (left === undefined) return right;
    if (right === undefined) return left;
    const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
    if (scalar(left) && scalar(right)) return `${left}${right}`;
    return { 'Fn::Join': ['', [left, right]] };
  }
}

/** Resolves references to their deployed values; everything else as aws-cdk-lib does. */
class DeployedTokenResolver extends DefaultTokenResolver {
  constructor(private readonly model: AppModel) {
    super(new Concat());
  }

  public resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    if (Reference.isReference(t)) {
      const value = this.model.referenceValue(t);
      if (value !== undefined) return value;
    }
    return super.resolveToken(t, context, postProcessor);
  }
}

/** The stacks and resources of an app, and their deployed values. */
export class AppModel {
  private readonly stacks = new Map<Stack, StackEntry>();
  private readonly byType = new Map<string, AppResource[]>();
  private readonly outputs: CfnOutput[] = [];
  private readonly parameters = new Map<DeployedStack, Map<string, CfnParameter>>();
  private readonly deployed: DeployedValues;
  private readonly resolver = new DeployedTokenResolver(this);
  private readonly bucketsByName = new Map<string, AppResource>();
  private rolesByArn?: Map<string, AppRole>;

  constructor(root: IConstruct) {
    this.deployed = new DeployedValues({
      resourceType: (stack, id) => this.entry(stack).resources.get(id)?.cfn.cfnResourceType,
      resourceProperty: (stack, id, property) => {
        const r = this.entry(stack).resources.get(id);
        return r === undefined ? undefined : this.property(r, property);
      },
      parameter: (stack, name) => {
        const param = this.parameters.get(stack)?.get(name);
        return param === undefined ? undefined : { value: this.value(param, param.default) };
      },
      importValue: (name) => {
        const output = this.outputs.find((o) => o.exportName !== undefined && this.value(o, o.exportName) === name);
        if (!output) throw new Error(`WorkflowSimulator: the app exports no value named ${name}`);
        return this.value(output, output.value);
      },
    });
    for (const c of root.node.findAll()) {
      if (Stack.isStack(c)) this.entryOf(c);
    }
    for (const c of root.node.findAll()) {
      if (CfnResource.isCfnResource(c)) {
        const stack = this.entryOf(Stack.of(c));
        const logicalId = stack.construct.resolve(c.logicalId) as string;
        const resource: AppResource = { cfn: c, stack, logicalId };
        stack.resources.set(logicalId, resource);
        const list = this.byType.get(c.cfnResourceType) ?? [];
        list.push(resource);
        this.byType.set(c.cfnResourceType, list);
      } else if (c instanceof CfnParameter) {
        const stack = this.entryOf(Stack.of(c));
        const params = this.parameters.get(stack) ?? new Map<string, CfnParameter>();
        params.set(stack.construct.resolve(c.logicalId) as string, c);
        this.parameters.set(stack, params);
      } else if (c instanceof CfnOutput) {
        this.outputs.push(c);
      }
    }
  }

  /** The stack a construct is in, as deployed. */
  public stackOf(scope: IConstruct): DeployedStack {
    return this.entryOf(Stack.of(scope));
  }

  /** A value of `scope`'s stack (a token, or a structure holding tokens) as deployed. */
  public value(scope: IConstruct, value: unknown): unknown {
    const raw = Tokenization.resolve(value, { scope, resolver: this.resolver, preparing: false, removeEmpty: true });
    return this.deployed.resolveIn(this.stackOf(scope), raw);
  }

  /** The resources of a type. */
  public ofType(type: string): AppResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resource of an L1. */
  public resourceOf(cfn: CfnResource): AppResource {
    const stack = this.entryOf(Stack.of(cfn));
    const logicalId = stack.construct.resolve(cfn.logicalId) as string;
    const found = stack.resources.get(logicalId);
    if (!found) throw new Error(`WorkflowSimulator: ${cfn.node.path} is not in the app`);
    return found;
  }

  public physicalName(r: AppResource): string {
    return this.deployed.physicalName(r.stack, r.logicalId);
  }

  public arnOf(r: AppResource): string {
    return this.deployed.arnOf(r.stack, r.logicalId);
  }

  /** The deployed value of a reference token, or `undefined` when it is not a reference this model knows. */
  public referenceValue(ref: Reference): unknown {
    const target = ref.target;
    const name = ref.displayName;
    if (name.startsWith('AWS::')) return this.deployed.ref(this.stackOf(target), name);
    if (CfnResource.isCfnResource(target) || target instanceof CfnParameter) {
      const stack = this.entryOf(Stack.of(target));
      const logicalId = stack.construct.resolve(target.logicalId) as string;
      if (target instanceof CfnParameter || name === 'Ref') return this.deployed.ref(stack, logicalId);
      return this.deployed.getAtt(stack, logicalId, name);
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // IAM roles and resource policies
  // ---------------------------------------------------------------------------------------------

  /**
   * The role with this ARN, with the app's policies attached to it: the role's inline policies,
   * `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources that name it, and the app's managed
   * policies among its managed policy ARNs. A role outside the app (imported by ARN) has only the
   * app's policies that name it.
   */
  public role(arn: string): AppRole {
    const known = this.roles().get(arn);
    if (known) return known;
    const match = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!match) throw new Error(`WorkflowSimulator: ${JSON.stringify(arn)} is not a role ARN`);
    return { arn, name: match[2], account: match[1], policies: this.attachedPolicies(match[2], arn) };
  }

  /** The key policy of a KMS key of the app, by key ARN, as JSON. */
  public keyPolicy(keyArn: string): string | undefined {
    const key = this.ofType('AWS::KMS::Key').find((r) => this.arnOf(r) === keyArn);
    if (!key) return undefined;
    const policy = this.value(key.cfn, (key.cfn as kms.CfnKey).keyPolicy);
    return policy === undefined ? undefined : JSON.stringify(policy);
  }

  /** What the app says about the bucket of this (deployed) name; `fallbackRegion` for buckets outside it. */
  public bucket(name: string, fallbackRegion: string, fallbackAccount: string): AppBucket {
    if (this.bucketsByName.size === 0) {
      for (const r of this.ofType('AWS::S3::Bucket')) this.bucketsByName.set(this.physicalName(r), r);
    }
    const r = this.bucketsByName.get(name);
    if (!r) return { name, inApp: false, region: fallbackRegion, account: fallbackAccount, bucketKey: false, versioned: false };
    const cfn = r.cfn as s3.CfnBucket;
    const versioning = this.value(r.cfn, cfn.versioningConfiguration);
    const policy = this.ofType('AWS::S3::BucketPolicy')
      .find((p) => this.value(p.cfn, (p.cfn as s3.CfnBucketPolicy).bucket) === name);
    const document = policy ? this.value(policy.cfn, (policy.cfn as s3.CfnBucketPolicy).policyDocument) : undefined;
    return {
      name,
      inApp: true,
      region: r.stack.region,
      account: r.stack.account,
      ...bucketEncryptionFacts(this.value(r.cfn, cfn.bucketEncryption)),
      versioned: (get(versioning, 'status') ?? get(versioning, 'Status')) === 'Enabled',
      policy: document === undefined ? undefined : JSON.stringify(document),
    };
  }

  private roles(): Map<string, AppRole> {
    if (this.rolesByArn) return this.rolesByArn;
    const byArn = new Map<string, AppRole>();
    for (const r of this.ofType('AWS::IAM::Role')) {
      const arn = this.arnOf(r);
      const name = this.physicalName(r);
      const cfn = r.cfn as iam.CfnRole;
      const inline = items(this.value(r.cfn, cfn.policies));
      const policies = inline.map((p) => get(p, 'policyDocument') ?? get(p, 'PolicyDocument')).filter((d) => d !== undefined).map((d) => JSON.stringify(d));
      const managedArns = strings(this.value(r.cfn, cfn.managedPolicyArns));
      for (const m of this.ofType('AWS::IAM::ManagedPolicy')) {
        if (managedArns.includes(this.arnOf(m))) {
          const document = this.value(m.cfn, (m.cfn as iam.CfnManagedPolicy).policyDocument);
          if (document !== undefined) policies.push(JSON.stringify(document));
        }
      }
      policies.push(...this.attachedPolicies(name, arn, managedArns));
      byArn.set(arn, { arn, name, account: r.stack.account, policies });
    }
    this.rolesByArn = byArn;
    return byArn;
  }

  /** The documents of the policies of the app whose `Roles` name this role (by name or ARN). */
  private attachedPolicies(roleName: string, roleArn: string, skipManaged: string[] = []): string[] {
    const out: string[] = [];
    for (const p of [...this.ofType('AWS::IAM::Policy'), ...this.ofType('AWS::IAM::ManagedPolicy')]) {
      if (p.cfn.cfnResourceType === 'AWS::IAM::ManagedPolicy' && skipManaged.includes(this.arnOf(p))) continue;
      const cfn = p.cfn as iam.CfnPolicy | iam.CfnManagedPolicy;
      const roles = strings(this.value(p.cfn, cfn.roles));
      if (!roles.includes(roleName) && !roles.includes(roleArn)) continue;
      const document = this.value(p.cfn, cfn.policyDocument);
      if (document !== undefined) out.push(JSON.stringify(document));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  /** A property of an L1 by its CloudFormation name, deployed (only the names the resolver asks for). */
  private property(r: AppResource, property: string): unknown {
    if (!NAMING_PROPERTIES.includes(property)) return undefined;
    // L1s expose their CloudFormation properties as public fields named in camelCase.
    const raw: unknown = Reflect.get(r.cfn, lowerFirst(property));
    return raw === undefined ? undefined : this.value(r.cfn, raw);
  }

  private entry(stack: DeployedStack): StackEntry {
    return stack as StackEntry;
  }

  private entryOf(stack: Stack): StackEntry {
    let entry = this.stacks.get(stack);
    if (!entry) {
      const account = stack.account;
      const region = stack.region;
      entry = {
        construct: stack,
        name: stack.stackName,
        account: !Token.isUnresolved(account) && /^\d{12}$/.test(account) ? account : DEFAULT_ACCOUNT,
        region: !Token.isUnresolved(region) && /^[a-z]{2}(-[a-z]+)+-\d$/.test(region) ? region : DEFAULT_REGION,
        resources: new Map(),
      };
      this.stacks.set(stack, entry);
    }
    return entry;
  }
}
