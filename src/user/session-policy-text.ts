import { IResolvable, IResolveContext, ResolutionTypeHint, Token, Tokenization } from 'aws-cdk-lib';

/**
 * A session policy rendered once for every user of a layout, written into each user's template as one
 * `Fn::Sub` string: `{"Fn::Sub": "…arn:${AWS::Partition}:s3:::${Bucket}/home/${!transfer:UserName}/*…"}`.
 *
 * The policy's JSON is split once into its literal text and its references (partition, bucket, key);
 * each user's template resolves only those references, each a `Ref` or `Fn::GetAtt` written as
 * `${Name}` or `${Name.Attr}`, and shares the text. The literal text has its `${` written `${!`, which
 * `Fn::Sub` turns back into `${` (so `${transfer:UserName}` reaches Transfer Family as it is). A reference
 * that resolves to anything else (a cross-stack import, a function) makes the policy an `Fn::Join` of
 * the same parts, as aws-cdk-lib writes a string with references, so nothing depends on the shape of
 * the references. What CloudFormation deploys is the same text either way.
 *
 * Not cached across resolutions: a logical id may change until the app is synthesized
 * (`overrideLogicalId`); only the text built from the same resolved references is reused.
 */
export class SharedPolicyText {
  /** Literal text and references, in order. */
  private readonly parts: Array<string | IResolvable> = [];
  /** The distinct references. */
  private readonly tokens: IResolvable[] = [];
  /** The last rendering: the references it was made from, and the `Fn::Sub` text or `Fn::Join` parts. */
  private last?: { key: string; sub?: string; join?: unknown[] };

  constructor(json: string) {
    // Each reference wrapped, so that the fragments hand it over as it is (they give a token's text otherwise).
    const fragments = Tokenization.reverseString(json).mapTokens({ mapToken: (token) => ({ token }) });
    const part = (v: unknown): string | IResolvable => (typeof v === 'string' ? v : (v as { token: IResolvable }).token);
    if (fragments.length <= 1) {
      this.parts.push(fragments.length === 0 ? '' : part(fragments.firstValue));
    } else {
      fragments.join({
        join: (left: unknown, right: unknown) => {
          if (this.parts.length === 0) this.parts.push(part(left));
          this.parts.push(part(right));
          return undefined;
        },
      });
    }
    for (const p of this.parts) if (typeof p !== 'string' && !this.tokens.includes(p)) this.tokens.push(p);
  }

  /** The policy of one user: a token of its own (an override on one user changes no other). */
  public forUser(): string {
    return Token.asString(new UserPolicyText(this));
  }

  /** The policy as the template of `context` holds it. */
  public render(context: IResolveContext): unknown {
    const resolved = this.tokens.map((t) => context.resolve(t));
    const key = JSON.stringify(resolved);
    if (this.last?.key !== key) {
      const subs = resolved.map(asSubReference);
      if (subs.every((s) => s !== undefined)) {
        const sub = this.parts.map((p) => (typeof p === 'string' ? p.split('${').join('${!') : subs[this.tokens.indexOf(p)])).join('');
        this.last = { key, sub };
      } else {
        // Adjacent literals merged, as aws-cdk-lib writes a string with references.
        const join: unknown[] = [];
        for (const p of this.parts) {
          const v = typeof p === 'string' ? p : resolved[this.tokens.indexOf(p)];
          if (typeof v === 'string' && typeof join[join.length - 1] === 'string') join[join.length - 1] += v;
          else join.push(v);
        }
        this.last = { key, join };
      }
    }
    // A fresh object for each template: no template shares one with another.
    const last = this.last;
    return last.sub !== undefined ? { 'Fn::Sub': last.sub } : { 'Fn::Join': ['', JSON.parse(JSON.stringify(last.join))] };
  }
}

/** One user's policy: the shared text, resolved in that user's template. */
class UserPolicyText implements IResolvable {
  public readonly creationStack: string[] = [];
  public readonly typeHint = ResolutionTypeHint.STRING;

  constructor(private readonly text: SharedPolicyText) {}

  public resolve(context: IResolveContext): unknown {
    return this.text.render(context);
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** A resolved reference as `Fn::Sub` writes it (`${Name}`, `${Name.Attr}`), or a literal's text; undefined for anything else. */
function asSubReference(value: unknown): string | undefined {
  if (typeof value === 'string') return value.split('${').join('${!');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1) return undefined;
  if (keys[0] === 'Ref' && typeof o.Ref === 'string' && /^[A-Za-z0-9:]+$/.test(o.Ref)) return `\${${o.Ref}}`;
  const att = o['Fn::GetAtt'];
  if (keys[0] === 'Fn::GetAtt' && Array.isArray(att) && att.length === 2 && att.every((x) => typeof x === 'string' && /^[A-Za-z0-9.]+$/.test(x))) {
    return `\${${att[0]}.${att[1]}}`;
  }
  return undefined;
}
