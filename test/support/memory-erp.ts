import type { Customer, Device, EntityName } from '../../shared/entities.js';
import { FerryError } from '../../shared/errors.js';
import type { Connector, EntityPort, RecordPage, RemoteRecord } from '../../main/connectors/types.js';

/** An in-memory ERP for engine tests: customers (read) and devices (read/write, natural key = code, no stamp). */
export class MemoryErp {
  customers = new Map<string, Customer>();
  devices = new Map<string, Device>();
  pageSize = 3;
  /** Throw when this page (1-based) of this entity is read. */
  failPage: { entity: EntityName; page: number } | null = null;
  /** Records returned as invalid (schema failure) with their id. */
  invalid = new Set<string>();
  /** The next device create is applied, then the answer is lost. */
  loseNextCreateAnswer = false;
  writes = 0;
  private next = 1000;

  customer(id: string, name: string, number: string | null = id, active = true): void {
    this.customers.set(id, { number, name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active });
  }

  private async *pages<E extends EntityName>(entity: E, all: RemoteRecord<E>[]): AsyncGenerator<RecordPage<E>> {
    {
      const pageCount = Math.max(1, Math.ceil(all.length / this.pageSize));
      for (let p = 1; p <= pageCount; p++) {
        if (this.failPage && this.failPage.entity === entity && this.failPage.page === p) {
          throw new FerryError('unreachable', `page ${p} failed`, 'retry later');
        }
        const slice = all.slice((p - 1) * this.pageSize, p * this.pageSize);
        yield {
          records: slice.filter((r) => !this.invalid.has(r.id)),
          invalid: slice.filter((r) => this.invalid.has(r.id)).map((r) => ({ id: r.id, reason: 'schema failure (test)' })),
          page: p,
          pageCount,
          total: all.length,
        };
      }
    }
  }

  connector(): Connector {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the ports below are plain objects, not methods
    const self = this;
    const customers: EntityPort<'customer'> = {
      entity: 'customer',
      capabilities: { read: true, write: false, delete: false, delta: false, stamp: false, naturalKey: null },
      fields: ['number', 'name', 'phone', 'fax', 'email', 'website', 'street', 'zip', 'city', 'country', 'active'],
      read: () => self.pages('customer', [...self.customers].filter(([, c]) => c.active).map(([id, data]) => ({ id, data: { ...data } }))),
    };
    const devices: EntityPort<'device'> = {
      entity: 'device',
      capabilities: { read: true, write: true, delete: false, delta: false, stamp: false, naturalKey: 'code' },
      fields: ['customerId', 'code', 'name', 'serialNumber', 'manufacturer', 'model', 'operatingSystem', 'macAddress'],
      read: (o) => self.pages('device', [...self.devices].filter(([, d]) => !o.customerIds || o.customerIds.includes(d.customerId ?? '')).map(([id, data]) => ({ id, data: { ...data } }))),
      async create(d) {
        const id = String(self.next++);
        self.devices.set(id, { ...d });
        self.writes++;
        if (self.loseNextCreateAnswer) {
          self.loseNextCreateAnswer = false;
          throw new FerryError('unreachable', 'answer lost', 'retry', { outcomeUnknown: true });
        }
        return { id };
      },
      async update(id, d) {
        self.devices.set(id, { ...d });
        self.writes++;
        return { id };
      },
      async lookup({ natural }) {
        for (const [id, d] of self.devices) if (natural !== null && d.code === natural) return { id, data: { ...d } };
        return null;
      },
    };
    return {
      kind: 'memory-erp',
      test: async () => ({ category: 'ok', message: 'ok', hint: '' }),
      preflight: async () => [],
      entity: <E extends EntityName>(n: E) => ({ customer: customers, device: devices })[n as 'customer' | 'device'] as unknown as EntityPort<E> | undefined,
      close: async () => undefined,
    };
  }
}
