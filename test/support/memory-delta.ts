import type { Customer, EntityName } from '../../shared/entities.js';
import type { Connector, EntityPort, RecordPage, RemoteRecord } from '../../main/connectors/types.js';

/**
 * An in-memory source that can tell what changed: customers with modification times, tombstones for deletes,
 * reads since a cursor with an overlap window, in pages ordered by modification time. `now` is the test's clock.
 */
export class DeltaSource {
  rows = new Map<string, { data: Customer; modifiedAt: number }>();
  tombstones = new Map<string, number>();
  now = Date.parse('2026-11-01T00:00:00Z');
  pageSize = 2;
  overlapMs = 1000;
  reads: { since: string | null; records: number }[] = [];
  /** Runs after each page is handed over (to edit during a read). */
  afterPage: ((page: number) => void) | null = null;

  put(id: string, name: string, at = this.now): void {
    this.rows.set(id, { data: { number: id, name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true }, modifiedAt: at });
    this.tombstones.delete(id);
  }
  remove(id: string, at = this.now): void {
    this.rows.delete(id);
    this.tombstones.set(id, at);
  }

  connector(): Connector {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the port is a plain object with a generator
    const self = this;
    const port: EntityPort<'customer'> = {
      entity: 'customer',
      capabilities: { read: true, write: false, delete: false, delta: true, stamp: false, naturalKey: null },
      fields: ['number', 'name', 'phone', 'fax', 'email', 'website', 'street', 'zip', 'city', 'country', 'active'],
      read: async function* (o): AsyncGenerator<RecordPage<'customer'>> {
        const start = self.now;
        const since = o.since ? Date.parse(o.since) - self.overlapMs : -Infinity;
        const all: RemoteRecord<'customer'>[] = [...self.rows]
          .filter(([, r]) => r.modifiedAt >= since)
          .sort((a, b) => a[1].modifiedAt - b[1].modifiedAt)
          .map(([id, r]) => ({ id, data: { ...r.data }, modifiedAt: new Date(r.modifiedAt).toISOString() }));
        const deleted = o.since ? [...self.tombstones].filter(([, at]) => at >= since).map(([id]) => id) : [];
        self.reads.push({ since: o.since ?? null, records: all.length });
        const pages = Math.max(1, Math.ceil(all.length / self.pageSize));
        for (let p = 1; p <= pages; p++) {
          const last = p === pages;
          yield { records: all.slice((p - 1) * self.pageSize, p * self.pageSize), invalid: [], page: p, pageCount: pages, total: all.length, ...(last ? { deleted, nextCursor: new Date(start).toISOString() } : {}) };
          self.afterPage?.(p);
        }
      },
    };
    return {
      kind: 'memory-delta',
      test: async () => ({ category: 'ok', message: 'ok', hint: '' }),
      preflight: async () => [],
      entity: <E extends EntityName>(n: E) => (n === 'customer' ? (port as unknown as EntityPort<E>) : undefined),
      close: async () => undefined,
    };
  }
}
