/** The estate written with this library. */
import { Annotations, App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { estate, SCANNER_CODE, STATE_MACHINES } from './estate';
import {
  EncryptedStateMachine, FileLocation, HomeDirectory, SourceFile, TransferServer, Workflow, WorkflowStep,
} from 'cdk-transfer-family';

export function buildL2(app: App, n: number, perStack?: number): void {
  for (const spec of estate(n, perStack)) {
    const stack = new Stack(app, spec.id);
    const homes = new s3.Bucket(stack, 'Homes', { encryption: s3.BucketEncryption.S3_MANAGED, removalPolicy: RemovalPolicy.RETAIN });
    if (spec.processing) {
      for (let i = 1; i <= STATE_MACHINES; i++) {
        new EncryptedStateMachine(stack, `Process${i}`, {
          definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, `Inspect${i}`).next(new sfn.Succeed(stack, `Done${i}`))),
        });
      }
    }
    // Upload processing: archive a copy, tag it, let a function scan it, tag the upload, remove the upload.
    const scanner = new lambda.Function(stack, 'Scanner', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(SCANNER_CODE),
    });
    const workflows = spec.workflows.map((w) => new Workflow(stack, `Workflow${w}`, {
      description: `Archive and scan uploads ${w}`,
      steps: [
        WorkflowStep.copy({ destination: FileLocation.s3(homes, `archive/${w}/\${transfer:UserName}/`) }),
        WorkflowStep.tag({ tags: { stage: 'archived', workflow: String(w) } }),
        WorkflowStep.custom({ function: scanner, timeout: Duration.minutes(5) }),
        WorkflowStep.tag({ source: SourceFile.ORIGINAL, tags: { stage: 'scanned' } }),
        WorkflowStep.delete({ source: SourceFile.ORIGINAL }),
      ],
    }));
    // A server starts one workflow on upload: the stack's other workflows are attached to none, and the
    // library warns that their roles cannot reach the uploads. The estate keeps them (10 workflows in all)
    // and acknowledges the warning, as an app that synthesizes with `--strict` would.
    for (const w of workflows.slice(1)) {
      Annotations.of(w).acknowledgeWarning('cdk-transfer-family:workflow/source-locations-unknown', 'spare workflows of the benchmark estate');
    }
    const server = new TransferServer(stack, 'Server', { onUpload: workflows[0] });
    // The estate's servers keep the default public endpoint, like the L1 twin they are compared with.
    Annotations.of(server).acknowledgeWarning('cdk-transfer-family:server/public-endpoint', 'the benchmark estate keeps the default public endpoint');
    for (const u of spec.users) {
      server.addUser(u.id, {
        userName: u.userName,
        homeDirectory: HomeDirectory.chroot(homes, `${u.dir}/${u.userName}`),
        readOnly: u.readOnly,
        sshPublicKeys: [u.sshPublicKey],
      });
    }
  }
}
