import { FerryError } from '../../../shared/errors.js';
import type { EntityCapabilities } from '../types.js';

/** The record's I3D as Ferry's id, when it has a usable one (for reporting invalid records). */
export function idOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const v = (raw as Record<string, unknown>)['I3D'];
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  if (typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v)) return v;
  return null;
}

/** Parses c-entron I3Ds given as Ferry ids ("123"). Throws FerryError('input'). */
export function parseI3D(id: string, what: string): number {
  const n = /^[1-9]\d{0,15}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new FerryError('input', `"${id}" is not a c-entron ${what} id (a positive whole number, the I3D).`, `Give the c-entron I3D of the ${what}, e.g. 1234.`);
  }
  return n;
}

export const parseCustomerIds = (ids: readonly string[]): number[] => ids.map((id) => parseI3D(id, 'customer'));

/** Capabilities of an entity c-entron only lets Ferry read (no public method creates or changes it). */
export function readOnlyCapabilities(plural: string, naturalKey: string | null): EntityCapabilities {
  return {
    read: true,
    write: false,
    delete: false,
    delta: false,
    stamp: false,
    naturalKey,
    note: `c-entron has no public method to create or change ${plural}: ${plural} are read from c-entron only.`,
  };
}
