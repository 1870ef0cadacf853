// 1CRM acting for one user: only that user's records are read (1CRM's /meta offers no owner filter here, so Ferry
// reads assigned_user_id and keeps theirs), and what Ferry creates is assigned to them.
import { afterAll, describe, expect, it } from 'vitest';
import { oneCrmFactory } from '../../main/connectors/onecrm/index.js';
import type { Connector, EntityPort, RemoteRecord } from '../../main/connectors/types.js';
import { createNullLogger } from '../../main/log/index.js';
import type { Customer, EntityName } from '../../shared/entities.js';
import { startOneCrmSimulator, type OneCrmSimulator } from '../simulators/onecrm/server.js';

let sim: OneCrmSimulator;
const open: Connector[] = [];
afterAll(async () => {
  for (const c of open) await c.close();
  await sim.stop();
});

async function all<E extends EntityName>(port: EntityPort<E>): Promise<RemoteRecord<E>[]> {
  const out: RemoteRecord<E>[] = [];
  for await (const p of port.read({})) out.push(...p.records);
  return out;
}
const customer = (name: string): Customer => ({ number: null, name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true });

describe('onecrm: acting for a user', () => {
  it('reads only the user\'s accounts, contacts and cases, and assigns new records to the user', async () => {
    sim = await startOneCrmSimulator({ data: { accounts: 12, contactsPerAccount: 1, cases: 6, seed: 3 } });
    const conn = oneCrmFactory.create({ config: { id: 'c', kind: 'onecrm', name: 'crm', url: sim.url, username: 'admin', options: oneCrmFactory.optionsSchema.parse({ clientId: 'ferry' }) }, secrets: { clientSecret: 'ferry-secret', password: 'secret' }, log: createNullLogger() });
    open.push(conn);
    expect(oneCrmFactory.users).toBe('directory');
    const jörg = (await conn.users!()).find((u) => u.login === 'jmueller')!;
    const his = conn.forUser!(jörg);
    for (const [entity, model] of [['customer', 'Account'], ['contact', 'Contact'], ['ticket', 'Case']] as const) {
      const owned = sim.state.rows(model).filter((r) => r['assigned_user_id'] === jörg.id).map((r) => String(r['id'])).sort();
      const read = (await all(his.entity(entity)!)).map((r) => r.id).sort();
      if (model === 'Account') expect(owned.length).toBeGreaterThan(0);
      expect(read, model).toEqual(owned);
      expect((await all(conn.entity(entity)!)).length, model).toBe(sim.state.rows(model).length);
    }
    const made = await his.entity('customer')!.create!(customer('Jörgs Neukunde GmbH'), { stamp: 'ferry:P:customer:jörg-1' });
    expect(sim.state.get('Account', made.id)).toMatchObject({ assigned_user_id: jörg.id });
    expect((await all(his.entity('customer')!)).map((r) => r.id)).toContain(made.id);
    await his.close();
    // Closing the user's view leaves the connection usable.
    expect((await all(conn.entity('customer')!)).map((r) => r.id)).toContain(made.id);
  });
});
