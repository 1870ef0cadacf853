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
}

const render = (c: Customer) => `${c.number ?? ''} ${c.name}`.replace(/\s+/gu, ' ').trim().slice(0, 255);
const PAGE = 1000;

function pages<E extends EntityName>(all: RemoteRecord<E>[]): AsyncIterable<RecordPage<E>> {
  return (async function* () {
    const pageCount = Math.max(1, Math.ceil(all.length / PAGE));
    for (let p = 0; p < pageCount; p++) {
      yield { records: all.slice(p * PAGE, (p + 1) * PAGE), invalid: [], page: p + 1, pageCount, total: all.length };
    }
  })();
}

export function createStandinConnector(state: RmmStandinState): Connector {
  const customers: EntityPort<'customer'> = {
    entity: 'customer',
    capabilities: { read: true, write: true, delete: true, delta: false, stamp: false, naturalKey: 'name' },
    fields: ['name'],
    storedForm: (c) => ({ ...c, name: render(c) }),
    read: () =>
      pages(
        [...state.groups].map(([id, g]) => ({
          id,
          data: { number: null, name: g.name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true },
        })),
      ),
    async create(c) {
      const name = render(c);
      if (state.groupByName(name)) throw new Error(`host group "${name}" already exists`);
      const id = state.id();
      state.groups.set(id, { name });
      return { id };
    },
    async update(id, c) {
      state.groups.set(id, { name: render(c) });
      return { id };
    },
    async delete(id) {
      state.groups.delete(id);
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
      return { id };
    },
    async update(id, d, ctx) {
      state.hosts.set(id, { device: { ...d }, groups: d.customerId ? [d.customerId] : [], stamp: ctx.stamp });
      return { id };
    },
    async delete(id) {
      state.hosts.delete(id);
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

export function standinFactory(state: RmmStandinState): ConnectorFactory {
  return {
    kind: 'rmm-standin',
    label: 'RMM stand-in (demo only)',
    needs: [],
    secretNames: ['password'],
    optionsSchema: z.record(z.string(), z.string()),
    normalizeUrl: (u) => u,
    create: () => createStandinConnector(state),
  };
}
