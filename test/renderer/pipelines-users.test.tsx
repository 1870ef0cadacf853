// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpOutput, UserMatchReport } from '../../shared/contract.js';
import type { Pipeline, RunSummary } from '../../shared/model.js';
import { PipelinesScreen } from '../../renderer/src/screens/pipelines/PipelinesScreen.js';
import { ApiError } from '../../renderer/src/api/client.js';
import { fakeBridge, renderWithApp } from './render.js';

const pipeline: Pipeline = {
  id: 'p1',
  name: 'CRM-DAV',
  left: { id: 'c1', name: 'CRM', kind: 'sugarcrm' },
  right: { id: 'c2', name: 'Contacts', kind: 'carddav' },
  config: {
    entities: { contact: { direction: 'to-right', match: 'external-id', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true } },
    schedule: { everyMinutes: 15, fullAt: null, timeZone: 'Europe/Berlin', entityEvery: {} },
    deleteGuard: { percent: 10, max: 50 },
    actForUsers: true,
  },
  paused: false,
  createdAt: '2025-03-01T08:00:00.000Z',
  modifiedAt: '2025-03-01T08:00:00.000Z',
  activatedAt: '2025-03-01T08:00:00.000Z',
};

const counts = { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0 };
const run = (id: string, o: Partial<RunSummary> = {}): RunSummary => ({
  run: id,
  pipeline: 'CRM-DAV · x',
  pipelineId: 'p1u',
  mode: 'delta',
  dryRun: false,
  trigger: 'schedule',
  status: 'ok',
  startedAt: '2025-03-05T10:00:00.000Z',
  finishedAt: '2025-03-05T10:00:05.000Z',
  durationMs: 5000,
  entities: { contact: { ...counts, created: 3, unchanged: 20 } },
  error: null,
  ...o,
});

const status = (): OpOutput<'status.get'> => ({
  at: '2025-03-05T10:05:00.000Z',
  needsAttention: true,
  pipelines: [
    {
      pipeline: 'CRM-DAV',
      id: 'p1',
      paused: false,
      lastRun: run('run_parent', { pipeline: 'CRM-DAV', pipelineId: 'p1', status: 'partial' }),
      nextRuns: [],
      connections: [],
      problems: ['user bob@example.com: last run failed'],
      users: [
        { email: 'anna@example.com', lastRun: run('run_anna') },
        { email: 'bob@example.com', lastRun: run('run_bob', { status: 'failed', entities: {}, error: { category: 'permission', message: 'The address book of bob@example.com refuses Ferry (403).', hint: 'Give the service account rights to it.' } }) },
        { email: 'carl@example.com', lastRun: null },
      ],
    },
  ],
  connections: [],
});

const report: UserMatchReport = {
  pipeline: 'CRM-DAV',
  matched: [
    { email: 'anna@example.com', left: 'anna', right: 'anna@example.com' },
    { email: 'bob@example.com', left: 'bob', right: 'bob@example.com' },
  ],
  unmatched: [
    { side: 'left', user: 'admin', email: null, reason: 'no primary e-mail address' },
    { side: 'left', user: 'old', email: 'old@example.com', reason: 'inactive' },
  ],
};

function setup(users: () => UserMatchReport = () => report, p: Pipeline = pipeline, lang: 'en' | 'de' = 'en') {
  const api = fakeBridge({
    'pipelines.show': () => p,
    'status.get': status,
    'runs.list': () => [],
    'pipelines.users': users,
  });
  renderWithApp(<PipelinesScreen params={[p.name]} />, api, lang);
  return api;
}

configure({ asyncUtilTimeout: 5000 });
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('pipeline detail: acting for each user', () => {
  it("shows each user's last run with a failed user's error, and asks for the users only on request", async () => {
    const api = setup();
    const section = await screen.findByTestId('pipeline-users');
    expect(screen.getByTestId('pipeline-for-each-user').textContent).toBe('For each user');
    const bob = await within(section).findByTestId('pipeline-user-runs-bob@example.com');
    expect(bob.textContent).toContain('Failed');
    const error = within(bob).getByTestId('pipeline-user-runs-bob@example.com-error');
    expect(error.dataset['category']).toBe('permission');
    expect(error.textContent).toContain('The address book of bob@example.com refuses Ferry (403).');
    const anna = screen.getByTestId('pipeline-user-runs-anna@example.com');
    expect(anna.textContent).toContain('OK');
    expect(anna.textContent).toContain('Created 3 · Unchanged 20');
    expect(within(anna).getByRole('link').getAttribute('href')).toBe('#/runs/run_anna');
    expect(screen.getByTestId('pipeline-user-runs-carl@example.com').textContent).toContain('Not run yet');
    // Failed users come first.
    const rows = within(screen.getByTestId('pipeline-user-runs')).getAllByRole('row').slice(1);
    expect(rows[0]!.textContent).toContain('bob@example.com');

    // pipelines.users calls both systems: only when asked.
    expect(api.calls.some((c) => c.op === 'pipelines.users')).toBe(false);
    await userEvent.click(screen.getByTestId('pipeline-users-check'));
    const matched = await screen.findByTestId('pipeline-users-matched');
    expect(api.calls.filter((c) => c.op === 'pipelines.users').map((c) => c.input)).toEqual([{ name: 'CRM-DAV' }]);
    expect(within(matched).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['E-mail', 'User in CRM', 'User in Contacts']);
    expect(screen.getByTestId('pipeline-users-matched-anna@example.com').textContent).toContain('anna');
    expect(section.textContent).toContain('Matched users: 2');
    expect(section.textContent).toContain('Not synced: 2');
    expect(screen.getByTestId('pipeline-users-unmatched-left-admin').textContent).toContain('no primary e-mail address');
    expect(screen.getByTestId('pipeline-users-unmatched-left-old').textContent).toContain('inactive');
    expect(screen.getByTestId('pipeline-users-unmatched-left-old').textContent).toContain('CRM');

    await userEvent.click(screen.getByTestId('pipeline-users-check'));
    await waitFor(() => expect(api.calls.filter((c) => c.op === 'pipelines.users')).toHaveLength(2));
  });

  it('shows why the users could not be listed, and the reasons in German', async () => {
    let fail = true;
    setup(
      () => {
        if (fail) throw new ApiError('unreachable', 'CRM does not answer.', 'Start the CRM.');
        return report;
      },
      pipeline,
      'de',
    );
    await userEvent.click(await screen.findByTestId('pipeline-users-check'));
    const error = await screen.findByTestId('pipeline-users-error');
    expect(error.dataset['category']).toBe('unreachable');
    expect(error.textContent).toContain('CRM does not answer.');
    fail = false;
    await userEvent.click(screen.getByTestId('pipeline-users-check'));
    expect((await screen.findByTestId('pipeline-users-unmatched-left-admin')).textContent).toContain('keine primäre E-Mail-Adresse');
    expect(screen.queryByTestId('pipeline-users-error')).toBeNull();
  });

  it('has no users section for a pipeline that does not act for each user', async () => {
    setup(undefined, { ...pipeline, config: { ...pipeline.config, actForUsers: false } });
    await screen.findByTestId('pipeline-entities');
    expect(screen.queryByTestId('pipeline-users')).toBeNull();
    expect(screen.queryByTestId('pipeline-for-each-user')).toBeNull();
  });
});
