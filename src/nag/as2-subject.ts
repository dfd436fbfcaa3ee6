import { Stack, Token } from 'aws-cdk-lib';
import { CfnAgreement, CfnCertificate, CfnProfile, CfnServer } from 'aws-cdk-lib/aws-transfer';
import { readTarget } from './user-subject';
import { AgreementProfileSubject, AgreementSubject, ProfileCertificateSubject, ProfileSubject } from '../as2/as2-rules';
import { Domain } from '../server/protocol';

const literal = (v: unknown): string | undefined => (typeof v === 'string' && !Token.isUnresolved(v) ? v : undefined);

/** The resolved template value, as text to compare references by. */
const key = (stack: Stack, v: unknown) => JSON.stringify(stack.resolve(v));

/**
 * The resource of the stack among `kind` that `value` names: by the attribute `attribute` gives
 * (`Fn::GetAtt`), or by `Ref` when `byRef` (a certificate's and a profile's `Ref` is their id).
 */
export function referenced<T extends CfnCertificate | CfnProfile | CfnServer>(
  stack: Stack, value: unknown, kind: new (...args: never[]) => T, attribute: (r: T) => string, byRef: boolean,
): T | undefined {
  const wanted = key(stack, value);
  return stack.node.findAll().filter((c): c is T => c instanceof kind)
    .find((r) => key(stack, attribute(r)) === wanted || (byRef && key(stack, r.ref) === wanted));
}

/** How findings name a resource of the stack, or a reference to something else. */
const describe = (stack: Stack, value: unknown) => `\`${JSON.stringify(stack.resolve(value))}\``;

/** The ids of a profile's `CertificateIds`, one by one; `undefined` when the list is not known (a token). */
function certificateIds(stack: Stack, cfn: CfnProfile): unknown[] | undefined {
  if (cfn.certificateIds === undefined) return [];
  const raw = stack.resolve(cfn.certificateIds);
  return Array.isArray(raw) ? raw : undefined;
}

/** A certificate of a profile: the `CfnCertificate` of the stack it names, or unknown. */
function profileCertificate(stack: Stack, id: unknown): ProfileCertificateSubject & { readonly known: boolean } {
  const cert = referenced(stack, id, CfnCertificate, (c) => c.attrCertificateId, true);
  if (cert === undefined) return { path: describe(stack, id), usage: undefined, hasPrivateKey: undefined, known: false };
  return { path: cert.node.path, usage: literal(cert.usage), hasPrivateKey: cert.privateKey !== undefined, known: true };
}

/**
 * The subject of the profile rules built from an `AWS::Transfer::Profile` L1: its AS2 id and type, and each
 * certificate it names: the `CfnCertificate` of the same stack whose id (`Fn::GetAtt` / `Ref`) it is, with
 * its usage and whether it has a private key; any other certificate is not judged.
 */
export function profileSubjectOfL1(cfn: CfnProfile): ProfileSubject {
  const stack = Stack.of(cfn);
  return {
    as2Id: cfn.as2Id,
    profileType: cfn.profileType,
    certificates: (certificateIds(stack, cfn) ?? []).map((id) => profileCertificate(stack, id)),
    resource: cfn,
  };
}

/** A profile of an agreement: the `CfnProfile` of the stack it names, its type and (when every certificate is known) their usages. */
function agreementProfile(stack: Stack, id: unknown): AgreementProfileSubject {
  const profile = referenced(stack, id, CfnProfile, (p) => p.attrProfileId, true);
  if (profile === undefined) return { path: describe(stack, id) };
  const ids = certificateIds(stack, profile);
  const certs = ids?.map((c) => profileCertificate(stack, c));
  const usages = certs?.every((c) => c.known && c.usage !== undefined) ? certs.map((c) => c.usage as string) : undefined;
  return { path: profile.node.path, profileType: literal(profile.profileType), usages };
}

/** The directory props of `CustomDirectories`, as the agreement rules name them. */
const CUSTOM = [
  ['failedFilesDirectory', 'customDirectories.failedFiles'],
  ['mdnFilesDirectory', 'customDirectories.mdnFiles'],
  ['payloadFilesDirectory', 'customDirectories.payloadFiles'],
  ['statusFilesDirectory', 'customDirectories.statusFiles'],
  ['temporaryFilesDirectory', 'customDirectories.temporaryFiles'],
] as const;

/**
 * A directory of the agreement as the rules read it: its storage (a literal `/fs-…` or a `CfnFileSystem` of
 * the stack is EFS, a literal name or a `CfnBucket` S3) and, for the length the rules judge, a text of its
 * length when every part is known or when the parts known already make it longer than 1024 characters (a
 * reference counts for one character), a token otherwise. A directory of unknown storage is not judged.
 */
function directory(stack: Stack, prop: string, value: unknown) {
  const read = readTarget(stack, stack.resolve(value));
  if (read.domain === undefined || read.length === undefined) return [];
  const { length, atLeast } = read.length;
  const path = !atLeast || length > 1024 ? 'x'.repeat(length) : Token.asString(stack.resolve(value));
  return [{ prop, storage: read.domain === Domain.EFS ? 'EFS' : 'S3', path: read.domain === Domain.EFS ? '' : path }];
}

/**
 * The subject of the agreement rules built from an `AWS::Transfer::Agreement` L1: the `CfnServer` of the same
 * stack whose id is its `ServerId` (its protocols, SFTP by CloudFormation's default), its directories, the
 * `CfnProfile`s its profile ids name (`Fn::GetAtt` / `Ref`) with their certificates, and whether it enforces
 * message signing. A server, profile or certificate that is not a resource of the stack is not judged.
 */
export function agreementSubjectOfL1(cfn: CfnAgreement): AgreementSubject {
  const stack = Stack.of(cfn);
  const server = referenced(stack, cfn.serverId, CfnServer, (s) => s.attrServerId, false);
  let serverProtocols: string[] | undefined;
  if (server !== undefined) {
    const protocols = server.protocols === undefined ? ['SFTP'] : stack.resolve(server.protocols);
    if (Array.isArray(protocols) && protocols.every((p) => typeof p === 'string')) serverProtocols = protocols;
  }
  const custom = stack.resolve(cfn.customDirectories) as Record<string, unknown> | undefined;
  const customs = custom !== null && typeof custom === 'object'
    ? CUSTOM.flatMap(([name, prop]) => {
      const v = custom[name] ?? custom[name.charAt(0).toUpperCase() + name.slice(1)];
      return v === undefined ? [] : directory(stack, prop, v);
    })
    : [];
  return {
    serverPath: server?.node.path ?? describe(stack, cfn.serverId),
    serverProtocols,
    directories: [...(cfn.baseDirectory === undefined ? [] : directory(stack, 'baseDirectory', cfn.baseDirectory)), ...customs],
    both: cfn.baseDirectory !== undefined && cfn.customDirectories !== undefined,
    localProfile: agreementProfile(stack, cfn.localProfileId),
    partnerProfile: agreementProfile(stack, cfn.partnerProfileId),
    enforceMessageSigning: literal(cfn.enforceMessageSigning) === 'ENABLED',
    resource: cfn,
  };
}
