import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { openStore } from '../../main/store/index.js';
import { databaseFile } from '../../main/store/open.js';
import { latestVersion } from '../../main/store/migrations.js';
import { Leases } from '../../main/store/lease.js';
import { tempDir } from '../support/temp-store.js';

const catchErr = (f: () => unknown): FerryError => {
  try {
    f();
  } catch (e) {
    return e as FerryError;
  }
  throw new Error('expected an error');
};

describe('store', () => {
  it('creates the schema in WAL mode', () => {
    const dir = tempDir();
    const s = openStore(dir);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    const tables = (s.db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['connections', 'pipelines', 'links', 'cursors', 'intents', 'runs', 'run_items', 'settings', 'leases']));
    s.close();
  });

  it('a corrupt database gives a clear storage error and is never overwritten', () => {
    const dir = tempDir();
    const file = databaseFile(dir);
    const junk = Buffer.from('this is not a database, but an admin\'s file that must survive '.repeat(200));
    fs.writeFileSync(file, junk);
    const e = catchErr(() => openStore(dir));
    expect(e).toBeInstanceOf(FerryError);
    expect(e.category).toBe('storage');
    expect(e.hint).toMatch(/backup/);
    expect(fs.readFileSync(file).equals(junk)).toBe(true);
  });

  it('a database from a newer Ferry is refused and left as it is', () => {
    const dir = tempDir();
    const file = databaseFile(dir);
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion + 5}`);
    db.exec('CREATE TABLE future (x)');
    db.close();
    const before = fs.readFileSync(file);
    const e = catchErr(() => openStore(dir));
    expect(e.category).toBe('storage');
    expect(e.message).toMatch(/newer Ferry/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('takes a copy of the database before migrating an existing one', () => {
    const dir = tempDir();
    const file = databaseFile(dir);
    const db = new Database(file);
    db.exec('CREATE TABLE marker (x); INSERT INTO marker VALUES (42)');
    db.pragma('user_version = 0');
    db.close();
    // An existing file at version 0 with content: migrated forward, with a backup next to it.
    const s = openStore(dir);
    s.close();
    const backups = fs.readdirSync(dir).filter((f) => f.includes('.before-v'));
    expect(backups).toHaveLength(1);
    const copy = new Database(path.join(dir, backups[0]!), { readonly: true });
    expect((copy.prepare('SELECT x FROM marker').get() as { x: number }).x).toBe(42);
    expect(copy.pragma('user_version', { simple: true })).toBe(0);
    copy.close();
    const again = new Database(file);
    expect((again.prepare('SELECT x FROM marker').get() as { x: number }).x).toBe(42);
    again.close();
    // Opening again at the latest version takes no further copy.
    openStore(dir).close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('.before-v'))).toHaveLength(1);
  });

  it('prunes run items older than the retention, keeps newer ones', () => {
    const dir = tempDir();
    const s = openStore(dir);
    const now = new Date().toISOString();
    s.connections.insert({ id: 'a', kind: 'k', name: 'a', url: 'u', username: null, options: {}, enabled: true, createdAt: now, modifiedAt: now });
    s.connections.insert({ id: 'b', kind: 'k', name: 'b', url: 'u', username: null, options: {}, enabled: true, createdAt: now, modifiedAt: now });
    s.pipelines.insert({ id: 'p', name: 'p', leftId: 'a', rightId: 'b', config: { entities: {}, schedule: { everyMinutes: 60, fullAt: null, timeZone: 'UTC', entityEvery: {} }, deleteGuard: { percent: 10, max: 50 } }, paused: false, createdAt: now, modifiedAt: now, activatedAt: now });
    s.runs.start({ id: 'r', pipelineId: 'p', trigger: 'cli', mode: 'full', scope: {}, startedAt: now });
    const ins = s.db.prepare("INSERT INTO run_items (run_id, entity, action, created_at) VALUES ('r', 'customer', 'created', ?)");
    ins.run('2020-01-01T00:00:00.000Z');
    ins.run(now);
    expect(s.runs.pruneItems(new Date(Date.now() - 90 * 86_400_000).toISOString())).toBe(1);
    expect(s.runs.items('r')).toHaveLength(1);
    s.close();
  });
});

describe('leases', () => {
  it('one holder at a time; a dead holder is taken over, a stale heartbeat too', () => {
    const dir = tempDir();
    const s = openStore(dir);
    let t = 1_000_000;
    const alive = new Set<number>([process.pid]);
    const a = new Leases(s.db, { now: () => t, isAlive: (p) => alive.has(p), staleMs: 30_000 });
    expect(a.tryAcquire('engine', 'A', 'host')).toBe(true);
    expect(a.tryAcquire('engine', 'B', 'host')).toBe(false);
    expect(a.live('engine')?.holder).toBe('A');
    // The holder's process dies (same machine): taken over at once.
    alive.delete(process.pid);
    expect(a.tryAcquire('engine', 'B', 'host')).toBe(true);
    alive.add(process.pid);
    // A holder whose heartbeat stops is taken over after staleMs.
    t += 29_000;
    expect(a.tryAcquire('engine', 'C', 'host')).toBe(false);
    t += 2_000;
    expect(a.tryAcquire('engine', 'C', 'host')).toBe(true);
    expect(a.heartbeat('engine', 'B')).toBe(false);
    s.close();
  });
});
