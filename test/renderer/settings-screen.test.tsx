// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConfigExport, SettingsView } from '../../shared/contract.js';
import { ApiError } from '../../renderer/src/api/client.js';
import { SettingsScreen } from '../../renderer/src/screens/settings/SettingsScreen.js';
import { fakeBridge, renderWithApp, type Handlers } from './render.js';

const initial: SettingsView = {
  language: 'en',
  timeZone: 'Europe/Berlin',
  startAtLogin: false,
  logLevel: 'info',
  deleteGuard: { percent: 10, max: 50 },
  dataDir: 'C:\\ProgramData\\Ferry',
  logDir: 'C:\\ProgramData\\Ferry\\logs',
};

function setup(extra: Handlers = {}) {
  let s = initial;
  const api = fakeBridge({
    'settings.get': () => s,
    'settings.update': (patch) => (s = { ...s, ...patch }),
    ...extra,
  });
  renderWithApp(<SettingsScreen params={[]} />, api);
  return api;
}

const chooseFile = (content: string, name = 'ferry-config.json') => {
  const input = screen.getByLabelText('Configuration file to import (ferry-config.json)');
  fireEvent.change(input, { target: { files: [new File([content], name, { type: 'application/json' })] } });
};

const exported: ConfigExport = {
  format: 'ferry-config',
  version: 1,
  exportedAt: '2025-03-01T08:00:00.000Z',
  settings: { language: 'en', timeZone: 'Europe/Berlin', startAtLogin: false, logLevel: 'info', deleteGuard: { percent: 10, max: 50 } },
  connections: [
    { kind: 'centron', name: 'ERP', url: 'https://centron.example.local/CentronService', username: 'ferry', options: {}, enabled: true },
    { kind: 'zabbix', name: 'RMM', url: 'https://zabbix.example.local/zabbix/', username: 'Admin', options: {}, enabled: true },
  ],
  pipelines: [],
};

configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('settings', () => {
  it('saves the language and the screen switches to German at once', async () => {
    const api = setup();
    expect(screen.getByTestId('screen-settings')).toBeTruthy();
    const language = await screen.findByTestId('settings-language');
    expect((screen.getByLabelText('Data folder') as HTMLInputElement).value).toBe('C:\\ProgramData\\Ferry');
    expect((screen.getByLabelText('Data folder') as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByLabelText('Log folder') as HTMLInputElement).value).toBe('C:\\ProgramData\\Ferry\\logs');
    await userEvent.click(language);
    await userEvent.click(await screen.findByText('Deutsch', { selector: '[role="option"]' }));
    await userEvent.click(screen.getByTestId('settings-save'));
    expect(await screen.findByText('Einstellungen', { selector: 'h1' })).toBeTruthy();
    expect(screen.getByTestId('settings-saved').textContent).toBeTruthy();
    expect(api.calls.filter((c) => c.op === 'settings.update').map((c) => c.input)).toEqual([{ language: 'de' }]);
  });

  it('saves the guard, log level and start at login; rejects a percentage over 100 before sending', async () => {
    const api = setup();
    const percent = await screen.findByLabelText('At most this share of linked records');
    await userEvent.clear(percent);
    await userEvent.type(percent, '150');
    expect(await screen.findByText('Enter a number from 0 to 100.')).toBeTruthy();
    expect((screen.getByTestId('settings-save') as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(percent);
    await userEvent.type(percent, '5');
    await userEvent.click(screen.getByLabelText('Start Ferry when I log in'));
    await userEvent.click(screen.getByTestId('settings-log-level'));
    await userEvent.click(await screen.findByText('Debug (very detailed)', { selector: '[role="option"]' }));
    await userEvent.click(screen.getByTestId('settings-save'));
    await screen.findByTestId('settings-saved');
    expect(api.calls.find((c) => c.op === 'settings.update')!.input).toEqual({ startAtLogin: true, logLevel: 'debug', deleteGuard: { percent: 5, max: 50 } });
  });

  it('lists every problem of a rejected import', async () => {
    const api = setup({
      'config.import': () => {
        throw new ApiError('input', 'The configuration has 2 problems; nothing was imported.', 'Correct the file and import it again.', {
          problems: [
            { path: 'connections[0].name', message: 'a connection named "ERP" exists already on this machine' },
            { path: 'pipelines[0].config.schedule.everyMinutes', message: 'Number must be greater than or equal to 5' },
          ],
        });
      },
    });
    await screen.findByTestId('settings-language');
    chooseFile(JSON.stringify(exported));
    expect((await screen.findByTestId('settings-import-summary')).textContent).toContain('2 connection(s), 0 pipeline(s)');
    await userEvent.click(screen.getByTestId('settings-import'));
    const problems = await screen.findByTestId('settings-import-problems');
    const items = within(problems).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['connections[0].name: a connection named "ERP" exists already on this machine', 'pipelines[0].config.schedule.everyMinutes: Number must be greater than or equal to 5']);
    expect(screen.getByTestId('settings-import-error').textContent).toContain('Please check your input');
    expect(api.calls.find((c) => c.op === 'config.import')!.input).toEqual({ config: exported });
  });

  it('says what was imported and which connections need their password', async () => {
    setup({ 'config.import': () => ({ connections: ['ERP', 'RMM'], pipelines: ['ERP-RMM'], needsSecrets: ['ERP', 'RMM'] }) });
    await screen.findByTestId('settings-language');
    chooseFile(JSON.stringify(exported));
    await userEvent.click(await screen.findByTestId('settings-import'));
    const result = await screen.findByTestId('settings-import-result');
    expect(result.textContent).toContain('Connections: ERP, RMM');
    expect(result.textContent).toContain('Pipelines: ERP-RMM');
    expect(within(screen.getByTestId('settings-import-needs-secrets')).getByRole('link', { name: 'RMM' }).getAttribute('href')).toBe('#/connections/RMM');
  });

  it('a file that is not JSON is refused before anything is sent', async () => {
    const api = setup();
    await screen.findByTestId('settings-language');
    chooseFile('{ not json', 'notes.txt');
    const err = await screen.findByTestId('settings-import-error');
    expect(err.textContent).toContain('notes.txt is not a JSON file');
    expect(screen.queryByTestId('settings-import')).toBeNull();
    expect(api.calls.some((c) => c.op === 'config.import')).toBe(false);
  });

  it('exports the configuration as ferry-config.json', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:ferry-config';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    setup({ 'config.export': () => exported });
    await userEvent.click(await screen.findByTestId('settings-export'));
    await screen.findByTestId('settings-export-done');
    expect(clicked).toEqual(['ferry-config.json']);
    expect(JSON.parse(await blobs[0]!.text())).toEqual(exported);
  });
});
