import { Stack } from 'aws-cdk-lib';
import { CfnHostKey, CfnServer } from 'aws-cdk-lib/aws-transfer';
import { ServerSubject, serverSubject } from '../server/server-rules';

/**
 * The subject of the server rules built from an `AWS::Transfer::Server` L1 alone: its properties with
 * CloudFormation's defaults (as `serverSubject` reads them for a `TransferServer`), and the
 * `AWS::Transfer::HostKey` resources of the same stack whose `ServerId` is this server's.
 *
 * What only this library's constructs know is absent: the algorithm a host key was declared with (its body
 * is read instead), an SFTP authentication method given twice, and a custom host name's hosted zone.
 */
export function serverSubjectOfL1(cfn: CfnServer): ServerSubject {
  const stack = Stack.of(cfn);
  const serverId = JSON.stringify(stack.resolve(cfn.attrServerId));
  const hostKeys = stack.node.findAll()
    .filter((c): c is CfnHostKey => c instanceof CfnHostKey)
    .filter((key) => JSON.stringify(stack.resolve(key.serverId)) === serverId)
    .map((resource) => ({ resource }));
  return serverSubject(cfn, { hostKeys });
}
