import { afterEach, describe, expect, it } from 'vitest';
import { centronFactory, CentronOptions } from '../../main/connectors/centron/index.js';
import { sugarFactory } from '../../main/connectors/sugarcrm/index.js';
import type { Connector } from '../../main/connectors/types.js';
import { runPipeline } from '../../main/engine/run.js';
import { createNullLogger } from '../../main/log/index.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { PipelineConfig } from '../../shared/model.js';
import { startCentronSimulator, type CentronSimulator } from '../simulators/centron/server.js';
import { startSugarSimulator, type SugarSimulator } from '../simulators/sugarcrm/server.js';
import { storeWithPipeline } from '../support/temp-store.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

const config: PipelineConfig = {
  entities: {
    customer: { direction: 'to-right', match: 'name', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true },
    contact: { direction: 'to-right', match: 'external-id', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true },
  },
  schedule: { everyMinutes: 60, fullAt: '23:55', timeZone: 'Europe/Berlin', entityEvery: {} },
  deleteGuard: { percent: 10, max: 50 },
};

async function setup() {
  const erp: CentronSimulator = await startCentronSimulator({ users: [{ username: 'ferry', password: 'secret', rights: 'all' }], data: { customers: 25, devices: 0, seed: 3, hostile: true } });
  stops.push(() => erp.stop());
  let now = Date.UTC(2026, 10, 21, 21, 0, 0);
  const crm: SugarSimulator = await startSugarSimulator({ data: { accounts: 0, contactsPerAccount: 0, cases: 0, seed: 1 }, now: () => now });
  stops.push(() => crm.stop());
  const left: Connector = centronFactory.create({
    config: { id: 'L', kind: 'centron', name: 'erp', url: centronFactory.normalizeUrl(erp.url), username: 'ferry', options: CentronOptions.parse({}) as Record<string, string> },
    secrets: { password: 'secret' },
    log: createNullLogger(),
  });
  const right: Connector = sugarFactory.create({ config: { id: 'R', kind: 'sugarcrm', name: 'crm', url: crm.url, username: 'admin', options: {} }, secrets: { password: 'secret' }, log: createNullLogger() });
  stops.push(() => left.close(), () => right.close());
  const { store, pipelineId } = storeWithPipeline(config);
  stops.push(async () => store.close());
  let n = 0;
  const run = async (mode: 'delta' | 'full' = 'full') => {
    const runId = `r${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode, scope: {}, startedAt: new Date().toISOString() });
    const r = await runPipeline({ runId, pipelineId, config, left, right, state: new SqliteSyncState(store.db, pipelineId), mode, dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
    store.runs.finish(runId, { status: r.status, finishedAt: new Date().toISOString(), counts: r.entities, error: r.error });
    now += 60_000;
    return r;
  };
  const live = (module: string) => [...crm.state.table(module).values()].filter((r) => r['deleted'] === '0');
  return { erp, crm, run, live };
}

describe('sugarcrm in a pipeline: c-entron customers and contacts → SugarCRM Accounts and Contacts', () => {
  it('the first run creates everything (hostile names intact, contacts linked); the second changes nothing', async () => {
    const t = await setup();
    const r1 = await t.run();
    expect(r1.error).toBeNull();
    const created = r1.entities.customer!.created;
    expect(created).toBeGreaterThan(0);
    expect(r1.entities.customer!.failed).toBe(0);
    expect(t.live('Accounts')).toHaveLength(created);
    const erpNames = new Set(t.erp.state.customers.all().filter((c) => c.IsActive).map((c) => c.Name));
    for (const a of t.live('Accounts')) expect(erpNames.has(String(a['name']))).toBe(true);
    expect(r1.entities.contact!.failed).toBe(0);
    expect(r1.entities.contact!.created).toBeGreaterThan(0);
    const contacts = t.live('Contacts');
    expect(contacts).toHaveLength(r1.entities.contact!.created);
    for (const c of contacts) expect(t.crm.state.accountsOfContact(String(c['id']))).toHaveLength(1);

    t.crm.resetStats();
    const r2 = await t.run();
    expect(r2.error).toBeNull();
    for (const e of ['customer', 'contact'] as const) expect(r2.entities[e]).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 });
    expect(t.crm.stats.calls['set_entry'] ?? 0).toBe(0);

    // A change in the ERP reaches the account (a full run), then a delta run finds nothing to do.
    const c = t.erp.state.customers.all().find((x) => x.IsActive && x.Name !== null && !/['"\\]/.test(x.Name))!;
    const renamed = `${c.Name ?? ''} (neu)`;
    t.erp.state.updateCustomer(c.I3D, { Name: renamed });
    const r3 = await t.run();
    expect(r3.entities.customer).toMatchObject({ created: 0, updated: 1, failed: 0 });
    expect(t.live('Accounts').filter((a) => a['name'] === renamed)).toHaveLength(1);
    const r4 = await t.run('delta');
    expect(r4.entities.customer).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 });
  });

  it('a create whose answer is lost is found by its stamp: no duplicate account', async () => {
    const t = await setup();
    t.crm.setFaults({ failNext: { method: 'set_entry', count: 1, kind: 'drop-after-apply' } });
    const r1 = await t.run();
    expect(r1.entities.customer!.failed).toBe(0);
    expect(t.crm.faults.failNext[0]!.count).toBe(0); // the fault did fire
    const names = t.live('Accounts').map((a) => String(a['name']));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(r1.entities.customer!.created);
    const r2 = await t.run();
    expect(r2.entities.customer).toMatchObject({ created: 0, updated: 0, failed: 0 });
  });
});
