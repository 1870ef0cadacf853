import type { EntityName } from '../../shared/entities.js';
import type { Db } from './open.js';

export type Resolution = 'left' | 'right' | 'merge';

export interface ConflictRow {
  id: number;
  pipelineId: string;
  pipeline: string;
  entity: EntityName;
  leftId: string;
  rightId: string;
  left: Record<string, unknown> | null;
  right: Record<string, unknown> | null;
  base: Record<string, unknown> | null;
  reason: string;
  detectedAt: string;
  updatedAt: string;
  resolution: Resolution | null;
  merged: Record<string, unknown> | null;
  resolvedAt: string | null;
  closedAt: string | null;
}

interface Raw {
  id: number;
  pipeline_id: string;
  pipeline_name: string;
  entity: string;
  left_id: string;
  right_id: string;
  left_data: string | null;
  right_data: string | null;
  base_data: string | null;
  reason: string;
  detected_at: string;
  updated_at: string;
  resolution: Resolution | null;
  merged: string | null;
  resolved_at: string | null;
  closed_at: string | null;
}

const parse = (s: string | null) => (s ? (JSON.parse(s) as Record<string, unknown>) : null);
const fromRaw = (r: Raw): ConflictRow => ({
  id: r.id,
  pipelineId: r.pipeline_id,
  pipeline: r.pipeline_name,
  entity: r.entity as EntityName,
  leftId: r.left_id,
  rightId: r.right_id,
  left: parse(r.left_data),
  right: parse(r.right_data),
  base: parse(r.base_data),
  reason: r.reason,
  detectedAt: r.detected_at,
  updatedAt: r.updated_at,
  resolution: r.resolution,
  merged: parse(r.merged),
  resolvedAt: r.resolved_at,
  closedAt: r.closed_at,
});
const SELECT = 'SELECT conflicts.*, pipelines.name AS pipeline_name FROM conflicts JOIN pipelines ON pipelines.id = conflicts.pipeline_id';

/** The conflict inbox: pairs changed on both sides under the "manual" policy, kept until someone decides. */
export class ConflictsRepo {
  constructor(private readonly db: Db) {}

  /** Records (or refreshes) an open conflict with both current versions. */
  upsertOpen(c: { pipelineId: string; entity: EntityName; leftId: string; rightId: string; left: unknown; right: unknown; base: unknown; reason: string; at: string }): void {
    this.db
      .prepare(
        `INSERT INTO conflicts (pipeline_id, entity, left_id, right_id, left_data, right_data, base_data, reason, detected_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (pipeline_id, entity, left_id, right_id) DO UPDATE SET left_data = excluded.left_data, right_data = excluded.right_data, base_data = excluded.base_data,
           reason = excluded.reason, updated_at = excluded.updated_at,
           detected_at = CASE WHEN conflicts.closed_at IS NULL THEN conflicts.detected_at ELSE excluded.detected_at END,
           resolution = CASE WHEN conflicts.closed_at IS NULL THEN conflicts.resolution ELSE NULL END,
           merged = CASE WHEN conflicts.closed_at IS NULL THEN conflicts.merged ELSE NULL END,
           resolved_at = CASE WHEN conflicts.closed_at IS NULL THEN conflicts.resolved_at ELSE NULL END,
           closed_at = NULL`,
      )
      .run(c.pipelineId, c.entity, c.leftId, c.rightId, JSON.stringify(c.left ?? null), JSON.stringify(c.right ?? null), c.base === undefined || c.base === null ? null : JSON.stringify(c.base), c.reason, c.at, c.at);
  }
  list(opts: { pipelineId?: string; includeClosed?: boolean } = {}): ConflictRow[] {
    const where = [opts.pipelineId ? 'conflicts.pipeline_id = @p' : null, opts.includeClosed ? null : 'conflicts.closed_at IS NULL'].filter(Boolean);
    return (this.db.prepare(`${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY conflicts.id`).all(opts.pipelineId ? { p: opts.pipelineId } : {}) as Raw[]).map(fromRaw);
  }
  get(id: number): ConflictRow | null {
    const r = this.db.prepare(`${SELECT} WHERE conflicts.id = ?`).get(id) as Raw | undefined;
    return r ? fromRaw(r) : null;
  }
  /** Decisions waiting for the next run of a pipeline's entity, by left id. */
  pendingResolutions(pipelineId: string, entity: EntityName): Map<string, { id: number; rightId: string; resolution: Resolution; merged: Record<string, unknown> | null }> {
    const rows = this.db.prepare('SELECT id, left_id, right_id, resolution, merged FROM conflicts WHERE pipeline_id = ? AND entity = ? AND closed_at IS NULL AND resolution IS NOT NULL').all(pipelineId, entity) as { id: number; left_id: string; right_id: string; resolution: Resolution; merged: string | null }[];
    return new Map(rows.map((r) => [r.left_id, { id: r.id, rightId: r.right_id, resolution: r.resolution, merged: parse(r.merged) }]));
  }
  resolve(id: number, resolution: Resolution, merged: Record<string, unknown> | null, at: string): void {
    this.db.prepare('UPDATE conflicts SET resolution = ?, merged = ?, resolved_at = ? WHERE id = ?').run(resolution, merged ? JSON.stringify(merged) : null, at, id);
  }
  close(id: number, at: string): void {
    this.db.prepare('UPDATE conflicts SET closed_at = ? WHERE id = ?').run(at, id);
  }
  /** Open conflicts of an entity that the last complete plan no longer reports (made equal, deleted …) are closed. */
  closeAllExcept(pipelineId: string, entity: EntityName, stillOpen: ReadonlySet<string>, at: string): void {
    const open = this.db.prepare('SELECT id, left_id, right_id FROM conflicts WHERE pipeline_id = ? AND entity = ? AND closed_at IS NULL').all(pipelineId, entity) as { id: number; left_id: string; right_id: string }[];
    for (const o of open) if (!stillOpen.has(`${o.left_id}\u0000${o.right_id}`)) this.close(o.id, at);
  }
}
