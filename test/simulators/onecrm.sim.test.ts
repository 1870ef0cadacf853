// Protocol-level tests of the 1CRM api.php simulator with plain fetch (no Ferry code).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startOneCrmSimulator, type OneCrmSimulator, type OneCrmSimulatorOptions } from './onecrm/server.js';

type Json = Record<string, unknown>;
type Rec = Record<string, string | number | boolean | null>;
interface ListResult {
  records: Rec[];
  total_results: number;
}
interface TokenResult {
  token_type: string;
  expires_in: number;
  access_token: string;
  refresh_token?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const running: OneCrmSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(opts: OneCrmSimulatorOptions = {}): Promise<OneCrmSimulator> {
  const sim = await startOneCrmSimulator(opts);
  running.push(sim);
  return sim;
}

function tokenRequest(base: string, params: Record<string, string>, init: { json?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
  const body = init.json ? JSON.stringify(params) : new URLSearchParams(params).toString();
  return fetch(`${base}/auth/user/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': init.json ? 'application/json' : 'application/x-www-form-urlencoded', ...init.headers },
    body,
  });
}

async function token(base: string, params: Record<string, string>): Promise<TokenResult> {
  const res = await tokenRequest(base, params);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as TokenResult;
}

const PASSWORD = { grant_type: 'password', client_id: 'ferry', client_secret: 'ferry-secret', username: 'admin', password: 'secret', scope: 'read write profile' };
const CLIENT = { grant_type: 'client_credentials', client_id: 'ferry', client_secret: 'ferry-secret', scope: 'read write profile' };

async function bearer(sim: OneCrmSimulator, params: Record<string, string> = PASSWORD): Promise<string> {
  return (await token(sim.apiBase, params)).access_token;
}

async function api(sim: OneCrmSimulator | string, tok: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; headers: Headers }> {
  const base = typeof sim === 'string' ? sim : sim.apiBase;
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${tok}`, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, json: JSON.parse(text) as Json, headers: res.headers };
}

async function ok<T = Json>(sim: OneCrmSimulator | string, tok: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await api(sim, tok, method, path, body);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as T;
}

describe('OAuth 2 token endpoint', () => {
  it('password grant answers a bearer token with expiry and a refresh token; the token opens /data', async () => {
    const sim = await start();
    const t = await token(sim.apiBase, PASSWORD);
    expect(t.token_type).toBe('Bearer');
    expect(t.expires_in).toBe(3600);
    expect(t.access_token).toMatch(/^[0-9a-f]{40}$/);
    expect(t.refresh_token).toMatch(/^[0-9a-f]{40}$/);
    const r = await ok<ListResult>(sim, t.access_token, 'GET', '/data/Account?limit=1');
    expect(r.records).toHaveLength(1);
    expect(sim.apiBase).toBe(`${sim.url}/api.php`);
    expect(sim.stats.grants.password).toBe(1);
  });

  it('client_credentials grant acts as the client’s service user and has no refresh token; JSON bodies and Basic client auth work', async () => {
    const sim = await start();
    const t = await token(sim.apiBase, CLIENT);
    expect(t.refresh_token).toBeUndefined();
    const created = await ok<{ id: string }>(sim, t.access_token, 'POST', '/data/Account', { data: { name: 'Client Credentials GmbH' } });
    expect(sim.state.get('Account', created.id)?.created_by).toBe('1');
    const res = await tokenRequest(sim.apiBase, { grant_type: 'client_credentials' }, { headers: { Authorization: `Basic ${Buffer.from('ferry:ferry-secret').toString('base64')}` } });
    expect(res.status).toBe(200);
    await res.json();
    const res2 = await tokenRequest(sim.apiBase, PASSWORD, { json: true });
    expect(res2.status).toBe(200);
    expect(((await res2.json()) as TokenResult).refresh_token).toBeDefined();
  });

  it('wrong client secret or unknown client → 401 invalid_client; wrong user password, inactive user → 400 invalid_grant', async () => {
    const sim = await start();
    for (const p of [
      { ...PASSWORD, client_secret: 'wrong' },
      { ...CLIENT, client_id: 'nobody' },
    ]) {
      const res = await tokenRequest(sim.apiBase, p);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    for (const p of [
      { ...PASSWORD, password: 'wrong' },
      { ...PASSWORD, username: 'nobody' },
      { ...PASSWORD, username: 'uweiss', password: 'uwe-pw' },
    ]) {
      const res = await tokenRequest(sim.apiBase, p);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'The user credentials were incorrect' });
    }
    sim.state.setPassword('admin', 'neu');
    expect((await tokenRequest(sim.apiBase, PASSWORD)).status).toBe(400);
    await token(sim.apiBase, { ...PASSWORD, password: 'neu' });
    sim.state.setClientSecret('ferry', 'rotated');
    expect((await tokenRequest(sim.apiBase, CLIENT)).status).toBe(401);
    await token(sim.apiBase, { ...CLIENT, client_secret: 'rotated' });
  });

  it('public clients cannot use the password grant; unknown grants, missing grant and bad scopes are refused', async () => {
    const sim = await start();
    const cases: [Record<string, string>, number, string][] = [
      [{ ...PASSWORD, client_id: 'public-app', client_secret: '' }, 400, 'unauthorized_client'],
      [{ ...CLIENT, client_id: 'public-app', client_secret: '' }, 400, 'unauthorized_client'],
      [{ ...PASSWORD, grant_type: 'implicit' }, 400, 'unsupported_grant_type'],
      [{ client_id: 'ferry', client_secret: 'ferry-secret' }, 400, 'invalid_request'],
      [{ ...PASSWORD, scope: 'read admin' }, 400, 'invalid_scope'],
      [{ ...PASSWORD, grant_type: 'authorization_code', code: 'x' }, 400, 'invalid_grant'],
    ];
    for (const [p, status, error] of cases) {
      const res = await tokenRequest(sim.apiBase, p);
      expect(res.status, JSON.stringify(p)).toBe(status);
      expect(((await res.json()) as Json).error).toBe(error);
    }
    const res = await fetch(`${sim.apiBase}/auth/user/access_token`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(res.status).toBe(400);
    await res.text();
  });

  it('access tokens expire on the clock; refresh_token gives a new pair and invalidates the old refresh token (rotation)', async () => {
    let now = Date.UTC(2026, 10, 21, 21, 0, 0);
    const sim = await start({ now: () => now, accessTokenTtlSec: 60 });
    const t = await token(sim.apiBase, PASSWORD);
    expect(t.expires_in).toBe(60);
    now += 59_000;
    await ok(sim, t.access_token, 'GET', '/data/Account?limit=1');
    now += 1_000;
    const expired = await api(sim, t.access_token, 'GET', '/data/Account?limit=1');
    expect(expired.status).toBe(401);
    expect(expired.json.error).toBe('invalid_token');
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    const r = await token(sim.apiBase, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: 'ferry', client_secret: 'ferry-secret' });
    expect(r.refresh_token).not.toBe(t.refresh_token);
    await ok(sim, r.access_token, 'GET', '/data/Account?limit=1');
    const again = await tokenRequest(sim.apiBase, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: 'ferry', client_secret: 'ferry-secret' });
    expect(again.status).toBe(400);
    expect(((await again.json()) as Json).error).toBe('invalid_grant');
    // A refresh token belongs to its client.
    sim.state.addClient({ client_id: 'other', client_secret: 'o', confidential: true });
    const other = await tokenRequest(sim.apiBase, { grant_type: 'refresh_token', refresh_token: r.refresh_token as string, client_id: 'other', client_secret: 'o' });
    expect(other.status).toBe(400);
    await other.text();
    expect(sim.stats.grants).toEqual({ password: 1, refresh_token: 1 });
  });

  it('without rotation the refresh token stays; revokeAccessTokens() makes the next call 401', async () => {
    const sim = await start({ rotateRefreshTokens: false });
    const t = await token(sim.apiBase, PASSWORD);
    const r = await token(sim.apiBase, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: 'ferry', client_secret: 'ferry-secret' });
    expect(r.refresh_token).toBe(t.refresh_token);
    sim.state.revokeAccessTokens();
    expect((await api(sim, r.access_token, 'GET', '/data/Account')).status).toBe(401);
    sim.state.revokeRefreshTokens();
    expect((await tokenRequest(sim.apiBase, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: 'ferry', client_secret: 'ferry-secret' })).status).toBe(400);
  });

  it('no token or HTTP Basic on /data → 401; a read-only token cannot write (403 insufficient_scope)', async () => {
    const sim = await start();
    const none = await fetch(`${sim.apiBase}/data/Account`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await none.text();
    const basic = await fetch(`${sim.apiBase}/data/Account`, { headers: { Authorization: `Basic ${Buffer.from('admin:secret').toString('base64')}` } });
    expect(basic.status).toBe(401);
    await basic.text();
    const ro = await bearer(sim, { ...PASSWORD, scope: 'read' });
    await ok(sim, ro, 'GET', '/data/Account?limit=1');
    const w = await api(sim, ro, 'POST', '/data/Account', { data: { name: 'X' } });
    expect(w.status).toBe(403);
    expect(w.json.error).toBe('insufficient_scope');
  });
});

describe('editions, HTTPS and routing', () => {
  it('a Startup edition answers 403 on every api.php route, token endpoint included; switching the knob restores the API', async () => {
    const sim = await start({ edition: 'Startup' });
    const res = await tokenRequest(sim.apiBase, PASSWORD);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'forbidden', error_description: 'The API is not available in 1CRM Startup edition' });
    expect((await api(sim, 'x', 'GET', '/data/Account')).status).toBe(403);
    sim.edition = 'Professional';
    await bearer(sim);
  });

  it('httpsRequired refuses plain HTTP with 403 https_required', async () => {
    const sim = await start({ httpsRequired: true });
    const res = await tokenRequest(sim.apiBase, PASSWORD);
    expect(res.status).toBe(403);
    expect(((await res.json()) as Json).error).toBe('https_required');
  });

  it('serves the docs page at /api.php/; other paths 404; unknown models 404; wrong methods 405', async () => {
    const sim = await start();
    const docs = await fetch(`${sim.apiBase}/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/1CRM/);
    const other = await fetch(`${sim.url}/index.php`);
    expect(other.status).toBe(404);
    await other.text();
    const t = await bearer(sim);
    expect((await api(sim, t, 'GET', '/data/Accounts')).status).toBe(404);
    expect((await api(sim, t, 'PUT', '/data/Account')).status).toBe(405);
    expect((await api(sim, t, 'POST', '/data/User', { data: { user_name: 'x', last_name: 'y' } })).status).toBe(405);
    expect((await api(sim, t, 'GET', '/nothing')).status).toBe(404);
  });
});

describe('lists', () => {
  it('pages with offset/limit, at most 200 per call, total_results counts all; default page 20', async () => {
    const sim = await start({ data: { accounts: 450, contactsPerAccount: 0, cases: 0 } });
    const t = await bearer(sim);
    const first = await ok<ListResult>(sim, t, 'GET', '/data/Account?limit=500');
    expect(first.records).toHaveLength(200);
    expect(first.total_results).toBe(450);
    const ids = new Set<string>();
    for (let offset = 0; ; offset += 200) {
      const page = await ok<ListResult>(sim, t, 'GET', `/data/Account?offset=${offset}&limit=200`);
      for (const r of page.records) ids.add(r.id as string);
      if (page.records.length < 200) break;
    }
    expect(ids.size).toBe(450);
    expect((await ok<ListResult>(sim, t, 'GET', '/data/Account')).records).toHaveLength(20);
    expect((await ok<ListResult>(sim, t, 'GET', '/data/Account?offset=1000')).records).toEqual([]);
    expect((await api(sim, t, 'GET', '/data/Account?limit=0')).status).toBe(400);
    expect((await api(sim, t, 'GET', '/data/Account?offset=-1')).status).toBe(400);
  });

  it('records are flat JSON objects; fields[] narrows them (id always); unknown fields are 400', async () => {
    const sim = await start();
    const t = await bearer(sim);
    const all = await ok<ListResult>(sim, t, 'GET', '/data/Contact?limit=1');
    const c = all.records[0] as Rec;
    expect(c.id).toMatch(UUID);
    expect(c.date_modified).toMatch(DATE);
    expect(typeof c.last_name).toBe('string');
    expect(c.primary_account_id).toMatch(UUID);
    expect(c.phone_mobile).toBeNull();
    const narrow = await ok<ListResult>(sim, t, 'GET', '/data/Contact?limit=2&fields[]=last_name&fields[]=email1');
    expect(Object.keys(narrow.records[0] as Rec).sort()).toEqual(['email1', 'id', 'last_name']);
    const comma = await ok<ListResult>(sim, t, 'GET', '/data/Contact?limit=2&fields=last_name');
    expect(Object.keys(comma.records[0] as Rec).sort()).toEqual(['id', 'last_name']);
    expect((await api(sim, t, 'GET', '/data/Contact?fields[]=nope')).status).toBe(400);
  });

  it('filters: name and email (case-insensitive equality), account_id; unknown filters 400; names with quotes and ampersands', async () => {
    const sim = await start();
    const t = await bearer(sim);
    const byName = await ok<ListResult>(sim, t, 'GET', `/data/Account?filters[name]=${encodeURIComponent("o'brien & söhne gmbh")}`);
    expect(byName.records.map((r) => r.name)).toEqual(["O'Brien & Söhne GmbH"]);
    const acc = byName.records[0] as Rec;
    const contacts = await ok<ListResult>(sim, t, 'GET', `/data/Contact?filters[account_id]=${acc.id as string}`);
    expect(contacts.total_results).toBe(2);
    const email = (contacts.records[0] as Rec).email1 as string;
    const byEmail = await ok<ListResult>(sim, t, 'GET', `/data/Contact?filters[email]=${encodeURIComponent(email.toUpperCase())}`);
    expect(byEmail.records.map((r) => r.id)).toEqual([(contacts.records[0] as Rec).id]);
    const bad = await api(sim, t, 'GET', '/data/Account?filters[nope]=1');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('invalid_request');
  });

  it('modified_since returns rows with date_modified >= the bound (Y-m-d H:i:s UTC or ISO); order sorts', async () => {
    let now = Date.UTC(2026, 10, 21, 21, 0, 0);
    const sim = await start({ now: () => now });
    const t = await bearer(sim);
    now += 60_000;
    const [a, b] = sim.state.rows('Account');
    sim.state.write('Account', { phone_office: '+49 89 1' }, '1', { id: a?.id as string });
    now += 1_000;
    sim.state.write('Account', { phone_office: '+49 89 2' }, '1', { id: b?.id as string });
    const since = await ok<ListResult>(sim, t, 'GET', '/data/Account?filters[modified_since]=2026-11-21%2021:01:00&order=date_modified%20DESC');
    expect(since.records.map((r) => r.id)).toEqual([b?.id, a?.id]);
    expect(since.records[0]?.date_modified).toBe('2026-11-21 21:01:01');
    const iso = await ok<ListResult>(sim, t, 'GET', `/data/Account?filters[modified_since]=${encodeURIComponent('2026-11-21T22:01:01+01:00')}`);
    expect(iso.records.map((r) => r.id)).toEqual([b?.id]);
    expect((await api(sim, t, 'GET', '/data/Account?filters[modified_since]=yesterday')).status).toBe(400);
    expect((await api(sim, t, 'GET', '/data/Account?order=nope')).status).toBe(400);
    const byName = await ok<ListResult>(sim, t, 'GET', '/data/Account?order=name&limit=200');
    const names = byName.records.map((r) => r.name as string);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'en', { sensitivity: 'base' })));
  });

  it('without the modified-since filter, /meta does not list it and lists refuse it', async () => {
    const sim = await start({ modifiedSinceFilter: false });
    const t = await bearer(sim);
    const meta = await ok<{ filters: Record<string, unknown> }>(sim, t, 'GET', '/meta/fields/Account');
    expect(Object.keys(meta.filters)).not.toContain('modified_since');
    expect((await api(sim, t, 'GET', '/data/Account?filters[modified_since]=2026-01-01%2000:00:00')).status).toBe(400);
    sim.modifiedSinceFilter = true;
    await ok(sim, t, 'GET', '/data/Account?filters[modified_since]=2026-01-01%2000:00:00');
  });

  it('related lists: /data/Account/{id}/contacts and /cases', async () => {
    const sim = await start();
    const t = await bearer(sim);
    const acc = sim.state.rows('Account')[0] as Rec;
    const rel = await ok<ListResult>(sim, t, 'GET', `/data/Account/${acc.id as string}/contacts`);
    expect(rel.total_results).toBe(2);
    for (const c of rel.records) expect(c.primary_account_id).toBe(acc.id);
    await ok(sim, t, 'GET', `/data/Account/${acc.id as string}/cases`);
    expect((await api(sim, t, 'GET', `/data/Account/${acc.id as string}/nope`)).status).toBe(404);
  });
});

describe('metadata and users', () => {
  it('/meta/fields/{Model} lists fields (type, required, readonly, options, model) and filters with field and operator', async () => {
    const sim = await start();
    const t = await bearer(sim);
    for (const model of ['Account', 'Contact', 'Case', 'User']) {
      const m = await ok<{ model: string; fields: Record<string, Json>; filters: Record<string, Json> }>(sim, t, 'GET', `/meta/fields/${model}`);
      expect(m.model).toBe(model);
      expect(m.fields.id).toMatchObject({ type: 'id', readonly: true });
    }
    const acc = await ok<{ fields: Record<string, Json>; filters: Record<string, Json> }>(sim, t, 'GET', '/meta/fields/Account');
    expect(acc.fields.name).toMatchObject({ type: 'varchar', required: true, len: 150 });
    expect(acc.fields.date_modified).toMatchObject({ type: 'datetime', readonly: true });
    expect(acc.fields.description).toMatchObject({ type: 'text' });
    expect(acc.filters.modified_since).toEqual({ name: 'modified_since', label: 'Modified Since', field: 'date_modified', operator: 'gte', type: 'datetime' });
    const contact = await ok<{ fields: Record<string, Json> }>(sim, t, 'GET', '/meta/fields/Contact');
    expect(contact.fields.primary_account_id).toMatchObject({ type: 'ref', model: 'Account' });
    const kase = await ok<{ fields: Record<string, Json> }>(sim, t, 'GET', '/meta/fields/Case');
    expect(kase.fields.status?.options).toContain('Closed');
    expect((await api(sim, t, 'GET', '/meta/fields/Nope')).status).toBe(404);
  });

  it('User lists user_name, primary e-mail, status and is_admin; filters by e-mail case-insensitively', async () => {
    const sim = await start();
    const t = await bearer(sim);
    const users = await ok<ListResult>(sim, t, 'GET', '/data/User?limit=200');
    expect(users.records.map((u) => [u.user_name, u.email1, u.status, u.is_admin])).toEqual([
      ['admin', 'admin@example.de', 'Active', true],
      ['jmueller', 'joerg.mueller@example.de', 'Active', false],
      ['skoenig', 'Sabine.Koenig@example.de', 'Active', false],
      ['uweiss', 'uwe.weiss@example.de', 'Inactive', false],
    ]);
    const found = await ok<ListResult>(sim, t, 'GET', '/data/User?filters[email]=sabine.koenig%40example.de');
    expect(found.records.map((u) => u.user_name)).toEqual(['skoenig']);
  });
});

describe('writes', () => {
  it('POST creates ({id}); GET /data/Model/{id} → {record}; the creator owns it unless assigned_user_id says otherwise', async () => {
    let now = Date.UTC(2026, 10, 21, 21, 0, 0);
    const sim = await start({ now: () => now });
    const t = await bearer(sim);
    const jm = sim.state.userByName('jmueller')?.id as string;
    now += 5_000;
    const { id } = await ok<{ id: string }>(sim, t, 'POST', '/data/Account', { data: { name: 'Neu GmbH', billing_address_city: 'Köln', assigned_user_id: jm } });
    expect(id).toMatch(UUID);
    const { record } = await ok<{ record: Rec }>(sim, t, 'GET', `/data/Account/${id}`);
    expect(record).toMatchObject({ id, name: 'Neu GmbH', billing_address_city: 'Köln', assigned_user_id: jm, created_by: '1', modified_user_id: '1', date_modified: '2026-11-21 21:00:05' });
    const own = await ok<{ id: string }>(sim, t, 'POST', '/data/Account', { data: { name: 'Eigen GmbH' } });
    expect(sim.state.get('Account', own.id)?.assigned_user_id).toBe('1');
    const narrow = await ok<{ record: Rec }>(sim, t, 'GET', `/data/Account/${id}?fields[]=name`);
    expect(narrow.record).toEqual({ id, name: 'Neu GmbH' });
    expect((await api(sim, t, 'GET', '/data/Account/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('PATCH updates and bumps date_modified; without create an unknown id is 404; create:true upserts with the given id', async () => {
    let now = Date.UTC(2026, 10, 21, 21, 0, 0);
    const sim = await start({ now: () => now });
    const t = await bearer(sim);
    const acc = sim.state.rows('Account')[0] as Rec;
    now += 7_000;
    expect(await ok(sim, t, 'PATCH', `/data/Account/${acc.id as string}`, { data: { phone_office: '+49 1' } })).toEqual({ id: acc.id });
    expect(sim.state.get('Account', acc.id as string)).toMatchObject({ phone_office: '+49 1', date_modified: '2026-11-21 21:00:07' });
    const id = '6f1c2a7e-1111-4222-8333-944445555666';
    const miss = await api(sim, t, 'PATCH', `/data/Account/${id}`, { data: { name: 'Upsert AG' } });
    expect(miss.status).toBe(404);
    expect(miss.json.error).toBe('not_found');
    const before = sim.state.rows('Account').length;
    expect(await ok(sim, t, 'PATCH', `/data/Account/${id}`, { data: { name: 'Upsert AG' }, create: true })).toEqual({ id });
    expect(await ok(sim, t, 'PATCH', `/data/Account/${id}`, { data: { name: 'Upsert AG', website: 'https://u.de' }, create: true })).toEqual({ id });
    expect(sim.state.rows('Account').length).toBe(before + 1);
    expect(sim.state.get('Account', id)).toMatchObject({ name: 'Upsert AG', website: 'https://u.de' });
    expect((await api(sim, t, 'PATCH', `/data/Account/${id}`, { data: {}, create: 'yes' })).status).toBe(400);
    expect((await api(sim, t, 'PATCH', '/data/Account/bad$id', { data: {}, create: true })).status).toBe(400);
  });

  it('validation: unknown fields, bad enum values, dangling references, missing required fields, no data object → 400; readonly fields ignored', async () => {
    const sim = await start();
    const t = await bearer(sim);
    const bad: unknown[] = [
      { data: { name: 'X', nope: 1 } },
      { data: { name: 'X', account_type: 'Alien' } },
      { data: { billing_address_city: 'Köln' } },
      { data: { name: '' } },
      { name: 'X' },
      [],
    ];
    for (const body of bad) {
      const r = await api(sim, t, 'POST', '/data/Account', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error).toBe('invalid_request');
    }
    const r = await api(sim, t, 'POST', '/data/Contact', { data: { last_name: 'X', primary_account_id: '00000000-0000-0000-0000-000000000000' } });
    expect(r.status).toBe(400);
    const { id } = await ok<{ id: string }>(sim, t, 'POST', '/data/Case', { data: { name: 'Fall', status: 'Active', priority: 'P2', case_number: 999, date_modified: '2000-01-01 00:00:00' } });
    const kase = sim.state.get('Case', id) as Rec;
    expect(kase.case_number).not.toBe(999);
    expect(typeof kase.case_number).toBe('number');
    expect(kase.date_modified).not.toBe('2000-01-01 00:00:00');
  });

  it('DELETE removes (later GET / PATCH / DELETE 404, no longer listed); PATCH create:true on a deleted id brings it back', async () => {
    const sim = await start();
    const t = await bearer(sim);
    const c = sim.state.rows('Contact')[0] as Rec;
    const total = (await ok<ListResult>(sim, t, 'GET', '/data/Contact')).total_results;
    expect(await ok(sim, t, 'DELETE', `/data/Contact/${c.id as string}`)).toEqual({ id: c.id });
    expect((await api(sim, t, 'GET', `/data/Contact/${c.id as string}`)).status).toBe(404);
    expect((await api(sim, t, 'DELETE', `/data/Contact/${c.id as string}`)).status).toBe(404);
    expect((await api(sim, t, 'PATCH', `/data/Contact/${c.id as string}`, { data: { title: 'x' } })).status).toBe(404);
    expect((await ok<ListResult>(sim, t, 'GET', '/data/Contact')).total_results).toBe(total - 1);
    await ok(sim, t, 'PATCH', `/data/Contact/${c.id as string}`, { data: { last_name: 'Zurück' }, create: true });
    expect(sim.state.get('Contact', c.id as string)?.last_name).toBe('Zurück');
  });

  it('generated data: German names with umlauts, contacts linked to accounts, cases with numbers; deterministic per seed', async () => {
    const a = await start({ data: { seed: 7 } });
    const b = await start({ data: { seed: 7 } });
    const names = (s: OneCrmSimulator): string[] => s.state.rows('Account').map((r) => r.name as string);
    expect(names(a)).toEqual(names(b));
    expect(names(a).join(' ')).toMatch(/[äöüß]/);
    for (const c of a.state.rows('Contact')) expect(a.state.get('Account', c.primary_account_id as string)).toBeDefined();
    expect(a.state.rows('Case').map((r) => r.case_number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('faults', () => {
  it('failNext 500 / 503 / 429 answer an error and do not apply; Retry-After when asked', async () => {
    const sim = await start();
    const t = await bearer(sim);
    const before = sim.state.rows('Account').length;
    sim.setFaults({ failNext: [{ route: 'POST /data/Account', count: 1, kind: '500' }, { route: 'POST /data/Account', count: 1, kind: '503', retryAfterSec: 2 }, { count: 1, kind: '429' }] });
    const r1 = await api(sim, t, 'POST', '/data/Account', { data: { name: 'A' } });
    expect(r1.status).toBe(500);
    const r2 = await api(sim, t, 'POST', '/data/Account', { data: { name: 'A' } });
    expect(r2.status).toBe(503);
    expect(r2.headers.get('retry-after')).toBe('2');
    const r3 = await api(sim, t, 'GET', '/data/Account');
    expect(r3.status).toBe(429);
    expect(r3.headers.get('retry-after')).toBe('1');
    expect(sim.state.rows('Account').length).toBe(before);
    expect(sim.stats.calls['POST /data/Account']).toBe(2);
  });

  it('drop-after-apply applies the write and loses the answer; truncated bodies fail to parse', async () => {
    const sim = await start();
    const t = await bearer(sim);
    const id = '0a0b0c0d-1111-4222-8333-944445555666';
    sim.setFaults({ failNext: { route: 'PATCH /data/Account', count: 1, kind: 'drop-after-apply' } });
    await expect(api(sim, t, 'PATCH', `/data/Account/${id}`, { data: { name: 'Verloren GmbH' }, create: true })).rejects.toThrow();
    expect(sim.state.get('Account', id)?.name).toBe('Verloren GmbH');
    expect(sim.stats.calls['PATCH /data/Account/{id}']).toBe(1);
    sim.setFaults({ failNext: { route: 'GET /data/Account', count: 1, kind: 'truncated' } });
    await expect(api(sim, t, 'GET', '/data/Account')).rejects.toThrow();
    await ok(sim, t, 'GET', '/data/Account');
  });

  it('dropAfterApplyRate hits writes only; errorRate is seeded; latency still answers correctly', async () => {
    const sim = await start({ faults: { dropAfterApplyRate: 1, latencyMs: 5 } });
    const t = await bearer(sim);
    await ok(sim, t, 'GET', '/data/Account?limit=1');
    await expect(api(sim, t, 'POST', '/data/Account', { data: { name: 'Weg GmbH' } })).rejects.toThrow();
    expect(sim.state.rows('Account').some((r) => r.name === 'Weg GmbH')).toBe(true);
    sim.setFaults({ dropAfterApplyRate: 0, errorRate: 1 });
    expect([500, 503]).toContain((await api(sim, t, 'GET', '/data/Account')).status);
    sim.setFaults({ errorRate: 0 });
    expect(sim.faults.errorRate).toBe(0);
  });
});

describe('main.ts', () => {
  it('prints one JSON line with the site url, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/simulators/onecrm/main.ts', '--port', '0', '--accounts', '7', '--client-secret', 'cli-secret'], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (l) => lines.push(l));
    const [first] = (await once(rl, 'line')) as [string];
    const { url } = JSON.parse(first) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await tokenRequest(`${url}/api.php`, { ...CLIENT, client_secret: 'cli-secret' });
    expect(res.status).toBe(200);
    const t = ((await res.json()) as TokenResult).access_token;
    const r = await ok<ListResult>(`${url}/api.php`, t, 'GET', '/data/Account');
    expect(r.total_results).toBe(7);
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exit) as [number | null];
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
  });
});
