/**
 * How the workflow simulator asks whether a request is allowed. A leaf file: it imports nothing, so the
 * simulator, the default evaluator and users' evaluators can all depend on it.
 */

/**
 * One AWS request a workflow step makes with the execution role, and every policy AWS would evaluate
 * for it, as the simulator resolved them from the app.
 *
 * Policy documents are JSON text, the way IAM stores them.
 */
export interface AccessRequest {
  /** The action, e.g. `s3:GetObject`. */
  readonly action: string;
  /** The ARN of the resource the request acts on. */
  readonly resource: string;
  /** The account that owns the resource (the principal's account when the ARN names none, as S3 ARNs do). */
  readonly resourceAccount: string;
  /** The ARN of the role the service assumed (the workflow's execution role). */
  readonly principalArn: string;
  /** The ARN of the role session the request is made with (`arn:aws:sts::<account>:assumed-role/<role>/<session>`). */
  readonly sessionArn: string;
  /** The account of the role. */
  readonly principalAccount: string;
  /**
   * Single-valued request context keys: `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:SecureTransport`,
   * and the service's own (`kms:ViaService`, `kms:EncryptionContext:aws:s3:arn`, `s3:prefix`, ...).
   */
  readonly context: Record<string, string>;
  /** Multi-valued request context keys, such as `kms:EncryptionContextKeys`. */
  readonly multiValueContext: Record<string, string[]>;
  /**
   * The role's policies found in the app (inline policies, `AWS::IAM::Policy` and customer managed
   * policies attached to it), as JSON. Policies defined outside the app (AWS managed policies, a role
   * imported by ARN) are not known and not included.
   */
  readonly identityPolicies: string[];
  /**
   * The resource's policy, as JSON: the key policy of a KMS key of the app (for a key outside the app,
   * the default key policy, which lets the account's IAM policies grant), or the bucket policy of a
   * bucket of the app.
   *
   * @default - none
   */
  readonly resourcePolicy?: string;
}

/** How an evaluator decided a request. */
export interface AccessDecision {
  /** Whether the request is allowed. */
  readonly allowed: boolean;
  /**
   * The decision as IAM policy evaluation names it: `Allowed`, `ImplicitlyDenied` (no statement allows it)
   * or `ExplicitlyDenied` (a statement denies it).
   * See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
   */
  readonly result: string;
}

/**
 * Decides whether the requests of a simulated workflow execution are allowed. A denied request fails
 * its step with PERMISSION_DENIED.
 */
export interface IAccessEvaluator {
  /** Decide one request. */
  evaluate(request: AccessRequest): AccessDecision;
}
