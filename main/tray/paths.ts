// Where the Electron shell finds its files, from the bundled main script's folder (dist/main/electron/).
import path from 'node:path';
import type { TrayIconState } from './menu.js';

export interface AppPaths {
  /** The Vite build of the renderer. */
  rendererIndex: string;
  /** The CommonJS preload bundle. */
  preload: string;
  /** The tray icons: next to the app in a packaged build (extraResources), build/icons in the repository. */
  icons: string;
  /** The 256 px app icon (window, notifications). */
  appIcon: string;
}

/**
 * `mainDir` is the folder of dist/main/electron/main.js (inside app.asar when packaged); `resourcesPath` is
 * Electron's process.resourcesPath, used only when packaged.
 */
export function appPaths(mainDir: string, o: { packaged: boolean; resourcesPath?: string }): AppPaths {
  const root = path.resolve(mainDir, '../../..');
  const icons = o.packaged && o.resourcesPath ? path.join(o.resourcesPath, 'icons') : path.join(root, 'build', 'icons');
  return {
    rendererIndex: path.join(root, 'dist', 'renderer', 'index.html'),
    preload: path.join(root, 'dist', 'preload', 'index.cjs'),
    icons,
    appIcon: path.join(icons, 'icon.png'),
  };
}

/** The tray icon of a state (16 px; Electron picks the `@2x` file next to it on high-DPI screens). */
export const trayIconFile = (icons: string, state: TrayIconState): string => path.join(icons, `tray-${state}.png`);
