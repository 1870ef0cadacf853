// Protocol-level tests of the SugarCRM / SuiteCRM v4_1 simulator with plain fetch (no Ferry code).
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startSugarSimulator, type SugarSimulator, type SugarSimulatorOptions } from './sugarcrm/server.js';
import { compileWhere, QueryError } from './sugarcrm/query.js';
import { MODULES } from './sugarcrm/modules.js';

type Json = Record<string, unknown>;
interface Nv {
  name: string;
  value: string;
}
interface Entry {
  id: string;
  module_name: string;
  name_value_list: Record<string, Nv>;
}
interface ListResult {
  result_count: number;
  total_count: string;
  next_offset: number;
  entry_list: Entry[];
  relationship_list: { link_list: { name: string; records: { link_value: Record<string, Nv> }[] }[] }[];
}

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const running: SugarSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(opts: SugarSimulatorOptions = {}): Promise<SugarSimulator> {
  const sim = await startSugarSimulator(opts);
  running.push(sim);
  return sim;
}

function form(method: string, restData: unknown, extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({ method, input_type: 'JSON', response_type: 'JSON', rest_data: typeof restData === 'string' ? restData : JSON.stringify(restData), ...extra });
}

function post(endpoint: string, method: string, restData: unknown, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(endpoint, { method: 'POST', body: form(method, restData, extra) });
}

async function call<T = Json>(sim: SugarSimulator | string, method: string, restData: unknown): Promise<T> {
  const res = await post(typeof sim === 'string' ? sim : sim.endpoint, method, restData);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function login(sim: SugarSimulator | string, user = 'admin', password = 'secret'): Promise<string> {
  const r = await call<{ id: string }>(sim, 'login', { user_auth: { user_name: user, password: md5(password) }, application: 'ferry' });
  expect(typeof r.id).toBe('string');
  return r.id;
}

function list(sim: SugarSimulator, session: string, args: Partial<Record<string, unknown>> = {}): Promise<ListResult> {
  return call<ListResult>(sim, 'get_entry_list', {
    session,
    module_name: 'Accounts',
    query: '',
    order_by: '',
    offset: 0,
    select_fields: [],
    link_name_to_fields_array: [],
    max_results: 200,
    deleted: 0,
    ...args,
  });
}

const INVALID_LOGIN = { name: 'Invalid Login', number: 10, description: 'Login attempt failed please check the username and password' };
const INVALID_SESSION = { name: 'Invalid Session ID', number: 11, description: 'The session ID is invalid' };
const NO_MODULE = { name: 'Module Does Not Exist', number: 20, description: 'This module is not available on this server' };

/** MySQL string literal the way a careful client writes it: backslash doubled, quote doubled. */
const quoteDoubled = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
/** The other accepted form: backslash-escaped quote. */
const quoteBackslash = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const fromHtml = (s: string): string => s.replace(/&quot;/g, '"').replace(/&#039;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('endpoint and login', () => {
  it('login with the md5 password returns a session id and the user id', async () => {
    const sim = await start();
    const r = await call<{ id: string; module_name: string; name_value_list: Record<string, { name: string; value: unknown }> }>(sim, 'login', {
      user_auth: { user_name: 'admin', password: md5('secret') },
      application: 'ferry',
    });
    expect(r.id).toMatch(/^[0-9a-f]{26}$/);
    expect(r.module_name).toBe('Users');
    expect(r.name_value_list.user_id).toEqual({ name: 'user_id', value: '1' });
    expect(r.name_value_list.user_is_admin?.value).toBe(true);
    expect(sim.endpoint).toBe(`${sim.url}/service/v4_1/rest.php`);
  });

  it('wrong password, plain-text password, unknown user and inactive user answer HTTP 200 with the Invalid Login body', async () => {
    const sim = await start();
    for (const auth of [
      { user_name: 'admin', password: md5('wrong') },
      { user_name: 'admin', password: 'secret' },
      { user_name: 'nobody', password: md5('secret') },
      { user_name: 'uweiss', password: md5('uwe-pw') },
    ]) {
      expect(await call(sim, 'login', { user_auth: auth, application: 'ferry' })).toEqual(INVALID_LOGIN);
    }
    expect(await login(sim, 'jmueller', 'jörg-pw')).toMatch(/^[0-9a-f]{26}$/);
  });

  it('a password change breaks new logins until the new password is used; positional rest_data works too', async () => {
    const sim = await start();
    sim.state.setPassword('admin', 'neu');
    expect(await call(sim, 'login', [{ user_name: 'admin', password: md5('secret') }, 'ferry'])).toEqual(INVALID_LOGIN);
    const r = await call<{ id: string }>(sim, 'login', [{ user_name: 'admin', password: md5('neu') }, 'ferry']);
    expect(typeof r.id).toBe('string');
  });

  it('SuiteCRM 8 layout serves /legacy/service/v4_1/rest.php only; other paths are 404', async () => {
    const sim = await start({ legacyPath: true });
    expect(sim.endpoint).toBe(`${sim.url}/legacy/service/v4_1/rest.php`);
    await login(sim);
    const res = await post(`${sim.url}/service/v4_1/rest.php`, 'login', {});
    expect(res.status).toBe(404);
    await res.text();
    const plain = await start();
    const res2 = await post(`${plain.url}/legacy/service/v4_1/rest.php`, 'login', {});
    expect(res2.status).toBe(404);
    await res2.text();
  });

  it('a wrong parameter name yields a PHP fatal error page (HTTP 200 with display_errors, 500 without), not JSON', async () => {
    const sim = await start();
    const res = await post(sim.endpoint, 'login', { user_auth: { user_name: 'admin', password: md5('secret') }, application_name: 'ferry' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const text = await res.text();
    expect(text).toContain('<b>Fatal error</b>');
    expect(text).toContain('Unknown named parameter $application_name');
    const missing = await (await post(sim.endpoint, 'get_entry_list', { session: 'x', module_name: 'Accounts' })).text();
    expect(missing).toContain('ArgumentCountError');
    const quiet = await start({ displayErrors: false });
    const res2 = await post(quiet.endpoint, 'login', { user: 'admin' });
    expect(res2.status).toBe(500);
    expect(await res2.text()).toBe('');
  });

  it('answers in PHP json_encode style (non-ASCII as \\u escapes, slashes escaped) and unknown methods get an error body', async () => {
    const sim = await start();
    const s = await login(sim);
    const raw = await (await post(sim.endpoint, 'get_entry_list', { session: s, module_name: 'Users', query: "users.user_name = 'jmueller'", order_by: '', offset: 0, select_fields: ['last_name'], link_name_to_fields_array: [], max_results: 10, deleted: 0 })).text();
    expect(raw).toContain('M\\u00fcller');
    expect(JSON.parse(raw).entry_list[0].name_value_list.last_name.value).toBe('Müller');
    const unknown = await call<Json>(sim, 'no_such_method', {});
    expect(unknown.number).toBe('-1');
  });
});

describe('sessions', () => {
  it('an unknown session gets the Invalid Session ID body; logout ends the session', async () => {
    const sim = await start();
    expect(await list(sim, 'nope')).toEqual(INVALID_SESSION);
    const s = await login(sim);
    expect(await call(sim, 'get_user_id', { session: s })).toBe('1');
    expect(await call(sim, 'logout', { session: s })).toBeNull();
    expect(await call(sim, 'get_user_id', { session: s })).toEqual(INVALID_SESSION);
  });

  it('expireSessions(), the sessionExpiryAfterCalls knob and idle time all invalidate sessions', async () => {
    let now = Date.UTC(2026, 10, 21, 12, 0, 0);
    const sim = await start({ now: () => now, sessionIdleMs: 60_000 });
    let s = await login(sim);
    sim.state.expireSessions();
    expect(await call(sim, 'get_user_id', { session: s })).toEqual(INVALID_SESSION);
    s = await login(sim);
    sim.setFaults({ sessionExpiryAfterCalls: 2 });
    expect(await call(sim, 'get_user_id', { session: s })).toBe('1');
    expect(await call(sim, 'get_user_id', { session: s })).toBe('1');
    expect(await call(sim, 'get_user_id', { session: s })).toEqual(INVALID_SESSION);
    sim.setFaults({ sessionExpiryAfterCalls: null });
    s = await login(sim);
    now += 61_000;
    expect(await call(sim, 'get_user_id', { session: s })).toEqual(INVALID_SESSION);
  });
});

describe('get_entry_list', () => {
  it('pages with next_offset and total_count until result_count is 0', async () => {
    const sim = await start({ data: { accounts: 23 } });
    const s = await login(sim);
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const page = await list(sim, s, { offset, max_results: 5, order_by: 'accounts.date_modified ASC' });
      expect(page.total_count).toBe('23');
      if (page.result_count === 0) break;
      expect(page.next_offset).toBe(offset + page.result_count);
      seen.push(...page.entry_list.map((e) => e.id));
      offset = page.next_offset;
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    for (const id of seen) expect(id).toMatch(UUID);
    const def = await list(sim, s, { max_results: 0 });
    expect(def.result_count).toBe(20);
  });

  it('entries carry module_name and name_value_list {field: {name, value}}; select_fields narrows them', async () => {
    const sim = await start();
    const s = await login(sim);
    const page = await list(sim, s, { select_fields: ['name', 'date_modified'], max_results: 1 });
    const e = page.entry_list[0]!;
    expect(e.module_name).toBe('Accounts');
    expect(Object.keys(e.name_value_list).sort()).toEqual(['date_modified', 'id', 'name']);
    expect(e.name_value_list.date_modified!.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(e.name_value_list.name!.name).toBe('name');
  });

  it('finds names with quotes and backslashes when quoted with doubled or backslashed quotes; bad quoting is a database failure', async () => {
    const sim = await start({ data: { accounts: 25, hostileEvery: 5 } });
    const s = await login(sim);
    const names = [...sim.state.table('Accounts').values()].map((r) => r.name as string).filter((n) => /['"\\]/.test(n));
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(names.some((n) => n.includes('\\'))).toBe(true);
    for (const name of names) {
      for (const q of [quoteDoubled, quoteBackslash]) {
        const page = await list(sim, s, { query: `accounts.name = ${q(name)}` });
        expect(page.result_count, `${q(name)}`).toBe(1);
        expect(fromHtml(page.entry_list[0]!.name_value_list.name!.value)).toBe(name);
      }
    }
    const res = await post(sim.endpoint, 'get_entry_list', { session: s, module_name: 'Accounts', query: "accounts.name = 'O'Brien'", order_by: '', offset: 0, select_fields: [], link_name_to_fields_array: [], max_results: 5, deleted: 0 });
    expect(await res.text()).toBe('Database failure. Please refer to sugarcrm.log for details.');
    const col = await (await post(sim.endpoint, 'get_entry_list', { session: s, module_name: 'Contacts', query: "contacts.email1 = 'a@b.de'", order_by: '', offset: 0, select_fields: [], link_name_to_fields_array: [], max_results: 5, deleted: 0 })).text();
    expect(col).toContain('Database failure');
  });

  it('values come back HTML-encoded (to_html) unless htmlEncode is off', async () => {
    const sim = await start({ htmlEncode: true });
    const s = await login(sim);
    const w = await call<{ id: string }>(sim, 'set_entry', { session: s, module_name: 'Accounts', name_value_list: [{ name: 'name', value: `A&B "C" <D> O'E` }] });
    const got = await call<{ entry_list: Entry[] }>(sim, 'get_entry', { session: s, module_name: 'Accounts', id: w.id, select_fields: ['name'], link_name_to_fields_array: [] });
    expect(got.entry_list[0]!.name_value_list.name!.value).toBe('A&amp;B &quot;C&quot; &lt;D&gt; O&#039;E');
    const raw = await start({ htmlEncode: false });
    const s2 = await login(raw);
    const w2 = await call<{ id: string }>(raw, 'set_entry', { session: s2, module_name: 'Accounts', name_value_list: [{ name: 'name', value: `A&B O'E` }] });
    const got2 = await call<{ entry_list: Entry[] }>(raw, 'get_entry', { session: s2, module_name: 'Accounts', id: w2.id, select_fields: ['name'], link_name_to_fields_array: [] });
    expect(got2.entry_list[0]!.name_value_list.name!.value).toBe(`A&B O'E`);
  });

  it('date_modified >= cursor returns changes since then; deleted=1 adds tombstones (deleted "1")', async () => {
    let now = Date.UTC(2026, 10, 21, 21, 0, 0);
    const sim = await start({ now: () => now });
    now += 45 * 60_000;
    const s = await login(sim);
    const cursor = '2026-11-21 21:45:00';
    const [a, b] = [...sim.state.table('Accounts').values()];
    sim.state.write('Accounts', { id: a!.id as string, phone_office: '+49 89 1' });
    sim.state.softDelete('Accounts', b!.id as string);
    const q = `accounts.date_modified >= '${cursor}'`;
    const live = await list(sim, s, { query: q, order_by: 'accounts.date_modified ASC', deleted: 0 });
    expect(live.entry_list.map((e) => e.id)).toEqual([a!.id]);
    expect(live.entry_list[0]!.name_value_list.date_modified!.value).toBe(cursor);
    const all = await list(sim, s, { query: q, order_by: 'accounts.date_modified ASC', deleted: 1 });
    expect(all.entry_list.map((e) => e.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(all.entry_list.find((e) => e.id === b!.id)!.name_value_list.deleted!.value).toBe('1');
    const none = await list(sim, s, { query: `accounts.date_modified > '${cursor}'`, deleted: 1 });
    expect(none.result_count).toBe(0);
    const count = await call(sim, 'get_entries_count', { session: s, module_name: 'Accounts', query: q, deleted: 1 });
    expect(count).toEqual({ result_count: 2 });
  });

  it('the WHERE parser handles AND/OR/NOT, parentheses, LIKE, IN and IS NULL', () => {
    const mod = MODULES.find((m) => m.name === 'Accounts')!;
    const row = { name: "O'Brien \\ Söhne", billing_address_city: 'München', deleted: '0', website: '' };
    const t = (q: string) => compileWhere(mod, q)(row);
    expect(t("accounts.name = 'o''brien \\\\ söhne' AND billing_address_city = 'MÜNCHEN'")).toBe(true);
    expect(t("accounts.name LIKE 'O\\'Brien%' OR accounts.deleted = 1")).toBe(true);
    expect(t("NOT (accounts.deleted = '0') OR accounts.website IS NOT NULL")).toBe(false);
    expect(t("accounts.billing_address_city IN ('Köln', 'München') AND accounts.website IS NULL")).toBe(true);
    expect(() => compileWhere(mod, "contacts.name = 'x'")).toThrow(QueryError);
    expect(() => compileWhere(mod, "accounts.name = 'x")).toThrow(QueryError);
    expect(() => compileWhere(mod, 'accounts.name = ; DROP TABLE accounts')).toThrow(QueryError);
  });
});

describe('writes', () => {
  it('set_entry creates without id and updates with id; date_modified in UTC; assigned_user_id sets the owner', async () => {
    let now = Date.UTC(2026, 10, 21, 22, 0, 5);
    const sim = await start({ now: () => now });
    const s = await login(sim);
    const target = sim.state.userByName('skoenig')!;
    const created = await call<{ id: string; entry_list: Record<string, Nv> }>(sim, 'set_entry', {
      session: s,
      module_name: 'Accounts',
      name_value_list: [
        { name: 'name', value: 'Acme GmbH' },
        { name: 'assigned_user_id', value: target.id },
      ],
    });
    expect(created.id).toMatch(UUID);
    expect(created.entry_list.name).toEqual({ name: 'name', value: 'Acme GmbH' });
    let row = sim.state.table('Accounts').get(created.id)!;
    expect(row.date_modified).toBe('2026-11-21 22:00:05');
    expect(row.assigned_user_id).toBe(target.id);
    expect(row.created_by).toBe('1');
    now += 3_000;
    const upd = await call<{ id: string }>(sim, 'set_entry', { session: s, module_name: 'Accounts', name_value_list: [{ name: 'id', value: created.id }, { name: 'name', value: 'Acme AG' }] });
    expect(upd.id).toBe(created.id);
    row = sim.state.table('Accounts').get(created.id)!;
    expect(row.name).toBe('Acme AG');
    expect(row.date_modified).toBe('2026-11-21 22:00:08');
    expect(row.date_entered).toBe('2026-11-21 22:00:05');
    const got = await call<{ entry_list: Entry[] }>(sim, 'get_entry', { session: s, module_name: 'Accounts', id: created.id, select_fields: ['assigned_user_id', 'assigned_user_name'], link_name_to_fields_array: [] });
    expect(got.entry_list[0]!.name_value_list.assigned_user_name!.value).toBe('Sabine König');
  });

  it('deleted=1 soft-deletes; an unknown id changes nothing; new_with_id creates with the given id', async () => {
    const sim = await start();
    const s = await login(sim);
    const id = [...sim.state.table('Accounts').keys()][0]!;
    await call(sim, 'set_entry', { session: s, module_name: 'Accounts', name_value_list: [{ name: 'id', value: id }, { name: 'deleted', value: '1' }] });
    expect(sim.state.table('Accounts').get(id)!.deleted).toBe('1');
    const before = sim.state.table('Accounts').size;
    const ghost = '00000000-0000-4000-8000-000000000001';
    expect((await call<{ id: string }>(sim, 'set_entry', { session: s, module_name: 'Accounts', name_value_list: [{ name: 'id', value: ghost }, { name: 'name', value: 'X' }] })).id).toBe(ghost);
    expect(sim.state.table('Accounts').size).toBe(before);
    await call(sim, 'set_entry', { session: s, module_name: 'Accounts', name_value_list: { id: ghost, new_with_id: true, name: 'Y' } });
    expect(sim.state.table('Accounts').get(ghost)!.name).toBe('Y');
    const got = await call<{ entry_list: Entry[] }>(sim, 'get_entries', { session: s, module_name: 'Accounts', ids: [ghost, id], select_fields: ['name'], link_name_to_fields_array: [] });
    expect(got.entry_list[0]!.name_value_list.name!.value).toBe('Y');
    expect(got.entry_list[1]!.name_value_list.warning!.value).toMatch(/deleted or does not exist/);
    expect(got.entry_list[1]!.name_value_list.deleted!.value).toBe('1');
  });

  it('set_entries returns the ids in order', async () => {
    const sim = await start();
    const s = await login(sim);
    const r = await call<{ ids: string[] }>(sim, 'set_entries', {
      session: s,
      module_name: 'Contacts',
      name_value_lists: [
        [{ name: 'last_name', value: 'Jäger' }, { name: 'email1', value: 'j@x.de' }],
        [{ name: 'last_name', value: "O'Neill" }],
      ],
    });
    expect(r.ids).toHaveLength(2);
    expect(sim.state.table('Contacts').get(r.ids[1]!)!.last_name).toBe("O'Neill");
    expect(sim.state.table('Contacts').get(r.ids[0]!)!.email1).toBe('j@x.de');
  });
});

describe('relationships and metadata', () => {
  it('set_relationship / get_relationships for Accounts↔Contacts; account_id on Contacts; link_name_to_fields_array', async () => {
    const sim = await start({ data: { accounts: 2, contactsPerAccount: 0 } });
    const s = await login(sim);
    const [acc1, acc2] = [...sim.state.table('Accounts').keys()];
    const c = await call<{ id: string }>(sim, 'set_entry', { session: s, module_name: 'Contacts', name_value_list: [{ name: 'last_name', value: 'Köhler' }, { name: 'account_id', value: acc1 }] });
    let rel = await call<{ entry_list: Entry[] }>(sim, 'get_relationships', { session: s, module_name: 'Accounts', module_id: acc1, link_field_name: 'contacts', related_module_query: '', related_fields: ['id', 'last_name'], related_module_link_name_to_fields_array: [], deleted: 0 });
    expect(rel.entry_list.map((e) => e.id)).toEqual([c.id]);
    const r = await call(sim, 'set_relationship', { session: s, module_name: 'Accounts', module_id: acc2, link_field_name: 'contacts', related_ids: [c.id], name_value_list: [], delete: 0 });
    expect(r).toEqual({ created: 1, failed: 0, deleted: 0 });
    const del = await call(sim, 'set_relationship', { session: s, module_name: 'Contacts', module_id: c.id, link_field_name: 'accounts', related_ids: [acc1], name_value_list: [], delete: 1 });
    expect(del).toEqual({ created: 0, failed: 0, deleted: 1 });
    rel = await call(sim, 'get_relationships', { session: s, module_name: 'Contacts', module_id: c.id, link_field_name: 'accounts', related_module_query: '', related_fields: ['name'], related_module_link_name_to_fields_array: [], deleted: 0 });
    expect(rel.entry_list.map((e) => e.id)).toEqual([acc2]);
    const contact = await call<{ entry_list: Entry[] }>(sim, 'get_entry', { session: s, module_name: 'Contacts', id: c.id, select_fields: ['account_id', 'name'], link_name_to_fields_array: [] });
    expect(contact.entry_list[0]!.name_value_list.account_id!.value).toBe(acc2);
    const page = await list(sim, s, { query: `accounts.id = '${acc2}'`, link_name_to_fields_array: [{ name: 'contacts', value: ['id', 'last_name'] }] });
    expect(page.relationship_list[0]!.link_list[0]!.records[0]!.link_value.last_name!.value).toBe('Köhler');
    const bad = await call(sim, 'get_relationships', { session: s, module_name: 'Accounts', module_id: acc1, link_field_name: 'nope', related_module_query: '', related_fields: [], related_module_link_name_to_fields_array: [], deleted: 0 });
    expect(bad).toEqual({ name: 'Relationship Not Supported', number: 31, description: 'This module does not support this relationship' });
  });

  it('get_module_fields: Accounts, Contacts, Cases, Users; AOS modules only when enabled', async () => {
    const sim = await start();
    const s = await login(sim);
    for (const m of ['Accounts', 'Contacts', 'Cases', 'Users']) {
      const r = await call<{ module_name: string; module_fields: Record<string, { name: string; type: string }> }>(sim, 'get_module_fields', { session: s, module_name: m, fields: [] });
      expect(r.module_name).toBe(m);
      expect(r.module_fields.id?.type).toBe('id');
      expect(r.module_fields.date_modified ?? r.module_fields.user_name).toBeDefined();
    }
    const contacts = await call<{ module_fields: Json; link_fields: Json }>(sim, 'get_module_fields', { session: s, module_name: 'Contacts', fields: [] });
    expect(Object.keys(contacts.module_fields)).toEqual(expect.arrayContaining(['account_id', 'email1', 'assigned_user_id']));
    expect(Object.keys(contacts.link_fields)).toContain('accounts');
    for (const m of ['AOS_Contracts', 'AOS_Invoices']) expect(await call(sim, 'get_module_fields', { session: s, module_name: m, fields: [] })).toEqual(NO_MODULE);
    expect(await list(sim, s, { module_name: 'AOS_Invoices' })).toEqual(NO_MODULE);
    const suite = await start({ aosModules: true, data: { accounts: 3 } });
    const s2 = await login(suite);
    for (const m of ['AOS_Contracts', 'AOS_Invoices']) {
      const r = await call<{ module_name: string; table_name: string }>(suite, 'get_module_fields', { session: s2, module_name: m, fields: [] });
      expect(r.module_name).toBe(m);
      expect(r.table_name).toBe(m.toLowerCase());
      expect((await list(suite, s2, { module_name: m })).result_count).toBe(3);
    }
  });

  it('Users lists user_name, email1 and status for impersonation; get_user_id names the session user', async () => {
    const sim = await start();
    const s = await login(sim);
    const page = await list(sim, s, { module_name: 'Users', select_fields: ['user_name', 'email1', 'status', 'is_admin'] });
    const byName = new Map(page.entry_list.map((e) => [e.name_value_list.user_name!.value, e]));
    expect(byName.size).toBe(4);
    expect(byName.get('skoenig')!.name_value_list.email1!.value).toBe('Sabine.Koenig@example.de');
    expect(byName.get('uweiss')!.name_value_list.status!.value).toBe('Inactive');
    expect(byName.get('admin')!.name_value_list.is_admin!.value).toBe('1');
    const s2 = await login(sim, 'jmueller', 'jörg-pw');
    expect(await call(sim, 'get_user_id', { session: s2 })).toBe(byName.get('jmueller')!.id);
    const owned = await list(sim, s, { module_name: 'Accounts', select_fields: ['assigned_user_id'] });
    const userIds = new Set(page.entry_list.map((e) => e.id));
    for (const e of owned.entry_list) expect(userIds.has(e.name_value_list.assigned_user_id!.value)).toBe(true);
  });

  it('generated data has German names with umlauts and contacts linked to accounts', async () => {
    const sim = await start({ data: { accounts: 10, contactsPerAccount: 2 } });
    const names = [...sim.state.table('Accounts').values()].map((r) => r.name).join(' ');
    expect(names).toMatch(/[äöüß]/);
    const contacts = [...sim.state.table('Contacts').values()];
    expect(contacts).toHaveLength(20);
    for (const c of contacts) expect(sim.state.accountsOfContact(c.id as string)).toHaveLength(1);
  });
});

describe('faults', () => {
  it('failNext 500 / 503 answer an Apache page and do not apply', async () => {
    const sim = await start();
    const s = await login(sim);
    sim.setFaults({ failNext: [{ method: 'set_entry', count: 1, kind: '500' }, { count: 1, kind: '503' }] });
    const before = sim.state.table('Accounts').size;
    const r1 = await post(sim.endpoint, 'set_entry', { session: s, module_name: 'Accounts', name_value_list: [{ name: 'name', value: 'X' }] });
    expect(r1.status).toBe(500);
    expect(await r1.text()).toContain('Internal Server Error');
    const r2 = await post(sim.endpoint, 'get_user_id', { session: s });
    expect(r2.status).toBe(503);
    await r2.text();
    expect(sim.state.table('Accounts').size).toBe(before);
    expect(await call(sim, 'get_user_id', { session: s })).toBe('1');
  });

  it('php-fatal answers the HTML fatal error page with 200 or 500', async () => {
    const sim = await start();
    sim.setFaults({ failNext: [{ count: 1, kind: 'php-fatal' }, { count: 1, kind: 'php-fatal', httpStatus: 500 }] });
    const r1 = await post(sim.endpoint, 'login', {});
    expect(r1.status).toBe(200);
    expect(await r1.text()).toMatch(/^<br \/>\n<b>Fatal error<\/b>/);
    const r2 = await post(sim.endpoint, 'login', {});
    expect(r2.status).toBe(500);
    expect(await r2.text()).toBe('');
  });

  it('truncated bodies fail to parse; drop-after-apply applies the write and loses the answer', async () => {
    const sim = await start();
    const s = await login(sim);
    sim.setFaults({ failNext: { method: 'get_entry_list', count: 1, kind: 'truncated' } });
    await expect(list(sim, s)).rejects.toThrow();
    sim.setFaults({ failNext: { method: 'set_entry', count: 1, kind: 'drop-after-apply' } });
    await expect(post(sim.endpoint, 'set_entry', { session: s, module_name: 'Accounts', name_value_list: [{ name: 'name', value: 'Verloren GmbH' }] })).rejects.toThrow();
    const found = await list(sim, s, { query: "accounts.name = 'Verloren GmbH'" });
    expect(found.result_count).toBe(1);
    expect(sim.stats.calls.set_entry).toBe(1);
  });

  it('latency still answers correctly', async () => {
    const sim = await start({ faults: { latencyMs: 5 } });
    expect(await login(sim)).toMatch(/^[0-9a-f]{26}$/);
  });
});

describe('main.ts', () => {
  it('prints one JSON line with the site url, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/simulators/sugarcrm/main.ts', '--port', '0', '--accounts', '7', '--aos', '--legacy'], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (l) => lines.push(l));
    const [first] = (await once(rl, 'line')) as [string];
    const { url } = JSON.parse(first) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const endpoint = `${url}/legacy/service/v4_1/rest.php`;
    const s = await login(endpoint);
    const r = await call<ListResult>(endpoint, 'get_entry_list', { session: s, module_name: 'AOS_Contracts', query: '', order_by: '', offset: 0, select_fields: [], link_name_to_fields_array: [], max_results: 100, deleted: 0 });
    expect(r.result_count).toBe(7);
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exit) as [number | null];
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
  });
});

describe('snapshot (the demo keeps the CRM between starts)', () => {
  it('a restored simulator answers like the one it was taken from; sessions are not kept', async () => {
    const a = await start({ data: { accounts: 3, contactsPerAccount: 2, cases: 2, seed: 4 } });
    const sa = await login(a);
    const before = await list(a, sa, { module_name: 'Contacts', link_name_to_fields_array: [{ name: 'accounts', value: ['id'] }] });
    const snap = JSON.parse(JSON.stringify(a.state.snapshot())) as ReturnType<typeof a.state.snapshot>;
    const b = await start({ users: [], data: { accounts: 0, contactsPerAccount: 0, cases: 0 } });
    b.state.restore(snap);
    await expect(call(b, 'get_entry_list', { session: sa, module_name: 'Contacts', query: '', order_by: '', offset: 0, select_fields: ['id'], link_name_to_fields_array: [], max_results: 10, deleted: 0 })).resolves.toMatchObject({ number: 11 });
    const sb = await login(b);
    const after = await list(b, sb, { module_name: 'Contacts', link_name_to_fields_array: [{ name: 'accounts', value: ['id'] }] });
    expect(after).toEqual(before);
    // New records continue the numbering: a case created after the restore gets the next number.
    const maxCase = Math.max(...[...a.state.table('Cases').values()].map((c) => Number(c['case_number'])));
    const created = await call<{ id: string }>(b, 'set_entry', { session: sb, module_name: 'Cases', name_value_list: [{ name: 'name', value: 'Drucker' }] });
    expect(b.state.table('Cases').get(created.id)?.['case_number']).toBe(String(maxCase + 1));
  });
});
