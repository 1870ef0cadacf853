// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { RunItem } from '../../shared/model.js';
import { fieldChanges } from '../../renderer/src/screens/runs/diff.js';
import { formatDuration } from '../../renderer/src/screens/runs/duration.js';
import { filterItems, searchText } from '../../renderer/src/screens/runs/itemFilter.js';

const item = (id: number, over: Partial<RunItem>): RunItem => ({ id, entity: 'customer', action: 'updated', targetSide: 'right', leftId: `L${id}`, rightId: `R${id}`, reason: null, category: null, before: null, after: null, ...over });
const list = [
  item(1, { reason: 'changed on the source' }),
  item(2, { action: 'failed', reason: 'Timeout', category: 'unreachable' }),
  item(3, { action: 'skipped', entity: 'device', reason: 'customer not synchronized yet' }),
  item(4, { action: 'conflict', category: 'state' }),
];
const hay = list.map(searchText);

describe('run item filter', () => {
  it('filters by action, errors only (failed or with an error category) and every search word', () => {
    const ids = (f: Parameters<typeof filterItems>[2]) => filterItems(list, hay, f).map((i) => i.id);
    expect(ids({ action: 'all', errorsOnly: false, search: '' })).toEqual([1, 2, 3, 4]);
    expect(ids({ action: 'skipped', errorsOnly: false, search: '' })).toEqual([3]);
    expect(ids({ action: 'all', errorsOnly: true, search: '' })).toEqual([2, 4]);
    expect(ids({ action: 'all', errorsOnly: false, search: 'DEVICE not' })).toEqual([3]);
    expect(ids({ action: 'all', errorsOnly: false, search: 'r2' })).toEqual([2]);
    expect(ids({ action: 'updated', errorsOnly: true, search: '' })).toEqual([]);
  });
});

describe('before and after', () => {
  it('lists changed fields first and marks them', () => {
    expect(fieldChanges({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', d: 2 })).toEqual([
      { field: 'b', before: 'x', after: 'y', changed: true },
      { field: 'd', before: null, after: 2, changed: true },
      { field: 'a', before: 1, after: 1, changed: false },
      { field: 'c', before: null, after: null, changed: false },
    ]);
    expect(fieldChanges(null, { name: 'n' })).toEqual([{ field: 'name', before: null, after: 'n', changed: true }]);
    expect(fieldChanges('x', 'y')).toBeNull();
  });

  it('formats durations briefly', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(184_000)).toBe('3 min 4 s');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
    expect(formatDuration(null)).toBe('—');
  });
});
