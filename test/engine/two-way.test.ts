import { describe, expect, it } from 'vitest';
import { runPipeline, type RunRequest } from '../../main/engine/run.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { ConflictPolicy, DeletePolicy, PipelineConfig } from '../../shared/model.js';
import { MemorySystem } from '../support/memory-system.js';
import { storeWithPipeline } from '../support/temp-store.js';

function setup(o: { conflict?: ConflictPolicy; del?: DeletePolicy; devices?: boolean } = {}) {
  const flow = { direction: 'both' as const, match: 'name' as const, deletePolicy: o.del ?? 'propagate', conflictPolicy: o.conflict ?? 'manual', onlyActive: true };
  const config: PipelineConfig = {
    entities: { customer: flow, ...(o.devices ? { device: { ...flow, match: 'number' as const } } : {}) },
    schedule: { everyMinutes: 15, fullAt: null, timeZone: 'UTC', entityEvery: {} },
    deleteGuard: { percent: 50, max: 50 },
  };
  const { store, pipelineId } = storeWithPipeline(config);
  const a = new MemorySystem('a');
  const b = new MemorySystem('b');
  const state = new SqliteSyncState(store.db, pipelineId);
  let n = 0;
  const run = (over: Partial<RunRequest> = {}) => {
    const runId = `r${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode: over.mode ?? 'delta', scope: {}, startedAt: new Date().toISOString() });
    return runPipeline({ runId, pipelineId, config, left: a.connector(), right: b.connector(), state, mode: 'delta', dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined, ...over });
  };
  const names = (s: MemorySystem) => [...s.customers.values()].map((r) => r.data.name).sort();
  return { store, a, b, state, run, names };
}

describe('two-way engine', () => {
  it('records made on either side reach the other; then nothing changes', async () => {
    const t = setup();
    t.a.addCustomer('Alpha');
    t.b.addCustomer('Beta');
    const r = await t.run();
    expect(r.status).toBe('ok');
    expect(r.entities.customer).toMatchObject({ created: 2, failed: 0 });
    expect(t.names(t.a)).toEqual(['Alpha', 'Beta']);
    expect(t.names(t.b)).toEqual(['Alpha', 'Beta']);
    expect((await t.run()).entities.customer).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('a change on one side is carried to the other, without echo', async () => {
    const t = setup();
    const id = t.a.addCustomer('Alpha');
    await t.run();
    t.a.editCustomer(id, { phone: '+49 30 1234' });
    expect((await t.run()).entities.customer).toMatchObject({ updated: 1 });
    expect([...t.b.customers.values()][0]!.data.phone).toBe('+49 30 1234');
    const bid = [...t.b.customers.keys()][0]!;
    t.b.editCustomer(bid, { city: 'Köln' });
    expect((await t.run()).entities.customer).toMatchObject({ updated: 1 });
    expect(t.a.customers.get(id)!.data.city).toBe('Köln');
    expect((await t.run()).entities.customer).toMatchObject({ updated: 0, unchanged: 1, conflicts: 0 });
  });

  it('changed on both sides: manual leaves both untouched and reports a conflict every run until resolved', async () => {
    const t = setup({ conflict: 'manual' });
    const id = t.a.addCustomer('Alpha');
    await t.run();
    const bid = [...t.b.customers.keys()][0]!;
    t.a.editCustomer(id, { phone: 'left' });
    t.b.editCustomer(bid, { phone: 'right' });
    const r = await t.run();
    expect(r.entities.customer).toMatchObject({ conflicts: 1, updated: 0 });
    expect(t.a.customers.get(id)!.data.phone).toBe('left');
    expect(t.b.customers.get(bid)!.data.phone).toBe('right');
    expect((await t.run()).entities.customer).toMatchObject({ conflicts: 1 });
  });

  it('the same edit on both sides is no conflict', async () => {
    const t = setup({ conflict: 'manual' });
    const id = t.a.addCustomer('Alpha');
    await t.run();
    t.a.editCustomer(id, { phone: 'same' });
    t.b.editCustomer([...t.b.customers.keys()][0]!, { phone: 'same' });
    expect((await t.run()).entities.customer).toMatchObject({ conflicts: 0, updated: 0 });
    expect((await t.run()).entities.customer).toMatchObject({ unchanged: 1 });
  });

  for (const [policy, winner] of [['left-wins', 'left'], ['right-wins', 'right']] as const) {
    it(`changed on both sides: ${policy}`, async () => {
      const t = setup({ conflict: policy });
      const id = t.a.addCustomer('Alpha');
      await t.run();
      const bid = [...t.b.customers.keys()][0]!;
      t.a.editCustomer(id, { phone: 'left' });
      t.b.editCustomer(bid, { phone: 'right' });
      expect((await t.run()).entities.customer).toMatchObject({ conflicts: 0, updated: 1 });
      expect(t.a.customers.get(id)!.data.phone).toBe(winner);
      expect(t.b.customers.get(bid)!.data.phone).toBe(winner);
    });
  }

  it('newer-wins takes the later edit; edits within the clock skew stay a conflict', async () => {
    const t = setup({ conflict: 'newer-wins' });
    const id = t.a.addCustomer('Alpha');
    await t.run();
    const bid = [...t.b.customers.keys()][0]!;
    const base = Date.parse('2026-11-20T10:00:00Z');
    t.a.editCustomer(id, { phone: 'older' }, base);
    t.b.editCustomer(bid, { phone: 'newer' }, base + 10 * 60_000);
    await t.run();
    expect(t.a.customers.get(id)!.data.phone).toBe('newer');
    t.a.editCustomer(id, { phone: 'x' }, base + 20 * 60_000);
    t.b.editCustomer(bid, { phone: 'y' }, base + 20 * 60_000 + 30_000);
    expect((await t.run()).entities.customer).toMatchObject({ conflicts: 1 });
  });

  it('a delete on one side propagates on a full run (policy propagate) and only then', async () => {
    const t = setup({ del: 'propagate' });
    t.a.addCustomer('Alpha');
    const keep = t.a.addCustomer('Beta');
    void keep;
    await t.run();
    const gone = t.b.byName('Alpha')[0]!;
    t.b.customers.delete(gone);
    expect((await t.run()).entities.customer?.deleted).toBe(0);
    expect((await t.run({ mode: 'full' })).entities.customer?.deleted).toBe(1);
    expect(t.names(t.a)).toEqual(['Beta']);
  });

  it('devices follow their customer both ways', async () => {
    const t = setup({ devices: true });
    const ca = t.a.addCustomer('Alpha');
    const cb = t.b.addCustomer('Beta');
    await t.run();
    t.a.addDevice('pc-a', ca);
    t.b.addDevice('pc-b', cb);
    const r = await t.run();
    expect(r.entities.device).toMatchObject({ created: 2, failed: 0 });
    const aBeta = t.a.byName('Beta')[0]!;
    const bAlpha = t.b.byName('Alpha')[0]!;
    expect([...t.a.devices.values()].find((d) => d.data.code === 'pc-b')!.data.customerId).toBe(aBeta);
    expect([...t.b.devices.values()].find((d) => d.data.code === 'pc-a')!.data.customerId).toBe(bAlpha);
    expect((await t.run({ mode: 'full' })).entities.device).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('records sharing a match key on one side are neither linked nor created by guess', async () => {
    const t = setup();
    t.a.addCustomer('Doppelt');
    t.a.addCustomer('Doppelt');
    const r = await t.run();
    expect(r.entities.customer).toMatchObject({ created: 0, conflicts: 2 });
    expect(t.b.customers.size).toBe(0);
  });

  it('a dry run plans both directions and writes nothing', async () => {
    const t = setup();
    t.a.addCustomer('Alpha');
    t.b.addCustomer('Beta');
    const r = await t.run({ dryRun: true });
    expect(r.plan?.filter((p) => p.action === 'created').map((p) => p.targetSide).sort()).toEqual(['left', 'right']);
    expect(t.names(t.a)).toEqual(['Alpha']);
    expect(t.state.links('customer')).toHaveLength(0);
  });
});

describe('two-way regressions found by the property test', () => {
  it('an edit made after a crash to a record the crashed run created is not absorbed by recovery', async () => {
    const { crashingRunner } = await import('../support/crash-sim.js');
    const flow = { direction: 'both' as const, match: 'name' as const, deletePolicy: 'propagate' as const, conflictPolicy: 'left-wins' as const, onlyActive: true };
    const config: PipelineConfig = { entities: { customer: flow }, schedule: { everyMinutes: 15, fullAt: null, timeZone: 'UTC', entityEvery: {} }, deleteGuard: { percent: 100, max: 1000 } };
    const { store, pipelineId } = storeWithPipeline(config);
    const a = new MemorySystem('a');
    const b = new MemorySystem('b');
    const run = crashingRunner(store, pipelineId, config, () => ({ left: a.connector(), right: b.connector() }));
    b.addCustomer('b-1');
    expect(await run(false, { at: 'mid-page', nth: 1 })).toBeNull(); // created on A, died before the link
    a.editCustomer([...a.customers.keys()][0]!, { phone: '1' });
    expect((await run(true, null))?.status).toBe('ok');
    expect([...b.customers.values()].map((r) => r.data.phone)).toEqual(['1']);
  });
});
