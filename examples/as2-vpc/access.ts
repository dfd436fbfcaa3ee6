import { IntendedAccess } from '../access';

/** The server logs to its own log group and touches nothing else. */
export const ACCESS: IntendedAccess = {
  roles: [{
    stack: 'As2Vpc',
    role: 'Server',
    allowed: ['logs:PutLogEvents Server', 'logs:CreateLogStream Server'],
    denied: ['s3:GetObject Messages/inbox/message.edi', 'logs:PutLogEvents AccessLogs'],
  }],
};
