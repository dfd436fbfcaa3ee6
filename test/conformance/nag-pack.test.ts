import * as transfer from 'aws-cdk-lib/aws-transfer';
import { EXTRA_SCENARIOS } from './scenarios';
import { EXAMPLES } from '../../examples/scenarios';
import { packFindings } from '../nag/pack';

// Synthesizing an example app takes a few seconds.
jest.setTimeout(120_000);

/**
 * Findings of the pack an example keeps on purpose, by example: `<rule id> <construct path>`, with the reason.
 * Acknowledged here rather than in the examples, which show the constructs, not the pack.
 * Warnings the examples already acknowledge for the library (`Annotations.acknowledgeWarning`) are not
 * reported by the pack, so they need no entry.
 */
const PUBLIC = 'Partners connect from addresses not known in advance; each authenticates with its own SSH key.';
const ACKNOWLEDGED: Record<string, Record<string, string>> = {
  'public-sftp': { 'TF-Server-15 PublicSftp/Server/Resource': PUBLIC },
  'efs-sftp': { 'TF-Server-15 EfsSftp/Server/Resource': PUBLIC },
  'partner-ingest': { 'TF-Server-15 PartnerIngest/Server/Resource': PUBLIC },
  'scan-with-state-machine': { 'TF-Server-15 ScanWithStateMachine/Server/Resource': PUBLIC },
  'ad-groups': { 'TF-Server-15 AdGroups/Server/Resource': 'Employees connect from anywhere; each signs in with its directory credentials, and only members of the groups granted access get in.' },
  'vpc-ftps-lambda': { 'TF-Server-9 VpcFtpsLambda/Server/Resource': 'Legacy systems on the corporate network cannot use FTPS; the endpoint is internal and admits only 10.0.0.0/8.' },
};

describe('conformance: the TransferFamilyChecks pack over every example app and listed scenario', () => {
  test.each([...EXAMPLES, ...EXTRA_SCENARIOS].map((s) => [s.name, s] as const))('%s has no unacknowledged finding', (name, scenario) => {
    let servers = 0;
    const found = packFindings((app) => {
      scenario.build(app);
      servers = app.node.findAll().filter((c) => c instanceof transfer.CfnServer || c instanceof transfer.CfnConnector).length;
    })
      .flatMap((f) => f.paths.map((p) => `${f.ruleName} ${p}`))
      .filter((f) => ACKNOWLEDGED[name]?.[f] === undefined);
    expect(found).toEqual([]);
    // The pack judged something: every example app has a server (or a connector).
    if (EXAMPLES.some((e) => e.name === name)) expect(servers).toBeGreaterThan(0);
  });
});
