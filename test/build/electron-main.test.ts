// The built Electron main process, run under plain Node against a recording stand-in for `electron`
// (electron-stub.mjs, driven by electron-driver.mjs): the real Electron binary cannot run here, but the bundle,
// its wiring of IPC, tray, window, session and settings can.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { operationNames } from '../../shared/contract.js';
import { CSP } from '../../main/service/static.js';
import { tempDir } from '../support/temp-store.js';

const repo = path.resolve(import.meta.dirname, '../..');
type IpcAnswer = { ok: boolean; value?: unknown; error?: { category: string; message: string; hint: string } };
interface Report {
  lock: number;
  webPreferences: Record<string, unknown>;
  loaded: string;
  channels: string[];
  kinds: IpcAnswer;
  invalid: IpcAnswer;
  foreignWindow: IpcAnswer;
  subFrame: IpcAnswer;
  otherPage: IpcAnswer;
  info: IpcAnswer;
  keytar: IpcAnswer;
  menu: string[];
  tooltip: string;
  trayImage: string;
  headers: Record<string, string[]>;
  permissionGranted: boolean;
  permissionCheck: boolean;
  hardening: { windowOpen: unknown; prevented: number };
  loginItem: unknown[];
  openPath: string[];
  settingsUpdate: boolean;
  menuAfterUpdate: string[];
  loginItemAfterUpdate: unknown[];
  afterClose: { quit: number; windows: number };
  closedWindowCall: IpcAnswer;
  afterSecondInstance: { windows: number; shown: boolean };
  quitCalls: number;
}

describe('the Electron main process (built, against a stand-in electron)', () => {
  let r: Report;
  let root: string;
  let dataDir: string;
  beforeAll(async () => {
    // Inside the repository, so the bundle's external packages resolve from its node_modules as in the app.
    root = path.join(repo, 'node_modules', '.cache', 'ferry', `electron-main-test-${process.pid}`);
    fs.rmSync(root, { recursive: true, force: true });
    const run = promisify(execFile);
    await run(process.execPath, [path.join(repo, 'scripts/build-electron.mjs'), '--out', path.join(root, 'dist'), '--quiet'], { cwd: repo });
    dataDir = tempDir('ferry-electron-main-');
    const { stdout } = await run(process.execPath, [path.join(repo, 'test/build/electron-driver.mjs'), path.join(root, 'dist/main/electron/main.js')], {
      cwd: repo,
      env: { ...process.env, FERRY_DATA_DIR: dataDir, FERRY_TEST_HOOKS: '1' },
    });
    r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Report;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('takes the single-instance lock and opens a locked-down window on the built renderer with the built preload', () => {
    expect(r.lock).toBe(1);
    expect(r.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(r.webPreferences['preload']).toBe(path.join(root, 'dist/preload/index.cjs'));
    expect(r.loaded).toBe(path.join(root, 'dist/renderer/index.html'));
    // The smoke test's flag reaches the preload only because FERRY_TEST_HOOKS=1 was set.
    expect(r.webPreferences['additionalArguments']).toEqual(['--ferry-test-hooks']);
  });

  it('handles every contract operation over IPC (plus the two test hooks), validating input', () => {
    expect(r.channels).toEqual([...operationNames.map((o) => `ferry:${o}`), 'ferry:test-info', 'ferry:test-keytar'].sort());
    expect(r.kinds.ok).toBe(true);
    expect(r.invalid).toMatchObject({ ok: false, error: { category: 'input' } });
  });

  it('answers only its own window\'s top frame showing the renderer page', () => {
    for (const refused of [r.foreignWindow, r.subFrame, r.otherPage, r.closedWindowCall]) expect(refused).toMatchObject({ ok: false, error: { category: 'permission' } });
  });

  it('is the engine host, builds the tray in the OS language (German here) and reports it to the smoke test', () => {
    expect(r.info).toEqual({ ok: true, value: { trayBuilt: true, windows: 1, engine: 'host', icon: 'idle', dataDir } });
    expect(r.menu).toEqual(['Ferry: alles synchron', '---', 'Alle jetzt synchronisieren', 'Noch keine Pipelines', '---', 'Alle pausieren', '---', 'Ferry öffnen', 'Protokollordner öffnen', '---', 'Beenden']);
    expect(r.tooltip).toBe('Ferry: alles synchron');
    expect(path.basename(r.trayImage)).toBe('tray-idle.png');
    expect(r.keytar).toEqual({ ok: true, value: { ok: true, readBack: true, deleted: true, error: null } });
  });

  it('sets the CSP on responses, grants no permission, and keeps every web contents from navigating or opening windows', () => {
    expect(r.headers).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [CSP] });
    expect(r.permissionGranted).toBe(false);
    expect(r.permissionCheck).toBe(false);
    expect(r.hardening).toEqual({ windowOpen: { action: 'deny' }, prevented: 3 });
  });

  it('follows the settings: start at login (with --hidden), language; a change through the window applies at once', () => {
    expect(r.loginItem).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    expect(r.settingsUpdate).toBe(true);
    expect(r.menuAfterUpdate).toContain('Sync all now');
    expect(r.loginItemAfterUpdate.at(-1)).toEqual({ openAtLogin: false, args: ['--hidden'] });
  });

  it('opens the log folder of the data folder from the tray', () => {
    expect(r.openPath).toEqual([path.join(dataDir, 'logs')]);
  });

  it('stays in the tray when the window closes, shows a new one for a second start, and quits from the tray', () => {
    expect(r.afterClose).toEqual({ quit: 0, windows: 0 });
    expect(r.afterSecondInstance).toEqual({ windows: 1, shown: true });
    // Quit: the first request is held until the engine host has stopped, then quits for real.
    expect(r.quitCalls).toBe(2);
  });
});
