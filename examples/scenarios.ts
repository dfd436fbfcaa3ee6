import { App } from 'aws-cdk-lib';
import * as as2Vpc from './as2-vpc/stack';
import * as efsSftp from './efs-sftp/stack';
import * as partnerIngest from './partner-ingest/stack';
import * as publicSftp from './public-sftp/stack';
import * as scanWithStateMachine from './scan-with-state-machine/stack';
import * as vpcFtpsLambda from './vpc-ftps-lambda/stack';

/**
 * Every example app, by folder name. The conformance suite synthesizes each one
 * strictly, and checks that this list names every folder of `examples/` that has an `app.ts`.
 */
export const EXAMPLES: ReadonlyArray<{ readonly name: string; readonly build: (app: App) => void }> = [
  { name: 'public-sftp', build: publicSftp.build },
  { name: 'vpc-ftps-lambda', build: vpcFtpsLambda.build },
  { name: 'as2-vpc', build: as2Vpc.build },
  { name: 'efs-sftp', build: efsSftp.build },
  { name: 'partner-ingest', build: partnerIngest.build },
  { name: 'scan-with-state-machine', build: scanWithStateMachine.build },
];
