// The Electron main process: the engine host of DESIGN.md in this process (or a client of the host another process
// runs on the same data folder), the tray, the window and the IPC glue. Thin on purpose: what it shows and does is
// decided by plain-Node modules under main/tray/ (tested without Electron); this file only applies it.
import { app, BrowserWindow, ipcMain, Menu, Notification, nativeImage, session, shell, Tray, type IpcMainInvokeEvent, type NativeImage, type WebContents } from 'electron';
import path from 'node:path';
import { operationChannel, progressChannel, type IpcResult } from '../../shared/bridge.js';
import { operationNames, type OperationName, type SettingsView } from '../../shared/contract.js';
import { FerryError } from '../../shared/errors.js';
import type { ProgressEvent } from '../../shared/progress.js';
import type { AppContext } from '../app/context.js';
import { allFactories } from '../connectors/registry.js';
import { ensureDataDir, resolveDataDir } from '../datadir/index.js';
import { createLogger, logFilePath, type Logger } from '../log/index.js';
import { createKeytarStore } from '../secrets/index.js';
import { openStore } from '../store/index.js';
import { EngineLink } from '../tray/engine.js';
import { invokeOperation, isTrustedSender, refusedSender, rendererUrl, withCsp } from '../tray/ipc.js';
import { buildTrayMenu, toMenuTemplate, trayIconState, trayTitle, type TrayAction, type TrayIconState } from '../tray/menu.js';
import { TrayModel, type ActionResult } from '../tray/model.js';
import { NotificationGate } from '../tray/notifications.js';
import { appPaths, trayIconFile } from '../tray/paths.js';
import { resolveLanguage, translator, type Translate } from '../tray/strings.js';
import { keychainRoundTrip, smokeService, testHooksEnabled, type TestInfo } from '../tray/test-hooks.js';

const APP_ID = 'de.ferry.sync';
const POLL_MS = 10_000;
/** Started by the login item: stay in the tray. */
const HIDDEN_FLAG = '--hidden';
const hooks = testHooksEnabled();
const paths = appPaths(import.meta.dirname, { packaged: app.isPackaged, resourcesPath: process.resourcesPath });
const rendererPage = rendererUrl(paths.rendererIndex);

let log: Logger | null = null;
let engine: EngineLink | null = null;
let model: TrayModel | null = null;
let tray: Tray | null = null;
let trayMenuBuilt = false;
let win: BrowserWindow | null = null;
let t: Translate = translator('en');
let settings: SettingsView | null = null;
let loginItemApplied: boolean | null = null;
let dataDir: string | null = null;
let stopped = false;
const gate = new NotificationGate();
const icons = new Map<TrayIconState, NativeImage>();

if (!app.requestSingleInstanceLock()) {
  // Another Ferry of this user runs: it shows its window (second-instance) and this one ends.
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID); // native notifications need it on Windows
  // Closing the window keeps Ferry in the tray: without this listener Electron would quit.
  app.on('window-all-closed', () => undefined);
  app.on('web-contents-created', (_e, wc) => harden(wc));
  app.on('before-quit', (e) => {
    if (stopped) return;
    e.preventDefault();
    void shutdown().finally(() => {
      stopped = true;
      app.quit();
    });
  });
  void app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      log?.error({ err: (e as Error).message }, 'Ferry could not start');
      process.stderr.write(`Ferry could not start: ${(e as Error).message}\n`);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const dir = ensureDataDir(resolveDataDir(undefined));
  dataDir = dir;
  const store = openStore(dir);
  log = createLogger(dir, { level: store.settings.get('logLevel') }).logger;
  const ctx: AppContext = { dataDir: dir, store, secrets: createKeytarStore('Ferry', { log }), log, factories: new Map(allFactories.map((f) => [f.kind, f])), now: () => new Date() };
  secureSession();
  engine = new EngineLink(ctx);
  const link = engine;
  model = new TrayModel((op, input) => link.call(op, input));
  registerIpc();
  link.onProgress(onProgress);
  try {
    log.info({ mode: await link.connect() }, 'engine connected');
  } catch (e) {
    log.error({ err: (e as Error).message }, 'no engine yet');
  }
  tray = new Tray(icon('idle'));
  tray.setToolTip('Ferry');
  tray.on('click', () => showWindow());
  await loadSettings();
  await refresh();
  setInterval(() => void tick(), POLL_MS).unref();
  if (!process.argv.includes(HIDDEN_FLAG)) showWindow();
}

let ticking = false;
/** Every 10 s: take over when the other engine host has gone, then re-read the state (one tick at a time). */
async function tick(): Promise<void> {
  if (ticking) return;
  ticking = true;
  try {
    await engine?.check();
  } catch (e) {
    log?.warn({ err: (e as Error).message }, 'engine check failed');
  }
  try {
    await loadSettings();
    await refresh();
  } finally {
    ticking = false;
  }
}

async function refresh(): Promise<void> {
  if (!model) return;
  const state = await model.refresh();
  render();
  if (state.status) {
    for (const n of gate.next({ status: state.status, openConflicts: state.openConflicts }, t)) notify(n.title, n.body);
  }
}

function render(): void {
  if (!tray || !model) return;
  const state = model.state;
  const menu = buildTrayMenu(state, t);
  tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(menu, (a) => void dispatch(a))));
  trayMenuBuilt = true;
  tray.setImage(icon(trayIconState(state)));
  tray.setToolTip(trayTitle(state, t).slice(0, 127)); // Windows cuts tooltips at 127 characters
}

function onProgress(e: ProgressEvent): void {
  if (win && !win.isDestroyed()) win.webContents.send(progressChannel, e);
  if (!model) return;
  const wasRunning = model.state.running.includes(e.pipelineId);
  const refreshNow = model.onProgress(e);
  if (!wasRunning) render();
  if (refreshNow) void refresh();
}

async function dispatch(action: TrayAction): Promise<void> {
  switch (action.kind) {
    case 'open':
      return showWindow();
    case 'open-logs': {
      const dir = settings?.logDir ?? (dataDir ? path.dirname(logFilePath(dataDir)) : null);
      if (dir) {
        const err = await shell.openPath(dir);
        if (err) log?.warn({ err }, 'cannot open the log folder');
      }
      return;
    }
    case 'quit':
      app.quit();
      return;
    default: {
      if (!model) return;
      const pending = model.perform(action);
      render();
      const result: ActionResult = await pending;
      for (const f of result.failed) notify(t('notify.startFailed.title', { pipeline: f.pipeline }), t('notify.startFailed.body', { message: f.error.message, hint: f.error.hint }));
      render();
    }
  }
}

function notify(title: string, body: string): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title, body, icon: paths.appIcon });
  n.on('click', () => showWindow());
  n.show();
}

function icon(state: TrayIconState): NativeImage {
  let img = icons.get(state);
  if (!img) {
    img = nativeImage.createFromPath(trayIconFile(paths.icons, state));
    icons.set(state, img);
  }
  return img;
}

/** Language of the tray, start at login: from the settings (re-read on every poll and after the window changed them). */
async function loadSettings(): Promise<void> {
  if (!engine) return;
  try {
    settings = await engine.call('settings.get', {});
  } catch (e) {
    log?.warn({ err: (e as Error).message }, 'settings not readable');
    return;
  }
  t = translator(resolveLanguage(settings.language, app.getLocale()));
  // Only an installed Ferry registers itself: in development the login item would start a bare Electron.
  if (app.isPackaged && loginItemApplied !== settings.startAtLogin) {
    app.setLoginItemSettings({ openAtLogin: settings.startAtLogin, args: [HIDDEN_FLAG] });
    loginItemApplied = settings.startAtLogin;
  }
}

function registerIpc(): void {
  for (const op of operationNames) {
    ipcMain.handle(operationChannel(op), async (event, input: unknown): Promise<IpcResult> => {
      if (!trusted(event)) {
        log?.warn({ op, url: event.senderFrame?.url ?? null }, 'IPC call refused');
        return refusedSender;
      }
      const link = engine;
      if (!link) return invokeOperation(() => Promise.reject(new FerryError('busy', 'Ferry is shutting down.', 'Start Ferry again.')), op, input);
      const result = await invokeOperation((name: OperationName, i: unknown) => link.call(name, i), op, input);
      if (result.ok && (op === 'settings.update' || op === 'config.import')) {
        await loadSettings();
        render();
      }
      if (result.ok && op !== 'status.get' && !op.endsWith('.list') && !op.endsWith('.show')) void refresh();
      return result;
    });
  }
  if (!hooks) return;
  ipcMain.handle('ferry:test-info', (event) => {
    if (!trusted(event)) return refusedSender;
    const info: TestInfo = { trayBuilt: tray !== null && trayMenuBuilt, windows: BrowserWindow.getAllWindows().length, engine: engine?.mode ?? 'none', icon: model ? trayIconState(model.state) : null, dataDir };
    return { ok: true, value: info } satisfies IpcResult;
  });
  ipcMain.handle('ferry:test-keytar', async (event) => {
    if (!trusted(event)) return refusedSender;
    return { ok: true, value: await keychainRoundTrip(createKeytarStore(smokeService)) } satisfies IpcResult;
  });
}

function trusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(
    { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, mainFrame: frame !== null && frame.parent === null },
    { webContentsIds: win && !win.isDestroyed() ? [win.webContents.id] : [], rendererUrl: rendererPage },
  );
}

/** CSP on every response, no permission (camera, notifications, …) for any page. */
function secureSession(): void {
  const s = session.defaultSession;
  s.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

/** Every web contents: no navigation away from the renderer, no new windows, no webviews. */
function harden(wc: WebContents): void {
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-navigate', (e) => e.preventDefault());
  wc.on('will-redirect', (e) => e.preventDefault());
  wc.on('will-attach-webview', (e) => e.preventDefault());
}

function showWindow(): void {
  if (win && !win.isDestroyed()) {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return;
  }
  const w = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Ferry',
    show: false,
    autoHideMenuBar: true,
    icon: paths.appIcon,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      additionalArguments: hooks ? ['--ferry-test-hooks'] : [],
    },
  });
  win = w;
  w.setMenu(null);
  w.once('ready-to-show', () => w.show());
  // Closing destroys the window (its renderer's memory is freed); Ferry stays in the tray.
  w.on('closed', () => {
    if (win === w) win = null;
  });
  void w.loadFile(paths.rendererIndex).catch((e: unknown) => log?.error({ err: (e as Error).message, file: paths.rendererIndex }, 'cannot load the window'));
}

async function shutdown(): Promise<void> {
  const link = engine;
  engine = null;
  if (!link) return;
  // A run in progress is finished before the host lets go of its lease, but quitting never hangs on it: an
  // interrupted run is recovered by the next host (open intents), and a dead holder's lease is taken over.
  await Promise.race([link.stop(), new Promise((r) => setTimeout(r, 15_000))]);
}
