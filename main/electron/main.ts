// The Electron main process: the engine host of DESIGN.md, in-process. Thin on purpose: everything it calls runs
// (and is tested) under plain Node. The window, wizard and full tray menu arrive with issue 4.
import { app, BrowserWindow, ipcMain, Menu, Tray, nativeImage } from 'electron';
import path from 'node:path';
import { contract, operationNames } from '../../shared/contract.js';
import { toErrorBody } from '../../shared/errors.js';
import { callOperation, type OpEnv } from '../app/operations.js';
import { allFactories } from '../connectors/registry.js';
import { ensureDataDir, resolveDataDir } from '../datadir/index.js';
import { createLogger } from '../log/index.js';
import { createKeytarStore } from '../secrets/index.js';
import { startEngineHost, type EngineHost } from '../service/host.js';
import { openStore } from '../store/index.js';

if (!app.requestSingleInstanceLock()) app.quit();

let tray: Tray | null = null;
let host: EngineHost | null = null;

async function start(): Promise<void> {
  const dataDir = resolveDataDir(undefined);
  ensureDataDir(dataDir);
  const store = openStore(dataDir);
  const { logger } = createLogger(dataDir, { level: 'info' });
  const ctx = { dataDir, store, secrets: createKeytarStore(), log: logger, factories: new Map(allFactories.map((f) => [f.kind, f])), now: () => new Date() };
  const env: OpEnv = { ctx };
  try {
    host = await startEngineHost(ctx);
  } catch (e) {
    // Another process is the engine host (a second admin, `ferry serve`): this tray stays a client.
    logger.warn({ category: toErrorBody(e).category }, 'not the engine host');
  }
  for (const name of operationNames) {
    ipcMain.handle(`ferry:${name}`, async (event, input: unknown) => {
      // Only our own window may call, and every input is validated against the contract.
      if (!event.senderFrame || !event.senderFrame.url.startsWith('file://')) throw new Error('sender not allowed');
      try {
        return { ok: true, value: await callOperation(env, name, input) };
      } catch (e) {
        return { ok: false, error: toErrorBody(e) };
      }
    });
  }
  void contract;
  tray = new Tray(nativeImage.createEmpty());
  tray.setToolTip('Ferry');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Ferry', click: () => openWindow() },
      { type: 'separator' },
      { label: 'Quit', click: () => app.quit() },
    ]),
  );
}

function openWindow(): void {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    webPreferences: { preload: path.join(import.meta.dirname, '../../preload/index.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  void win.loadFile(path.join(import.meta.dirname, '../../renderer/index.html'));
}

app.on('window-all-closed', () => {
  // Closing the window keeps Ferry in the tray.
});
app.on('before-quit', () => {
  void host?.stop();
});
void app.whenReady().then(start);
