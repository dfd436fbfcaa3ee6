import * as crypto from 'crypto';
import { HostKeyAlgorithm } from './host-key';

/**
 * What a host key body given as text is, as far as Transfer Family is concerned: the key's algorithm,
 * and why the service cannot use it, when it cannot.
 *
 * The service takes the private key of an RSA (2048 bits or more), ECDSA (nistp256, nistp384, nistp521) or
 * ED25519 key pair, in OpenSSH (`-----BEGIN OPENSSH PRIVATE KEY-----`) or PEM form (`BEGIN RSA PRIVATE KEY`,
 * `BEGIN EC PRIVATE KEY`, PKCS#8 `BEGIN PRIVATE KEY`), at most 4096 characters
 * (https://docs.aws.amazon.com/transfer/latest/APIReference/API_ImportHostKey.html,
 * https://docs.aws.amazon.com/transfer/latest/userguide/key-management.html). It has no field for a
 * passphrase, so an encrypted key cannot be imported.
 */
export interface HostKeyBodyInfo {
  /** The key's algorithm, when the text is a key of an algorithm the service knows. */
  readonly algorithm?: HostKeyAlgorithm;
  /** What is wrong with the text, in words that follow "the key" (e.g. `is a public key`). */
  readonly problem?: string;
}

/** The most characters the service accepts in a host key body. */
export const MAX_HOST_KEY_BODY = 4096;

const TAKES = 'Transfer Family takes the private key of an RSA (2048 bits or more), ECDSA (nistp256, nistp384 or nistp521) or ED25519 key';
const FORMS = 'an OpenSSH (`-----BEGIN OPENSSH PRIVATE KEY-----`) or PEM (`-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN EC PRIVATE KEY-----`, `-----BEGIN PRIVATE KEY-----`) private key';

const cache = new Map<string, HostKeyBodyInfo>();

/** Read a host key body given as text (never a token or a dynamic reference: the caller skips those). */
export function readHostKeyBody(text: string): HostKeyBodyInfo {
  let info = cache.get(text);
  if (info === undefined) {
    info = read(text);
    // A few keys per app: the cache only saves parsing them again at each synthesis.
    if (cache.size > 100) cache.clear();
    cache.set(text, info);
  }
  return info;
}

function read(text: string): HostKeyBodyInfo {
  if (text.length > MAX_HOST_KEY_BODY) return { problem: `is ${text.length} characters long (the service takes at most ${MAX_HOST_KEY_BODY})` };
  const body = text.trim();
  if (body === '') return { problem: `is empty; ${TAKES}` };
  if (/^(ssh-rsa|ssh-ed25519|ssh-dss|ecdsa-sha2-\S+|sk-\S+)\s+[A-Za-z0-9+/]/.test(body)
    || /-----BEGIN (RSA |EC |DSA )?PUBLIC KEY-----|---- BEGIN SSH2 PUBLIC KEY ----/.test(body)) {
    return { problem: 'is a public key; a host key is the server\'s private key (the file without `.pub`)' };
  }
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(body) || /Proc-Type:\s*4,ENCRYPTED/.test(body)) {
    return { problem: 'is encrypted with a passphrase, which the service cannot be given: export it without one' };
  }
  const openssh = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(body);
  if (openssh) return readOpenSsh(openssh[1]);
  const pem = /-----BEGIN (RSA |EC |DSA )?PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/.exec(body);
  if (pem) return readPem(pem[0]);
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(body)) return { problem: 'has no END line matching its BEGIN line (cut short?)' };
  if (/-----BEGIN CERTIFICATE-----/.test(body)) return { problem: `is a certificate, not a private key; ${TAKES}, as ${FORMS}` };
  return { problem: `is not a private key: expected ${FORMS}` };
}

function readPem(pem: string): HostKeyBodyInfo {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    return { problem: `cannot be read as a PEM private key (${(e as Error).message})` };
  }
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa': return rsa(details.modulusLength);
    case 'ec': return ecdsa(details.namedCurve);
    case 'ed25519': return { algorithm: HostKeyAlgorithm.ED25519 };
    default: return { problem: `is ${article(String(key.asymmetricKeyType).toUpperCase())} key; ${TAKES}` };
  }
}

function rsa(bits: number | undefined): HostKeyBodyInfo {
  return bits !== undefined && bits < 2048
    ? { algorithm: HostKeyAlgorithm.RSA, problem: `is a ${bits}-bit RSA key; Transfer Family needs RSA keys of 2048 bits or more` }
    : { algorithm: HostKeyAlgorithm.RSA };
}

const CURVES: Record<string, string> = {
  prime256v1: 'nistp256',
  secp384r1: 'nistp384',
  secp521r1: 'nistp521',
  nistp256: 'nistp256',
  nistp384: 'nistp384',
  nistp521: 'nistp521',
};

function ecdsa(curve: string | undefined): HostKeyBodyInfo {
  return curve !== undefined && CURVES[curve] !== undefined
    ? { algorithm: HostKeyAlgorithm.ECDSA }
    : { problem: `is an EC key on curve ${curve ?? 'unknown'}; Transfer Family takes ECDSA keys on nistp256, nistp384 or nistp521 only` };
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? `an ${word}` : `a ${word}`;
}

/**
 * The openssh-key-v1 format (https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key):
 * `openssh-key-v1\0`, then the strings cipher name, KDF name and KDF options, the number of keys, each
 * public key, and the private section (two equal check numbers, then each private key, its type first).
 */
function readOpenSsh(base64: string): HostKeyBodyInfo {
  const text = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return { problem: 'is an OpenSSH private key whose body is not base64' };
  const reader = new SshReader(Buffer.from(text, 'base64'));
  const magic = 'openssh-key-v1\0';
  if (reader.bytes(magic.length)?.toString('latin1') !== magic) return { problem: 'is not in the openssh-key-v1 format' };
  const cipher = reader.string()?.toString('latin1');
  const kdf = reader.string();
  const kdfOptions = reader.string();
  const count = reader.uint32();
  if (cipher === undefined || kdf === undefined || kdfOptions === undefined || count === undefined) return { problem: 'is an OpenSSH private key that is cut short' };
  if (cipher !== 'none') return { problem: `is encrypted with a passphrase (cipher ${cipher}), which the service cannot be given: remove it with \`ssh-keygen -p -N "" -f <file>\`` };
  if (count !== 1) return { problem: `is an OpenSSH file holding ${count} keys; a host key is one key` };
  const publicKey = reader.string();
  const privateSection = reader.string();
  if (publicKey === undefined || privateSection === undefined) return { problem: 'is an OpenSSH private key that is cut short' };

  const pub = new SshReader(publicKey);
  const type = pub.string()?.toString('latin1');
  let info: HostKeyBodyInfo;
  if (type === 'ssh-ed25519') {
    info = { algorithm: HostKeyAlgorithm.ED25519 };
  } else if (type === 'ssh-rsa') {
    pub.string(); // the public exponent
    const modulus = pub.string();
    if (modulus === undefined) return { problem: 'is an OpenSSH RSA key whose public key is cut short' };
    info = rsa(bitLength(modulus));
  } else if (type !== undefined && /^ecdsa-sha2-/.test(type)) {
    info = ecdsa(pub.string()?.toString('latin1'));
  } else {
    return { problem: `is an OpenSSH key of type ${type ?? 'unknown'}; ${TAKES}` };
  }

  // Unencrypted, the private section starts with two equal check numbers and the key's type.
  const priv = new SshReader(privateSection);
  const check1 = priv.uint32();
  const check2 = priv.uint32();
  const privateType = priv.string()?.toString('latin1');
  if (check1 === undefined || check1 !== check2 || privateType !== type) {
    return { ...info, problem: 'is an OpenSSH private key whose private part is damaged or missing' };
  }
  return info;
}

/** Bits of an SSH mpint (big-endian, possibly with a leading zero byte). */
function bitLength(mpint: Buffer): number {
  let i = 0;
  while (i < mpint.length && mpint[i] === 0) i++;
  if (i === mpint.length) return 0;
  return (mpint.length - i - 1) * 8 + mpint[i].toString(2).length;
}

/** Reads the length-prefixed strings and numbers of SSH's wire format; `undefined` past the end. */
class SshReader {
  private offset = 0;
  constructor(private readonly data: Buffer) {}

  public uint32(): number | undefined {
    if (this.offset + 4 > this.data.length) return undefined;
    const n = this.data.readUInt32BE(this.offset);
    this.offset += 4;
    return n;
  }

  public bytes(n: number): Buffer | undefined {
    if (this.offset + n > this.data.length) return undefined;
    const b = this.data.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }

  public string(): Buffer | undefined {
    const n = this.uint32();
    return n === undefined ? undefined : this.bytes(n);
  }
}
