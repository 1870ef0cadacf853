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
});

export class PipelinesRepo {
  constructor(private readonly db: Db) {}

  list(): PipelineRow[] {
    return (this.db.prepare('SELECT * FROM pipelines ORDER BY name').all() as Raw[]).map(fromRaw);
  }
  byName(name: string): PipelineRow | null {
    const r = this.db.prepare('SELECT * FROM pipelines WHERE name = ? OR id = ?').get(name, name) as Raw | undefined;
    return r ? fromRaw(r) : null;
  }
  usingConnection(connectionId: string): PipelineRow[] {
    return (this.db.prepare('SELECT * FROM pipelines WHERE left_id = ? OR right_id = ?').all(connectionId, connectionId) as Raw[]).map(fromRaw);
  }
  insert(p: PipelineRow): void {
    this.db
      .prepare(
        `INSERT INTO pipelines (id, name, left_id, right_id, config, paused, created_at, modified_at, activated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.id, p.name, p.leftId, p.rightId, JSON.stringify(p.config), p.paused ? 1 : 0, p.createdAt, p.modifiedAt, p.activatedAt);
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
