import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkHashIs, packLink, RecordCodec, unpackLink } from '../../main/engine/compact.js';
import { planTwoWay } from '../../main/engine/plan-two-way.js';
import { hashFields } from '../../main/engine/hash.js';
import { runPipeline, type RunRequest } from '../../main/engine/run.js';
import type { Link } from '../../main/engine/state-port.js';
import { RmmStandinState, createStandinConnector } from '../../main/demo/rmm-standin.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { RemoteRecord } from '../../main/connectors/types.js';
import type { Customer } from '../../shared/entities.js';
import { MemoryErp } from '../support/memory-erp.js';
import { MemorySystem } from '../support/memory-system.js';
import { erpRmmConfig, storeWithPipeline, tempDir } from '../support/temp-store.js';

// Runs hold what they read compactly and write in chunks; these are the cases where that could show.

function setup() {
  const config = erpRmmConfig();
  const { store, pipelineId } = storeWithPipeline(config);
  const erp = new MemoryErp();
  erp.pageSize = 500;
  const rmm = new RmmStandinState();
  const state = new SqliteSyncState(store.db, pipelineId);
  let n = 0;
  const run = (over: Partial<RunRequest> = {}) => {
    const runId = `s${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode: over.mode ?? 'delta', scope: {}, startedAt: new Date().toISOString() });
    return runPipeline({ runId, pipelineId, config, left: erp.connector(), right: createStandinConnector(rmm), state, mode: 'delta', dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined, ...over });
  };
  return { store, erp, rmm, state, run };
}

describe('one-way runs held compactly and written in chunks', () => {
  it('a first sync larger than one chunk creates everything once; its dry run lists every create', async () => {
    const t = setup();
    for (let i = 1; i <= 2300; i++) t.erp.customer(String(i), `Kunde ${i}`, `K${i}`);
    const dry = await t.run({ dryRun: true });
    expect(dry.plan?.filter((p) => p.action === 'created')).toHaveLength(2300);
    expect(t.rmm.groups.size).toBe(0);
    const r = await t.run();
    expect(r.entities.customer).toMatchObject({ created: 2300, failed: 0 });
    expect(new Set([...t.rmm.groups.values()].map((g) => g.name)).size).toBe(2300);
    expect(t.state.links('customer')).toHaveLength(2300);
    expect((await t.run({ mode: 'full' })).entities.customer).toMatchObject({ created: 0, updated: 0, unchanged: 2300 });
  });

  it('the guard counts every delete of a large run before anything is written', async () => {
    const t = setup();
    for (let i = 1; i <= 2300; i++) t.erp.customer(String(i), `Kunde ${i}`, `K${i}`);
    await t.run();
    // Renames (written first, in the first chunk) and deletes (last): the guard stops the run before either.
    for (let i = 1; i <= 100; i++) t.erp.customer(String(i), `Neu ${i}`, `K${i}`);
    for (let i = 2001; i <= 2300; i++) t.erp.customers.delete(String(i));
    const r = await t.run({ mode: 'full' });
    expect(r.error?.category).toBe('guard');
    expect(t.rmm.groupByName('K1 Neu 1')).toBeNull();
    expect(t.rmm.groups.size).toBe(2300);
  });

  it('an unchanged record is planned after all when a new one would be stored under its name', async () => {
    const t = setup();
    t.erp.customer('1', 'Doppel GmbH', '500');
    await t.run();
    expect([...t.rmm.groups.values()].map((g) => g.name)).toEqual(['500 Doppel GmbH']);
    // Customer 1 is unchanged (delta fast path), but customer 2 would get its group name: both are told apart.
    t.erp.customer('2', 'Doppel GmbH', '500');
    const r = await t.run();
    expect(r.entities.customer).toMatchObject({ created: 1, updated: 1, conflicts: 0, failed: 0 });
    expect([...t.rmm.groups.values()].map((g) => g.name).sort()).toEqual(['500 Doppel GmbH (1)', '500 Doppel GmbH (2)']);
    expect((await t.run()).entities.customer).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await t.run({ mode: 'full' })).entities.customer).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });
});

describe('two-way runs let go of pairs unchanged on both sides', () => {
  const fields = ['number', 'name', 'phone', 'fax', 'email', 'website', 'street', 'zip', 'city', 'country', 'active'];
  const customer = (name: string, phone: string | null = null): Customer => ({ number: null, name, phone, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true });

  it('a change read after thousands of unchanged pairs is still copied with what the other side holds', () => {
    const n = 5000; // more than are held as read while their partner is awaited
    const port = new MemorySystem('x').connector().entity('customer')!;
    const left: RemoteRecord<'customer'>[] = [];
    const right: RemoteRecord<'customer'>[] = [];
    const links: Link[] = [];
    for (let i = 0; i < n; i++) {
      const c = customer(`Kunde ${i}`);
      left.push({ id: `l${i}`, data: c, stamp: null });
      right.push({ id: `r${i}`, data: { ...c }, stamp: null });
      links.push({ entity: 'customer', leftId: `l${i}`, rightId: `r${i}`, leftHash: hashFields(c, fields), rightHash: hashFields(c, fields), leftVersion: null, rightVersion: null, syncedAt: 'x' });
    }
    right[0] = { ...right[0]!, data: customer('Kunde 0', '0931') }; // the first pair's right record changed
    const plan = planTwoWay({
      entity: 'customer',
      left: { records: left, complete: true, invalidIds: new Set(), port },
      right: { records: right, complete: true, invalidIds: new Set(), port },
      links,
      parentLinks: null,
      flow: { direction: 'both', match: 'name', deletePolicy: 'propagate', conflictPolicy: 'manual', onlyActive: true },
      full: true,
      stampFor: (s, id) => `${s}:${id}`,
    });
    expect(plan.unchanged).toBe(n - 1);
    expect(plan.toRight).toEqual([]);
    expect(plan.toLeft).toEqual([expect.objectContaining({ kind: 'update', sourceId: 'r0', targetId: 'l0', before: customer('Kunde 0'), changes: { phone: { old: null, new: '0931' } } })]);
  });
});

describe('records held between reading and planning', () => {
  it('come back as read: optional fields present or absent, values as JSON has them', () => {
    const codec = new RecordCodec<'device'>();
    const a: RemoteRecord<'device'> = { id: '1', data: { customerId: '7', code: 'pc-1', name: 'Müller-PC', serialNumber: null, manufacturer: null, model: null, operatingSystem: null, macAddress: null } };
    const b: RemoteRecord<'device'> = { ...a, id: '2', version: null, modifiedAt: '2026-01-01T00:00:00Z', parents: ['g1', 'g2'], stamp: 'ferry:x' };
    const c = { ...a, id: '3', data: { ...a.data, extra: undefined } } as RemoteRecord<'device'>;
    expect(codec.decode(codec.encode(a, ['h', null]))).toEqual({ extra: ['h', null], rec: a });
    expect(codec.decode(codec.encode(b, 'x')).rec).toEqual(b);
    expect(codec.decode(codec.encode(b, 'x')).rec).toHaveProperty('version', null);
    expect(codec.decode(codec.encode(c, 'x')).rec).toEqual({ ...a, id: '3' });
    expect(codec.decode(codec.encode(a, 'x')).rec).not.toHaveProperty('stamp');
  });
});

describe('links held packed', () => {
  it('give back their hashes and other id, null or empty, whatever the id holds', () => {
    for (const r of [
      { t: '4711', h: 'abc:12', o: 'xyz' },
      { t: 'g|1-2', h: null, o: 'xyz' },
      { t: '', h: '', o: null },
      { t: '-|7', h: null, o: null },
    ]) {
      const v = packLink(r);
      expect(unpackLink(v)).toEqual(r);
      if (r.h !== null) expect(linkHashIs(v, r.h)).toBe(true);
      expect(linkHashIs(v, `${r.h ?? ''}x`)).toBe(false);
      expect(linkHashIs(v, 'abc')).toBe(false);
    }
  });
});

describe('the RMM stand-in keeps hosts packed, with the API and file of a Map', () => {
  it('edits to a host handed out count; the file is the same as before', async () => {
    const rmm = new RmmStandinState();
    const g = rmm.id();
    rmm.groups.set(g, { name: 'A' });
    const id = rmm.addHost('pc-1', g, { serialNumber: 'S1' });
    const host = [...rmm.hosts.values()].find((h) => h.device.code === 'pc-1')!;
    host.device.serialNumber = 'S2';
    const port = createStandinConnector(rmm).entity('device')!;
    const read = async () => {
      const out: RemoteRecord<'device'>[] = [];
      for await (const p of port.read({})) out.push(...p.records);
      return out;
    };
    expect((await read())[0]).toMatchObject({ id, parents: [g], data: { code: 'pc-1', serialNumber: 'S2' } });
    const created = await port.create!({ customerId: g, code: 'pc-2', name: 'pc-2', serialNumber: null, manufacturer: null, model: null, operatingSystem: null, macAddress: null }, { stamp: 'ferry:p:device:9' });
    expect(rmm.hosts.size).toBe(2);
    expect(rmm.hosts.get(created.id)).toEqual({ device: expect.objectContaining({ code: 'pc-2', customerId: g }), groups: [g], stamp: 'ferry:p:device:9' });
    expect(await port.lookup!({ stamp: 'ferry:p:device:9', natural: null })).toMatchObject({ id: created.id });
    const file = path.join(tempDir(), 'rmm.json');
    rmm.save(file);
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { next: number; groups: unknown[]; hosts: [string, { device: { serialNumber: string | null }; groups: string[]; stamp: string | null }][] };
    expect(raw.hosts.map(([hid, h]) => [hid, h.device.serialNumber, h.groups, h.stamp])).toEqual([
      [id, 'S2', [g], null],
      [created.id, null, [g], 'ferry:p:device:9'],
    ]);
    const back = RmmStandinState.load(file);
    expect([...back.hosts]).toEqual([...rmm.hosts]);
    expect(back.id()).toBe(rmm.id());
  });
});
