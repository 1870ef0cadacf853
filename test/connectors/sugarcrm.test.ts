import { afterEach, describe, expect, it } from 'vitest';
import { outcomeUnknown } from '../../main/connectors/http/errors.js';
import { normalizeSugarUrl, sugarFactory } from '../../main/connectors/sugarcrm/index.js';
import { SugarClient, sqlString } from '../../main/connectors/sugarcrm/client.js';
import { OVERLAP_MS, PAGE_SIZE } from '../../main/connectors/sugarcrm/records.js';
import type { Connector, EntityPort, RecordPage } from '../../main/connectors/types.js';
import { createNullLogger } from '../../main/log/index.js';
import type { Customer, EntityName } from '../../shared/entities.js';
import { startSugarSimulator, sugarDate, type SugarSimulator, type SugarSimulatorOptions } from '../simulators/sugarcrm/server.js';

const T0 = Date.UTC(2026, 10, 21, 21, 0, 0);
let now = T0;
const open: { sim: SugarSimulator; conn: Connector }[] = [];

async function setup(o: SugarSimulatorOptions = {}, password = 'secret', url?: (sim: SugarSimulator) => string) {
  now = T0;
  const sim = await startSugarSimulator({ data: { accounts: 10, contactsPerAccount: 1, cases: 0, seed: 1 }, now: () => now, ...o });
  const conn = sugarFactory.create({
    config: { id: 'c1', kind: 'sugarcrm', name: 'crm', url: url ? url(sim) : sim.url, username: 'admin', options: {} },
    secrets: { password },
    log: createNullLogger(),
  });
  open.push({ sim, conn });
  return { sim, conn, accounts: conn.entity('customer')!, contacts: conn.entity('contact')! };
}

afterEach(async () => {
  for (const { sim, conn } of open.splice(0)) {
    await conn.close();
    await sim.stop();
  }
});

async function readAll<E extends EntityName>(port: EntityPort<E>, since: string | null = null): Promise<RecordPage<E>[]> {
  const pages: RecordPage<E>[] = [];
  for await (const p of port.read({ since })) pages.push(p);
  return pages;
}

const live = (sim: SugarSimulator, module: string) => [...sim.state.table(module).values()].filter((r) => r['deleted'] === '0');
const customer = (name: string, extra: Partial<Customer> = {}): Customer => ({
  number: null, name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true, ...extra,
});

describe('sugarcrm: URLs, endpoint probing, login and error classes', () => {
  it('normalizes the site URL and pasted endpoint or page URLs', () => {
    expect(normalizeSugarUrl('https://crm.example.com')).toBe('https://crm.example.com/');
    expect(normalizeSugarUrl('https://crm.example.com/suite/service/v4_1/rest.php')).toBe('https://crm.example.com/suite/');
    expect(normalizeSugarUrl('https://crm.example.com/legacy/service/v4_1/rest.php')).toBe('https://crm.example.com/');
    expect(normalizeSugarUrl('https://crm.example.com/index.php?module=Home&action=index')).toBe('https://crm.example.com/');
    expect(normalizeSugarUrl('https://crm.example.com/public/')).toBe('https://crm.example.com/');
    expect(() => normalizeSugarUrl('crm.example.com')).toThrow(expect.objectContaining({ category: 'input' }) as Error);
    expect(() => normalizeSugarUrl('https://admin:pw@crm.example.com/')).toThrow(expect.objectContaining({ category: 'input' }) as Error);
  });

  it('logs in with the md5 password: test ok; a pasted rest.php URL works too', async () => {
    const { conn } = await setup({}, 'secret', (s) => s.endpoint);
    const r = await conn.test();
    expect(r).toMatchObject({ category: 'ok', details: { userId: '1', version: '6.5.24' } });
    expect(String(r.details?.['endpoint'])).toBe('/service/v4_1/rest.php');
    expect(r.details?.['modules']).toBe('Accounts,Contacts,Cases');
  });

  it('a wrong password is auth with a hint', async () => {
    const { conn } = await setup({}, 'wrong');
    const r = await conn.test();
    expect(r.category).toBe('auth');
    expect(r.message).toContain('Invalid Login');
    expect(r.hint).toContain('password');
  });

  it('finds SuiteCRM 8\'s legacy endpoint by probing', async () => {
    const { conn, accounts, sim } = await setup({ legacyPath: true, aosModules: true });
    const r = await conn.test();
    expect(r.category).toBe('ok');
    expect(r.details?.['endpoint']).toBe('/legacy/service/v4_1/rest.php');
    expect(r.details?.['modules']).toBe('Accounts,Contacts,Cases,AOS_Contracts,AOS_Invoices');
    const pages = await readAll(accounts);
    expect(pages.flatMap((p) => p.records)).toHaveLength(live(sim, 'Accounts').length);
  });

  it('an unreachable server is unreachable; a site without the API is config', async () => {
    const dead = sugarFactory.create({ config: { id: 'd', kind: 'sugarcrm', name: 'd', url: 'http://127.0.0.1:9/', username: 'admin', options: {} }, secrets: { password: 'x' }, log: createNullLogger() });
    expect((await dead.test()).category).toBe('unreachable');
    await dead.close();
    const { conn } = await setup({}, 'secret', (s) => `${s.url}/elsewhere/`);
    const r = await conn.test();
    expect(r.category).toBe('config');
    expect(r.message).toContain('no v4_1 REST API');
  });

  it('a PHP fatal error page is config with a hint about the API parameters or the PHP version', async () => {
    const { conn, sim } = await setup();
    sim.setFaults({ failNext: { method: 'login', count: 1, kind: 'php-fatal', httpStatus: 200 } });
    const r = await conn.test();
    expect(r.category).toBe('config');
    expect(r.message).toContain('PHP error');
    expect(r.hint).toMatch(/PHP/);
    expect(r.hint).toMatch(/API/);
  });

  it('an expired session logs in again once and the call goes on', async () => {
    const { conn, accounts, sim } = await setup();
    expect((await conn.test()).category).toBe('ok');
    sim.resetStats();
    sim.state.expireSessions();
    const pages = await readAll(accounts);
    expect(pages.flatMap((p) => p.records).length).toBe(live(sim, 'Accounts').length);
    expect(sim.stats.calls['login']).toBe(1);
  });

  it('a session the server rejects again right after login is auth, not a loop', async () => {
    const { accounts, sim } = await setup();
    sim.setFaults({ sessionExpiryAfterCalls: 0 });
    await expect(readAll(accounts)).rejects.toMatchObject({ category: 'auth' });
    expect(sim.stats.calls['login']).toBe(2);
  });

  it('preflight passes with real calls', async () => {
    const { conn } = await setup();
    const checks = await conn.preflight();
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['sugarcrm.login', 'pass'],
      ['sugarcrm.accounts', 'pass'],
      ['sugarcrm.contacts', 'pass'],
      ['sugarcrm.fields', 'pass'],
    ]);
  });
});

describe('sugarcrm: reading', () => {
  it('reads all accounts page by page, HTML-decoded, without duplicates', async () => {
    const { accounts, sim } = await setup({ data: { accounts: PAGE_SIZE * 2 + 17, contactsPerAccount: 0, cases: 0, seed: 2 } });
    const pages = await readAll(accounts);
    expect(pages.length).toBe(3);
    const records = pages.flatMap((p) => p.records);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records.length).toBe(live(sim, 'Accounts').length);
    const names = new Set(records.map((r) => r.data.name));
    expect(names.has('O\'Brien & Söhne GmbH') || [...names].some((n) => n.includes('\''))).toBe(true);
    for (const r of records) expect(r.data.name).not.toMatch(/&#039;|&amp;|&quot;/);
    expect(pages.at(-1)!.nextCursor).toBe(sugarDate(T0 - OVERLAP_MS));
  });

  it('reads contacts with the account they are linked to', async () => {
    const { contacts, sim } = await setup();
    const records = (await readAll(contacts)).flatMap((p) => p.records);
    expect(records.length).toBe(live(sim, 'Contacts').length);
    for (const r of records) expect(r.data.customerId).toBe(sim.state.accountsOfContact(r.id)[0] ?? null);
    expect(records.some((r) => r.data.customerId !== null)).toBe(true);
  });

  it('a delta since the cursor returns changed and new records and tombstones, not the rest', async () => {
    const { accounts, sim } = await setup();
    now += 10 * 60_000; // the generated records are older than the first read's overlap
    const first = await readAll(accounts);
    const cursor = first.at(-1)!.nextCursor!;
    const [a, b] = live(sim, 'Accounts');
    now += 10 * 60_000;
    sim.state.write('Accounts', { id: String(a!['id']), phone_office: '+49 89 999' });
    sim.state.softDelete('Accounts', String(b!['id']));
    const created = sim.state.write('Accounts', { name: 'Neu & Co. KG' })!;
    const pages = await readAll(accounts, cursor);
    const recs = pages.flatMap((p) => p.records);
    expect(recs.map((r) => r.id).sort()).toEqual([a!['id'], created['id']].sort());
    expect(recs.find((r) => r.id === a!['id'])!.data.phone).toBe('+49 89 999');
    expect(recs.find((r) => r.id === created['id'])!.data.name).toBe('Neu & Co. KG');
    expect(pages.at(-1)!.deleted).toEqual([b!['id']]);
    expect(pages.at(-1)!.nextCursor).toBe(sugarDate(now - OVERLAP_MS));
    // Within the overlap: the same changes again (the engine sees them as unchanged), nothing is lost.
    now += 30_000;
    const again = await readAll(accounts, pages.at(-1)!.nextCursor!);
    expect(again.flatMap((p) => p.records).map((r) => r.id).sort()).toEqual([a!['id'], created['id']].sort());
    // Past the overlap: nothing.
    now += 10 * 60_000;
    const quiet = await readAll(accounts, sugarDate(now - OVERLAP_MS));
    expect(quiet.flatMap((p) => p.records)).toEqual([]);
    expect(quiet.at(-1)!.deleted).toEqual([]);
  });
});

describe('sugarcrm: writing', () => {
  const hostile = ['O\'Brien & Söhne "Zur Mühle"', 'Pfad\\Backslash IT', 'D\'Angelo \\\' Trick', 'Müller\'\'s <b>Quote</b>', 'x\' OR \'1\'=\'1'];

  it('names with quotes and backslashes round trip and are found by an exact query', async () => {
    const { accounts, sim } = await setup();
    const ids: string[] = [];
    for (const [i, name] of hostile.entries()) ids.push((await accounts.create!(customer(name), { stamp: `stamp-${i}` })).id);
    for (const [i, id] of ids.entries()) expect(sim.state.table('Accounts').get(id)!['name']).toBe(hostile[i]);
    const read = (await readAll(accounts)).flatMap((p) => p.records);
    for (const [i, id] of ids.entries()) expect(read.find((r) => r.id === id)!.data.name).toBe(hostile[i]);
    // The query path: every name found by an exact comparison, and only that record.
    const c = new SugarClient({ url: `${sim.url}/`, username: 'admin', password: 'secret', log: createNullLogger() });
    try {
      for (const [i, name] of hostile.entries()) {
        const l = await c.entryList({ module: 'Accounts', query: `accounts.name = ${sqlString(name)}`, orderBy: '', offset: 0, fields: ['id', 'name'], max: 10, deleted: false });
        expect(l.entries.map((e) => e.id)).toEqual([ids[i]]);
        expect(l.entries[0]!.values['name']).toBe(name);
      }
    } finally {
      await c.close();
    }
  });

  it('creates and updates accounts and contacts, linked, with Ferry\'s stamp', async () => {
    const { accounts, contacts, sim } = await setup();
    const acc = await accounts.create!(customer('Ferry Test GmbH', { city: 'München', phone: '+49 1' }), { stamp: 'st-acc' });
    expect(acc.data).toEqual(customer('Ferry Test GmbH', { city: 'München', phone: '+49 1' }));
    const con = await contacts.create!({ customerId: acc.id, firstName: 'Jörg', lastName: 'O\'Neill', email: 'j@example.de', phone: null }, { stamp: 'st-con' });
    expect(sim.state.accountsOfContact(con.id)).toEqual([acc.id]);
    expect(sim.state.table('Accounts').get(acc.id)!['description']).toBe('Ferry-Id: st-acc');
    await accounts.update!(acc.id, customer('Ferry Test GmbH', { city: 'Köln', phone: '+49 2' }), { stamp: 'st-acc' });
    await contacts.update!(con.id, { customerId: acc.id, firstName: 'Jörg', lastName: 'O\'Neill-Back\\slash', email: null, phone: '+49 3' }, { stamp: 'st-con' });
    const a = (await readAll(accounts)).flatMap((p) => p.records).find((r) => r.id === acc.id)!;
    expect(a.data).toMatchObject({ city: 'Köln', phone: '+49 2' });
    expect(a.stamp).toBe('st-acc');
    const c = (await readAll(contacts)).flatMap((p) => p.records).find((r) => r.id === con.id)!;
    expect(c.data).toEqual({ customerId: acc.id, firstName: 'Jörg', lastName: 'O\'Neill-Back\\slash', email: null, phone: '+49 3' });
    expect(c.stamp).toBe('st-con');
    await contacts.delete!(con.id);
    expect(sim.state.table('Contacts').get(con.id)!['deleted']).toBe('1');
  });

  it('write applied, answer lost: the error says the outcome is unknown and lookup finds the record, no duplicate', async () => {
    const { accounts, sim } = await setup();
    const before = live(sim, 'Accounts').length;
    sim.setFaults({ failNext: { method: 'set_entry', count: 1, kind: 'drop-after-apply' } });
    const err: unknown = await accounts.create!(customer('Verloren & Gefunden AG'), { stamp: 'lost-1' }).catch((e: unknown) => e);
    expect(outcomeUnknown(err)).toBe(true);
    expect(live(sim, 'Accounts').length).toBe(before + 1);
    const found = await accounts.lookup!({ stamp: 'lost-1', natural: null });
    expect(found).toMatchObject({ data: { name: 'Verloren & Gefunden AG' }, stamp: 'lost-1' });
    expect(await accounts.lookup!({ stamp: 'lost-2', natural: null })).toBeNull();
    // A stamp that is a prefix of another must not match it.
    expect(await accounts.lookup!({ stamp: 'lost', natural: null })).toBeNull();
    expect(live(sim, 'Accounts').length).toBe(before + 1);
  });

  it('lookup tells stamps apart that are prefixes of each other, and finds a stamp line followed by the user\'s text', async () => {
    const { accounts, contacts, sim } = await setup();
    const ids = new Map<string, string>();
    for (const n of ['1', '10', '11', '100', '1 x']) ids.set(n, (await accounts.create!(customer(`Firma ${n}`), { stamp: `ferry:P:customer:${n}` })).id);
    for (const [n, id] of ids) expect((await accounts.lookup!({ stamp: `ferry:P:customer:${n}`, natural: null }))?.id).toBe(id);
    const con = await contacts.create!({ customerId: null, firstName: 'A', lastName: 'B', email: null, phone: null }, { stamp: 'ferry:P:contact:7' });
    sim.state.write('Contacts', { id: con.id, description: 'Ferry-Id: ferry:P:contact:7\r\nVon Hand ergänzt' });
    expect((await contacts.lookup!({ stamp: 'ferry:P:contact:7', natural: null }))?.id).toBe(con.id);
    expect(await contacts.lookup!({ stamp: 'ferry:P:contact:70', natural: null })).toBeNull();
  });

  it('tickets are Cases: read with their account; written with the stamp after the description, which reads back without it', async () => {
    const { conn, sim } = await setup({ data: { accounts: 5, contactsPerAccount: 0, cases: 7, seed: 4 } });
    const cases = conn.entity('ticket')!;
    const read = (await readAll(cases)).flatMap((p) => p.records);
    expect(read).toHaveLength(7);
    for (const r of read) {
      expect(r.data.customerId).toBe(sim.state.table('Cases').get(r.id)!['account_id']);
      expect(r.data.number).toMatch(/^\d+$/);
      expect(r.data.status).toMatch(/^(Open|Closed)_/);
    }
    const account = read[0]!.data.customerId!;
    const t = { customerId: account, number: null, title: 'Drucker "Büro 2" streikt', description: 'Zeile 1\nO\'Brien \\ Pfad', createdAt: null, dueAt: null, status: null, priority: null };
    const w = await cases.create!(t, { stamp: 'st-case' });
    expect(sim.state.table('Cases').get(w.id)!['description']).toBe('Zeile 1\nO\'Brien \\ Pfad\nFerry-Id: st-case');
    await cases.update!(w.id, { ...t, description: 'neu' }, { stamp: 'st-case' });
    const back = (await readAll(cases)).flatMap((p) => p.records).find((r) => r.id === w.id)!;
    expect(back.data).toMatchObject({ customerId: account, title: t.title, description: 'neu' });
    expect(back.stamp).toBe('st-case');
    expect(await cases.lookup!({ stamp: 'st-case', natural: null })).toMatchObject({ id: w.id });
    expect(cases.storedForm!(t)).toMatchObject({ title: t.title, description: t.description, customerId: account });
  });
});
