// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../shared/contract.js';
import type { Connection } from '../../shared/model.js';
import { forgetAll } from '../../renderer/src/screens/wizard/memory.js';
import { SetupWizard } from '../../renderer/src/screens/wizard/SetupWizard.js';
import { fakeBridge, renderWithApp, type Handlers } from './render.js';
import { carddav, centron, connection, pipeline, sugarcrm, zabbix } from './wizard-fixtures.js';

afterEach(cleanup);
beforeEach(() => {
  forgetAll();
  window.location.hash = '#/setup/pipeline';
});

const erp = connection({ id: 'con_erp', kind: 'centron', name: 'ERP' });
const rmm = connection({ id: 'con_rmm', kind: 'zabbix', name: 'RMM' });
const crm = connection({ id: 'con_crm', kind: 'sugarcrm', name: 'CRM' });
const dav = connection({ id: 'con_dav', kind: 'carddav', name: 'Contacts', options: { userBooks: '/{email}/contacts/' } });
const davNoBooks = connection({ id: 'con_dav2', kind: 'carddav', name: 'Books' });

/** Existing connections of every kind, tests and preflights fine; pipelines.create echoes `actForUsers`. */
function backend(connections: Connection[], over: Handlers = {}) {
  const byName = (n: string) => connections.find((c) => c.name === n)!;
  return fakeBridge({
    'kinds.list': () => [centron, zabbix, sugarcrm, carddav],
    'connections.list': () => connections,
    'pipelines.list': () => [],
    'settings.get': () => ({ language: 'en', timeZone: 'Europe/Berlin', startAtLogin: false, logLevel: 'info', deleteGuard: { percent: 10, max: 50 }, dataDir: '/d', logDir: '/l' }),
    'connections.test': () => ({ category: 'ok', message: 'Logged in.', hint: '' }),
    'connections.preflight': () => [],
    'pipelines.create': (i: OpInput<'pipelines.create'>) => {
      const p = pipeline({ name: i.name, left: byName(i.left), right: byName(i.right) });
      return (i as { actForUsers?: boolean }).actForUsers ? { ...p, config: { ...p.config, actForUsers: true } } : p;
    },
    'pipelines.remove': (i: OpInput<'pipelines.remove'>) => ({ removed: i.name }),
    'pipelines.check': (i: OpInput<'pipelines.check'>) => ({ pipeline: i.name, unique: true, entities: [] }),
    ...over,
  });
}

async function next(user: ReturnType<typeof userEvent.setup>, step: string, side?: string) {
  await waitFor(() => expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(false));
  await user.click(screen.getByTestId('wizard-next'));
  const el = await screen.findByTestId(`wizard-step-${step}`);
  if (side) await waitFor(() => expect(screen.getByTestId(`wizard-step-${step}`).dataset['side']).toBe(side));
  return el;
}

async function toFlows(user: ReturnType<typeof userEvent.setup>, left: string, right: string) {
  await user.selectOptions(await screen.findByLabelText(/Existing connection|Vorhandene Verbindung(?! verwenden)/), left);
  await next(user, 'test', 'left');
  await next(user, 'preflight', 'left');
  await next(user, 'system', 'right');
  await user.selectOptions(await screen.findByLabelText(/Existing connection|Vorhandene Verbindung(?! verwenden)/), right);
  await next(user, 'test', 'right');
  await next(user, 'preflight', 'right');
  await next(user, 'flows');
}

const creates = (api: ReturnType<typeof backend>) => api.calls.filter((c) => c.op === 'pipelines.create').map((c) => c.input as Record<string, unknown>);

describe('setup wizard: acting for each user', () => {
  it('is not offered for c-entron and Zabbix, with the reason, and nothing is sent', async () => {
    const user = userEvent.setup();
    const api = backend([erp, rmm]);
    renderWithApp(<SetupWizard params={['pipeline']} />, api);
    await toFlows(user, 'ERP', 'RMM');
    const toggle = screen.getByRole('switch', { name: 'Act for each user' }) as HTMLInputElement;
    expect(toggle.disabled).toBe(true);
    expect(toggle.checked).toBe(false);
    expect(screen.getByTestId('act-for-users-why').textContent).toBe('Not possible: c-entron and Zabbix (6.0 or newer) cannot act for individual users.');
    expect(screen.getByTestId('flows-act-for-users').textContent).toContain('primary e-mail address');
    await next(user, 'uniqueness');
    expect(creates(api)).toHaveLength(1);
    expect(creates(api)[0]).not.toHaveProperty('actForUsers');
  });

  it('is offered for SugarCRM and CardDAV and sends actForUsers: true; switched off again, the pipeline is made anew without it', async () => {
    const user = userEvent.setup();
    const api = backend([crm, dav]);
    renderWithApp(<SetupWizard params={['pipeline']} />, api);
    await toFlows(user, 'CRM', 'Contacts');
    // An address book keeps no customers: contacts go alone.
    await user.click(within(screen.getByTestId('flow-contact')).getByRole('radio', { name: 'CRM → Contacts' }));
    expect(screen.queryByTestId('flows-needs-customer')).toBeNull();
    const toggle = screen.getByRole('switch', { name: 'Act for each user' }) as HTMLInputElement;
    expect(toggle.disabled).toBe(false);
    expect(screen.queryByTestId('act-for-users-why')).toBeNull();
    expect(screen.getByTestId('act-for-users-per-user-right').textContent).toContain("Users' address books");
    await user.click(toggle);
    expect(toggle.checked).toBe(true);
    // The CardDAV connection has its users' address books set: no warning.
    expect(screen.queryByTestId('act-for-users-option-right')).toBeNull();

    await next(user, 'uniqueness');
    expect(creates(api)).toEqual([
      { name: 'CRM - Contacts', left: 'CRM', right: 'Contacts', entities: [{ entity: 'contact', direction: 'to-right' }], match: { contact: 'number' }, conflictPolicy: {}, deletePolicy: { contact: 'ignore' }, actForUsers: true, paused: true },
    ]);

    // Back, switched off: pipelines.update cannot change it, so the paused, never-run pipeline is made anew.
    await user.click(screen.getByTestId('wizard-back'));
    await screen.findByTestId('wizard-step-flows');
    const again = screen.getByRole('switch', { name: 'Act for each user' }) as HTMLInputElement;
    expect(again.checked).toBe(true);
    await user.click(again);
    await next(user, 'uniqueness');
    expect(api.calls.filter((c) => c.op === 'pipelines.remove').map((c) => c.input)).toEqual([{ name: 'CRM - Contacts' }]);
    expect(creates(api)).toHaveLength(2);
    expect(creates(api)[1]).not.toHaveProperty('actForUsers');
  });

  it("warns when the CardDAV connection has no path to the users' address books", async () => {
    const user = userEvent.setup();
    const api = backend([crm, davNoBooks]);
    renderWithApp(<SetupWizard params={['pipeline']} />, api, 'de');
    await toFlows(user, 'CRM', 'Books');
    const toggle = screen.getByRole('switch', { name: 'Im Namen jedes Benutzers abgleichen' }) as HTMLInputElement;
    expect(toggle.disabled).toBe(false);
    await user.click(toggle);
    expect(screen.getByTestId('act-for-users-option-right').textContent).toContain('Die Option „Users\' address books“ von Books ist nicht gesetzt');
  });
});
