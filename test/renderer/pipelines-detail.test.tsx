// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pipeline, RunSummary } from '../../shared/model.js';
import { PipelinesScreen } from '../../renderer/src/screens/pipelines/PipelinesScreen.js';
import { fakeBridge, renderWithApp } from './render.js';

const pipeline: Pipeline = {
  id: 'p1',
  name: 'ERP-RMM',
  left: { id: 'c1', name: 'c-entron', kind: 'centron' },
  right: { id: 'c2', name: 'Zabbix', kind: 'zabbix' },
  config: {
    entities: {
      customer: { direction: 'to-right', match: 'number', deletePolicy: 'archive', conflictPolicy: 'left-wins', onlyActive: true },
      device: { direction: 'both', match: 'external-id', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: false },
    },
    schedule: { everyMinutes: 15, fullAt: '23:55', timeZone: 'Europe/Berlin', entityEvery: { device: 45 } },
    deleteGuard: { percent: 10, max: 50 },
  },
  paused: false,
  createdAt: '2025-03-01T08:00:00.000Z',
  modifiedAt: '2025-03-01T08:00:00.000Z',
  activatedAt: '2025-03-01T08:00:00.000Z',
};

const run = (id: string, o: Partial<RunSummary> = {}): RunSummary => ({
  run: id,
  pipeline: 'ERP-RMM',
  pipelineId: 'p1',
  mode: 'delta',
  dryRun: false,
  trigger: 'schedule',
  status: 'ok',
  startedAt: '2025-03-05T10:00:00.000Z',
  finishedAt: '2025-03-05T10:00:05.000Z',
  durationMs: 5300,
  entities: { customer: { created: 0, updated: 2, deleted: 0, unchanged: 50, skipped: 0, conflicts: 0, failed: 0 } },
  error: null,
  ...o,
});

function setup() {
  let p = pipeline;
  const api = fakeBridge({
    'pipelines.show': () => p,
    'status.get': () => ({ at: new Date().toISOString(), needsAttention: false, pipelines: [], connections: [] }),
    'runs.list': () => [run('run_b', { mode: 'full', status: 'partial', trigger: 'manual' }), run('run_a')],
    'pipelines.update': (i) =>
      (p = { ...p, config: { ...p.config, schedule: { ...p.config.schedule, ...(i.everyMinutes !== undefined ? { everyMinutes: i.everyMinutes } : {}), ...(i.fullAt !== undefined ? { fullAt: i.fullAt } : {}) } } }),
  });
  renderWithApp(<PipelinesScreen params={['ERP-RMM']} />, api);
  return api;
}

configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('pipeline detail', () => {
  it('shows per entity direction, match key and policies, the schedule, the guard and the recent runs', async () => {
    setup();
    const customer = await screen.findByTestId('pipeline-entity-customer');
    expect(screen.getByText('ERP-RMM', { selector: 'h1' })).toBeTruthy();
    expect(customer.textContent).toContain('c-entron → Zabbix');
    expect(customer.textContent).toContain('Customer number');
    expect(customer.textContent).toContain('Left side wins');
    expect(customer.textContent).toContain('Archive on the other side');
    const device = screen.getByTestId('pipeline-entity-device');
    expect(device.textContent).toContain('c-entron ↔ Zabbix');
    expect(device.textContent).toContain('Decide in the conflict inbox');
    expect(device.textContent).toContain('every 45 minutes');
    expect(screen.getByTestId('pipeline-guard').textContent).toContain('more than 10 % of the linked records or more than 50 records');
    expect((screen.getByLabelText('Full sync daily at') as HTMLInputElement).value).toBe('23:55');
    expect(screen.getByTestId('pipeline-schedule').textContent).toContain('Devices every 45 minutes');

    const partial = await screen.findByTestId('pipeline-run-run_b');
    expect(partial.textContent).toContain('Partly failed');
    expect(partial.textContent).toContain('full sync');
    expect(partial.textContent).toContain('By hand');
    expect(partial.textContent).toContain('Updated 2 · Unchanged 50');
    expect(partial.textContent).toContain('5.3 s');
    expect(within(partial).getByRole('link').getAttribute('href')).toBe('#/runs/run_b');
  });

  it('edits the schedule through pipelines.update, sending only what changed', async () => {
    const api = setup();
    const save = (await screen.findByTestId('pipeline-schedule-save')) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await userEvent.click(screen.getByTestId('pipeline-schedule-every'));
    await userEvent.click(await screen.findByText('every 60 minutes', { selector: '[role="option"]' }));
    const fullAt = screen.getByLabelText('Full sync daily at');
    await userEvent.clear(fullAt);
    await userEvent.type(fullAt, '22:30');
    await userEvent.click(save);
    await screen.findByTestId('pipeline-schedule-saved');
    expect(api.calls.find((c) => c.op === 'pipelines.update')!.input).toEqual({ name: 'ERP-RMM', everyMinutes: 60, fullAt: '22:30' });
    await waitFor(() => expect(save.disabled).toBe(true));
  });
});
