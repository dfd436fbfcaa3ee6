import { IntendedAccess } from '../access';

/**
 * The connector's access role reads what it sends from `outbound/`, writes what it retrieves to `inbound/`,
 * and reads the partner's credentials; the function may only start this connector's transfers.
 */
export const ACCESS: IntendedAccess = {
  roles: [{
    stack: 'SftpConnector',
    role: 'Connector/AccessRole',
    allowed: [
      's3:GetObject Files/outbound/invoice.csv',
      's3:PutObject Files/inbound/orders.csv',
      'secretsmanager:GetSecretValue PartnerCredentials',
    ],
    denied: [
      's3:PutObject Files/outbound/invoice.csv',
      's3:GetObject Files/inbound/orders.csv',
      's3:GetObject Files/outbound-evil/invoice.csv',
      's3:DeleteObject Files/outbound/invoice.csv',
      's3:GetObject AccessLogs/outbound/invoice.csv',
    ],
  }, {
    stack: 'SftpConnector',
    role: 'SenderRole',
    allowed: ['transfer:StartFileTransfer Connector'],
    denied: ['transfer:StartDirectoryListing Connector', 'transfer:StartRemoteDelete Connector', 'secretsmanager:GetSecretValue PartnerCredentials'],
  }],
};
