import { describe, expect, it } from 'vitest';
import { runPipeline, type RunRequest } from '../../main/engine/run.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { Connector, EntityPort } from '../../main/connectors/types.js';
import type { EntityName } from '../../shared/entities.js';
import type { PipelineConfig } from '../../shared/model.js';
import { DeltaSource } from '../support/memory-delta.js';
import { MemorySystem } from '../support/memory-system.js';
import { erpRmmConfig, storeWithPipeline } from '../support/temp-store.js';

function setup() {
  const config: PipelineConfig = { ...erpRmmConfig(), entities: { customer: { direction: 'to-right', match: 'number', deletePolicy: 'propagate', conflictPolicy: 'manual', onlyActive: true } }, deleteGuard: { percent: 100, max: 50 } };
  const { store, pipelineId } = storeWithPipeline(config);
  const src = new DeltaSource();
  const target = new MemorySystem('t');
  const state = new SqliteSyncState(store.db, pipelineId);
  let n = 0;
  const run = (over: Partial<RunRequest> & { right?: Connector } = {}) => {
    const runId = `d${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode: over.mode ?? 'delta', scope: {}, startedAt: new Date().toISOString() });
    return runPipeline({ runId, pipelineId, config, left: src.connector(), right: target.connector(), state, mode: 'delta', dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined, ...over });
  };
  const names = () => [...target.customers.values()].map((r) => r.data.name).sort();
  return { src, target, state, run, names };
}

describe('delta sources', () => {
  it('a delta run reads only what changed since the cursor; the cursor is the time the read started', async () => {
    const t = setup();
    for (const i of ['1', '2', '3']) t.src.put(i, `K${i}`);
    t.src.now += 10_000;
    await t.run();
    expect(t.src.reads.at(-1)).toEqual({ since: null, records: 3 });
    expect(t.state.cursor('customer', 'left')).toBe('2026-11-01T00:00:10.000Z');
    t.src.now += 60_000;
    t.src.put('2', 'K2 neu');
    const r = await t.run();
    expect(t.src.reads.at(-1)).toEqual({ since: '2026-11-01T00:00:10.000Z', records: 1 });
    expect(r.entities.customer).toMatchObject({ updated: 1, unchanged: 2 });
    expect(t.names()).toEqual(['K1', 'K2 neu', 'K3']);
  });

  it('an update made on the source while a run is reading it is not lost (the cursor is taken at read start)', async () => {
    const t = setup();
    for (const i of ['1', '2', '3', '4']) t.src.put(i, `K${i}`);
    t.src.afterPage = (p) => {
      if (p === 1) {
        t.src.now += 5_000; // the clock moves while the run reads
        t.src.put('1', 'K1 während des Lesens');
      }
    };
    await t.run();
    t.src.afterPage = null;
    t.src.now += 60_000;
    await t.run();
    expect(t.names()).toContain('K1 während des Lesens');
  });

  it('records with equal modification times at a page boundary are all seen', async () => {
    const t = setup();
    t.src.put('0', 'K0');
    await t.run();
    t.src.now += 60_000;
    for (const i of ['a', 'b', 'c', 'd', 'e']) t.src.put(i, `K${i}`, t.src.now); // five at one instant, pages of two
    t.src.now += 1;
    const r = await t.run();
    expect(r.entities.customer?.created).toBe(5);
    expect((await t.run()).entities.customer).toMatchObject({ created: 0, updated: 0 });
  });

  it('a tombstone deletes by policy in a delta run; absence alone deletes nothing', async () => {
    const t = setup();
    for (const i of ['1', '2', '3']) t.src.put(i, `K${i}`);
    await t.run();
    t.src.now += 60_000;
    t.src.remove('2');
    expect((await t.run()).entities.customer).toMatchObject({ deleted: 1 });
    expect(t.names()).toEqual(['K1', 'K3']);
  });

  it('a failed write keeps the cursor where it was, so the record is read again', async () => {
    const t = setup();
    t.src.put('1', 'K1');
    await t.run();
    const cursor = t.state.cursor('customer', 'left');
    t.src.now += 60_000;
    t.src.put('2', 'K2');
    let fail = true;
    const flaky = t.target.connector();
    const failing: Connector = {
      ...flaky,
      entity: <E extends EntityName>(n: E) => {
        const p = flaky.entity(n) as EntityPort<E>;
        return { ...p, create: async (d: never, ctx: never) => { if (fail) { fail = false; throw new Error('server busy'); } return p.create!(d, ctx); } } as EntityPort<E>;
      },
    };
    const r = await t.run({ right: failing });
    expect(r.entities.customer?.failed).toBe(1);
    expect(t.state.cursor('customer', 'left')).toBe(cursor);
    t.src.now += 60_000;
    expect((await t.run()).entities.customer?.created).toBe(1);
    expect(t.names()).toEqual(['K1', 'K2']);
  });

  it('a dry run writes no cursor', async () => {
    const t = setup();
    t.src.put('1', 'K1');
    await t.run({ dryRun: true });
    expect(t.state.cursor('customer', 'left')).toBeNull();
  });
});
