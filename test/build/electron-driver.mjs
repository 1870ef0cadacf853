// Runs the built Electron main process (argv[2]) under plain Node with `electron` mapped to electron-stub.mjs,
// drives it like a user and the window would, and prints what happened as JSON (test/build/electron-main.test.ts).
import { register } from 'node:module';
import process from 'node:process';
import { URL, pathToFileURL } from 'node:url';

const stubUrl = new URL('./electron-stub.mjs', import.meta.url).href;
const hook = `export async function resolve(s, c, next) { return s === 'electron' ? { url: ${JSON.stringify(stubUrl)}, shortCircuit: true } : next(s, c); }`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const e = await import(stubUrl);
await import(pathToFileURL(process.argv[2]).href);
const win = await e.windowShown;

const page = pathToFileURL(win.loaded).href;
const trusted = { sender: win.webContents, senderFrame: { url: `${page}#/status`, parent: null } };
const call = (channel, event, input) => e.ipcMain.handlers.get(channel)(event, input);
const flatten = (items) => items.flatMap((i) => (i.type === 'separator' ? ['---'] : [i.label, ...(i.submenu ? flatten(i.submenu) : [])]));
const menu = () => e.Tray.current.menus.at(-1);
const click = (id) => menu().find((i) => i.id === id).click();

const report = { lock: e.calls.lock, appUserModelId: e.calls.appUserModelId, webPreferences: win.opts.webPreferences, loaded: win.loaded };
report.channels = [...e.ipcMain.handlers.keys()].sort();
report.kinds = await call('ferry:kinds.list', trusted, {});
report.invalid = await call('ferry:connections.show', trusted, { name: '' });
report.foreignWindow = await call('ferry:kinds.list', { sender: { id: 999 }, senderFrame: trusted.senderFrame }, {});
report.subFrame = await call('ferry:kinds.list', { sender: win.webContents, senderFrame: { url: page, parent: {} } }, {});
report.otherPage = await call('ferry:kinds.list', { sender: win.webContents, senderFrame: { url: 'https://example.com/', parent: null } }, {});
report.info = await call('ferry:test-info', trusted);
report.keytar = await call('ferry:test-keytar', trusted);
report.menu = flatten(menu());
report.tooltip = e.Tray.current.tooltip;
report.trayImage = e.Tray.current.image.path;

let headers;
e.session.defaultSession.headersHandler({ responseHeaders: { 'content-type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
report.headers = headers;
let granted;
e.session.defaultSession.permissionRequest(null, 'media', (g) => (granted = g));
report.permissionGranted = granted;
report.permissionCheck = e.session.defaultSession.permissionCheck(null, 'clipboard-read');
const wc = new (class extends (await import('node:events')).EventEmitter {
  setWindowOpenHandler(h) {
    this.openHandler = h;
  }
})();
e.app.emit('web-contents-created', {}, wc);
let prevented = 0;
for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) wc.emit(ev, { preventDefault: () => prevented++ });
report.hardening = { windowOpen: wc.openHandler({ url: 'https://example.com' }), prevented };

report.loginItem = [...e.calls.loginItem];
click('open-logs');
report.openPath = [...e.calls.openPath];
report.settingsUpdate = (await call('ferry:settings.update', trusted, { language: 'en', startAtLogin: false })).ok;
report.menuAfterUpdate = flatten(menu());
report.loginItemAfterUpdate = [...e.calls.loginItem];

win.close();
report.afterClose = { quit: e.calls.quit, windows: e.BrowserWindow.getAllWindows().length };
report.closedWindowCall = await call('ferry:kinds.list', trusted, {});
const shownAgain = new Promise((r) => e.app.once('browser-window-shown', r));
e.app.emit('second-instance');
await shownAgain;
const again = e.BrowserWindow.getAllWindows();
report.afterSecondInstance = { windows: again.length, shown: again[0]?.shown === true };

const quit = new Promise((r) => e.app.once('will-quit', r));
click('quit');
await quit;
report.quitCalls = e.calls.quit;
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
