// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../shared/contract.js';
import type { RunItem } from '../../shared/model.js';
import { forgetRememberedState } from '../../renderer/src/screens/runs/rememberedState.js';
import { RunDetailScreen } from '../../renderer/src/screens/runs/RunDetailScreen.js';
import { fakeBridge, renderWithApp } from './render.js';

// jsdom lays nothing out: give the list's scroll container a viewport so the virtualiser has something to fill.
const saved = { h: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'), w: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth') };
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 640 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});
afterAll(() => {
  if (saved.h) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved.h);
  if (saved.w) Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.w);
});
beforeEach(() => forgetRememberedState());
afterEach(cleanup);

const actions: RunItem['action'][] = ['created', 'updated', 'updated', 'skipped', 'updated', 'deleted', 'updated', 'conflict', 'updated', 'failed'];
function items(n: number): RunItem[] {
  return Array.from({ length: n }, (_, i) => {
    const action = actions[i % actions.length]!;
    return {
      id: i + 1,
      entity: i % 2 ? 'device' : 'customer',
      action,
      targetSide: 'right',
      leftId: `L-${i}`,
      rightId: action === 'created' ? null : `R-${i}`,
      reason: action === 'failed' ? 'Zabbix refused the host name' : action === 'updated' ? 'changed on the source' : null,
      category: action === 'failed' ? 'data' : null,
      before: action === 'updated' ? { name: `Old ${i}`, city: 'Berlin' } : null,
      after: action === 'updated' ? { name: `New ${i}`, city: 'Berlin' } : action === 'created' ? { name: `Made ${i}` } : null,
    } satisfies RunItem;
  });
}

const N = 10_000;
const show = (): OpOutput<'runs.show'> => ({
  run: 'run-big',
  pipeline: 'erp-rmm',
  pipelineId: 'P1',
  mode: 'full',
  dryRun: false,
  trigger: 'manual',
  status: 'partial',
  startedAt: '2025-03-01T10:00:00.000Z',
  finishedAt: '2025-03-01T10:03:05.000Z',
  durationMs: 185_000,
  entities: { customer: { created: 1000, updated: 5000, deleted: 1000, unchanged: 30, skipped: 1000, conflicts: 1000, failed: 1000 } },
  error: null,
  items: items(N),
});

function setup(extra: Parameters<typeof fakeBridge>[0] = {}) {
  const api = fakeBridge({
    'runs.show': show,
    'pipelines.show': () => ({ left: { id: 'L', name: 'erp', kind: 'centron' }, right: { id: 'R', name: 'rmm', kind: 'zabbix' } }) as OpOutput<'pipelines.show'>,
    ...extra,
  });
  renderWithApp(<RunDetailScreen params={['run-big']} />, api);
  return api;
}

const rows = () => screen.queryAllByTestId('run-item-row');

describe('run detail', () => {
  it('shows the summary and renders only a window of rows for 10 000 items', async () => {
    setup();
    await screen.findByTestId('screen-run');
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(rows().length).toBeLessThan(100);
    expect(screen.getByTestId('run-items').getAttribute('aria-rowcount')).toBe(String(N + 1));
    expect(screen.getByTestId('run-items-count').textContent).toContain('10,000 of 10,000');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Run of erp-rmm');
    expect(screen.getByTestId('run-status').textContent).toBe('Partly failed');
    expect(screen.getByTestId('run-counts').textContent).toContain('5,000');
    // Target side by connection name once the pipeline is known.
    await waitFor(() => expect(rows()[0]!.textContent).toContain('rmm'));
  });

  it('narrows the rows by action, errors only and search', async () => {
    setup();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await userEvent.selectOptions(screen.getByTestId('run-filter-action'), 'deleted');
    await waitFor(() => expect(screen.getByTestId('run-items-count').textContent).toContain('1,000 of 10,000'));
    expect(rows().every((r) => within(r).getAllByRole('gridcell')[2]!.textContent === 'Deleted')).toBe(true);
    await userEvent.selectOptions(screen.getByTestId('run-filter-action'), 'all');
    await userEvent.click(screen.getByTestId('run-errors-only'));
    await waitFor(() => expect(screen.getByTestId('run-items-count').textContent).toContain('1,000 of 10,000'));
    expect(rows().every((r) => r.textContent!.includes('Failed'))).toBe(true);
    await userEvent.click(screen.getByTestId('run-errors-only'));
    fireEvent.change(screen.getByTestId('run-search'), { target: { value: 'R-4241' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('L-4241');
    fireEvent.change(screen.getByTestId('run-search'), { target: { value: 'zabbix refused' } });
    await waitFor(() => expect(screen.getByTestId('run-items-count').textContent).toContain('1,000 of 10,000'));
  });

  it('selecting a row shows before and after side by side with the changed fields marked', async () => {
    setup();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(screen.getByTestId('item-detail').textContent).toContain('Select a record');
    // Item 2 (index 1) is an update: name changed, city did not.
    await userEvent.click(rows()[1]!);
    const detail = screen.getByTestId('item-detail');
    expect(detail.textContent).toContain('Why did this change?');
    expect(detail.textContent).toContain('changed on the source');
    const name = within(detail).getByTestId('item-field-name');
    expect(name.getAttribute('data-changed')).toBe('true');
    expect(name.textContent).toContain('Changed');
    expect(name.textContent).toContain('Old 1');
    expect(name.textContent).toContain('New 1');
    const city = within(detail).getByTestId('item-field-city');
    expect(city.getAttribute('data-changed')).toBe('false');
    expect(city.textContent).not.toContain('Changed');
    expect(within(detail).getByTestId('item-changed-count').textContent).toBe('1 field changed');
    expect(rows()[1]!.getAttribute('aria-selected')).toBe('true');
    // The arrow key moves the selection.
    fireEvent.keyDown(screen.getByTestId('run-items'), { key: 'ArrowDown' });
    await waitFor(() => expect(screen.getByTestId('item-detail').textContent).toContain('#3'));
  });

  it('a failed item shows its error category heading and what to do', async () => {
    setup();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await userEvent.click(rows()[9]!);
    const err = screen.getByTestId('item-error');
    expect(err.textContent).toContain('Unexpected data');
    expect(err.textContent).toContain('Zabbix refused the host name');
  });

  it('undo asks first, then shows what was undone, what not and why, and that the pipeline is paused', async () => {
    const api = setup({
      'runs.undo': (i) => ({
        run: i.id,
        pipeline: 'erp-rmm',
        undone: [{ entity: 'customer', action: 'created', side: 'right', id: 'R-0', what: 'deleted the record this run created' }],
        notUndone: [{ entity: 'customer', action: 'updated', side: 'right', id: 'R-1', why: 'it was changed again since the run' }],
        paused: true,
      }),
    });
    await userEvent.click(await screen.findByTestId('run-undo'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('paused');
    expect(api.calls.some((c) => c.op === 'runs.undo')).toBe(false);
    await userEvent.click(within(dialog).getByTestId('run-undo-confirm'));
    const result = await screen.findByTestId('undo-result');
    expect(api.calls.find((c) => c.op === 'runs.undo')?.input).toEqual({ id: 'run-big' });
    expect(within(result).getByTestId('undo-undone').textContent).toContain('R-0');
    expect(within(result).getByTestId('undo-not-undone').textContent).toContain('it was changed again since the run');
    expect(within(result).getByTestId('undo-paused').textContent).toContain('erp-rmm is paused');
  });

  it('an error loading the run shows its category and hint', async () => {
    const api = fakeBridge({});
    renderWithApp(<RunDetailScreen params={['nope']} />, api);
    const e = await screen.findByTestId('run-load-error');
    expect(e.textContent).toContain('Not found');
  });
});
