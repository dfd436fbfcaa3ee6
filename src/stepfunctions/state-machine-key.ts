import { Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Stands in for a key that can only be created after `super()`: aws-cdk-lib's StateMachine and Activity
 * constructors read the key's ARN (a lazy value here) and add key policy statements (kept and replayed
 * onto the real key). Only those two members are used by aws-cdk-lib before the real key exists.
 */
export class DeferredKey {
  /** The real key's ARN, resolved at synthesis. */
  public readonly keyArn: string = Lazy.string({ produce: () => this.real().keyArn });
  private key?: kms.IKey;
  private readonly pending: iam.PolicyStatement[] = [];

  /** Adds the statement to the real key, or keeps it until the real key exists. */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    if (this.key) return this.key.addToResourcePolicy(statement);
    this.pending.push(statement);
    return { statementAdded: true };
  }

  /** This stand-in, typed for `sfn.CustomerManagedEncryptionConfiguration`. */
  public asKey(): kms.IKey {
    return this as unknown as kms.IKey;
  }

  /** Provide the real key and replay the statements added so far. */
  public resolveTo(key: kms.IKey): void {
    this.key = key;
    for (const s of this.pending.splice(0)) key.addToResourcePolicy(s);
  }

  private real(): kms.IKey {
    if (!this.key) throw new Error('DeferredKey: the key was never created');
    return this.key;
  }
}
