// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../shared/contract.js';
import type { RunResult } from '../../shared/model.js';
import { forgetAll } from '../../renderer/src/screens/wizard/memory.js';
import { SetupWizard } from '../../renderer/src/screens/wizard/SetupWizard.js';
import { ApiError } from '../../renderer/src/api/client.js';
import { fakeBridge, renderWithApp, type Handlers } from './render.js';
import { connection, dryRun, INVOICE_NOTE, kinds, pipeline } from './wizard-fixtures.js';

afterEach(cleanup);
beforeEach(() => {
  forgetAll();
  window.location.hash = '#/setup/pipeline';
});

const erp = connection({ id: 'con_erp', kind: 'centron', name: 'ERP' });
const rmm = connection({ id: 'con_rmm', kind: 'zabbix', name: 'RMM' });

/** Two existing connections, test and preflight fine; the dry run waits until the test releases it. */
function backend(over: Handlers = {}) {
  let release: (r: RunResult) => void = () => undefined;
  const api = fakeBridge({
    'kinds.list': () => kinds,
    'connections.list': () => [erp, rmm],
    'pipelines.list': () => [],
    'settings.get': () => ({ language: 'en', timeZone: 'Europe/Berlin', startAtLogin: false, logLevel: 'info', deleteGuard: { percent: 10, max: 50 }, dataDir: '/d', logDir: '/l' }),
    'connections.test': () => ({ category: 'ok', message: 'Logged in.', hint: '' }),
    'connections.preflight': () => [{ id: 'address-master', title: 'Address master active', status: 'pass', message: 'Setting 10011 is 1.', hint: '' }],
    'pipelines.create': (i: OpInput<'pipelines.create'>) => pipeline({ name: i.name, left: erp, right: rmm }),
    'pipelines.update': (i: OpInput<'pipelines.update'>) =>
      pipeline({
        name: i.newName ?? i.name,
        left: erp,
        right: rmm,
        schedule: { everyMinutes: i.everyMinutes ?? 60, fullAt: i.fullAt === undefined ? '23:55' : i.fullAt, timeZone: i.timeZone ?? 'Europe/Berlin', entityEvery: i.entityEvery ?? { device: 45 } },
      }),
    'pipelines.check': (i: OpInput<'pipelines.check'>) => ({
      pipeline: i.name,
      unique: false,
      entities: [
        { entity: 'customer', side: 'left', key: 'name', records: 120, duplicates: [{ value: 'Müller GmbH', ids: ['1001', '1077'] }], note: null },
        { entity: 'customer', side: 'right', key: 'name', records: 80, duplicates: [], note: null },
      ],
    }),
    'runs.start': (i: OpInput<'runs.start'>) => (i.dryRun ? new Promise<RunResult>((r) => (release = r)) : { ...dryRun(i.pipeline), dryRun: false, status: 'ok' }),
    'pipelines.resume': (i: OpInput<'pipelines.resume'>) => ({ ...pipeline({ name: i.name, left: erp, right: rmm }), paused: false }),
    ...over,
  });
  return { api, finishDryRun: (r: RunResult) => release(r) };
}

async function next(user: ReturnType<typeof userEvent.setup>, step: string, side?: string) {
  await waitFor(() => expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(false));
  await user.click(screen.getByTestId('wizard-next'));
  const el = await screen.findByTestId(`wizard-step-${step}`);
  if (side) await waitFor(() => expect(screen.getByTestId(`wizard-step-${step}`).dataset['side']).toBe(side));
  return el;
}

/** Pipeline mode: ERP left, RMM right, each tested and checked, up to the flows. */
async function toFlows(user: ReturnType<typeof userEvent.setup>) {
  await user.selectOptions(await screen.findByLabelText(/Existing connection/), 'ERP');
  await next(user, 'test', 'left');
  await next(user, 'preflight', 'left');
  expect((await screen.findByTestId('preflight-address-master')).textContent).toContain('Passed: Address master active');
  await next(user, 'system', 'right');
  // The first system's connection is not offered again.
  const select = await screen.findByLabelText(/Existing connection/);
  expect(within(select).queryByRole('option', { name: /^ERP/ })).toBeNull();
  await user.selectOptions(select, 'RMM');
  await next(user, 'test', 'right');
  await next(user, 'preflight', 'right');
  await next(user, 'flows');
}

describe('setup wizard: a pipeline', () => {
  it('greys out what the systems cannot do, with their reason', async () => {
    const user = userEvent.setup();
    const { api } = backend();
    renderWithApp(<SetupWizard params={['pipeline']} />, api);
    await toFlows(user);

    const invoice = screen.getByTestId('flow-invoice');
    for (const label of ['ERP → RMM', 'ERP ← RMM', 'ERP ↔ RMM']) {
      expect((within(invoice).getByRole('radio', { name: label }) as HTMLInputElement).disabled).toBe(true);
    }
    expect(screen.getByTestId('flow-invoice-why').textContent).toContain(INVOICE_NOTE);
    // Customers: c-entron reads, Zabbix writes — only ERP → RMM; it is proposed, matched by name (ERP ↔ RMM pair).
    const customer = screen.getByTestId('flow-customer');
    expect((within(customer).getByRole('radio', { name: 'ERP → RMM' }) as HTMLInputElement).checked).toBe(true);
    expect((within(customer).getByRole('radio', { name: 'ERP ← RMM' }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId('flow-customer-why').textContent).toContain('c-entron has no public method to create or change customers');
    expect((within(customer).getByLabelText('Match records by') as HTMLSelectElement).value).toBe('name');

    // A child without its customer: said, and Next waits.
    await user.click(within(customer).getByRole('radio', { name: 'not synced' }));
    await user.click(within(screen.getByTestId('flow-device')).getByRole('radio', { name: 'ERP → RMM' }));
    expect(screen.getByTestId('flows-needs-customer').textContent).toContain('Devices belong to a customer');
    expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(customer).getByRole('radio', { name: 'ERP → RMM' }));
    expect(screen.queryByTestId('flows-needs-customer')).toBeNull();
    expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(false);
  });

  it('creates the pipeline paused, lists duplicates, shows the proposed schedule, previews with counts, and activates', async () => {
    const user = userEvent.setup();
    const { api, finishDryRun } = backend();
    renderWithApp(<SetupWizard params={['pipeline']} />, api);
    await toFlows(user);
    expect((screen.getByLabelText(/Pipeline name/) as HTMLInputElement).value).toBe('ERP - RMM');

    await next(user, 'uniqueness');
    expect(api.calls.filter((c) => c.op === 'pipelines.create').map((c) => c.input)).toEqual([
      { name: 'ERP - RMM', left: 'ERP', right: 'RMM', entities: [{ entity: 'customer', direction: 'to-right' }], match: { customer: 'name' }, conflictPolicy: {}, deletePolicy: { customer: 'ignore' }, paused: true },
    ]);
    const report = await screen.findByTestId('uniqueness-result');
    expect(report.textContent).toContain('never links records by guess');
    expect(screen.getByTestId('uniqueness-customer-left').textContent).toContain('"Müller GmbH": ids 1001, 1077');

    await next(user, 'schedule');
    expect((screen.getByRole('radio', { name: '60 minutes' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(/Time of the daily full sync/) as HTMLInputElement).value).toBe('23:55');
    expect((screen.getByLabelText(/Time zone/) as HTMLSelectElement).value).toBe('Europe/Berlin');
    await user.click(screen.getByRole('radio', { name: '15 minutes' }));

    await next(user, 'review');
    expect(api.calls.filter((c) => c.op === 'pipelines.update').map((c) => c.input)).toEqual([
      { name: 'ERP - RMM', everyMinutes: 15, fullAt: '23:55', entityEvery: {}, timeZone: 'Europe/Berlin' },
    ]);
    // While the dry run reads, its progress shows.
    await waitFor(() => expect(api.calls.some((c) => c.op === 'runs.start')).toBe(true));
    act(() => api.emit({ runId: 'run_1', pipelineId: 'pip_1', phase: 'read', entity: 'customer', side: 'left', processed: 40, total: 120, counts: null, message: null }));
    expect((await screen.findByTestId('dry-run-progress')).textContent).toContain('Reading Customers from ERP');
    expect(screen.getByTestId('dry-run-progress').textContent).toContain('40 of 120');
    expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(true);
    act(() => finishDryRun(dryRun('ERP - RMM')));

    const preview = await screen.findByTestId('dry-run-preview');
    const customers = within(screen.getByTestId('dry-run-customer'));
    expect(customers.getByText('Customers')).toBeTruthy();
    const cell = (row: string, col: string) => screen.getByTestId(row).querySelector(`[data-col="${col}"]`)?.textContent;
    expect(cell('dry-run-customer', 'created')).toBe('12');
    expect(cell('dry-run-customer', 'updated')).toBe('3');
    expect(cell('dry-run-customer', 'conflicts')).toBe('1');
    expect(cell('dry-run-device', 'created')).toBe('7');
    expect(cell('dry-run-device', 'skipped')).toBe('2');
    expect(preview.textContent).toContain('name: Müller GmbH → Müller & Söhne GmbH');
    expect(preview.textContent).toContain('customer not synchronized yet');
    expect(api.calls.find((c) => c.op === 'runs.start')?.input).toEqual({ pipeline: 'ERP - RMM', dryRun: true, trigger: 'manual' });

    await next(user, 'activate');
    expect(screen.queryByTestId('wizard-next')).toBeNull();
    expect((screen.getByTestId('first-run-now') as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByTestId('wizard-activate'));
    await waitFor(() => expect(window.location.hash).toBe('#/status'));
    expect(api.calls.filter((c) => c.op === 'pipelines.resume').map((c) => c.input)).toEqual([{ name: 'ERP - RMM' }]);
    expect(api.calls.filter((c) => c.op === 'runs.start').map((c) => c.input)).toEqual([
      { pipeline: 'ERP - RMM', dryRun: true, trigger: 'manual' },
      { pipeline: 'ERP - RMM', trigger: 'manual' },
    ]);
    // Done: the next visit starts a fresh wizard.
    cleanup();
    renderWithApp(<SetupWizard params={['pipeline']} />, api);
    expect(((await screen.findByLabelText(/Existing connection/)) as HTMLSelectElement).value).toBe('');
  });

  it('updates the pipeline instead of creating another when the flows change after going back', async () => {
    const user = userEvent.setup();
    const { api } = backend();
    renderWithApp(<SetupWizard params={['pipeline']} />, api);
    await toFlows(user);
    await next(user, 'uniqueness');
    await screen.findByTestId('uniqueness-result');
    await user.click(screen.getByTestId('wizard-back'));
    await screen.findByTestId('wizard-step-flows');
    await user.selectOptions(within(screen.getByTestId('flow-customer')).getByLabelText('Match records by'), 'number');
    await next(user, 'uniqueness');
    expect(api.calls.filter((c) => c.op === 'pipelines.create')).toHaveLength(1);
    expect(api.calls.filter((c) => c.op === 'pipelines.update').map((c) => c.input)).toEqual([
      { name: 'ERP - RMM', entities: [{ entity: 'customer', direction: 'to-right' }], match: { customer: 'number' }, conflictPolicy: {}, deletePolicy: { customer: 'ignore' } },
    ]);
    // The match key changed: the check runs again.
    await waitFor(() => expect(api.calls.filter((c) => c.op === 'pipelines.check')).toHaveLength(2));
  });

  it('shows an operation\'s error with its category heading and hint, and lets the admin try again', async () => {
    const user = userEvent.setup();
    let fail = true;
    const { api } = backend({
      'connections.preflight': () => {
        if (fail) throw new ApiError('unreachable', 'c-entron did not answer at https://erp.example.', 'Start the c-entron web service, then check again.');
        return [];
      },
    });
    renderWithApp(<SetupWizard params={['pipeline']} />, api);
    await user.selectOptions(await screen.findByLabelText(/Existing connection/), 'ERP');
    await next(user, 'test', 'left');
    await next(user, 'preflight', 'left');
    const error = await screen.findByTestId('wizard-error');
    expect(error.textContent).toContain('System not available');
    expect(error.textContent).toContain('Start the c-entron web service, then check again.');
    expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(true);
    fail = false;
    await user.click(screen.getByTestId('preflight-recheck'));
    expect((await screen.findByTestId('preflight-summary')).textContent).toContain('All prerequisites are met.');
    expect(screen.queryByTestId('wizard-error')).toBeNull();
    expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(false);
  });
});
