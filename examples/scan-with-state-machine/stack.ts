import { Annotations, App, Duration, RemovalPolicy, SecretValue, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  EncryptedStateMachine, HomeDirectory, HostKey, HostKeyAlgorithm, SourceFile, TransferServer, TransferStepCallback, Workflow, WorkflowStep,
} from 'cdk-transfer-family';

/**
 * Partners upload over SFTP; a workflow hands each file to an encrypted Step Functions state machine,
 * which scans it and reports the verdict back to the workflow, with no Lambda function of its own.
 */
export class ScanWithStateMachineStack extends Stack {
  public readonly server: TransferServer;
  public readonly workflow: Workflow;
  public readonly scan: EncryptedStateMachine;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const landing = new s3.Bucket(this, 'Landing', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The workflow comes first: the state machine's callback states may report to this workflow only.
    this.workflow = new Workflow(this, 'Scan', { description: 'Scan partner uploads with Step Functions' });

    // The state machine's input is a TransferStepInput: { token, workflowId, executionId, fileLocation, user }.
    // Here the "scan" looks at the object's size; put the real checks (or an activity for a human) in its place.
    const inspect = new tasks.CallAwsService(this, 'Inspect file', {
      service: 's3',
      action: 'headObject',
      // HeadObject is authorized by s3:GetObject: there is no s3:HeadObject action in IAM.
      iamAction: 's3:GetObject',
      parameters: { 'Bucket.$': '$.fileLocation.bucket', 'Key.$': '$.fileLocation.key' },
      iamResources: [landing.arnForObjects('partners/*')],
      resultSelector: { 'size.$': '$.ContentLength' },
      resultPath: '$.inspection',
    });
    const accept = TransferStepCallback.success(this, 'Report clean', { workflows: [this.workflow] });
    const reject = TransferStepCallback.failure(this, 'Report rejected', { workflows: [this.workflow] });
    inspect.addCatch(reject, { resultPath: '$.error' });
    const definition = inspect.next(new sfn.Choice(this, 'Clean?')
      .when(sfn.Condition.numberGreaterThan('$.inspection.size', 0), accept)
      .otherwise(reject));
    this.scan = new EncryptedStateMachine(this, 'Scanner', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: Duration.minutes(15),
    });
    Validations.of(this.scan).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(landing.node.defaultChild as s3.CfnBucket)}.Arn>/partners/*]`,
      reason: 'The scan inspects whichever file a partner uploaded under partners/; its key is known only at run time.',
    });
    Validations.of(this.scan).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'aws-cdk-lib grants the role the CloudWatch Logs delivery actions (logs:*LogDelivery*, PutResourcePolicy, Describe*) '
        + 'and the X-Ray actions on *: these actions support no resource-level permissions.',
    });

    // Tag the upload, run the scan (the step waits for the state machine's report), tag the verdict.
    this.workflow.addStep(WorkflowStep.tag({ tags: { scan: 'pending' } }));
    this.workflow.addStep(WorkflowStep.runStateMachine({ stateMachine: this.scan, timeout: Duration.minutes(20) }));
    this.workflow.addStep(WorkflowStep.tag({ tags: { scan: 'clean' } }));
    this.workflow.addExceptionStep(WorkflowStep.tag({ tags: { scan: 'rejected' }, source: SourceFile.ORIGINAL }));

    this.server = new TransferServer(this, 'Server', {
      hostKeys: [HostKey.fromSecretValue(SecretValue.secretsManager('sftp/scan-host-key'), { algorithm: HostKeyAlgorithm.ECDSA })],
      onUpload: this.workflow,
    });
    Annotations.of(this.server).acknowledgeWarning('cdk-transfer-family:server/public-endpoint',
      'Partners upload from addresses not known in advance; each authenticates with its own SSH key and every upload is scanned.');
    this.server.addUser('Acme', {
      userName: 'acme',
      homeDirectory: HomeDirectory.chroot(landing, 'partners/acme'),
      sshPublicKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHXP7ncX3x4v0dLSQ0mC6yW2s0cQ3fYVqJ3c4P1T4dRk acme@ops'],
    });
  }
}

/** Adds this example's stacks to an app (the conformance suite builds it this way too). */
export function build(app: App): void {
  new ScanWithStateMachineStack(app, 'ScanWithStateMachine');
}
