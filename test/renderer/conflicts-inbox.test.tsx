// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConflictView, OpInput, OpOutput } from '../../shared/contract.js';
import { mergeFields, missingChoices } from '../../renderer/src/screens/conflicts/conflictFields.js';
import { ConflictsScreen } from '../../renderer/src/screens/conflicts/ConflictsScreen.js';
import { forgetRememberedState } from '../../renderer/src/screens/runs/rememberedState.js';
import { fakeBridge, renderWithApp } from './render.js';

beforeEach(() => forgetRememberedState());
afterEach(cleanup);

const conflict: ConflictView = {
  id: 7,
  pipelineId: 'P1',
  pipeline: 'erp-crm',
  entity: 'customer',
  leftId: 'C-100',
  rightId: 'acc-9',
  left: { name: 'Muster GmbH', email: 'info@muster.de', phone: '030 1', city: 'Berlin' },
  right: { name: 'Muster GmbH', email: 'office@muster.de', phone: '030 2', city: 'Berlin' },
  base: { name: 'Muster GmbH', email: 'info@muster.de', phone: '030 0', city: 'Berlin' },
  differing: ['email', 'phone'],
  reason: 'changed on both sides since the last sync',
  detectedAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  resolution: null,
  merged: null,
  resolvedAt: null,
  closedAt: null,
};

function setup(params: string[]) {
  const api = fakeBridge({
    'conflicts.list': () => [conflict, { ...conflict, id: 8, leftId: 'C-200', resolution: 'left' }],
    'conflicts.show': () => conflict,
    'conflicts.resolve': (i: OpInput<'conflicts.resolve'>) => ({ ...conflict, resolution: i.take, resolvedAt: '2025-03-01T10:00:00.000Z' }),
    'pipelines.show': () => ({ left: { id: 'L', name: 'centron', kind: 'centron' }, right: { id: 'R', name: 'onecrm', kind: 'onecrm' } }) as OpOutput<'pipelines.show'>,
    'runs.start': (i) => ({ run: 'run-9', pipeline: i.pipeline, pipelineId: 'P1', mode: 'delta', dryRun: false, trigger: 'manual', status: 'ok', startedAt: '2025-03-01T10:01:00.000Z', finishedAt: '2025-03-01T10:02:00.000Z', durationMs: 60000, entities: {}, error: null }),
  });
  renderWithApp(<ConflictsScreen params={params} />, api);
  return api;
}

describe('conflict inbox', () => {
  it('lists open conflicts with a link to each', async () => {
    setup([]);
    const row = await screen.findByTestId('conflict-row-7');
    expect(within(row).getByRole('link').getAttribute('href')).toBe('#/conflicts/7');
    expect(row.textContent).toContain('email, phone');
    expect(row.textContent).toContain('Open');
    expect(screen.getByTestId('conflict-row-8').textContent).toContain('Decided');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Conflicts');
  });

  it('shows left, base and right per field with the differing ones marked', async () => {
    setup(['7']);
    const table = await screen.findByTestId('conflict-versions');
    expect(screen.getByTestId('conflict-left-email').textContent).toContain('info@muster.de');
    expect(screen.getByTestId('conflict-base-email').textContent).toContain('info@muster.de');
    expect(screen.getByTestId('conflict-right-email').textContent).toContain('office@muster.de');
    // Right changed the e-mail since the base, left did not; both changed the phone.
    expect(screen.getByTestId('conflict-right-email').textContent).toContain('changed');
    expect(screen.getByTestId('conflict-left-email').textContent).not.toContain('changed');
    expect(screen.getByTestId('conflict-field-email').getAttribute('data-differs')).toBe('true');
    expect(screen.getByTestId('conflict-field-email').textContent).toContain('Differs');
    expect(screen.getByTestId('conflict-field-city').getAttribute('data-differs')).toBe('false');
    await waitFor(() => expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Field', 'Left: centron', 'Base (last sync)', 'Right: onecrm', 'Take value from']));
  });

  it('a field-by-field merge sends one side per differing field, then offers to sync now', async () => {
    const api = setup(['7']);
    await screen.findByTestId('conflict-versions');
    const merge = screen.getByTestId('conflict-merge') as HTMLButtonElement;
    expect(merge.disabled).toBe(true);
    await userEvent.click(screen.getByTestId('conflict-choice-email-right'));
    expect(merge.disabled).toBe(true);
    expect(screen.getByText(/1 still open/)).toBeTruthy();
    await userEvent.click(screen.getByTestId('conflict-choice-phone-left'));
    expect(merge.disabled).toBe(false);
    await userEvent.click(merge);
    const done = await screen.findByTestId('conflict-resolved');
    expect(api.calls.find((c) => c.op === 'conflicts.resolve')?.input).toEqual({ id: 7, take: 'merge', fields: { email: 'right', phone: 'left' } });
    expect(done.textContent).toContain('applied on the next run of the pipeline erp-crm');
    await userEvent.click(screen.getByTestId('conflict-sync-now'));
    expect(await screen.findByTestId('conflict-sync-now-result')).toBeTruthy();
    expect(api.calls.find((c) => c.op === 'runs.start')?.input).toEqual({ pipeline: 'erp-crm', trigger: 'manual' });
  });

  it('keeps one side as a whole', async () => {
    const api = setup(['7']);
    await userEvent.click(await screen.findByTestId('conflict-take-right'));
    await screen.findByTestId('conflict-resolved');
    expect(api.calls.find((c) => c.op === 'conflicts.resolve')?.input).toEqual({ id: 7, take: 'right' });
  });

  it('knows when every differing field has a side', () => {
    expect(missingChoices(['a', 'b'], { a: 'left' })).toEqual(['b']);
    expect(mergeFields(['a', 'b'], { a: 'left' })).toBeNull();
    expect(mergeFields(['a'], { a: 'right' })).toEqual({ a: 'right' });
  });

  it('speaks German', async () => {
    const api = fakeBridge({ 'conflicts.show': () => conflict });
    renderWithApp(<ConflictsScreen params={['7']} />, api, 'de');
    expect((await screen.findByTestId('conflict-take-left')).textContent).toContain('Linke Version behalten');
  });
});
