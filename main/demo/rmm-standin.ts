import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Customer, Device, EntityName } from '../../shared/entities.js';
import type { Connector, ConnectorFactory, EntityPort, RecordPage, RemoteRecord } from '../connectors/types.js';

/** A host as the stand-in keeps it. */
export interface StandinHost {
  device: Device;
  groups: string[];
  stamp: string | null;
}

const DEVICE_KEYS = ['customerId', 'code', 'name', 'serialNumber', 'manufacturer', 'model', 'operatingSystem', 'macAddress'] as const;

/** One host as one JSON string of values (the benchmark keeps 100 000 of them in this process). */
function pack(h: StandinHost): string {
  const d = h.device as unknown as Record<string, unknown>;
  const row: unknown[] = [h.stamp, h.groups];
  for (const k of DEVICE_KEYS) row.push(d[k] ?? null);
  const extra = Object.keys(d).filter((k) => !(DEVICE_KEYS as readonly string[]).includes(k) && d[k] !== undefined);
  if (extra.length) row.push(Object.fromEntries(extra.map((k) => [k, d[k]])));
  return JSON.stringify(row);
}

function unpack(s: string): StandinHost {
  const row = JSON.parse(s) as unknown[];
  const device: Record<string, unknown> = {};
  DEVICE_KEYS.forEach((k, i) => (device[k] = row[i + 2]));
  if (row.length > DEVICE_KEYS.length + 2) Object.assign(device, row[DEVICE_KEYS.length + 2]);
  return { device: device as unknown as Device, groups: row[1] as string[], stamp: row[0] as string | null };
}

/**
 * The stand-in's hosts, with the API of a Map. Hosts are kept packed; one handed out (get, iteration) stays an
 * object from then on, so edits made to it (tests, the demo) count, as they would in a Map.
 */
export class HostTable implements Iterable<[string, StandinHost]> {
  private readonly rows = new Map<string, string | StandinHost>();
  get size(): number {
    return this.rows.size;
  }
  has(id: string): boolean {
    return this.rows.has(id);
  }
  get(id: string): StandinHost | undefined {
    const v = this.rows.get(id);
    if (typeof v !== 'string') return v;
    const h = unpack(v);
    this.rows.set(id, h);
    return h;
  }
  set(id: string, h: StandinHost): this {
    this.rows.set(id, h);
    return this;
  }
  delete(id: string): boolean {
    return this.rows.delete(id);
  }
  keys(): IterableIterator<string> {
    return this.rows.keys();
  }
  *entries(): IterableIterator<[string, StandinHost]> {
    for (const id of this.rows.keys()) yield [id, this.get(id)!];
  }
  *values(): IterableIterator<StandinHost> {
    for (const [, h] of this.entries()) yield h;
  }
  [Symbol.iterator](): IterableIterator<[string, StandinHost]> {
    return this.entries();
  }
  /** Stores a host packed (what the connector writes). */
  put(id: string, h: StandinHost): void {
    this.rows.set(id, pack(h));
  }
  /** A host without handing it out (an edit to the copy does not count). */
  peek(id: string): StandinHost | undefined {
    const v = this.rows.get(id);
    return typeof v === 'string' ? unpack(v) : v;
  }
  *peekEntries(): IterableIterator<[string, StandinHost]> {
    for (const [id, v] of this.rows) yield [id, typeof v === 'string' ? unpack(v) : v];
  }
}

/**
 * An in-process RMM stand-in for the demo and the benchmark, used when no real Zabbix is installed.
 * It keeps host groups (customers) and hosts (devices) in memory, like an RMM would. It is not a
 * connection kind users can choose: it is registered only by `ferry demo` and the benchmark.
 */
export class RmmStandinState {
  groups = new Map<string, { name: string }>();
  hosts = new HostTable();
  private nextId = 1;
  id(): string {
    return String(this.nextId++);
  }
  addHost(code: string, groupId: string, extra: Partial<Device> = {}): string {
    const id = this.id();
    this.hosts.put(id, {
      device: { customerId: null, code, name: code, serialNumber: null, manufacturer: null, model: null, operatingSystem: null, macAddress: null, ...extra },
      groups: [groupId],
      stamp: null,
    });
    return id;
  }
  groupByName(name: string): string | null {
    for (const [id, g] of this.groups) if (g.name === name) return id;
    return null;
  }
  toJSON(): unknown {
    return { next: this.nextId, groups: [...this.groups], hosts: [...this.hosts.peekEntries()] };
  }
  static load(file: string): RmmStandinState {
    const s = new RmmStandinState();
    if (!fs.existsSync(file)) return s;
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { next: number; groups: [string, { name: string }][]; hosts: [string, StandinHost][] };
    s.nextId = raw.next;
    s.groups = new Map(raw.groups);
    for (const [id, h] of raw.hosts) s.hosts.put(id, h);
    return s;
  }
  save(file: string): void {
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this));
    fs.renameSync(tmp, file);
  }
}

const render = (c: Customer, d?: string) => `${`${c.number ?? ''} ${c.name}`.replace(/\s+/gu, ' ').trim().slice(0, 240)}${d === undefined ? '' : ` (${d})`}`;
const PAGE = 1000;

/** Pages of records, each made when its page is read, from what was there when the read started. */
function pages<T, E extends EntityName>(all: T[], record: (t: T) => RemoteRecord<E> | undefined): AsyncIterable<RecordPage<E>> {
  return (async function* () {
    const pageCount = Math.max(1, Math.ceil(all.length / PAGE));
    for (let p = 0; p < pageCount; p++) {
      const records: RemoteRecord<E>[] = [];
      for (const t of all.slice(p * PAGE, (p + 1) * PAGE)) {
        const r = record(t);
        if (r) records.push(r);
      }
      yield { records, invalid: [], page: p + 1, pageCount, total: all.length };
    }
  })();
}

export function createStandinConnector(state: RmmStandinState, persist: () => void = () => undefined): Connector {
  // Group names are unique, as in an RMM; an index keeps creates O(1) for the benchmark's 20 000 groups.
  let names: Set<string> | null = null;
  const nameIndex = () => (names ??= new Set([...state.groups.values()].map((g) => g.name)));
  const customers: EntityPort<'customer'> = {
    entity: 'customer',
    capabilities: { read: true, write: true, delete: true, delta: false, stamp: false, naturalKey: 'name' },
    fields: ['name'],
    storedForm: (c, o) => ({ ...c, name: render(c, o?.disambiguator) }),
    read: () => {
      names = null;
      return pages([...state.groups], ([id, g]) => ({
        id,
        data: { number: null, name: g.name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true },
      }));
    },
    async create(c, ctx) {
      const name = render(c, ctx.disambiguator);
      if (nameIndex().has(name)) throw new Error(`host group "${name}" already exists`);
      const id = state.id();
      state.groups.set(id, { name });
      nameIndex().add(name);
      persist();
      return { id };
    },
    async update(id, c, ctx) {
      const old = state.groups.get(id);
      if (old) nameIndex().delete(old.name);
      state.groups.set(id, { name: render(c, ctx.disambiguator) });
      nameIndex().add(render(c, ctx.disambiguator));
      persist();
      return { id };
    },
    async delete(id) {
      const old = state.groups.get(id);
      if (old) nameIndex().delete(old.name);
      state.groups.delete(id);
      persist();
    },
    async lookup({ natural }) {
      const id = natural ? state.groupByName(natural) : null;
      return id ? { id, data: { number: null, name: natural!, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true } } : null;
    },
  };
  const toRecord = (id: string, h: StandinHost): RemoteRecord<'device'> => ({ id, data: { ...h.device, customerId: null }, parents: h.groups, stamp: h.stamp });
  const devices: EntityPort<'device'> = {
    entity: 'device',
    capabilities: { read: true, write: true, delete: true, delta: false, stamp: true, naturalKey: 'code' },
    fields: ['customerId', 'code', 'name', 'serialNumber', 'manufacturer', 'model', 'operatingSystem', 'macAddress'],
    read: (o) => {
      const ids = o.customerIds ? [...state.hosts.peekEntries()].filter(([, h]) => h.groups.some((g) => o.customerIds!.includes(g))).map(([id]) => id) : [...state.hosts.keys()];
      return pages(ids, (id) => {
        const h = state.hosts.peek(id);
        return h ? toRecord(id, h) : undefined;
      });
    },
    async create(d, ctx) {
      const id = state.id();
      state.hosts.put(id, { device: { ...d }, groups: d.customerId ? [d.customerId] : [], stamp: ctx.stamp });
      persist();
      return { id };
    },
    async update(id, d, ctx) {
      state.hosts.put(id, { device: { ...d }, groups: d.customerId ? [d.customerId] : [], stamp: ctx.stamp });
      persist();
      return { id };
    },
    async delete(id) {
      state.hosts.delete(id);
      persist();
    },
    async lookup({ stamp, natural }) {
      for (const [id, h] of state.hosts.peekEntries()) if (h.stamp === stamp || (natural !== null && h.device.code === natural)) return toRecord(id, h);
      return null;
    },
  };
  return {
    kind: 'rmm-standin',
    async test() {
      return { category: 'ok', message: 'In-process RMM stand-in (demo only).', hint: 'Nothing to do.' };
    },
    async preflight() {
      return [{ id: 'standin', title: 'RMM stand-in', status: 'pass', message: 'The demo RMM stand-in runs in this process.', hint: 'Install Zabbix to use a real RMM-side system.' }];
    },
    entity: <E extends EntityName>(name: E) => ({ customer: customers, device: devices })[name as 'customer' | 'device'] as unknown as EntityPort<E> | undefined,
    async close() {},
  };
}

/**
 * The stand-in kept in a JSON file (URL `file:///…/rmm-standin.json`), so every ferry command on the demo's data
 * folder sees the same RMM. Hidden: not offered to users, refused by `connections add`.
 */
export const standinFactory: ConnectorFactory & { hidden: true } = {
  kind: 'rmm-standin',
  label: 'RMM stand-in (demo only)',
  hidden: true,
  needs: [],
  secretNames: [],
  optionsSchema: z.record(z.string(), z.string()),
  normalizeUrl: (u) => u,
  create: (ctx) => {
    const file = fileURLToPath(ctx.config.url);
    const state = RmmStandinState.load(file);
    const inner = createStandinConnector(state, () => state.save(file));
    return inner;
  },
};
