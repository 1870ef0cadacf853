import type { RunItem, RunItemAction } from '../../../../shared/model.js';

export const itemActions: readonly RunItemAction[] = ['created', 'updated', 'deleted', 'skipped', 'conflict', 'failed'];

export type ActionFilter = RunItemAction | 'all';

export interface ItemFilter {
  action: ActionFilter;
  errorsOnly: boolean;
  search: string;
}

export const noFilter: ItemFilter = { action: 'all', errorsOnly: false, search: '' };

/** An item that went wrong: a failed write, or anything that carries an error category. */
export const isErrorItem = (i: RunItem): boolean => i.action === 'failed' || i.category !== null;

/** What the search box looks through, lower-cased once per item (ids, reason, entity, category). */
export function searchText(i: RunItem): string {
  return `${i.id}\u0000${i.entity}\u0000${i.leftId ?? ''}\u0000${i.rightId ?? ''}\u0000${i.reason ?? ''}\u0000${i.category ?? ''}`.toLowerCase();
}

/**
 * The items that pass the filter. `haystacks[i]` is searchText(items[i]), computed once for the whole run so
 * that typing stays fast with 100 000 items. Every word of the search must occur.
 */
export function filterItems(items: readonly RunItem[], haystacks: readonly string[], f: ItemFilter): RunItem[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  if (f.action === 'all' && !f.errorsOnly && words.length === 0) return items as RunItem[];
  const out: RunItem[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (f.action !== 'all' && it.action !== f.action) continue;
    if (f.errorsOnly && !isErrorItem(it)) continue;
    if (words.length > 0) {
      const h = haystacks[i]!;
      if (!words.every((w) => h.includes(w))) continue;
    }
    out.push(it);
  }
  return out;
}
