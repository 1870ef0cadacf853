import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeUnknown } from '../../main/connectors/http/errors.js';
import { createOneCrmConnector, idForStamp, normalizeOneCrmUrl, oneCrmFactory, OVERLAP_MS, PAGE_SIZE } from '../../main/connectors/onecrm/index.js';
import { editionHint } from '../../main/connectors/onecrm/client.js';
import type { Connector, EntityPort, RecordPage } from '../../main/connectors/types.js';
import { createNullLogger } from '../../main/log/index.js';
import type { Customer, EntityName, Ticket } from '../../shared/entities.js';
import { crmDate, startOneCrmSimulator, type OneCrmSimulator } from '../simulators/onecrm/server.js';

// One simulator for the whole file (450 accounts: more than two pages); tests change knobs and restore them.
const T0 = Date.UTC(2026, 10, 21, 21, 0, 0);
let now = T0;
let sim: OneCrmSimulator;
const open: Connector[] = [];

beforeAll(async () => {
  sim = await startOneCrmSimulator({ data: { accounts: 450, contactsPerAccount: 1, cases: 12, seed: 5 }, now: () => now });
});
afterAll(async () => {
  for (const c of open.splice(0)) await c.close();
  await sim.stop();
});

interface Setup {
  grant?: 'password' | 'client_credentials';
  clientId?: string;
  clientSecret?: string;
  password?: string;
  url?: string;
  /** Give the connector the simulator's clock (token expiry, cursors). */
  clock?: boolean;
}

function connect(s: Setup = {}): Connector {
  const ctx = {
    config: { id: 'c1', kind: 'onecrm', name: 'crm', url: s.url ?? sim.url, username: 'admin', options: oneCrmFactory.optionsSchema.parse({ clientId: s.clientId ?? 'ferry', grant: s.grant ?? 'password' }) },
    secrets: { clientSecret: s.clientSecret ?? 'ferry-secret', password: s.password ?? 'secret' },
    log: createNullLogger(),
  };
  const conn = s.clock ? createOneCrmConnector(ctx, { now: () => now }) : oneCrmFactory.create(ctx);
  open.push(conn);
  return conn;
}

async function readAll<E extends EntityName>(port: EntityPort<E>, since: string | null = null): Promise<RecordPage<E>[]> {
  const pages: RecordPage<E>[] = [];
  for await (const p of port.read({ since })) pages.push(p);
  return pages;
}

const grants = (): Record<string, number> => ({ ...sim.stats.grants });
const delta = (before: Record<string, number>, key: string): number => (sim.stats.grants[key] ?? 0) - (before[key] ?? 0);
const customer = (name: string, extra: Partial<Customer> = {}): Customer => ({
  number: null, name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true, ...extra,
});

describe('onecrm: URLs, OAuth 2 and error classes', () => {
  it('normalizes the site URL and pasted api.php or page URLs', () => {
    expect(normalizeOneCrmUrl('https://crm.example.com')).toBe('https://crm.example.com/');
    expect(normalizeOneCrmUrl('https://crm.example.com/1crm/api.php')).toBe('https://crm.example.com/1crm/');
    expect(normalizeOneCrmUrl('https://crm.example.com/api.php/data/Account?limit=1')).toBe('https://crm.example.com/');
    expect(normalizeOneCrmUrl('https://crm.example.com/index.php?module=Home')).toBe('https://crm.example.com/');
    expect(() => normalizeOneCrmUrl('crm.example.com')).toThrow(expect.objectContaining({ category: 'input' }) as Error);
    expect(() => oneCrmFactory.optionsSchema.parse({ grant: 'implicit' })).toThrow();
  });

  it('password grant: the test is ok and says how changes are read', async () => {
    const before = grants();
    const r = await connect().test();
    expect(r).toMatchObject({ category: 'ok', details: { grant: 'password', accounts: 450, delta: 'Account,Contact,Case' } });
    expect(r.message).toContain('as "admin"');
    expect(delta(before, 'password')).toBe(1);
  });

  it('client-credentials grant: the test is ok and the password secret is not used; writes are made as the client\'s user', async () => {
    const before = grants();
    const conn = connect({ grant: 'client_credentials', password: '' });
    const r = await conn.test();
    expect(r).toMatchObject({ category: 'ok', details: { grant: 'client_credentials' } });
    expect(delta(before, 'client_credentials')).toBe(1);
    expect(delta(before, 'password')).toBe(0);
    const w = await conn.entity('customer')!.create!(customer('Client Credentials GmbH'), { stamp: 'cc-1' });
    expect(sim.state.get('Account', w.id)?.created_by).toBe('1');
  });

  it('the access token is refreshed before it expires (no 401 needed), with the refresh token', async () => {
    sim.state.accessTokenTtlSec = 120;
    try {
      const conn = connect({ clock: true });
      const accounts = conn.entity('customer')!;
      await conn.test();
      const before = grants();
      now += 61_000; // less than a minute of the token's life is left: Ferry renews it first
      await readAll(accounts);
      expect(delta(before, 'refresh_token')).toBe(1);
      expect(delta(before, 'password')).toBe(0);
      now += 30_000; // the new token is fresh: no further refresh
      await readAll(accounts);
      expect(delta(before, 'refresh_token')).toBe(1);
    } finally {
      sim.state.accessTokenTtlSec = 3600;
    }
  });

  it('a 401 (token revoked) gets one new token and the call goes on; a rejected refresh token falls back to the grant', async () => {
    const conn = connect();
    await conn.test();
    const accounts = conn.entity('customer')!;
    let before = grants();
    sim.state.revokeAccessTokens();
    expect((await readAll(accounts)).flatMap((p) => p.records)).toHaveLength(sim.state.rows('Account').length);
    expect(delta(before, 'refresh_token')).toBe(1);
    before = grants();
    sim.state.revokeAccessTokens();
    sim.state.revokeRefreshTokens();
    await readAll(accounts);
    expect(delta(before, 'refresh_token')).toBe(0);
    expect(delta(before, 'password')).toBe(1);
  });

  it('an edition without the API is permission with the Pro/Enterprise hint', async () => {
    sim.edition = 'Startup';
    try {
      const r = await connect().test();
      expect(r.category).toBe('permission');
      expect(r.hint).toBe(editionHint);
      expect(r.hint).toMatch(/Professional and Enterprise/);
    } finally {
      sim.edition = 'Enterprise';
    }
  });

  it('a wrong client secret, a wrong password or an unknown client is auth with a hint', async () => {
    const secret = await connect({ clientSecret: 'wrong' }).test();
    expect(secret.category).toBe('auth');
    expect(secret.message).toContain('invalid_client');
    expect(secret.hint).toContain('clientSecret');
    const pw = await connect({ password: 'wrong' }).test();
    expect(pw.category).toBe('auth');
    expect(pw.message).toContain('invalid_grant');
    expect(pw.hint).toContain('password');
    expect((await connect({ clientId: 'nobody' }).test()).category).toBe('auth');
    const pub = await connect({ clientId: 'public-app', clientSecret: 'x' }).test();
    expect(pub.category).toBe('config');
    expect(pub.hint).toMatch(/private client/);
  });

  it('a dead port is unreachable; a site without api.php is config; plain HTTP refused is config with the https hint', async () => {
    const dead = oneCrmFactory.create({
      config: { id: 'd', kind: 'onecrm', name: 'd', url: 'http://127.0.0.1:9/', username: 'admin', options: { clientId: 'ferry' } },
      secrets: { clientSecret: 'x', password: 'x' },
      log: createNullLogger(),
    });
    open.push(dead);
    expect((await dead.test()).category).toBe('unreachable');
    const elsewhere = await connect({ url: `${sim.url}/elsewhere/` }).test();
    expect(elsewhere.category).toBe('config');
    sim.httpsRequired = true;
    try {
      const r = await connect().test();
      expect(r.category).toBe('config');
      expect(r.hint).toMatch(/https/);
    } finally {
      sim.httpsRequired = false;
    }
  });

  it('preflight passes with real calls (plain HTTP only warned); users and the per-user test', async () => {
    const conn = connect();
    const checks = await conn.preflight();
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['onecrm.https', 'warn'],
      ['onecrm.login', 'pass'],
      ['onecrm.accounts', 'pass'],
      ['onecrm.contacts', 'pass'],
      ['onecrm.cases', 'pass'],
      ['onecrm.fields', 'pass'],
      ['onecrm.delta', 'pass'],
    ]);
    const users = await conn.users!();
    expect(users.map((u) => [u.login, u.email, u.active])).toEqual([
      ['admin', 'admin@example.de', true],
      ['jmueller', 'joerg.mueller@example.de', true],
      ['skoenig', 'Sabine.Koenig@example.de', true],
      ['uweiss', 'uwe.weiss@example.de', false],
    ]);
    const count = sim.state.rows('Account').length;
    const ok = await conn.test({ user: 'sabine.koenig@EXAMPLE.de' });
    expect(ok).toMatchObject({ category: 'ok', details: { login: 'skoenig' } });
    expect(sim.state.rows('Account').length).toBe(count);
    expect((await conn.test({ user: 'uwe.weiss@example.de' })).category).toBe('permission');
    expect((await conn.test({ user: 'nobody@example.de' })).category).toBe('config');
  });
});

describe('onecrm: reading', () => {
  it('reads all accounts in pages of at most 200, without duplicates; the cursor is the read\'s start minus the overlap', async () => {
    const conn = connect({ clock: true });
    sim.resetStats();
    const pages = await readAll(conn.entity('customer')!);
    const live = sim.state.rows('Account').length;
    expect(live).toBeGreaterThan(2 * PAGE_SIZE);
    expect(pages).toHaveLength(Math.ceil(live / PAGE_SIZE));
    for (const p of pages) expect(p.records.length + p.invalid.length).toBeLessThanOrEqual(PAGE_SIZE);
    const records = pages.flatMap((p) => p.records);
    expect(new Set(records.map((r) => r.id)).size).toBe(live);
    expect(records.some((r) => r.data.name === "O'Brien & Söhne GmbH")).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBe(crmDate(now - OVERLAP_MS));
    expect(sim.stats.calls['GET /data/Account']).toBe(pages.length);
  });

  it('reads contacts with their account and cases with account, number and status', async () => {
    const conn = connect();
    const contacts = (await readAll(conn.entity('contact')!)).flatMap((p) => p.records);
    expect(contacts.length).toBe(sim.state.rows('Contact').length);
    for (const c of contacts) expect(c.data.customerId).toBe(sim.state.get('Contact', c.id)?.primary_account_id ?? null);
    const cases = (await readAll(conn.entity('ticket')!)).flatMap((p) => p.records);
    expect(cases.length).toBe(sim.state.rows('Case').length);
    for (const t of cases) {
      expect(t.data.customerId).toBe(sim.state.get('Case', t.id)?.account_id);
      expect(t.data.number).toMatch(/^\d+$/);
      expect(t.data.createdAt).toMatch(/Z$/);
    }
  });

  it('a delta since the cursor returns only what changed (modified-since filter from /meta)', async () => {
    const conn = connect({ clock: true });
    const accounts = conn.entity('customer')!;
    now += 10 * 60_000;
    const first = await readAll(accounts);
    const cursor = first.at(-1)!.nextCursor!;
    now += 10 * 60_000;
    const a = sim.state.rows('Account')[3]!;
    sim.state.write('Account', { phone_office: '+49 89 999' }, '1', { id: a.id as string });
    const created = sim.state.write('Account', { name: 'Neu & Co. KG' }).row;
    sim.resetStats();
    const pages = await readAll(accounts, cursor);
    expect(pages.flatMap((p) => p.records).map((r) => r.id).sort()).toEqual([a.id, created.id].sort());
    expect(pages.flatMap((p) => p.records).find((r) => r.id === a.id)!.data.phone).toBe('+49 89 999');
    expect(pages.at(-1)!.nextCursor).toBe(crmDate(now - OVERLAP_MS));
    expect(accounts.capabilities.delta).toBe(true);
    now += 10 * 60_000;
    const quiet = await readAll(accounts, crmDate(now - OVERLAP_MS));
    expect(quiet.flatMap((p) => p.records)).toEqual([]);
  });

  it('without a modified-since filter in /meta a delta read is a full read, no cursor, and capabilities say so', async () => {
    sim.modifiedSinceFilter = false;
    try {
      const conn = connect({ clock: true });
      const contacts = conn.entity('contact')!;
      expect(contacts.capabilities.delta).toBe(true); // not known before the first read
      const pages = await readAll(contacts, crmDate(now));
      expect(pages.flatMap((p) => p.records)).toHaveLength(sim.state.rows('Contact').length);
      expect(pages.at(-1)!.nextCursor).toBeUndefined();
      expect(contacts.capabilities.delta).toBe(false);
      const checks = await conn.preflight();
      expect(checks.find((c) => c.id === 'onecrm.delta')?.status).toBe('warn');
    } finally {
      sim.modifiedSinceFilter = true;
    }
  });
});

describe('onecrm: writing', () => {
  it('creates (as an upsert under the stamp\'s id), updates and deletes accounts, contacts (linked) and cases, with Ferry\'s stamp', async () => {
    const conn = connect();
    const accounts = conn.entity('customer')!;
    const contacts = conn.entity('contact')!;
    const cases = conn.entity('ticket')!;
    const acc = await accounts.create!(customer('Ferry "Test" & Söhne GmbH', { city: 'München', phone: '+49 1' }), { stamp: 'st-acc' });
    expect(acc.id).toBe(idForStamp('st-acc'));
    expect(acc.data).toEqual(customer('Ferry "Test" & Söhne GmbH', { city: 'München', phone: '+49 1' }));
    expect(sim.state.get('Account', acc.id)).toMatchObject({ name: 'Ferry "Test" & Söhne GmbH', description: 'Ferry-Id: st-acc', billing_address_city: 'München' });
    const con = await contacts.create!({ customerId: acc.id, firstName: 'Jörg', lastName: "O'Neill", email: 'j@example.de', phone: null }, { stamp: 'st-con' });
    expect(sim.state.get('Contact', con.id)?.primary_account_id).toBe(acc.id);
    await accounts.update!(acc.id, customer('Ferry "Test" & Söhne GmbH', { city: 'Köln' }), { stamp: 'st-acc' });
    await contacts.update!(con.id, { customerId: null, firstName: 'Jörg', lastName: 'Back\\slash', email: null, phone: '+49 3' }, { stamp: 'st-con' });
    const a = (await accounts.lookup!({ stamp: 'st-acc', natural: null }))!;
    expect(a.data).toMatchObject({ city: 'Köln', phone: null });
    expect(a.stamp).toBe('st-acc');
    const c = (await contacts.lookup!({ stamp: 'st-con', natural: null }))!;
    expect(c.data).toEqual({ customerId: null, firstName: 'Jörg', lastName: 'Back\\slash', email: null, phone: '+49 3' });
    const t: Ticket = { customerId: acc.id, number: null, title: 'Drucker "Büro 2" streikt', description: 'Zeile 1\nZeile 2', createdAt: null, dueAt: null, status: null, priority: null };
    const w = await cases.create!(t, { stamp: 'st-case' });
    expect(sim.state.get('Case', w.id)?.description).toBe('Zeile 1\nZeile 2\nFerry-Id: st-case');
    await cases.update!(w.id, { ...t, description: 'neu' }, { stamp: 'st-case' });
    const back = (await cases.lookup!({ stamp: 'st-case', natural: null }))!;
    expect(back.data).toMatchObject({ customerId: acc.id, title: t.title, description: 'neu' });
    expect(back.stamp).toBe('st-case');
    await cases.delete!(w.id);
    await contacts.delete!(con.id);
    await accounts.delete!(acc.id);
    expect(sim.state.get('Account', acc.id)).toBeUndefined();
    await accounts.delete!(acc.id); // already gone: nothing to do
    await expect(accounts.update!(acc.id, customer('x'), { stamp: 'st-acc' })).rejects.toMatchObject({ category: 'data' });
    expect(await accounts.lookup!({ stamp: 'never-written', natural: null })).toBeNull();
  });

  it('text longer than the field (length from /meta) is cut, and storedForm says so; a record the CRM refuses is config with its reason', async () => {
    const conn = connect();
    const accounts = conn.entity('customer')!;
    const long = customer(`${'Ä'.repeat(149)} GmbH`);
    const w = await accounts.create!(long, { stamp: 'too-long' });
    expect(sim.state.get('Account', w.id)?.name).toBe('Ä'.repeat(149));
    expect(w.data).toEqual(customer('Ä'.repeat(149)));
    expect(accounts.storedForm!(long)).toEqual(customer('Ä'.repeat(149)));
    const t: Ticket = { customerId: '00000000-0000-0000-0000-000000000000', number: null, title: 'Waise', description: null, createdAt: null, dueAt: null, status: null, priority: null };
    await expect(conn.entity('ticket')!.create!(t, { stamp: 'orphan' })).rejects.toMatchObject({ category: 'config', message: expect.stringContaining("no Account with id") as string });
  });

  for (const [entity, model] of [['customer', 'Account'], ['contact', 'Contact'], ['ticket', 'Case']] as const) {
    it(`${entity}: write applied, answer lost — the retry and the next run make no duplicate`, async () => {
      const conn = connect();
      const port = conn.entity(entity)! as EntityPort<EntityName>;
      const account = sim.state.rows('Account')[0]!.id as string;
      const data = {
        customer: customer(`Verloren ${model} AG`),
        contact: { customerId: account, firstName: 'Verena', lastName: `Verloren ${model}`, email: null, phone: null },
        ticket: { customerId: account, number: null, title: `Verloren ${model}`, description: null, createdAt: null, dueAt: null, status: null, priority: null },
      }[entity];
      const count = () => sim.state.rows(model).length;
      const before = count();
      // Once: the HTTP client repeats the upsert, which lands on the same id.
      sim.setFaults({ failNext: { route: `PATCH /data/${model}`, count: 1, kind: 'drop-after-apply' } });
      const first = await port.create!(data, { stamp: `lost-${entity}-1` });
      expect(count()).toBe(before + 1);
      expect(first.id).toBe(idForStamp(`lost-${entity}-1`));
      // Every try loses its answer: the error says the outcome is unknown; lookup finds the record; the next run's
      // create (or a repeat) lands on the same record.
      sim.setFaults({ failNext: { route: `PATCH /data/${model}`, count: 10, kind: 'drop-after-apply' } });
      const err: unknown = await port.create!(data, { stamp: `lost-${entity}-2` }).catch((e: unknown) => e);
      sim.setFaults({ failNext: null });
      expect(outcomeUnknown(err)).toBe(true);
      expect(count()).toBe(before + 2);
      const found = await port.lookup!({ stamp: `lost-${entity}-2`, natural: null });
      expect(found?.id).toBe(idForStamp(`lost-${entity}-2`));
      expect(found?.stamp).toBe(`lost-${entity}-2`);
      await port.create!(data, { stamp: `lost-${entity}-2` });
      expect(count()).toBe(before + 2);
      // Update and delete: a lost answer is repeated safely too.
      sim.setFaults({ failNext: { route: `PATCH /data/${model}`, count: 1, kind: 'drop-after-apply' } });
      await port.update!(first.id, data, { stamp: `lost-${entity}-1` });
      sim.setFaults({ failNext: { route: `DELETE /data/${model}`, count: 1, kind: 'drop-after-apply' } });
      await port.delete!(first.id);
      expect(count()).toBe(before + 1);
      sim.setFaults({ failNext: null });
    });
  }
});
