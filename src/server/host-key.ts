import { SecretValue } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { invalid, optionalEnum, optionalString, requireObject, requireString } from '../private/input';

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
   * A description shown in the console: at most 200 printable ASCII characters.
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * The key's algorithm, for keys whose body cannot be read at synth time (secrets).
   * It lets the construct warn about ED25519 keys on FIPS servers; for a key given as text, it must
   * match the key.
   *
   * @default - read from the key body when it is known, else unknown
   */
  readonly algorithm?: HostKeyAlgorithm;
}

/** What a host key contributes to its `AWS::Transfer::HostKey`, from `HostKey.bind()`. */
export interface HostKeyConfig {
  /** The CloudFormation `HostKeyBody`: the key, or a dynamic reference to it. */
  readonly hostKeyBody: string;
  /**
   * The CloudFormation `Description`.
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * The key's algorithm, when declared (what the rules judge when the body cannot be read).
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
export abstract class HostKey {
  /**
   * A key stored in AWS Secrets Manager, e.g. `SecretValue.secretsManager('sftp/host-key')`. The template
   * holds a dynamic reference, never the key.
   *
   * Not `SecretValue.ssmSecure(...)`: CloudFormation resolves `ssm-secure` references only in the
   * resource properties listed at
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html,
   * and `AWS::Transfer::HostKey` is not one of them, so synth refuses it. (A `SecretValue.unsafePlainText(...)`
   * is plain text all the same: synth reads the key and warns about it.)
   */
  public static fromSecretValue(value: SecretValue, options: HostKeyOptions = {}): HostKey {
    if (!SecretValue.isSecretValue(value)) {
      invalid('HostKey.fromSecretValue()', 'value', 'a SecretValue (e.g. `SecretValue.secretsManager(\'sftp/host-key\')`)', value);
    }
    return new SecretHostKey(value, options);
  }

  /**
   * A key given as plain text: an OpenSSH (`-----BEGIN OPENSSH PRIVATE KEY-----`) or PEM (RSA, EC or
   * PKCS#8) private key, unencrypted; RSA keys of 2048 bits or more, ECDSA on nistp256/384/521, or ED25519.
   * Synth reads the key and refuses anything else. The key ends up in the template and in the cloud
   * assembly in clear text, so synth warns; prefer `fromSecretValue`.
   */
  public static fromString(body: string, options: HostKeyOptions = {}): HostKey {
    return new PlainTextHostKey(requireString('HostKey.fromString()', 'body', body), options);
  }

  /** The key body as it goes into the template (a dynamic reference for secrets). */
  public abstract readonly body: string;
  /** The key's algorithm, when given. */
  public readonly algorithm?: HostKeyAlgorithm;
  /** The description. */
  public readonly description?: string;

  protected constructor(where: string, options: HostKeyOptions) {
    requireObject(where, 'options', options);
    this.algorithm = optionalEnum(where, 'options.algorithm', options.algorithm, Object.values(HostKeyAlgorithm));
    this.description = optionalString(where, 'options.description', options.description);
  }

  /** What the key contributes to the `AWS::Transfer::HostKey` made for it in `scope` (the server). */
  public bind(_scope: Construct): HostKeyConfig {
    return { hostKeyBody: this.body, description: this.description, algorithm: this.algorithm };
  }
}

/** `HostKey.fromSecretValue()`: the template holds what the secret value renders to (a dynamic reference). */
class SecretHostKey extends HostKey {
  public readonly body: string;

  constructor(value: SecretValue, options: HostKeyOptions) {
    super('HostKey.fromSecretValue()', options);
    this.body = value.unsafeUnwrap();
  }
}

/** `HostKey.fromString()`: the template holds the key itself. */
class PlainTextHostKey extends HostKey {
  constructor(public readonly body: string, options: HostKeyOptions) {
    super('HostKey.fromString()', options);
  }
}
