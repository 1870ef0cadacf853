import { describe, expect, it } from 'vitest';
import { runPipeline, type RunRequest } from '../../main/engine/run.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import { RmmStandinState, createStandinConnector } from '../../main/demo/rmm-standin.js';
import { MemoryErp } from '../support/memory-erp.js';
import { erpRmmConfig, storeWithPipeline } from '../support/temp-store.js';
import type { PipelineConfig } from '../../shared/model.js';

function setup(config: PipelineConfig = erpRmmConfig()) {
  const { store, pipelineId } = storeWithPipeline(config);
  const erp = new MemoryErp();
  const rmm = new RmmStandinState();
  const state = new SqliteSyncState(store.db, pipelineId);
  let n = 0;
  const run = (over: Partial<RunRequest> = {}) => {
    const runId = `r${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode: over.mode ?? 'delta', scope: {}, startedAt: new Date().toISOString() });
    return runPipeline({
      runId,
      pipelineId,
      config,
      left: erp.connector(),
      right: createStandinConnector(rmm),
      state,
      mode: 'delta',
      dryRun: false,
      entities: null,
      customer: null,
      confirmDeletes: false,
      now: () => new Date().toISOString(),
      emit: () => undefined,
      ...over,
    });
  };
  return { store, erp, rmm, state, run };
}

describe('one-way engine: customers ERP → RMM, devices RMM → ERP', () => {
  it('creates, then changes nothing on a second run', async () => {
    const t = setup();
    for (let i = 1; i <= 7; i++) t.erp.customer(String(i), `Kunde ${i} GmbH`, `K${i}`);
    const r1 = await t.run();
    expect(r1.status).toBe('ok');
    expect(r1.entities.customer?.created).toBe(7);
    expect([...t.rmm.groups.values()].map((g) => g.name)).toContain('K3 Kunde 3 GmbH');
    const r2 = await t.run();
    expect(r2.entities.customer).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    const r3 = await t.run({ mode: 'full' });
    expect(r3.entities.customer).toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 7 });
  });

  it('a change at the source updates the target; a hand edit on the target is repaired by a full run', async () => {
    const t = setup();
    t.erp.customer('1', 'Müller GmbH', '100');
    await t.run();
    t.erp.customer('1', 'Müller & Söhne GmbH', '100');
    const r = await t.run();
    expect(r.entities.customer?.updated).toBe(1);
    const gid = t.rmm.groupByName('100 Müller & Söhne GmbH');
    expect(gid).not.toBeNull();
    t.rmm.groups.set(gid!, { name: 'renamed by hand' });
    expect((await t.run()).entities.customer?.updated).toBe(0); // a delta run does not re-read the target
    const full = await t.run({ mode: 'full' });
    expect(full.entities.customer?.updated).toBe(1);
    expect(t.rmm.groups.get(gid!)?.name).toBe('100 Müller & Söhne GmbH');
  });

  it('a device whose customer is not linked is skipped with the reason, and picked up once it is', async () => {
    const t = setup();
    t.erp.customer('1', 'Alpha', 'A1');
    await t.run();
    const g = t.rmm.groupByName('A1 Alpha')!;
    t.rmm.addHost('pc-1', g, { serialNumber: 'SN1' });
    const orphanGroup = t.rmm.id();
    t.rmm.groups.set(orphanGroup, { name: 'Linux servers' });
    t.rmm.addHost('srv-x', orphanGroup);
    const r = await t.run();
    expect(r.entities.device).toMatchObject({ created: 1, skipped: 1 });
    const items = t.store.runs.items(r === undefined ? '' : 'r2');
    expect(items.find((i) => i.action === 'skipped')?.reason).toBe('customer not synchronized yet');
    const dev = [...t.erp.devices.values()][0]!;
    expect(dev).toMatchObject({ code: 'pc-1', customerId: '1', serialNumber: 'SN1' });
    // The customer appears in the ERP; the orphan group gets linked by name, and the next run brings its device.
    t.erp.customer('2', 'servers', 'Linux');
    await t.run();
    expect([...t.erp.devices.values()].map((d) => d.code).sort()).toEqual(['pc-1', 'srv-x']);
  });

  it('write applied, answer lost: the device is found by its code, linked, never created twice', async () => {
    const t = setup();
    t.erp.customer('1', 'Alpha', 'A1');
    await t.run();
    t.rmm.addHost('pc-1', t.rmm.groupByName('A1 Alpha')!);
    t.erp.loseNextCreateAnswer = true;
    const r = await t.run();
    expect(r.entities.device).toMatchObject({ created: 1, failed: 0 });
    expect(t.erp.devices.size).toBe(1);
    const r2 = await t.run({ mode: 'full' });
    expect(r2.entities.device).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(t.erp.devices.size).toBe(1);
  });

  it('an open intent from a crash is resolved by lookup before anything is written again', async () => {
    const t = setup();
    t.erp.customer('1', 'Alpha', 'A1');
    await t.run();
    const hostId = t.rmm.addHost('pc-1', t.rmm.groupByName('A1 Alpha')!);
    // Simulate: intent written, remote write applied, process died before the link.
    t.state.addIntent({ runId: 'dead', entity: 'device', targetSide: 'left', op: 'create', sourceId: hostId, targetId: null, stamp: 'x', naturalKey: 'pc-1', sourceHash: null, targetHash: null });
    t.erp.devices.set('777', { customerId: '1', code: 'pc-1', name: 'pc-1', serialNumber: null, manufacturer: null, model: null, operatingSystem: null, macAddress: null });
    const r = await t.run();
    expect(t.erp.devices.size).toBe(1);
    expect(t.state.openIntents()).toHaveLength(0);
    expect(t.state.links('device')).toEqual([expect.objectContaining({ leftId: '777', rightId: hostId })]);
    expect(r.entities.device?.failed).toBe(0);
  });

  it('a source that suddenly returns nothing deletes nothing (guard), a partial read deletes nothing', async () => {
    const t = setup();
    for (let i = 1; i <= 30; i++) t.erp.customer(String(i), `C${i}`, `N${i}`);
    await t.run();
    expect(t.rmm.groups.size).toBe(30);
    const saved = new Map(t.erp.customers);
    t.erp.customers.clear();
    const r = await t.run({ mode: 'full' });
    expect(r.status).toBe('failed');
    expect(r.error?.category).toBe('guard');
    expect(r.error?.hint).toMatch(/--confirm-deletes/);
    expect(t.rmm.groups.size).toBe(30);
    // Partial read: page 2 of 10 fails → no deletes even though records are missing.
    t.erp.customers = saved;
    t.erp.customers.delete('1');
    t.erp.failPage = { entity: 'customer', page: 2 };
    const p = await t.run({ mode: 'full' });
    expect(p.entities.customer?.deleted).toBe(0);
    expect(t.rmm.groups.size).toBe(30);
    // Once the read is complete, the one delete goes through (within the guard).
    t.erp.failPage = null;
    const ok = await t.run({ mode: 'full' });
    expect(ok.entities.customer?.deleted).toBe(1);
    expect(t.rmm.groups.size).toBe(29);
  });

  it('confirming the deletes lets a guarded run delete', async () => {
    const t = setup();
    for (let i = 1; i <= 5; i++) t.erp.customer(String(i), `C${i}`, `N${i}`);
    await t.run();
    t.erp.customers.clear();
    const r = await t.run({ mode: 'full', confirmDeletes: true });
    expect(r.entities.customer?.deleted).toBe(5);
  });

  it('invalid source records fail as items and are not treated as deleted', async () => {
    const t = setup();
    for (let i = 1; i <= 4; i++) t.erp.customer(String(i), `C${i}`, `N${i}`);
    await t.run();
    t.erp.invalid.add('2');
    const r = await t.run({ mode: 'full' });
    expect(r.entities.customer).toMatchObject({ failed: 1, deleted: 0 });
    expect(t.rmm.groups.size).toBe(4);
  });

  it('names equal after trimming, case and Unicode normalisation are never linked by guess', async () => {
    const t = setup(erpRmmConfig({ entities: { customer: { direction: 'to-right', match: 'name', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true } } }));
    const g = t.rmm.id();
    t.rmm.groups.set(g, { name: 'Müller' });
    t.erp.customer('1', 'Mu\u0308ller', null); // NFD
    t.erp.customer('2', ' müller ', null);
    const r = await t.run();
    expect(r.entities.customer?.conflicts).toBe(2);
    expect(t.rmm.groups.size).toBe(1);
  });

  it('two customers that would be stored under one group name get distinct names, stable across runs', async () => {
    const t = setup();
    t.erp.customer('1', 'Doppel GmbH', '500');
    t.erp.customer('2', 'Doppel GmbH', '500');
    t.erp.customer('3', 'Einzeln', '501');
    const r = await t.run();
    expect(r.entities.customer).toMatchObject({ created: 3, failed: 0, conflicts: 0 });
    expect([...t.rmm.groups.values()].map((g) => g.name).sort()).toEqual(['500 Doppel GmbH (1)', '500 Doppel GmbH (2)', '501 Einzeln']);
    expect((await t.run({ mode: 'full' })).entities.customer).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('a dry run plans and writes nothing', async () => {
    const t = setup();
    t.erp.customer('1', 'Alpha', 'A1');
    const r = await t.run({ dryRun: true });
    expect(r.status).toBe('dry-run');
    expect(r.plan?.filter((p) => p.action === 'created')).toHaveLength(1);
    expect(t.rmm.groups.size).toBe(0);
    expect(t.state.links('customer')).toHaveLength(0);
  });
});

describe('values as compared', () => {
  it('a date-time that comes back in another offset is the same instant: no write', async () => {
    const { hashFields, diffFields } = await import('../../main/engine/hash.js');
    const f = ['createdAt', 'title'];
    expect(hashFields({ createdAt: '2026-03-29T01:30:00Z', title: 'x' }, f)).toBe(hashFields({ createdAt: '2026-03-29T03:30:00.000+02:00', title: 'x' }, f));
    expect(hashFields({ createdAt: '2026-03-29T01:30:00Z', title: 'x' }, f)).not.toBe(hashFields({ createdAt: '2026-03-29T01:31:00Z', title: 'x' }, f));
    expect(diffFields({ createdAt: '2026-10-25T00:30:00Z' }, { createdAt: '2026-10-25T02:30:00+02:00' }, ['createdAt'])).toEqual({});
  });
});

describe('field templates in a pipeline', () => {
  it('a mapped field is written from its template, and a changed template is a change', async () => {
    const { MemorySystem } = await import('../support/memory-system.js');
    const base = erpRmmConfig();
    const flow = { direction: 'to-right' as const, match: 'number' as const, deletePolicy: 'ignore' as const, conflictPolicy: 'manual' as const, onlyActive: true };
    const config: PipelineConfig = { ...base, entities: { customer: { ...flow, mapping: { name: '{number} - {name|upper}' } } } };
    const { store, pipelineId } = storeWithPipeline(config);
    const erp = new MemoryErp();
    erp.customer('1', 'Müller', '100');
    const target = new MemorySystem('t');
    const state = new SqliteSyncState(store.db, pipelineId);
    let n = 0;
    const run = (cfg: PipelineConfig) => {
      const runId = `m${++n}`;
      store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode: 'delta', scope: {}, startedAt: new Date().toISOString() });
      return runPipeline({ runId, pipelineId, config: cfg, left: erp.connector(), right: target.connector(), state, mode: 'delta', dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
    };
    await run(config);
    expect(target.byName('100 - MÜLLER')).toHaveLength(1);
    expect((await run(config)).entities.customer).toMatchObject({ updated: 0, unchanged: 1 });
    const changed: PipelineConfig = { ...config, entities: { customer: { ...flow, mapping: { name: '{name} ({number})' } } } };
    expect((await run(changed)).entities.customer).toMatchObject({ updated: 1 });
    expect(target.byName('Müller (100)')).toHaveLength(1);
  });
});

describe('delete policy archive', () => {
  it('a record gone at the source is marked inactive on the target, not deleted, and no longer synced', async () => {
    const { MemorySystem } = await import('../support/memory-system.js');
    const flow = { direction: 'to-right' as const, match: 'number' as const, deletePolicy: 'archive' as const, conflictPolicy: 'manual' as const, onlyActive: true };
    const config: PipelineConfig = { ...erpRmmConfig(), entities: { customer: flow }, deleteGuard: { percent: 100, max: 50 } };
    const { store, pipelineId } = storeWithPipeline(config);
    const erp = new MemoryErp();
    erp.customer('1', 'Alt GmbH', '1');
    erp.customer('2', 'Bleibt GmbH', '2');
    const target = new MemorySystem('t');
    const state = new SqliteSyncState(store.db, pipelineId);
    let n = 0;
    const run = (mode: 'delta' | 'full') => {
      const runId = `a${++n}`;
      store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode, scope: {}, startedAt: new Date().toISOString() });
      return runPipeline({ runId, pipelineId, config, left: erp.connector(), right: target.connector(), state, mode, dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
    };
    await run('delta');
    erp.customers.delete('1');
    const r = await run('full');
    expect(r.entities.customer).toMatchObject({ updated: 1, deleted: 0 });
    const alt = target.customers.get(target.byName('Alt GmbH')[0]!)!;
    expect(alt.data.active).toBe(false);
    expect(target.customers.size).toBe(2);
    expect(state.links('customer')).toHaveLength(1);
    expect((await run('full')).entities.customer).toMatchObject({ updated: 0, deleted: 0 });
  });
});
