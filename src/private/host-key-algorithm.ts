import { HostKeyAlgorithm } from '../host-key';

/** Reads the algorithm of a PEM or OpenSSH private key, or `undefined` when it cannot tell. */
export function detectAlgorithm(body: string): HostKeyAlgorithm | undefined {
  if (/-----BEGIN RSA PRIVATE KEY-----/.test(body)) return HostKeyAlgorithm.RSA;
  if (/-----BEGIN EC PRIVATE KEY-----/.test(body)) return HostKeyAlgorithm.ECDSA;
  const m = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(body);
  if (!m) return undefined;
  // openssh-key-v1\0, then length-prefixed strings: cipher, kdf, kdf options; a key count;
  // then the first public key, whose first string is its type.
  const data = Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (data.subarray(0, magic.length).toString('latin1') !== magic) return undefined;
  let offset = magic.length;
  const readString = (): Buffer | undefined => {
    if (offset + 4 > data.length) return undefined;
    const len = data.readUInt32BE(offset);
    offset += 4;
    if (offset + len > data.length) return undefined;
    const s = data.subarray(offset, offset + len);
    offset += len;
    return s;
  };
  for (let i = 0; i < 3; i++) if (readString() === undefined) return undefined;
  offset += 4; // number of keys
  const publicKey = readString();
  if (!publicKey || publicKey.length < 4) return undefined;
  const typeLen = publicKey.readUInt32BE(0);
  const type = publicKey.subarray(4, 4 + typeLen).toString('latin1');
  if (type === 'ssh-ed25519') return HostKeyAlgorithm.ED25519;
  if (type === 'ssh-rsa') return HostKeyAlgorithm.RSA;
  if (type.startsWith('ecdsa-sha2-')) return HostKeyAlgorithm.ECDSA;
  return undefined;
}
