/** Plain helpers for showing record values (run items, conflicts): no React, unit-testable. */

export type Fields = Record<string, unknown>;

/** A record's fields, or null when the value is not a plain object (then it is shown as one value). */
export function asFields(v: unknown): Fields | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : null;
}

/** Empty (null, undefined, '') shows as the "empty" label, everything else as text. */
export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Equal as stored (null and a missing field are the same). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The field names of several records, in first-seen order. */
export function fieldNames(...records: (Fields | null)[]): string[] {
  const seen = new Set<string>();
  for (const r of records) if (r) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}
