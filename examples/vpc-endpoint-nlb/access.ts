import { IntendedAccess } from '../access';

/**
 * The server only logs to its own log group; the lookups of its VPC endpoint (aws-cdk-lib's AwsCustomResource
 * function, `AWS679f53fac002430cb0da5b7982bd2287`) may describe this server and nothing more of it.
 */
export const ACCESS: IntendedAccess = {
  roles: [
    { stack: 'VpcEndpointNlb', role: 'Server', allowed: ['logs:PutLogEvents Server'], denied: ['transfer:DescribeServer Server'] },
    {
      stack: 'VpcEndpointNlb',
      role: 'AWS679f53fac002430cb0da5b7982bd2287',
      allowed: ['transfer:DescribeServer Server'],
      denied: ['transfer:UpdateServer Server', 'transfer:DeleteServer Server', 'transfer:StopServer Server', 'logs:PutLogEvents Server'],
    },
  ],
};
