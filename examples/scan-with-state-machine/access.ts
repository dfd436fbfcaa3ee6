import { IntendedAccess } from '../access';

/**
 * The partner works in its own folder; the workflow tags the upload and starts the scan; the state machine
 * inspects partners' uploads and reports only to this workflow.
 */
export const ACCESS: IntendedAccess = {
  users: [{
    stack: 'ScanWithStateMachine',
    userName: 'acme',
    allowed: ['upload /invoice.csv', 'download /invoice.csv'],
    denied: ['s3:GetObject Landing/partners/other/invoice.csv', 's3:PutObject Landing/invoice.csv'],
  }],
  workflows: [{
    stack: 'ScanWithStateMachine',
    userName: 'acme',
    upload: '/invoice.csv',
    denied: ['s3:DeleteObject Landing/partners/acme/invoice.csv', 's3:PutObject Landing/partners/acme/invoice.csv', 'states:StartExecution Scanner'],
  }],
  roles: [{
    stack: 'ScanWithStateMachine',
    role: 'Scanner',
    allowed: ['s3:GetObject Landing/partners/acme/invoice.csv', 'transfer:SendWorkflowStepState Scan'],
    denied: ['s3:GetObject Landing/other/invoice.csv', 's3:PutObject Landing/partners/acme/invoice.csv', 's3:GetObject AccessLogs/log.txt'],
  }],
};
