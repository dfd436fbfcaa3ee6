/**
 * Proves an example's intended access (`examples/access.ts`) on the example's synthesized estate.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { Estate } from './estate';
import { accessFindings } from './expect';
import { Callers, Operation, RoleSession, S3Requests, TransferSession } from './principals';
import { WorkflowRun } from './workflow-requests';
import { IntendedAccess } from '../../examples/access';
import { TransferServer } from 'cdk-transfer-family';

function stackOf(app: App, id: string): Stack {
  const stack = app.node.tryFindChild(id);
  if (!Stack.isStack(stack)) throw new Error(`access intent: no stack ${id}`);
  return stack;
}

function construct(stack: Stack, path: string): IConstruct {
  let c: IConstruct = stack;
  for (const id of path.split('/')) {
    const next = c.node.tryFindChild(id);
    if (!next) throw new Error(`access intent: no construct ${path} in ${stack.node.id}`);
    c = next;
  }
  return c;
}

/** One line of an intent: a user's file operation, or a request naming a construct. */
function operation(estate: Estate, stack: Stack, line: string, user?: TransferSession): Operation {
  const [verb, ...args] = line.trim().split(/\s+/);
  if (user) {
    switch (verb) {
      case 'upload': return user.upload(args[0]);
      case 'download': return user.download(args[0]);
      case 'list': return user.list(args[0]);
      case 'delete': return user.remove(args[0]);
      case 'mkdir': return user.mkdir(args[0]);
      case 'rename': return user.rename(args[0], args[1]);
    }
  }
  if (!verb.includes(':') || args.length !== 1) throw new Error(`access intent: cannot read "${line}"`);
  const [id, ...rest] = args[0].split('/');
  const target = construct(stack, id);
  const requests = new S3Requests(estate, estate.value(stack, stack.region));
  if (verb.startsWith('s3:') && target instanceof s3.Bucket) {
    const bucket = estate.value(stack, target.bucketName);
    const key = rest.join('/');
    const byAction: Record<string, () => Operation['requests']> = {
      's3:GetObject': () => requests.get(bucket, key),
      's3:PutObject': () => requests.put(bucket, key),
      's3:DeleteObject': () => requests.delete(bucket, key),
      's3:ListBucket': () => requests.list(bucket, key),
    };
    const make = byAction[verb] ?? (() => [{ action: verb, resource: `arn:aws:s3:::${bucket}${key === '' ? '' : `/${key}`}` }]);
    return { label: line, requests: make() };
  }
  if (target instanceof TransferServer && verb.startsWith('logs:')) {
    const serverId = estate.value(stack, target.serverId);
    const group = `arn:aws:logs:${estate.value(stack, stack.region)}:${estate.value(stack, stack.account)}:log-group:/aws/transfer/${serverId}`;
    return { label: line, requests: [{ action: verb, resource: verb === 'logs:PutLogEvents' ? `${group}:log-stream:session-1` : group }] };
  }
  return { label: line, requests: [{ action: verb, resource: estate.arnOf(estate.resourceOf(target)) }] };
}

/** The role a construct path names: a role, a server's logging role, anything with a `role`. */
function roleSession(estate: Estate, stack: Stack, path: string): RoleSession {
  const c = construct(stack, path);
  const role: iam.IRole | undefined = c instanceof iam.Role ? c
    : c instanceof TransferServer ? c.loggingRole
      : (c as { role?: iam.IRole }).role;
  if (!role) throw new Error(`access intent: ${path} has no role`);
  return new Callers(estate).roleOf(stack, role.roleArn, path);
}

/** Every broken line of the intent, proven on the estate of `app` (built by the example). */
export function intentFindings(app: App, intent: IntendedAccess): string[] {
  const estate = Estate.fromApp(app);
  const callers = new Callers(estate);
  const out: string[] = [];
  for (const u of intent.users ?? []) {
    const stack = stackOf(app, u.stack);
    const user = callers.user(u.userName);
    out.push(...accessFindings(user, {
      allowed: u.allowed.map((l) => operation(estate, stack, l, user)),
      denied: u.denied.map((l) => operation(estate, stack, l, user)),
    }));
  }
  for (const w of intent.workflows ?? []) {
    const stack = stackOf(app, w.stack);
    const user = callers.user(w.userName);
    const place = user.place(w.upload);
    if (!place) throw new Error(`access intent: ${w.upload} is outside the home of ${w.userName}`);
    const server = estate.ofType('AWS::Transfer::Server').find((s) => estate.physicalName(s) === user.user.properties.ServerId)!;
    const workflowId = server.properties.WorkflowDetails?.OnUpload?.[0]?.WorkflowId;
    const workflow = estate.ofType('AWS::Transfer::Workflow').find((r) => estate.physicalName(r) === workflowId);
    if (!workflow) throw new Error(`access intent: the server of ${w.userName} runs no workflow on upload`);
    const run = new WorkflowRun(estate, server, workflow, { bucket: place.bucket, key: place.key, userName: w.userName });
    out.push(...accessFindings(run.role, {
      allowed: [...run.steps, ...run.exceptionSteps],
      denied: w.denied.map((l) => operation(estate, stack, l)),
    }));
  }
  for (const r of intent.roles ?? []) {
    const stack = stackOf(app, r.stack);
    const session = roleSession(estate, stack, r.role);
    out.push(...accessFindings(session, {
      allowed: r.allowed.map((l) => operation(estate, stack, l)),
      denied: r.denied.map((l) => operation(estate, stack, l)),
    }));
  }
  return out;
}
