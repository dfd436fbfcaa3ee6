import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { profiles } from '../as2/estate';
import { As2Connector, As2ConnectorProps, As2Profile, FileLocation, SftpConnector, SftpConnectorProps } from 'cdk-transfer-family';

/** A partner server's ECDSA host key, as `ssh-keyscan` prints it. */
export const HOST_KEY = 'sftp.partner.example.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNvVvQqOlPF/JYI5IP+qyClGWDHFx63GfHReQfmtmYHY0gOD822Upv4A/DVS7LML+CQqiPZSPBDkeE/aN3uRdkk=';
/** An ED25519 host key, which connectors do not accept. */
export const ED25519_HOST_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKNMxsnjLaoXufHTeUfO5Wro+bhxoDHxVNNDuKKH9wtg';

/** A bucket and a secret for a connector of `stack`. */
export function connectorParts(stack: Stack) {
  const bucket = (stack.node.tryFindChild('Files') as s3.Bucket | undefined) ?? new s3.Bucket(stack, 'Files', { enforceSSL: true });
  const secret = (stack.node.tryFindChild('PartnerSecret') as secretsmanager.Secret | undefined) ?? new secretsmanager.Secret(stack, 'PartnerSecret');
  return { bucket, secret };
}

/** An SFTP connector of `stack` sending from `outbound/` and retrieving into `inbound/`. */
export function sftpConnector(stack: Stack, props: Partial<SftpConnectorProps> = {}, id = 'Connector'): SftpConnector {
  const { bucket, secret } = connectorParts(stack);
  return new SftpConnector(stack, id, {
    url: 'sftp://sftp.partner.example.com',
    userSecret: secret,
    trustedHostKeys: [HOST_KEY],
    sendFrom: [FileLocation.s3(bucket, 'outbound')],
    retrieveTo: [FileLocation.s3(bucket, 'inbound')],
    ...props,
  });
}

/** An AS2 connector of `stack` between the AS2 test profiles, sending from `as2/outbound/`. */
export function as2Connector(stack: Stack, props: Partial<As2ConnectorProps> = {}, id = 'As2'): As2Connector {
  const { bucket } = connectorParts(stack);
  const made = stack.node.tryFindChild('Local') as As2Profile | undefined;
  const { local, partner } = made ? { local: made, partner: stack.node.findChild('Partner') as As2Profile } : profiles(stack);
  return new As2Connector(stack, id, {
    url: 'https://as2.partner.example.com/as2',
    localProfile: local,
    partnerProfile: partner,
    sendFrom: [FileLocation.s3(bucket, 'as2/outbound')],
    ...props,
  });
}
