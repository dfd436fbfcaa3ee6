import { App } from 'aws-cdk-lib';
import { IntendedAccess } from './access';
import * as adGroupsAccess from './ad-groups/access';
import * as adGroups from './ad-groups/stack';
import * as as2PartnersAccess from './as2-partners/access';
import * as as2Partners from './as2-partners/stack';
import * as as2VpcAccess from './as2-vpc/access';
import * as as2Vpc from './as2-vpc/stack';
import * as efsSftpAccess from './efs-sftp/access';
import * as efsSftp from './efs-sftp/stack';
import * as partnerIngestAccess from './partner-ingest/access';
import * as partnerIngest from './partner-ingest/stack';
import * as publicSftpAccess from './public-sftp/access';
import * as publicSftp from './public-sftp/stack';
import * as scanWithStateMachineAccess from './scan-with-state-machine/access';
import * as scanWithStateMachine from './scan-with-state-machine/stack';
import * as sftpConnectorAccess from './sftp-connector/access';
import * as sftpConnector from './sftp-connector/stack';
import * as vpcEndpointNlbAccess from './vpc-endpoint-nlb/access';
import * as vpcEndpointNlb from './vpc-endpoint-nlb/stack';
import * as vpcFtpsLambdaAccess from './vpc-ftps-lambda/access';
import * as vpcFtpsLambda from './vpc-ftps-lambda/stack';

/**
 * Every example app, by folder name, with the access it intends. The conformance suite synthesizes each
 * one strictly, proves its intended access, and checks that this list names every folder of `examples/`
 * that has an `app.ts`.
 */
export const EXAMPLES: ReadonlyArray<{ readonly name: string; readonly build: (app: App) => void; readonly access: IntendedAccess }> = [
  { name: 'public-sftp', build: publicSftp.build, access: publicSftpAccess.ACCESS },
  { name: 'vpc-ftps-lambda', build: vpcFtpsLambda.build, access: vpcFtpsLambdaAccess.ACCESS },
  { name: 'as2-vpc', build: as2Vpc.build, access: as2VpcAccess.ACCESS },
  { name: 'as2-partners', build: as2Partners.build, access: as2PartnersAccess.ACCESS },
  { name: 'efs-sftp', build: efsSftp.build, access: efsSftpAccess.ACCESS },
  { name: 'partner-ingest', build: partnerIngest.build, access: partnerIngestAccess.ACCESS },
  { name: 'scan-with-state-machine', build: scanWithStateMachine.build, access: scanWithStateMachineAccess.ACCESS },
  { name: 'ad-groups', build: adGroups.build, access: adGroupsAccess.ACCESS },
  { name: 'vpc-endpoint-nlb', build: vpcEndpointNlb.build, access: vpcEndpointNlbAccess.ACCESS },
  { name: 'sftp-connector', build: sftpConnector.build, access: sftpConnectorAccess.ACCESS },
];
