import { describe, expect, it } from 'vitest';
import { conflicts } from '../../main/app/conflicts.js';
import type { AppContext } from '../../main/app/context.js';
import { runPipeline } from '../../main/engine/run.js';
import { createNullLogger } from '../../main/log/index.js';
import { createMemoryStore } from '../../main/secrets/index.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { PipelineConfig } from '../../shared/model.js';
import { MemorySystem } from '../support/memory-system.js';
import { storeWithPipeline } from '../support/temp-store.js';

function setup() {
  const config: PipelineConfig = {
    entities: { customer: { direction: 'both', match: 'name', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true } },
    schedule: { everyMinutes: 15, fullAt: null, timeZone: 'UTC', entityEvery: {} },
    deleteGuard: { percent: 10, max: 50 },
  };
  const { store, pipelineId, dir } = storeWithPipeline(config);
  const ctx: AppContext = { dataDir: dir, store, secrets: createMemoryStore(), log: createNullLogger(), factories: new Map(), now: () => new Date() };
  const a = new MemorySystem('a');
  const b = new MemorySystem('b');
  let n = 0;
  const run = () => {
    const runId = `r${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode: 'delta', scope: {}, startedAt: new Date().toISOString() });
    return runPipeline({ runId, pipelineId, config, left: a.connector(), right: b.connector(), state: new SqliteSyncState(store.db, pipelineId), mode: 'delta', dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
  };
  return { ctx, a, b, run };
}

async function conflicted() {
  const t = setup();
  const la = t.a.addCustomer('Alpha');
  await t.run();
  const rb = [...t.b.customers.keys()][0]!;
  t.a.editCustomer(la, { phone: 'L-phone', city: 'L-city' });
  t.b.editCustomer(rb, { phone: 'R-phone', city: 'R-city' });
  expect((await t.run()).entities.customer?.conflicts).toBe(1);
  return { ...t, la, rb };
}

describe('the conflict inbox', () => {
  it('keeps both versions and the differing fields; both sides stay untouched', async () => {
    const t = await conflicted();
    const [c] = conflicts.list(t.ctx, 'p');
    expect(c).toMatchObject({ entity: 'customer', leftId: t.la, rightId: t.rb, differing: ['city', 'phone'], resolution: null, closedAt: null });
    expect(c!.left).toMatchObject({ phone: 'L-phone' });
    expect(c!.right).toMatchObject({ phone: 'R-phone' });
    // The base: what both sides held after the last sync.
    expect(c!.base).toMatchObject({ name: 'Alpha', phone: null, city: null });
    await t.run();
    expect(conflicts.list(t.ctx, 'p')).toHaveLength(1); // still one, not a second copy
    expect(t.a.customers.get(t.la)!.data.phone).toBe('L-phone');
    expect(t.b.customers.get(t.rb)!.data.phone).toBe('R-phone');
  });

  it('a decision for the right version is written by the next run, and the conflict closes', async () => {
    const t = await conflicted();
    const [c] = conflicts.list(t.ctx);
    conflicts.resolve(t.ctx, { id: c!.id, take: 'right' });
    const r = await t.run();
    expect(r.entities.customer).toMatchObject({ conflicts: 0, updated: 1 });
    expect(t.a.customers.get(t.la)!.data).toMatchObject({ phone: 'R-phone', city: 'R-city' });
    expect(conflicts.list(t.ctx)).toHaveLength(0);
    expect(conflicts.show(t.ctx, c!.id).closedAt).not.toBeNull();
    expect((await t.run()).entities.customer).toMatchObject({ conflicts: 0, updated: 0, unchanged: 1 });
  });

  it('a field-by-field merge reaches both sides; a merge must name every differing field', async () => {
    const t = await conflicted();
    const [c] = conflicts.list(t.ctx);
    expect(() => conflicts.resolve(t.ctx, { id: c!.id, take: 'merge', fields: { phone: 'left' } })).toThrow(/Missing: city/);
    conflicts.resolve(t.ctx, { id: c!.id, take: 'merge', fields: { phone: 'left', city: 'right' } });
    await t.run();
    for (const d of [t.a.customers.get(t.la)!.data, t.b.customers.get(t.rb)!.data]) expect(d).toMatchObject({ phone: 'L-phone', city: 'R-city' });
    await t.run();
    expect((await t.run()).entities.customer).toMatchObject({ conflicts: 0, updated: 0 });
    expect(conflicts.list(t.ctx)).toHaveLength(0);
  });

  it('a conflict made equal by hand on both sides closes by itself', async () => {
    const t = await conflicted();
    t.b.editCustomer(t.rb, { phone: 'L-phone', city: 'L-city' });
    await t.run();
    expect(conflicts.list(t.ctx)).toHaveLength(0);
  });
});
