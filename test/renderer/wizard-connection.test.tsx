// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../shared/contract.js';
import type { TestResult } from '../../shared/model.js';
import { forgetAll } from '../../renderer/src/screens/wizard/memory.js';
import { SetupWizard } from '../../renderer/src/screens/wizard/SetupWizard.js';
import { fakeBridge, renderWithApp } from './render.js';
import { connection, kinds } from './wizard-fixtures.js';

afterEach(cleanup);
beforeEach(() => {
  forgetAll();
  window.location.hash = '#/setup/connection';
});

/** A backend that stores what the wizard creates and answers tests with the given results in turn. */
function backend(tests: TestResult[]) {
  let stored = connection({ id: 'con_1', kind: 'centron', name: 'c-entron' });
  const api = fakeBridge({
    'kinds.list': () => kinds,
    'connections.list': () => [],
    'pipelines.list': () => [],
    'settings.get': () => ({ language: 'en', timeZone: 'Europe/Berlin', startAtLogin: false, logLevel: 'info', deleteGuard: { percent: 10, max: 50 }, dataDir: '/d', logDir: '/l' }),
    'connections.create': (i: OpInput<'connections.create'>) => (stored = connection({ id: 'con_1', kind: i.kind, name: i.name, url: i.url, username: i.username ?? null })),
    'connections.update': (i: OpInput<'connections.update'>) => (stored = { ...stored, name: i.newName ?? stored.name, url: i.url ?? stored.url, username: i.username ?? null }),
    'connections.setSecret': () => stored,
    'connections.test': () => tests.shift() ?? { category: 'ok', message: 'Logged in.', hint: '' },
    'connections.preflight': () => [],
  });
  return api;
}

async function toTestStep(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('radio', { name: 'c-entron' }));
  await user.click(screen.getByTestId('wizard-next'));
  await screen.findByTestId('wizard-step-account');
  await user.type(screen.getByLabelText(/Address \(URL\)/), 'https://erp.example/CentronService');
  await user.type(screen.getByLabelText('User name'), 'ferry');
  await user.click(screen.getByTestId('wizard-next'));
  await screen.findByTestId('wizard-step-secret');
  await user.type(screen.getByLabelText(/^Password/), 'secret-1');
  await user.click(screen.getByTestId('wizard-next'));
  await screen.findByTestId('wizard-step-test');
}

describe('setup wizard: a connection', () => {
  it('shows "system not available" and "wrong credentials" differently, and moves on only after ok', async () => {
    const user = userEvent.setup();
    const api = backend([
      { category: 'unreachable', message: 'Connection refused at https://erp.example', hint: 'Start the c-entron web service.' },
      { category: 'auth', message: 'Login rejected for ferry', hint: 'Update the password.' },
    ]);
    renderWithApp(<SetupWizard params={['connection']} />, api);
    await toTestStep(user);

    const unreachable = await screen.findByTestId('test-result');
    expect(unreachable.dataset['category']).toBe('unreachable');
    expect(unreachable.textContent).toContain('System not available');
    expect(unreachable.textContent).toContain('this is not about the password');
    expect(unreachable.textContent).toContain('Start the c-entron web service.');
    expect(within(unreachable).getByRole('button', { name: 'Change the address' })).toBeTruthy();
    expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('wizard-blocked').textContent).toContain('The test must succeed');

    await user.click(screen.getByTestId('wizard-test'));
    await waitFor(() => expect(screen.getByTestId('test-result').dataset['category']).toBe('auth'));
    const auth = screen.getByTestId('test-result');
    expect(auth.textContent).toContain('Cannot connect with the given credentials');
    expect(auth.textContent).not.toContain('System not available');
    expect(auth.textContent).toContain('did not accept the user name or password');
    expect(auth.className).not.toBe(unreachable.className);
    expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(true);

    // "Change the password" leads back to the password step; Back is always open.
    await user.click(within(auth).getByRole('button', { name: 'Change the password' }));
    expect(await screen.findByTestId('wizard-step-secret')).toBeTruthy();
    expect(screen.getByTestId('secret-state').textContent).toContain('set');
    await user.type(screen.getByLabelText('New password'), 'secret-2');
    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('wizard-step-test');
    await waitFor(() => expect(screen.getByTestId('test-result').dataset['category']).toBe('ok'));
    expect(screen.getByTestId('test-result').textContent).toContain('Connection works');
    expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(false);
    // The new password went to the keychain through setSecret, not through a second connection.
    expect(api.calls.filter((c) => c.op === 'connections.create')).toHaveLength(1);
    expect(api.calls.filter((c) => c.op === 'connections.setSecret').map((c) => c.input)).toEqual([{ name: 'c-entron', secret: 'secret-2' }]);

    // Adding one connection ends after its prerequisites, on that connection's page.
    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('preflight-summary');
    expect(screen.queryByTestId('wizard-next')).toBeNull();
    await user.click(screen.getByTestId('wizard-finish'));
    expect(window.location.hash).toBe('#/connections/c-entron');
  });

  it('keeps URL and user name when going back from the password, and never creates the connection twice', async () => {
    const user = userEvent.setup();
    const api = backend([]);
    renderWithApp(<SetupWizard params={['connection']} />, api);
    await toTestStep(user);
    await waitFor(() => expect(screen.getByTestId('test-result').dataset['category']).toBe('ok'));
    expect(api.calls.filter((c) => c.op === 'connections.create').map((c) => c.input)).toEqual([
      { kind: 'centron', name: 'c-entron', url: 'https://erp.example/CentronService', username: 'ferry', secret: 'secret-1' },
    ]);

    await user.click(screen.getByTestId('wizard-back'));
    await screen.findByTestId('wizard-step-secret');
    // The focus lands on the new step's heading.
    expect(document.activeElement?.textContent).toBe('Password');
    await user.click(screen.getByTestId('wizard-back'));
    await screen.findByTestId('wizard-step-account');
    expect((screen.getByLabelText(/Address \(URL\)/) as HTMLInputElement).value).toBe('https://erp.example/CentronService');
    expect((screen.getByLabelText('User name') as HTMLInputElement).value).toBe('ferry');

    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('wizard-step-secret');
    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('wizard-step-test');
    expect(api.calls.filter((c) => c.op === 'connections.create')).toHaveLength(1);
    expect(api.calls.filter((c) => c.op === 'connections.update')).toHaveLength(0);

    // A changed user name is an update of the same connection.
    await user.click(screen.getByTestId('wizard-back'));
    await user.click(screen.getByTestId('wizard-back'));
    const username = await screen.findByLabelText('User name');
    await user.clear(username);
    await user.type(username, 'sync');
    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('wizard-step-secret');
    expect(screen.getByTestId('wizard-next').textContent).toContain('Save and continue');
    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('wizard-step-test');
    expect(api.calls.filter((c) => c.op === 'connections.create')).toHaveLength(1);
    expect(api.calls.filter((c) => c.op === 'connections.update').map((c) => c.input)).toEqual([{ name: 'c-entron', url: 'https://erp.example/CentronService', username: 'sync' }]);
  });

  it('says what is wrong with the URL before anything is sent', async () => {
    const user = userEvent.setup();
    const api = backend([]);
    renderWithApp(<SetupWizard params={['connection']} />, api);
    await user.click(await screen.findByRole('radio', { name: 'c-entron' }));
    // The kind's checklist of what to gather.
    expect(screen.getByTestId('wizard-needs').textContent).toContain('The c-entron web-service URL');
    await user.click(screen.getByTestId('wizard-next'));
    await user.type(await screen.findByLabelText(/Address \(URL\)/), 'centron.example.local');
    await user.tab();
    expect(screen.getByTestId('wizard-step-account').textContent).toContain('Enter the full address, starting with https://');
    expect((screen.getByTestId('wizard-next') as HTMLButtonElement).disabled).toBe(true);
    // Name defaults to the kind's label.
    expect((screen.getByLabelText(/Connection name/) as HTMLInputElement).value).toBe('c-entron');
    // Fixed, Enter in the field moves on (keyboard only), and the focus lands on the new step's heading.
    const url = screen.getByLabelText(/Address \(URL\)/);
    await user.clear(url);
    await user.type(url, 'https://centron.example.local/CentronService{Enter}');
    await screen.findByTestId('wizard-step-secret');
    await waitFor(() => expect(document.activeElement?.tagName).toBe('H2'));
    expect(api.calls.some((c) => c.op === 'connections.create')).toBe(false);
  });

  it('is where the admin left it after a visit to another screen (without the typed password)', async () => {
    const user = userEvent.setup();
    const api = backend([]);
    const first = renderWithApp(<SetupWizard params={['connection']} />, api);
    await user.click(await screen.findByRole('radio', { name: 'c-entron' }));
    await user.click(screen.getByTestId('wizard-next'));
    await user.type(await screen.findByLabelText(/Address \(URL\)/), 'https://erp.example/CentronService');
    await user.click(screen.getByTestId('wizard-next'));
    await user.type(await screen.findByLabelText(/^Password/), 'typed');
    first.unmount();
    renderWithApp(<SetupWizard params={['connection']} />, api);
    expect(await screen.findByTestId('wizard-step-secret')).toBeTruthy();
    expect((screen.getByLabelText(/^Password/) as HTMLInputElement).value).toBe('');
    await user.click(screen.getByTestId('wizard-back'));
    expect((await screen.findByLabelText(/Address \(URL\)/) as HTMLInputElement).value).toBe('https://erp.example/CentronService');
    // "Start over" asks first, then clears the form.
    await user.click(screen.getByTestId('wizard-start-over'));
    await user.click(await screen.findByTestId('wizard-start-over-confirm'));
    expect(await screen.findByTestId('wizard-step-system')).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'c-entron' }) as HTMLInputElement).checked).toBe(false);
  });
});
