/**
 * What an example means its users, workflows and roles to be able to do, written as data. The test
 * suite synthesizes each example and proves every line with an IAM policy evaluator: each `allowed`
 * line must work as deployed, each `denied` line must fail. Keep one beside your own app: it is the
 * least-privilege contract of your estate, and a review reads it faster than the policies.
 *
 * Operations are written as a person would type them:
 * - a user's file operation, on a path as the user sees it: `upload /invoice.csv`, `download /a.csv`,
 *   `list /`, `delete /a.csv`, `mkdir /2026`, `rename /a.csv /b.csv`;
 * - one AWS request, naming a construct of the stack by its id, for places no user path reaches:
 *   `s3:GetObject Landing/partners/globex/a.csv` (an object of the bucket `Landing`; S3's KMS requests
 *   for an SSE-KMS bucket come with it), `transfer:SendWorkflowStepState Ingest` (the workflow `Ingest`),
 *   `states:StartExecution Scanner`, `logs:PutLogEvents Server` (the log streams of the server's own
 *   log group).
 */
export interface IntendedAccess {
  /** Users of the example's servers. */
  readonly users?: UserAccess[];
  /** Workflows run on an upload: every step, and every exception step, must be allowed. */
  readonly workflows?: WorkflowAccess[];
  /** Other roles: functions', state machines', servers' logging roles (by construct id). */
  readonly roles?: RoleAccess[];
}

export interface UserAccess {
  /** The stack's id. */
  readonly stack: string;
  readonly userName: string;
  readonly allowed: string[];
  readonly denied: string[];
}

export interface WorkflowAccess {
  readonly stack: string;
  /** The user who uploads, and the path it uploads to (the server's `onUpload` workflow runs). */
  readonly userName: string;
  readonly upload: string;
  /** Requests the execution role must not be able to make. */
  readonly denied: string[];
}

export interface RoleAccess {
  readonly stack: string;
  /**
   * The role, by the construct path below the stack: a role (`ScannerRole`), or a construct whose role
   * is meant: `Server` (its logging role), a state machine (`Scanner`).
   */
  readonly role: string;
  readonly allowed: string[];
  readonly denied: string[];
}
