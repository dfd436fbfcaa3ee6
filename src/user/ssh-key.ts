/** The SSH public key algorithms the service accepts (ssh-dss is refused although its pattern lets it through). */
export const SSH_KEY_TYPES = ['ssh-rsa', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];

/** The longest public key body the service stores. */
export const SSH_KEY_MAX_LENGTH = 2048;

/**
 * What is wrong with an OpenSSH public key line (`<type> <base64> [comment]`), or `undefined`
 * when it is acceptable. The base64 blob must decode, and must start with the same type name.
 */
export function sshPublicKeyProblem(key: string): string | undefined {
  if (/PRIVATE KEY/.test(key)) return 'is a private key; paste the public key (the `.pub` file) instead';
  if (key.length > SSH_KEY_MAX_LENGTH) return `is ${key.length} characters long (at most ${SSH_KEY_MAX_LENGTH})`;
  // The template holds the string as given: the service takes one key per string (a line, with white
  // space around it), so several lines (an `authorized_keys` file read whole) are refused at deployment.
  if (/[\r\n]/.test(key.trim())) return 'holds more than one line; pass each key as a string of its own';
  const parts = key.trim().split(/\s+/);
  const type = parts[0] ?? '';
  if (!SSH_KEY_TYPES.includes(type)) {
    return `has type ${JSON.stringify(type.slice(0, 30))}, not one of ${SSH_KEY_TYPES.join(', ')}`;
  }
  const body = parts[1];
  if (body === undefined) return 'has no key data after its type';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) return 'has key data that is not valid base64';
  const blob = Buffer.from(body, 'base64');
  const fields = readStrings(blob);
  if (fields === undefined) return 'has key data that is not a sequence of length-prefixed fields';
  const embedded = fields[0]?.toString('latin1') ?? '';
  if (embedded !== type) return `says ${type} but its key data is ${JSON.stringify(embedded.slice(0, 30))}`;
  // ssh-ed25519: type, key; ssh-rsa: type, e, n; ecdsa: type, curve, point.
  const expected = type === 'ssh-ed25519' ? 2 : 3;
  if (fields.length !== expected) return `has key data with ${fields.length} field(s) where ${type} has ${expected}`;
  if (type === 'ssh-ed25519' && fields[1].length !== 32) return 'has an ED25519 key that is not 32 bytes long';
  if (type.startsWith('ecdsa-sha2-') && fields[1].toString('latin1') !== type.slice('ecdsa-sha2-'.length)) {
    return `has a curve name that does not match ${type}`;
  }
  return undefined;
}

/** Splits an SSH wire-format blob into its length-prefixed fields; `undefined` if it does not split exactly. */
function readStrings(blob: Buffer): Buffer[] | undefined {
  const out: Buffer[] = [];
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 4 > blob.length) return undefined;
    const len = blob.readUInt32BE(offset);
    offset += 4;
    if (offset + len > blob.length) return undefined;
    out.push(blob.subarray(offset, offset + len));
    offset += len;
  }
  return out;
}
