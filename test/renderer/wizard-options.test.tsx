// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityCapability, OpInput } from '../../shared/contract.js';
import type { Connection } from '../../shared/model.js';
import { forgetAll } from '../../renderer/src/screens/wizard/memory.js';
import { SetupWizard } from '../../renderer/src/screens/wizard/SetupWizard.js';
import { fakeBridge, renderWithApp } from './render.js';
import { centron, centronStoredDefaults, connection, kinds, pipeline, zabbix } from './wizard-fixtures.js';

// Role queries over Fluent's large trees are slow on a busy machine: give them time (no fixed sleeps).
configure({ asyncUtilTimeout: 5000 });
afterEach(cleanup);
beforeEach(() => {
  forgetAll();
  window.location.hash = '#/setup';
});

const rmm = connection({ id: 'con_rmm', kind: 'zabbix', name: 'RMM' });

/** c-entron as its connector answers connections.capabilities: devices writable once device write is confirmed. */
function centronCapabilities(options: Record<string, string>): EntityCapability[] {
  return centron.entities.map((e) => (e.entity === 'device' && options['deviceWrite'] === 'confirmed' ? { ...e, write: true, note: null } : e));
}

/** A new c-entron connection (stored like the service does, defaults filled in) and an existing Zabbix one. */
function backend() {
  let stored: Connection | null = null;
  const save = (c: Connection) => (stored = c);
  const api = fakeBridge({
    'kinds.list': () => kinds,
    'connections.list': () => [rmm, ...(stored ? [stored] : [])],
    'pipelines.list': () => [],
    'settings.get': () => ({ language: 'en', timeZone: 'Europe/Berlin', startAtLogin: false, logLevel: 'info', deleteGuard: { percent: 10, max: 50 }, dataDir: '/d', logDir: '/l' }),
    'connections.create': (i: OpInput<'connections.create'>) =>
      save(connection({ id: 'con_erp', kind: i.kind, name: i.name, url: i.url, username: i.username ?? null, options: { ...centronStoredDefaults, ...i.options } })),
    'connections.update': (i: OpInput<'connections.update'>) => save({ ...stored!, name: i.newName ?? stored!.name, url: i.url ?? stored!.url, username: i.username ?? null, options: { ...stored!.options, ...i.options } }),
    'connections.test': () => ({ category: 'ok', message: 'Logged in.', hint: '' }),
    'connections.preflight': () => [],
    'pipelines.create': (i: OpInput<'pipelines.create'>) => pipeline({ name: i.name, left: stored!, right: rmm }),
    'pipelines.check': (i: OpInput<'pipelines.check'>) => ({ pipeline: i.name, unique: true, entities: [] }),
    'connections.capabilities': (i: OpInput<'connections.capabilities'>) => (i.name === 'RMM' ? zabbix.entities : centronCapabilities(stored?.options ?? {})),
  });
  return api;
}

async function next(user: ReturnType<typeof userEvent.setup>, step: string, side?: string) {
  await waitFor(() => expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(false));
  await user.click(screen.getByTestId('wizard-next'));
  await screen.findByTestId(`wizard-step-${step}`);
  if (side) await waitFor(() => expect(screen.getByTestId(`wizard-step-${step}`).dataset['side']).toBe(side));
}

const confirmed = () => within(screen.getByTestId('option-deviceWrite')).getByRole('radio', { name: 'Confirmed: I have checked with c-entron that this works on our version' }) as HTMLInputElement;

describe('setup wizard: connection options', () => {
  it('confirmed device write is sent on create, kept on going back, and makes "devices into c-entron" possible', async () => {
    const user = userEvent.setup();
    const api = backend();
    renderWithApp(<SetupWizard params={[]} />, api);
    await user.click(await screen.findByRole('radio', { name: 'c-entron' }));
    await next(user, 'account', 'left');
    await user.type(screen.getByLabelText(/Address \(URL\)/), 'https://erp.example/CentronService');
    await user.type(screen.getByLabelText('User name'), 'ferry');

    // The write confirmations are in view (off by default), the rest waits under "Advanced options".
    const deviceWrite = screen.getByTestId('option-deviceWrite');
    expect(within(deviceWrite).getByRole('radio', { name: 'Off: devices are only read from c-entron' }).matches(':checked')).toBe(true);
    expect(screen.getByTestId('option-ticketWrite')).toBeTruthy();
    expect(screen.queryByTestId('option-loginKind')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Advanced options' }));
    expect(within(await screen.findByTestId('option-loginKind')).getByRole('radio', { name: 'c-entron user' }).matches(':checked')).toBe(true);
    expect(screen.getByLabelText('Certificate fingerprint (SHA-256)')).toBe(screen.getByTestId('option-pinSha256'));
    await user.click(confirmed());

    await next(user, 'secret', 'left');
    await user.type(screen.getByLabelText(/^Password/), 'secret-1');
    // Back keeps the choice.
    await user.click(screen.getByTestId('wizard-back'));
    await screen.findByTestId('wizard-step-account');
    expect(confirmed().checked).toBe(true);
    await next(user, 'secret', 'left');
    await next(user, 'test', 'left');
    // Only what differs from the defaults is sent.
    expect(api.calls.filter((c) => c.op === 'connections.create').map((c) => c.input)).toEqual([
      { kind: 'centron', name: 'c-entron', url: 'https://erp.example/CentronService', username: 'ferry', options: { deviceWrite: 'confirmed' }, secret: 'secret-1' },
    ]);

    await next(user, 'preflight', 'left');
    await next(user, 'system', 'right');
    await user.click(screen.getByRole('radio', { name: 'Use an existing connection' }));
    await user.selectOptions(await screen.findByLabelText(/Existing connection/), 'RMM');
    await next(user, 'test', 'right');
    await next(user, 'preflight', 'right');
    await next(user, 'flows');

    // What this c-entron connection can do with its options, not the kind's defaults: devices can flow into it.
    const device = screen.getByTestId('flow-device');
    await waitFor(() => expect((within(device).getByRole('radio', { name: 'c-entron ← RMM' }) as HTMLInputElement).disabled).toBe(false));
    expect(api.calls.filter((c) => c.op === 'connections.capabilities').map((c) => c.input)).toEqual(expect.arrayContaining([{ name: 'c-entron' }, { name: 'RMM' }]));
    // Tickets stay read-only in c-entron (ticket write not confirmed; Zabbix has no tickets anyway).
    expect((within(screen.getByTestId('flow-ticket')).getByRole('radio', { name: 'c-entron ← RMM' }) as HTMLInputElement).disabled).toBe(true);
    await user.click(within(device).getByRole('radio', { name: 'c-entron ← RMM' }));
    expect(screen.queryByTestId('wizard-blocked')).toBeNull();
    await next(user, 'uniqueness');
    expect((api.calls.find((c) => c.op === 'pipelines.create')?.input as OpInput<'pipelines.create'>).entities).toEqual([
      { entity: 'customer', direction: 'to-right' },
      { entity: 'device', direction: 'to-left' },
    ]);
  });

  it('an option changed after the connection was stored is an update with only that option', async () => {
    window.location.hash = '#/setup/connection';
    const user = userEvent.setup();
    const api = backend();
    renderWithApp(<SetupWizard params={['connection']} />, api);
    await user.click(await screen.findByRole('radio', { name: 'c-entron' }));
    await next(user, 'account', 'left');
    await user.type(screen.getByLabelText(/Address \(URL\)/), 'https://erp.example/CentronService');
    await next(user, 'secret', 'left');
    await user.type(screen.getByLabelText(/^Password/), 'secret-1');
    await next(user, 'test', 'left');
    // Nothing chosen: no options at all.
    expect(api.calls.find((c) => c.op === 'connections.create')?.input).not.toHaveProperty('options');

    await user.click(screen.getByTestId('wizard-back'));
    await user.click(await screen.findByTestId('wizard-back'));
    await screen.findByTestId('wizard-step-account');
    await user.click(within(screen.getByTestId('option-ticketWrite')).getByRole('radio', { name: /^Confirmed/ }));
    await next(user, 'secret', 'left');
    expect(screen.getByTestId('wizard-next').textContent).toContain('Save and continue');
    await next(user, 'test', 'left');
    expect(api.calls.filter((c) => c.op === 'connections.create')).toHaveLength(1);
    expect(api.calls.filter((c) => c.op === 'connections.update').map((c) => c.input)).toEqual([
      { name: 'c-entron', url: 'https://erp.example/CentronService', username: null, options: { ticketWrite: 'confirmed' } },
    ]);
  });

  it('reads "Bestätigt: …" in German', async () => {
    const user = userEvent.setup();
    renderWithApp(<SetupWizard params={['connection']} />, backend(), 'de');
    await user.click(await screen.findByRole('radio', { name: 'c-entron' }));
    await next(user, 'account', 'left');
    expect(within(screen.getByTestId('option-deviceWrite')).getByRole('radio', { name: 'Bestätigt: Ich habe mit c-entron geklärt, dass dies mit unserer Version funktioniert' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Erweiterte Optionen' })).toBeTruthy();
  });
});
