import { truncateCodePoints } from './group-name.js';

/**
 * How a device's code and name become a Zabbix host's technical name (`host`) and visible name (`name`).
 *
 * Zabbix 6.0 rules: the technical name allows only `0-9 a-z A-Z _ . - space` ("Incorrect characters used for host
 * name") and 128 characters; the visible name takes any text up to 128 characters. Both are unique over all hosts,
 * and a host without a visible name shows its technical name.
 *
 * Ferry's rule:
 * - technical name: German umlauts and ß are transliterated (ä → ae, ß → ss), other accents dropped (é → e), every
 *   other character not allowed becomes `_`, white space collapses, trimmed, at most 128; empty → `_`.
 * - visible name: the device name (or the technical name when there is none), white space collapsed, at most 128.
 *   Device names repeat across customers ("Reception PC"), visible names may not: when Zabbix reports the visible
 *   name as taken, Ferry writes `<name> (<technical name>)` instead, which is unique because the technical name is.
 *   Reading strips a trailing ` (<technical name>)` again, so the device reads back as it was written.
 */
export const HOST_NAME_MAX = 128;

const translit: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'SS' };

export function hostTechnicalName(code: string): string {
  const ascii = code
    .replace(/[äöüÄÖÜßẞ]/g, (c) => translit[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^0-9A-Za-z_. -]/g, (c) => (/\s/.test(c) ? ' ' : '_'))
    .replace(/\s+/g, ' ')
    .trim();
  return truncateCodePoints(ascii, HOST_NAME_MAX).trim() || '_';
}

const clean = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();

/** The visible name Ferry writes first. */
export function hostVisibleName(name: string | null, technical: string): string {
  const n = name === null ? '' : truncateCodePoints(clean(name), HOST_NAME_MAX).trim();
  return n || technical;
}

/** The visible name Ferry writes when the plain one is taken by another host. */
export function disambiguatedVisibleName(name: string, technical: string): string {
  const suffix = ` (${technical})`;
  const room = HOST_NAME_MAX - [...suffix].length;
  if (room < 1) return truncateCodePoints(`${name}${suffix}`, HOST_NAME_MAX);
  return `${truncateCodePoints(name, room).trimEnd()}${suffix}`;
}

/** The canonical device name from a host's visible name: the disambiguation suffix removed. */
export function canonicalDeviceName(visible: string, technical: string): string {
  const suffix = ` (${technical})`;
  return visible.endsWith(suffix) && visible.length > suffix.length ? visible.slice(0, -suffix.length) : visible;
}
