import { Duration, Lazy, Token } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { describeValue, requireId, optionalArray, optionalBoolean, optionalDuration, optionalEnum, optionalNumber, requireMembers, requireObject, requireString } from '../../src/private/input';

describe('input checks', () => {
  test('each names where, the prop and what it expects, and what it got', () => {
    expect(() => requireString('TransferUser', 'userName', undefined)).toThrow('TransferUser: `userName` must be a string, got undefined.');
    expect(() => requireObject('TransferUser', 'props', null)).toThrow('TransferUser: `props` must be an object, got null.');
    expect(() => optionalNumber('X', 'n', '3')).toThrow('`n` must be a number, got the string "3".');
    expect(() => optionalBoolean('X', 'b', 1)).toThrow('`b` must be true or false, got the number 1.');
    expect(() => optionalDuration('X', 'timeout', 300)).toThrow('`timeout` must be a Duration (e.g. `Duration.minutes(5)`), got the number 300.');
    expect(() => optionalArray('X', 'keys', 'ssh-ed25519 AAAA', (v, n) => requireString('X', n, v))).toThrow('`keys` must be an array, got the string "ssh-ed25519 AAAA".');
    expect(() => optionalArray('X', 'keys', ['a', 2], (v, name) => requireString('X', name, v))).toThrow('`keys[1]` must be a string, got the number 2.');
    expect(() => optionalEnum('X', 'protocol', 'SCP', ['SFTP', 'FTP'])).toThrow('`protocol` must be one of "SFTP", "FTP", got the string "SCP".');
    expect(() => requireMembers('X', 'bucket', {}, 'an s3.IBucket', ['bucketName'])).toThrow('`bucket` must be an s3.IBucket, got an object (Object).');
  });

  test('a construct id is a non-empty string without tokens (aws-cdk-lib refuses tokens in ids, naming no prop)', () => {
    expect(requireId('TransferServer', 'Sftp')).toBe('Sftp');
    expect(() => requireId('TransferServer', Token.asString({ Ref: 'AWS::StackName' }))).toThrow(/TransferServer: `id` must be a non-empty string without tokens, got the string "\$\{Token\[/);
    expect(() => requireId('TransferServer', '')).toThrow('`id` must be a non-empty string without tokens, got the string "".');
    expect(() => requireId('TransferServer', 3)).toThrow('got the number 3');
  });

  test('tokens of the right kind pass: strings, numbers, lists', () => {
    expect(requireString('X', 's', Lazy.string({ produce: () => 'x' }))).toBeDefined();
    expect(optionalNumber('X', 'n', Token.asNumber({ Ref: 'P' }))).toBeDefined();
    expect(optionalArray('X', 'l', Token.asList({ Ref: 'P' }), (v, n) => requireString('X', n, v))).toBeDefined();
    expect(optionalEnum('X', 'e', Lazy.string({ produce: () => 'SCP' }), ['SFTP'])).toBeDefined();
    expect(optionalDuration('X', 'd', Duration.seconds(Token.asNumber({ Ref: 'P' })))).toBeDefined();
  });

  test('never a TypeError, whatever the value', () => {
    const anything = fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true });
    fc.assert(fc.property(anything, (v) => {
      for (const check of [
        () => requireString('X', 'p', v), () => requireObject('X', 'p', v), () => optionalNumber('X', 'p', v), () => optionalBoolean('X', 'p', v),
        () => optionalDuration('X', 'p', v), () => optionalArray('X', 'p', v, (x, n) => requireString('X', n, x)), () => optionalEnum('X', 'p', v, ['A']),
        () => requireMembers('X', 'p', v, 'a thing', ['a']), () => describeValue(v),
      ]) {
        try {
          check();
        } catch (e) {
          if (!(e instanceof Error) || e.constructor !== Error || !e.message.includes('`p')) return false;
        }
      }
      return true;
    }), { numRuns: 500, seed: 21 });
  });
});
