// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../shared/contract.js';
import type { RunSummary } from '../../shared/model.js';
import { StatusScreen } from '../../renderer/src/screens/status/StatusScreen.js';
import { fakeBridge, renderWithApp } from './render.js';

const counts = { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0 };
const run = (id: string, o: Partial<RunSummary> = {}): RunSummary => ({
  run: id,
  pipeline: 'crm-dav',
  pipelineId: 'P1',
  mode: 'delta',
  dryRun: false,
  trigger: 'schedule',
  status: 'ok',
  startedAt: '2025-03-01T10:00:00.000Z',
  finishedAt: '2025-03-01T10:01:00.000Z',
  durationMs: 60_000,
  entities: { contact: { ...counts, updated: 2, unchanged: 10 } },
  error: null,
  ...o,
});

const report: OpOutput<'status.get'> = {
  at: '2025-03-01T10:05:00.000Z',
  needsAttention: true,
  pipelines: [
    {
      pipeline: 'crm-dav',
      id: 'P1',
      paused: false,
      lastRun: run('run-parent', { status: 'partial' }),
      nextRuns: [],
      connections: [
        { name: 'crm', kind: 'sugarcrm', health: 'ok' },
        { name: 'dav', kind: 'carddav', health: 'ok' },
      ],
      problems: ['user bob@example.com: last run failed'],
      users: [
        { email: 'anna@example.com', lastRun: run('run-anna') },
        { email: 'bob@example.com', lastRun: run('run-bob', { status: 'failed', entities: {}, error: { category: 'auth', message: 'The CRM refused the login for bob.', hint: 'Check the password.' } }) },
        { email: 'carl@example.com', lastRun: run('run-carl') },
      ],
    },
  ],
  connections: [
    { name: 'crm', kind: 'sugarcrm', health: 'ok' },
    { name: 'dav', kind: 'carddav', health: 'ok' },
  ],
};

function setup(lang: 'en' | 'de' = 'en') {
  const api = fakeBridge({ 'status.get': () => report, 'conflicts.list': () => [], 'pipelines.list': () => [], 'runs.list': () => [] });
  renderWithApp(<StatusScreen params={[]} />, api, lang);
}

afterEach(cleanup);

describe('status screen: pipelines acting for each user', () => {
  it('counts users per result, always shows the failed ones with their error, and lists all on request', async () => {
    setup();
    expect((await screen.findByTestId('status-users-summary-crm-dav')).textContent).toBe('3 users: 1 failed, 2 OK');
    const failed = screen.getByTestId('status-users-failed-crm-dav');
    const bob = within(failed).getByTestId('status-user-crm-dav-bob@example.com');
    expect(bob.textContent).toContain('Failed');
    expect(bob.textContent).toContain('The CRM refused the login for bob.');
    expect(bob.querySelector('[data-category="auth"]')).not.toBeNull();
    expect(within(failed).queryByText(/anna@example.com/)).toBeNull();

    const toggle = screen.getByRole('button', { name: 'Show all users' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide users' }).getAttribute('aria-expanded')).toBe('true');
    const table = screen.getByTestId('status-user-runs-crm-dav');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.dataset['status'])).toEqual(['failed', 'ok', 'ok']);
    expect(rows[0]!.textContent).toContain('The CRM refused the login for bob.');
    expect(rows[1]!.textContent).toContain('Updated 2 · Unchanged 10');
  });

  it('says it in German', async () => {
    setup('de');
    expect((await screen.findByTestId('status-users-summary-crm-dav')).textContent).toBe('3 Benutzer: 1 fehlgeschlagen, 2 OK');
    expect(screen.getByRole('button', { name: 'Alle Benutzer zeigen' })).toBeTruthy();
  });
});
