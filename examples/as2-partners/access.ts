import { IntendedAccess } from '../access';

/**
 * The agreement's access role stores the partner's messages under its base directory, and nothing else; the
 * connector's access role reads the files it sends from `as2/outbound/` and writes the MDNs and status files
 * beside them; the sender function may only start this connector's transfers.
 */
export const ACCESS: IntendedAccess = {
  roles: [{
    stack: 'As2Partners',
    role: 'Server/PartnerAgreement/AccessRole',
    allowed: [
      's3:PutObject Messages/as2/example-partner/invoice.edi',
      's3:PutObject Messages/as2/example-partner/processed/invoice.edi.json',
      's3:GetObject Messages/as2/example-partner/processing/invoice.edi',
    ],
    denied: [
      's3:PutObject Messages/as2/example-partner-evil/invoice.edi',
      's3:PutObject Messages/as2/other-partner/invoice.edi',
      's3:DeleteObject Messages/as2/example-partner/invoice.edi',
      's3:PutObject AccessLogs/as2/example-partner/invoice.edi',
    ],
  }, {
    stack: 'As2Partners',
    role: 'PartnerConnector/AccessRole',
    allowed: [
      's3:GetObject Messages/as2/outbound/invoice.edi',
      's3:PutObject Messages/as2/outbound/invoice.edi.json',
    ],
    denied: [
      's3:GetObject Messages/as2/example-partner/invoice.edi',
      's3:GetObject Messages/as2/outbound-evil/invoice.edi',
      's3:PutObject Messages/as2/outbound-evil/invoice.edi.json',
      's3:DeleteObject Messages/as2/outbound/invoice.edi',
      's3:GetObject AccessLogs/as2/outbound/invoice.edi',
    ],
  }, {
    stack: 'As2Partners',
    role: 'SenderRole',
    allowed: ['transfer:StartFileTransfer PartnerConnector'],
    denied: ['transfer:TestConnection PartnerConnector', 's3:GetObject Messages/as2/outbound/invoice.edi'],
  }, {
    stack: 'As2Partners',
    role: 'Server',
    allowed: ['logs:PutLogEvents Server', 'logs:CreateLogStream Server'],
    denied: ['s3:GetObject Messages/as2/example-partner/invoice.edi', 'logs:PutLogEvents AccessLogs'],
  }],
};
