import { requireString } from '../private/input';

/**
 * A Transfer Family server security policy: the ciphers, key exchanges and MACs a server offers.
 *
 * Use a constant, or `SecurityPolicy.of(name)` for a policy newer than this library.
 */
export class SecurityPolicy {
  /** TransferSecurityPolicy-2018-11 (CloudFormation's default: old, avoid). */
  public static readonly TRANSFER_2018_11 = new SecurityPolicy('TransferSecurityPolicy-2018-11');
  /** TransferSecurityPolicy-2020-06. */
  public static readonly TRANSFER_2020_06 = new SecurityPolicy('TransferSecurityPolicy-2020-06');
  /** TransferSecurityPolicy-2022-03. */
  public static readonly TRANSFER_2022_03 = new SecurityPolicy('TransferSecurityPolicy-2022-03');
  /** TransferSecurityPolicy-2023-05. */
  public static readonly TRANSFER_2023_05 = new SecurityPolicy('TransferSecurityPolicy-2023-05');
  /** TransferSecurityPolicy-2024-01. */
  public static readonly TRANSFER_2024_01 = new SecurityPolicy('TransferSecurityPolicy-2024-01');
  /** TransferSecurityPolicy-2025-03: the newest general policy, and this library's default. */
  public static readonly TRANSFER_2025_03 = new SecurityPolicy('TransferSecurityPolicy-2025-03');
  /** TransferSecurityPolicy-FIPS-2020-06. */
  public static readonly FIPS_2020_06 = new SecurityPolicy('TransferSecurityPolicy-FIPS-2020-06');
  /** TransferSecurityPolicy-FIPS-2023-05. */
  public static readonly FIPS_2023_05 = new SecurityPolicy('TransferSecurityPolicy-FIPS-2023-05');
  /** TransferSecurityPolicy-FIPS-2024-01. */
  public static readonly FIPS_2024_01 = new SecurityPolicy('TransferSecurityPolicy-FIPS-2024-01');
  /** TransferSecurityPolicy-FIPS-2024-05. */
  public static readonly FIPS_2024_05 = new SecurityPolicy('TransferSecurityPolicy-FIPS-2024-05');
  /** TransferSecurityPolicy-FIPS-2025-03. */
  public static readonly FIPS_2025_03 = new SecurityPolicy('TransferSecurityPolicy-FIPS-2025-03');
  /** TransferSecurityPolicy-Restricted-2018-11. */
  public static readonly RESTRICTED_2018_11 = new SecurityPolicy('TransferSecurityPolicy-Restricted-2018-11');
  /** TransferSecurityPolicy-Restricted-2020-06. */
  public static readonly RESTRICTED_2020_06 = new SecurityPolicy('TransferSecurityPolicy-Restricted-2020-06');
  /** TransferSecurityPolicy-Restricted-2024-06. */
  public static readonly RESTRICTED_2024_06 = new SecurityPolicy('TransferSecurityPolicy-Restricted-2024-06');
  /** TransferSecurityPolicy-SshAuditCompliant-2025-02. */
  public static readonly SSH_AUDIT_COMPLIANT_2025_02 = new SecurityPolicy('TransferSecurityPolicy-SshAuditCompliant-2025-02');
  /** TransferSecurityPolicy-AS2Restricted-2025-07. */
  public static readonly AS2_RESTRICTED_2025_07 = new SecurityPolicy('TransferSecurityPolicy-AS2Restricted-2025-07');
  /** TransferSecurityPolicy-PQ-SSH-Experimental-2023-04 (experimental post-quantum key exchange). */
  public static readonly PQ_SSH_EXPERIMENTAL_2023_04 = new SecurityPolicy('TransferSecurityPolicy-PQ-SSH-Experimental-2023-04');
  /** TransferSecurityPolicy-PQ-SSH-FIPS-Experimental-2023-04 (experimental post-quantum key exchange, FIPS). */
  public static readonly PQ_SSH_FIPS_EXPERIMENTAL_2023_04 = new SecurityPolicy('TransferSecurityPolicy-PQ-SSH-FIPS-Experimental-2023-04');

  /** A policy by name, e.g. one published after this library. The name is checked at synth. */
  public static of(name: string): SecurityPolicy {
    return new SecurityPolicy(requireString('SecurityPolicy.of()', 'name', name));
  }

  /** Names of every policy this library knows. */
  public static knownNames(): string[] {
    return KNOWN.slice();
  }

  private constructor(
    /** The policy name, as CloudFormation takes it. */
    public readonly name: string,
  ) {}

  /** Whether this is a FIPS policy (ED25519 host keys are not FIPS-compliant). */
  public get isFips(): boolean {
    return /-FIPS-/.test(this.name);
  }

  /**
   * Whether the policy offers the hybrid post-quantum SSH key exchanges (ML-KEM combined with ECDH:
   * `mlkem768x25519-sha256`, `mlkem768nistp256-sha256`, `mlkem1024nistp384-sha384`).
   *
   * True for TransferSecurityPolicy-2025-03, -FIPS-2025-03 and -AS2Restricted-2025-07. False for the
   * other policies, the deprecated experimental 2023-04 ones included, and for names this library does not know.
   *
   * @see https://docs.aws.amazon.com/transfer/latest/userguide/post-quantum-security-policies.html
   */
  public get isPostQuantum(): boolean {
    return POST_QUANTUM.includes(this.name);
  }

  /**
   * The newest policy this library knows of the same family as this one (the general
   * `TransferSecurityPolicy-YYYY-MM` policies, or the FIPS, Restricted, SshAuditCompliant,
   * AS2Restricted, PQ-SSH-Experimental or PQ-SSH-FIPS-Experimental ones); `undefined` when this
   * library does not know the name.
   */
  public get newestOfFamily(): SecurityPolicy | undefined {
    if (!KNOWN.includes(this.name)) return undefined;
    const family = familyOf(this.name);
    const newest = KNOWN.filter((n) => familyOf(n) === family).sort((a, b) => dateOf(a).localeCompare(dateOf(b))).pop()!;
    return Object.values(SecurityPolicy).find((p): p is SecurityPolicy => p instanceof SecurityPolicy && p.name === newest)
      ?? SecurityPolicy.of(newest);
  }
}

const PREFIX = 'TransferSecurityPolicy-';

const KNOWN = [
  '2018-11', '2020-06', '2022-03', '2023-05', '2024-01', '2025-03',
  'FIPS-2020-06', 'FIPS-2023-05', 'FIPS-2024-01', 'FIPS-2024-05', 'FIPS-2025-03',
  'Restricted-2018-11', 'Restricted-2020-06', 'Restricted-2024-06',
  'SshAuditCompliant-2025-02', 'AS2Restricted-2025-07',
  'PQ-SSH-Experimental-2023-04', 'PQ-SSH-FIPS-Experimental-2023-04',
].map((n) => `${PREFIX}${n}`);

/**
 * The policies whose SSH key exchanges include ML-KEM. The post-quantum page names 2025-03 and FIPS-2025-03
 * ("The SSH policy names that support post-quantum key exchange are TransferSecurityPolicy-2025-03 and
 * TransferSecurityPolicy-FIPS-2025-03"); the security policies page lists AS2Restricted-2025-07 as identical to
 * 2025-03 but for 3DES and SHA-1, "including post-quantum cryptographic algorithms (mlkem* KEXs)".
 * https://docs.aws.amazon.com/transfer/latest/userguide/post-quantum-security-policies.html
 * https://docs.aws.amazon.com/transfer/latest/userguide/security-policies.html
 */
const POST_QUANTUM = ['2025-03', 'FIPS-2025-03', 'AS2Restricted-2025-07'].map((n) => `${PREFIX}${n}`);

/** `FIPS` for `TransferSecurityPolicy-FIPS-2024-05`, `''` for the general `TransferSecurityPolicy-2025-03`. */
function familyOf(name: string): string {
  return name.slice(PREFIX.length).replace(/-?\d{4}-\d{2}$/, '');
}

/** `2024-05` for `TransferSecurityPolicy-FIPS-2024-05`. */
function dateOf(name: string): string {
  return /\d{4}-\d{2}$/.exec(name)?.[0] ?? '';
}
