// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictView, OpOutput } from '../../shared/contract.js';
import type { RunSummary } from '../../shared/model.js';
import type { Counts, ProgressEvent } from '../../shared/progress.js';
import { StatusScreen } from '../../renderer/src/screens/status/StatusScreen.js';
import { fakeBridge, renderWithApp } from './render.js';

const counts = (c: Partial<Counts> = {}): Counts => ({ created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0, ...c });
const run = (over: Partial<RunSummary>): RunSummary => ({
  run: 'run-1',
  pipeline: 'erp-rmm',
  pipelineId: 'P1',
  mode: 'delta',
  dryRun: false,
  trigger: 'schedule',
  status: 'ok',
  startedAt: '2025-03-01T10:00:00.000Z',
  finishedAt: '2025-03-01T10:01:00.000Z',
  durationMs: 60_000,
  entities: {},
  error: null,
  ...over,
});

const lastOk = run({ run: 'run-ok', entities: { customer: counts({ created: 3, updated: 2, unchanged: 40 }) } });
const deviceRun = run({ run: 'run-dev', startedAt: '2025-03-01T09:15:00.000Z', finishedAt: '2025-03-01T09:16:00.000Z', entities: { device: counts({ updated: 7, unchanged: 100 }) } });
const failed = run({
  run: 'run-failed',
  pipeline: 'crm',
  pipelineId: 'P2',
  status: 'failed',
  startedAt: '2025-03-01T08:00:00.000Z',
  entities: { customer: counts({ failed: 4 }) },
  error: { category: 'unreachable', message: 'CRM does not answer', hint: 'Start the CRM.' },
});

const report: OpOutput<'status.get'> = {
  at: '2025-03-01T10:05:00.000Z',
  needsAttention: true,
  pipelines: [
    {
      pipeline: 'erp-rmm',
      id: 'P1',
      paused: false,
      lastRun: lastOk,
      nextRuns: [{ at: '2025-03-01T11:00:00.000Z', mode: 'delta', entities: null }],
      connections: [
        { name: 'erp', kind: 'centron', health: 'ok' },
        { name: 'rmm', kind: 'zabbix', health: 'ok' },
      ],
      problems: [],
    },
    { pipeline: 'crm', id: 'P2', paused: true, lastRun: null, nextRuns: [], connections: [{ name: 'crm', kind: 'onecrm', health: 'error' }], problems: ['x'] },
  ],
  connections: [
    { name: 'erp', kind: 'centron', health: 'ok' },
    { name: 'rmm', kind: 'zabbix', health: 'ok' },
    { name: 'crm', kind: 'onecrm', health: 'error' },
  ],
};

const conflict: ConflictView = {
  id: 7,
  pipelineId: 'P1',
  pipeline: 'erp-rmm',
  entity: 'customer',
  leftId: 'C-1',
  rightId: 'H-1',
  left: { name: 'A' },
  right: { name: 'B' },
  base: { name: 'O' },
  differing: ['name'],
  reason: 'changed on both sides',
  detectedAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  resolution: null,
  merged: null,
  resolvedAt: null,
  closedAt: null,
};

const event = (e: Partial<ProgressEvent>): ProgressEvent => ({ runId: 'run-live', pipelineId: 'P1', phase: 'read', entity: 'customer', side: 'left', processed: 0, total: null, counts: null, message: null, ...e });

function setup() {
  const api = fakeBridge({
    'status.get': () => report,
    'runs.list': () => [lastOk, deviceRun, failed],
    'conflicts.list': () => [conflict],
    'runs.start': (i) => ({ ...run({ run: 'run-new', trigger: 'manual' }), pipeline: i.pipeline }),
  });
  renderWithApp(<StatusScreen params={[]} />, api);
  return api;
}

afterEach(cleanup);

describe('status screen', () => {
  it('shows per pipeline the last sync and result, per entity the last sync, and links to conflicts and failures', async () => {
    setup();
    const last = await screen.findByTestId('status-last-result-erp-rmm');
    expect(last.textContent).toContain('OK');
    expect(within(last).getByRole('link', { name: 'Details' }).getAttribute('href')).toBe('#/runs/run-ok');
    expect(screen.getByTestId('status-last-result-crm').textContent).toContain('Not synced yet');
    // Devices last ran in an earlier, entity-specific run: the table tells that apart from customers.
    await waitFor(() => expect(screen.getByTestId('status-entity-erp-rmm-device').textContent).toContain('Updated 7'));
    expect(screen.getByTestId('status-entity-erp-rmm-customer').textContent).toContain('Created 3');
    expect(screen.getByTestId('status-pipeline-crm').textContent).toContain('Paused');
    // Totals: the last runs' created + updated + unchanged (3 + 2 + 40).
    expect(screen.getByTestId('status-total-synced').textContent).toContain('45');
    expect((await screen.findByTestId('status-total-conflicts')).textContent).toContain('1');
    expect(screen.getByTestId('status-conflict-7').getAttribute('href')).toBe('#/conflicts/7');
    expect(screen.getByTestId('status-failure-run-failed').getAttribute('href')).toBe('#/runs/run-failed');
    expect(screen.getByTestId('status-connection-crm').textContent).toContain('Error');
    expect(screen.getByTestId('status-next-erp-rmm').textContent).toContain('changes only');
    expect(screen.getByTestId('runs-chart')).toBeTruthy();
  });

  it('shows live progress bars per entity from progress events and drops the run when it is done', async () => {
    const api = setup();
    await screen.findByTestId('status-last-result-erp-rmm');
    const live = screen.getByTestId('live-progress');
    expect(live.textContent).toContain('No sync is running');
    act(() => api.emit(event({ processed: 50, total: 200 })));
    act(() => api.emit(event({ entity: 'device', side: 'right', processed: 12, total: null })));
    const bars = within(live).getAllByRole('progressbar');
    expect(bars).toHaveLength(2);
    expect(bars[0]!.getAttribute('aria-valuenow')).toBe('0.25');
    // Unknown total: an indeterminate bar.
    expect(bars[1]!.hasAttribute('aria-valuenow')).toBe(false);
    expect(within(live).getByTestId('live-entity-customer').textContent).toContain('50 of 200');
    expect(within(live).getByTestId('live-entity-device').textContent).toContain('12 so far');
    expect(live.textContent).toContain('Reading from erp');
    act(() => api.emit(event({ phase: 'apply', side: 'right', processed: 150, total: 200, counts: counts({ created: 2, updated: 5 }) })));
    expect(within(live).getByTestId('live-entity-customer').textContent).toContain('Created 2 · Updated 5');
    expect(live.textContent).toContain('Writing to rmm');
    // While it runs, "Sync now" of that pipeline waits.
    expect((screen.getByTestId('status-sync-now-erp-rmm') as HTMLButtonElement).disabled).toBe(true);
    act(() => api.emit(event({ phase: 'done', entity: null, side: null })));
    expect(within(live).queryAllByRole('progressbar')).toHaveLength(0);
    expect(live.textContent).toContain('No sync is running');
  });

  it('"Sync now" starts a manual run of that pipeline and says how it ended', async () => {
    const api = setup();
    const button = await screen.findByTestId('status-sync-now-erp-rmm');
    await userEvent.click(button);
    expect(await screen.findByTestId('status-sync-now-erp-rmm-result')).toBeTruthy();
    expect(api.calls.find((c) => c.op === 'runs.start')?.input).toEqual({ pipeline: 'erp-rmm', trigger: 'manual' });
  });

  it('speaks German', async () => {
    const api = fakeBridge({ 'status.get': () => report, 'runs.list': () => [lastOk], 'conflicts.list': () => [] });
    renderWithApp(<StatusScreen params={[]} />, api, 'de');
    expect((await screen.findByTestId('status-last-result-crm')).textContent).toContain('Noch nicht synchronisiert');
    expect(screen.getByTestId('status-sync-now-erp-rmm').textContent).toContain('Jetzt synchronisieren');
  });
});
