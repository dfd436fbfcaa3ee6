import { readFileSync } from 'fs';
import { join } from 'path';

/** Example certificates made with `openssl req -x509` for the tests (no private key is kept). */
const read = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

/** A self-signed certificate with a 2048-bit RSA key, valid 2026-12-02 to 2036-11-29. */
export const SELF_SIGNED = read('self-signed-2048.pem');
/** Another self-signed 2048-bit certificate (the partner's). */
export const PARTNER = read('partner-2048.pem');
/** A self-signed certificate with a 1024-bit RSA key. */
export const SMALL_KEY = read('self-signed-1024.pem');
/** A certificate issued by `CA`. */
export const CA_SIGNED = read('ca-signed-2048.pem');
/** The CA that issued `CA_SIGNED`. */
export const CA = read('ca.pem');
/** The path of the self-signed fixture, for `As2CertificateBody.fromFile()`. */
export const SELF_SIGNED_FILE = join(__dirname, 'fixtures', 'self-signed-2048.pem');
