import { afterEach, describe, expect, it } from 'vitest';
import { centronFactory, CentronOptions } from '../../main/connectors/centron/index.js';
import { oneCrmFactory } from '../../main/connectors/onecrm/index.js';
import type { Connector } from '../../main/connectors/types.js';
import { runPipeline } from '../../main/engine/run.js';
import { createNullLogger } from '../../main/log/index.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { PipelineConfig } from '../../shared/model.js';
import { startCentronSimulator, type CentronSimulator } from '../simulators/centron/server.js';
import { startOneCrmSimulator, type OneCrmSimulator } from '../simulators/onecrm/server.js';
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

async function setup(grant: 'password' | 'client_credentials' = 'password') {
  const erp: CentronSimulator = await startCentronSimulator({ users: [{ username: 'ferry', password: 'secret', rights: 'all' }], data: { customers: 25, devices: 0, seed: 3, hostile: true } });
  stops.push(() => erp.stop());
  const crm: OneCrmSimulator = await startOneCrmSimulator({ data: { accounts: 0, contactsPerAccount: 0, cases: 0, seed: 1 } });
  stops.push(() => crm.stop());
  const left: Connector = centronFactory.create({
    config: { id: 'L', kind: 'centron', name: 'erp', url: centronFactory.normalizeUrl(erp.url), username: 'ferry', options: CentronOptions.parse({}) as Record<string, string> },
    secrets: { password: 'secret' },
    log: createNullLogger(),
  });
  const right: Connector = oneCrmFactory.create({
    config: { id: 'R', kind: 'onecrm', name: 'crm', url: crm.url, username: 'admin', options: oneCrmFactory.optionsSchema.parse({ clientId: 'ferry', grant }) },
    secrets: { clientSecret: 'ferry-secret', password: 'secret' },
    log: createNullLogger(),
  });
  stops.push(() => left.close(), () => right.close());
  const { store, pipelineId } = storeWithPipeline(config);
  stops.push(async () => store.close());
  let n = 0;
  const run = async (mode: 'delta' | 'full' = 'full') => {
    const runId = `r${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode, scope: {}, startedAt: new Date().toISOString() });
    const r = await runPipeline({ runId, pipelineId, config, left, right, state: new SqliteSyncState(store.db, pipelineId), mode, dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
    store.runs.finish(runId, { status: r.status, finishedAt: new Date().toISOString(), counts: r.entities, error: r.error });
    return r;
  };
  /** The reasons of the last run's failed items. */
  const failures = () => store.runs.items(`r${n}`).filter((i) => i.action === 'failed').map((i) => `${i.entity}: ${i.reason ?? ''}`);
  /** The ERP customers' names as Ferry reads them. */
  const erpNames = async () => {
    const names: string[] = [];
    for await (const p of left.entity('customer')!.read({})) for (const r of p.records) if (r.data.active) names.push(r.data.name);
    return names;
  };
  return { erp, crm, run, failures, erpNames };
}

describe('onecrm in a pipeline: c-entron customers and contacts → 1CRM Accounts and Contacts', () => {
  it('the first run creates everything (hostile names intact, contacts linked); the second changes nothing; a change arrives', async () => {
    const t = await setup();
    const r1 = await t.run();
    expect(r1.error).toBeNull();
    const created = r1.entities.customer!.created;
    expect(created).toBeGreaterThan(0);
    // An ERP customer without a name cannot become an Account (name is required): that item fails, nothing else.
    expect(r1.entities.customer!.failed).toBeGreaterThan(0);
    for (const f of t.failures()) expect(f).toMatch(/^customer: .*Field 'name' is required/);
    expect(t.crm.state.rows('Account')).toHaveLength(created);
    // Names longer than the field (its length in /meta) arrive cut to it.
    const read = await t.erpNames();
    expect(read.some((n) => [...n].length > 150)).toBe(true);
    const erpNames = new Set(read.map((n) => [...n].slice(0, 150).join('').trim()));
    for (const a of t.crm.state.rows('Account')) {
      expect(erpNames.has(String(a['name']).trim())).toBe(true);
      expect(String(a['description'])).toMatch(/^Ferry-Id: ferry:/);
    }
    expect(r1.entities.contact!.failed).toBe(0);
    expect(r1.entities.contact!.created).toBeGreaterThan(0);
    const contacts = t.crm.state.rows('Contact');
    expect(contacts).toHaveLength(r1.entities.contact!.created);
    for (const c of contacts) expect(t.crm.state.get('Account', String(c['primary_account_id']))).toBeDefined();

    t.crm.resetStats();
    const r2 = await t.run();
    expect(r2.entities.contact).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 });
    expect(r2.entities.customer).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: r1.entities.customer!.failed });
    // The only writes: the nameless customers' creates, tried again and refused again.
    const writes = Object.entries(t.crm.stats.calls).filter(([k]) => /^(POST|PATCH|DELETE) \/data/.test(k));
    expect(writes).toEqual([['PATCH /data/Account/{id}', r1.entities.customer!.failed]]);

    // A change in the ERP reaches the account (a full run), then a delta run finds nothing to do.
    const c = t.erp.state.customers.all().find((x) => x.IsActive && x.Name !== null && !/['"\\]/.test(x.Name))!;
    const renamed = `${c.Name ?? ''} (neu)`;
    t.erp.state.updateCustomer(c.I3D, { Name: renamed });
    const r3 = await t.run();
    expect(r3.entities.customer).toMatchObject({ created: 0, updated: 1, failed: r1.entities.customer!.failed });
    expect(t.crm.state.rows('Account').filter((a) => a['name'] === renamed)).toHaveLength(1);
    const r4 = await t.run('delta');
    expect(r4.entities.customer).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('creates whose answers are lost (every try) are found by their stamp: no duplicate, and the next run is quiet', async () => {
    const t = await setup('client_credentials');
    t.crm.setFaults({ failNext: { route: 'PATCH /data/Account', count: 6, kind: 'drop-after-apply' } });
    const r1 = await t.run();
    const nameless = r1.entities.customer!.failed;
    for (const f of t.failures()) expect(f).toMatch(/^customer: .*Field 'name' is required/);
    expect(t.crm.faults.failNext[0]!.count).toBe(0); // the fault did fire
    const names = t.crm.state.rows('Account').map((a) => String(a['name']));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(r1.entities.customer!.created);
    const r2 = await t.run();
    expect(r2.entities.customer).toMatchObject({ created: 0, updated: 0, failed: nameless });
    expect(t.crm.state.rows('Account')).toHaveLength(names.length);
  });
});
