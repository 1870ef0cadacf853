import os from 'node:os';
import type { Db } from './open.js';

export interface LeaseInfo {
  name: string;
  holder: string;
  pid: number;
  hostname: string;
  role: string;
  endpoint: string | null;
  acquiredAt: number;
  heartbeatAt: number;
}

export const isPidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export interface LeaseOptions {
  /** A holder whose heartbeat is older than this is dead, wherever it runs. */
  staleMs?: number;
  now?: () => number;
  isAlive?: (pid: number) => boolean;
}

/**
 * A named lease in SQLite: the engine host ("engine") and per-pipeline run locks ("run:<id>").
 * A holder that is dead (its pid is gone on this machine, or its heartbeat is stale) is taken over, never waited on forever.
 */
export class Leases {
  private readonly staleMs: number;
  private readonly now: () => number;
  private readonly isAlive: (pid: number) => boolean;
  constructor(
    private readonly db: Db,
    o: LeaseOptions = {},
  ) {
    this.staleMs = o.staleMs ?? 30_000;
    this.now = o.now ?? Date.now;
    this.isAlive = o.isAlive ?? isPidAlive;
  }

  get(name: string): LeaseInfo | null {
    const r = this.db.prepare('SELECT * FROM leases WHERE name = ?').get(name) as
      | { name: string; holder: string; pid: number; hostname: string; role: string; endpoint: string | null; acquired_at: number; heartbeat_at: number }
      | undefined;
    if (!r) return null;
    return { name: r.name, holder: r.holder, pid: r.pid, hostname: r.hostname, role: r.role, endpoint: r.endpoint, acquiredAt: r.acquired_at, heartbeatAt: r.heartbeat_at };
  }

  /** The live holder, or null when the lease is free or its holder is dead. */
  live(name: string): LeaseInfo | null {
    const l = this.get(name);
    if (!l) return null;
    if (this.now() - l.heartbeatAt > this.staleMs) return null;
    if (l.hostname === os.hostname() && !this.isAlive(l.pid)) return null;
    return l;
  }

  tryAcquire(name: string, holder: string, role: string, endpoint: string | null = null): boolean {
    return this.db
      .transaction(() => {
        const cur = this.get(name);
        if (cur && cur.holder !== holder && this.live(name)) return false;
        const t = this.now();
        this.db
          .prepare(
            `INSERT INTO leases (name, holder, pid, hostname, role, endpoint, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(name) DO UPDATE SET holder=excluded.holder, pid=excluded.pid, hostname=excluded.hostname, role=excluded.role,
               endpoint=excluded.endpoint, acquired_at=excluded.acquired_at, heartbeat_at=excluded.heartbeat_at`,
          )
          .run(name, holder, process.pid, os.hostname(), role, endpoint, t, t);
        return true;
      })
      .immediate();
  }

  heartbeat(name: string, holder: string): boolean {
    return this.db.prepare('UPDATE leases SET heartbeat_at = ? WHERE name = ? AND holder = ?').run(this.now(), name, holder).changes === 1;
  }

  setEndpoint(name: string, holder: string, endpoint: string): void {
    this.db.prepare('UPDATE leases SET endpoint = ? WHERE name = ? AND holder = ?').run(endpoint, name, holder);
  }

  release(name: string, holder: string): void {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }
}
