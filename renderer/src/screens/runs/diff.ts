import { asFields, fieldNames, sameValue } from './values.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/**
 * Before and after of one run item, field by field, changed fields first. Null when neither side is a record
 * (then the screen shows the raw values).
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] | null {
  const b = asFields(before);
  const a = asFields(after);
  if (!b && !a) return null;
  const rows = fieldNames(b, a).map((field) => {
    const bv = b?.[field] ?? null;
    const av = a?.[field] ?? null;
    return { field, before: bv, after: av, changed: !sameValue(bv, av) };
  });
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}
