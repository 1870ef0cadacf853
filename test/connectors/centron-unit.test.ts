import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { centronFactory, CentronOptions } from '../../main/connectors/centron/index.js';
import { isPermissionMessage, normalizeCentronUrl, parseEnvelope } from '../../main/connectors/centron/client.js';
import { mapAccount } from '../../main/connectors/centron/customers.js';
import { mapDevice, toDeviceWrite } from '../../main/connectors/centron/devices.js';
import { defaultMethodNames, loadMethodNames, methods, resolveMethodNames } from '../../main/connectors/centron/methods.js';
import { appUserName } from '../../main/connectors/centron/test.js';

function ferryError(fn: () => unknown): FerryError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FerryError);
    return e as FerryError;
  }
  throw new Error('expected a FerryError');
}

describe('c-entron URL normalisation', () => {
  it('keeps the base up to and including the instance', () => {
    expect(normalizeCentronUrl('https://centron.example.local/CentronService')).toBe('https://centron.example.local/CentronService');
    expect(normalizeCentronUrl('  https://centron.example.local:8443/centronservicede/  ')).toBe('https://centron.example.local:8443/centronservicede');
    expect(normalizeCentronUrl('http://10.0.0.5:8080/a/b/CentronService')).toBe('http://10.0.0.5:8080/a/b/CentronService');
    expect(centronFactory.normalizeUrl('https://h/CentronService')).toBe('https://h/CentronService');
  });

  it('strips a pasted REST, SOAP, HELP or RESTC segment and trailing slashes', () => {
    for (const tail of ['/REST', '/REST/', '/rest', '/SOAP', '/HELP/', '/RESTC', '/RestC//', '/REST/Login', '/REST/SearchAccountsThroughPaging/', '/HELP/REST', '//', '']) {
      expect(normalizeCentronUrl(`https://centron.example.local/CentronService${tail}`)).toBe('https://centron.example.local/CentronService');
    }
    expect(normalizeCentronUrl('https://h/CentronService/REST?x=1#top')).toBe('https://h/CentronService');
    expect(normalizeCentronUrl('HTTPS://H:443/CentronService')).toBe('https://h/CentronService');
  });

  it('rejects what is not a usable base URL, as input errors with a hint', () => {
    for (const bad of ['', '   ', 'centron.example.local/CentronService', 'ftp://h/CentronService', 'https://', 'https://h', 'https://h/', 'https://h/REST', 'https://user:pw@h/CentronService', 'not a url']) {
      const e = ferryError(() => normalizeCentronUrl(bad));
      expect(e.category).toBe('input');
      expect(e.hint).toMatch(/instance/);
    }
    // The password never appears in the message.
    expect(ferryError(() => normalizeCentronUrl('https://user:s3cret@h/CentronService')).message).not.toContain('s3cret');
  });
});

describe('c-entron response envelope', () => {
  const ctx = { method: 'SearchAccountsThroughPaging', url: 'https://h/CentronService/REST/SearchAccountsThroughPaging', mayHaveApplied: false };

  it('accepts the documented shape', () => {
    expect(parseEnvelope('{"Status":0,"Message":"","MessageCode":0,"Result":[1,2]}', ctx)).toEqual({ Status: 0, Message: '', MessageCode: 0, Result: [1, 2] });
    expect(parseEnvelope('\uFEFF {"Status":2,"Message":"Ticket invalid","MessageCode":0,"Result":null}', ctx).Status).toBe(2);
    expect(parseEnvelope('{"Status":1,"Message":null}', ctx).Result).toBeUndefined();
  });

  it('HTML (a wrong URL) is a config error that names the page', () => {
    for (const html of ['<!DOCTYPE html><html><head><title>IIS Windows Server</title></head></html>', '  <html><body>Login</body></html>', '<?xml version="1.0"?><s:Envelope/>']) {
      const e = ferryError(() => parseEnvelope(html, ctx));
      expect(e.category).toBe('config');
      expect(e.hint).toMatch(/instance/);
    }
    expect(ferryError(() => parseEnvelope('<html><title>IIS Windows Server</title></html>', ctx)).message).toContain('IIS Windows Server');
  });

  it('truncated or invalid JSON, an empty body and wrong types are data errors with hints', () => {
    for (const body of ['{"Status":0,"Message":"","Result":[{"I3D":1', '', '   ', 'null', '[]', '"ok"', '{"Status":"0","Result":[]}', '{"Message":"x","Result":[]}', '{"Status":0,"Result":{"I3D":1}}', '{"Status":0.5,"Result":[]}', '{"Status":0,"Message":5,"Result":[]}']) {
      const e = ferryError(() => parseEnvelope(body, ctx));
      expect(e.category, body).toBe('data');
      expect(e.hint.length).toBeGreaterThan(10);
      expect(e.details?.['outcomeUnknown']).toBeUndefined();
    }
  });

  it('an answer that cannot be understood after a write leaves the outcome unknown', () => {
    const write = { method: 'SaveMasterDataList', url: 'https://h/x/REST/SaveMasterDataList', mayHaveApplied: true };
    for (const body of ['{"Status":0,"Result":[4', '<html></html>', '']) {
      const e = ferryError(() => parseEnvelope(body, write));
      expect(e.details?.['outcomeUnknown']).toBe(true);
      expect(e.message).toMatch(/may or may not have been applied/);
    }
  });

  it('recognises "access denied"-like messages', () => {
    for (const m of ['Access denied', 'Zugriff verweigert', 'Keine Berechtigung für diese Funktion', 'User is not authorized', 'Insufficient rights']) expect(isPermissionMessage(m)).toBe(true);
    for (const m of ['Object reference not set to an instance of an object.', '', null, undefined]) expect(isPermissionMessage(m)).toBe(false);
  });
});

describe('c-entron method table and methods file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-centron-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  it('has one entry per method with its default name', () => {
    const names = defaultMethodNames();
    expect(names.login).toBe('Login');
    expect(names.saveMasterDataList).toBe('SaveMasterDataList');
    expect(names.searchAccounts).toBe('SearchAccountsThroughPaging');
    expect(methods.saveMasterDataList.source).toBe('assumed');
    expect(methods.saveMasterDataList.idempotent).toBe(false);
    expect(methods.searchMasterDataLists.idempotent).toBe(true);
    expect(loadMethodNames(undefined)).toEqual(names);
  });

  it('a methods file overrides names at runtime', () => {
    const p = write('ok.json', '\uFEFF{"saveMasterDataList": "SaveDeviceHead", "searchMasterDataLists": "SearchDevicesThroughPaging"}');
    const names = loadMethodNames(p);
    expect(names.saveMasterDataList).toBe('SaveDeviceHead');
    expect(names.searchMasterDataLists).toBe('SearchDevicesThroughPaging');
    expect(names.login).toBe('Login');
  });

  it('a bad methods file is an input error with a hint listing the logical names', () => {
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.json'), /cannot be read/],
      [write('bad.json', '{"saveMasterDataList": '), /not valid JSON/],
      [write('unknown.json', '{"saveDevice": "X"}'), /unknown name "saveDevice"/],
      [write('type.json', '{"login": 5}'), /login/],
      [write('name.json', '{"login": "../Login"}'), /letters, digits/],
      [write('array.json', '["Login"]'), /not a valid/],
    ];
    for (const [p, msg] of cases) {
      const e = ferryError(() => loadMethodNames(p));
      expect(e.category).toBe('input');
      expect(e.message).toMatch(msg);
      expect(e.hint).toContain('saveMasterDataList');
    }
    expect(resolveMethodNames({}).login).toBe('Login');
  });
});

describe('c-entron options', () => {
  it('defaults device write to off and validates values', () => {
    const o = CentronOptions.parse({});
    expect(o).toMatchObject({ loginKind: '0', pageSize: '500', deviceWrite: 'off', maxConcurrent: '4', timeoutMs: '30000' });
    expect(CentronOptions.safeParse({ deviceWrite: 'on' }).success).toBe(false);
    expect(CentronOptions.safeParse({ pageSize: '0' }).success).toBe(false);
    expect(CentronOptions.safeParse({ pageSize: 'abc' }).success).toBe(false);
    expect(CentronOptions.safeParse({ loginKind: '3' }).success).toBe(false);
    expect(CentronOptions.safeParse({ deviceWrites: 'confirmed' }).success).toBe(false);
    expect(CentronOptions.safeParse({ pinSha256: 'AB:'.repeat(31) + 'AB' }).success).toBe(true);
    expect(CentronOptions.safeParse({ pinSha256: 'abc' }).success).toBe(false);
    expect(centronFactory.secretNames).toEqual(['password']);
    expect(centronFactory.kind).toBe('centron');
  });
});

describe('c-entron record mapping', () => {
  const account = {
    I3D: 7,
    Number: 10007,
    Name: ' Müller & Söhne GmbH ',
    AccountName: ' Müller & Söhne GmbH ',
    Phone: '',
    Fax: null,
    EMail: 'info@example.com',
    Website: null,
    DefaultAddress: { I3D: 70, Street: 'Hauptstr. 1', Zip: '01067', City: 'Dresden', Country: { Name: 'Deutschland' } },
    IsActive: false,
    Extra: 'ignored',
  };

  it('maps an account to a customer without trimming; "" stays "", null stays null', () => {
    expect(mapAccount(account)).toEqual({
      ok: true,
      id: '7',
      data: {
        number: '10007',
        name: ' Müller & Söhne GmbH ',
        phone: '',
        fax: null,
        email: 'info@example.com',
        website: null,
        street: 'Hauptstr. 1',
        zip: '01067',
        city: 'Dresden',
        country: 'Deutschland',
        active: false,
      },
    });
    const m = mapAccount({ I3D: 8, Number: 'K-8', AccountName: 'Only account name', IsActive: true, DefaultAddress: null });
    expect(m).toMatchObject({ ok: true, data: { number: 'K-8', name: 'Only account name', street: null, country: null, phone: null } });
    expect(mapAccount({ I3D: 9, Name: null, AccountName: 'Fallback', IsActive: true })).toMatchObject({ ok: true, data: { name: 'Fallback' } });
    expect(mapAccount({ ...account, DefaultAddress: { Street: null, Zip: null, City: null, Country: null } })).toMatchObject({ ok: true, data: { country: null } });
  });

  it('reports invalid accounts with a reason instead of throwing', () => {
    const bad: [unknown, string | null, RegExp][] = [
      [null, null, /shape/],
      ['x', null, /shape/],
      [{ ...account, I3D: 'seven' }, null, /I3D/],
      [{ ...account, I3D: 5, IsActive: 'yes' }, '5', /IsActive/],
      [{ ...account, I3D: 5, Phone: 123 }, '5', /Phone/],
      [{ ...account, I3D: 5, Name: null, AccountName: null }, '5', /neither Name nor AccountName/],
      [{ ...account, I3D: 5, DefaultAddress: 'Hauptstr' }, '5', /DefaultAddress/],
    ];
    for (const [raw, id, reason] of bad) {
      const m = mapAccount(raw);
      expect(m.ok).toBe(false);
      if (!m.ok) {
        expect(m.id).toBe(id);
        expect(m.reason).toMatch(reason);
      }
    }
  });

  it('maps devices and builds the SaveMasterDataList payload', () => {
    const raw = { I3D: 3, CustomerI3D: 7, Code: 'host-42', Caption: 'PC 42', SerialNumber: '', Manufacturer: null, Model: 'X1', OperatingSystem: 'Windows 11', MacAddress: '00:11:22:33:44:55' };
    const m = mapDevice(raw);
    expect(m).toEqual({ ok: true, id: '3', data: { customerId: '7', code: 'host-42', name: 'PC 42', serialNumber: '', manufacturer: null, model: 'X1', operatingSystem: 'Windows 11', macAddress: '00:11:22:33:44:55' } });
    // Only the public fields present (a real site): the assumed ones read as null.
    expect(mapDevice({ I3D: 4, Code: 'c', Caption: 'n' })).toMatchObject({ ok: true, data: { customerId: null, serialNumber: null } });
    expect(mapDevice({ I3D: 5, Code: null, Caption: 'no code' })).toMatchObject({ ok: false, id: '5' });
    if (!m.ok) throw new Error('unreachable');
    expect(toDeviceWrite(m.data)).toEqual({ CustomerI3D: 7, Code: 'host-42', Caption: 'PC 42', SerialNumber: '', Manufacturer: null, Model: 'X1', OperatingSystem: 'Windows 11', MacAddress: '00:11:22:33:44:55' });
    expect(toDeviceWrite(m.data, 3).I3D).toBe(3);
    expect('CustomerI3D' in toDeviceWrite({ ...m.data, customerId: null })).toBe(false);
    expect(ferryError(() => toDeviceWrite({ ...m.data, customerId: 'abc' })).category).toBe('data');
  });

  it('reads a user name from GetCurrentAppUser leniently', () => {
    expect(appUserName({ DisplayText: 'Ferry Sync' })).toBe('Ferry Sync');
    expect(appUserName({ FirstName: 'Ada', LastName: 'Lovelace' })).toBe('Ada Lovelace');
    expect(appUserName({})).toBeNull();
    expect(appUserName(null)).toBeNull();
  });
});
