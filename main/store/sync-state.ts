import type { EntityName } from '../../shared/entities.js';
import type { Intent, ItemInput, Link, LinkKey, OpenConflict, PendingResolution, StatePort } from '../engine/state-port.js';
import { ConflictsRepo } from './conflicts-repo.js';
import type { Db } from './open.js';

interface LinkRaw {
  entity: string;
  left_id: string;
  right_id: string;
  left_hash: string | null;
  right_hash: string | null;
  left_version: string | null;
  right_version: string | null;
  synced_at: string;
  base: string | null;
}
interface IntentRaw {
  id: number;
  run_id: string;
  entity: string;
  target_side: 'left' | 'right';
  op: 'create' | 'update' | 'delete';
  source_id: string | null;
  target_id: string | null;
  stamp: string;
  natural_key: string | null;
  source_hash: string | null;
  target_hash: string | null;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** The engine's state port over SQLite, for one pipeline. */
export class SqliteSyncState implements StatePort {
  private readonly s;
  constructor(
    private readonly db: Db,
    private readonly pipelineId: string,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.s = {
      links: db.prepare('SELECT * FROM links WHERE pipeline_id = ? AND entity = ?'),
      linkKeys: db.prepare('SELECT left_id, right_id, left_hash, right_hash FROM links WHERE pipeline_id = ? AND entity = ?'),
      base: db.prepare('SELECT base FROM links WHERE pipeline_id = ? AND entity = ? AND left_id = ?'),
      upsert: db.prepare(
        // REPLACE removes any row that conflicts on either side's id: a link is unique on each side.
        `INSERT OR REPLACE INTO links (pipeline_id, entity, left_id, right_id, left_hash, right_hash, left_version, right_version, synced_at, base)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      remove: db.prepare('DELETE FROM links WHERE pipeline_id = ? AND entity = ? AND left_id = ?'),
      intents: db.prepare('SELECT * FROM intents WHERE pipeline_id = ? ORDER BY id'),
      addIntent: db.prepare(
        `INSERT INTO intents (pipeline_id, run_id, entity, target_side, op, source_id, target_id, stamp, natural_key, source_hash, target_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      closeIntent: db.prepare('DELETE FROM intents WHERE id = ?'),
      addItem: db.prepare(
        `INSERT INTO run_items (run_id, entity, action, target_side, left_id, right_id, reason, category, before, after, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  links(entity: EntityName): Link[] {
    return (this.s.links.all(this.pipelineId, entity) as LinkRaw[]).map((r) => ({
      entity: r.entity as EntityName,
      leftId: r.left_id,
      rightId: r.right_id,
      leftHash: r.left_hash,
      rightHash: r.right_hash,
      leftVersion: r.left_version,
      rightVersion: r.right_version,
      syncedAt: r.synced_at,
      ...(r.base !== null ? { base: JSON.parse(r.base) as unknown } : {}),
    }));
  }
  *linkKeys(entity: EntityName): IterableIterator<LinkKey> {
    // Rows as arrays, straight from the cursor: a large entity is never held twice, and no base is parsed.
    for (const [leftId, rightId, leftHash, rightHash] of this.s.linkKeys.raw().iterate(this.pipelineId, entity) as IterableIterator<[string, string, string | null, string | null]>) {
      yield { leftId, rightId, leftHash, rightHash };
    }
  }
  basesOf(entity: EntityName, leftIds: readonly string[]): Map<string, unknown> {
    const bases = new Map<string, unknown>();
    for (const id of leftIds) {
      const row = this.s.base.get(this.pipelineId, entity, id) as { base: string | null } | undefined;
      if (row) bases.set(id, row.base === null ? null : (JSON.parse(row.base) as unknown));
    }
    return bases;
  }
  upsertLink(l: Link): void {
    this.s.upsert.run(this.pipelineId, l.entity, l.leftId, l.rightId, l.leftHash, l.rightHash, l.leftVersion, l.rightVersion, l.syncedAt, l.base === undefined || l.base === null ? null : JSON.stringify(l.base));
  }
  removeLink(entity: EntityName, leftId: string): void {
    this.s.remove.run(this.pipelineId, entity, leftId);
  }
  openIntents(): Intent[] {
    return (this.s.intents.all(this.pipelineId) as IntentRaw[]).map((r) => ({
      id: r.id,
      runId: r.run_id,
      entity: r.entity as EntityName,
      targetSide: r.target_side,
      op: r.op,
      sourceId: r.source_id,
      targetId: r.target_id,
      stamp: r.stamp,
      naturalKey: r.natural_key,
      sourceHash: r.source_hash,
      targetHash: r.target_hash,
    }));
  }
  addIntent(i: Omit<Intent, 'id'>): number {
    return Number(this.s.addIntent.run(this.pipelineId, i.runId, i.entity, i.targetSide, i.op, i.sourceId, i.targetId, i.stamp, i.naturalKey, i.sourceHash, i.targetHash, this.stamp()).lastInsertRowid);
  }
  closeIntent(id: number): void {
    this.s.closeIntent.run(id);
  }
  addItem(runId: string, i: ItemInput): void {
    this.s.addItem.run(runId, i.entity, i.action, i.targetSide, i.leftId, i.rightId, i.reason, i.category, json(i.before), json(i.after), this.stamp());
  }
  tx<T>(fn: () => T): T {
    // One time for everything a transaction writes (a chunk of up to 2 000 records): the clock is read once, not per row.
    if (this.txNow !== null) return this.db.transaction(fn)();
    this.txNow = this.now();
    try {
      return this.db.transaction(fn)();
    } finally {
      this.txNow = null;
    }
  }
  private txNow: string | null = null;
  private stamp(): string {
    return this.txNow ?? this.now();
  }
  cursor(entity: EntityName, side: 'left' | 'right'): string | null {
    const r = this.db.prepare('SELECT cursor FROM cursors WHERE pipeline_id = ? AND entity = ? AND side = ?').get(this.pipelineId, entity, side) as { cursor: string } | undefined;
    return r?.cursor ?? null;
  }
  setCursor(entity: EntityName, side: 'left' | 'right', cursor: string): void {
    this.db
      .prepare('INSERT INTO cursors (pipeline_id, entity, side, cursor, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (pipeline_id, entity, side) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at')
      .run(this.pipelineId, entity, side, cursor, this.now());
  }
  pendingResolutions(entity: EntityName): ReadonlyMap<string, PendingResolution> {
    return new ConflictsRepo(this.db).pendingResolutions(this.pipelineId, entity);
  }
  recordConflicts(entity: EntityName, open: OpenConflict[], complete: boolean): void {
    const repo = new ConflictsRepo(this.db);
    const at = this.now();
    this.db.transaction(() => {
      for (const c of open) repo.upsertOpen({ pipelineId: this.pipelineId, entity, ...c, at });
      if (complete) repo.closeAllExcept(this.pipelineId, entity, new Set(open.map((c) => `${c.leftId}\u0000${c.rightId}`)), at);
    })();
  }
  closeConflicts(ids: number[]): void {
    const repo = new ConflictsRepo(this.db);
    const at = this.now();
    this.db.transaction(() => {
      for (const id of ids) repo.close(id, at);
    })();
  }
}
