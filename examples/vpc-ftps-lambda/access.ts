import { IntendedAccess } from '../access';

/**
 * The identity provider decides who logs in and with which role; the server only logs to its own log
 * group, and the function only writes its own logs.
 */
export const ACCESS: IntendedAccess = {
  roles: [
    { stack: 'VpcFtpsLambda', role: 'Server', allowed: ['logs:PutLogEvents Server'], denied: ['logs:PutLogEvents IdentityProviderLogs', 'lambda:InvokeFunction IdentityProvider'] },
    { stack: 'VpcFtpsLambda', role: 'IdentityProviderRole', allowed: ['logs:PutLogEvents IdentityProviderLogs'], denied: ['lambda:InvokeFunction IdentityProvider', 'iam:PassRole IdentityProviderRole'] },
  ],
};
