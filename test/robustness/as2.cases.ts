import { SecretValue, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { as2Server } from '../as2/estate';
import { PARTNER, SELF_SIGNED, SMALL_KEY } from '../as2/fixtures';
import { anyValue, assertRobust, oneWrong } from '../support/robustness';
import { As2Certificate, As2CertificateBody, As2CertificateUsage, As2Profile, FileLocation } from 'cdk-transfer-family';

/**
 * The robustness property (test/support/robustness.ts) of the AS2 entry points: whatever
 * `new As2Certificate`, `As2CertificateBody.*`, `As2Profile.local/partner` and `server.addAgreement` are
 * given, they build something the strict schema check accepts, or throw an Error naming a prop, never a
 * TypeError. (To move into test/robustness/ with the other areas' cases: that folder is shared.)
 */
jest.setTimeout(120_000);

const record = ((model: never, constraints?: object) => fc.record(model, { ...constraints, noNullPrototype: true })) as typeof fc.record;
const pem = fc.constantFrom(SELF_SIGNED, PARTNER, SMALL_KEY, 'not a certificate');
const usage = fc.constantFrom(...Object.values(As2CertificateUsage));
const date = fc.integer({ min: Date.parse('2027-01-01'), max: Date.parse('2036-01-01') }).map((t) => new Date(t));

test('As2Certificate and its bodies', () => {
  assertRobust(oneWrong(record({
    certificate: pem,
    usage,
    key: fc.constantFrom('secret', 'none'),
    chain: fc.option(pem, { nil: undefined }),
    activeDate: fc.option(date, { nil: undefined }),
    inactiveDate: fc.option(date, { nil: undefined }),
  })), (stack: Stack, i) => {
    new As2Certificate(stack, 'Cert', {
      certificate: typeof i.certificate === 'string' ? As2CertificateBody.fromPem(i.certificate) : i.certificate as never,
      usage: i.usage,
      privateKey: i.key === 'secret' ? SecretValue.secretsManager('as2/key') : i.key === 'none' ? undefined : i.key as never,
      certificateChain: typeof i.chain === 'string' ? As2CertificateBody.fromPem(i.chain) : i.chain as never,
      activeDate: i.activeDate,
      inactiveDate: i.inactiveDate,
    });
  });
});

test('profiles and agreements', () => {
  assertRobust(oneWrong(record({
    as2Id: fc.oneof(fc.stringMatching(/^[A-Z0-9-]{1,20}$/), anyValue),
    local: fc.boolean(),
    prefix: fc.stringMatching(/^[a-z0-9/]{0,20}$/),
    signing: fc.boolean(),
    enforce: fc.option(fc.boolean(), { nil: undefined }),
    active: fc.option(fc.boolean(), { nil: undefined }),
    description: fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('Invoices-from-Partner', 'x'.repeat(201), '')), { nil: undefined }),
    other: anyValue,
  })), (stack: Stack, i) => {
    const server = as2Server(stack);
    const cert = new As2Certificate(stack, 'Cert', {
      certificate: As2CertificateBody.fromPem(SELF_SIGNED),
      usage: i.signing ? As2CertificateUsage.SIGNING : As2CertificateUsage.ENCRYPTION,
      privateKey: SecretValue.secretsManager('as2/key'),
    });
    const local = As2Profile.local(stack, 'Local', { as2Id: i.as2Id as string, certificates: [cert] });
    const partner = As2Profile.partner(stack, 'Partner', { as2Id: 'PARTNER' });
    server.addAgreement('A', {
      localProfile: i.local ? local : partner,
      partnerProfile: partner,
      baseDirectory: typeof i.prefix === 'string' ? FileLocation.s3(new s3.Bucket(stack, 'B'), i.prefix) : i.prefix as never,
      enforceMessageSigning: i.enforce,
      active: i.active,
      description: i.description,
      preserveFilename: i.other as never,
    });
  });
});
