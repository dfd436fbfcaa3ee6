import { SecretValue } from 'aws-cdk-lib';

/** The algorithm of an SFTP host key. */
export enum HostKeyAlgorithm {
  /** RSA, 2048 bits or more. */
  RSA = 'RSA',
  /** ECDSA on nistp256, nistp384 or nistp521. */
  ECDSA = 'ECDSA',
  /** ED25519 (not FIPS-compliant). */
  ED25519 = 'ED25519',
}

/** Options of a host key. */
export interface HostKeyOptions {
  /**
   * A description shown in the console.
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * The key's algorithm, for keys whose body cannot be read at synth time (secrets).
   * It lets the construct warn about ED25519 keys on FIPS servers.
   *
   * @default - read from the key body when it is known, else unknown
   */
  readonly algorithm?: HostKeyAlgorithm;
}

/**
 * A private host key the server presents to SFTP clients (an `AWS::Transfer::HostKey`).
 *
 * Keep keys stable: replacing a host key makes clients that pinned the old one refuse the server;
 * add the new key first, then remove the old one later, to rotate.
 */
export class HostKey {
  /**
   * A key stored in AWS Secrets Manager (or an SSM SecureString), e.g.
   * `SecretValue.secretsManager('sftp/host-key')`. The template holds a dynamic reference, never the key.
   * (A `SecretValue.unsafePlainText(...)` is plain text all the same, and synth warns about it.)
   */
  public static fromSecretValue(value: SecretValue, options: HostKeyOptions = {}): HostKey {
    return new HostKey(value.unsafeUnwrap(), options);
  }

  /**
   * A key given as plain text (OpenSSH or PEM private key). It ends up in the template and in the
   * cloud assembly in clear text, so synth warns; prefer `fromSecretValue`.
   */
  public static fromString(body: string, options: HostKeyOptions = {}): HostKey {
    return new HostKey(body, options);
  }

  /** The key body as it goes into the template (a dynamic reference for secrets). */
  public readonly body: string;
  /** The key's algorithm, when given. */
  public readonly algorithm?: HostKeyAlgorithm;
  /** The description. */
  public readonly description?: string;

  private constructor(body: string, options: HostKeyOptions) {
    this.body = body;
    this.algorithm = options.algorithm;
    this.description = options.description;
  }
}
