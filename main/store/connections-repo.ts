import type { TestCategory } from '../../shared/errors.js';
import type { Db } from './open.js';

export interface ConnectionRow {
  id: string;
  kind: string;
  name: string;
  url: string;
  username: string | null;
  options: Record<string, string>;
  enabled: boolean;
  createdAt: string;
  modifiedAt: string;
  lastTest: { at: string; category: TestCategory; message: string; hint: string } | null;
  /** The safe facts the last successful test learned (server version, modules …); never secrets. */
  lastTestDetails?: Record<string, unknown> | null;
  firstUsedAt: string | null;
}

interface Raw {
  id: string;
  kind: string;
  name: string;
  url: string;
  username: string | null;
  options: string;
  enabled: number;
  created_at: string;
  modified_at: string;
  last_test_at: string | null;
  last_test_category: string | null;
  last_test_message: string | null;
  last_test_hint: string | null;
  last_test_details: string | null;
  first_used_at: string | null;
}

const fromRaw = (r: Raw): ConnectionRow => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  url: r.url,
  username: r.username,
  options: JSON.parse(r.options) as Record<string, string>,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  modifiedAt: r.modified_at,
  lastTest: r.last_test_at
    ? { at: r.last_test_at, category: r.last_test_category as TestCategory, message: r.last_test_message ?? '', hint: r.last_test_hint ?? '' }
    : null,
  lastTestDetails: r.last_test_details ? (JSON.parse(r.last_test_details) as Record<string, unknown>) : null,
  firstUsedAt: r.first_used_at,
});

export class ConnectionsRepo {
  constructor(private readonly db: Db) {}

  list(): ConnectionRow[] {
    return (this.db.prepare('SELECT * FROM connections ORDER BY name').all() as Raw[]).map(fromRaw);
  }
  byName(name: string): ConnectionRow | null {
    const r = this.db.prepare('SELECT * FROM connections WHERE name = ? OR id = ?').get(name, name) as Raw | undefined;
    return r ? fromRaw(r) : null;
  }
  byId(id: string): ConnectionRow | null {
    const r = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as Raw | undefined;
    return r ? fromRaw(r) : null;
  }
  insert(c: Omit<ConnectionRow, 'lastTest' | 'firstUsedAt' | 'lastTestDetails'>): void {
    this.db
      .prepare(
        `INSERT INTO connections (id, kind, name, url, username, options, enabled, created_at, modified_at)
         VALUES (@id, @kind, @name, @url, @username, @options, @enabled, @createdAt, @modifiedAt)`,
      )
      .run({ ...c, options: JSON.stringify(c.options), enabled: c.enabled ? 1 : 0 });
  }
  update(id: string, patch: { name?: string; url?: string; username?: string | null; options?: Record<string, string>; enabled?: boolean }, now: string): void {
    const cur = this.byId(id);
    if (!cur) return;
    const next = { ...cur, ...patch };
    this.db
      .prepare('UPDATE connections SET name=?, url=?, username=?, options=?, enabled=?, modified_at=? WHERE id=?')
      .run(next.name, next.url, next.username, JSON.stringify(next.options), next.enabled ? 1 : 0, now, id);
  }
  recordTest(id: string, t: { at: string; category: TestCategory; message: string; hint: string; details?: Record<string, unknown> | null }): void {
    this.db
      .prepare('UPDATE connections SET last_test_at=?, last_test_category=?, last_test_message=?, last_test_hint=?, last_test_details=? WHERE id=?')
      .run(t.at, t.category, t.message, t.hint, t.details ? JSON.stringify(t.details) : null, id);
  }
  markUsed(id: string, at: string): void {
    this.db.prepare('UPDATE connections SET first_used_at = COALESCE(first_used_at, ?) WHERE id = ?').run(at, id);
  }
  delete(id: string): void {
    this.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
  }
}
