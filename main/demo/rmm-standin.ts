import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Customer, Device, EntityName } from '../../shared/entities.js';
import type { Connector, ConnectorFactory, EntityPort, RecordPage, RemoteRecord } from '../connectors/types.js';

/**
 * An in-process RMM stand-in for the demo and the benchmark, used when no real Zabbix is installed.
 * It keeps host groups (customers) and hosts (devices) in memory, like an RMM would. It is not a
 * connection kind users can choose: it is registered only by `ferry demo` and the benchmark.
 */
export class RmmStandinState {
  groups = new Map<string, { name: string }>();
  hosts = new Map<string, { device: Device; groups: string[]; stamp: string | null }>();
  private nextId = 1;
  id(): string {
    return String(this.nextId++);
  }
  addHost(code: string, groupId: string, extra: Partial<Device> = {}): string {
    const id = this.id();
    this.hosts.set(id, {
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
    return { next: this.nextId, groups: [...this.groups], hosts: [...this.hosts] };
  }
  static load(file: string): RmmStandinState {
    const s = new RmmStandinState();
    if (!fs.existsSync(file)) return s;
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { next: number; groups: [string, { name: string }][]; hosts: [string, { device: Device; groups: string[]; stamp: string | null }][] };
    s.nextId = raw.next;
    s.groups = new Map(raw.groups);
    s.hosts = new Map(raw.hosts);
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

function pages<E extends EntityName>(all: RemoteRecord<E>[]): AsyncIterable<RecordPage<E>> {
  return (async function* () {
    const pageCount = Math.max(1, Math.ceil(all.length / PAGE));
    for (let p = 0; p < pageCount; p++) {
      yield { records: all.slice(p * PAGE, (p + 1) * PAGE), invalid: [], page: p + 1, pageCount, total: all.length };
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
      return pages(
        [...state.groups].map(([id, g]) => ({
          id,
          data: { number: null, name: g.name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true },
        })),
      );
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
  const toRecord = (id: string, h: { device: Device; groups: string[]; stamp: string | null }): RemoteRecord<'device'> => ({ id, data: { ...h.device, customerId: null }, parents: h.groups, stamp: h.stamp });
  const devices: EntityPort<'device'> = {
    entity: 'device',
    capabilities: { read: true, write: true, delete: true, delta: false, stamp: true, naturalKey: 'code' },
    fields: ['customerId', 'code', 'name', 'serialNumber', 'manufacturer', 'model', 'operatingSystem', 'macAddress'],
    read: (o) => pages([...state.hosts].filter(([, h]) => !o.customerIds || h.groups.some((g) => o.customerIds!.includes(g))).map(([id, h]) => toRecord(id, h))),
    async create(d, ctx) {
      const id = state.id();
      state.hosts.set(id, { device: { ...d }, groups: d.customerId ? [d.customerId] : [], stamp: ctx.stamp });
      persist();
      return { id };
    },
    async update(id, d, ctx) {
      state.hosts.set(id, { device: { ...d }, groups: d.customerId ? [d.customerId] : [], stamp: ctx.stamp });
      persist();
      return { id };
    },
    async delete(id) {
      state.hosts.delete(id);
      persist();
    },
    async lookup({ stamp, natural }) {
      for (const [id, h] of state.hosts) if (h.stamp === stamp || (natural !== null && h.device.code === natural)) return toRecord(id, h);
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
