import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { aws_transfer as transferRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { invalid, optionalArray, optionalString, requireId, requireMembers, requireObject } from '../private/input';

/**
 * Where the uploaded file is, as the Transfer custom step reported it.
 * S3 files have `bucket` and `key`; EFS files have `fileSystemId` and `path`.
 */
export interface TransferFileLocation {
  /** `S3` or `EFS`. */
  readonly domain: string;
  /** The bucket (S3). */
  readonly bucket?: string;
  /** The object key (S3). */
  readonly key?: string;
  /** The object version (S3; `null` when the bucket is not versioned). */
  readonly versionId?: string;
  /** The object's entity tag (S3). */
  readonly eTag?: string;
  /** The file system id (EFS). */
  readonly fileSystemId?: string;
  /** The file path (EFS). */
  readonly path?: string;
}

/** Who uploaded the file. */
export interface TransferStepUser {
  /** The Transfer user name. */
  readonly userName: string;
  /** The server id (`s-...`). */
  readonly serverId: string;
  /** The session id of the upload. */
  readonly sessionId: string;
}

/**
 * The input of every state machine execution that a Transfer workflow step starts through the
 * library's bridge function. It is part of the public API: its fields keep their names and meaning.
 *
 * ```json
 * {
 *   "token": "…",                      // the callback token of the workflow step
 *   "workflowId": "w-0123456789abcdef0",
 *   "executionId": "…",                // the workflow execution
 *   "fileLocation": { "domain": "S3", "bucket": "…", "key": "…", "versionId": "…", "eTag": "…" },
 *   "user": { "userName": "…", "serverId": "s-…", "sessionId": "…" }
 * }
 * ```
 *
 * `TransferStepCallback.success()` and `.failure()` read `token`, `workflowId` and `executionId` from it.
 */
export interface TransferStepInput {
  /** The callback token of the workflow step; `SendWorkflowStepState` needs it. */
  readonly token: string;
  /** The id of the Transfer workflow (`w-...`). */
  readonly workflowId: string;
  /** The id of the workflow execution. */
  readonly executionId: string;
  /** The uploaded file. */
  readonly fileLocation: TransferFileLocation;
  /** Who uploaded it. */
  readonly user: TransferStepUser;
}

/** Options of `TransferStepCallback.success()` and `.failure()`. */
export interface TransferStepCallbackProps {
  /**
   * The workflows this state may report to: the state machine's role gets
   * `transfer:SendWorkflowStepState` on these workflows only. Give them whenever you can.
   *
   * @default - every workflow of this stack's account and region (`arn:<partition>:transfer:<region>:<account>:workflow/*`)
   */
  readonly workflows?: transferRefs.IWorkflowRef[];

  /**
   * The JSONPath where the `TransferStepInput` is in this state's input. Keep the execution input
   * there (for example by giving earlier states a `resultPath`).
   *
   * @default '$' (the execution input as the bridge passed it)
   */
  readonly inputPath?: string;

  /**
   * A comment for the state.
   *
   * @default - none
   */
  readonly comment?: string;
}

/** The statuses Transfer accepts from SendWorkflowStepState. */
enum StepStatus {
  SUCCESS = 'SUCCESS',
  FAILURE = 'FAILURE',
}

/**
 * States that report the outcome of a Transfer workflow step back to Transfer
 * (`transfer:SendWorkflowStepState`, through the Step Functions SDK integration), so the state
 * machine needs no Lambda function at its end. Use them in state machines the bridge starts,
 * whose input is a `TransferStepInput`. They work in JSONPath state machines (the default query language).
 */
export class TransferStepCallback {
  /** A state that tells Transfer the step succeeded: the workflow goes on with its next step. */
  public static success(scope: Construct, id: string, props: TransferStepCallbackProps = {}): tasks.CallAwsService {
    return TransferStepCallback.report('TransferStepCallback.success()', scope, id, StepStatus.SUCCESS, props);
  }

  /** A state that tells Transfer the step failed: the workflow runs its exception-handling steps. */
  public static failure(scope: Construct, id: string, props: TransferStepCallbackProps = {}): tasks.CallAwsService {
    return TransferStepCallback.report('TransferStepCallback.failure()', scope, id, StepStatus.FAILURE, props);
  }

  private static report(where: string, scope: Construct, id: string, status: StepStatus, props: TransferStepCallbackProps): tasks.CallAwsService {
    requireMembers(where, 'scope', scope, 'a construct (a Stack, or a construct in one)', ['node']);
    requireId(where, id);
    requireObject(where, 'props', props);
    const base = optionalString(where, 'inputPath', props.inputPath) ?? '$';
    optionalString(where, 'comment', props.comment);
    const at = (field: string) => {
      try {
        return sfn.JsonPath.stringAt(base === '$' ? `$.${field}` : `${base}.${field}`);
      } catch {
        return invalid(where, 'inputPath', 'a JSONPath (`$`, or starting with `$.` or `$[`)', base);
      }
    };
    const workflows = checkWorkflows(where, props.workflows);
    const stack = Stack.of(scope);
    const resources = workflows.length > 0
      ? workflows.map((w) => w.workflowRef.workflowArn)
      : [stack.formatArn({ service: 'transfer', resource: 'workflow', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME })];
    return new tasks.CallAwsService(scope, id, {
      comment: props.comment,
      service: 'transfer',
      action: 'sendWorkflowStepState',
      iamAction: 'transfer:SendWorkflowStepState',
      iamResources: resources,
      parameters: {
        WorkflowId: at('workflowId'),
        ExecutionId: at('executionId'),
        Token: at('token'),
        Status: status,
      },
      // Keep the state's input as its output, so a chain can go on after reporting.
      resultPath: sfn.JsonPath.DISCARD,
    });
  }
}

/** The workflows a callback may report to: references with an ARN (a list token cannot hold them). */
function checkWorkflows(where: string, value: unknown): transferRefs.IWorkflowRef[] {
  if (Token.isUnresolved(value)) invalid(where, 'workflows', 'an array of workflows (IWorkflowRef), not a token', value);
  return optionalArray(where, 'workflows', value, (v, name) => {
    const ref = requireMembers(where, name, v as transferRefs.IWorkflowRef, 'a workflow (an IWorkflowRef, e.g. a `Workflow`)', ['workflowRef']);
    requireMembers(where, `${name}.workflowRef`, ref.workflowRef, 'a WorkflowReference', ['workflowArn']);
    return ref;
  }) ?? [];
}
