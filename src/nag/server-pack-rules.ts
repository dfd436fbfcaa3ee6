import { ServerSubject } from '../server/server-rules';
import { RuleTable } from '../validation/rules';

const UG = 'https://docs.aws.amazon.com/transfer/latest/userguide';

/**
 * Server rules of the pack only, on the same subject as the library's server rules: `TransferServer` always
 * sets what they ask for, so the constructs need not judge them.
 */
export const SERVER_PACK_RULES = new RuleTable<ServerSubject>('TransferServer (pack only)', [
  {
    id: 'server/no-logging',
    severity: 'warning',
    summary: 'A server logs to CloudWatch: it has a logging role or structured log destinations.',
    reason: 'Without a logging role and without structured log destinations the server writes no log of sessions, logins and file operations, so access cannot be audited',
    source: `${UG}/structured-logging.html; ${UG}/monitoring.html`,
    fix: 'set `StructuredLogDestinations` to a CloudWatch log group ARN (and `LoggingRole` for the classic logs), or use `TransferServer`, which sets both',
    check: (s) => {
      // Absent, not unknown: a token for either is not judged.
      const noRole = s.loggingRole === undefined || s.loggingRole === '';
      const noDestinations = s.structuredLogDestinations === undefined
        || (Array.isArray(s.structuredLogDestinations) && s.structuredLogDestinations.length === 0);
      return noRole && noDestinations ? 'the server has neither `LoggingRole` nor `StructuredLogDestinations`' : undefined;
    },
  },
], { packOnly: true });
