/**
 * CloudFormation templates read the way CloudFormation would deploy them: every intrinsic function
 * resolved (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::ImportValue, Fn::GetAZs,
 * pseudo parameters), each resource given a deterministic physical name and ARN.
 *
 * The names are stand-ins, not what CloudFormation will generate: they have the documented shape
 * (a bucket name of lowercase letters, digits and `-`; `s-` and 17 characters for a server id; a key id
 * of five groups of hexadecimal digits) and are the same on every run, so policies, ARNs and the
 * simulator's requests agree with each other.
 *
 * Shared by the workflow simulator (which reads the construct tree of an app) and the access test
 * harness (which reads synthesized templates): both give a `TemplateSource`.
 */
import { createHash } from 'crypto';
import { isRecord } from './fields';

/** The account of stacks whose environment is not set. */
export const DEFAULT_ACCOUNT = '123456789012';
/** The region of stacks whose environment is not set. */
export const DEFAULT_REGION = 'us-east-1';
/** The partition every ARN is built in. */
export const PARTITION = 'aws';

/** A stack as deployed: its name and environment. */
export interface DeployedStack {
  readonly name: string;
  readonly account: string;
  readonly region: string;
}

/** What the resolver reads from the templates. */
export interface TemplateSource {
  /** The type of the resource with this logical id in `stack` (e.g. `AWS::S3::Bucket`), if there is one. */
  resourceType(stack: DeployedStack, logicalId: string): string | undefined;
  /**
   * A property of a resource, by its CloudFormation name (`BucketName`), with its intrinsic functions
   * resolved; `undefined` when absent.
   */
  resourceProperty(stack: DeployedStack, logicalId: string, property: string): unknown;
  /** The value of a parameter of `stack` (its default), or `undefined` when the stack has no such parameter. */
  parameter(stack: DeployedStack, name: string): { readonly value: unknown } | undefined;
  /** The deployed value of an export, by name; throws when there is none. */
  importValue(name: string): unknown;
}

/** The property that names a resource of each type, when the template gives a name. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::StepFunctions::Activity': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SecretsManager::Secret': 'Name',
};

/** The CloudFormation property names a resolver may ask an L1 for (to name resources and users). */
export const NAMING_PROPERTIES = [...new Set([...Object.values(NAME_PROPERTY), 'ServerId', 'UserName'])];

/** Resource types whose `Ref` is their ARN (the others' is their physical name, or a URL for queues). */
const REF_IS_ARN = new Set([
  'AWS::StepFunctions::StateMachine',
  'AWS::StepFunctions::Activity',
  'AWS::SNS::Topic',
  'AWS::SecretsManager::Secret',
  'AWS::Transfer::Server',
  'AWS::IAM::ManagedPolicy',
]);

const hex = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

/** `AWS::NoValue`: dropped from the objects and arrays that hold it. */
const NO_VALUE = Symbol('AWS::NoValue');

/** Deployed values of the resources of a set of templates. */
export class DeployedValues {
  constructor(private readonly source: TemplateSource) {}

  /** The physical name of a resource: the one its template gives, or a deterministic stand-in. */
  public physicalName(stack: DeployedStack, logicalId: string): string {
    const type = this.typeOf(stack, logicalId);
    const base = `${stack.name}-${logicalId}`;
    const nameProperty = NAME_PROPERTY[type];
    const given = nameProperty === undefined ? undefined : this.source.resourceProperty(stack, logicalId, nameProperty);
    if (typeof given === 'string' && given !== '') return given;
    switch (type) {
      case 'AWS::S3::Bucket': return `${base.toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 50)}-${hex(base, 8)}`;
      case 'AWS::IAM::Role': return base.slice(0, 64);
      case 'AWS::Lambda::Function': return base.slice(0, 64);
      case 'AWS::StepFunctions::StateMachine': return base.slice(0, 80);
      case 'AWS::StepFunctions::Activity': return base.slice(0, 80);
      case 'AWS::KMS::Key': return `${hex(base, 8)}-${hex(`${base}1`, 4)}-${hex(`${base}2`, 4)}-${hex(`${base}3`, 4)}-${hex(`${base}4`, 12)}`;
      case 'AWS::Transfer::Server': return `s-${hex(base, 17)}`;
      case 'AWS::Transfer::Workflow': return `w-${hex(base, 17)}`;
      case 'AWS::Transfer::Connector': return `c-${hex(base, 17)}`;
      case 'AWS::EFS::FileSystem': return `fs-${hex(base, 17)}`;
      default: return base;
    }
  }

  /** The ARN of a resource, built from its physical name. */
  public arnOf(stack: DeployedStack, logicalId: string): string {
    const { account, region } = stack;
    const type = this.typeOf(stack, logicalId);
    const name = this.physicalName(stack, logicalId);
    switch (type) {
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
      case 'AWS::Transfer::Connector': return `arn:${PARTITION}:transfer:${region}:${account}:connector/${name}`;
      case 'AWS::Transfer::User': {
        const serverId = this.source.resourceProperty(stack, logicalId, 'ServerId');
        const userName = this.source.resourceProperty(stack, logicalId, 'UserName');
        return `arn:${PARTITION}:transfer:${region}:${account}:user/${serverId}/${userName}`;
      }
      case 'AWS::EFS::FileSystem': return `arn:${PARTITION}:elasticfilesystem:${region}:${account}:file-system/${name}`;
      case 'AWS::SecretsManager::Secret': return `arn:${PARTITION}:secretsmanager:${region}:${account}:secret:${name}-AbCdEf`;
      case 'AWS::SNS::Topic': return `arn:${PARTITION}:sns:${region}:${account}:${name}`;
      case 'AWS::SQS::Queue': return `arn:${PARTITION}:sqs:${region}:${account}:${name}`;
      default: return `arn:${PARTITION}:unknown:${region}:${account}:${type}/${name}`;
    }
  }

  /** What `{ "Ref": name }` is in `stack`: a pseudo parameter, a parameter or a resource. */
  public ref(stack: DeployedStack, name: string): unknown {
    switch (name) {
      case 'AWS::AccountId': return stack.account;
      case 'AWS::Region': return stack.region;
      case 'AWS::Partition': return PARTITION;
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return stack.name;
      case 'AWS::StackId': return `arn:${PARTITION}:cloudformation:${stack.region}:${stack.account}:stack/${stack.name}/${hex(stack.name, 8)}`;
      case 'AWS::NotificationARNs': return [];
      case 'AWS::NoValue': return NO_VALUE;
    }
    const param = this.source.parameter(stack, name);
    if (param) return param.value ?? `param-${name}`;
    const type = this.typeOf(stack, name);
    if (REF_IS_ARN.has(type)) return this.arnOf(stack, name);
    if (type === 'AWS::SQS::Queue') return `https://sqs.${stack.region}.amazonaws.com/${stack.account}/${this.physicalName(stack, name)}`;
    return this.physicalName(stack, name);
  }

  /** What `{ "Fn::GetAtt": [logicalId, attr] }` is in `stack`. */
  public getAtt(stack: DeployedStack, logicalId: string, attr: string): unknown {
    const type = this.typeOf(stack, logicalId);
    const name = this.physicalName(stack, logicalId);
    if (attr === 'Arn') return this.arnOf(stack, logicalId);
    switch (`${type}.${attr}`) {
      case 'AWS::Transfer::Server.ServerId': return name;
      case 'AWS::Transfer::Workflow.WorkflowId': return name;
      case 'AWS::Transfer::Connector.ConnectorId': return name;
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
  public resolveIn(stack: DeployedStack, value: unknown): unknown {
    const out = this.resolveAny(stack, value);
    return out === NO_VALUE ? undefined : out;
  }

  private typeOf(stack: DeployedStack, logicalId: string): string {
    const type = this.source.resourceType(stack, logicalId);
    if (type === undefined) throw new Error(`cdk-transfer-family: stack ${stack.name} has no resource ${logicalId}`);
    return type;
  }

  private resolveAny(stack: DeployedStack, value: unknown): unknown {
    if (Array.isArray(value)) return this.resolveList(stack, value);
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [fn] = keys;
      const arg = value[fn];
      switch (fn) {
        case 'Ref': return this.ref(stack, String(arg));
        case 'Fn::GetAtt': {
          const [id, attr]: unknown[] = Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/);
          return this.getAtt(stack, String(id), String(attr));
        }
        case 'Fn::Join': {
          const [sep, parts] = listOf(fn, arg);
          const list = listOf(fn, this.resolveAny(stack, parts));
          return list.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(sep === undefined ? undefined : String(sep));
        }
        case 'Fn::Select': {
          const [i, list] = listOf(fn, this.resolveAny(stack, arg));
          return listOf(fn, list)[Number(i)];
        }
        case 'Fn::Split': {
          const [sep, s] = listOf(fn, this.resolveAny(stack, arg));
          return String(s).split(String(sep));
        }
        case 'Fn::Sub': return this.sub(stack, arg);
        case 'Fn::ImportValue': return this.source.importValue(String(this.resolveAny(stack, arg)));
        case 'Fn::GetAZs': return [`${stack.region}a`, `${stack.region}b`, `${stack.region}c`];
        case 'Fn::If': throw new Error('cdk-transfer-family: Fn::If (conditions) is not modelled');
      }
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = this.resolveAny(stack, value[k]);
      if (v !== NO_VALUE) out[k] = v;
    }
    return out;
  }

  private resolveList(stack: DeployedStack, list: ReadonlyArray<unknown>): unknown[] {
    return list.map((v) => this.resolveAny(stack, v)).filter((v) => v !== NO_VALUE);
  }

  private sub(stack: DeployedStack, arg: unknown): string {
    const [text, vars]: unknown[] = Array.isArray(arg) ? arg : [arg, {}];
    const locals = this.resolveAny(stack, vars ?? {});
    if (!isRecord(locals)) throw new Error(`cdk-transfer-family: the variables of Fn::Sub must be an object, got ${JSON.stringify(locals)}`);
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

/** The argument of an intrinsic function that takes a list. */
function listOf(fn: string, arg: unknown): unknown[] {
  if (!Array.isArray(arg)) throw new Error(`cdk-transfer-family: ${fn} takes a list, got ${JSON.stringify(arg)}`);
  return arg;
}
