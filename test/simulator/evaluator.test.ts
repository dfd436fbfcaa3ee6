import * as fs from 'fs';
import * as path from 'path';
import { loadIamSimulate } from '../../src/simulator/iam-simulate';
import { AccessEvaluator, AccessRequest } from 'cdk-transfer-family';

const request = (over: Partial<AccessRequest> = {}): AccessRequest => ({
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::landing/in/a.csv',
  resourceAccount: '111111111111',
  principalArn: 'arn:aws:iam::111111111111:role/exec',
  sessionArn: 'arn:aws:sts::111111111111:assumed-role/exec/transfer-workflow',
  principalAccount: '111111111111',
  context: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/exec' },
  multiValueContext: {},
  identityPolicies: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::landing/in/*' }] })],
  ...over,
});

describe('the default evaluator, @cloud-copilot/iam-simulate', () => {
  test('decides allowed, implicitly denied and explicitly denied requests', () => {
    const evaluator = AccessEvaluator.iamSimulate();
    expect(evaluator.evaluate(request())).toEqual({ allowed: true, result: 'Allowed' });
    expect(evaluator.evaluate(request({ resource: 'arn:aws:s3:::landing/out/a.csv' }))).toEqual({ allowed: false, result: 'ImplicitlyDenied' });
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] });
    expect(evaluator.evaluate(request({ identityPolicies: [...request().identityPolicies, deny] }))).toEqual({ allowed: false, result: 'ExplicitlyDenied' });
  });

  test('matches encryption-context conditions, which its safe entry point would drop', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::landing/in/a.csv' } } }],
    });
    const keyPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' }] });
    const kms = (arn: string) => request({
      action: 'kms:Decrypt',
      resource: 'arn:aws:kms:eu-west-1:111111111111:key/1',
      identityPolicies: [policy],
      resourcePolicy: keyPolicy,
      context: { 'kms:EncryptionContext:aws:s3:arn': arn },
      multiValueContext: { 'kms:EncryptionContextKeys': ['aws:s3:arn'] },
    });
    const evaluator = AccessEvaluator.iamSimulate();
    expect(evaluator.evaluate(kms('arn:aws:s3:::landing/in/a.csv')).allowed).toBe(true);
    expect(evaluator.evaluate(kms('arn:aws:s3:::landing/in/b.csv')).allowed).toBe(false);
  });

  test('when it is not installed, the error says how to install it or inject an evaluator', () => {
    const missing = () => {
      throw new Error('Cannot find module');
    };
    expect(() => loadIamSimulate(missing)).toThrow(
      /needs the npm package @cloud-copilot\/iam-simulate \(AGPL-3\.0-or-later\).*npm install --save-dev @cloud-copilot\/iam-simulate.*`evaluator`.*AccessEvaluator\.allowAll\(\)/);
  });

  test('the library imports it nowhere: it is loaded only when installed and used', () => {
    const dir = path.join(__dirname, '..', '..', 'src');
    const files = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
      .flatMap((f) => (f.isDirectory() ? files(path.join(d, f.name)) : f.name.endsWith('.ts') ? [path.join(d, f.name)] : []));
    const importing = files(dir).filter((f) => /from '@cloud-copilot|require\('@cloud-copilot/.test(fs.readFileSync(f, 'utf8')));
    expect(importing).toEqual([]);
  });
});
