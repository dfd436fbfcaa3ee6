import { Lazy, RemovalPolicy, ResourceEnvironment, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct, IMixin, Node } from 'constructs';

/**
 * A resource that can only be created as a child of a construct after that construct's `super()` call,
 * handed to aws-cdk-lib's constructor before it exists. Each member reads the real resource, which must
 * be given (`resolveTo`) before the member is used; ARNs and names are lazy values, read at synthesis.
 */
abstract class Deferred<T extends IConstruct> {
  private target?: T;

  /** Provide the real resource. */
  public resolveTo(target: T): void {
    this.target = target;
  }

  /** Whether the real resource has been given. */
  protected get resolved(): boolean {
    return this.target !== undefined;
  }

  /** The real resource; an Error before it is given. */
  protected real(): T {
    if (!this.target) throw new Error(`${this.constructor.name}: used before the resource it stands for was created`);
    return this.target;
  }
}

/**
 * Stands in for the default key of `EncryptedStateMachine` and `EncryptedActivity`: aws-cdk-lib's
 * StateMachine and Activity constructors take the key in their props, read its ARN (a lazy value here)
 * and add key policy statements (kept, and added to the real key when it is given). Every other member
 * is the real key's.
 */
export class DeferredKey extends Deferred<kms.IKey> implements kms.IKey {
  public readonly keyArn: string = Lazy.string({ produce: () => this.real().keyArn });
  public readonly keyId: string = Lazy.string({ produce: () => this.real().keyId });
  private readonly pending: iam.PolicyStatement[] = [];

  public get keyRef(): kms.KeyReference {
    return { keyArn: this.keyArn, keyId: this.keyId };
  }

  public get node(): Node {
    return this.real().node;
  }

  public get stack(): Stack {
    return this.real().stack;
  }

  public get env(): ResourceEnvironment {
    return this.real().env;
  }

  /** Adds the statement to the real key, or keeps it until the real key is given. */
  public addToResourcePolicy(statement: iam.PolicyStatement, allowNoOp?: boolean): iam.AddToResourcePolicyResult {
    if (this.resolved) return this.real().addToResourcePolicy(statement, allowNoOp);
    this.pending.push(statement);
    return { statementAdded: true };
  }

  /** Provide the real key and add the statements kept so far to its policy. */
  public resolveTo(key: kms.IKey): void {
    super.resolveTo(key);
    for (const s of this.pending.splice(0)) key.addToResourcePolicy(s);
  }

  public with(...mixins: IMixin[]): IConstruct {
    return this.real().with(...mixins);
  }

  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.real().applyRemovalPolicy(policy);
  }

  public addAlias(alias: string): kms.Alias {
    return this.real().addAlias(alias);
  }

  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.real().grant(grantee, ...actions);
  }

  public grantDecrypt(grantee: iam.IGrantable): iam.Grant {
    return this.real().grantDecrypt(grantee);
  }

  public grantEncrypt(grantee: iam.IGrantable): iam.Grant {
    return this.real().grantEncrypt(grantee);
  }

  public grantEncryptDecrypt(grantee: iam.IGrantable): iam.Grant {
    return this.real().grantEncryptDecrypt(grantee);
  }

  public grantSign(grantee: iam.IGrantable): iam.Grant {
    return this.real().grantSign(grantee);
  }

  public grantVerify(grantee: iam.IGrantable): iam.Grant {
    return this.real().grantVerify(grantee);
  }

  public grantSignVerify(grantee: iam.IGrantable): iam.Grant {
    return this.real().grantSignVerify(grantee);
  }

  public grantGenerateMac(grantee: iam.IGrantable): iam.Grant {
    return this.real().grantGenerateMac(grantee);
  }

  public grantVerifyMac(grantee: iam.IGrantable): iam.Grant {
    return this.real().grantVerifyMac(grantee);
  }
}

/**
 * Stands in for the log group `EncryptedStateMachine` creates: aws-cdk-lib's StateMachine constructor
 * takes the logs destination in its props and reads its ARN (a lazy value here). Every other member is
 * the real log group's.
 */
export class DeferredLogGroup extends Deferred<logs.ILogGroup> implements logs.ILogGroupRef {
  public readonly logGroupRef: logs.LogGroupReference = {
    logGroupArn: Lazy.string({ produce: () => this.real().logGroupArn }),
    logGroupName: Lazy.string({ produce: () => this.real().logGroupName }),
  };

  public get node(): Node {
    return this.real().node;
  }

  public get env(): ResourceEnvironment {
    return this.real().env;
  }

  public with(...mixins: IMixin[]): IConstruct {
    return this.real().with(...mixins);
  }
}
