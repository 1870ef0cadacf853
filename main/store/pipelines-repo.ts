import { PipelineConfig } from '../../shared/model.js';
import type { Db } from './open.js';

export interface PipelineRow {
  id: string;
  name: string;
  leftId: string;
  rightId: string;
  config: PipelineConfig;
  paused: boolean;
  createdAt: string;
  modifiedAt: string;
  activatedAt: string;
  /** A per-user pipeline: the pipeline acting for all users it belongs to, and the user's e-mail (lower case). */
  parentId?: string | null;
  actFor?: string | null;
}

interface Raw {
  id: string;
  name: string;
  left_id: string;
  right_id: string;
  config: string;
  paused: number;
  created_at: string;
  modified_at: string;
  activated_at: string;
  parent_id: string | null;
  act_for: string | null;
}

const fromRaw = (r: Raw): PipelineRow => ({
  id: r.id,
  name: r.name,
  leftId: r.left_id,
  rightId: r.right_id,
  config: PipelineConfig.parse(JSON.parse(r.config)),
  paused: r.paused === 1,
  createdAt: r.created_at,
  modifiedAt: r.modified_at,
  activatedAt: r.activated_at,
  parentId: r.parent_id,
  actFor: r.act_for,
});

export class PipelinesRepo {
  constructor(private readonly db: Db) {}

  list(): PipelineRow[] {
    return (this.db.prepare('SELECT * FROM pipelines WHERE parent_id IS NULL ORDER BY name').all() as Raw[]).map(fromRaw);
  }
  /** A pipeline an admin names (per-user pipelines are reached through their parent only). */
  byName(name: string): PipelineRow | null {
    const r = this.db.prepare('SELECT * FROM pipelines WHERE (name = ? OR id = ?) AND parent_id IS NULL').get(name, name) as Raw | undefined;
    return r ? fromRaw(r) : null;
  }
  byId(id: string): PipelineRow | null {
    const r = this.db.prepare('SELECT * FROM pipelines WHERE id = ?').get(id) as Raw | undefined;
    return r ? fromRaw(r) : null;
  }
  /** The per-user pipelines of a pipeline that acts for each user, by e-mail. */
  children(parentId: string): PipelineRow[] {
    return (this.db.prepare('SELECT * FROM pipelines WHERE parent_id = ? ORDER BY act_for').all(parentId) as Raw[]).map(fromRaw);
  }
  usingConnection(connectionId: string): PipelineRow[] {
    return (this.db.prepare('SELECT * FROM pipelines WHERE (left_id = ? OR right_id = ?) AND parent_id IS NULL').all(connectionId, connectionId) as Raw[]).map(fromRaw);
  }
  insert(p: PipelineRow): void {
    this.db
      .prepare(
        `INSERT INTO pipelines (id, name, left_id, right_id, config, paused, created_at, modified_at, activated_at, parent_id, act_for)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.id, p.name, p.leftId, p.rightId, JSON.stringify(p.config), p.paused ? 1 : 0, p.createdAt, p.modifiedAt, p.activatedAt, p.parentId ?? null, p.actFor ?? null);
  }
  /** Replaces name and configuration; links, cursors, runs and the activation time stay. */
  update(id: string, patch: { name: string; config: PipelineConfig }, now: string): void {
    this.db.prepare('UPDATE pipelines SET name = ?, config = ?, modified_at = ? WHERE id = ?').run(patch.name, JSON.stringify(patch.config), now, id);
  }
  setPaused(id: string, paused: boolean, now: string): void {
    this.db.prepare('UPDATE pipelines SET paused = ?, modified_at = ? WHERE id = ?').run(paused ? 1 : 0, now, id);
  }
  delete(id: string): void {
    this.db.prepare('DELETE FROM pipelines WHERE id = ?').run(id);
  }
}
