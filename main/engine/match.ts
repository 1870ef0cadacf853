import type { MatchKey } from '../../shared/entities.js';

/** Compares names after trimming, collapsing white space, case folding and Unicode normalisation (NFC vs NFD). */
export function normalizeKey(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const raw = String(v);
  // Printable ASCII is already in normal form: skip the costly Unicode normalisation for it.
  const s = (/^[\x20-\x7e]*$/.test(raw) ? raw : raw.normalize('NFKC')).trim().replace(/\s+/gu, ' ').toLowerCase();
  return s === '' ? null : s;
}

/** The value a record is matched by on first linking; null = cannot be matched. */
export function matchValue(data: unknown, key: MatchKey, stamp: string | null | undefined): string | null {
  const o = data as Record<string, unknown>;
  // A device is identified by its code (the RMM's host identifier), whatever the key says.
  if ('code' in o && key !== 'external-id') return normalizeKey(o['code']);
  switch (key) {
    case 'number':
      return normalizeKey(o['number']);
    case 'name':
      return normalizeKey(o['name']);
    case 'external-id':
      return stamp ?? null;
  }
}
