import crypto from 'node:crypto';

/** Stable JSON: keys sorted, undefined dropped, so equal data always hashes equally. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
}

/** Picks the synced fields only: volatile fields never enter a hash. */
export function pick(data: unknown, fields: readonly string[]): Record<string, unknown> {
  const o = data as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = o[f] ?? null;
  return out;
}

/**
 * Values as compared: an ISO date-time counts by its instant, so `…T10:00:00Z` and `…T11:00:00+01:00` (a system
 * that answers in its own offset) are the same value.
 */
export function comparable(v: unknown): unknown {
  if (typeof v === 'string' && v.length >= 20 && v.charCodeAt(4) === 45 && v.charCodeAt(10) === 84 && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
    const t = Date.parse(v);
    return Number.isFinite(t) ? `@${t}` : v;
  }
  return v;
}

/** Hash of the synced fields only. Canonical records are flat, so the values in field order are a stable form. */
export function hashFields(data: unknown, fields: readonly string[]): string {
  const o = data as Record<string, unknown>;
  const values = new Array<unknown>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const v = o[fields[i]!];
    values[i] = v === undefined ? null : v !== null && typeof v === 'object' ? stableStringify(v) : comparable(v);
  }
  return crypto.hash('sha1', JSON.stringify(values), 'base64url');
}

/** Fields whose values differ, with old and new (for dry runs and run items). */
export function diffFields(before: unknown, after: unknown, fields: readonly string[]): Record<string, { old: unknown; new: unknown }> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const out: Record<string, { old: unknown; new: unknown }> = {};
  for (const f of fields) {
    if (stableStringify(comparable(b[f] ?? null)) !== stableStringify(comparable(a[f] ?? null))) out[f] = { old: b[f] ?? null, new: a[f] ?? null };
  }
  return out;
}
