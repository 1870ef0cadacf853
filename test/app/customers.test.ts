import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../../main/app/connections.js';
import { callOperation } from '../../main/app/operations.js';
import { pipelines } from '../../main/app/pipelines.js';
import { executeRun } from '../../main/app/runs.js';
import { RmmStandinState } from '../../main/demo/rmm-standin.js';
import { startCentronSimulator, type CentronSimulator } from '../simulators/centron/server.js';
import { appContext } from '../support/app-context.js';

describe('customers.search: the customers a pipeline has linked, for "sync one customer"', () => {
  let sim: CentronSimulator;
  let ctx: ReturnType<typeof appContext>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    sim = await startCentronSimulator({ data: { customers: 0, devices: 0, seed: 4 } });
    for (const [name, number] of [['Müller GmbH', 10001], ['Bäckerei Schulz', 10002], ['Schulze & Co', 10003]] as const) ids[name] = String(sim.state.addCustomer({ Name: name, Number: number }).I3D);
    ctx = appContext('ferry-customers-');
    const rmmFile = path.join(ctx.dataDir, 'rmm.json');
    new RmmStandinState().save(rmmFile);
    await connections.create(ctx, { kind: 'centron', name: 'erp', url: sim.url, username: 'ferry', secret: 'secret' });
    await connections.create(ctx, { kind: 'rmm-standin', name: 'rmm', url: pathToFileURL(rmmFile).href }, { allowHidden: true });
    pipelines.create(ctx, { name: 'p', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }] });
    pipelines.create(ctx, { name: 'never-run', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }] });
    const r = await executeRun(ctx, { pipeline: 'p', mode: 'full' });
    expect(r.status).toBe('ok');
    // A customer added after the run is not linked yet: it is not offered.
    sim.state.addCustomer({ Name: 'Neu AG', Number: 10004 });
  });
  afterAll(async () => {
    ctx.store.close();
    await sim.stop();
  });

  it('lists every linked customer with name and number from the ERP, sorted', async () => {
    const all = await callOperation({ ctx }, 'customers.search', { pipeline: 'p', query: '' });
    expect(all.map((c) => c.label)).toEqual(['Bäckerei Schulz (10002)', 'Müller GmbH (10001)', 'Schulze & Co (10003)']);
    const links = ctx.store.db.prepare("SELECT left_id, right_id FROM links WHERE entity = 'customer'").all() as { left_id: string; right_id: string }[];
    expect(all.map((c) => `${c.leftId}>${c.rightId}`).sort()).toEqual(links.map((l) => `${l.left_id}>${l.right_id}`).sort());
  });

  it('filters case-insensitively on name, number and either id; honours the limit', async () => {
    const search = (query: string, limit?: number) => callOperation({ ctx }, 'customers.search', { pipeline: 'p', query, ...(limit ? { limit } : {}) });
    expect((await search('SCHULZ')).map((c) => c.label)).toEqual(['Bäckerei Schulz (10002)', 'Schulze & Co (10003)']);
    expect((await search('10001')).map((c) => c.label)).toEqual(['Müller GmbH (10001)']);
    // An id matches whole and comes first (numbers may contain it as a part).
    expect((await search(ids['Schulze & Co']!))[0]!.leftId).toBe(ids['Schulze & Co']);
    const right = (await search('Müller'))[0]!.rightId;
    expect((await search(right))[0]!.rightId).toBe(right);
    expect(await search('Neu AG')).toEqual([]);
    expect(await search('', 2)).toHaveLength(2);
  });

  it('a pipeline without links offers nothing; unknown pipeline and missing credentials are errors with hints', async () => {
    expect(await callOperation({ ctx }, 'customers.search', { pipeline: 'never-run', query: '' })).toEqual([]);
    await expect(callOperation({ ctx }, 'customers.search', { pipeline: 'nope', query: '' })).rejects.toMatchObject({ category: 'not-found' });
    const erp = ctx.store.connections.byName('erp')!;
    await ctx.secrets.deleteAll(erp.id);
    await expect(callOperation({ ctx }, 'customers.search', { pipeline: 'p', query: '' })).rejects.toMatchObject({ category: 'needs-credentials', hint: expect.stringContaining('set-secret') as string });
  });
});
