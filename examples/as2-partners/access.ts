import { IntendedAccess } from '../access';

/** The agreement's access role stores the partner's messages under its base directory, and nothing else. */
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
    role: 'Server',
    allowed: ['logs:PutLogEvents Server', 'logs:CreateLogStream Server'],
    denied: ['s3:GetObject Messages/as2/example-partner/invoice.edi', 'logs:PutLogEvents AccessLogs'],
  }],
};
