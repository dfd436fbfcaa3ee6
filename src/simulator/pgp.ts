/**
 * A stand-in for PGP-encrypted content: the simulator has no PGP keys and does no cryptography. An
 * "encrypted" body is the cleartext in base64 between ASCII-armor lines, which the decrypt step of a
 * simulated workflow turns back into the cleartext.
 */
const BEGIN = '-----BEGIN PGP MESSAGE-----';
const END = '-----END PGP MESSAGE-----';
const HEADER = 'Comment: cdk-transfer-family WorkflowSimulator stand-in, not encrypted';

/**
 * Stand-in PGP messages for simulated decrypt steps. Upload `SimulatedPgp.encrypt('a,b\n')` and the
 * workflow's decrypt step writes `a,b\n` at its destination; a body that is not one of these fails the
 * step with BAD_REQUEST, as a file that is not an OpenPGP message would.
 */
export abstract class SimulatedPgp {
  /** A stand-in for `cleartext` encrypted with the user's PGP key (it is not encrypted). */
  public static encrypt(cleartext: string): string {
    return [BEGIN, HEADER, '', Buffer.from(cleartext, 'utf8').toString('base64'), END, ''].join('\n');
  }

  /** Whether `body` is a stand-in PGP message (made by `encrypt()`). */
  public static isEncrypted(body: string): boolean {
    return decryptStandIn(body) !== undefined;
  }

  private constructor() {}
}

/** The cleartext of a stand-in message, or `undefined` when `body` is none. */
export function decryptStandIn(body: string): string | undefined {
  const lines = body.trim().split('\n');
  if (lines.length !== 5 || lines[0] !== BEGIN || lines[1] !== HEADER || lines[2] !== '' || lines[4] !== END) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(lines[3])) return undefined;
  return Buffer.from(lines[3], 'base64').toString('utf8');
}
