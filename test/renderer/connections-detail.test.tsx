// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection, TestResult } from '../../shared/model.js';
import { ApiError } from '../../renderer/src/api/client.js';
import { ConnectionsScreen } from '../../renderer/src/screens/connections/ConnectionsScreen.js';
import { fakeBridge, renderWithApp, type Handlers } from './render.js';
import { centron, centronStoredDefaults } from './wizard-fixtures.js';

const base: Connection = {
  id: 'c1',
  kind: 'centron',
  name: 'ERP',
  url: 'https://centron.example.local/CentronService',
  username: 'ferry',
  options: {},
  enabled: true,
  createdAt: '2025-03-01T08:00:00.000Z',
  modifiedAt: '2025-03-02T09:30:00.000Z',
  lastTest: null,
  firstUsedAt: null,
  secret: 'set',
  health: 'untested',
};

/** A small in-memory connection the handlers change like the service would. */
function setup(over: Partial<Connection> = {}, extra: Handlers = {}) {
  let c: Connection = { ...base, ...over };
  const api = fakeBridge({
    'kinds.list': () => [{ kind: 'centron', label: 'c-entron', needs: [], secretNames: ['password'], entities: [], options: [] }],
    'connections.show': () => c,
    'connections.list': () => [c],
    'status.get': () => ({ at: new Date().toISOString(), needsAttention: false, pipelines: [], connections: [] }),
    'pipelines.list': () => [],
    'connections.disable': () => (c = { ...c, enabled: false, health: 'disabled' }),
    'connections.enable': () => (c = { ...c, enabled: true, health: 'untested' }),
    ...extra,
  });
  renderWithApp(<ConnectionsScreen params={['ERP']} />, api);
  return api;
}

// Role queries over Fluent's large trees are slow on a busy machine: give them time (no fixed sleeps).
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('connection detail', () => {
  it('shows created, last-changed and first-used times and whether the secret is set (never the secret)', async () => {
    setup({ firstUsedAt: '2025-04-01T10:00:00.000Z' });
    const meta = await screen.findByTestId('connection-meta');
    expect(meta.textContent).toContain('c-entron');
    expect(meta.textContent).toContain('created 1 Mar 2025');
    expect(meta.textContent).toContain('last changed 2 Mar 2025');
    expect(meta.textContent).toContain('first used to sync: 1 Apr 2025');
    expect(screen.getByTestId('connection-secret-state').textContent).toContain('set');
    expect(screen.getByText('ERP', { selector: 'h1' })).toBeTruthy();
  });

  it('tells "system not available" from "wrong credentials" in the test result', async () => {
    const results: TestResult[] = [
      { category: 'unreachable', message: 'Connection refused at centron.example.local:443', hint: 'Start the c-entron web service.' },
      { category: 'auth', message: 'Login rejected for user ferry', hint: 'Update the password.' },
      { category: 'ok', message: 'c-entron 2.1 answers', hint: '' },
    ];
    const api = setup({}, { 'connections.test': () => results.shift()! });
    await userEvent.click(await screen.findByTestId('connection-test'));
    let result = await screen.findByTestId('connection-test-result');
    expect(result.getAttribute('data-category')).toBe('unreachable');
    expect(result.textContent).toContain('System not available');
    expect(result.textContent).toContain('Connection refused at centron.example.local:443');
    expect(result.textContent).toContain('Start the c-entron web service.');
    expect(result.textContent).not.toContain('credentials');

    // Test as a user: the e-mail goes along.
    await userEvent.type(screen.getByLabelText('E-mail of a user'), 'anna@example.com');
    await userEvent.click(screen.getByTestId('connection-test-user'));
    await waitFor(() => expect(screen.getByTestId('connection-test-result').getAttribute('data-category')).toBe('auth'));
    result = screen.getByTestId('connection-test-result');
    expect(result.textContent).toContain('Cannot connect with the given credentials');
    expect(result.textContent).toContain('Test acting for anna@example.com.');
    expect(result.textContent).toContain('Update the password.');
    expect(result.textContent).not.toContain('System not available');

    await userEvent.click(screen.getByTestId('connection-test'));
    await waitFor(() => expect(screen.getByTestId('connection-test-result').getAttribute('data-category')).toBe('ok'));
    expect(screen.getByTestId('connection-test-result').textContent).toContain('The connection works');
    expect(api.calls.filter((c) => c.op === 'connections.test').map((c) => c.input)).toEqual([{ name: 'ERP' }, { name: 'ERP', user: 'anna@example.com' }, { name: 'ERP' }]);
  });

  it('re-validates: stores the new password, then tests again', async () => {
    const api = setup({ health: 'error', secret: 'set' }, { 'connections.setSecret': () => base, 'connections.test': () => ({ category: 'ok', message: 'Logged in', hint: '' }) });
    const input = await screen.findByLabelText('New password or API key');
    expect(input.getAttribute('type')).toBe('password');
    await userEvent.type(input, 'n3w-secret');
    await userEvent.click(screen.getByTestId('connection-secret-save'));
    expect((await screen.findByTestId('connection-revalidate-result')).getAttribute('data-category')).toBe('ok');
    expect(api.calls.filter((c) => c.op === 'connections.setSecret' || c.op === 'connections.test').map((c) => [c.op, c.input])).toEqual([
      ['connections.setSecret', { name: 'ERP', secret: 'n3w-secret' }],
      ['connections.test', { name: 'ERP' }],
    ]);
    expect((screen.getByLabelText('New password or API key') as HTMLInputElement).value).toBe('');
  });

  it('saves only what changed', async () => {
    const api = setup({}, { 'connections.update': (i) => ({ ...base, url: i.url ?? base.url }) });
    const url = await screen.findByLabelText(/Address \(URL\)/);
    expect((screen.getByTestId('connection-edit-save') as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(url);
    await userEvent.type(url, 'https://erp2.example.local/CentronService');
    await userEvent.click(screen.getByTestId('connection-edit-save'));
    await waitFor(() => expect(api.calls.some((c) => c.op === 'connections.update')).toBe(true));
    expect(api.calls.find((c) => c.op === 'connections.update')!.input).toEqual({ name: 'ERP', url: 'https://erp2.example.local/CentronService' });
  });

  it('edits the options: sends only the changed ones; write confirmations in view, the rest under "Advanced options"', async () => {
    const stored = { ...centronStoredDefaults, caFile: 'C:\\Ferry\\ca.pem' };
    const api = setup({ options: stored }, {
      'kinds.list': () => [centron],
      'connections.update': (i) => ({ ...base, options: { ...stored, ...i.options } }),
    });
    const deviceWrite = await screen.findByTestId('option-deviceWrite');
    expect(within(deviceWrite).getByRole('radio', { name: 'Off: devices are only read from c-entron' }).matches(':checked')).toBe(true);
    // An advanced option is set: "Advanced options" is open and shows it.
    expect((screen.getByTestId('option-caFile') as HTMLInputElement).value).toBe('C:\\Ferry\\ca.pem');
    expect((screen.getByTestId('connection-edit-save') as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(within(deviceWrite).getByRole('radio', { name: 'Confirmed: I have checked with c-entron that this works on our version' }));
    await userEvent.click(within(screen.getByTestId('option-loginKind')).getByRole('radio', { name: 'Windows (AD) login' }));
    // A stored file path cannot be emptied (the service keeps it): said at the field, and Save waits.
    await userEvent.clear(screen.getByTestId('option-caFile'));
    expect(screen.getByTestId('connection-options').textContent).toContain('Ferry cannot remove a stored value here yet');
    expect((screen.getByTestId('connection-edit-save') as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByTestId('option-caFile'), 'D:\\ca.pem');

    await userEvent.click(screen.getByTestId('connection-edit-save'));
    await screen.findByTestId('connection-edit-saved');
    expect(api.calls.filter((c) => c.op === 'connections.update').map((c) => c.input)).toEqual([{ name: 'ERP', options: { deviceWrite: 'confirmed', loginKind: '1', caFile: 'D:\\ca.pem' } }]);
  });

  it('lists the prerequisites with pass, fail and what to do', async () => {
    setup({}, {
      'connections.preflight': () => [
        { id: 'login', title: 'Web-service login', status: 'pass', message: 'Logged in', hint: '' },
        { id: 'address-master', title: 'Address master active', status: 'fail', message: 'Setting 10011 is 0', hint: 'Set application setting 10011 to 1.' },
      ],
    });
    await userEvent.click(await screen.findByTestId('connection-preflight'));
    const fail = await screen.findByTestId('preflight-address-master');
    expect(fail.getAttribute('data-status')).toBe('fail');
    expect(fail.textContent).toContain('Failed');
    expect(fail.textContent).toContain('Set application setting 10011 to 1.');
    expect(screen.getByTestId('preflight-login').textContent).toContain('Passed');
  });

  it('when the service refuses the delete, shows the reason and offers to disable instead', async () => {
    const api = setup(
      {},
      {
        'connections.remove': () => {
          throw new ApiError('state', 'Connection "ERP" is used by pipeline(s) "ERP → RMM".', 'Remove those pipelines first, or disable the connection.');
        },
      },
    );
    await userEvent.click(await screen.findByTestId('connection-delete'));
    const dialog = (await screen.findByTestId('connection-delete-confirm')).closest<HTMLElement>('[role="dialog"]')!;
    expect(within(dialog).getByText('The connection and its stored password are removed. This cannot be undone.')).toBeTruthy();
    await userEvent.click(within(dialog).getByTestId('connection-delete-confirm'));
    const refused = await within(dialog).findByTestId('connection-delete-refused');
    expect(refused.textContent).toContain('Not possible right now');
    expect(refused.textContent).toContain('is used by pipeline(s) "ERP → RMM"');
    expect(refused.textContent).toContain('Remove those pipelines first, or disable the connection.');
    expect(within(dialog).queryByTestId('connection-delete-confirm')).toBeNull();
    await userEvent.click(within(dialog).getByText('Disable instead', { selector: 'button' }));
    await waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect(api.calls.find((c) => c.op === 'connections.disable')!.input).toEqual({ name: 'ERP' });
    expect(await screen.findByTestId('connection-enable')).toBeTruthy();
    expect(window.location.hash).not.toBe('#/connections');
  });

  it('knows beforehand that a connection used to sync cannot be deleted', async () => {
    const api = setup({ firstUsedAt: '2025-04-01T10:00:00.000Z' }, { 'connections.remove': () => ({ removed: 'ERP' }) });
    await userEvent.click(await screen.findByTestId('connection-delete'));
    const refused = await screen.findByTestId('connection-delete-refused');
    expect(refused.textContent).toContain('has been used to sync (first on 1 Apr 2025');
    expect(screen.queryByTestId('connection-delete-confirm')).toBeNull();
    expect(screen.getByTestId('connection-disable-instead')).toBeTruthy();
    expect(api.calls.some((c) => c.op === 'connections.remove')).toBe(false);
  });

  it('deletes a connection never used, after confirming, and goes back to the list', async () => {
    const api = setup({}, { 'connections.remove': () => ({ removed: 'ERP' }) });
    await userEvent.click(await screen.findByTestId('connection-delete'));
    await userEvent.click(await screen.findByTestId('connection-delete-confirm'));
    await waitFor(() => expect(window.location.hash).toBe('#/connections'));
    expect(api.calls.find((c) => c.op === 'connections.remove')!.input).toEqual({ name: 'ERP' });
  });
});
