// The Zabbix connector against a real Zabbix 6.0 (started once per run by test/setup/global.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Device } from '../../shared/entities.js';
import { FerryError } from '../../shared/errors.js';
import type { Connector, EntityPort, Logger, RemoteRecord } from '../../main/connectors/types.js';
import { normalizeZabbixUrl, zabbixFactory, zabbixOptionsSchema } from '../../main/connectors/zabbix/index.js';
import { GROUP_NAME_MAX, renderGroupName } from '../../main/connectors/zabbix/group-name.js';
import { hostTechnicalName } from '../../main/connectors/zabbix/host-name.js';
import { ZabbixApi } from '../peers/zabbix-api.js';
import { zabbixSql } from '../peers/zabbix.js';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set: the vitest globalSetup (test/setup/global.ts) starts Zabbix and sets it`);
  return v;
};
const URL_ = env('FERRY_TEST_ZABBIX_URL');
const API_URL = env('FERRY_TEST_ZABBIX_API_URL');
const DB_SOCKET = env('FERRY_TEST_ZABBIX_DB_SOCKET');

const log: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const PASSWORD = 'Ferry-Test-2024!';

const opened: Connector[] = [];
function connect(o: { url?: string; username?: string; password?: string; options?: Record<string, string> } = {}): Connector {
  const c = zabbixFactory.create({
    config: {
      id: 'conn-zabbix',
      kind: 'zabbix',
      name: 'Zabbix',
      url: zabbixFactory.normalizeUrl(o.url ?? URL_),
      username: o.username ?? 'Admin',
      options: zabbixFactory.optionsSchema.parse({ maxConcurrent: '2', ...o.options }),
    },
    secrets: { password: o.password ?? 'zabbix' },
    log,
  });
  opened.push(c);
  return c;
}

async function readAll<E extends 'customer' | 'device'>(port: EntityPort<E>, customerIds?: string[]) {
  const records: RemoteRecord<E>[] = [];
  const invalid: { id: string | null; reason: string }[] = [];
  for await (const page of port.read(customerIds ? { customerIds } : {})) {
    records.push(...page.records);
    invalid.push(...page.invalid);
  }
  return { records, invalid };
}

async function rejection(p: Promise<unknown>): Promise<FerryError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FerryError);
    return e as FerryError;
  }
  throw new Error('expected the call to fail');
}

const customer = (name: string, number: string | null = null): Customer => ({
  number, name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: 'Köln', country: 'DE', active: true,
});
const codePoints = (s: string) => [...s].length;

/** A local HTTP server answering every request with `answer(body)`. */
async function fakeServer(answer: (body: string, headers: http.IncomingHttpHeaders) => { status?: number; type?: string; body: string }): Promise<{ url: string; close(): Promise<void> }> {
  const srv = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const a = answer(body, req.headers);
      res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}/`,
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

let admin: ZabbixApi;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  admin = await ZabbixApi.login(API_URL);
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  for (const f of cleanup.reverse()) await f();
  await admin?.logout();
});

describe('URL and options', () => {
  it('accepts the frontend base URL, the API URL and pasted frontend pages', () => {
    expect(normalizeZabbixUrl('https://zbx.example.com/zabbix')).toBe('https://zbx.example.com/zabbix/');
    expect(normalizeZabbixUrl(' https://zbx.example.com/zabbix/api_jsonrpc.php ')).toBe('https://zbx.example.com/zabbix/');
    expect(normalizeZabbixUrl('https://zbx.example.com/zabbix.php?action=dashboard.view#x')).toBe('https://zbx.example.com/');
    expect(normalizeZabbixUrl('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080/');
  });

  it('rejects what is not an http(s) URL, with a hint', () => {
    for (const bad of ['ftp://zbx.example.com/', 'zbx.example.com', 'localhost:8080', 'https://admin:pw@zbx.example.com/']) {
      let err: unknown;
      try {
        normalizeZabbixUrl(bad);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(FerryError);
      expect((err as FerryError).category).toBe('input');
      expect((err as FerryError).hint).toMatch(/api_jsonrpc\.php/);
    }
  });

  it('defaults the group name template and checks its placeholders and the pin', () => {
    expect(zabbixOptionsSchema.parse({})).toEqual({ groupNameTemplate: '{number} {name}' });
    expect(zabbixOptionsSchema.safeParse({ groupNameTemplate: '{nmae}' }).success).toBe(false);
    expect(zabbixOptionsSchema.safeParse({ groupNameTemplate: 'Customers' }).success).toBe(false);
    expect(zabbixOptionsSchema.safeParse({ pinSha256: 'AB:CD' }).success).toBe(false);
    expect(zabbixOptionsSchema.safeParse({ maxConcurrent: '0' }).success).toBe(false);
    expect(zabbixOptionsSchema.safeParse({ unknownOption: 'x' }).success).toBe(false);
  });
});

describe('group name rule', () => {
  it('collapses white space, keeps umlauts, quotes, backslashes and emoji, turns slashes in values into dashes', () => {
    expect(renderGroupName(customer('  Müller \t& Söhne\nGmbH  ', '10001'), '{number} {name}')).toBe('10001 Müller & Söhne GmbH');
    expect(renderGroupName(customer('AC/DC "Rock" \\ Co 🎸', null), '{number} {name}')).toBe('AC-DC "Rock" \\ Co 🎸');
    expect(renderGroupName(customer('ACME', null), 'Customers/{number}/{name}')).toBe('Customers/ACME');
    expect(renderGroupName(customer('', null), '{number} {name}')).toBe('Unnamed customer');
  });

  it('truncates to 255 code points without splitting a grapheme, keeping a disambiguator whole', () => {
    const long = `${'ß'.repeat(252)}👩‍💻👩‍💻`;
    const name = renderGroupName(customer(long), '{name}');
    expect(codePoints(name)).toBeLessThanOrEqual(GROUP_NAME_MAX);
    expect(name.endsWith('…')).toBe(true);
    expect(name).not.toContain('\u200d…'); // the emoji sequence is not cut in half
    const d = renderGroupName(customer(long), '{name}', 'K-10002');
    expect(codePoints(d)).toBeLessThanOrEqual(GROUP_NAME_MAX);
    expect(d.endsWith('… (K-10002)')).toBe(true);
  });

  it('makes technical host names Zabbix accepts', () => {
    expect(hostTechnicalName('PC-Müller/01 Straße')).toBe('PC-Mueller_01 Strasse');
    expect(hostTechnicalName('Café  Ω')).toBe('Cafe _');
    expect(hostTechnicalName('x'.repeat(200)).length).toBe(128);
  });
});

describe('connection test', () => {
  it('connects and reports the version and user type', async () => {
    const r = await connect().test();
    expect(r.category, r.message).toBe('ok');
    expect(String(r.details?.['version'])).toMatch(/^6\.0\.\d+$/);
    expect(r.details?.['superAdmin']).toBe(true);
  });

  it('accepts the API URL as the connection URL', async () => {
    expect((await connect({ url: API_URL }).test()).category).toBe('ok');
  });

  it('wrong password → auth (system reachable, credentials wrong)', async () => {
    await admin.createUser({ username: 'ferry-wrongpw', password: PASSWORD, roleid: '3' });
    const r = await connect({ username: 'ferry-wrongpw', password: 'not-the-password' }).test();
    expect(r.category).toBe('auth');
    expect(r.hint).toMatch(/password/);
    expect(r.details?.['version']).toMatch(/^6\.0/);
  });

  it('dead port → unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await connect({ url: `http://127.0.0.1:${port}/` }).test();
    expect(r.category).toBe('unreachable');
    expect(r.hint).toMatch(/System not available/);
  });

  it('an HTTP server that is not Zabbix → config', async () => {
    const html = await fakeServer(() => ({ type: 'text/html', body: '<!doctype html><title>Intranet</title><h1>Welcome</h1>' }));
    const missing = await fakeServer(() => ({ status: 404, type: 'text/html', body: 'Not found' }));
    const otherJson = await fakeServer(() => ({ body: JSON.stringify({ status: 'ok' }) }));
    try {
      for (const s of [html, missing, otherJson]) {
        const r = await connect({ url: s.url }).test();
        expect(r.category, s.url).toBe('config');
        expect(r.hint).toMatch(/api_jsonrpc\.php/);
      }
    } finally {
      await Promise.all([html.close(), missing.close(), otherJson.close()]);
    }
  });

  it('Zabbix older than 6.0 → unsupported', async () => {
    const old = await fakeServer((b) => ({ body: JSON.stringify({ jsonrpc: '2.0', result: '5.0.31', id: (JSON.parse(b) as { id: number }).id }) }));
    try {
      const r = await connect({ url: old.url }).test();
      expect(r.category).toBe('unsupported');
      expect(r.details?.['version']).toBe('5.0.31');
    } finally {
      await old.close();
    }
  });

  describe('TLS (self-signed HTTPS in front of Zabbix)', () => {
    let proxyUrl = '';
    let caFile = '';
    let fingerprint = '';
    let server: https.Server;
    beforeAll(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-tls-'));
      cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      caFile = path.join(dir, 'cert.pem');
      const key = path.join(dir, 'key.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', caFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
      fingerprint = execFileSync('openssl', ['x509', '-in', caFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).split('=')[1]!.trim();
      const target = new URL(URL_);
      server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(caFile) }, (req, res) => {
        const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        req.pipe(up);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      proxyUrl = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
      cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    });

    it('an unknown certificate → tls, with its fingerprint', async () => {
      const r = await connect({ url: proxyUrl }).test();
      expect(r.category).toBe('tls');
      expect(r.details?.['fingerprint']).toBe(fingerprint);
      expect(r.message).toContain(fingerprint);
    });

    it('pinning that fingerprint, or trusting the CA file → ok; a wrong pin → tls', async () => {
      expect((await connect({ url: proxyUrl, options: { pinSha256: fingerprint } }).test()).category).toBe('ok');
      expect((await connect({ url: proxyUrl, options: { caFile } }).test()).category).toBe('ok');
      const wrong = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00');
      expect((await connect({ url: proxyUrl, options: { pinSha256: wrong } }).test()).category).toBe('tls');
    });
  });
});

describe('preflight', () => {
  beforeAll(async () => {
    // "ferry-limited": role User, read access to one group with one host.
    const gid = await admin.createGroup('Preflight visible group');
    await admin.createHost({ host: 'preflight-host', groupIds: [gid] });
    await admin.createUser({ username: 'ferry-limited', password: PASSWORD, roleid: '1', readGroupIds: [gid] });
  });

  it('passes for a Super admin', async () => {
    const checks = await connect().preflight();
    expect(checks.map((c) => c.id)).toEqual(['zabbix.version', 'zabbix.login', 'zabbix.read-hosts', 'zabbix.create-host-groups']);
    for (const c of checks) expect(c.status, `${c.id}: ${c.message}`).toBe('pass');
  });

  it('fails for a limited user, with hints', async () => {
    const checks = await connect({ username: 'ferry-limited', password: PASSWORD }).preflight();
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId['zabbix.login']?.status).toBe('pass');
    expect(byId['zabbix.read-hosts']?.status).toBe('pass');
    expect(byId['zabbix.read-hosts']?.message).toMatch(/1 host/);
    expect(byId['zabbix.create-host-groups']?.status).toBe('fail');
    expect(byId['zabbix.create-host-groups']?.message).toMatch(/User role/);
    expect(byId['zabbix.create-host-groups']?.hint).toMatch(/Super admin/);
  });

  it('wrong password → the login check fails with the credentials hint', async () => {
    const checks = await connect({ username: 'ferry-limited', password: 'wrong' }).preflight();
    expect(checks.find((c) => c.id === 'zabbix.login')?.status).toBe('fail');
    expect(checks.find((c) => c.id === 'zabbix.login')?.hint).toMatch(/password/);
  });

  it('a limited user cannot write customers: permission', async () => {
    const port = connect({ username: 'ferry-limited', password: PASSWORD }).entity('customer')!;
    const e = await rejection(port.create!(customer('Not allowed GmbH', '1'), { stamp: 's' }));
    expect(e.category).toBe('permission');
    expect(e.hint).toMatch(/Super admin/);
  });
});

describe('session', () => {
  it('logs in again once when Zabbix ends the session; a changed password then → auth', async () => {
    const userid = await admin.createUser({ username: 'ferry-session', password: PASSWORD, roleid: '3' });
    const port = connect({ username: 'ferry-session', password: PASSWORD }).entity('customer')!;
    const before = await readAll(port);
    expect(before.records.length).toBeGreaterThan(0);
    // What an autologout or an admin's "terminate session" does: the session row is gone.
    await zabbixSql(DB_SOCKET, `DELETE FROM sessions WHERE userid=${Number(userid)}`);
    expect((await readAll(port)).records.length).toBe(before.records.length);
    await admin.setPassword(userid, 'Changed-Password-99!');
    await zabbixSql(DB_SOCKET, `DELETE FROM sessions WHERE userid=${Number(userid)}`);
    const e = await rejection(readAll(port));
    expect(e.category).toBe('auth');
  });
});

describe('customers port (host groups)', () => {
  const stamp = (n: number) => ({ stamp: `ferry-cust-${n}` });

  it('declares its capabilities', () => {
    const port = connect().entity('customer')!;
    expect(port.capabilities).toMatchObject({ read: true, write: true, delete: true, delta: false, stamp: false, naturalKey: 'name' });
    expect(port.fields).toEqual(['name']);
  });

  it('reads all groups, built-in ones included', async () => {
    const { records, invalid } = await readAll(connect().entity('customer')!);
    expect(invalid).toEqual([]);
    expect(records.map((r) => r.data.name)).toEqual(expect.arrayContaining(['Linux servers', 'Zabbix servers', 'Templates']));
    expect(records.find((r) => r.data.name === 'Linux servers')?.data).toMatchObject({ number: null, city: null, active: true });
  });

  it('create / read / lookup round trip with hostile names', async () => {
    const port = connect().entity('customer')!;
    const hostile = [
      customer('Müller & Söhne GmbH', '10001'),
      customer('Straße "Zur Mühle" \'s Backslash \\ Ende', '10002'),
      customer('🚀 Rocket Ltd 👩‍💻 <script>', '10003'),
      customer('AC/DC // Tribute/', '10004'),
      customer('  Leerzeichen\n\tund\r\nZeilen  ', '10005'),
      customer('X'.repeat(300), '10006'),
    ];
    for (const [i, c] of hostile.entries()) {
      const want = port.storedForm!(c);
      const res = await port.create!(c, stamp(i));
      expect(res.data).toEqual(want);
      const raw = await admin.call<{ name: string }[]>('hostgroup.get', { groupids: [res.id], output: ['name'] });
      expect(raw[0]?.name).toBe(want.name);
      const found = await port.lookup!({ stamp: 'unused', natural: want.name });
      expect(found?.id).toBe(res.id);
      expect(found?.data).toEqual(want);
    }
    const { records } = await readAll(port);
    const names = records.map((r) => r.data.name);
    expect(names).toContain('10001 Müller & Söhne GmbH');
    expect(names).toContain('10002 Straße "Zur Mühle" \'s Backslash \\ Ende');
    expect(names).toContain('10003 🚀 Rocket Ltd 👩‍💻 <script>');
    expect(names).toContain('10004 AC-DC -- Tribute-');
    expect(names).toContain('10005 Leerzeichen und Zeilen');
    const long = names.find((n) => n.startsWith('10006 XXX'))!;
    expect(codePoints(long)).toBe(GROUP_NAME_MAX);
    expect(long.endsWith('X…')).toBe(true);
  });

  it('a second customer with the same rendered name → state with the existing id; a disambiguator resolves it', async () => {
    const port = connect().entity('customer')!;
    const first = await port.create!(customer('Doppelt GmbH'), stamp(100));
    const e = await rejection(port.create!(customer('Doppelt GmbH'), stamp(101)));
    expect(e.category).toBe('state');
    expect(e.details?.['existingId']).toBe(first.id);
    // Two 300-character names that share their first 255 characters collide after truncation too.
    await port.create!(customer(`${'Y'.repeat(280)} A`), stamp(102));
    expect((await rejection(port.create!(customer(`${'Y'.repeat(280)} B`), stamp(103)))).category).toBe('state');
    const second = await port.create!(customer('Doppelt GmbH'), { ...stamp(101), disambiguator: 'K-20002' } as never);
    expect(second.data).toMatchObject({ name: 'Doppelt GmbH (K-20002)' });
    const long = await port.create!(customer(`${'Y'.repeat(280)} B`), { ...stamp(103), disambiguator: 'K-20003' } as never);
    const longName = (long.data as Customer).name;
    expect(codePoints(longName)).toBe(GROUP_NAME_MAX);
    expect(longName.endsWith('Y… (K-20003)')).toBe(true);
    expect((await port.lookup!({ stamp: 'x', natural: 'Doppelt GmbH (K-20002)' }))?.id).toBe(second.id);
  });

  it('the template may nest groups; slashes from values never do', async () => {
    const port = connect({ options: { groupNameTemplate: 'Kunden/{number}/{name}' } }).entity('customer')!;
    const res = await port.create!(customer('Firma/Abteilung'), stamp(200));
    expect(res.data).toMatchObject({ name: 'Kunden/Firma-Abteilung' });
    expect((await port.lookup!({ stamp: 'x', natural: 'Kunden/Firma-Abteilung' }))?.id).toBe(res.id);
  });

  it('update renames; a taken name → state; a deleted group → not-found', async () => {
    const port = connect().entity('customer')!;
    const a = await port.create!(customer('Alt & Gut', '30001'), stamp(300));
    const upd = await port.update!(a.id, customer('Neu & Besser ✓', '30001'), stamp(300));
    expect(upd.data).toMatchObject({ name: '30001 Neu & Besser ✓' });
    expect((await readAll(port)).records.find((r) => r.id === a.id)?.data.name).toBe('30001 Neu & Besser ✓');
    await port.create!(customer('Besetzt', '30002'), stamp(301));
    expect((await rejection(port.update!(a.id, customer('Besetzt', '30002'), stamp(300)))).category).toBe('state');
    await port.delete!(a.id);
    expect((await rejection(port.update!(a.id, customer('Weg', '30001'), stamp(300)))).category).toBe('not-found');
  });

  it('delete removes the group and is idempotent', async () => {
    const port = connect().entity('customer')!;
    const a = await port.create!(customer('Löschmich', '40001'), stamp(400));
    await port.delete!(a.id);
    expect((await readAll(port)).records.some((r) => r.id === a.id)).toBe(false);
    expect(await port.lookup!({ stamp: 'x', natural: '40001 Löschmich' })).toBeNull();
    await port.delete!(a.id); // again, e.g. after a lost answer
  });
});

describe('devices port (hosts)', () => {
  let groupA = '';
  let groupB = '';
  const device = (code: string, customerId: string | null, more: Partial<Device> = {}): Device => ({
    customerId, code, name: null, serialNumber: null, manufacturer: null, model: null, operatingSystem: null, macAddress: null, ...more,
  });

  beforeAll(async () => {
    const customers = connect().entity('customer')!;
    groupA = (await customers.create!(customer('Geräte Kunde A', '50001'), { stamp: 'c-a' })).id;
    groupB = (await customers.create!(customer('Geräte Kunde B', '50002'), { stamp: 'c-b' })).id;
  });

  it('declares its capabilities', () => {
    const port = connect().entity('device')!;
    expect(port.capabilities).toMatchObject({ read: true, write: true, delete: true, delta: false, stamp: true, naturalKey: 'code' });
  });

  it('creates a host in the customer group with inventory and the stamp tag, and reads it back', async () => {
    const port = connect().entity('device')!;
    const d = device('PC-Müller-01', groupA, {
      name: 'Empfang PC „Süd"', serialNumber: 'SN-123', manufacturer: 'Dell', model: 'OptiPlex 7090', operatingSystem: 'Windows 11 Pro', macAddress: 'AA:BB:CC:DD:EE:FF',
    });
    const res = await port.create!(d, { stamp: 'ferry-dev-1' });
    expect(res.data).toEqual(port.storedForm!(d));
    const raw = await admin.getHost(res.id);
    expect(raw).toMatchObject({ host: 'PC-Mueller-01', name: 'Empfang PC „Süd"', groups: [{ groupid: groupA }], tags: [{ tag: 'ferry', value: 'ferry-dev-1' }] });
    expect(raw?.inventory).toMatchObject({ serialno_a: 'SN-123', vendor: 'Dell', model: 'OptiPlex 7090', os: 'Windows 11 Pro', macaddress_a: 'AA:BB:CC:DD:EE:FF' });

    const { records, invalid } = await readAll(port);
    expect(invalid).toEqual([]);
    const rec = records.find((r) => r.id === res.id)!;
    expect(rec.data).toEqual({ ...d, customerId: null, code: 'PC-Mueller-01' });
    expect(rec.parents).toEqual([groupA]);
    expect(rec.stamp).toBe('ferry-dev-1');
  });

  it('reads hosts an RMM agent created: no inventory → nulls, several groups → several parents, no stamp', async () => {
    const id = await admin.createHost({ host: 'agent-host-01', groupIds: [groupA, groupB], tags: [{ tag: 'site', value: 'HQ' }] });
    const withInv = await admin.createHost({ host: 'agent-host-02', name: 'Agent Two', groupIds: [groupB], inventory: { serialno_a: '', os: 'Debian 12' } });
    const { records } = await readAll(connect().entity('device')!);
    const one = records.find((r) => r.id === id)!;
    expect(one.data).toEqual(device('agent-host-01', null, { name: 'agent-host-01' }));
    expect(one.parents?.sort()).toEqual([groupA, groupB].sort());
    expect(one.stamp).toBeNull();
    const two = records.find((r) => r.id === withInv)!;
    expect(two.data).toMatchObject({ name: 'Agent Two', serialNumber: null, operatingSystem: 'Debian 12' });
    // The built-in "Zabbix server" host is read as well.
    expect(records.some((r) => r.data.code === 'Zabbix server')).toBe(true);
  });

  it('reads only the given customers\' hosts', async () => {
    const { records } = await readAll(connect().entity('device')!, [groupB]);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r.parents).toContain(groupB);
    expect((await readAll(connect().entity('device')!, [])).records).toEqual([]);
  });

  it('looks up by stamp, then by code', async () => {
    const port = connect().entity('device')!;
    const res = await port.create!(device('Lookup Host 7', groupB, { name: 'Lookup' }), { stamp: 'ferry-dev-lookup' });
    expect((await port.lookup!({ stamp: 'ferry-dev-lookup', natural: null }))?.id).toBe(res.id);
    expect((await port.lookup!({ stamp: 'no-such-stamp', natural: 'Lookup Host 7' }))?.id).toBe(res.id);
    expect(await port.lookup!({ stamp: 'no-such-stamp', natural: 'no-such-host' })).toBeNull();
    expect(await port.lookup!({ stamp: 'ferry-dev-look', natural: null })).toBeNull(); // the tag must equal, not contain
  });

  it('updates inventory and names, keeps other tags, sets the stamp', async () => {
    const port = connect().entity('device')!;
    const d = device('upd-host-01', groupA, { name: 'Before', serialNumber: 'S-1', operatingSystem: 'Windows 10' });
    const res = await port.create!(d, { stamp: 'ferry-dev-upd' });
    const raw = await admin.getHost(res.id);
    await admin.updateHost({ hostid: res.id, tags: [...raw!.tags, { tag: 'site', value: 'Branch' }] });
    const changed = { ...d, name: 'After', serialNumber: 'S-2', operatingSystem: null, manufacturer: 'Lenovo' };
    const upd = await port.update!(res.id, changed, { stamp: 'ferry-dev-upd' });
    expect(upd.data).toEqual(port.storedForm!(changed));
    const rec = (await readAll(port)).records.find((r) => r.id === res.id)!;
    expect(rec.data).toEqual({ ...changed, customerId: null });
    const after = await admin.getHost(res.id);
    expect(after?.tags).toEqual(expect.arrayContaining([{ tag: 'site', value: 'Branch' }, { tag: 'ferry', value: 'ferry-dev-upd' }]));
    expect(after?.groups).toEqual([{ groupid: groupA }]);
    // A host without the stamp (made by an agent, then linked) gets it on update; inventory is switched on.
    const agent = await admin.createHost({ host: 'agent-host-03', groupIds: [groupA] });
    await port.update!(agent, device('agent-host-03', groupA, { model: 'ThinkPad' }), { stamp: 'ferry-dev-agent3' });
    expect((await port.lookup!({ stamp: 'ferry-dev-agent3', natural: null }))?.data.model).toBe('ThinkPad');
  });

  it('a visible name another host has is written with the technical name and reads back unchanged', async () => {
    const port = connect().entity('device')!;
    const a = await port.create!(device('rec-pc-a', groupA, { name: 'Reception PC' }), { stamp: 'ferry-rec-a' });
    const b = await port.create!(device('rec-pc-b', groupB, { name: 'Reception PC' }), { stamp: 'ferry-rec-b' });
    expect((await admin.getHost(a.id))?.name).toBe('Reception PC');
    expect((await admin.getHost(b.id))?.name).toBe('Reception PC (rec-pc-b)');
    const recs = (await readAll(port)).records;
    expect(recs.find((r) => r.id === b.id)?.data.name).toBe('Reception PC');
    expect(b.data).toMatchObject({ name: 'Reception PC' });
  });

  it('refuses a device without customer, a taken code, and a deleted host', async () => {
    const port = connect().entity('device')!;
    expect((await rejection(port.create!(device('orphan', null), { stamp: 'x' }))).category).toBe('state');
    await port.create!(device('taken-code', groupA), { stamp: 'ferry-taken-1' });
    expect((await rejection(port.create!(device('taken-code', groupB), { stamp: 'ferry-taken-2' }))).category).toBe('state');
    const gone = await port.create!(device('gone-host', groupA), { stamp: 'ferry-gone' });
    await port.delete!(gone.id);
    expect(await port.lookup!({ stamp: 'ferry-gone', natural: 'gone-host' })).toBeNull();
    await port.delete!(gone.id); // idempotent
    expect((await rejection(port.update!(gone.id, device('gone-host', groupA), { stamp: 'ferry-gone' }))).category).toBe('not-found');
  });

  it('reads in chunks: ids first, then details', async () => {
    // 30 more hosts by the "agent" API, then one read: every host appears once.
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => admin.createHost({ host: `bulk-${String(i).padStart(2, '0')}`, groupIds: [groupB] })));
    const { records } = await readAll(connect().entity('device')!);
    const seen = new Set(records.map((r) => r.id));
    expect(seen.size).toBe(records.length);
    for (const id of ids) expect(seen.has(id)).toBe(true);
  });
});

describe('answers that do not fit, newer versions (fake Zabbix)', () => {
  interface Seen { method: string; params: Record<string, unknown>; auth?: string; authorization?: string }
  /** A fake Zabbix whose version and host.get details answer are chosen by the test; records what it was asked. */
  async function fakeZabbix(hosts: unknown, version = '6.0.14'): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
    const seen: Seen[] = [];
    const srv = await fakeServer((b, headers) => {
      const req = JSON.parse(b) as { method: string; id: number; params: Record<string, unknown>; auth?: string };
      seen.push({ method: req.method, params: req.params, auth: req.auth, authorization: headers['authorization'] });
      const details = req.method === 'host.get' && 'selectInventory' in req.params;
      const result =
        req.method === 'apiinfo.version' ? version
        : req.method === 'user.login' ? 'fedcba9876543210fedcba9876543210'
        : req.method === 'user.logout' ? true
        : details ? hosts
        : req.method === 'host.get' ? [{ hostid: '1' }, { hostid: '2' }]
        : null;
      return { body: JSON.stringify({ jsonrpc: '2.0', result, id: req.id }) };
    });
    return { ...srv, seen };
  }
  const good = { hostid: '1', host: 'ok-host', name: 'OK', inventory_mode: '-1', groups: [{ groupid: '5' }], tags: [], inventory: [] };

  it('a bad record goes to the page\'s invalid list; the rest is read', async () => {
    const bad = { hostid: '2', host: '', name: 'bad', groups: 'nope', tags: [], inventory: [] };
    const srv = await fakeZabbix([good, bad]);
    try {
      const { records, invalid } = await readAll(connect({ url: srv.url }).entity('device')!);
      expect(records.map((r) => r.id)).toEqual(['1']);
      expect(invalid).toHaveLength(1);
      expect(invalid[0]?.id).toBe('2');
      expect(invalid[0]?.reason).toMatch(/host/);
      // Zabbix 6.0: the session token travels in the body.
      const read = srv.seen.find((s) => s.method === 'host.get')!;
      expect(read.auth).toBe('fedcba9876543210fedcba9876543210');
      expect(read.authorization).toBeUndefined();
    } finally {
      await srv.close();
    }
  });

  it('a page that is not a list → data', async () => {
    const srv = await fakeZabbix({ unexpected: true });
    try {
      const e = await rejection(readAll(connect({ url: srv.url }).entity('device')!));
      expect(e.category).toBe('data');
    } finally {
      await srv.close();
    }
  });

  it('Zabbix 7.0: Bearer header instead of `auth`, selectHostGroups instead of selectGroups', async () => {
    const { groups: _g, ...rest } = good;
    const srv = await fakeZabbix([{ ...rest, hostgroups: [{ groupid: '7' }] }], '7.0.5');
    try {
      const { records } = await readAll(connect({ url: srv.url }).entity('device')!);
      expect(records[0]?.parents).toEqual(['7']);
      const details = srv.seen.find((s) => s.method === 'host.get' && 'selectInventory' in s.params)!;
      expect(details.params).toHaveProperty('selectHostGroups');
      expect(details.params).not.toHaveProperty('selectGroups');
      expect(details.auth).toBeUndefined();
      expect(details.authorization).toBe('Bearer fedcba9876543210fedcba9876543210');
    } finally {
      await srv.close();
    }
  });
});
