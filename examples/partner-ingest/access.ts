import { IntendedAccess } from '../access';

/**
 * Partners work in their own folders; the workflow archives, tags, scans and removes each upload and
 * quarantines failures, and can reach nothing else; the scanner reads archived copies and reports only to
 * this workflow.
 */
export const ACCESS: IntendedAccess = {
  users: [{
    stack: 'PartnerIngest',
    userName: 'acme',
    allowed: ['upload /invoice.csv', 'download /invoice.csv', 'list /'],
    denied: ['s3:GetObject Landing/partners/globex/invoice.csv', 's3:GetObject Archive/archive/acme/2026-12-01/invoice.csv', 's3:PutObject Quarantine/failed/acme/invoice.csv'],
  }],
  workflows: [{
    stack: 'PartnerIngest',
    userName: 'acme',
    upload: '/invoice.csv',
    denied: [
      's3:GetObject Landing/config/settings.csv',
      's3:DeleteObject Archive/archive/acme/2026-12-01/invoice.csv',
      's3:PutObject Archive/other/invoice.csv',
      's3:GetObject Quarantine/failed/acme/invoice.csv',
      'lambda:InvokeFunction ScannerRole',
    ],
  }],
  roles: [{
    stack: 'PartnerIngest',
    role: 'ScannerRole',
    allowed: ['s3:GetObject Archive/archive/acme/2026-12-01/invoice.csv', 'transfer:SendWorkflowStepState Ingest'],
    denied: ['s3:GetObject Landing/partners/acme/invoice.csv', 's3:PutObject Archive/archive/acme/2026-12-01/invoice.csv', 's3:GetObject Quarantine/failed/acme/invoice.csv'],
  }],
};
