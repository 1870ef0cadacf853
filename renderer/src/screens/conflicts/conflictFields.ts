import type { ConflictView } from '../../../../shared/contract.js';
import { fieldNames, sameValue } from '../runs/values.js';

export type Side = 'left' | 'right';
export type Choices = Record<string, Side>;

export interface ConflictFieldRow {
  field: string;
  left: unknown;
  base: unknown;
  right: unknown;
  /** The two sides hold different values: the admin must choose. */
  differs: boolean;
  /** Changed since the common base (null when the base was not recorded). */
  leftChanged: boolean | null;
  rightChanged: boolean | null;
}

/** Every field of the two versions beside the base, the differing ones first (in the server's order). */
export function conflictRows(c: Pick<ConflictView, 'left' | 'right' | 'base' | 'differing'>): ConflictFieldRow[] {
  const names = fieldNames(c.left, c.right, c.base);
  const differing = new Set(c.differing);
  const order = [...c.differing, ...names.filter((f) => !differing.has(f))];
  return [...new Set(order)].map((field) => {
    const left = c.left?.[field] ?? null;
    const right = c.right?.[field] ?? null;
    const base = c.base ? (c.base[field] ?? null) : null;
    return {
      field,
      left,
      base,
      right,
      differs: differing.has(field),
      leftChanged: c.base ? !sameValue(left, base) : null,
      rightChanged: c.base ? !sameValue(right, base) : null,
    };
  });
}

/** Differing fields without a chosen side yet. */
export function missingChoices(differing: readonly string[], choices: Choices): string[] {
  return differing.filter((f) => choices[f] !== 'left' && choices[f] !== 'right');
}

/** The `fields` of a merge: exactly one side per differing field, or null while any is missing. */
export function mergeFields(differing: readonly string[], choices: Choices): Choices | null {
  if (missingChoices(differing, choices).length > 0) return null;
  return Object.fromEntries(differing.map((f) => [f, choices[f]!]));
}
