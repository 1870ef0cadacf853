import type { StatusReport } from '../../shared/contract.js';
import { nextRuns } from '../scheduler/schedule.js';
import type { AppContext } from './context.js';
import { connections } from './connections.js';
import { viewPipeline } from './pipelines.js';

/** Per pipeline: last run, next scheduled runs, paused, connection health; and whether anything needs attention. */
export async function getStatus(ctx: AppContext): Promise<StatusReport> {
  const conns = await connections.list(ctx);
  const byId = new Map(conns.map((c) => [c.id, c]));
  const now = ctx.now();
  const pipelines = ctx.store.pipelines.list().map((row) => {
    const p = viewPipeline(ctx, row);
    const last = ctx.store.runs.last(row.id, { realOnly: true });
    const next = nextRuns({ ...row.config.schedule, activatedAt: row.activatedAt }, now).map((n) => ({ at: n.at.toISOString(), mode: n.mode, entities: n.entities }));
    const health = [byId.get(row.leftId)!, byId.get(row.rightId)!].map((c) => ({ name: c.name, kind: c.kind, health: c.health }));
    const problems: string[] = [];
    if (last && (last.status === 'failed' || last.status === 'partial')) problems.push(`last run ${last.status}${last.error ? `: ${last.error.message}` : ''}`);
    for (const h of health) if (h.health === 'error' || h.health === 'needs-credentials') problems.push(`connection ${h.name}: ${h.health}`);
    const users = row.config.actForUsers
      ? ctx.store.pipelines.children(row.id).map((c) => ({ email: c.actFor ?? '', lastRun: ctx.store.runs.last(c.id, { realOnly: true }) }))
      : undefined;
    for (const u of users ?? []) {
      if (u.lastRun && (u.lastRun.status === 'failed' || u.lastRun.status === 'partial')) problems.push(`user ${u.email}: last run ${u.lastRun.status}${u.lastRun.error ? `: ${u.lastRun.error.message}` : ''}`);
    }
    return { pipeline: p.name, id: p.id, paused: p.paused, lastRun: last, nextRuns: p.paused ? [] : next, connections: health, problems, ...(users ? { users } : {}) };
  });
  const conProblems = conns.filter((c) => c.health === 'error' || c.health === 'needs-credentials').map((c) => `connection ${c.name}: ${c.health}`);
  const needsAttention = pipelines.some((p) => p.problems.length > 0) || conProblems.length > 0;
  return { at: now.toISOString(), needsAttention, pipelines, connections: conns.map((c) => ({ name: c.name, kind: c.kind, health: c.health })) };
}
