// What a connection can do follows what its last successful test found: a SugarCRM CE without SuiteCRM's AOS
// modules offers no contracts or invoices (with the reason), a SuiteCRM does.
import { afterAll, describe, expect, it } from 'vitest';
import { connections } from '../../main/app/connections.js';
import { callOperation } from '../../main/app/operations.js';
import { startSugarSimulator } from '../simulators/sugarcrm/server.js';
import { appContext } from '../support/app-context.js';

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

describe('capabilities after the connection test', () => {
  it('SugarCRM CE: contracts and invoices are off after the test, with the modules found; SuiteCRM keeps them', async () => {
    const ctx = appContext('ferry-tested-caps-');
    stops.push(async () => ctx.store.close());
    for (const [name, aosModules] of [['ce', false], ['suite', true]] as const) {
      const sim = await startSugarSimulator({ aosModules, data: { accounts: 1, contactsPerAccount: 0, cases: 0, seed: 1 } });
      stops.push(() => sim.stop());
      await connections.create(ctx, { kind: 'sugarcrm', name, url: sim.url, username: 'admin', secret: 'secret' });
    }
    const caps = async (name: string) => Object.fromEntries((await callOperation({ ctx }, 'connections.capabilities', { name })).map((c) => [c.entity, c]));
    // Before any test: what the kind offers.
    expect((await caps('ce'))['contract']).toMatchObject({ read: true, write: true });
    expect(await connections.test(ctx, 'ce')).toMatchObject({ category: 'ok' });
    expect(await connections.test(ctx, 'suite')).toMatchObject({ category: 'ok' });
    const ce = await caps('ce');
    expect(ce['contract']).toMatchObject({ read: false, write: false, note: expect.stringContaining('no AOS_Contracts module') });
    expect(ce['invoice']).toMatchObject({ read: false, write: false, note: expect.stringContaining('no AOS_Invoices module') });
    expect(ce['customer']).toMatchObject({ read: true, write: true });
    const suite = await caps('suite');
    expect(suite['contract']).toMatchObject({ read: true, write: true });
    expect(suite['invoice']).toMatchObject({ read: true, write: true });
  });
});
