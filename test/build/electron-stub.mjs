// A stand-in for the `electron` module with just what main/electron/main.ts uses, recording what it is asked to do.
// test/build/electron-driver.mjs maps `electron` to this file to run the built main process under plain Node.
import { EventEmitter } from 'node:events';

export const calls = { lock: 0, quit: 0, exit: [], loginItem: [], notifications: [], openPath: [], appUserModelId: [] };

let nextId = 1;
class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.sent = [];
    this.openHandler = null;
  }
  setWindowOpenHandler(h) {
    this.openHandler = h;
  }
  send(channel, e) {
    this.sent.push([channel, e]);
  }
  isDestroyed() {
    return false;
  }
}

let shown;
/** Resolves when the first window is shown. */
export const windowShown = new Promise((r) => (shown = r));

export class BrowserWindow extends EventEmitter {
  static all = [];
  static getAllWindows() {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  constructor(opts) {
    super();
    this.opts = opts;
    this.destroyed = false;
    this.webContents = new WebContents();
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadFile(file) {
    this.loaded = file;
    void Promise.resolve().then(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  setMenu() {}
  show() {
    this.shown = true;
    shown(this);
    app.emit('browser-window-shown', this);
  }
  focus() {}
  isMinimized() {
    return false;
  }
  restore() {}
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}

class App extends EventEmitter {
  isPackaged = true;
  requestSingleInstanceLock() {
    calls.lock++;
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  getLocale() {
    return 'de-DE';
  }
  setAppUserModelId(id) {
    calls.appUserModelId.push(id);
  }
  quit() {
    calls.quit++;
    const e = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', e);
    if (!e.defaultPrevented) this.emit('will-quit');
  }
  exit(code) {
    calls.exit.push(code);
  }
  setLoginItemSettings(s) {
    calls.loginItem.push(s);
  }
}
export const app = new App();

export const ipcMain = {
  handlers: new Map(),
  handle(channel, f) {
    if (this.handlers.has(channel)) throw new Error(`a second handler for ${channel}`);
    this.handlers.set(channel, f);
  },
};

export const Menu = { buildFromTemplate: (template) => ({ template }) };

export class Tray extends EventEmitter {
  static current = null;
  constructor(image) {
    super();
    this.image = image;
    this.menus = [];
    Tray.current = this;
  }
  setContextMenu(m) {
    this.menus.push(m.template);
  }
  setImage(image) {
    this.image = image;
  }
  setToolTip(t) {
    this.tooltip = t;
  }
}

export const nativeImage = { createFromPath: (p) => ({ path: p }) };

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(o) {
    super();
    this.o = o;
  }
  show() {
    calls.notifications.push(this.o);
  }
}

export const session = {
  defaultSession: {
    headersHandler: null,
    permissionRequest: null,
    permissionCheck: null,
    webRequest: {
      onHeadersReceived(h) {
        session.defaultSession.headersHandler = h;
      },
    },
    setPermissionRequestHandler(h) {
      this.permissionRequest = h;
    },
    setPermissionCheckHandler(h) {
      this.permissionCheck = h;
    },
  },
};

export const shell = {
  async openPath(p) {
    calls.openPath.push(p);
    return '';
  },
};
