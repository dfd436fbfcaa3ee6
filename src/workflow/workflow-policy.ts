import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { BoundStep, Place, StepPermissions } from './steps/base';
import { SourceFile } from './steps/options';
import type { FileLocation } from '../location/file-location';
import { parentPrefix } from '../location/paths';
import type { ITransferServer } from '../server/server-ref';

// ---------------------------------------------------------------------------
// Where each step's file is
// ---------------------------------------------------------------------------

/** The places each step's input file may be, for the steps and the exception steps. */
export interface Flow {
  readonly steps: Place[][];
  readonly exceptionSteps: Place[][];
}

/** The rendered step names, by position. */
export interface StepNames {
  readonly steps: string[];
  readonly exceptionSteps: string[];
}

/**
 * Follow the file through the steps. `${original.file}` is the upload. `${previous.file}` is what the
 * step before produced: the destination of a copy or decrypt step, otherwise that step's own input.
 * An exception step may run after any step failed, so its "previous" file is any of them.
 */
export function traceFlow(steps: ReadonlyArray<BoundStep>, names: StepNames,
  exceptionSteps: ReadonlyArray<BoundStep>, servers: ReadonlyArray<ITransferServer>): Flow {
  const uploads: Place[] = servers.map((server) => ({ kind: 'upload', server }));
  const everything: Place[] = [...uploads];
  const walk = (list: ReadonlyArray<BoundStep>, stepNames: string[], start: Place[]) => {
    let current = start;
    return list.map(({ step }, i) => {
      const input = step.source === SourceFile.ORIGINAL ? uploads : current;
      const produces = step._produces;
      current = produces !== undefined ? [{ kind: 'destination', location: produces, step: stepNames[i] }] : input;
      if (produces !== undefined) everything.push(...current);
      return input;
    });
  };
  const main = walk(steps, names.steps, uploads);
  return { steps: main, exceptionSteps: walk(exceptionSteps, names.exceptionSteps, unique(everything)) };
}

function unique(places: Place[]): Place[] {
  return places.filter((p, i) => places.findIndex((q) => samePlace(p, q)) === i);
}

function samePlace(a: Place, b: Place): boolean {
  if (a.kind === 'upload' && b.kind === 'upload') return a.server === b.server;
  if (a.kind === 'destination' && b.kind === 'destination') return a.location === b.location;
  return false;
}

// ---------------------------------------------------------------------------
// The execution role's statements
// ---------------------------------------------------------------------------

/** A wildcard resource of the execution role, and why it cannot be narrower. */
export interface Wildcard {
  readonly resource: string;
  readonly reason: string;
}

/** The execution role's statements: only what the steps do, only where they do it. */
export interface ExecutionPolicy {
  readonly statements: iam.PolicyStatement[];
  readonly wildcards: Wildcard[];
}

class Collector {
  private readonly byResource = new Map<string, Set<string>>();
  private readonly keys = new Map<string, { key: kms.IKey; via: string; actions: Set<string> }>();
  public readonly wildcards: Wildcard[] = [];

  public allow(resource: string, actions: string[], wildcardReason?: string): void {
    if (actions.length === 0) return;
    let set = this.byResource.get(resource);
    if (!set) {
      set = new Set();
      this.byResource.set(resource, set);
      if (wildcardReason !== undefined && !this.wildcards.some((w) => w.resource === resource)) {
        this.wildcards.push({ resource, reason: wildcardReason });
      }
    }
    for (const a of actions) set.add(a);
  }

  public allowKey(key: kms.IKey | undefined, via: string, actions: string[]): void {
    if (key === undefined || actions.length === 0) return;
    const id = `${key.keyArn}|${via}`;
    let entry = this.keys.get(id);
    if (!entry) {
      entry = { key, via, actions: new Set() };
      this.keys.set(id, entry);
    }
    for (const a of actions) entry.actions.add(a);
  }

  /** One statement per set of actions, listing every resource that needs exactly those. */
  public statements(): iam.PolicyStatement[] {
    const groups = new Map<string, { actions: string[]; resources: string[] }>();
    for (const [resource, set] of this.byResource) {
      const actions = [...set].sort();
      const sig = actions.join(',');
      const group = groups.get(sig) ?? { actions, resources: [] };
      group.resources.push(resource);
      groups.set(sig, group);
    }
    const out = [...groups.values()].map((g) => new iam.PolicyStatement({ actions: g.actions, resources: g.resources }));
    for (const { key, via, actions } of this.keys.values()) {
      out.push(new iam.PolicyStatement({
        actions: [...actions].sort(),
        resources: [key.keyArn],
        // Only through the service that stores the data, never directly.
        conditions: { StringEquals: { 'kms:ViaService': via } },
      }));
    }
    return out;
  }
}

/** `${transfer:UserName}`, `${transfer:UploadDate}` (and any other variable) match any text in IAM. */
function iamPattern(key: string): string {
  return key.replace(/\$\{[^}]*\}/g, '*');
}

function hasVariable(key: string): boolean {
  return /\$\{[^}]*\}/.test(key);
}

function s3Via(location: FileLocation): string {
  return `s3.${location.bucket!.env.region}.amazonaws.com`;
}

/** Grant `actions` on the files under a home location. */
function allowHome(c: Collector, home: FileLocation, s3Actions: string[], efsActions: string[], kmsActions: string[]): void {
  if (home.bucket) {
    // Homes are granted by the directory that holds them, as the users' shared role does, so that
    // the policy grows with the number of home directories, not with the number of users.
    const folder = parentPrefix(home.key ?? '');
    const resource = home.bucket.arnForObjects(`${iamPattern(folder)}*`);
    c.allow(resource, s3Actions,
      `Users upload files of any name anywhere under their homes in "${folder === '' ? '/' : folder}" of this bucket; `
      + 'the workflow acts on each uploaded file, whose key is known only when the step runs.');
    c.allowKey(home.bucket.encryptionKey, s3Via(home), kmsActions);
  } else if (home.fileSystem) {
    c.allow(home.fileSystem.fileSystemArn, efsActions);
  }
}

/** Grant `actions` on what a step wrote at `location`: the folder's files, or the one named object. */
function allowDestination(c: Collector, location: FileLocation, step: string, s3Actions: string[], efsActions: string[], kmsActions: string[]): void {
  if (location.bucket) {
    const key = location.key ?? '';
    const folder = key === '' || key.endsWith('/');
    const resource = location.bucket.arnForObjects(folder ? `${iamPattern(key)}*` : iamPattern(key));
    const why: string[] = [];
    if (folder) why.push(`step ${step} writes each file into the folder "${key}" under the file's own name`);
    if (hasVariable(key)) why.push('the service replaces ${transfer:UserName} and ${transfer:UploadDate} in the destination when the step runs');
    c.allow(resource, s3Actions, why.length > 0
      ? `The wildcard covers only the destination of this workflow: ${why.join('; ')}.`
      : undefined);
    c.allowKey(location.bucket.encryptionKey, s3Via(location), kmsActions);
  } else if (location.fileSystem) {
    c.allow(location.fileSystem.fileSystemArn, efsActions);
  }
}

/**
 * The home locations of a server, one per directory that holds homes (S3) or per file system (EFS):
 * what `allowHome` grants is the same for every home of a directory, and a server has thousands of
 * homes but few directories.
 */
function homeDirectories(server: ITransferServer): FileLocation[] {
  const seen = new Set<string>();
  return server.homeLocations.filter((home) => {
    const id = home.bucket ? `s3:${home.bucket.node.addr}:${parentPrefix(home.key ?? '')}` : `efs:${home.fileSystem?.node.addr}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * The statements of the execution role for these steps, attached to these servers, with their home
 * locations as registered now: each step grants what it does, where `flow` says its file may be.
 * Nothing for a step whose file is nowhere known (reported as a warning).
 */
export function executionPolicy(steps: ReadonlyArray<BoundStep>, exceptionSteps: ReadonlyArray<BoundStep>,
  names: StepNames, flow: Flow, servers: ReadonlyArray<ITransferServer>): ExecutionPolicy {
  const c = new Collector();
  const directories = new Map<ITransferServer, FileLocation[]>();
  const homes = (server: ITransferServer) => {
    let list = directories.get(server);
    if (!list) {
      list = homeDirectories(server);
      directories.set(server, list);
    }
    return list;
  };
  const visit = (list: ReadonlyArray<BoundStep>, inputs: Place[][], stepNames: string[]) => list.forEach(({ config }, i) => {
    const permissions: StepPermissions = {
      servers,
      onInput: (s3Actions, efsActions, kmsActions) => {
        for (const place of inputs[i]) {
          if (place.kind === 'upload') {
            for (const home of homes(place.server)) allowHome(c, home, s3Actions, efsActions, kmsActions);
          } else {
            allowDestination(c, place.location, place.step, s3Actions, efsActions, kmsActions);
          }
        }
      },
      atDestination: (location, s3Actions, efsActions, kmsActions) => allowDestination(c, location, stepNames[i], s3Actions, efsActions, kmsActions),
      allow: (resource, actions, wildcardReason) => c.allow(resource, actions, wildcardReason),
      allowKey: (key, via, actions) => c.allowKey(key, via, actions),
    };
    config.grant(permissions);
  });
  visit(steps, flow.steps, names.steps);
  visit(exceptionSteps, flow.exceptionSteps, names.exceptionSteps);
  return { statements: c.statements(), wildcards: c.wildcards };
}
