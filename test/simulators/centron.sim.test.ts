// Protocol-level tests of the c-entron simulator with plain fetch (no Ferry code).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCentronData } from './centron/generator.js';
import { SimState } from './centron/state.js';
import { DST_INSTANTS } from './centron/hostile.js';
import { startCentronSimulator, type CentronSimulator, type CentronSimulatorOptions } from './centron/server.js';
import { CENTRON_APPLICATION_GUID } from './centron/methods/session.js';
import { formatWcfDate, parseWcfDate } from './centron/wcf-date.js';

interface Envelope {
  Status: number;
  Message: string;
  MessageCode: number;
  Result: unknown[];
}
interface Page<T> {
  Count: number;
  CurrentPage: number;
  PageCount: number;
  Result: T[];
}
type Rec = Record<string, unknown> & { I3D: number };

const running: CentronSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(opts: CentronSimulatorOptions = {}): Promise<CentronSimulator> {
  const sim = await startCentronSimulator(opts);
  running.push(sim);
  return sim;
}

function post(sim: CentronSimulator, method: string, data?: unknown, ticket?: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.url}/REST/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ Ticket: ticket ?? '', TrimResponse: 0, Data: data }),
    ...init,
  });
}

async function call(sim: CentronSimulator, method: string, data?: unknown, ticket?: string): Promise<Envelope> {
  const res = await post(sim, method, data, ticket);
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope;
}

const loginData = (Username = 'ferry', Password = 'secret') => ({
  Username,
  Password,
  Application: CENTRON_APPLICATION_GUID,
  AppVersion: '0.1.0',
  Device: 'test',
  LoginKind: 0,
});

async function login(sim: CentronSimulator, user = 'ferry', password = 'secret'): Promise<string> {
  const env = await call(sim, 'Login', loginData(user, password));
  expect(env.Status).toBe(0);
  expect(typeof env.Result[0]).toBe('string');
  return env.Result[0] as string;
}

async function page<T = Rec>(sim: CentronSimulator, method: string, data: unknown, ticket: string): Promise<Page<T>> {
  const env = await call(sim, method, data, ticket);
  expect(env.Status).toBe(0);
  expect(env.Result).toHaveLength(1);
  return env.Result[0] as Page<T>;
}

describe('transport and login', () => {
  it('answers CheckConnection without a ticket with Result [true]', async () => {
    const sim = await start();
    const env = await call(sim, 'CheckConnection');
    expect(env).toEqual({ Status: 0, Message: '', MessageCode: 0, Result: [true] });
  });

  it('logs in, records what the client sent, and rejects a wrong password with Status 2', async () => {
    const sim = await start();
    const ticket = await login(sim);
    expect(ticket.length).toBeGreaterThan(10);
    const bad = await call(sim, 'Login', loginData('ferry', 'wrong'));
    expect(bad.Status).toBe(2);
    expect(bad.Result).toEqual([]);
    expect((await call(sim, 'Login', loginData('nobody', 'secret'))).Status).toBe(2);
    expect((await call(sim, 'Login', loginData('FERRY', 'secret'))).Status).toBe(0); // user names are case-insensitive
    expect(sim.state.logins.map((l) => l.ok)).toEqual([true, false, false, true]);
    expect((sim.state.logins[0]?.data as Record<string, unknown>).Application).toBe(CENTRON_APPLICATION_GUID);
  });

  it('answers Status 2 for a missing or unknown ticket and keeps the envelope shape', async () => {
    const sim = await start();
    for (const ticket of [undefined, 'not-a-ticket']) {
      const env = await call(sim, 'GetCustomerByI3D', 1, ticket);
      expect(Object.keys(env).sort()).toEqual(['Message', 'MessageCode', 'Result', 'Status']);
      expect(env.Status).toBe(2);
      expect(Array.isArray(env.Result)).toBe(true);
    }
  });

  it('answers HTTP 404 for unknown methods, a wrong instance, and 405 for GET', async () => {
    const sim = await start();
    expect((await post(sim, 'NoSuchMethod', {})).status).toBe(404);
    const wrongInstance = sim.url.replace(/CentronService$/, 'centronservicede');
    expect((await fetch(`${wrongInstance}/REST/CheckConnection`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${sim.url}/REST/CheckConnection`)).status).toBe(405);
    const custom = await start({ instance: 'centronservicede' });
    expect(custom.url.endsWith('/centronservicede')).toBe(true);
    expect((await call(custom, 'CheckConnection')).Result).toEqual([true]);
  });

  it('answers HTTP 400 for a body that is not JSON', async () => {
    const sim = await start();
    const res = await fetch(`${sim.url}/REST/CheckConnection`, { method: 'POST', body: '{"Ticket":' });
    expect(res.status).toBe(400);
  });

  it('serves user, admin and application-setting methods', async () => {
    const sim = await start({ users: [{ username: 'admin', password: 'pw', isAdmin: true }] });
    const t = await login(sim, 'admin', 'pw');
    expect((await call(sim, 'IsUserAdmin', null, t)).Result).toEqual([true]);
    expect((await call(sim, 'GetCurrentAppUser', null, t)).Result[0]).toMatchObject({ Login: 'admin' });
    expect((await call(sim, 'GetCommonLoginInformations', null, t)).Status).toBe(0);
    expect((await call(sim, 'IsValidTicket', null, t)).Result).toEqual([true]);
    expect((await call(sim, 'GetAppSettingByI3D', 10011, t)).Result).toEqual([{ I3D: 10011, ValueBool: true }]);
    sim.state.setAddressMasterActive(false);
    expect((await call(sim, 'GetAppSettingByI3D', 10011, t)).Result).toEqual([{ I3D: 10011, ValueBool: false }]);
    expect((await call(sim, 'GetAppSettingByI3D', 50421, t)).Result).toEqual([{ I3D: 50421, ValueDateTime: null }]);
    const at = Date.UTC(2026, 5, 1, 21, 55);
    sim.state.setLastCustomerSync(at);
    const setting = (await call(sim, 'GetAppSettingByI3D', 50421, t)).Result[0] as { ValueDateTime: string };
    expect(parseWcfDate(setting.ValueDateTime)).toEqual({ ms: at, offsetMinutes: 120 });
    expect((await call(sim, 'GetAppSettingByI3D', 12345, t)).Result).toEqual([]);
    expect((await call(sim, 'Logout', null, t)).Status).toBe(0);
    expect((await call(sim, 'IsValidTicket', null, t)).Result).toEqual([false]);
  });
});

describe('tickets expire', () => {
  it('drops a ticket after ticketIdleMs without use; every call renews it', async () => {
    let now = Date.UTC(2026, 0, 1);
    const sim = await start({ now: () => now, ticketIdleMs: 30 * 60_000 });
    const t = await login(sim);
    now += 20 * 60_000;
    expect((await call(sim, 'GetCustomerByI3D', 1, t)).Status).toBe(0);
    now += 30 * 60_000; // 50 min after login, 30 after the last use: still valid
    expect((await call(sim, 'GetCustomerByI3D', 1, t)).Status).toBe(0);
    now += 30 * 60_000 + 1;
    expect((await call(sim, 'GetCustomerByI3D', 1, t)).Status).toBe(2);
    now -= 60 * 60_000; // the clock going back does not revive it
    expect((await call(sim, 'GetCustomerByI3D', 1, t)).Status).toBe(2);
    const again = await login(sim);
    expect((await call(sim, 'GetCustomerByI3D', 1, again)).Status).toBe(0);
  });

  it('expires a ticket after ticketExpiryAfterCalls accepted calls (fault knob)', async () => {
    const sim = await start();
    const t = await login(sim);
    await call(sim, 'GetCustomerByI3D', 1, t); // counted before the knob is set, then reset
    sim.setFaults({ ticketExpiryAfterCalls: 2 });
    expect((await call(sim, 'GetCustomerByI3D', 1, t)).Status).toBe(0);
    expect((await call(sim, 'GetCustomerByI3D', 1, t)).Status).toBe(0);
    expect((await call(sim, 'GetCustomerByI3D', 1, t)).Status).toBe(2);
    const t2 = await login(sim);
    expect((await call(sim, 'GetCustomerByI3D', 1, t2)).Status).toBe(0);
  });
});

describe('reading', () => {
  it('pages customers 1-based in I3D order with Count and PageCount', async () => {
    const sim = await start({ data: { customers: 23, devices: 40, seed: 5 } });
    const t = await login(sim);
    const seen: number[] = [];
    for (let p = 1; p <= 3; p++) {
      const pg = await page(sim, 'SearchAccountsThroughPaging', { Page: p, EntriesPerPage: 10, Filter: { SearchText: '', IsActive: null } }, t);
      expect(pg).toMatchObject({ Count: 23, CurrentPage: p, PageCount: 3 });
      expect(pg.Result).toHaveLength(p < 3 ? 10 : 3);
      seen.push(...pg.Result.map((c) => c.I3D));
    }
    expect(seen).toEqual(sim.state.listCustomers().map((c) => c.I3D));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const beyond = await page(sim, 'SearchAccountsThroughPaging', { Page: 4, EntriesPerPage: 10 }, t);
    expect(beyond).toEqual({ Count: 23, CurrentPage: 4, PageCount: 3, Result: [] });
    const bad = await call(sim, 'SearchAccountsThroughPaging', { Page: 0, EntriesPerPage: 10 }, t);
    expect(bad.Status).toBe(1);
  });

  it('answers the documented customer shape, and filters by IsActive and SearchText', async () => {
    const sim = await start({ data: { customers: 60, devices: 0, seed: 9 } });
    const t = await login(sim);
    sim.state.deactivate(3);
    const c = (await call(sim, 'GetCustomerByI3D', 3, t)).Result[0] as Rec;
    expect(Object.keys(c).sort()).toEqual(
      ['AccountName', 'DefaultAddress', 'EMail', 'Fax', 'I3D', 'IsActive', 'Name', 'Number', 'Phone', 'Website'].sort(),
    );
    expect(c.IsActive).toBe(false);
    expect(Object.keys(c.DefaultAddress as object).sort()).toEqual(['City', 'Country', 'I3D', 'Street', 'Zip']);
    const inactive = await page(sim, 'SearchAccountsThroughPaging', { Page: 1, EntriesPerPage: 500, Filter: { IsActive: false } }, t);
    expect(inactive.Result.length).toBeGreaterThan(0);
    expect(inactive.Result.every((x) => x.IsActive === false)).toBe(true);
    expect(inactive.Count).toBe(sim.state.listCustomers().filter((x) => !x.IsActive).length);
    const added = sim.state.addCustomer({ Name: 'Zebra Präzisionswerk GmbH' });
    const found = await page(sim, 'SearchAccountsThroughPaging', { Page: 1, EntriesPerPage: 50, Filter: { SearchText: 'präzisionswerk' } }, t);
    expect(found.Result.map((x) => x.I3D)).toEqual([added.I3D]);
    expect((await call(sim, 'GetCustomerByI3D', 999_999, t)).Result).toEqual([]);
  });

  it('serves addresses, contacts and contracts of a customer', async () => {
    const sim = await start({ data: { customers: 5, devices: 0 } });
    const t = await login(sim);
    const contact = sim.state.addContact(2, { Firstname: 'Jörg', Lastname: 'Weiß', MailAdress: 'jw@example.de' });
    sim.state.addContract(2, { Number: 'V-1', Caption: 'Wartung', Start: Date.UTC(2026, 0, 1) });
    const addresses = (await call(sim, 'GetAddressesFromCustomer', { CustomerI3D: 2, OnlyActive: true }, t)).Result as Rec[];
    expect(addresses.map((a) => a.I3D)).toContain(sim.state.getCustomer(2)?.DefaultAddress?.I3D);
    const contacts = (await call(sim, 'GetAddressContactsFromCustomer', { CustomerI3D: 2 }, t)).Result as Rec[];
    expect(contacts.find((c) => c.I3D === contact.I3D)).toMatchObject({ Firstname: 'Jörg', MailAdress: 'jw@example.de' });
    const contracts = (await call(sim, 'GetContractsByCustomerI3D', 2, t)).Result as Rec[];
    expect(contracts.find((c) => c.Number === 'V-1')).toMatchObject({ CustomerI3D: 2, Caption: 'Wartung' });
  });

  it('pages devices, filtered by CustomerI3D', async () => {
    const sim = await start({ data: { customers: 10, devices: 300, seed: 2 } });
    const t = await login(sim);
    const all = await page(sim, 'SearchMasterDataListsThroughPaging', { Page: 1, EntriesPerPage: 1000, Filter: {} }, t);
    expect(all.Count).toBe(300);
    const cid = 4;
    const expected = sim.state.listDevices(cid).map((d) => d.I3D);
    expect(expected.length).toBeGreaterThan(0);
    const got: number[] = [];
    for (let p = 1; ; p++) {
      const pg = await page(sim, 'SearchMasterDataListsThroughPaging', { Page: p, EntriesPerPage: 7, Filter: { CustomerI3D: cid } }, t);
      expect(pg.Result.every((d) => d.CustomerI3D === cid)).toBe(true);
      got.push(...pg.Result.map((d) => d.I3D));
      if (p >= pg.PageCount) break;
    }
    expect(got).toEqual(expected);
    const d = all.Result[0] as Rec;
    expect(Object.keys(d).sort()).toEqual(
      ['Caption', 'Code', 'CustomerI3D', 'I3D', 'MacAddress', 'Manufacturer', 'Model', 'OperatingSystem', 'SerialNumber'].sort(),
    );
  });

  it('keeps hostile text byte-exact over the wire (NFD stays NFD, emoji, quotes)', async () => {
    const sim = await start({ data: { customers: 0, devices: 0, seed: 1, hostile: true } });
    const t = await login(sim);
    const h = sim.hostile!;
    for (const id of [...h.nfcNfdPair, ...h.emojiNames, ...h.quotesAndSql, ...h.controlChars, ...h.longNames]) {
      const c = (await call(sim, 'GetCustomerByI3D', id, t)).Result[0] as Rec;
      expect(c.Name).toBe(sim.state.getCustomer(id)?.Name);
    }
  });
});

describe('writing', () => {
  it('SaveMasterDataList creates without I3D (or 0) and updates only the fields sent', async () => {
    const sim = await start({ data: { customers: 3, devices: 0 } });
    const t = await login(sim);
    const created = await call(sim, 'SaveMasterDataList', { CustomerI3D: 2, Code: 'RMM-42', Caption: 'PC 42', SerialNumber: 'S1', Manufacturer: 'Dell', Model: 'X', OperatingSystem: 'Windows 11', MacAddress: '00:11:22:33:44:55' }, t);
    expect(created.Status).toBe(0);
    const id = created.Result[0] as number;
    expect(sim.state.getDevice(id)).toMatchObject({ CustomerI3D: 2, Code: 'RMM-42', Caption: 'PC 42', SerialNumber: 'S1' });
    const zero = await call(sim, 'SaveMasterDataList', { I3D: 0, CustomerI3D: 3, Code: 'RMM-43' }, t);
    expect(zero.Result[0]).not.toBe(id);
    expect(sim.state.getDevice(zero.Result[0] as number)?.Caption).toBeNull();

    const updated = await call(sim, 'SaveMasterDataList', { I3D: id, Caption: 'PC 42 neu', CustomerI3D: 3 }, t);
    expect(updated.Result).toEqual([id]);
    expect(sim.state.getDevice(id)).toMatchObject({ Caption: 'PC 42 neu', Code: 'RMM-42', SerialNumber: 'S1', CustomerI3D: 3 });
    const pg = await page(sim, 'SearchMasterDataListsThroughPaging', { Page: 1, EntriesPerPage: 10, Filter: { CustomerI3D: 3 } }, t);
    expect(pg.Result.map((d) => d.I3D)).toContain(id);
    expect(sim.state.listDevices(2).map((d) => d.I3D)).not.toContain(id);

    expect((await call(sim, 'SaveMasterDataList', { I3D: 123, Caption: 'x' }, t)).Status).toBe(1);
    expect((await call(sim, 'SaveMasterDataList', { CustomerI3D: 999_999, Code: 'x' }, t)).Status).toBe(1);
    expect((await call(sim, 'SaveMasterDataList', { Code: 'no customer' }, t)).Status).toBe(1);
    expect((await call(sim, 'SaveMasterDataList', { CustomerI3D: 2, Code: 42 }, t)).Status).toBe(1);
    expect(sim.state.findDevicesByCode('x')).toEqual([]);
  });

  it('SaveMasterDataList is an unknown method (404) when deviceWriteEnabled is false', async () => {
    const sim = await start({ deviceWriteEnabled: false });
    const t = await login(sim);
    expect((await post(sim, 'SaveMasterDataList', { CustomerI3D: 1, Code: 'x' }, t)).status).toBe(404);
  });

  it('SaveHelpdesk creates (Result[0] = new I3D) and updates; GetHelpdesksThroughPaging filters', async () => {
    const sim = await start({ data: { customers: 4, devices: 0, tickets: 0 } });
    const t = await login(sim);
    const env = await call(sim, 'SaveHelpdesk', { CustomerI3D: 2, ShortDescription: 'Drucker', HelpdeskStatusI3D: 1 }, t);
    const id = env.Result[0] as number;
    const h = (await call(sim, 'GetHelpdeskByI3D', id, t)).Result[0] as Rec;
    expect(h).toMatchObject({ I3D: id, CustomerI3D: 2, ShortDescription: 'Drucker', Number: 1 });
    await call(sim, 'SaveHelpdesk', { I3D: id, HelpdeskStatusI3D: 3 }, t);
    const active = await page(sim, 'GetHelpdesksThroughPaging', { Page: 1, EntriesPerPage: 10, HelpdeskFilter: { CustomerI3D: 2, OnlyActive: true } }, t);
    expect(active.Count).toBe(0);
    const any = await page(sim, 'GetHelpdesksThroughPaging', { Page: 1, EntriesPerPage: 10, HelpdeskFilter: { CustomerI3D: 2 } }, t);
    expect(any.Result.map((x) => x.I3D)).toEqual([id]);
  });

  it('round-trips WCF dates: the sent offset is parsed, the instant kept, and Berlin time written', async () => {
    const sim = await start({ data: { customers: 2, devices: 0, tickets: 0 } });
    const t = await login(sim);
    const created = formatWcfDate(DST_INSTANTS.springBefore, 300); // sent with +0500
    const due = formatWcfDate(DST_INSTANTS.springAfter, -210); // sent with -0330
    const id = (await call(sim, 'SaveHelpdesk', { CustomerI3D: 1, ShortDescription: 'DST', CreatedDate: created, DueDate: due }, t)).Result[0];
    const res = await post(sim, 'GetHelpdeskByI3D', id, t);
    const raw = await res.text();
    expect(raw).toContain(`"\\/Date(${DST_INSTANTS.springBefore}+0100)\\/"`); // WCF escapes the slashes
    const h = (JSON.parse(raw) as Envelope).Result[0] as { CreatedDate: string; DueDate: string };
    expect(parseWcfDate(h.CreatedDate)).toEqual({ ms: DST_INSTANTS.springBefore, offsetMinutes: 60 });
    expect(parseWcfDate(h.DueDate)).toEqual({ ms: DST_INSTANTS.springAfter, offsetMinutes: 120 });
    const bad = await call(sim, 'SaveHelpdesk', { CustomerI3D: 1, CreatedDate: '2026-03-29T01:30:00' }, t);
    expect(bad.Status).toBe(1);
  });

  it('parses and formats WCF dates with and without offsets', () => {
    expect(parseWcfDate('/Date(1700000000000+0100)/')).toEqual({ ms: 1700000000000, offsetMinutes: 60 });
    expect(parseWcfDate('/Date(-86400000-0530)/')).toEqual({ ms: -86400000, offsetMinutes: -330 });
    expect(parseWcfDate('/Date(1700000000000)/')).toEqual({ ms: 1700000000000, offsetMinutes: null });
    expect(parseWcfDate('/Date(abc)/')).toBeNull();
    expect(parseWcfDate('2026-01-01')).toBeNull();
    expect(formatWcfDate(1700000000000, -330)).toBe('/Date(1700000000000-0530)/');
    expect(formatWcfDate(1700000000000, null)).toBe('/Date(1700000000000)/');
  });
});

describe('rights', () => {
  it('answers Status 1 "Access denied" for a call without the right', async () => {
    const sim = await start({ users: [{ username: 'reader', password: 'pw', rights: { readCustomers: true } }] });
    const t = await login(sim, 'reader', 'pw');
    expect((await call(sim, 'GetCustomerByI3D', 1, t)).Status).toBe(0);
    for (const [method, data] of [
      ['SearchMasterDataListsThroughPaging', { Page: 1, EntriesPerPage: 10 }],
      ['SaveMasterDataList', { CustomerI3D: 1, Code: 'x' }],
      ['GetHelpdesksThroughPaging', { Page: 1, EntriesPerPage: 10 }],
      ['SaveHelpdesk', { CustomerI3D: 1 }],
    ] as const) {
      const env = await call(sim, method, data, t);
      expect(env).toMatchObject({ Status: 1, Message: 'Access denied', Result: [] });
    }
    expect(sim.state.findDevicesByCode('x')).toEqual([]);
    sim.state.setUserRights('reader', { readCustomers: true, readDevices: true });
    expect((await call(sim, 'SearchMasterDataListsThroughPaging', { Page: 1, EntriesPerPage: 10 }, t)).Status).toBe(0);
  });
});

describe('faults', () => {
  it('drop-after-apply applies the write and closes the socket without an answer', async () => {
    const sim = await start({ data: { customers: 2, devices: 0 } });
    const t = await login(sim);
    sim.setFaults({ failNext: { method: 'SaveMasterDataList', count: 1, kind: 'drop-after-apply' } });
    await expect(post(sim, 'SaveMasterDataList', { CustomerI3D: 1, Code: 'RMM-7' }, t).then((r) => r.text())).rejects.toThrow();
    expect(sim.state.findDevicesByCode('RMM-7')).toHaveLength(1);
    expect(sim.faults.failNext[0]?.count).toBe(0);
    const again = await call(sim, 'SaveMasterDataList', { CustomerI3D: 1, Code: 'RMM-8' }, t);
    expect(again.Status).toBe(0);
  });

  it('failNext answers 429 / 503 with Retry-After, 500 and HTML pages without applying, for the named method only', async () => {
    const sim = await start({ data: { customers: 2, devices: 0 } });
    const t = await login(sim);
    sim.setFaults({
      retryAfterSeconds: 7,
      failNext: [
        { method: 'SaveMasterDataList', count: 1, kind: '429' },
        { method: 'SaveMasterDataList', count: 1, kind: '503-retry-after' },
        { method: 'SaveMasterDataList', count: 1, kind: '500' },
        { method: 'SaveMasterDataList', count: 1, kind: 'html' },
        { method: 'SaveMasterDataList', count: 1, kind: 'html', httpStatus: 500 },
      ],
    });
    expect((await call(sim, 'CheckConnection')).Status).toBe(0); // other methods are not hit
    const body = { CustomerI3D: 1, Code: 'F-1' };
    const r429 = await post(sim, 'SaveMasterDataList', body, t);
    expect([r429.status, r429.headers.get('retry-after')]).toEqual([429, '7']);
    const r503 = await post(sim, 'SaveMasterDataList', body, t);
    expect([r503.status, r503.headers.get('retry-after')]).toEqual([503, '7']);
    expect((await post(sim, 'SaveMasterDataList', body, t)).status).toBe(500);
    const html = await post(sim, 'SaveMasterDataList', body, t);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    await expect(html.clone().json()).rejects.toThrow();
    expect((await html.text()).startsWith('<!DOCTYPE html>')).toBe(true);
    expect((await post(sim, 'SaveMasterDataList', body, t)).status).toBe(500);
    expect(sim.state.findDevicesByCode('F-1')).toEqual([]);
    expect((await call(sim, 'SaveMasterDataList', body, t)).Status).toBe(0);
    expect(sim.state.findDevicesByCode('F-1')).toHaveLength(1);
  });

  it('truncated answers cut the body mid-way and close the socket', async () => {
    const sim = await start();
    sim.setFaults({ failNext: { count: 1, kind: 'truncated' } });
    const res = await post(sim, 'CheckConnection');
    await expect(res.text()).rejects.toThrow();
  });

  it('timeout never answers; the client gives up', async () => {
    const sim = await start();
    sim.setFaults({ failNext: { method: 'CheckConnection', count: 1, kind: 'timeout' } });
    await expect(post(sim, 'CheckConnection', undefined, undefined, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(sim.stats.calls.CheckConnection).toBe(1);
    expect((await call(sim, 'CheckConnection')).Result).toEqual([true]);
  });

  it('rateLimit answers 429 with Retry-After until the window ends (fake clock)', async () => {
    let now = 1_000_000;
    const sim = await start({ now: () => now });
    sim.setFaults({ rateLimit: { limit: 2, windowMs: 10_000 } });
    expect((await post(sim, 'CheckConnection')).status).toBe(200);
    now += 2_000;
    expect((await post(sim, 'CheckConnection')).status).toBe(200);
    const limited = await post(sim, 'CheckConnection');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '8']);
    now += 8_000;
    expect((await post(sim, 'CheckConnection')).status).toBe(200);
  });

  it('errorRate 1 fails every call with 500 or 503 and applies nothing; rates are reproducible per seed', async () => {
    const sim = await start({ faults: { errorRate: 1 }, data: { customers: 2, devices: 0 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) statuses.add((await post(sim, 'CheckConnection')).status);
    expect([...statuses].sort()).toEqual([500, 503]);
    const runs: number[][] = [];
    for (let k = 0; k < 2; k++) {
      const s = await start({ faults: { errorRate: 0.5 }, faultSeed: 'x' });
      const out: number[] = [];
      for (let i = 0; i < 10; i++) out.push((await post(s, 'CheckConnection')).status);
      runs.push(out);
    }
    expect(runs[0]).toEqual(runs[1]);
  });

  it('counts calls per method', async () => {
    const sim = await start();
    const t = await login(sim);
    await call(sim, 'GetCustomerByI3D', 1, t);
    await call(sim, 'GetCustomerByI3D', 2, t);
    expect(sim.stats).toEqual({ calls: { Login: 1, GetCustomerByI3D: 2 }, total: 3 });
    sim.resetStats();
    expect(sim.stats.total).toBe(0);
  });
});

describe('state', () => {
  it('keeps the CustomerI3D index right through adds, moves and removes', () => {
    const s = new SimState();
    s.load(generateCentronData({ customers: 5, devices: 40, seed: 3, hostile: false }));
    const before = s.listDevices(2).map((d) => d.I3D); // builds the index
    const moved = s.listDevices(1)[0]!;
    s.updateDevice(moved.I3D, { CustomerI3D: 2 });
    const added = s.addDevice({ CustomerI3D: 2, Code: 'NEW' });
    expect(s.listDevices(2).map((d) => d.I3D)).toEqual([...before, moved.I3D].sort((a, b) => a - b).concat(added.I3D));
    expect(s.listDevices(1).map((d) => d.I3D)).not.toContain(moved.I3D);
    expect(s.removeDevice(added.I3D)).toBe(true);
    expect(s.getDevice(added.I3D)).toBeUndefined();
    expect(s.listDevices(2).map((d) => d.I3D)).not.toContain(added.I3D);
    const explicit = s.addDevice({ I3D: 5, CustomerI3D: 2, Code: 'LOW' }); // below the generated range: inserted in order
    expect(s.listDevices().map((d) => d.I3D).slice(0, 1)).toEqual([5]);
    expect(s.listDevices(2)[0]).toBe(explicit);
    expect(s.addDevice({ CustomerI3D: 2 }).I3D).toBe(added.I3D + 1); // ids are never reused
    const all = s.listDevices().map((d) => d.I3D);
    expect(all).toEqual([...all].sort((a, b) => a - b));
  });
});

describe('generator', () => {
  it('is deterministic per seed', () => {
    const a = generateCentronData({ customers: 300, devices: 900, seed: 42, hostile: true });
    const b = generateCentronData({ customers: 300, devices: 900, seed: 42, hostile: true });
    const c = generateCentronData({ customers: 300, devices: 900, seed: 43, hostile: true });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.customers)).not.toBe(JSON.stringify(c.customers));
    expect(a.customers).toHaveLength(300);
    expect(a.devices).toHaveLength(900);
  });

  it('has unique names and no hostile cases when hostile is off', () => {
    const d = generateCentronData({ customers: 2000, devices: 10, seed: 1, hostile: false });
    expect(d.hostile).toBeNull();
    expect(new Set(d.customers.map((c) => c.Name)).size).toBe(2000);
    expect(new Set(d.customers.map((c) => c.Number)).size).toBe(2000);
    const customerIds = new Set(d.customers.map((c) => c.I3D));
    expect(d.devices.every((x) => x.CustomerI3D !== null && customerIds.has(x.CustomerI3D))).toBe(true);
  });

  it('contains every hostile case when hostile is on', () => {
    const d = generateCentronData({ customers: 100, devices: 200, seed: 7, hostile: true });
    const h = d.hostile!;
    const cust = new Map(d.customers.map((c) => [c.I3D, c]));
    const dev = new Map(d.devices.map((x) => [x.I3D, x]));
    const name = (id: number) => cust.get(id)?.Name ?? '';
    expect(h.umlautNames.every((id) => /[äöüÄÖÜß]/.test(name(id)))).toBe(true);
    expect(h.umlautNames.some((id) => name(id).includes('ß'))).toBe(true);
    expect(h.emojiNames.every((id) => /\p{Extended_Pictographic}/u.test(name(id)))).toBe(true);
    const [t1, t2] = h.trimCaseEqual.map(name) as [string, string];
    expect(t1).not.toBe(t2);
    expect(t1.trim().toLowerCase()).toBe(t2.trim().toLowerCase());
    const [n1, n2] = h.nfcNfdPair.map(name) as [string, string];
    expect(n1).not.toBe(n2);
    expect(n1.normalize('NFC')).toBe(n2.normalize('NFC'));
    const [s1, s2] = h.sameNumber.map((id) => cust.get(id)!);
    expect(s1!.I3D).not.toBe(s2!.I3D);
    expect(s1!.Number).toBe(s2!.Number);
    for (const id of h.inactiveWithDevices) {
      expect(cust.get(id)?.IsActive).toBe(false);
      expect(d.devices.some((x) => x.CustomerI3D === id)).toBe(true);
    }
    expect(h.orphanDevices.length).toBeGreaterThan(0);
    expect(h.orphanDevices.every((id) => !cust.has(dev.get(id)!.CustomerI3D!))).toBe(true);
    expect(h.longNames.every((id) => name(id).length === 300)).toBe(true);
    expect(h.longDeviceCaptions.every((id) => dev.get(id)?.Caption?.length === 300)).toBe(true);
    const [nul, empty] = h.nullVsEmpty.map((id) => cust.get(id)!);
    expect([nul!.Phone, nul!.EMail, nul!.DefaultAddress?.Street]).toEqual([null, null, null]);
    expect([empty!.Phone, empty!.EMail, empty!.DefaultAddress?.Street]).toEqual(['', '', '']);
    const texts = h.quotesAndSql.map(name);
    expect(texts).toContain("'; DROP TABLE x;--");
    expect(texts.some((x) => x.includes('\\'))).toBe(true);
    expect(texts.some((x) => x.includes('"') && x.includes("'"))).toBe(true);
    const [d1, d2] = h.duplicateDeviceCode.map((id) => dev.get(id)!);
    expect(d1!.Code).toBe(d2!.Code);
    const tickets = new Map(d.helpdesks.map((x) => [x.I3D, x]));
    const created = h.dstTickets.map((id) => parseWcfDate(tickets.get(id)!.CreatedDate!)!);
    expect(created.map((x) => x.offsetMinutes)).toEqual([60, 120, 120, 60]);
    expect(created[1]!.ms - created[0]!.ms).toBe(3_600_000); // 01:30 CET → 03:30 CEST is one hour
    expect(created[3]!.ms - created[2]!.ms).toBe(3_600_000); // 02:30 CEST → 02:30 CET is one hour
  });
});

describe('main.ts', () => {
  it('prints one JSON line with the url, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/simulators/centron/main.ts', '--port', '0', '--customers', '30', '--devices', '50', '--seed', '3', '--hostile'], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (l) => lines.push(l));
    const [first] = (await once(rl, 'line')) as [string];
    const { url } = JSON.parse(first) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/CentronService$/);
    const fake = { url } as CentronSimulator;
    expect((await call(fake, 'CheckConnection')).Result).toEqual([true]);
    const t = await login(fake);
    const pg = await page(fake, 'SearchMasterDataListsThroughPaging', { Page: 1, EntriesPerPage: 500 }, t);
    expect(pg.Count).toBeGreaterThanOrEqual(50);
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exit) as [number | null];
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
  });
});
