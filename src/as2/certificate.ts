import { readFileSync } from 'fs';
import { Duration, IResource, Resource, SecretValue, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { CfnCertificate } from 'aws-cdk-lib/aws-transfer';
import { Construct, IConstruct } from 'constructs';
import { AS2_CERTIFICATE_RULES, certificateSubject } from './as2-rules';
import { invalid, optionalEnum, optionalString, requireId, requireObject, requireString } from '../private/input';

/** What an AS2 certificate is for (`Usage` of `AWS::Transfer::Certificate`). */
export enum As2CertificateUsage {
  /** Signing AS2 messages and MDNs (and verifying the partner's signatures). */
  SIGNING = 'SIGNING',
  /** Encrypting AS2 messages (and decrypting the partner's). */
  ENCRYPTION = 'ENCRYPTION',
  /** Securing AS2 communications sent over HTTPS: a partner's self-signed public certificate. */
  TLS = 'TLS',
}

/** What a certificate body contributes to the template, from `As2CertificateBody.bind()`. */
export interface As2CertificateBodyConfig {
  /** The PEM text as the template holds it. */
  readonly pem: string;
}

/**
 * The text of an X.509 certificate (or a chain of them), PEM-encoded
 * (`-----BEGIN CERTIFICATE-----`): a public certificate is no secret, so the template holds it.
 */
export abstract class As2CertificateBody {
  /** PEM text given in the code (a token counts: it is not judged). */
  public static fromPem(pem: string): As2CertificateBody {
    return new PemBody(requireString('As2CertificateBody.fromPem()', 'pem', pem));
  }

  /** A PEM file, read when the app runs (synth); the template holds its text. */
  public static fromFile(path: string): As2CertificateBody {
    const where = 'As2CertificateBody.fromFile()';
    requireString(where, 'path', path);
    if (Token.isUnresolved(path)) invalid(where, 'path', 'a path known at synth (a file is read when the app runs)', path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`${where}: \`path\` ${JSON.stringify(path)} cannot be read: ${(e as Error).message}`);
    }
    return new PemBody(text);
  }

  /** The PEM text. */
  public abstract readonly pem: string;

  /** What the body contributes to the certificate made in `scope`. */
  public bind(_scope: IConstruct): As2CertificateBodyConfig {
    return { pem: this.pem };
  }
}

class PemBody extends As2CertificateBody {
  constructor(public readonly pem: string) {
    super();
  }
}

/** An AS2 certificate of Transfer Family: this app's (`As2Certificate`) or imported. */
export interface IAs2Certificate extends IResource {
  /**
   * The certificate id, `cert-` and 17 hexadecimal digits.
   *
   * @attribute
   */
  readonly certificateId: string;
  /** What the certificate is for, when known. */
  readonly usage?: As2CertificateUsage;
  /** Whether the certificate comes with its private key (a local certificate), when known. */
  readonly hasPrivateKey?: boolean;
}

/** Attributes of an existing AS2 certificate. */
export interface As2CertificateAttributes {
  /** The certificate id (`cert-...`). */
  readonly certificateId: string;
  /**
   * What the certificate is for: the profile rules judge certificates whose usage is known.
   *
   * @default - unknown
   */
  readonly usage?: As2CertificateUsage;
  /**
   * Whether the certificate was imported with its private key.
   *
   * @default - unknown
   */
  readonly hasPrivateKey?: boolean;
}

/** Properties of an `As2Certificate`. */
export interface As2CertificateProps {
  /**
   * The certificate (PEM). With its chain in the same text, leave `certificateChain` out.
   */
  readonly certificate: As2CertificateBody;
  /** What the certificate is for. */
  readonly usage: As2CertificateUsage;
  /**
   * The private key of a local certificate (yours, to sign or decrypt), as a secret of AWS Secrets
   * Manager: `SecretValue.secretsManager('as2/signing-key')`. The template holds a dynamic reference;
   * a key in plain text (`SecretValue.unsafePlainText`) fails synthesis (rule `as2/private-key-secret`).
   * A partner's certificate has none.
   *
   * @default - none (a partner's public certificate)
   */
  readonly privateKey?: SecretValue;
  /**
   * The chain of certificates that signed this one (PEM).
   *
   * @default - none (a self-signed certificate, or the chain is in `certificate`)
   */
  readonly certificateChain?: As2CertificateBody;
  /**
   * When the certificate becomes active.
   *
   * @default - the certificate's Not Before date
   */
  readonly activeDate?: Date;
  /**
   * When the certificate becomes inactive.
   *
   * @default - the certificate's Not After date
   */
  readonly inactiveDate?: Date;
  /**
   * A name or description of the certificate (`Description`): 1 to 200 printable ASCII characters
   * without spaces (rule `as2/certificate-description`). Transfer Family adds it as a dimension of the
   * `DaysUntilExpiry` metric.
   *
   * @default - none
   */
  readonly description?: string;
}

/**
 * An X.509 certificate imported for AS2 (an `AWS::Transfer::Certificate`): a local one with its private
 * key (through Secrets Manager), or a partner's public one. Profiles name the certificates they use.
 *
 * Rules: https://docs.aws.amazon.com/transfer/latest/userguide/managing-as2-partners.html and
 * https://docs.aws.amazon.com/transfer/latest/APIReference/API_ImportCertificate.html
 */
export class As2Certificate extends Resource implements IAs2Certificate {
  /** An existing certificate, by id. */
  public static fromCertificateAttributes(scope: Construct, id: string, attrs: As2CertificateAttributes): IAs2Certificate {
    const where = 'As2Certificate.fromCertificateAttributes()';
    requireId(where, id);
    requireObject(where, 'attrs', attrs);
    const certificateId = requireString(where, 'attrs.certificateId', attrs.certificateId);
    const usage = optionalEnum(where, 'attrs.usage', attrs.usage, Object.values(As2CertificateUsage));
    if (attrs.hasPrivateKey !== undefined && typeof attrs.hasPrivateKey !== 'boolean') invalid(where, 'attrs.hasPrivateKey', 'true or false', attrs.hasPrivateKey);
    class Imported extends Resource implements IAs2Certificate {
      public readonly certificateId = certificateId;
      public readonly usage = usage;
      public readonly hasPrivateKey = attrs.hasPrivateKey;
    }
    return new Imported(scope, id);
  }

  public readonly certificateId: string;
  public readonly usage?: As2CertificateUsage;
  public readonly hasPrivateKey?: boolean;
  /** The `AWS::Transfer::Certificate`. */
  public readonly resource: CfnCertificate;

  constructor(scope: Construct, id: string, props: As2CertificateProps) {
    const where = 'As2Certificate';
    requireId(where, id);
    super(scope, id);
    requireObject(where, 'props', props);
    if (!(props.certificate instanceof As2CertificateBody)) {
      invalid(where, 'certificate', 'an As2CertificateBody (`As2CertificateBody.fromPem()` or `.fromFile()`)', props.certificate);
    }
    if (props.certificateChain !== undefined && !(props.certificateChain instanceof As2CertificateBody)) {
      invalid(where, 'certificateChain', 'an As2CertificateBody (`As2CertificateBody.fromPem()` or `.fromFile()`)', props.certificateChain);
    }
    const usage = optionalEnum(where, 'usage', props.usage, Object.values(As2CertificateUsage));
    if (usage === undefined) invalid(where, 'usage', `one of ${Object.values(As2CertificateUsage).map((u) => JSON.stringify(u)).join(', ')}`, props.usage);
    if (props.privateKey !== undefined && !SecretValue.isSecretValue(props.privateKey)) {
      invalid(where, 'privateKey', 'a SecretValue (e.g. `SecretValue.secretsManager(\'as2/signing-key\')`)', props.privateKey);
    }
    const activeDate = optionalDate(where, 'activeDate', props.activeDate);
    const inactiveDate = optionalDate(where, 'inactiveDate', props.inactiveDate);
    const description = optionalString(where, 'description', props.description);

    this.usage = usage;
    this.hasPrivateKey = props.privateKey !== undefined;
    this.resource = new CfnCertificate(this, 'Resource', {
      certificate: props.certificate.bind(this).pem,
      certificateChain: props.certificateChain?.bind(this).pem,
      privateKey: props.privateKey?.unsafeUnwrap(),
      usage,
      activeDate: activeDate?.toISOString(),
      inactiveDate: inactiveDate?.toISOString(),
      description,
    });
    this.certificateId = this.resource.attrCertificateId;
    AS2_CERTIFICATE_RULES.attach(this, (c) => certificateSubject(c.resource));
  }

  /**
   * The days until the certificate's inactive date, which Transfer Family publishes daily once the
   * certificate is imported (`AWS/Transfer` `DaysUntilExpiry`, by `CertificateId`; the first value can take
   * a day): alarm on it to rotate in time.
   * https://docs.aws.amazon.com/transfer/latest/userguide/managing-as2-partners.html
   *
   * @default - the minimum over 1 day
   */
  public metricDaysUntilExpiry(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    if (props !== undefined) requireObject('As2Certificate.metricDaysUntilExpiry()', 'props', props);
    return new cloudwatch.Metric({
      namespace: 'AWS/Transfer',
      metricName: 'DaysUntilExpiry',
      dimensionsMap: { CertificateId: this.certificateId },
      statistic: 'Minimum',
      period: Duration.days(1),
      ...props,
    });
  }
}

/** `value` is a valid `Date` or absent. */
function optionalDate(where: string, prop: string, value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) invalid(where, prop, 'a valid Date', value);
  return value;
}
