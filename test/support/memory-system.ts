import type { Contact, Customer, Device, EntityData, EntityName } from '../../shared/entities.js';
import type { Connector, EntityCapabilities, EntityPort, RecordPage, RemoteRecord } from '../../main/connectors/types.js';

interface Row<E extends EntityName> {
  data: EntityData[E];
  stamp: string | null;
  modifiedAt: string;
}

/**
 * A writable in-memory system for engine tests of two-way flows: customers and devices with stamps and
 * modification times, read in pages. `clock` decides the modification times.
 */
export class MemorySystem {
  customers = new Map<string, Row<'customer'>>();
  devices = new Map<string, Row<'device'>>();
  contacts = new Map<string, Row<'contact'>>();
  clock = Date.parse('2026-11-01T00:00:00Z');
  private next = 1;
  constructor(readonly prefix: string) {}

  private stampTime(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }
  addCustomer(name: string, number: string | null = null): string {
    const id = `${this.prefix}${this.next++}`;
    this.customers.set(id, { data: { number, name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true }, stamp: null, modifiedAt: this.stampTime() });
    return id;
  }
  editCustomer(id: string, patch: Partial<Customer>, at?: number): void {
    const r = this.customers.get(id)!;
    this.customers.set(id, { ...r, data: { ...r.data, ...patch }, modifiedAt: at !== undefined ? new Date(at).toISOString() : this.stampTime() });
  }
  addDevice(code: string, customerId: string): string {
    const id = `${this.prefix}${this.next++}`;
    this.devices.set(id, { data: { customerId, code, name: code, serialNumber: null, manufacturer: null, model: null, operatingSystem: null, macAddress: null }, stamp: null, modifiedAt: this.stampTime() });
    return id;
  }
  addContact(customerId: string | null, email: string): string {
    const id = `${this.prefix}${this.next++}`;
    this.contacts.set(id, { data: { customerId, firstName: 'Vor', lastName: 'Name', email, phone: null }, stamp: null, modifiedAt: this.stampTime() });
    return id;
  }
  editContact(id: string, patch: Partial<Contact>): void {
    const r = this.contacts.get(id)!;
    this.contacts.set(id, { ...r, data: { ...r.data, ...patch }, modifiedAt: this.stampTime() });
  }
  editDevice(id: string, patch: Partial<Device>): void {
    const r = this.devices.get(id)!;
    this.devices.set(id, { ...r, data: { ...r.data, ...patch }, modifiedAt: this.stampTime() });
  }
  byName(name: string): string[] {
    return [...this.customers].filter(([, r]) => r.data.name === name).map(([id]) => id);
  }

  /** Records per page on reads (small by default, so tests cross page boundaries). */
  pageSize = 3;
  /** Capabilities beyond the defaults, per entity (e.g. contacts that stand alone, as in an address book). */
  caps: Partial<Record<'customer' | 'device' | 'contact', Partial<EntityCapabilities>>> = {};
  /** Reads started and lookups made, per entity: what a run asked of this system. */
  readonly calls = { read: new Map<string, number>(), lookup: new Map<string, number>() };
  /** Ports with `lookupMany` and `prefetch` (as CardDAV's), and what was asked of them and written, in order. */
  batchReads = false;
  /** `prefetch` fails (a server that refuses the read): writes must go on. */
  failPrefetch = false;
  readonly log: string[] = [];

  connector(): Connector {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the ports are plain objects with generators
    const self = this;
    const port = <E extends 'customer' | 'device' | 'contact'>(entity: E, table: Map<string, Row<E>>, fields: readonly string[], naturalKey: string): EntityPort<E> => {
      const standalone = self.caps[entity]?.standalone === true;
      // Records that stand alone (an address book) keep no customer.
      const kept = (d: EntityData[E]): EntityData[E] => (standalone && 'customerId' in (d as object) ? { ...d, customerId: null } : { ...d });
      const rec = (id: string, r: Row<E>): RemoteRecord<E> => ({ id, data: { ...r.data }, stamp: r.stamp, modifiedAt: r.modifiedAt });
      const p: EntityPort<E> = {
        entity,
        capabilities: { read: true, write: true, delete: true, delta: false, stamp: true, naturalKey, modifiedAt: true, ...self.caps[entity] },
        fields: (standalone ? fields.filter((f) => f !== 'customerId') : fields) as EntityPort<E>['fields'],
        read: async function* (o): AsyncGenerator<RecordPage<E>> {
          self.calls.read.set(entity, (self.calls.read.get(entity) ?? 0) + 1);
          // What is there when the read starts (rows are replaced on edit, never changed), made into records a page at a time.
          const all = [...table].filter(([, r]) => !o.customerIds || o.customerIds.includes(String((r.data as { customerId?: unknown }).customerId)));
          const size = self.pageSize;
          for (let i = 0; i < Math.max(1, all.length); i += size) yield { records: all.slice(i, i + size).map(([id, r]) => rec(id, r)), invalid: [], page: i / size + 1, pageCount: null, total: all.length };
        },
        create: async (d, ctx) => {
          const id = `${this.prefix}${this.next++}`;
          table.set(id, { data: kept(d), stamp: ctx.stamp, modifiedAt: this.stampTime() });
          return { id };
        },
        update: async (id, d, ctx) => {
          table.set(id, { data: kept(d), stamp: ctx.stamp, modifiedAt: this.stampTime() });
          return { id };
        },
        delete: async (id) => {
          table.delete(id);
        },
        lookup: async ({ stamp }) => {
          self.calls.lookup.set(entity, (self.calls.lookup.get(entity) ?? 0) + 1);
          for (const [id, r] of table) if (r.stamp === stamp) return rec(id, r);
          return null;
        },
      };
      if (!self.batchReads) return p;
      return {
        ...p,
        create: async (d, ctx) => {
          self.log.push(`${entity} create`);
          return p.create!(d, ctx);
        },
        update: async (id, d, ctx) => {
          self.log.push(`${entity} update ${id}`);
          return p.update!(id, d, ctx);
        },
        delete: async (id) => {
          self.log.push(`${entity} delete ${id}`);
          return p.delete!(id);
        },
        lookupMany: async (stamps) => {
          self.log.push(`${entity} lookupMany ${stamps.length}`);
          return [...table].filter(([, r]) => r.stamp !== null && stamps.includes(r.stamp)).map(([id, r]) => rec(id, r));
        },
        prefetch: async (ids) => {
          self.log.push(`${entity} prefetch ${[...ids].sort().join(',')}`);
          if (self.failPrefetch) throw new Error('prefetch refused');
        },
      };
    };
    const customers = port('customer', this.customers, ['number', 'name', 'phone', 'fax', 'email', 'website', 'street', 'zip', 'city', 'country', 'active'], 'name');
    const devices = port('device', this.devices, ['customerId', 'code', 'name', 'serialNumber', 'manufacturer', 'model', 'operatingSystem', 'macAddress'], 'code');
    const contacts = port('contact', this.contacts, ['customerId', 'firstName', 'lastName', 'email', 'phone'], 'email');
    return {
      kind: `memory-${this.prefix}`,
      test: async () => ({ category: 'ok', message: 'ok', hint: '' }),
      preflight: async () => [],
      entity: <E extends EntityName>(n: E) => ({ customer: customers, device: devices, contact: contacts })[n as 'customer' | 'device' | 'contact'] as unknown as EntityPort<E> | undefined,
      close: async () => undefined,
    };
  }
}
