// @vitest-environment jsdom
import { act, cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../shared/contract.js';
import type { Pipeline, RunResult, RunSummary } from '../../shared/model.js';
import type { ProgressEvent } from '../../shared/progress.js';
import { ApiError } from '../../renderer/src/api/client.js';
import { PipelinesScreen } from '../../renderer/src/screens/pipelines/PipelinesScreen.js';
import { fakeBridge, renderWithApp, type Handlers } from './render.js';

const counts = (o: Partial<RunSummary['entities']['customer']> = {}) => ({ created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0, ...o });

const pipeline: Pipeline = {
  id: 'p1',
  name: 'ERP-RMM',
  left: { id: 'c1', name: 'c-entron', kind: 'centron' },
  right: { id: 'c2', name: 'Zabbix', kind: 'zabbix' },
  config: {
    entities: {
      customer: { direction: 'to-right', match: 'number', deletePolicy: 'archive', conflictPolicy: 'left-wins', onlyActive: true },
      device: { direction: 'both', match: 'external-id', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true },
    },
    schedule: { everyMinutes: 15, fullAt: '23:55', timeZone: 'Europe/Berlin', entityEvery: { device: 45 } },
    deleteGuard: { percent: 10, max: 50 },
  },
  paused: false,
  createdAt: '2025-03-01T08:00:00.000Z',
  modifiedAt: '2025-03-01T08:00:00.000Z',
  activatedAt: '2025-03-01T08:00:00.000Z',
};

const lastRun: RunSummary = {
  run: 'run_old',
  pipeline: 'ERP-RMM',
  pipelineId: 'p1',
  mode: 'delta',
  dryRun: false,
  trigger: 'schedule',
  status: 'ok',
  startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
  finishedAt: new Date(Date.now() - 9 * 60_000).toISOString(),
  durationMs: 4200,
  entities: { customer: counts({ created: 3, unchanged: 120 }) },
  error: null,
};

const status = (p: Pipeline): StatusReport => ({
  at: new Date().toISOString(),
  needsAttention: false,
  pipelines: [
    {
      pipeline: p.name,
      id: p.id,
      paused: p.paused,
      lastRun,
      nextRuns: [{ at: new Date(Date.now() + 5 * 60_000).toISOString(), mode: 'delta', entities: null }],
      connections: [],
      problems: [],
    },
  ],
  connections: [],
});

function setup(extra: Handlers = {}) {
  let p = pipeline;
  const api = fakeBridge({
    'pipelines.list': () => [p],
    'status.get': () => status(p),
    'pipelines.pause': () => (p = { ...p, paused: true }),
    'pipelines.resume': () => (p = { ...p, paused: false }),
    ...extra,
  });
  renderWithApp(<PipelinesScreen params={[]} />, api);
  return api;
}

/** A runs.start that stays open until the test ends the run. */
function pendingRun() {
  let finish!: (r: RunResult) => void;
  const promise = new Promise<RunResult>((r) => (finish = r));
  return { handler: () => promise, finish };
}

const ev = (o: Partial<ProgressEvent>): ProgressEvent => ({ runId: 'run_new', pipelineId: 'p1', phase: 'read', entity: 'customer', side: 'left', processed: 0, total: null, counts: null, message: null, ...o });

// Role queries over Fluent's large trees are slow on a busy machine: give them time (no fixed sleeps).
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('pipelines list', () => {
  it('shows connections, entities with directions, state, last and next runs', async () => {
    setup();
    const row = await screen.findByTestId('pipeline-row-ERP-RMM');
    expect(screen.getByTestId('screen-pipelines')).toBeTruthy();
    expect(row.textContent).toContain('c-entron ↔ Zabbix');
    expect(row.textContent).toContain('Customers: c-entron → Zabbix');
    expect(row.textContent).toContain('Devices: c-entron ↔ Zabbix');
    expect(within(row).getByTestId('pipeline-state').textContent).toBe('Active');
    const last = await within(row).findByTestId('pipeline-last-run');
    expect(last.textContent).toContain('OK');
    expect(last.textContent).toContain('10 minutes ago');
    expect(last.textContent).toContain('Created 3 · Unchanged 120');
    expect(within(last).getByRole('link').getAttribute('href')).toBe('#/runs/run_old');
    expect(within(row).getByTestId('pipeline-next-runs').textContent).toContain('in 5 minutes');
  });

  it('"Sync now" starts a run without waiting for it and shows live progress per entity', async () => {
    const run = pendingRun();
    const api = setup({ 'runs.start': run.handler });
    const row = await screen.findByTestId('pipeline-row-ERP-RMM');
    await userEvent.click(within(row).getByTestId('pipeline-sync-now'));
    expect(api.calls.find((c) => c.op === 'runs.start')!.input).toEqual({ pipeline: 'ERP-RMM', trigger: 'manual' });
    const progress = await within(row).findByTestId('pipeline-progress');
    expect(progress.textContent).toContain('Sync started');
    // The UI is not blocked: the button waits while this run goes on, the rest stays usable.
    expect((within(row).getByTestId('pipeline-sync-now') as HTMLButtonElement).disabled).toBe(true);
    expect((within(row).getByTestId('pipeline-pause') as HTMLButtonElement).disabled).toBe(false);

    act(() => api.emit(ev({ phase: 'read', processed: 40, total: 200 })));
    act(() => api.emit(ev({ runId: 'run_other', pipelineId: 'p_other', processed: 1, total: 2 })));
    const bar = await within(row).findByTestId('pipeline-progress-customer');
    expect(bar.textContent).toContain('Customers — reading c-entron');
    expect(bar.textContent).toContain('40 of 200');
    expect(within(bar).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0.2');
    expect(progress.textContent).toContain('running');

    act(() => api.emit(ev({ phase: 'apply', side: 'right', processed: 3, total: 4, counts: counts({ created: 2, updated: 1 }) })));
    await waitFor(() => expect(within(row).getByTestId('pipeline-progress-customer').textContent).toContain('writing to Zabbix'));
    expect(within(row).getByTestId('pipeline-progress-customer').textContent).toContain('Created 2 · Updated 1');
    expect(within(row).queryByTestId('pipeline-progress-device')).toBeNull();

    await act(async () => run.finish({ ...lastRun, run: 'run_new', trigger: 'manual', status: 'ok', entities: { customer: counts({ created: 2, updated: 1 }) } }));
    await waitFor(() => expect(within(row).getByTestId('pipeline-progress').getAttribute('data-state')).toBe('finished'));
    expect(within(row).getByTestId('pipeline-progress').textContent).toContain('Sync finished: OK');
    expect(within(row).getByRole('link', { name: 'Show details' }).getAttribute('href')).toBe('#/runs/run_new');
    expect((within(row).getByTestId('pipeline-sync-now') as HTMLButtonElement).disabled).toBe(false);
  });

  it('a run stopped by the mass-delete guard says why and can be confirmed once', async () => {
    const api = setup({
      'runs.start': (i) => {
        if (i.confirmDeletes) return { ...lastRun, run: 'run_2', status: 'ok' };
        // The run happened and stopped before writing: runs.start answers with a failed run and the guard's error.
        return { ...lastRun, run: 'run_1', status: 'failed', error: { category: 'guard', message: 'The run would delete 80 of 100 customers.', hint: 'Check why; confirm once if intended.' } };
      },
    });
    await userEvent.click(await screen.findByTestId('pipeline-full-sync'));
    const err = await screen.findByTestId('pipeline-run-error');
    expect(screen.getByTestId('pipeline-progress').textContent).toContain('Sync finished: Failed');
    expect(err.textContent).toContain('Stopped by a safety guard');
    expect(err.textContent).toContain('would delete 80 of 100');
    await userEvent.click(screen.getByTestId('pipeline-confirm-deletes'));
    await waitFor(() => expect(api.calls.filter((c) => c.op === 'runs.start').length).toBe(2));
    expect(api.calls.filter((c) => c.op === 'runs.start').map((c) => c.input)).toEqual([
      { pipeline: 'ERP-RMM', trigger: 'manual', mode: 'full' },
      { pipeline: 'ERP-RMM', trigger: 'manual', mode: 'full', confirmDeletes: true },
    ]);
  });

  it('a run that cannot start (another process runs it) shows why', async () => {
    setup({
      'runs.start': () => {
        throw new ApiError('busy', 'The pipeline is being run by another process (pid 42 on SRV01).', 'Wait for that run to finish, then try again.');
      },
    });
    await userEvent.click(await screen.findByTestId('pipeline-sync-now'));
    const err = await screen.findByTestId('pipeline-run-error');
    expect(err.getAttribute('data-category')).toBe('busy');
    expect(screen.getByTestId('pipeline-progress').textContent).toContain('Sync could not run');
    expect(screen.queryByTestId('pipeline-confirm-deletes')).toBeNull();
  });

  it('pauses and resumes', async () => {
    const api = setup();
    await userEvent.click(await screen.findByTestId('pipeline-pause'));
    expect(await screen.findByTestId('pipeline-resume')).toBeTruthy();
    expect(screen.getByTestId('pipeline-state').textContent).toBe('Paused');
    await userEvent.click(screen.getByTestId('pipeline-resume'));
    expect(await screen.findByTestId('pipeline-pause')).toBeTruthy();
    expect(api.calls.filter((c) => c.op.startsWith('pipelines.p') || c.op === 'pipelines.resume').map((c) => [c.op, c.input])).toEqual([
      ['pipelines.pause', { name: 'ERP-RMM' }],
      ['pipelines.resume', { name: 'ERP-RMM' }],
    ]);
  });

  it('"Sync one customer" searches the linked customers and starts a run for the one chosen', async () => {
    const run = pendingRun();
    const customers = [
      { leftId: '101', rightId: 'h-9', label: 'Müller GmbH (K-1001)' },
      { leftId: '102', rightId: 'h-7', label: 'Schulz AG (K-1002)' },
    ];
    const api = setup({
      'customers.search': (i) => customers.filter((c) => c.label.toLowerCase().includes((i.query ?? '').toLowerCase())),
      'runs.start': run.handler,
    });
    await userEvent.click(await screen.findByTestId('pipeline-sync-customer'));
    const picker0 = await screen.findByTestId('customer-picker');
    const dialog = picker0.closest<HTMLElement>('[role="dialog"]')!;
    const picker = within(dialog).getByTestId('customer-picker');
    expect(within(dialog).getByLabelText('Customer')).toBe(picker);
    expect((within(dialog).getByTestId('customer-picker-start') as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(picker, 'schulz');
    await waitFor(() => expect(api.calls.some((c) => c.op === 'customers.search' && (c.input as { query: string }).query === 'schulz')).toBe(true));
    await userEvent.click(await screen.findByText('Schulz AG (K-1002)', { selector: '[role="option"]' }));
    expect(screen.queryByText('Müller GmbH (K-1001)', { selector: '[role="option"]' })).toBeNull();
    await userEvent.click(within(dialog).getByTestId('customer-picker-start'));
    await waitFor(() => expect(api.calls.some((c) => c.op === 'runs.start')).toBe(true));
    expect(api.calls.find((c) => c.op === 'runs.start')!.input).toEqual({ pipeline: 'ERP-RMM', trigger: 'customer', customer: '102' });
    expect((await screen.findByTestId('pipeline-progress')).textContent).toContain('Sync of customer Schulz AG (K-1002) started');
    await act(async () => run.finish({ ...lastRun, run: 'run_c', trigger: 'customer' }));
  });

  it('lists duplicate match keys from the uniqueness check', async () => {
    setup({
      'pipelines.check': () => ({
        pipeline: 'ERP-RMM',
        unique: false,
        entities: [
          { entity: 'customer', side: 'left', key: 'number', records: 120, duplicates: [], note: null },
          { entity: 'customer', side: 'right', key: 'number', records: 118, duplicates: [{ value: 'K-1001', ids: ['h-1', 'h-2'] }], note: null },
        ],
      }),
    });
    await userEvent.click(await screen.findByTestId('pipeline-check'));
    const result = await screen.findByTestId('pipeline-check-result');
    await waitFor(() => expect(result.textContent).toContain('Some match keys are not unique'));
    expect(result.textContent).toContain('"K-1001" (h-1, h-2)');
  });

  it('deletes a pipeline only after confirming', async () => {
    const api = setup({ 'pipelines.remove': () => ({ removed: 'ERP-RMM' }) });
    await userEvent.click(await screen.findByTestId('pipeline-delete'));
    const dialog = (await screen.findByTestId('pipeline-delete-confirm')).closest<HTMLElement>('[role="dialog"]')!;
    expect(api.calls.some((c) => c.op === 'pipelines.remove')).toBe(false);
    await userEvent.click(within(dialog).getByTestId('pipeline-delete-confirm'));
    await waitFor(() => expect(api.calls.find((c) => c.op === 'pipelines.remove')?.input).toEqual({ name: 'ERP-RMM' }));
  });
});
