/** Client-side checks of what the admin typed; each answers an i18n key (wizard namespace) or null when fine. */

export type UrlProblem = 'url.empty' | 'url.spaces' | 'url.invalid' | 'url.scheme';

export function urlProblem(value: string): UrlProblem | null {
  const v = value.trim();
  if (!v) return 'url.empty';
  if (/\s/.test(v)) return 'url.spaces';
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? 'url.invalid' : 'url.scheme';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'url.scheme';
  if (!u.hostname) return 'url.invalid';
  return null;
}

export type NameProblem = 'name.empty' | 'name.long' | 'name.start' | 'name.taken';

/** The rules of shared/model.ts Name (1–80 characters, not starting with a space or slash), plus uniqueness. */
export function nameProblem(value: string, taken: readonly string[] = []): NameProblem | null {
  if (!value.trim()) return 'name.empty';
  if (value.trim().length > 80) return 'name.long';
  if (/^[\s/\\]/.test(value)) return 'name.start';
  const v = value.trim().toLowerCase();
  if (taken.some((t) => t.toLowerCase() === v)) return 'name.taken';
  return null;
}

/** A time of day as HH:MM (24 hours), as the schedule stores it. */
export const isTimeOfDay = (v: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(v.trim());

/** "Zabbix", or "Zabbix 2" when a connection of that name exists already. */
export function uniqueName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!lower.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}
