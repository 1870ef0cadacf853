// 1CRM's client-credentials grant needs the client secret only: the connection is complete without a password.
import { afterAll, describe, expect, it } from 'vitest';
import { connections } from '../../main/app/connections.js';
import { startOneCrmSimulator } from '../simulators/onecrm/server.js';
import { appContext } from '../support/app-context.js';

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

describe('1CRM secrets by grant', () => {
  it('client credentials: tested ok with the client secret alone; the password grant still asks for its password', async () => {
    const sim = await startOneCrmSimulator({ data: { accounts: 2, contactsPerAccount: 1, cases: 0, seed: 1 } });
    stops.push(() => sim.stop());
    const ctx = appContext('ferry-onecrm-');
    stops.push(async () => ctx.store.close());
    await connections.create(ctx, { kind: 'onecrm', name: 'cc', url: sim.url, username: 'admin', options: { clientId: 'ferry', grant: 'client_credentials' }, secret: 'ferry-secret' });
    expect((await connections.show(ctx, 'cc')).secret).toBe('set');
    expect(await connections.test(ctx, 'cc')).toMatchObject({ category: 'ok' });

    await connections.create(ctx, { kind: 'onecrm', name: 'pw', url: sim.url, username: 'admin', options: { clientId: 'ferry' }, secret: 'ferry-secret' });
    expect((await connections.show(ctx, 'pw')).secret).toBe('not-set');
    await expect(connections.test(ctx, 'pw')).rejects.toMatchObject({ category: 'needs-credentials' });
    await connections.setSecret(ctx, 'pw', 'secret', 'password');
    expect(await connections.test(ctx, 'pw')).toMatchObject({ category: 'ok' });
  });
});
