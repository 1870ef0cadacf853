import type { EntityName } from '../../shared/entities.js';
import type { ErrorBody } from '../../shared/errors.js';
import type { RunItem, RunMode, RunStatus, RunSummary, RunTrigger } from '../../shared/model.js';
import type { Counts } from '../../shared/progress.js';
import type { Db } from './open.js';

interface Raw {
  id: string;
  pipeline_id: string;
  pipeline_name: string;
  trigger: string;
  mode: string;
  scope: string | null;
  started_at: string;
  finished_at: string | null;
  status: string;
  counts: string;
  error_category: string | null;
  error_message: string | null;
  error_hint: string | null;
}

interface ItemRaw {
  id: number;
  entity: string;
  action: string;
  target_side: 'left' | 'right' | null;
  left_id: string | null;
  right_id: string | null;
  reason: string | null;
  category: string | null;
  before: string | null;
  after: string | null;
}

const toSummary = (r: Raw): RunSummary => {
  const scope = r.scope ? (JSON.parse(r.scope) as { dryRun?: boolean }) : {};
  return {
    run: r.id,
    pipeline: r.pipeline_name,
    pipelineId: r.pipeline_id,
    mode: r.mode as RunMode,
    dryRun: scope.dryRun === true,
    trigger: r.trigger as RunTrigger,
    status: r.status as RunStatus,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.finished_at ? Date.parse(r.finished_at) - Date.parse(r.started_at) : null,
    entities: JSON.parse(r.counts) as Partial<Record<EntityName, Counts>>,
    error: r.error_category
      ? ({ category: r.error_category, message: r.error_message ?? '', hint: r.error_hint ?? '' } as ErrorBody)
      : null,
  };
};

const SELECT = 'SELECT runs.*, pipelines.name AS pipeline_name FROM runs JOIN pipelines ON pipelines.id = runs.pipeline_id';

export class RunsRepo {
  constructor(private readonly db: Db) {}

  start(r: { id: string; pipelineId: string; trigger: RunTrigger; mode: RunMode; scope: Record<string, unknown>; startedAt: string }): void {
    this.db
      .prepare('INSERT INTO runs (id, pipeline_id, trigger, mode, scope, started_at, status, pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, r.pipelineId, r.trigger, r.mode, JSON.stringify(r.scope), r.startedAt, 'running', process.pid);
  }
  finish(id: string, f: { status: RunStatus; finishedAt: string; counts: Partial<Record<EntityName, Counts>>; error: ErrorBody | null }): void {
    this.db
      .prepare('UPDATE runs SET status=?, finished_at=?, counts=?, error_category=?, error_message=?, error_hint=? WHERE id=?')
      .run(f.status, f.finishedAt, JSON.stringify(f.counts), f.error?.category ?? null, f.error?.message ?? null, f.error?.hint ?? null, id);
  }
  /** Runs left "running" by a process that died are closed as stopped (their intents are resolved by the next run). */
  closeAbandoned(isAlive: (pid: number) => boolean, now: string): number {
    const rows = this.db.prepare("SELECT id, pid FROM runs WHERE status = 'running'").all() as { id: string; pid: number | null }[];
    let n = 0;
    for (const r of rows) {
      if (r.pid !== null && isAlive(r.pid)) continue;
      this.db
        .prepare("UPDATE runs SET status='stopped', finished_at=?, error_category='internal', error_message=?, error_hint=? WHERE id=?")
        .run(now, 'The run was interrupted (the process ended before it finished).', 'Nothing is lost: the next run resumes and resolves unfinished writes.', r.id);
      n++;
    }
    return n;
  }
  get(id: string): RunSummary | null {
    const r = this.db.prepare(`${SELECT} WHERE runs.id = ?`).get(id) as Raw | undefined;
    return r ? toSummary(r) : null;
  }
  list(opts: { pipelineId?: string; limit?: number } = {}): RunSummary[] {
    const limit = opts.limit ?? 50;
    const rows = opts.pipelineId
      ? (this.db.prepare(`${SELECT} WHERE runs.pipeline_id = ? ORDER BY started_at DESC, runs.rowid DESC LIMIT ?`).all(opts.pipelineId, limit) as Raw[])
      : (this.db.prepare(`${SELECT} ORDER BY started_at DESC, runs.rowid DESC LIMIT ?`).all(limit) as Raw[]);
    return rows.map(toSummary);
  }
  last(pipelineId: string, opts: { realOnly?: boolean } = {}): RunSummary | null {
    const rows = this.list({ pipelineId, limit: 20 });
    return rows.find((r) => !opts.realOnly || (!r.dryRun && r.status !== 'running')) ?? null;
  }
  items(runId: string, limit = 1000, offset = 0): RunItem[] {
    return (this.db.prepare('SELECT * FROM run_items WHERE run_id = ? ORDER BY id LIMIT ? OFFSET ?').all(runId, limit, offset) as ItemRaw[]).map((i) => ({
      id: i.id,
      entity: i.entity as EntityName,
      action: i.action as RunItem['action'],
      targetSide: i.target_side,
      leftId: i.left_id,
      rightId: i.right_id,
      reason: i.reason,
      category: i.category,
      before: i.before ? (JSON.parse(i.before) as unknown) : null,
      after: i.after ? (JSON.parse(i.after) as unknown) : null,
    }));
  }
  /** Deletes run items older than the retention; runs themselves stay (they are small). */
  pruneItems(olderThanIso: string): number {
    return this.db.prepare('DELETE FROM run_items WHERE created_at < ?').run(olderThanIso).changes;
  }
}
