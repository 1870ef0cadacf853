// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/model.js';
import type { Counts } from '../../shared/progress.js';
import { RunsChart } from '../../renderer/src/screens/status/RunsChart.js';
import { chartBars } from '../../renderer/src/screens/status/statusData.js';
import { fakeBridge, renderWithApp } from './render.js';

const counts = (c: Partial<Counts> = {}): Counts => ({ created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0, ...c });
const run = (i: number, c: Partial<Counts>, status: RunSummary['status'] = 'ok'): RunSummary => ({
  run: `run-${i}`,
  pipeline: 'erp-rmm',
  pipelineId: 'P1',
  mode: 'delta',
  dryRun: false,
  trigger: 'schedule',
  status,
  startedAt: `2025-03-01T1${i}:00:00.000Z`,
  finishedAt: null,
  durationMs: null,
  entities: { customer: counts(c), device: counts({ updated: 1 }) },
  error: null,
});

// runs.list answers newest first.
const runs = [run(4, { created: 5 }), run(3, { failed: 2 }, 'partial'), run(2, {}), run(1, { updated: 3, deleted: 1, unchanged: 50 })];

afterEach(cleanup);

describe('recent runs chart', () => {
  it('counts records changed (created + updated + deleted) and failures per run, oldest first', () => {
    expect(chartBars(runs).map((b) => [b.run, b.changed, b.failed])).toEqual([
      ['run-1', 5, 0],
      ['run-2', 1, 0],
      ['run-3', 1, 2],
      ['run-4', 6, 0],
    ]);
  });

  it('draws one bar per run, failures on top, with a summary for screen readers', () => {
    renderWithApp(<RunsChart runs={runs} />, fakeBridge({}));
    const chart = screen.getByTestId('runs-chart');
    expect(chart.getAttribute('role')).toBe('img');
    const bars = screen.getAllByTestId('runs-chart-bar');
    expect(bars).toHaveLength(4);
    expect(bars.map((b) => b.getAttribute('data-run'))).toEqual(['run-1', 'run-2', 'run-3', 'run-4']);
    expect(screen.getAllByTestId('runs-chart-failures').map((b) => b.getAttribute('data-failed'))).toEqual(['2']);
    expect(chart.getAttribute('aria-label')).toContain('last 4 runs: 13 records changed in total, 2 failed records');
    // Each bar has a title, and the same data is a table.
    expect(chart.querySelectorAll('title')).toHaveLength(4);
    expect(screen.getByRole('table', { name: 'Recent runs' }).querySelectorAll('tbody tr')).toHaveLength(4);
  });

  it('says so when there are no runs yet', () => {
    renderWithApp(<RunsChart runs={[]} />, fakeBridge({}));
    expect(screen.queryByTestId('runs-chart')).toBeNull();
    expect(screen.getByText('No runs yet.')).toBeTruthy();
  });
});
