import { Stack } from 'aws-cdk-lib';
import { CfnConnector } from 'aws-cdk-lib/aws-transfer';
import { as2Connector, ED25519_HOST_KEY, HOST_KEY, sftpConnector } from './estate';
import { PARTNER } from '../as2/fixtures';
import { RuleCases } from '../validation/rule-cases';
import {
  As2Certificate, As2CertificateBody, As2CertificateUsage, As2EncryptionAlgorithm, As2MdnResponse, As2MdnSigningAlgorithm, As2Profile,
  As2SigningAlgorithm, ConnectorEgress, SftpConnectorSecurityPolicy,
} from 'cdk-transfer-family';

const sftp = (stack: Stack) => { sftpConnector(stack); };
/** An SFTP connector with VPC Lattice egress (no URL), trusting the host key without its host name unless told. */
const latticeConnector = (stack: Stack, options: { port?: number } = {}, trustedHostKeys = [HOST_KEY.split(' ').slice(1).join(' ')]) => sftpConnector(stack, {
  url: undefined,
  trustedHostKeys,
  egress: ConnectorEgress.vpcLattice({ resourceConfiguration: `arn:aws:vpc-lattice:${stack.region}:${stack.account}:resourceconfiguration/rcfg-0123456789abcdef0`, ...options }),
});
const as2 = (stack: Stack) => { as2Connector(stack); };
/** A partner profile with the partner's SIGNING certificate only (no ENCRYPTION one). */
const signingOnlyPartner = (stack: Stack) => As2Profile.partner(stack, 'SigningOnly', {
  as2Id: 'SIGNING-ONLY',
  certificates: [new As2Certificate(stack, 'SigningOnlyCert', { certificate: As2CertificateBody.fromPem(PARTNER), usage: As2CertificateUsage.SIGNING })],
});

/** A case for each rule of the connector table (run by test/validation/rule-cases.test.ts). */
export const CONNECTOR_RULE_CASES: RuleCases = {
  'connector/one-config': {
    breaks: (stack) => {
      const c = sftpConnector(stack);
      (c.node.defaultChild as CfnConnector).as2Config = { LocalProfileId: 'p-0123456789abcdef0', PartnerProfileId: 'p-0123456789abcdef1' };
    },
    holds: sftp,
  },
  'connector/sftp-url': {
    breaks: (stack) => { sftpConnector(stack, { url: 'https://sftp.partner.example.com' }); },
    holds: (stack) => { sftpConnector(stack, { url: 'sftp://sftp.partner.example.com:2222' }); },
  },
  'connector/sftp-user-secret': {
    breaks: (stack) => {
      const c = sftpConnector(stack);
      (c.node.defaultChild as CfnConnector).sftpConfig = { trustedHostKeys: [HOST_KEY] };
    },
    holds: sftp,
  },
  'connector/sftp-trusted-host-keys': {
    breaks: (stack) => { sftpConnector(stack, { trustedHostKeys: undefined }); },
    holds: sftp,
  },
  'connector/sftp-trusted-host-key-format': {
    breaks: (stack) => { sftpConnector(stack, { trustedHostKeys: [ED25519_HOST_KEY] }); },
    holds: (stack) => { sftpConnector(stack, { trustedHostKeys: [HOST_KEY, HOST_KEY.split(' ').slice(1).join(' ')] }); },
  },
  'connector/sftp-max-concurrent-connections': {
    breaks: (stack) => { sftpConnector(stack, { maxConcurrentConnections: 6 }); },
    holds: (stack) => { sftpConnector(stack, { maxConcurrentConnections: 5 }); },
  },
  'connector/sftp-security-policy': {
    breaks: (stack) => { sftpConnector(stack, { securityPolicy: SftpConnectorSecurityPolicy.of('TransferSecurityPolicy-2024-01') }); },
    holds: (stack) => { sftpConnector(stack, { securityPolicy: SftpConnectorSecurityPolicy.SFTP_CONNECTOR_FIPS_2024_10 }); },
  },
  'connector/as2-url': {
    breaks: (stack) => { as2Connector(stack, { url: 'sftp://as2.partner.example.com' }); },
    holds: (stack) => { as2Connector(stack, { url: 'http://as2.partner.example.com:8080/as2' }); },
  },
  'connector/as2-profiles': {
    breaks: (stack) => {
      const other = As2Profile.partner(stack, 'Other', { as2Id: 'OTHER' });
      as2Connector(stack, { localProfile: other });
    },
    holds: as2,
  },
  'connector/as2-encryption-over-https': {
    breaks: (stack) => { as2Connector(stack, { url: 'http://as2.partner.example.com/as2', encryptionAlgorithm: As2EncryptionAlgorithm.NONE }); },
    holds: (stack) => { as2Connector(stack, { url: 'https://as2.partner.example.com/as2', encryptionAlgorithm: As2EncryptionAlgorithm.NONE }); },
  },
  'connector/as2-weak-algorithm': {
    breaks: (stack) => {
      as2Connector(stack, { encryptionAlgorithm: As2EncryptionAlgorithm.DES_EDE3_CBC, signingAlgorithm: As2SigningAlgorithm.SHA1 });
    },
    holds: (stack) => {
      as2Connector(stack, { encryptionAlgorithm: As2EncryptionAlgorithm.AES192_CBC, signingAlgorithm: As2SigningAlgorithm.SHA384 });
    },
  },
  'connector/as2-mdn-signing-without-mdn': {
    breaks: (stack) => { as2Connector(stack, { mdnResponse: As2MdnResponse.NONE, mdnSigningAlgorithm: As2MdnSigningAlgorithm.SHA256 }); },
    holds: (stack) => { as2Connector(stack, { mdnResponse: As2MdnResponse.SYNC, mdnSigningAlgorithm: As2MdnSigningAlgorithm.SHA256 }); },
  },
  'connector/as2-profile-certificates': {
    breaks: (stack) => { as2Connector(stack, { partnerProfile: signingOnlyPartner(stack) }); },
    holds: (stack) => { as2Connector(stack, { partnerProfile: signingOnlyPartner(stack), encryptionAlgorithm: As2EncryptionAlgorithm.NONE }); },
  },
  'connector/as2-message-subject': {
    breaks: (stack) => { as2Connector(stack, { messageSubject: 'Rechnungen für März' }); },
    holds: (stack) => { as2Connector(stack, { messageSubject: 'Invoices for March' }); },
  },
  'connector/egress-vpc-lattice': {
    breaks: (stack) => { latticeConnector(stack, { port: 0 }); },
    holds: (stack) => { latticeConnector(stack, { port: 2222 }); },
  },
  'connector/egress-url': {
    breaks: (stack) => { (sftpConnector(stack).node.defaultChild as CfnConnector).url = undefined; },
    holds: (stack) => { latticeConnector(stack); },
  },
  'connector/sftp-vpc-lattice-host-keys': {
    breaks: (stack) => { latticeConnector(stack, {}, [HOST_KEY]); },
    holds: (stack) => { latticeConnector(stack); },
  },
  'connector/tags': {
    breaks: (stack) => { (sftpConnector(stack).node.defaultChild as CfnConnector).tags.setTag('aws:reserved', 'x'); },
    holds: (stack) => { (sftpConnector(stack).node.defaultChild as CfnConnector).tags.setTag('team', 'b2b'); },
  },
};
