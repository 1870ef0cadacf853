import { FerryError } from '../../../shared/errors.js';

/**
 * WCF JSON dates: "/Date(1700000000000+0100)/" = epoch milliseconds (UTC) and, optionally, the sender's UTC
 * offset. The offset does not change the instant; it is kept so a date is written back exactly as it was read.
 *
 * Canonical side: ISO 8601 strings with an offset. A WCF date without offset maps to "…Z", one with "+0000" to
 * "…+00:00", so both round-trip exactly.
 */
export interface WcfDate {
  /** Epoch milliseconds, UTC. */
  ms: number;
  /** Sender's offset east of UTC in minutes; null when the WCF form carried none (UTC). */
  offsetMinutes: number | null;
}

const WCF_RE = /^\/Date\((-?\d{1,16})(?:([+-])(\d{2})(\d{2}))?\)\/$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;
const MAX_OFFSET_MIN = 14 * 60;

const bad = (what: string, value: unknown, why: string): FerryError =>
  new FerryError('data', `Not a valid ${what}: ${JSON.stringify(value)?.slice(0, 80) ?? String(value)} (${why}).`, `c-entron dates look like "/Date(1700000000000+0100)/"; canonical dates are ISO 8601 with an offset, e.g. "2023-11-14T23:13:20.000+01:00".`);

function checkOffset(sign: string, hh: string, mm: string, what: string, value: unknown): number {
  const h = Number(hh);
  const m = Number(mm);
  if (m > 59) throw bad(what, value, 'offset minutes above 59');
  const total = h * 60 + m;
  if (total > MAX_OFFSET_MIN) throw bad(what, value, 'offset beyond ±14:00');
  return sign === '-' ? -total : total;
}

/** Wall-clock fields of an instant as seen at an offset; throws when the year leaves 0001–9999 (the WCF range). */
function wallClock(d: WcfDate, what: string, value: unknown): Date {
  const local = new Date(d.ms + (d.offsetMinutes ?? 0) * 60_000);
  const y = local.getUTCFullYear();
  if (!Number.isFinite(local.getTime()) || y < 1 || y > 9999) throw bad(what, value, 'outside the years 0001–9999');
  return local;
}

/** Parses "/Date(ms[±HHMM])/" exactly. Throws FerryError('data') on anything else. */
export function parseWcfDate(value: unknown): WcfDate {
  const what = 'c-entron date';
  if (typeof value !== 'string') throw bad(what, value, `expected a string, got ${value === null ? 'null' : typeof value}`);
  const m = WCF_RE.exec(value);
  if (!m) throw bad(what, value, 'expected "/Date(<milliseconds>)/" or "/Date(<milliseconds>±HHMM)/"');
  const [, msText, sign, hh, mm] = m;
  const ms = Number(msText) + 0; // + 0 turns -0 into 0
  if (!Number.isSafeInteger(ms)) throw bad(what, value, 'milliseconds out of range');
  const d: WcfDate = { ms, offsetMinutes: sign === undefined ? null : checkOffset(sign, hh!, mm!, what, value) };
  wallClock(d, what, value);
  return d;
}

/** Writes the WCF form; the offset is written exactly as given (none when null). */
export function formatWcfDate(d: WcfDate): string {
  if (!Number.isSafeInteger(d.ms)) throw bad('date', d, 'milliseconds must be an integer');
  wallClock(d, 'date', d);
  if (d.offsetMinutes === null) return `/Date(${d.ms})/`;
  const o = d.offsetMinutes;
  if (!Number.isInteger(o) || Math.abs(o) > MAX_OFFSET_MIN) throw bad('date', d, 'offset beyond ±14:00');
  const a = Math.abs(o);
  return `/Date(${d.ms}${o < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}${pad(a % 60, 2)})/`;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** ISO 8601 with the offset: "2023-11-14T23:13:20.000+01:00", or "…Z" when there is no offset. */
export function formatIsoDate(d: WcfDate): string {
  const t = wallClock(d, 'date', d);
  const base = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}T${pad(t.getUTCHours(), 2)}:${pad(t.getUTCMinutes(), 2)}:${pad(t.getUTCSeconds(), 2)}.${pad(t.getUTCMilliseconds(), 3)}`;
  if (d.offsetMinutes === null) return `${base}Z`;
  const a = Math.abs(d.offsetMinutes);
  return `${base}${d.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
}

/**
 * Parses an ISO 8601 date-time that carries "Z" or an offset (a local time without one is ambiguous: error).
 * Fractions beyond milliseconds are truncated (WCF has millisecond precision).
 */
export function parseIsoDate(value: unknown): WcfDate {
  const what = 'ISO date';
  if (typeof value !== 'string') throw bad(what, value, `expected a string, got ${value === null ? 'null' : typeof value}`);
  const m = ISO_RE.exec(value);
  if (!m) throw bad(what, value, 'expected YYYY-MM-DDTHH:MM[:SS[.fff]] followed by Z or ±HH:MM');
  const [, ys, mos, ds, hs, mis, ss, frac, zone, sign, oh, om] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const day = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = ss === undefined ? 0 : Number(ss);
  const msPart = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  if (y < 1) throw bad(what, value, 'year 0000 is outside the WCF range');
  if (mo < 1 || mo > 12) throw bad(what, value, 'month out of range');
  if (h > 23 || mi > 59 || s > 59) throw bad(what, value, 'time out of range');
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, day); // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999
  t.setUTCHours(h, mi, s, msPart);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== day) throw bad(what, value, 'no such day');
  const offsetMinutes = zone === 'Z' ? null : checkOffset(sign!, oh!, om!, what, value);
  return { ms: t.getTime() - (offsetMinutes ?? 0) * 60_000, offsetMinutes };
}

/** "/Date(1700000000000+0100)/" → "2023-11-14T23:13:20.000+01:00". */
export const wcfToIso = (value: unknown): string => formatIsoDate(parseWcfDate(value));

/** "2023-11-14T23:13:20.000+01:00" → "/Date(1700000000000+0100)/"; "…Z" → "/Date(1700000000000)/". */
export const isoToWcf = (value: unknown): string => formatWcfDate(parseIsoDate(value));

/** Null-preserving variants for optional fields. */
export const wcfToIsoNullable = (value: unknown): string | null => (value === null || value === undefined ? null : wcfToIso(value));
export const isoToWcfNullable = (value: unknown): string | null => (value === null || value === undefined ? null : isoToWcf(value));
