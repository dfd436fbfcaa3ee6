import { CfnResource, Token } from 'aws-cdk-lib';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { crash, probe } from '../support/robustness';

describe('the robustness harness', () => {
  test('a TypeError, a RangeError and an Error naming no prop are crashes; an Error naming a prop is an answer', () => {
    expect(crash(new TypeError('x'))).toMatch(/^TypeError/);
    expect(crash(new RangeError('x'))).toMatch(/^RangeError/);
    expect(crash(new Error('something went wrong'))).toMatch(/names no prop/);
    expect(crash(new Error('TransferUser: `userName` must be a string, got undefined.'))).toBeUndefined();
  });

  test('a template the schema check rejects is a finding; a valid one, and one with pseudo-parameter tokens, are not', () => {
    expect(probe('x', (stack) => new transfer.CfnUser(stack, 'U', { serverId: 's-0123456789abcdef0', userName: 'x', role: 'arn:aws:iam::111111111111:role/r' }), 1))
      .toMatch(/schema check rejects/);
    expect(probe('alice', (stack, name) => new transfer.CfnUser(stack, 'U', { serverId: 's-0123456789abcdef0', userName: name, role: 'arn:aws:iam::111111111111:role/r' }), 1))
      .toBeUndefined();
    // A token input is not judged by the schema check: its value is known at deployment only.
    expect(probe({ uid: Token.asNumber({ Ref: 'AWS::AccountId' }) }, (stack, p) => new transfer.CfnUser(stack, 'U', {
      serverId: 's-0123456789abcdef0', userName: 'alice', role: 'arn:aws:iam::111111111111:role/r', posixProfile: { uid: p.uid, gid: 1 },
    }), 1)).toBeUndefined();
    expect(probe('', (stack) => { new CfnResource(stack, 'R', { type: 'AWS::SQS::Queue' }).node.addValidation({ validate: () => ['`x` is wrong'] }); }, 1)).toBeUndefined();
  });
});
