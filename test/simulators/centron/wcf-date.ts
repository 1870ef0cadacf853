// WCF JSON dates: "/Date(<epoch ms>[+-]HHMM)/". The offset is the sender's UTC offset; it never changes the instant.

const WCF_DATE = /^\/Date\((-?\d+)(?:([+-])(\d{2})(\d{2}))?\)\/$/;

export interface WcfDate {
  /** The instant, epoch milliseconds (UTC). */
  ms: number;
  /** The sender's UTC offset in minutes, or null when the string had none (a UTC date). */
  offsetMinutes: number | null;
}

/** Parses "/Date(1700000000000+0100)/" (also without offset). Returns null for anything else. */
export function parseWcfDate(text: string): WcfDate | null {
  const m = WCF_DATE.exec(text);
  if (!m) return null;
  const ms = Number(m[1]);
  if (!Number.isSafeInteger(ms)) return null;
  if (m[2] === undefined) return { ms, offsetMinutes: null };
  const hours = Number(m[3]);
  const minutes = Number(m[4]);
  if (minutes > 59 || hours > 14) return null;
  return { ms, offsetMinutes: (m[2] === '-' ? -1 : 1) * (hours * 60 + minutes) };
}

/** Formats an instant with the given offset; offset null writes the offset-less (UTC) form. */
export function formatWcfDate(ms: number, offsetMinutes: number | null): string {
  if (offsetMinutes === null) return `/Date(${ms})/`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `/Date(${ms}${sign}${hh}${mm})/`;
}

function lastSundayUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** UTC offset of Europe/Berlin at an instant (EU rule since 1996: summer time from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC). */
export function berlinOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const start = Date.UTC(year, 2, lastSundayUtc(year, 2), 1);
  const end = Date.UTC(year, 9, lastSundayUtc(year, 9), 1);
  return ms >= start && ms < end ? 120 : 60;
}

/** How the simulated server (a German on-premise install) writes an instant: with Europe/Berlin's offset at that instant. */
export function formatServerDate(ms: number): string {
  return formatWcfDate(ms, berlinOffsetMinutes(ms));
}
