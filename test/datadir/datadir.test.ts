import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDataDir, resolveDataDir } from '../../main/datadir/index.js';
import { isFerryError } from '../../shared/errors.js';

function expectCategory(fn: () => unknown, category: string): void {
  try {
    fn();
  } catch (e) {
    expect(isFerryError(e)).toBe(true);
    if (isFerryError(e)) {
      expect(e.category).toBe(category);
      expect(e.hint).toMatch(/--data-dir/);
    }
    return;
  }
  throw new Error(`expected a ${category} error`);
}

describe('resolveDataDir', () => {
  const winEnv = { ProgramData: 'D:\\ProgramData', USERPROFILE: 'C:\\Users\\admin', APPDATA: 'C:\\Users\\admin\\AppData\\Roaming' };

  it('takes --data-dir first, then FERRY_DATA_DIR, then the platform default', () => {
    const env = { FERRY_DATA_DIR: '/srv/ferry-env', HOME: '/home/ann', XDG_DATA_HOME: '/home/ann/.data' };
    expect(resolveDataDir('/srv/explicit', env, 'linux')).toBe('/srv/explicit');
    expect(resolveDataDir(undefined, env, 'linux')).toBe('/srv/ferry-env');
    expect(resolveDataDir(undefined, { ...env, FERRY_DATA_DIR: '' }, 'linux')).toBe('/home/ann/.data/ferry');
  });

  it('Windows: machine-wide %ProgramData%\\Ferry, never the per-user profile', () => {
    expect(resolveDataDir(undefined, winEnv, 'win32')).toBe('D:\\ProgramData\\Ferry');
    // Environment names are case-insensitive on Windows.
    expect(resolveDataDir(undefined, { PROGRAMDATA: 'E:\\PD' }, 'win32')).toBe('E:\\PD\\Ferry');
    expect(resolveDataDir(undefined, { ALLUSERSPROFILE: 'F:\\All' }, 'win32')).toBe('F:\\All\\Ferry');
    expect(resolveDataDir(undefined, {}, 'win32')).toBe('C:\\ProgramData\\Ferry');
    expect(resolveDataDir('D:\\Ferry Data\\', winEnv, 'win32')).toBe('D:\\Ferry Data');
    expect(resolveDataDir(undefined, { ...winEnv, ferry_data_dir: 'G:\\ferry' }, 'win32')).toBe('G:\\ferry');
  });

  it('macOS: ~/Library/Application Support/Ferry', () => {
    expect(resolveDataDir(undefined, { HOME: '/Users/ann' }, 'darwin')).toBe('/Users/ann/Library/Application Support/Ferry');
  });

  it('Linux and others: $XDG_DATA_HOME/ferry, else ~/.local/share/ferry; a relative XDG_DATA_HOME is ignored', () => {
    expect(resolveDataDir(undefined, { HOME: '/home/ann', XDG_DATA_HOME: '/data/xdg' }, 'linux')).toBe('/data/xdg/ferry');
    expect(resolveDataDir(undefined, { HOME: '/home/ann' }, 'linux')).toBe('/home/ann/.local/share/ferry');
    expect(resolveDataDir(undefined, { HOME: '/home/ann', XDG_DATA_HOME: 'relative/xdg' }, 'linux')).toBe('/home/ann/.local/share/ferry');
    expect(resolveDataDir(undefined, { HOME: '/usr/home/bob' }, 'freebsd')).toBe('/usr/home/bob/.local/share/ferry');
    expect(resolveDataDir(undefined, {}, 'linux')).toBe(path.posix.join(os.homedir(), '.local', 'share', 'ferry'));
  });

  it('resolves a relative --data-dir against the working folder and refuses an empty one', () => {
    expect(resolveDataDir('data', {}, 'linux')).toBe(path.posix.join(process.cwd(), 'data'));
    expectCategory(() => resolveDataDir('  ', {}, 'linux'), 'input');
  });
});

describe('ensureDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-datadir-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder (and parents), owner-only, and accepts an existing one', () => {
    const target = path.join(dir, 'a', 'b', 'Ferry');
    expect(ensureDataDir(target, 'linux')).toBe(target);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    expect(ensureDataDir(target, 'linux')).toBe(target);
  });

  it('a file in the way is a storage error with a hint', () => {
    const file = path.join(dir, 'file');
    writeFileSync(file, 'x');
    expectCategory(() => ensureDataDir(file), 'storage');
    expectCategory(() => ensureDataDir(path.join(file, 'below')), 'storage');
  });
});
