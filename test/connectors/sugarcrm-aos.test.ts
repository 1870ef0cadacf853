// SuiteCRM's AOS modules: contracts ↔ AOS_Contracts, invoices ↔ AOS_Invoices, against the SugarCRM simulator.
import { afterEach, describe, expect, it } from 'vitest';
import { outcomeUnknown } from '../../main/connectors/http/errors.js';
import { sugarFactory } from '../../main/connectors/sugarcrm/index.js';
import type { Connector, EntityPort, RemoteRecord } from '../../main/connectors/types.js';
import { createNullLogger } from '../../main/log/index.js';
import type { Contract, EntityName, Invoice } from '../../shared/entities.js';
import { startSugarSimulator, type SugarSimulator } from '../simulators/sugarcrm/server.js';

const open: { sim: SugarSimulator; conn: Connector }[] = [];
afterEach(async () => {
  for (const { sim, conn } of open.splice(0)) {
    await conn.close();
    await sim.stop();
  }
});

async function setup(aosModules: boolean) {
  const sim = await startSugarSimulator({ aosModules, data: { accounts: 3, contactsPerAccount: 0, cases: 0, seed: 2 } });
  const conn = sugarFactory.create({ config: { id: 'c', kind: 'sugarcrm', name: 'crm', url: sim.url, username: 'admin', options: {} }, secrets: { password: 'secret' }, log: createNullLogger() });
  open.push({ sim, conn });
  return { sim, contracts: conn.entity('contract')!, invoices: conn.entity('invoice')! };
}
async function all<E extends EntityName>(port: EntityPort<E>): Promise<RemoteRecord<E>[]> {
  const out: RemoteRecord<E>[] = [];
  for await (const p of port.read({})) out.push(...p.records);
  return out;
}
const live = (sim: SugarSimulator, m: string) => [...sim.state.table(m).values()].filter((r) => r['deleted'] === '0');

describe('sugarcrm AOS contracts and invoices', () => {
  it('reads the generated contracts and invoices with their account, dates as whole days', async () => {
    const { sim, contracts, invoices } = await setup(true);
    const cs = await all(contracts);
    expect(cs).toHaveLength(live(sim, 'AOS_Contracts').length);
    const raw = live(sim, 'AOS_Contracts').find((r) => r['id'] === cs[0]!.id)!;
    expect(cs[0]!.data).toMatchObject({ customerId: raw['contract_account_id'], caption: raw['name'], number: null });
    if (raw['start_date']) expect(cs[0]!.data.start).toBe(`${raw['start_date']}T00:00:00.000Z`);
    const is = await all(invoices);
    expect(is).toHaveLength(live(sim, 'AOS_Invoices').length);
    const inv = live(sim, 'AOS_Invoices').find((r) => r['id'] === is[0]!.id)!;
    expect(is[0]!.data).toMatchObject({ customerId: inv['billing_account_id'], number: inv['number'] || null });
  });

  it('writes a contract and an invoice; what it reads back is what storedForm predicts (no update loop)', async () => {
    const { sim, contracts, invoices } = await setup(true);
    const account = String(live(sim, 'Accounts')[0]!['id']);
    const c: Contract = { customerId: account, number: 'V-7', caption: 'Wartung Server "Süd" & Co', start: '2026-01-01T00:00:00+01:00', end: null };
    const made = await contracts.create!(c, { stamp: 'ferry:P:contract:7' });
    const back = (await all(contracts)).find((r) => r.id === made.id)!;
    expect(back.data).toEqual(contracts.storedForm!(c));
    expect(live(sim, 'AOS_Contracts').find((r) => r['id'] === made.id)).toMatchObject({ start_date: '2026-01-01', contract_account_id: account });
    const i: Invoice = { customerId: account, number: '4711', date: '2026-11-20T00:00:00.000Z', total: 1234.5, currency: 'EUR' };
    const inv = await invoices.create!(i, { stamp: 'ferry:P:invoice:4711' });
    expect((await all(invoices)).find((r) => r.id === inv.id)!.data).toEqual(invoices.storedForm!(i));
  });

  for (const entity of ['contract', 'invoice'] as const) {
    it(`${entity}: write applied, answer lost → outcome unknown, lookup finds the record by its stamp, no duplicate`, async () => {
      const { sim, contracts, invoices } = await setup(true);
      const module = entity === 'contract' ? 'AOS_Contracts' : 'AOS_Invoices';
      const before = live(sim, module).length;
      sim.setFaults({ failNext: { method: 'set_entry', count: 1, kind: 'drop-after-apply' } });
      const port = (entity === 'contract' ? contracts : invoices) as EntityPort<'contract' | 'invoice'>;
      const data = entity === 'contract' ? { customerId: null, number: null, caption: 'Verloren', start: null, end: null } : { customerId: null, number: '99', date: null, total: 1, currency: null };
      const err: unknown = await port.create!(data as never, { stamp: `lost-${entity}` }).catch((e: unknown) => e);
      expect(outcomeUnknown(err)).toBe(true);
      expect(live(sim, module)).toHaveLength(before + 1);
      expect(await port.lookup!({ stamp: `lost-${entity}`, natural: null })).toMatchObject({ stamp: `lost-${entity}` });
      expect(live(sim, module)).toHaveLength(before + 1);
    });
  }

  it('SugarCRM CE without the AOS modules: reading contracts is unsupported, with a hint naming SuiteCRM', async () => {
    const { contracts } = await setup(false);
    expect(contracts.capabilities.note).toMatch(/SuiteCRM only/);
    const err: unknown = await all(contracts).catch((e: unknown) => e);
    expect(err).toMatchObject({ category: 'unsupported', hint: expect.stringContaining('SuiteCRM') });
  });
});
