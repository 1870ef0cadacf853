import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/app/context.js';
import { undoRun } from '../../main/app/undo.js';
import { runPipeline } from '../../main/engine/run.js';
import { createNullLogger } from '../../main/log/index.js';
import { createMemoryStore } from '../../main/secrets/index.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { PipelineConfig } from '../../shared/model.js';
import { MemoryErp } from '../support/memory-erp.js';
import { MemorySystem } from '../support/memory-system.js';
import { erpRmmConfig, storeWithPipeline } from '../support/temp-store.js';

function setup() {
  const config: PipelineConfig = { ...erpRmmConfig(), entities: { customer: { direction: 'to-right', match: 'number', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true } } };
  const { store, pipelineId, dir } = storeWithPipeline(config);
  const ctx: AppContext = { dataDir: dir, store, secrets: createMemoryStore(), log: createNullLogger(), factories: new Map(), now: () => new Date() };
  const erp = new MemoryErp();
  const target = new MemorySystem('t');
  let n = 0;
  const run = async (mode: 'delta' | 'full' = 'full') => {
    const runId = `u${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode, scope: {}, startedAt: new Date().toISOString() });
    const r = await runPipeline({ runId, pipelineId, config, left: erp.connector(), right: target.connector(), state: new SqliteSyncState(store.db, pipelineId), mode, dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
    store.runs.finish(runId, { status: r.status, finishedAt: new Date(Date.now() + 1).toISOString(), counts: r.entities, error: r.error });
    return runId;
  };
  const undo = (runId: string) => undoRun(ctx, runId, { left: erp.connector(), right: target.connector() });
  return { ctx, store, erp, target, run, undo, pipelineId };
}

describe('undo of a run', () => {
  it('removes what the run created and pauses the pipeline', async () => {
    const t = setup();
    t.erp.customer('1', 'Alpha', '1');
    t.erp.customer('2', 'Beta', '2');
    const r1 = await t.run();
    expect(t.target.customers.size).toBe(2);
    const u = await t.undo(r1);
    expect(u.undone).toHaveLength(2);
    expect(t.target.customers.size).toBe(0);
    expect(u.paused).toBe(true);
    expect(t.store.pipelines.byName(t.pipelineId)!.paused).toBe(true);
  });

  it('writes back the values a run overwrote, unless they changed since; never forces', async () => {
    const t = setup();
    t.erp.customer('1', 'Alpha', '1');
    t.erp.customer('2', 'Beta', '2');
    await t.run();
    t.erp.customer('1', 'Alpha neu', '1');
    t.erp.customer('2', 'Beta neu', '2');
    const r2 = await t.run(); // full: the target is read, so the old values are recorded
    const beta = t.target.byName('Beta neu')[0]!;
    t.target.editCustomer(beta, { name: 'Beta (von Hand)' }); // changed since: must not be undone
    const u = await t.undo(r2);
    expect(u.undone.map((x) => x.what)).toEqual(['restored name']);
    expect(t.target.byName('Alpha')).toHaveLength(1);
    expect(u.notUndone).toEqual([expect.objectContaining({ why: 'changed since this run wrote it' })]);
    expect(t.target.byName('Beta (von Hand)')).toHaveLength(1);
  });

  it('an unknown run cannot be undone, with a hint', async () => {
    const t = setup();
    await expect(t.undo('nope')).rejects.toMatchObject({ category: 'not-found' });
  });
});
