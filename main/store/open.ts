import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors.js';
import { latestVersion, migrations } from './migrations.js';

export type Db = Database.Database;

export const databaseFile = (dataDir: string): string => path.join(dataDir, 'ferry.db');

function storageError(file: string, e: unknown): FerryError {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new FerryError(
      'storage',
      `The database ${file} is corrupt or not a Ferry database (${code}). Ferry has not changed it.`,
      'Stop Ferry, move the file aside and restore the newest backup (ferry.db.before-v*.bak) from the same folder, or start with an empty data folder.',
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EPERM') {
    return new FerryError('storage', `The database ${file} cannot be opened for writing (${code}).`, 'Check that the account running Ferry may write to the data folder.');
  }
  if (code === 'SQLITE_BUSY') {
    return new FerryError('busy', `The database ${file} is locked by another process.`, 'Wait for the other Ferry process to finish and try again.');
  }
  return new FerryError('storage', `The database ${file} cannot be used: ${(e as Error).message}`, 'Check the data folder (disk space, permissions); keep the file for support.');
}

/**
 * Opens (or creates) the database in WAL mode and migrates it forward, taking a copy first.
 * A corrupt database or one from a newer Ferry is reported and never overwritten.
 */
export function openDatabase(dataDir: string, opts: { readonly?: boolean } = {}): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = databaseFile(dataDir);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: false, timeout: 10_000 });
    // The first real read detects a file that is not a database.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (existed) {
      const check = db.pragma('quick_check', { simple: true }) as string;
      if (check !== 'ok') throw Object.assign(new Error(check), { code: 'SQLITE_CORRUPT' });
    }
    if (version > latestVersion) {
      db.close();
      throw new FerryError(
        'storage',
        `The database ${file} was written by a newer Ferry (schema ${version}; this Ferry knows up to ${latestVersion}). Ferry has not changed it.`,
        'Install the newer Ferry again, or point this one at another data folder (--data-dir).',
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (!opts.readonly && version < latestVersion) migrate(db, file, version, existed);
    return db;
  } catch (e) {
    if (e instanceof FerryError) throw e;
    throw storageError(file, e);
  }
}

function migrate(db: Db, file: string, from: number, existed: boolean): void {
  if (existed) {
    const backup = `${file}.before-v${latestVersion}-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    db.prepare('VACUUM INTO ?').run(backup);
  }
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
