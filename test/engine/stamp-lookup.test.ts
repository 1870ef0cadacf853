// A delta run with a few new source records looks them up on the target by Ferry's stamp instead of reading the
// whole target; a record Ferry wrote before is found that way and linked, never written twice.
import { describe, expect, it } from 'vitest';
import { lookupLimit, runPipeline, type RunRequest } from '../../main/engine/run.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { MatchKey } from '../../shared/entities.js';
import type { PipelineConfig } from '../../shared/model.js';
import { MemorySystem } from '../support/memory-system.js';
import { storeWithPipeline } from '../support/temp-store.js';

function setup(o: { match?: MatchKey; stampLookup?: boolean } = {}) {
  const config: PipelineConfig = {
    entities: { customer: { direction: 'to-right', match: o.match ?? 'external-id', deletePolicy: 'propagate', conflictPolicy: 'manual', onlyActive: true } },
    schedule: { everyMinutes: 15, fullAt: null, timeZone: 'UTC', entityEvery: {} },
    deleteGuard: { percent: 100, max: 50 },
  };
  const { store, pipelineId } = storeWithPipeline(config);
  const src = new MemorySystem('s');
  const target = new MemorySystem('t');
  target.caps.customer = { stampLookup: o.stampLookup !== false };
  const state = new SqliteSyncState(store.db, pipelineId);
  let n = 0;
  const run = (mode: RunRequest['mode'] = 'delta') => {
    const runId = `r${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode, scope: {}, startedAt: new Date().toISOString() });
    return runPipeline({ runId, pipelineId, config, left: src.connector(), right: target.connector(), state, mode, dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
  };
  const calls = () => ({ reads: target.calls.read.get('customer') ?? 0, lookups: target.calls.lookup.get('customer') ?? 0 });
  const forgetLink = (sourceId: string) => store.db.prepare("DELETE FROM links WHERE pipeline_id = ? AND entity = 'customer' AND left_id = ?").run(pipelineId, sourceId);
  return { src, target, run, calls, forgetLink };
}

describe('stamp lookups on delta runs', () => {
  it('two new records: looked up, created, the target not read', async () => {
    const t = setup();
    for (let i = 0; i < 30; i++) t.src.addCustomer(`Kunde ${i}`);
    await t.run('full');
    const before = t.calls();
    t.src.addCustomer('Neu 1');
    t.src.addCustomer('Neu 2');
    const r = await t.run();
    expect(r.entities.customer).toMatchObject({ created: 2, unchanged: 30, failed: 0 });
    expect(t.calls()).toEqual({ reads: before.reads, lookups: before.lookups + 2 });
    expect(t.target.customers.size).toBe(32);
  });

  it('a record Ferry wrote whose link was lost is found by its stamp and linked, not created again', async () => {
    const t = setup();
    const ids = [0, 1, 2].map((i) => t.src.addCustomer(`Kunde ${i}`));
    await t.run('full');
    expect(t.forgetLink(ids[1]!).changes).toBe(1);
    const before = t.calls();
    const r = await t.run();
    expect(r.entities.customer).toMatchObject({ created: 0, failed: 0 });
    expect(t.calls()).toEqual({ reads: before.reads, lookups: before.lookups + 1 });
    expect(t.target.customers.size).toBe(3);
    expect((await t.run()).entities.customer).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('reads the target instead: more new records than the limit, a match key other than the stamp, or no cheap lookup', async () => {
    const many = setup();
    many.src.addCustomer('Alt');
    await many.run('full');
    const before = many.calls();
    for (let i = 0; i <= lookupLimit(1); i++) many.src.addCustomer(`Neu ${i}`);
    expect((await many.run()).entities.customer).toMatchObject({ created: lookupLimit(1) + 1 });
    expect(many.calls()).toEqual({ reads: before.reads + 1, lookups: before.lookups });

    for (const t of [setup({ match: 'name' }), setup({ stampLookup: false })]) {
      t.src.addCustomer('Alt');
      await t.run('full');
      const b = t.calls();
      t.src.addCustomer('Neu');
      expect((await t.run()).entities.customer).toMatchObject({ created: 1 });
      expect(t.calls()).toEqual({ reads: b.reads + 1, lookups: b.lookups });
    }
  });

  it('a port that looks up many at once (a CardDAV multiget) is asked once for all of them, never one by one', async () => {
    const t = setup();
    t.target.batchReads = true;
    const ids = [0, 1, 2].map((i) => t.src.addCustomer(`Kunde ${i}`));
    await t.run('full');
    expect(t.forgetLink(ids[1]!).changes).toBe(1);
    t.src.addCustomer('Neu 1');
    t.src.addCustomer('Neu 2');
    t.target.log.length = 0;
    const before = t.calls();
    const r = await t.run();
    expect(r.entities.customer).toMatchObject({ created: 2, failed: 0 });
    expect(t.target.log.filter((l) => l.includes('lookupMany'))).toEqual(['customer lookupMany 3']);
    expect(t.calls()).toEqual({ reads: before.reads, lookups: before.lookups });
    // The record whose link was lost is found in that answer and linked, not written again.
    expect(t.target.customers.size).toBe(5);
    expect(t.target.byName('Kunde 1')).toHaveLength(1);
  });

  it('updates and deletes: the port reads their targets at once before the writes; a prefetch that fails changes nothing', async () => {
    for (const fail of [false, true]) {
      const t = setup();
      t.target.batchReads = true;
      t.target.failPrefetch = fail;
      const ids = [0, 1, 2].map((i) => t.src.addCustomer(`Kunde ${i}`));
      await t.run('full');
      const [t0] = t.target.byName('Kunde 0');
      const [t1] = t.target.byName('Kunde 1');
      t.src.editCustomer(ids[0]!, { phone: '+49 30 1' });
      t.src.customers.delete(ids[1]!);
      t.target.log.length = 0;
      const r = await t.run('full');
      expect(r.entities.customer, `prefetch fails: ${fail}`).toMatchObject({ updated: 1, deleted: 1, failed: 0 });
      expect(t.target.log[0]).toBe(`customer prefetch ${[t0!, t1!].sort().join(',')}`);
      expect(t.target.log.slice(1).sort()).toEqual([`customer delete ${t1!}`, `customer update ${t0!}`]);
      expect(t.target.customers.get(t0!)!.data.phone).toBe('+49 30 1');
      expect(t.target.customers.has(t1!)).toBe(false);
    }
  });
});
