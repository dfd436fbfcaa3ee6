/** A well-formed OpenSSH public key line of `type` (random key material; only the format matters). */
export function sshKey(type = 'ssh-ed25519', comment = 'alice@laptop'): string {
  const field = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const text = (t: string) => field(Buffer.from(t, 'latin1'));
  let fields: Buffer[];
  if (type === 'ssh-ed25519') fields = [text(type), field(Buffer.alloc(32, 7))];
  else if (type === 'ssh-rsa') fields = [text(type), field(Buffer.from([1, 0, 1])), field(Buffer.alloc(257, 9))];
  else if (type.startsWith('ecdsa-sha2-')) fields = [text(type), text(type.slice('ecdsa-sha2-'.length)), field(Buffer.alloc(65, 4))];
  else fields = [text(type), field(Buffer.alloc(32, 7))];
  return `${type} ${Buffer.concat(fields).toString('base64')} ${comment}`;
}
