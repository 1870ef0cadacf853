import type { Counts } from '../../../../shared/progress.js';

export const countKeys: readonly (keyof Counts)[] = ['created', 'updated', 'deleted', 'unchanged', 'skipped', 'conflicts', 'failed'];
export const zeroCountsOf = (): Counts => ({ created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0 });

/** The non-zero counts as "Created 3 · Updated 1" (labels from the runs namespace), or null when all are zero. */
export function countsText(c: Counts | null, label: (k: keyof Counts) => string, number: (n: number) => string, keys: readonly (keyof Counts)[] = countKeys): string | null {
  if (!c) return null;
  const parts = keys.filter((k) => c[k] > 0).map((k) => `${label(k)} ${number(c[k])}`);
  return parts.length ? parts.join(' · ') : null;
}
