// The c-entron connector against the c-entron simulator (test/simulators/centron), which follows
// shared/reference/centron-webservice.md. Every test starts its own simulator on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../../shared/entities.js';
import { CentronOptions } from '../../main/connectors/centron/index.js';
import { APPLICATION_GUID } from '../../main/connectors/centron/methods.js';
import type { Connector, EntityPort, PreflightCheck, RecordPage } from '../../main/connectors/types.js';
import { startCentronSimulator, type CentronSimulator, type Customer as SimCustomer, type Device as SimDevice } from '../simulators/centron/server.js';
import { centronFixture } from '../support/centron-fixture.js';

const { warnings, sim, connect, rejection } = centronFixture();

const customers = (c: Connector): EntityPort<'customer'> => c.entity('customer')!;
const devices = (c: Connector): EntityPort<'device'> => c.entity('device')!;

async function readAll<E extends 'customer' | 'device'>(port: EntityPort<E>, customerIds?: string[]): Promise<RecordPage<E>[]> {
  const pages: RecordPage<E>[] = [];
  for await (const p of port.read(customerIds ? { customerIds } : {})) pages.push(p);
  return pages;
}


async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const byId = (checks: PreflightCheck[]): Record<string, PreflightCheck> => Object.fromEntries(checks.map((c) => [c.id.replace(/^centron\./, ''), c]));

describe('c-entron connection test', () => {
  it('ok: CheckConnection, Login with the application GUID, user name and admin flag in the details', async () => {
    const s = await sim({ users: [{ username: 'ferry', password: 'secret', displayName: 'Ferry Sync', isAdmin: true }] });
    const r = await connect({ url: `${s.url}/REST/` }).test();
    expect(r.category, r.message).toBe('ok');
    expect(r.details).toMatchObject({ url: s.url, userName: 'Ferry Sync', admin: true });
    expect(s.state.logins).toHaveLength(1);
    expect(s.state.logins[0]!.data).toMatchObject({ Username: 'ferry', Application: APPLICATION_GUID, LoginKind: 0 });
    expect(s.stats.calls['CheckConnection']).toBe(1);
    // The test's own ticket is given back.
    expect(s.state.sessions.count).toBe(0);
  });

  it('wrong password → auth', async () => {
    const s = await sim();
    const r = await connect({ url: s.url, password: 'Not-The-Passw0rd' }).test();
    expect(r.category).toBe('auth');
    expect(r.message).toContain('"ferry"');
    expect(JSON.stringify(r)).not.toContain('Not-The-Passw0rd');
    expect(r.hint).toMatch(/password/);
  });

  it('an AD login kind the server refuses → auth, with the login kind named', async () => {
    const s = await sim();
    const r = await connect({ url: s.url, options: { loginKind: '1' } }).test();
    expect(r.category).toBe('auth');
    expect(s.state.logins[0]!.data).toMatchObject({ LoginKind: 1 });
    expect(r.message).toContain('login kind 1');
  });

  it('dead port → unreachable', async () => {
    const port = await freePort();
    const r = await connect({ url: `http://127.0.0.1:${port}/CentronService` }).test();
    expect(r.category).toBe('unreachable');
    expect(r.hint).toMatch(/System not available/);
  });

  it('an HTML page instead of JSON → config', async () => {
    const s = await sim({ faults: { failNext: { method: 'CheckConnection', kind: 'html', count: 1 } } });
    const r = await connect({ url: s.url }).test();
    expect(r.category).toBe('config');
    expect(r.message).toMatch(/HTML page \("Service Unavailable"\)/);
    expect(r.hint).toMatch(/instance/);
  });

  it('a wrong instance (HTTP 404) → config', async () => {
    const s = await sim();
    const r = await connect({ url: s.url.replace(/CentronService$/, 'WrongInstance') }).test();
    expect(r.category).toBe('config');
    expect(r.message).toMatch(/No c-entron web service/);
  });

  it('HTTP 500 from CheckConnection → unreachable (no retries in the test)', async () => {
    const s = await sim({ faults: { failNext: { method: 'CheckConnection', kind: '500', count: 1 } } });
    const r = await connect({ url: s.url }).test();
    expect(r.category).toBe('unreachable');
    expect(s.stats.calls['CheckConnection']).toBe(1);
  });

  it('acting for a target user is unsupported', async () => {
    const s = await sim();
    expect((await connect({ url: s.url }).test({ user: 'someone@example.com' })).category).toBe('unsupported');
  });

  it('a bad methods file → config, with the hint that explains the file', async () => {
    const s = await sim();
    const r = await connect({ url: s.url, options: { methodsFile: path.join(os.tmpdir(), 'does-not-exist-ferry.json') } }).test();
    expect(r.category).toBe('config');
    expect(r.hint).toContain('saveMasterDataList');
  });

  describe('TLS (self-signed HTTPS in front of the simulator)', () => {
    let dir = '';
    let caFile = '';
    let fingerprint = '';
    let proxy: https.Server;
    let target: CentronSimulator;
    let proxyUrl = '';
    beforeAll(async () => {
      target = await startCentronSimulator();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-centron-tls-'));
      caFile = path.join(dir, 'cert.pem');
      const key = path.join(dir, 'key.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', caFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
      fingerprint = execFileSync('openssl', ['x509', '-in', caFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).split('=')[1]!.trim();
      const up = new URL(target.url);
      proxy = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(caFile) }, (req, res) => {
        const fwd = http.request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        req.pipe(fwd);
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      proxyUrl = `https://127.0.0.1:${(proxy.address() as net.AddressInfo).port}${up.pathname}`;
    });
    afterAll(async () => {
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
      await target.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('an unknown certificate → tls, with its fingerprint; pinning it or trusting the CA → ok', async () => {
      const r = await connect({ url: proxyUrl }).test();
      expect(r.category).toBe('tls');
      expect(r.details?.['fingerprint']).toBe(fingerprint);
      expect(r.hint).toContain(`pinSha256=${fingerprint}`);
      expect((await connect({ url: proxyUrl, options: { pinSha256: fingerprint } }).test()).category).toBe('ok');
      expect((await connect({ url: proxyUrl, options: { caFile } }).test()).category).toBe('ok');
    });
  });
});

describe('c-entron preflight', () => {
  it('passes when everything is in place (device write confirmed), with the last customer sync as information', async () => {
    const s = await sim();
    s.state.setLastCustomerSync(Date.UTC(2026, 0, 15, 10, 0));
    const checks = await connect({ url: s.url }).preflight();
    expect(checks.map((c) => c.id)).toEqual(['centron.login', 'centron.address-master', 'centron.read-customers', 'centron.read-devices', 'centron.device-write', 'centron.last-customer-sync', 'centron.ticket-write']);
    for (const c of checks) expect(c.status, `${c.id}: ${c.message}`).toBe('pass');
    expect(byId(checks)['last-customer-sync']!.message).toContain('2026-01-15T11:00:00.000+01:00');
    // Real calls, the reads with one entry per page.
    expect(s.stats.calls['GetAppSettingByI3D']).toBe(2);
    expect(s.stats.calls['SearchAccountsThroughPaging']).toBe(1);
    expect(s.stats.calls['SearchMasterDataListsThroughPaging']).toBe(1);
  });

  it('device write off → warn, saying why and how to confirm', async () => {
    const s = await sim();
    const c = byId(await connect({ url: s.url, options: { deviceWrite: 'off' } }).preflight())['device-write']!;
    expect(c.status).toBe('warn');
    expect(c.message).toMatch(/not public/);
    expect(c.hint).toContain('--option deviceWrite=confirmed');
  });

  it('address master off → fail, with the setting named', async () => {
    const s = await sim();
    s.state.setAddressMasterActive(false);
    const c = byId(await connect({ url: s.url }).preflight())['address-master']!;
    expect(c.status).toBe('fail');
    expect(c.hint).toContain('10011');
  });

  it('a user without rights → the read checks fail, naming the right', async () => {
    const s = await sim({ users: [{ username: 'ferry', password: 'secret', rights: {} }] });
    const checks = byId(await connect({ url: s.url }).preflight());
    expect(checks['login']!.status).toBe('pass');
    expect(checks['read-customers']!.status).toBe('fail');
    expect(checks['read-customers']!.hint).toContain('Display customers');
    expect(checks['read-devices']!.status).toBe('fail');
    expect(checks['read-devices']!.hint).toMatch(/devices/);
  });

  it('a user who may read customers but not devices → only the device check fails', async () => {
    const s = await sim({ users: [{ username: 'ferry', password: 'secret', rights: { readCustomers: true } }] });
    const checks = byId(await connect({ url: s.url }).preflight());
    expect(checks['read-customers']!.status).toBe('pass');
    expect(checks['read-devices']!.status).toBe('fail');
  });

  it('cannot log in → login fails and the other checks say they were not run', async () => {
    const s = await sim();
    const checks = await connect({ url: s.url, password: 'wrong' }).preflight();
    const m = byId(checks);
    expect(m['login']!.status).toBe('fail');
    expect(m['address-master']!.message).toMatch(/Not checked/);
    expect(checks).toHaveLength(7);
  });
});

describe('c-entron customers', () => {
  it('reads every customer over several pages (Page 1-based, EntriesPerPage from pageSize)', async () => {
    const s = await sim({ data: { customers: 23, devices: 0 } });
    const pages = await readAll(customers(connect({ url: s.url, options: { pageSize: '5' } })));
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5]);
    expect(pages.every((p) => p.pageCount === 5 && p.total === 23)).toBe(true);
    expect(pages.map((p) => p.records.length)).toEqual([5, 5, 5, 5, 3]);
    expect(s.stats.calls['SearchAccountsThroughPaging']).toBe(5);
    const ids = pages.flatMap((p) => p.records.map((r) => r.id));
    expect(ids).toEqual(s.state.listCustomers().map((c) => String(c.I3D)));
  });

  it('maps fields exactly, inactive customers included', async () => {
    const s = await sim({ data: { customers: 0, devices: 0 } });
    const a = s.state.addCustomer({ Name: 'Müller GmbH', Number: 10042, Phone: '+49 351 1234', EMail: 'info@mueller.example', DefaultAddress: { Street: 'Hauptstr. 1', Zip: '01067', City: 'Dresden', Country: { Name: 'Deutschland' } } });
    const b = s.state.addCustomer({ Name: 'Alt KG', IsActive: false, DefaultAddress: null });
    const [page] = await readAll(customers(connect({ url: s.url })));
    expect(page!.records).toEqual([
      {
        id: String(a.I3D),
        data: { number: '10042', name: 'Müller GmbH', phone: '+49 351 1234', fax: null, email: 'info@mueller.example', website: null, street: 'Hauptstr. 1', zip: '01067', city: 'Dresden', country: 'Deutschland', active: true },
        version: null,
        modifiedAt: null,
        stamp: null,
      },
      expect.objectContaining({ id: String(b.I3D), data: expect.objectContaining({ name: 'Alt KG', active: false, street: null, country: null }) }),
    ]);
  });

  it('hostile data: values kept exactly; records that fail the schema are reported in invalid, not thrown', async () => {
    const s = await sim({ data: { customers: 40, devices: 10, hostile: true } });
    const h = s.hostile!;
    const put = (rec: unknown) => s.state.customers.put(rec as SimCustomer);
    put({ I3D: 990001, Name: 42, AccountName: 42, Number: 1, IsActive: true, DefaultAddress: null });
    put({ I3D: 990002, Name: 'No active flag', AccountName: 'No active flag', Number: 2, DefaultAddress: null });
    put({ I3D: 990003, Name: null, AccountName: null, Number: 3, IsActive: true, DefaultAddress: null });
    put({ I3D: 990004, Name: 'Bad address', AccountName: 'Bad address', Number: 4, IsActive: true, DefaultAddress: 'Hauptstr. 1' });
    const pages = await readAll(customers(connect({ url: s.url, options: { pageSize: '7' } })));
    const records = pages.flatMap((p) => p.records);
    const invalid = pages.flatMap((p) => p.invalid);
    expect(invalid.map((i) => i.id).sort()).toEqual(['990001', '990002', '990003', '990004']);
    for (const i of invalid) expect(i.reason.length).toBeGreaterThan(10);
    expect(invalid.find((i) => i.id === '990002')!.reason).toMatch(/IsActive/);
    expect(records).toHaveLength(s.state.listCustomers().length - 4);
    const get = (i3d: number) => records.find((r) => r.id === String(i3d))!.data;
    const sim_ = (i3d: number) => s.state.getCustomer(i3d)!;
    for (const i3d of [...h.umlautNames, ...h.emojiNames, ...h.trimCaseEqual, ...h.nfcNfdPair, ...h.longNames, ...h.blankNames, ...h.quotesAndSql, ...h.controlChars]) {
      expect(get(i3d).name).toBe(sim_(i3d).Name); // nothing trimmed, normalised or escaped
    }
    expect(get(h.blankNames[0]!).name).toBe('');
    expect(get(h.blankNames[1]!).name).toBe('   ');
    expect(get(h.nfcNfdPair[0]).name).not.toBe(get(h.nfcNfdPair[1]).name);
    const [nul, empty] = h.nullVsEmpty;
    expect(get(nul)).toMatchObject({ phone: null, fax: null, email: null, website: null, street: null });
    expect(get(empty)).toMatchObject({ phone: '', fax: '', email: '', website: '', street: '' });
    expect(get(h.sameNumber[0]).number).toBe(get(h.sameNumber[1]).number);
    expect(get(h.inactiveWithDevices[0]!).active).toBe(false);
  });

  it('customerIds restricts the read to those accounts', async () => {
    const s = await sim({ data: { customers: 12, devices: 0 } });
    const want = s.state.listCustomers().slice(3, 5).map((c) => String(c.I3D));
    const pages = await readAll(customers(connect({ url: s.url, options: { pageSize: '4' } })), want);
    expect(pages.flatMap((p) => p.records.map((r) => r.id))).toEqual(want);
  });

  it('a ticket that expires mid-read → one re-login, and the read completes', async () => {
    const s = await sim({ data: { customers: 25, devices: 0 } });
    s.setFaults({ ticketExpiryAfterCalls: 3 });
    const pages = await readAll(customers(connect({ url: s.url, options: { pageSize: '5' } })));
    expect(pages.flatMap((p) => p.records)).toHaveLength(25);
    expect(s.state.logins.map((l) => l.ok)).toEqual([true, true]);
    // Page 4 was refused once (Status 2) and repeated after the new login.
    expect(s.stats.calls['SearchAccountsThroughPaging']).toBe(6);
  });

  it('a ticket refused again right after the new login → auth, after exactly one re-login', async () => {
    const s = await sim({ data: { customers: 5, devices: 0 } });
    s.setFaults({ ticketExpiryAfterCalls: 0 });
    const e = await rejection(readAll(customers(connect({ url: s.url }))));
    expect(e.category).toBe('auth');
    expect(s.state.logins).toHaveLength(2);
  });

  it('access denied → permission, naming the right', async () => {
    const s = await sim({ users: [{ username: 'ferry', password: 'secret', rights: { readDevices: true } }] });
    const e = await rejection(readAll(customers(connect({ url: s.url }))));
    expect(e.category).toBe('permission');
    expect(e.hint).toContain('Display customers');
  });

  it('transient failures of a read are retried; an HTML page mid-read is a config error', async () => {
    const s = await sim({ data: { customers: 12, devices: 0 } });
    s.setFaults({ failNext: [{ method: 'SearchAccountsThroughPaging', kind: '500', count: 1 }, { method: 'SearchAccountsThroughPaging', kind: 'truncated', count: 1 }] });
    const c = connect({ url: s.url, options: { pageSize: '5' } });
    expect((await readAll(customers(c))).flatMap((p) => p.records)).toHaveLength(12);
    s.setFaults({ failNext: { method: 'SearchAccountsThroughPaging', kind: 'html', count: 1 } });
    const e = await rejection(readAll(customers(c)));
    expect(e.category).toBe('config');
  });

  it('is read-only', () => {
    const port = customers(connect({ url: 'http://127.0.0.1:1/CentronService' }));
    expect(port.capabilities).toMatchObject({ read: true, write: false, delete: false, delta: false });
    expect(port.create).toBeUndefined();
    expect(port.fields).toContain('active');
  });
});

describe('c-entron devices', () => {
  const device = (customerId: string, code: string): Device => ({
    customerId,
    code,
    name: 'PC-042',
    serialNumber: 'SN-042',
    manufacturer: 'Dell',
    model: 'OptiPlex 7090',
    operatingSystem: 'Windows 11 Pro',
    macAddress: '00:1A:2B:3C:4D:5E',
  });

  it('reads all devices over pages, or those of given customers', async () => {
    const s = await sim({ data: { customers: 6, devices: 30 } });
    const c = connect({ url: s.url, options: { pageSize: '8' } });
    const all = await readAll(devices(c));
    expect(all).toHaveLength(4);
    expect(all.flatMap((p) => p.records.map((r) => r.id))).toEqual(s.state.listDevices().map((d) => String(d.I3D)));
    const first = all[0]!.records[0]!;
    const raw = s.state.getDevice(Number(first.id))!;
    expect(first.data).toEqual({ customerId: String(raw.CustomerI3D), code: raw.Code, name: raw.Caption, serialNumber: raw.SerialNumber, manufacturer: raw.Manufacturer, model: raw.Model, operatingSystem: raw.OperatingSystem, macAddress: raw.MacAddress });
    const [c1, c2] = s.state.listCustomers();
    const some = await readAll(devices(c), [String(c1!.I3D), String(c2!.I3D)]);
    const expected = [...s.state.listDevices(c1!.I3D), ...s.state.listDevices(c2!.I3D)].map((d) => String(d.I3D));
    expect(some.flatMap((p) => p.records.map((r) => r.id))).toEqual(expected);
    expect(some.map((p) => p.page)).toEqual(some.map((_, i) => i + 1));
  });

  it('a device without Code is reported invalid (code is the natural key)', async () => {
    const s = await sim({ data: { customers: 1, devices: 0 } });
    const bad = s.state.addDevice({ CustomerI3D: s.state.listCustomers()[0]!.I3D, Caption: 'no code' });
    s.state.devices.put({ I3D: 880001, Code: 'x', Caption: 5 } as unknown as SimDevice);
    const [page] = await readAll(devices(connect({ url: s.url })));
    expect(page!.records).toHaveLength(0);
    expect(page!.invalid.map((i) => i.id).sort()).toEqual([String(bad.I3D), '880001'].sort());
  });

  it('creates, updates and finds a device by Code', async () => {
    const s = await sim({ data: { customers: 2, devices: 5 } });
    const port = devices(connect({ url: s.url }));
    expect(port.capabilities).toMatchObject({ read: true, write: true, delete: false, stamp: false, naturalKey: 'code' });
    const cust = String(s.state.listCustomers()[0]!.I3D);
    const created = await port.create!(device(cust, 'rmm-host-1001'), { stamp: 'ferry:1' });
    const stored = s.state.getDevice(Number(created.id))!;
    expect(stored).toMatchObject({ CustomerI3D: Number(cust), Code: 'rmm-host-1001', Caption: 'PC-042', SerialNumber: 'SN-042', MacAddress: '00:1A:2B:3C:4D:5E' });

    const changed = { ...device(cust, 'rmm-host-1001'), name: 'PC-042 (Empfang)', serialNumber: null, operatingSystem: '' };
    const updated = await port.update!(created.id, changed, { stamp: 'ferry:1' });
    expect(updated.id).toBe(created.id);
    expect(s.state.getDevice(Number(created.id))).toMatchObject({ Caption: 'PC-042 (Empfang)', SerialNumber: null, OperatingSystem: '' });

    const found = await port.lookup!({ stamp: 'ferry:1', natural: 'rmm-host-1001' });
    expect(found).toMatchObject({ id: created.id, data: changed });
    expect(await port.lookup!({ stamp: 'ferry:2', natural: 'rmm-host-unknown' })).toBeNull();
    expect(await port.lookup!({ stamp: 'ferry:2', natural: 'RMM-HOST-1001' })).toBeNull(); // exact match only
    expect(await port.lookup!({ stamp: 'ferry:2', natural: null })).toBeNull();
  });

  it('two devices with the same Code: lookup answers the newest and warns', async () => {
    const s = await sim({ data: { customers: 2, devices: 0, hostile: true } });
    const [a, b] = s.hostile!.duplicateDeviceCode;
    const found = await devices(connect({ url: s.url })).lookup!({ stamp: 's', natural: 'H-DUP-CODE' });
    expect(found!.id).toBe(String(Math.max(a, b)));
    expect(warnings.some((w) => w['code'] === 'H-DUP-CODE')).toBe(true);
  });

  it('"drop-after-apply" on create → outcome unknown; lookup by Code finds the record, no duplicate', async () => {
    const s = await sim({ data: { customers: 2, devices: 3 } });
    const port = devices(connect({ url: s.url }));
    const cust = String(s.state.listCustomers()[1]!.I3D);
    s.setFaults({ failNext: { method: 'SaveMasterDataList', kind: 'drop-after-apply', count: 1 } });
    const e = await rejection(port.create!(device(cust, 'rmm-host-2002'), { stamp: 'ferry:2' }));
    expect(e.details?.['outcomeUnknown']).toBe(true);
    expect(e.message).toMatch(/Outcome unknown/);
    expect(e.hint).toMatch(/looks the device up by its Code/);
    expect(s.stats.calls['SaveMasterDataList']).toBe(1); // a create is never repeated blindly
    const applied = s.state.findDevicesByCode('rmm-host-2002');
    expect(applied).toHaveLength(1);
    const found = await port.lookup!({ stamp: 'ferry:2', natural: 'rmm-host-2002' });
    expect(found?.id).toBe(String(applied[0]!.I3D));
  });

  it('an answer cut off after a create → outcome unknown as well, and not repeated', async () => {
    const s = await sim({ data: { customers: 1, devices: 0 } });
    const port = devices(connect({ url: s.url }));
    s.setFaults({ failNext: { method: 'SaveMasterDataList', kind: 'truncated', count: 1 } });
    const e = await rejection(port.create!(device(String(s.state.listCustomers()[0]!.I3D), 'rmm-host-3003'), { stamp: 's' }));
    expect(e.details?.['outcomeUnknown']).toBe(true);
    expect(s.stats.calls['SaveMasterDataList']).toBe(1);
    expect((await port.lookup!({ stamp: 's', natural: 'rmm-host-3003' }))?.id).toBe(String(s.state.findDevicesByCode('rmm-host-3003')[0]!.I3D));
  });

  it('an update whose answer is lost is repeated (it is idempotent)', async () => {
    const s = await sim({ data: { customers: 1, devices: 1 } });
    const port = devices(connect({ url: s.url }));
    const d = s.state.listDevices()[0]!;
    s.setFaults({ failNext: { method: 'SaveMasterDataList', kind: 'drop-after-apply', count: 1 } });
    await port.update!(String(d.I3D), device(String(d.CustomerI3D), d.Code!), { stamp: 's' });
    expect(s.stats.calls['SaveMasterDataList']).toBe(2);
    expect(s.state.getDevice(d.I3D)).toMatchObject({ Caption: 'PC-042' });
  });

  it('a refused write (Status 1) says so and the outcome is known', async () => {
    const s = await sim({ data: { customers: 1, devices: 0 } });
    const e = await rejection(devices(connect({ url: s.url })).create!(device('123456789', 'rmm-x'), { stamp: 's' }));
    expect(e.category).toBe('data');
    expect(e.message).toMatch(/Customer 123456789 not found/);
    expect(e.details?.['outcomeUnknown']).toBe(false);
  });

  it('a user without the write right → permission, naming the right', async () => {
    const s = await sim({ users: [{ username: 'ferry', password: 'secret', rights: { readCustomers: true, readDevices: true } }], data: { customers: 1, devices: 0 } });
    const e = await rejection(devices(connect({ url: s.url })).create!(device(String(s.state.listCustomers()[0]!.I3D), 'rmm-y'), { stamp: 's' }));
    expect(e.category).toBe('permission');
    expect(e.hint).toMatch(/Edit devices/);
  });

  it('device write off (the default for real sites) → read-only with a note; no write methods', async () => {
    const s = await sim();
    const port = devices(connect({ url: s.url, options: { deviceWrite: 'off' } }));
    expect(port.capabilities.write).toBe(false);
    expect(port.capabilities.note).toContain('--option deviceWrite=confirmed');
    expect(port.create).toBeUndefined();
    expect(port.update).toBeUndefined();
    expect(port.delete).toBeUndefined();
    expect(CentronOptions.parse({}).deviceWrite).toBe('off');
  });

  it('a site without SaveMasterDataList → config, pointing at the methods file; a methods file renames the method at runtime', async () => {
    const s = await sim({ deviceWriteEnabled: false, data: { customers: 1, devices: 0 } });
    const cust = String(s.state.listCustomers()[0]!.I3D);
    const e = await rejection(devices(connect({ url: s.url })).create!(device(cust, 'rmm-z'), { stamp: 's' }));
    expect(e.category).toBe('config');
    expect(e.hint).toContain('methodsFile');

    const s2 = await sim({ data: { customers: 1, devices: 0 } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-centron-methods-'));
    try {
      const file = path.join(dir, 'methods.json');
      fs.writeFileSync(file, JSON.stringify({ saveMasterDataList: 'SaveDeviceHead' }));
      const port = devices(connect({ url: s2.url, options: { methodsFile: file } }));
      const e2 = await rejection(port.create!(device(String(s2.state.listCustomers()[0]!.I3D), 'rmm-z'), { stamp: 's' }));
      expect(e2.message).toContain('SaveDeviceHead');
      expect(s2.stats.calls['SaveDeviceHead']).toBe(1);
      expect(s2.stats.calls['SaveMasterDataList']).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
