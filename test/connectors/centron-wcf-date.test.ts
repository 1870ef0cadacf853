import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { formatIsoDate, formatWcfDate, isoToWcf, parseIsoDate, parseWcfDate, wcfToIso, wcfToIsoNullable } from '../../main/connectors/centron/wcf-date.js';

const dataError = (fn: () => unknown): FerryError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FerryError);
    expect((e as FerryError).category).toBe('data');
    expect((e as FerryError).hint).toMatch(/Date\(/);
    return e as FerryError;
  }
  throw new Error('expected a FerryError');
};

describe('WCF dates', () => {
  it('parses milliseconds and keeps the offset; the offset does not change the instant', () => {
    expect(parseWcfDate('/Date(1700000000000+0100)/')).toEqual({ ms: 1700000000000, offsetMinutes: 60 });
    expect(parseWcfDate('/Date(1700000000000-0530)/')).toEqual({ ms: 1700000000000, offsetMinutes: -330 });
    expect(parseWcfDate('/Date(1700000000000)/')).toEqual({ ms: 1700000000000, offsetMinutes: null });
    expect(parseWcfDate('/Date(1700000000000+0000)/')).toEqual({ ms: 1700000000000, offsetMinutes: 0 });
    const instants = ['+0100', '-0530', '', '+1400', '-1200'].map((o) => Date.parse(wcfToIso(`/Date(1700000000000${o})/`)));
    expect(new Set(instants)).toEqual(new Set([1700000000000]));
  });

  it('converts to ISO with the sender offset', () => {
    expect(wcfToIso('/Date(1700000000000+0100)/')).toBe('2023-11-14T23:13:20.000+01:00');
    expect(wcfToIso('/Date(1700000000000-0530)/')).toBe('2023-11-14T16:43:20.000-05:30');
    expect(wcfToIso('/Date(1700000000000+0545)/')).toBe('2023-11-15T03:58:20.000+05:45');
    expect(wcfToIso('/Date(1700000000000)/')).toBe('2023-11-14T22:13:20.000Z');
    expect(wcfToIso('/Date(1700000000000+0000)/')).toBe('2023-11-14T22:13:20.000+00:00');
  });

  it('round-trips exactly, without dropping or changing the offset', () => {
    for (const s of [
      '/Date(1700000000000+0100)/',
      '/Date(1700000000000-0530)/',
      '/Date(1700000000000)/',
      '/Date(1700000000000+0000)/',
      '/Date(1700000000123-1100)/',
      '/Date(0)/',
      '/Date(-1)/',
      '/Date(-86400000+0200)/',
      '/Date(-62135596800000)/', // DateTime.MinValue
      '/Date(253402300799999)/', // DateTime.MaxValue
    ]) {
      expect(isoToWcf(wcfToIso(s))).toBe(s);
      expect(formatWcfDate(parseWcfDate(s))).toBe(s);
    }
  });

  it('handles negative epoch milliseconds (before 1970)', () => {
    expect(wcfToIso('/Date(-1)/')).toBe('1969-12-31T23:59:59.999Z');
    expect(wcfToIso('/Date(-86400000+0200)/')).toBe('1969-12-31T02:00:00.000+02:00');
    expect(wcfToIso('/Date(-62135596800000)/')).toBe('0001-01-01T00:00:00.000Z');
  });

  it('keeps each side of a daylight-saving change (Europe/Berlin) apart', () => {
    // Spring forward 2024-03-31: 01:59:59.999+01:00 is followed by 03:00:00.000+02:00, one millisecond later.
    const before = isoToWcf('2024-03-31T01:59:59.999+01:00');
    const after = isoToWcf('2024-03-31T03:00:00.000+02:00');
    expect(before).toBe('/Date(1711846799999+0100)/');
    expect(after).toBe('/Date(1711846800000+0200)/');
    expect(parseWcfDate(after).ms - parseWcfDate(before).ms).toBe(1);
    // Fall back 2024-10-27: 02:30 happens twice; the offset tells them apart, one hour apart.
    const first = parseIsoDate('2024-10-27T02:30:00+02:00');
    const second = parseIsoDate('2024-10-27T02:30:00+01:00');
    expect(second.ms - first.ms).toBe(3_600_000);
    expect(formatIsoDate(first)).toBe('2024-10-27T02:30:00.000+02:00');
    expect(formatIsoDate(second)).toBe('2024-10-27T02:30:00.000+01:00');
    expect(wcfToIso(formatWcfDate(second))).toBe('2024-10-27T02:30:00.000+01:00');
  });

  it('parses ISO forms: Z, ±HH:MM, ±HHMM, no seconds, long fractions truncated to milliseconds', () => {
    expect(isoToWcf('2023-11-14T22:13:20Z')).toBe('/Date(1700000000000)/');
    expect(isoToWcf('2023-11-14T23:13:20+01:00')).toBe('/Date(1700000000000+0100)/');
    expect(isoToWcf('2023-11-14T23:13:20+0100')).toBe('/Date(1700000000000+0100)/');
    expect(isoToWcf('2023-11-14T23:13+01:00')).toBe('/Date(1699999980000+0100)/');
    expect(isoToWcf('2023-11-14T23:13:20.1234567+01:00')).toBe('/Date(1700000000123+0100)/');
    expect(isoToWcf('0050-06-01T00:00:00Z')).toBe(`/Date(${Date.parse('0050-06-01T00:00:00Z')})/`); // not 1950
  });

  it('rejects garbage with a data error', () => {
    for (const bad of [
      '',
      'garbage',
      '/Date()/',
      '/Date(abc)/',
      '/Date(1700000000000+01)/',
      '/Date(1700000000000+01:00)/',
      '/Date(1700000000000 +0100)/',
      '\\/Date(1700000000000)\\/',
      'Date(1700000000000)',
      '/Date(1700000000000+1500)/',
      '/Date(1700000000000+0160)/',
      '/Date(1.5)/',
      '/Date(253402300800000)/', // year 10000
      '/Date(-62135596800001)/', // before year 1
      '/Date(99999999999999999)/',
    ]) {
      dataError(() => parseWcfDate(bad));
    }
    for (const bad of [null, undefined, 1700000000000, {}, []]) dataError(() => parseWcfDate(bad));
  });

  it('rejects ISO strings without an offset or with impossible fields', () => {
    for (const bad of ['2023-11-14T23:13:20', '2023-11-14', '2023-02-30T00:00:00Z', '2023-13-01T00:00:00Z', '2023-11-14T24:00:00Z', '2023-11-14T23:60:00Z', '2023-11-14T23:13:20+15:00', '0000-01-01T00:00:00Z', 'x']) {
      dataError(() => parseIsoDate(bad));
    }
    expect(parseIsoDate('2024-02-29T00:00:00Z').ms).toBe(Date.parse('2024-02-29T00:00:00Z'));
  });

  it('keeps null as null in the nullable helper', () => {
    expect(wcfToIsoNullable(null)).toBeNull();
    expect(wcfToIsoNullable(undefined)).toBeNull();
    expect(wcfToIsoNullable('/Date(0)/')).toBe('1970-01-01T00:00:00.000Z');
  });
});
