/**
 * What the benchmark estate is made of, shared by the L2 (this library) and L1 (hand-written `Cfn*`)
 * builders so that both build exactly the same thing.
 */
import { createHash } from 'crypto';

/** Users per stack: 400 users + ~10 server resources (+ the processing resources in the first stack) stay under 500. */
export const USERS_PER_STACK = 400;
/** Home directories are spread over these parent directories (one `<dir>/*` grant each on the shared role). */
export const HOME_DIRS = ['partners', 'vendors', 'internal', 'audit'];
/**
 * Workflows of the estate, spread over the stacks (workflow i in stack i mod stacks); the first workflow
 * of each stack runs on that stack's server's uploads, the others are not attached.
 */
export const WORKFLOWS = 10;
/** Steps per workflow. */
export const STEPS_PER_WORKFLOW = 5;
/** Encrypted state machines of the estate, in the first stack. */
export const STATE_MACHINES = 3;

/** One user of the estate. */
export interface UserSpec {
  readonly id: string;
  readonly userName: string;
  /** Parent directory of the home (`partners`, ...); the home is `<dir>/<userName>`. */
  readonly dir: string;
  readonly readOnly: boolean;
  readonly sshPublicKey: string;
}

/** One stack of the estate: a server and its users. */
export interface StackSpec {
  readonly id: string;
  readonly users: UserSpec[];
  /** The first stack also holds the state machines. */
  readonly processing: boolean;
  /** Numbers of the workflows in this stack (1-based); the first is the server's `onUpload`. */
  readonly workflows: number[];
}

/**
 * Stacks of an estate of `n` users, users spread evenly, at most `perStack` per stack (`USERS_PER_STACK`;
 * the access-equivalence test takes fewer, to have several stacks with a few users).
 */
export function estate(n: number, perStack = USERS_PER_STACK): StackSpec[] {
  const stacks = Math.max(1, Math.ceil(n / perStack));
  const out: StackSpec[] = [];
  let next = 0;
  for (let s = 0; s < stacks; s++) {
    const count = Math.floor(n / stacks) + (s < n % stacks ? 1 : 0);
    const users: UserSpec[] = [];
    for (let i = 0; i < count; i++, next++) {
      const userName = `partner-${String(next).padStart(5, '0')}`;
      users.push({
        id: `User${next}`,
        userName,
        dir: HOME_DIRS[next % HOME_DIRS.length],
        readOnly: next % 10 === 9,
        sshPublicKey: ed25519Key(userName),
      });
    }
    const workflows: number[] = [];
    for (let w = 1; w <= WORKFLOWS; w++) if ((w - 1) % stacks === s) workflows.push(w);
    out.push({ id: `Sftp${s + 1}`, users, processing: s === 0, workflows });
  }
  return out;
}

/** A well-formed OpenSSH ed25519 public key line, derived from the name (not a real key pair, but it parses). */
export function ed25519Key(name: string): string {
  const type = Buffer.from('ssh-ed25519');
  const key = createHash('sha256').update(name).digest();
  const len = (b: Buffer) => { const l = Buffer.alloc(4); l.writeUInt32BE(b.length); return l; };
  return `ssh-ed25519 ${Buffer.concat([len(type), type, len(key), key]).toString('base64')} ${name}@bench`;
}

/** The custom step's function (inline code: no asset to stage). */
export const SCANNER_CODE = 'exports.handler = async () => ({ status: "SUCCESS" });';
