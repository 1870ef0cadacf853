import { accessSync, constants as fsConstants, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FerryError } from '../../shared/errors.js';

/**
 * Where Ferry keeps its database, logs and service token.
 *
 * 1. `--data-dir` (explicit), 2. the environment variable FERRY_DATA_DIR, 3. the platform default:
 * - Windows: `%ProgramData%\Ferry` — machine-wide, so every admin's tray and the engine host share one folder
 *   (and one lease: two admins on one server never run two schedulers);
 * - macOS: `~/Library/Application Support/Ferry`;
 * - elsewhere: `$XDG_DATA_HOME/ferry`, else `~/.local/share/ferry`.
 * Paths are built with `path.win32` / `path.posix` according to `platform`, so every branch is testable anywhere.
 */
export function resolveDataDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (explicit !== undefined) {
    if (explicit.trim() === '') {
      throw new FerryError('input', 'The data folder given with --data-dir is empty.', 'Pass a folder path, e.g. --data-dir /var/lib/ferry, or leave the option out to use the default folder.');
    }
    return p.resolve(explicit);
  }
  const fromEnv = envValue(env, 'FERRY_DATA_DIR', platform);
  if (fromEnv) return p.resolve(fromEnv);

  if (platform === 'win32') {
    const programData = envValue(env, 'ProgramData', platform) ?? envValue(env, 'ALLUSERSPROFILE', platform) ?? 'C:\\ProgramData';
    return path.win32.join(programData, 'Ferry');
  }
  const home = envValue(env, 'HOME', platform) ?? os.homedir();
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Ferry');
  const xdg = envValue(env, 'XDG_DATA_HOME', platform);
  // The XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  if (xdg && path.posix.isAbsolute(xdg)) return path.posix.join(xdg, 'ferry');
  return path.posix.join(home, '.local', 'share', 'ferry');
}

/** A non-empty environment value; names are case-insensitive on Windows (as in `process.env` there). */
function envValue(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  let value = env[name];
  if (value === undefined && platform === 'win32') {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    value = key === undefined ? undefined : env[key];
  }
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Creates the data folder if needed (owner-only, 0700, on POSIX when Ferry creates it) and checks that it is a
 * folder this account can write to. Returns the folder. Synchronous: it runs once at start-up, before the database
 * and the log are opened in it.
 */
export function ensureDataDir(dir: string, platform: NodeJS.Platform = process.platform): string {
  const hint = 'Check the path, or choose another folder with --data-dir (or FERRY_DATA_DIR); the account running Ferry must be able to write to it.';
  try {
    mkdirSync(dir, { recursive: true, ...(platform === 'win32' ? {} : { mode: 0o700 }) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new FerryError('storage', `The data folder ${dir} is not a folder (a file is in the way).`, hint);
    }
    throw new FerryError('storage', `Cannot create the data folder ${dir}: ${(e as Error).message}`, hint);
  }
  const info = statSync(dir);
  if (!info.isDirectory()) throw new FerryError('storage', `The data folder ${dir} is not a folder.`, hint);
  try {
    accessSync(dir, fsConstants.R_OK | fsConstants.W_OK | fsConstants.X_OK);
  } catch {
    throw new FerryError('storage', `The data folder ${dir} is not writable by the account running Ferry.`, hint);
  }
  return dir;
}
