// Acting for each user (seed 001): users matched by primary e-mail, each user's records synced in a per-user
// pipeline of its own (its own links, cursors, conflicts and runs), one user's failure never stopping the others.
import { FerryError, toErrorBody, type ErrorBody } from '../../shared/errors.js';
import type { EntityName } from '../../shared/entities.js';
import type { PlannedOp, RunStatus, RunTrigger } from '../../shared/model.js';
import type { Counts, ProgressEvent } from '../../shared/progress.js';
import type { Connector, ConnectorFactory, TargetUser } from '../connectors/types.js';
import { emailKey } from '../connectors/target-users.js';
import { runPipeline } from '../engine/run.js';
import type { PipelineRow } from '../store/pipelines-repo.js';
import { SqliteSyncState } from '../store/sync-state.js';
import type { UserMatchReport } from '../../shared/contract.js';
import { iso, newId, type AppContext } from './context.js';
import { openConnector } from './open-connector.js';


export interface UserPair {
  email: string;
  left: TargetUser;
  right: TargetUser;
}

export interface UserMatch {
  pairs: UserPair[];
  /** Users of one side without a counterpart (or without an e-mail, or inactive): listed, never synced. */
  unmatched: { side: 'left' | 'right'; user: TargetUser; reason: string }[];
}

/** A user of a system without a directory: known by the e-mail of the matched user. */
const byEmail = (u: TargetUser): TargetUser => ({ id: emailKey(u.email ?? ''), login: u.email ?? u.login, name: u.name, email: u.email, active: true });

/** Whether a pair of connection kinds can act for each user, and if not, why (for create and the wizard). */
export function actForUsersProblem(left: ConnectorFactory, right: ConnectorFactory): string | null {
  if (!left.users || !right.users) {
    const lacking = [left, right].filter((f) => !f.users).map((f) => f.label);
    return `${lacking.join(' and ')} cannot act for individual users.`;
  }
  if (left.users !== 'directory' && right.users !== 'directory') return 'Neither side lists its users (one of them must be a CRM).';
  return null;
}

/** Lists the users of the side(s) with a directory and matches them by primary e-mail. */
export async function matchUsers(left: Connector, right: Connector): Promise<UserMatch> {
  const l = left.users ? await left.users() : null;
  const r = right.users ? await right.users() : null;
  if (!l && !r) throw new FerryError('unsupported', 'Neither connection lists its users.', 'Acting for each user needs a CRM on one side.');
  const unmatched: UserMatch['unmatched'] = [];
  const usable = (side: 'left' | 'right', users: TargetUser[]) => {
    const out = new Map<string, TargetUser[]>();
    for (const u of users) {
      if (!u.email) unmatched.push({ side, user: u, reason: 'no primary e-mail address' });
      else if (!u.active) unmatched.push({ side, user: u, reason: 'inactive' });
      else out.set(emailKey(u.email), [...(out.get(emailKey(u.email)) ?? []), u]);
    }
    for (const [k, list] of out) {
      if (list.length > 1) {
        for (const u of list) unmatched.push({ side, user: u, reason: `${list.length} users share the e-mail address` });
        out.delete(k);
      }
    }
    return new Map([...out].map(([k, v]) => [k, v[0]!]));
  };
  const lu = l ? usable('left', l) : null;
  const ru = r ? usable('right', r) : null;
  const pairs: UserPair[] = [];
  if (lu && ru) {
    for (const [k, u] of lu) {
      const other = ru.get(k);
      if (other) pairs.push({ email: k, left: u, right: other });
      else unmatched.push({ side: 'left', user: u, reason: 'no user with this e-mail on the other side' });
    }
    for (const [k, u] of ru) if (!lu.has(k)) unmatched.push({ side: 'right', user: u, reason: 'no user with this e-mail on the other side' });
  } else if (lu) {
    for (const [k, u] of lu) pairs.push({ email: k, left: u, right: byEmail(u) });
  } else {
    for (const [k, u] of ru!) pairs.push({ email: k, left: byEmail(u), right: u });
  }
  pairs.sort((a, b) => a.email.localeCompare(b.email));
  return { pairs, unmatched };
}

/** The per-user pipeline of this user, made on first use; it follows the parent's configuration. */
export function userPipeline(ctx: AppContext, parent: PipelineRow, email: string): PipelineRow {
  const config = { ...parent.config, actForUsers: false };
  const existing = ctx.store.pipelines.children(parent.id).find((c) => c.actFor === email);
  const now = iso(ctx.now());
  if (existing) {
    if (JSON.stringify(existing.config) !== JSON.stringify(config)) ctx.store.pipelines.update(existing.id, { name: existing.name, config }, now);
    return ctx.store.pipelines.byId(existing.id)!;
  }
  const row: PipelineRow = { id: newId('pip'), name: `${parent.name} · ${email}`, leftId: parent.leftId, rightId: parent.rightId, config, paused: false, createdAt: now, modifiedAt: now, activatedAt: now, parentId: parent.id, actFor: email };
  ctx.store.pipelines.insert(row);
  return row;
}

export interface PerUserRequest {
  parent: PipelineRow;
  left: Connector;
  right: Connector;
  mode: 'delta' | 'full';
  dryRun: boolean;
  trigger: RunTrigger;
  entities: EntityName[] | null;
  confirmDeletes: boolean;
  emit: (e: ProgressEvent) => void;
  parentRunId: string;
}

export interface PerUserOutcome {
  status: RunStatus;
  entities: Partial<Record<EntityName, Counts>>;
  error: ErrorBody | null;
  plan: PlannedOp[] | null;
}

const add = (into: Partial<Record<EntityName, Counts>>, from: Partial<Record<EntityName, Counts>>) => {
  for (const [e, c] of Object.entries(from) as [EntityName, Counts][]) {
    const t = (into[e] ??= { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0 });
    for (const k of Object.keys(t) as (keyof Counts)[]) t[k] += c[k];
  }
};

/** Runs every matched user's pipeline; the parent run's counts are their sums. */
export async function runForEachUser(ctx: AppContext, req: PerUserRequest): Promise<PerUserOutcome> {
  const { pairs, unmatched } = await matchUsers(req.left, req.right);
  for (const u of unmatched) ctx.log.info({ side: u.side, user: u.user.login, reason: u.reason }, 'user not synced');
  if (pairs.length === 0) {
    throw new FerryError('config', 'No user could be matched: no active user with a unique primary e-mail address on both sides.', 'See `ferry pipelines users <name>` for who is missing and why.');
  }
  const totals: Partial<Record<EntityName, Counts>> = {};
  const plan: PlannedOp[] = [];
  const failures: { email: string; error: ErrorBody }[] = [];
  let ok = 0;
  for (const pair of pairs) {
    const child = userPipeline(ctx, req.parent, pair.email);
    const runId = newId('run');
    ctx.store.runs.start({ id: runId, pipelineId: child.id, trigger: req.trigger, mode: req.mode, scope: { dryRun: req.dryRun, customer: null, entities: req.entities, parentRun: req.parentRunId }, startedAt: iso(ctx.now()) });
    const opened: Connector[] = [];
    let outcome: PerUserOutcome;
    try {
      const forUser = (c: Connector, u: TargetUser) => {
        if (!c.forUser) throw new FerryError('unsupported', `The ${c.kind} connection cannot act for a user.`, 'Turn off "act for each user" for this pipeline.');
        const x = c.forUser(u);
        opened.push(x);
        return x;
      };
      outcome = await runPipeline({
        runId,
        pipelineId: child.id,
        config: child.config,
        left: forUser(req.left, pair.left),
        right: forUser(req.right, pair.right),
        state: new SqliteSyncState(ctx.store.db, child.id, () => iso(ctx.now())),
        mode: req.mode,
        dryRun: req.dryRun,
        entities: req.entities,
        customer: null,
        confirmDeletes: req.confirmDeletes,
        now: () => iso(ctx.now()),
        emit: (e) => req.emit({ ...e, runId: req.parentRunId, pipelineId: req.parent.id }),
      });
    } catch (e) {
      outcome = { status: 'failed', entities: {}, error: toErrorBody(e), plan: null };
    } finally {
      for (const c of opened) await c.close().catch(() => undefined);
    }
    ctx.store.runs.finish(runId, { status: outcome.status, finishedAt: iso(ctx.now()), counts: outcome.entities, error: outcome.error });
    add(totals, outcome.entities);
    if (outcome.plan) plan.push(...outcome.plan);
    if (outcome.error) failures.push({ email: pair.email, error: outcome.error });
    if (outcome.status === 'ok' || outcome.status === 'dry-run') ok++;
  }
  const first = failures[0];
  const error: ErrorBody | null = first
    ? { ...first.error, message: `${failures.length} of ${pairs.length} user(s) failed; ${first.email}: ${first.error.message}` }
    : null;
  const status: RunStatus = ok === pairs.length ? (req.dryRun ? 'dry-run' : 'ok') : ok === 0 && failures.length === pairs.length ? 'failed' : 'partial';
  return { status, entities: totals, error, plan: req.dryRun ? plan : null };
}

/** `ferry pipelines users <name>`: who the pipeline syncs (matched by e-mail) and who not, and why. */
export async function pipelineUsers(ctx: AppContext, name: string): Promise<UserMatchReport> {
  const p = ctx.store.pipelines.byName(name);
  if (!p) throw new FerryError('not-found', `There is no pipeline "${name}".`, 'List pipelines with `ferry pipelines list`.');
  if (!p.config.actForUsers) throw new FerryError('input', `Pipeline "${p.name}" does not act for each user.`, 'Only pipelines created with --act-for-users have users.');
  const left = await openConnector(ctx, ctx.store.connections.byId(p.leftId)!);
  try {
    const right = await openConnector(ctx, ctx.store.connections.byId(p.rightId)!);
    try {
      const m = await matchUsers(left, right);
      return {
        pipeline: p.name,
        matched: m.pairs.map((x) => ({ email: x.email, left: x.left.login, right: x.right.login })),
        unmatched: m.unmatched.map((u) => ({ side: u.side, user: u.user.login, email: u.user.email, reason: u.reason })),
      };
    } finally {
      await right.close().catch(() => undefined);
    }
  } finally {
    await left.close().catch(() => undefined);
  }
}

/** Both connections acting for the user with this e-mail (as the user's runs do); throws when the user is gone. */
export async function actingFor(left: Connector, right: Connector, email: string): Promise<{ left: Connector; right: Connector }> {
  const pair = (await matchUsers(left, right)).pairs.find((p) => p.email === email);
  if (!pair) throw new FerryError('not-found', `No active user with the e-mail ${email} is matched any more.`, 'See `ferry pipelines users <name>` for who is matched and why not.');
  if (!left.forUser || !right.forUser) throw new FerryError('unsupported', 'These connections cannot act for a user.', 'Undo is not possible for this run.');
  return { left: left.forUser(pair.left), right: right.forUser(pair.right) };
}
