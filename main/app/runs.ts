import crypto from 'node:crypto';
import { z } from 'zod';
import { EntityName, parentOf, type EntityName as EntityNameT } from '../../shared/entities.js';
import { FerryError, toErrorBody } from '../../shared/errors.js';
import { RunMode, RunTrigger, type RunItem, type RunResult, type RunSummary } from '../../shared/model.js';
import type { ProgressEvent } from '../../shared/progress.js';
import type { Connector } from '../connectors/types.js';
import { runPipeline } from '../engine/run.js';
import { SqliteSyncState } from '../store/sync-state.js';
import { isPidAlive } from '../store/lease.js';
import { iso, newId, type AppContext } from './context.js';
import { runForEachUser } from './per-user.js';
import { openConnector } from './open-connector.js';
import { mustGetPipeline } from './pipelines.js';

export const StartRunInput = z.object({
  pipeline: z.string().min(1),
  mode: RunMode.default('delta'),
  dryRun: z.boolean().default(false),
  customer: z.string().min(1).optional(),
  entities: z.array(EntityName).nullable().default(null),
  trigger: RunTrigger.default('manual'),
  confirmDeletes: z.boolean().default(false),
  /** Wait for the pipeline's turn when another process runs it (ms); 0 = fail at once with "busy". */
  waitMs: z.number().int().min(0).default(0),
});
export type StartRunInput = z.input<typeof StartRunInput>;

const lockName = (pipelineId: string) => `run:${pipelineId}`;

async function acquireTurn(ctx: AppContext, pipelineId: string, holder: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (ctx.store.leases.tryAcquire(lockName(pipelineId), holder, 'run')) return;
    if (Date.now() >= deadline) {
      const l = ctx.store.leases.live(lockName(pipelineId));
      throw new FerryError('busy', `The pipeline is being run by another process (pid ${l?.pid ?? '?'} on ${l?.hostname ?? '?'}).`, 'Wait for that run to finish (see `ferry status`), then try again.');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs one pipeline now, in this process: one run per pipeline at a time across processes (SQLite lease). */
export async function executeRun(ctx: AppContext, raw: StartRunInput, emit: (e: ProgressEvent) => void = () => undefined, connectorsOverride?: { left: Connector; right: Connector }): Promise<RunResult> {
  const input = StartRunInput.parse(raw);
  const p = mustGetPipeline(ctx, input.pipeline);
  const left = ctx.store.connections.byId(p.leftId)!;
  const right = ctx.store.connections.byId(p.rightId)!;
  for (const c of [left, right]) {
    if (!c.enabled) throw new FerryError('state', `Connection "${c.name}" is disabled.`, `Enable it (\`ferry connections enable ${c.name}\`) or change the pipeline.`);
  }
  let customer: { leftId: string; rightId: string } | null = null;
  let entities: EntityNameT[] | null = input.entities;
  if (input.customer && p.config.actForUsers) {
    throw new FerryError('input', `Pipeline "${p.name}" acts for each user: it cannot run for one customer.`, 'Run it without --customer.');
  }
  if (input.customer) {
    const link = ctx.store.db
      .prepare("SELECT left_id, right_id FROM links WHERE pipeline_id = ? AND entity = 'customer' AND (left_id = ? OR right_id = ?)")
      .get(p.id, input.customer, input.customer) as { left_id: string; right_id: string } | undefined;
    if (!link) {
      throw new FerryError('not-found', `Customer "${input.customer}" is not synchronized by pipeline "${p.name}" yet.`, 'Give the customer id of either system (e.g. the c-entron I3D) of a customer that has been synced; run the pipeline first.');
    }
    customer = { leftId: link.left_id, rightId: link.right_id };
    entities = (Object.keys(p.config.entities) as EntityNameT[]).filter((e) => parentOf[e] === 'customer');
  }
  const holder = `${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const runId = newId('run');
  await acquireTurn(ctx, p.id, holder, input.waitMs);
  const beat = setInterval(() => ctx.store.leases.heartbeat(lockName(p.id), holder), 5_000);
  beat.unref();
  const opened: Connector[] = [];
  const started = ctx.now();
  try {
    ctx.store.runs.closeAbandoned(isPidAlive, iso(started));
    ctx.store.runs.start({ id: runId, pipelineId: p.id, trigger: input.customer ? 'customer' : input.trigger, mode: input.mode, scope: { dryRun: input.dryRun, customer: input.customer ?? null, entities }, startedAt: iso(started) });
    ctx.log.info({ run: runId, pipeline: p.id, mode: input.mode, dryRun: input.dryRun }, 'run started');
    let outcome;
    try {
      const conns = connectorsOverride ?? { left: await openConnector(ctx, left), right: await openConnector(ctx, right) };
      if (!connectorsOverride) opened.push(conns.left, conns.right);
      if (!input.dryRun) {
        ctx.store.connections.markUsed(left.id, iso(started));
        ctx.store.connections.markUsed(right.id, iso(started));
      }
      outcome = p.config.actForUsers
        ? await runForEachUser(ctx, { parent: p, left: conns.left, right: conns.right, mode: input.mode, dryRun: input.dryRun, trigger: input.trigger, entities, confirmDeletes: input.confirmDeletes, emit, parentRunId: runId })
        : await runPipeline({
            runId,
            pipelineId: p.id,
            config: p.config,
            left: conns.left,
            right: conns.right,
            state: new SqliteSyncState(ctx.store.db, p.id, () => iso(ctx.now())),
            mode: input.mode,
            dryRun: input.dryRun,
            entities,
            customer,
            confirmDeletes: input.confirmDeletes,
            now: () => iso(ctx.now()),
            emit,
          });
    } catch (e) {
      outcome = { status: 'failed' as const, entities: {}, error: toErrorBody(e), plan: null };
    }
    const finished = ctx.now();
    ctx.store.runs.finish(runId, { status: outcome.status, finishedAt: iso(finished), counts: outcome.entities, error: outcome.error });
    const retention = ctx.store.settings.get('retentionDays');
    ctx.store.runs.pruneItems(iso(new Date(finished.getTime() - retention * 86_400_000)));
    ctx.log.info({ run: runId, status: outcome.status, error: outcome.error?.category ?? null }, 'run finished');
    // The whole run is done (entity null): windows refresh their status, the tray its menu.
    emit({ runId, pipelineId: p.id, phase: 'done', entity: null, side: null, processed: 0, total: null, counts: null, message: outcome.status });
    const summary = ctx.store.runs.get(runId)!;
    return { ...summary, ...(outcome.plan ? { plan: outcome.plan } : {}) };
  } finally {
    clearInterval(beat);
    for (const c of opened) await c.close().catch(() => undefined);
    ctx.store.leases.release(lockName(p.id), holder);
  }
}

export const runs = {
  list(ctx: AppContext, pipeline?: string, limit = 50): RunSummary[] {
    const pipelineId = pipeline ? mustGetPipeline(ctx, pipeline).id : undefined;
    return ctx.store.runs.list({ ...(pipelineId ? { pipelineId } : {}), limit });
  },
  show(ctx: AppContext, id: string): RunSummary & { items: RunItem[] } {
    const r = ctx.store.runs.get(id);
    if (!r) throw new FerryError('not-found', `There is no run "${id}".`, 'List runs with `ferry runs list`.');
    // Every item: the run detail view virtualises them (100 000 rows stay smooth).
    return { ...r, items: ctx.store.runs.items(id, Number.MAX_SAFE_INTEGER) };
  },
};
