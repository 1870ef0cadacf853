/** The IANA time zones this runtime knows (UTC included), for pickers. */
export function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes('UTC') ? [...all] : ['UTC', ...all];
}

/** Zones containing the typed text (case-insensitive, "new york" finds America/New_York), at most `max`. */
export function matchZones(zones: readonly string[], text: string, max = 50): string[] {
  const q = text.trim().toLowerCase().replace(/[\s_]+/g, '_');
  if (!q) return zones.slice(0, max);
  return zones.filter((z) => z.toLowerCase().includes(q)).slice(0, max);
}
