/**
 * Readable names for the buckets and file systems of a simulation: S3 bucket names generated at
 * deployment are not known to a test, their construct ids are.
 */
import { CfnResource } from 'aws-cdk-lib';
import { AppModel, AppResource } from './app-model';

/** The label of each bucket (or file system) of the app, and every name a test may use for it. */
export class Labels {
  private readonly labels = new Map<string, string>();
  private readonly aliases = new Map<string, string>();

  /**
   * @param type `AWS::S3::Bucket` or `AWS::EFS::FileSystem`
   * @param givenName whether the template names the resource (its label is then that name)
   */
  constructor(model: AppModel, type: string, givenName: (cfn: CfnResource) => boolean) {
    const resources = model.ofType(type);
    const ownerOf = (r: AppResource) => (r.cfn.node.id === 'Resource' && r.cfn.node.scope ? r.cfn.node.scope : r.cfn);
    const idCount = new Map<string, number>();
    for (const r of resources) {
      const id = ownerOf(r).node.id.toLowerCase();
      idCount.set(id, (idCount.get(id) ?? 0) + 1);
    }
    for (const r of resources) {
      const deployed = model.physicalName(r);
      const owner = ownerOf(r);
      const id = owner.node.id.toLowerCase();
      const path = owner.node.path.toLowerCase().replace(/\//g, '-');
      const label = givenName(r.cfn) ? deployed : idCount.get(id) === 1 ? id : path;
      this.labels.set(deployed, label);
      for (const alias of [label, deployed, path, owner.node.path.toLowerCase(), ...(idCount.get(id) === 1 ? [id] : [])]) {
        if (!this.aliases.has(alias.toLowerCase())) this.aliases.set(alias.toLowerCase(), deployed);
      }
    }
  }

  /** The label of a deployed name (a name outside the app is its own label). */
  public labelOf(deployed: string): string {
    return this.labels.get(deployed) ?? deployed;
  }

  /**
   * Split `<bucket>/<key>` (or `<file system>/<path>`) into the deployed name and the rest: the longest
   * known name or label that starts it, else its first segment (a bucket outside the app).
   */
  public parse(text: string): { readonly deployed: string; readonly rest: string } | undefined {
    const lower = text.toLowerCase();
    let best: { deployed: string; length: number } | undefined;
    for (const [alias, deployed] of this.aliases) {
      if (lower.startsWith(`${alias}/`) && (best === undefined || alias.length > best.length)) best = { deployed, length: alias.length };
    }
    if (best) return { deployed: best.deployed, rest: text.slice(best.length + 1) };
    const slash = text.indexOf('/');
    if (slash <= 0) return undefined;
    return { deployed: text.slice(0, slash), rest: text.slice(slash + 1) };
  }
}
