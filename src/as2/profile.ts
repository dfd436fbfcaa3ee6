import { IResource, Lazy, Resource, Token } from 'aws-cdk-lib';
import { CfnProfile } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { AS2_PROFILE_RULES, ProfileSubject } from './as2-rules';
import { IAs2Certificate } from './certificate';
import { invalid, optionalArray, optionalEnum, requireId, requireMembers, requireObject, requireString } from '../private/input';

/** Whose profile it is (`ProfileType` of `AWS::Transfer::Profile`). */
export enum As2ProfileType {
  /** The local party: this AS2-enabled Transfer Family server's organization. */
  LOCAL = 'LOCAL',
  /** A trading partner: a remote organization, external to Transfer Family. */
  PARTNER = 'PARTNER',
}

/** An AS2 profile: this app's (`As2Profile`) or imported. */
export interface IAs2Profile extends IResource {
  /**
   * The profile id, `p-` and 17 hexadecimal digits.
   *
   * @attribute
   */
  readonly profileId: string;
  /** Whose profile it is, when known. */
  readonly profileType?: As2ProfileType;
  /**
   * The profile's certificates as far as this app knows them (every certificate of a profile of this
   * app; none of an imported one).
   */
  readonly certificates: IAs2Certificate[];
  /** Whether `certificates` are all the profile's certificates (false for an imported profile). */
  readonly certificatesKnown: boolean;
}

/** Options of a local or partner profile. */
export interface As2ProfileOptions {
  /**
   * The AS2 id (AS2-name of RFC 4130): the `AS2-From` header of the messages a partner sends, the
   * `AS2-To` header of those you send. 1 to 128 printable characters, no spaces.
   */
  readonly as2Id: string;
  /**
   * The certificates of the profile: for a local profile yours, with their private keys (encryption,
   * and signing for signed MDNs); for a partner profile the partner's public ones (signing, encryption).
   * More can be added with `addCertificate()` (rotation).
   *
   * @default - none yet
   */
  readonly certificates?: IAs2Certificate[];
}

/** Properties of an `As2Profile`. */
export interface As2ProfileProps extends As2ProfileOptions {
  /** Whose profile it is. */
  readonly profileType: As2ProfileType;
}

/** Attributes of an existing AS2 profile. */
export interface As2ProfileAttributes {
  /** The profile id (`p-...`). */
  readonly profileId: string;
  /**
   * Whose profile it is: the agreement rules judge profiles whose type is known.
   *
   * @default - unknown
   */
  readonly profileType?: As2ProfileType;
}

/**
 * The profile of an AS2 party (an `AWS::Transfer::Profile`): `As2Profile.local()` for your organization,
 * `As2Profile.partner()` for a trading partner. Agreements combine one of each with a server.
 *
 * https://docs.aws.amazon.com/transfer/latest/userguide/configure-as2-profile.html
 */
export class As2Profile extends Resource implements IAs2Profile {
  /** Your organization's profile: your certificates, with their private keys. */
  public static local(scope: Construct, id: string, options: As2ProfileOptions): As2Profile {
    requireObject('As2Profile.local()', 'options', options);
    return new As2Profile(scope, id, { ...options, profileType: As2ProfileType.LOCAL });
  }

  /** A trading partner's profile: the partner's public certificates. */
  public static partner(scope: Construct, id: string, options: As2ProfileOptions): As2Profile {
    requireObject('As2Profile.partner()', 'options', options);
    return new As2Profile(scope, id, { ...options, profileType: As2ProfileType.PARTNER });
  }

  /** An existing profile, by id. */
  public static fromProfileAttributes(scope: Construct, id: string, attrs: As2ProfileAttributes): IAs2Profile {
    const where = 'As2Profile.fromProfileAttributes()';
    requireId(where, id);
    requireObject(where, 'attrs', attrs);
    const profileId = requireString(where, 'attrs.profileId', attrs.profileId);
    const profileType = optionalEnum(where, 'attrs.profileType', attrs.profileType, Object.values(As2ProfileType));
    class Imported extends Resource implements IAs2Profile {
      public readonly profileId = profileId;
      public readonly profileType = profileType;
      public readonly certificates: IAs2Certificate[] = [];
      public readonly certificatesKnown = false;
    }
    return new Imported(scope, id);
  }

  public readonly profileId: string;
  public readonly profileType?: As2ProfileType;
  /** The AS2 id. */
  public readonly as2Id: string;
  public readonly certificatesKnown = true;
  /** The `AWS::Transfer::Profile`. */
  public readonly resource: CfnProfile;
  private readonly certs: IAs2Certificate[] = [];
  private readonly type: As2ProfileType;

  constructor(scope: Construct, id: string, props: As2ProfileProps) {
    const where = 'As2Profile';
    requireId(where, id);
    super(scope, id);
    requireObject(where, 'props', props);
    const profileType = optionalEnum(where, 'profileType', props.profileType, Object.values(As2ProfileType));
    if (profileType === undefined) invalid(where, 'profileType', '"LOCAL" or "PARTNER"', props.profileType);
    this.profileType = profileType;
    this.type = profileType;
    this.as2Id = requireString(where, 'as2Id', props.as2Id);
    optionalArray<IAs2Certificate>(where, 'certificates', props.certificates,
      (c, name) => requireMembers(where, name, c as IAs2Certificate, 'an IAs2Certificate', ['certificateId', 'node']))
      ?.forEach((c) => this.addCertificate(c));
    this.resource = new CfnProfile(this, 'Resource', {
      as2Id: this.as2Id,
      profileType,
      certificateIds: Lazy.list({ produce: () => this.certs.map((c) => c.certificateId) }, { omitEmpty: true }),
    });
    this.profileId = this.resource.attrProfileId;
    AS2_PROFILE_RULES.attach(this, (p) => p.ruleSubject());
  }

  /** The profile's certificates. */
  public get certificates(): IAs2Certificate[] {
    return this.certs.slice();
  }

  /** Add a certificate (e.g. the next one of a rotation, with its active and inactive dates). */
  public addCertificate(certificate: IAs2Certificate): void {
    requireMembers('As2Profile.addCertificate()', 'certificate', certificate, 'an IAs2Certificate', ['certificateId', 'node']);
    if (!this.certs.includes(certificate)) this.certs.push(certificate);
  }

  private ruleSubject(): ProfileSubject {
    return {
      as2Id: this.as2Id,
      profileType: this.type,
      certificates: this.certs.map((c) => ({
        path: c.node.path,
        usage: c.usage !== undefined && !Token.isUnresolved(c.usage) ? c.usage : undefined,
        hasPrivateKey: c.hasPrivateKey,
      })),
      resource: this.resource,
    };
  }
}
