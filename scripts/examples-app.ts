/**
 * The CDK app of cdk.json: every example of examples/ in one App, one stack each (their stack ids differ),
 * so that the CDK CLI works on the examples from the project root:
 *
 *   npx cdk ls                               # every example's stack
 *   npx cdk synth --quiet                    # all of them, into cdk.out/
 *   npx cdk synth -c example=public-sftp     # only the named examples (comma-separated folder names)
 *
 * Run it with AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true CDK_DISABLE_CLI_TELEMETRY=true (see
 * CONTRIBUTING.md): the stacks are environment-agnostic, nothing calls AWS. `npm run synth`
 * (scripts/synth-examples.ts) is the main job and runs each example's own app.ts into cdk.out/<example>/;
 * this app builds the same stacks with the same (default) settings.
 */
import { App } from 'aws-cdk-lib';
import { EXAMPLES } from '../examples/scenarios';

const app = new App();
const requested: unknown = app.node.tryGetContext('example');
const names = typeof requested === 'string' && requested.trim() !== ''
  ? requested.split(',').map((n) => n.trim())
  : EXAMPLES.map((e) => e.name);
const unknown = names.filter((n) => !EXAMPLES.some((e) => e.name === n));
if (unknown.length > 0) {
  throw new Error(`unknown example(s) in -c example=${String(requested)}: ${unknown.join(', ')}; available: ${EXAMPLES.map((e) => e.name).join(', ')}`);
}
for (const example of EXAMPLES) {
  if (names.includes(example.name)) example.build(app);
}
app.synth();
