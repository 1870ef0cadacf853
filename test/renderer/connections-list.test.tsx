// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model.js';
import { ConnectionsScreen } from '../../renderer/src/screens/connections/ConnectionsScreen.js';
import { fakeBridge, renderWithApp } from './render.js';

const conn = (over: Partial<Connection>): Connection => ({
  id: 'c1',
  kind: 'centron',
  name: 'ERP',
  url: 'https://centron.example.local/CentronService',
  username: 'ferry',
  options: {},
  enabled: true,
  createdAt: '2025-03-01T08:00:00.000Z',
  modifiedAt: '2025-03-02T09:30:00.000Z',
  lastTest: { at: new Date(Date.now() - 5 * 60_000).toISOString(), category: 'ok', message: 'c-entron 2.1 answers', hint: '' },
  firstUsedAt: null,
  secret: 'set',
  health: 'ok',
  ...over,
});

const kinds = () => [
  { kind: 'centron', label: 'c-entron', needs: [], secretNames: ['password'], entities: [], options: [] },
  { kind: 'zabbix', label: 'Zabbix (6.0 or newer)', needs: [], secretNames: ['password'], entities: [], options: [] },
];

// Role queries over Fluent's large trees are slow on a busy machine: give them time (no fixed sleeps).
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('connections list', () => {
  it('shows each connection with system, health in words, last test and times', async () => {
    const api = fakeBridge({
      'kinds.list': kinds,
      'connections.list': () => [
        conn({}),
        conn({
          id: 'c2',
          kind: 'zabbix',
          name: 'RMM',
          url: 'https://zabbix.example.local/zabbix/',
          health: 'error',
          lastTest: { at: new Date(Date.now() - 2 * 3600_000).toISOString(), category: 'auth', message: 'Login rejected', hint: 'Update the password.' },
        }),
        conn({ id: 'c3', name: 'New', health: 'untested', lastTest: null }),
      ],
    });
    renderWithApp(<ConnectionsScreen params={[]} />, api);
    const erp = await screen.findByTestId('connection-row-ERP');
    expect(screen.getByTestId('screen-connections')).toBeTruthy();
    expect(within(erp).getByText('c-entron')).toBeTruthy();
    expect(within(erp).getByText('OK')).toBeTruthy();
    expect(erp.textContent).toContain('Works · 5 minutes ago');
    expect(erp.textContent).toContain('1 Mar 2025');
    expect(erp.textContent).toContain('2 Mar 2025');
    expect(within(erp).getByRole('link', { name: 'ERP' }).getAttribute('href')).toBe('#/connections/ERP');

    const rmm = screen.getByTestId('connection-row-RMM');
    expect(within(rmm).getByText('Zabbix (6.0 or newer)')).toBeTruthy();
    expect(within(rmm).getByText('Error')).toBeTruthy();
    expect(rmm.textContent).toContain('Cannot connect with the given credentials · 2 hours ago');
    expect(screen.getByTestId('connection-row-New').textContent).toContain('Not tested yet');
    // The table has column headers for screen readers.
    expect([...document.querySelectorAll('th')].map((h) => h.textContent)).toEqual(['Name', 'System', 'Address', 'State', 'Last test', 'Created', 'Last changed']);
  });

  it('speaks German and opens the wizard to add a connection', async () => {
    const api = fakeBridge({ 'kinds.list': kinds, 'connections.list': () => [conn({ health: 'needs-credentials' }), conn({ id: 'c2', kind: 'zabbix', name: 'RMM' })] });
    renderWithApp(<ConnectionsScreen params={[]} />, api, 'de');
    const row = await screen.findByTestId('connection-row-ERP');
    expect(row.textContent).toContain('Funktioniert');
    // The system's name in German too (wizard:kinds.zabbix.label).
    await waitFor(() => expect(within(screen.getByTestId('connection-row-RMM')).getByText('Zabbix (6.0 oder neuer)')).toBeTruthy());
    expect(screen.getByText('Verbindungen', { selector: 'h1' })).toBeTruthy();
    await userEvent.click(screen.getByText('Verbindung hinzufügen', { selector: 'button' }));
    expect(window.location.hash).toBe('#/setup/connection');
  });

  it('shows why the list cannot be loaded', async () => {
    const api = fakeBridge({ 'kinds.list': kinds });
    renderWithApp(<ConnectionsScreen params={[]} />, api);
    expect((await screen.findByTestId('connections-load-error')).getAttribute('data-category')).toBe('not-found');
  });
});
