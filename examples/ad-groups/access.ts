import { IntendedAccess } from '../access';

/**
 * The custom resource that keeps the groups' accesses may manage the accesses of this server and nothing
 * else. What a member of each group may do is proven in test/access/ad-groups.access.test.ts.
 */
export const ACCESS: IntendedAccess = {
  roles: [{
    stack: 'AdGroups',
    role: 'Server/AccessProvider',
    allowed: ['transfer:CreateAccess Server', 'transfer:UpdateAccess Server', 'transfer:DeleteAccess Server'],
    denied: ['transfer:DeleteServer Server', 'transfer:CreateUser Server', 'transfer:UpdateServer Server', 's3:GetObject Files/groups/finance/invoice.csv'],
  }],
};
