import { IntendedAccess } from '../access';

/** Each partner works in its own folder only; the auditor reads every partner's folder and changes nothing. */
export const ACCESS: IntendedAccess = {
  users: [
    {
      stack: 'PublicSftp',
      userName: 'acme',
      allowed: ['list /', 'upload /invoice.csv', 'download /invoice.csv', 'mkdir /2026', 'rename /invoice.csv /2026/invoice.csv', 'delete /2026/invoice.csv'],
      denied: [
        's3:GetObject Landing/partners/globex/invoice.csv',
        's3:PutObject Landing/partners/globex/invoice.csv',
        's3:PutObject Landing/partners/acme-evil/invoice.csv',
        's3:GetObject AccessLogs/landing/log.txt',
      ],
    },
    {
      stack: 'PublicSftp',
      userName: 'auditor',
      allowed: ['list /', 'list /acme', 'download /acme/invoice.csv', 'download /globex/invoice.csv'],
      denied: ['upload /acme/invoice.csv', 'delete /globex/invoice.csv', 'mkdir /acme/x', 's3:GetObject Landing/other/file.csv'],
    },
  ],
  roles: [{
    stack: 'PublicSftp',
    role: 'Server',
    allowed: ['logs:PutLogEvents Server', 'logs:CreateLogStream Server'],
    denied: ['s3:GetObject Landing/partners/acme/invoice.csv', 'logs:PutLogEvents AccessLogs'],
  }],
};
