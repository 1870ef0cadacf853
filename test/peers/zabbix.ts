// A real Zabbix 6.0 API for tests and the demo: MariaDB in a folder + a patched copy of Debian's frontend served by
// `php -S`. Everything binds to 127.0.0.1 (free ports unless given) and is stopped by PID. Packages (CI installs them
// with apt):
//   apt-get install -y zabbix-server-mysql zabbix-frontend-php php-cli php-mysql mariadb-server
// Without options the folder is a temp folder, deleted on stop. With `dir` (the demo) the folder is kept: a later
// start on it serves the same database again, without importing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface ZabbixPeer {
  /** Frontend base URL, e.g. http://127.0.0.1:40123/ */
  url: string;
  /** The JSON-RPC endpoint, `<url>api_jsonrpc.php`. */
  apiUrl: string;
  /** MariaDB socket of the Zabbix database (tests use it to simulate what the API cannot, e.g. an expired session). */
  dbSocket: string;
  /** Runs SQL against the Zabbix database as root; returns stdout (tab-separated, no headers). */
  sql(query: string): Promise<string>;
  /** Milliseconds from start to ready. */
  startMs: number;
  /** Milliseconds per start phase (for the report and for tuning). */
  phases: Record<string, number>;
  /** The folder that holds the database, socket, frontend copy, config and logs. */
  dir: string;
  /** The port of the frontend / API. */
  port: number;
  /** True when an existing database in `dir` was served again (nothing imported or copied). */
  reused: boolean;
  /** Stops the processes (by PID); deletes the folder unless it was given as `dir`. */
  stop(): Promise<void>;
}

export interface ZabbixStartOptions {
  /**
   * Keep everything in this folder and keep the folder on stop. A start on a folder that holds a database from an
   * earlier start serves it again (no import).
   */
  dir?: string;
  /** The frontend / API port (default: a free one). Give the earlier port so stored connection URLs keep working. */
  port?: number;
  /** MariaDB's TCP port on 127.0.0.1 (default: a free one). */
  dbPort?: number;
}

/** Why a peer on a kept folder cannot start: it runs already, or a port it must use is taken. */
export class ZabbixPeerBusyError extends Error {
  constructor(
    message: string,
    readonly reason: 'running' | 'port',
  ) {
    super(message);
    this.name = 'ZabbixPeerBusyError';
  }
}

const FRONTEND = '/usr/share/zabbix';
const SQL_DIR = '/usr/share/zabbix-server-mysql';
const INSTALL_HINT = 'apt-get install -y zabbix-server-mysql zabbix-frontend-php php-cli php-mysql mariadb-server (CI installs them)';
const DB_USER = 'zabbix';
const DB_PASSWORD = 'ferry-test-db';
const READY_TIMEOUT_MS = 60_000;

function which(cmd: string, extra: string[] = []): string | null {
  for (const dir of [...extra, ...(process.env['PATH'] ?? '').split(':')]) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

interface Tools {
  mariadbd: string;
  installDb: string;
  client: string;
  php: string;
}

/** Finds the programs and files the peer needs; throws one error listing everything that is missing. */
export function checkZabbixPrerequisites(): Tools {
  const missing: string[] = [];
  const sbin = ['/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  const mariadbd = which('mariadbd', sbin) ?? which('mysqld', sbin);
  const installDb = which('mariadb-install-db', sbin) ?? which('mysql_install_db', sbin);
  const client = which('mariadb', sbin) ?? which('mysql', sbin);
  const php = which('php');
  if (!mariadbd) missing.push('mariadbd (mariadb-server)');
  if (!installDb) missing.push('mariadb-install-db (mariadb-server)');
  if (!client) missing.push('mariadb client (mariadb-server)');
  if (!php) missing.push('php (php-cli)');
  for (const f of [`${FRONTEND}/api_jsonrpc.php`, `${FRONTEND}/include/classes/core/CConfigFile.php`]) if (!fs.existsSync(f)) missing.push(`${f} (zabbix-frontend-php)`);
  for (const f of ['schema', 'images', 'data']) if (!fs.existsSync(`${SQL_DIR}/${f}.sql.gz`)) missing.push(`${SQL_DIR}/${f}.sql.gz (zabbix-server-mysql)`);
  if (php && !/^mysqli$/m.test(spawnSync(php, ['-m'], { encoding: 'utf8' }).stdout ?? '')) missing.push('the PHP mysqli extension (php-mysql)');
  if (missing.length > 0 || !mariadbd || !installDb || !client || !php) {
    throw new Error(`The real Zabbix for tests cannot start; missing: ${missing.join(', ')}. Install: ${INSTALL_HINT}`);
  }
  return { mariadbd, installDb, client, php };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a server process whose output goes to a log file (never to our stdout). */
function startDaemon(cmd: string, args: string[], logFile: string, opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  const fd = fs.openSync(logFile, 'a');
  try {
    return spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Runs a program to completion, optionally feeding stdin from a stream factory; rejects with its stderr. */
async function run(cmd: string, args: string[], feed?: (stdin: NodeJS.WritableStream) => Promise<void>): Promise<string> {
  const child = spawn(cmd, args, { stdio: [feed ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  if (feed && child.stdin) {
    child.stdin.on('error', () => undefined); // the exit code tells what went wrong
    await feed(child.stdin).catch(() => undefined);
  }
  const [code, signal] = await exited;
  if (code !== 0) throw new Error(`${path.basename(cmd)} ${args.filter((a) => !a.startsWith('--password')).join(' ')} failed (${code ?? signal}): ${err.trim()}`);
  return out;
}

/**
 * Streams a gzipped Zabbix SQL dump, merging consecutive single-row INSERTs into the same table into multi-row
 * INSERTs (data.sql has ~130 000 of them: this cuts the import from ~6 s to ~2 s). Each statement is one line.
 */
async function feedDump(files: string[], stdin: NodeJS.WritableStream): Promise<void> {
  const write = async (s: string) => {
    if (!stdin.write(s)) await once(stdin, 'drain');
  };
  await write('SET foreign_key_checks=0; SET unique_checks=0; SET autocommit=0;\n');
  for (const file of files) {
    const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    let prefix: string | null = null;
    let rows: string[] = [];
    let size = 0;
    const flush = async () => {
      if (prefix !== null) await write(`${prefix}${rows.join(',')};\n`);
      prefix = null;
      rows = [];
      size = 0;
    };
    for await (const line of rl) {
      const m = /^(INSERT INTO `?\w+`? \([^)]*\) values )(\(.*\));$/i.exec(line);
      if (!m) {
        await flush();
        await write(`${line}\n`);
        continue;
      }
      if (m[1] !== prefix || size > 1_000_000) {
        await flush();
        prefix = m[1]!;
      }
      rows.push(m[2]!);
      size += m[2]!.length;
    }
    await flush();
  }
  await write('COMMIT;\n');
  stdin.end();
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, died: () => string | null, timeoutMs = READY_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 25;
  for (;;) {
    const dead = died();
    if (dead) throw new Error(`${what} exited before it was ready:\n${dead}`);
    const v = await probe().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

/** True once the server sends its protocol greeting on the TCP port. */
function mariadbGreets(port: number): Promise<true | null> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (v: true | null) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(1000, () => done(null));
    s.once('data', () => done(true));
    s.once('error', () => done(null));
  });
}

async function rpc(apiUrl: string, method: string, params: unknown): Promise<unknown> {
  const res = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json-rpc' },
    body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await res.json()) as { result?: unknown; error?: unknown };
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

const phpString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Signals one process by its PID; a process that is gone already is fine. */
function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

function stopProcess(child: ChildProcess | null, graceMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = once(child, 'exit').then(() => undefined);
  kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) kill(child.pid, 'SIGKILL');
  }, graceMs);
  return exited.finally(() => clearTimeout(timer));
}

/** Bump when the database set-up changes (user, password, collation, import): old caches are then ignored. */
const CACHE_FORMAT = 1;

/**
 * Where a pristine, freshly imported data folder is kept between test runs (it is only ever copied from, never
 * served). Keyed by the SQL files and the mariadbd binary, so a package upgrade starts afresh.
 * FERRY_TEST_ZABBIX_CACHE=0 turns it off; FERRY_TEST_ZABBIX_CACHE_DIR moves it.
 */
function dataDirCache(tools: Tools): string | null {
  if (process.env['FERRY_TEST_ZABBIX_CACHE'] === '0') return null;
  const root = process.env['FERRY_TEST_ZABBIX_CACHE_DIR'] ?? path.join(os.tmpdir(), `ferry-zabbix-cache-${os.userInfo().uid}`);
  const ident = [tools.mariadbd, ...['schema', 'images', 'data'].map((f) => `${SQL_DIR}/${f}.sql.gz`)].map((f) => {
    const st = fs.statSync(f);
    return `${f}:${st.size}:${st.mtimeMs}`;
  });
  const key = createHash('sha256').update(JSON.stringify([CACHE_FORMAT, DB_USER, DB_PASSWORD, ident])).digest('hex').slice(0, 16);
  return path.join(root, key);
}

async function storeInCache(cache: string, dataDir: string): Promise<void> {
  const root = path.dirname(cache);
  await fsp.mkdir(root, { recursive: true, mode: 0o700 });
  const tmp = await fsp.mkdtemp(path.join(root, 'tmp-'));
  try {
    await fsp.cp(dataDir, path.join(tmp, 'db'), { recursive: true, filter: (src) => path.basename(src) !== 'ibtmp1' });
    await fsp.writeFile(path.join(tmp, 'complete'), new Date().toISOString());
    await fsp.rename(tmp, cache).catch(() => undefined); // another run stored it first: fine
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
  // Caches of older packages or formats are of no use any more.
  for (const entry of await fsp.readdir(root)) {
    if (entry !== path.basename(cache) && !entry.startsWith('tmp-')) await fsp.rm(path.join(root, entry), { recursive: true, force: true });
  }
}

/** Runs SQL against the Zabbix database of a running peer, by its socket (for what the API cannot do, e.g. end a session). */
export function zabbixSql(dbSocket: string, query: string): Promise<string> {
  const { client } = checkZabbixPrerequisites();
  return run(client, ['--no-defaults', `--socket=${dbSocket}`, '-uroot', '--batch', '--skip-column-names', 'zabbix', '-e', query]);
}

/** True when a server can bind 127.0.0.1:port now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The PID in a pid file when that process is alive and (where /proc tells) its command line mentions `needle`. */
function livePid(pidFile: string, needle: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  try {
    // A recycled PID belongs to some other program: not ours.
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) return null;
  } catch {
    /* no /proc here: trust the pid file */
  }
  return pid;
}

/** A Unix socket path must fit in sun_path (108 bytes): a long folder gets its socket in the temp folder. */
function socketPathFor(dir: string): string {
  const p = path.join(dir, 'db.sock');
  if (Buffer.byteLength(p) <= 100) return p;
  return path.join(os.tmpdir(), `ferry-zbx-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}.sock`);
}

/** Identifies the installed frontend, so a kept copy is renewed after a package upgrade. */
function frontendIdent(): string {
  return JSON.stringify(
    [`${FRONTEND}/api_jsonrpc.php`, `${FRONTEND}/include/classes/core/CConfigFile.php`, `${FRONTEND}/include/defines.inc.php`].map((f) => {
      try {
        const st = fs.statSync(f);
        return `${f}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${f}:-`;
      }
    }),
  );
}

/** Marks in a kept folder: the database import is complete / the frontend copy is complete (and of which package). */
const DB_MARK = 'db-ready';
const FRONTEND_MARK = 'frontend-ready';

async function copyFrontend(frontend: string): Promise<void> {
  // cp resolves relative symlinks (fonts → ../../fonts/truetype/…) to absolute ones, so the copy's fonts work.
  await fsp.cp(FRONTEND, frontend, { recursive: true, verbatimSymlinks: false });
  const cfgClass = path.join(frontend, 'include/classes/core/CConfigFile.php');
  const src = await fsp.readFile(cfgClass, 'utf8');
  const patched = src.replace(/const CONFIG_FILE_PATH = '[^']*';/, `const CONFIG_FILE_PATH = ${phpString(path.join(frontend, 'conf/zabbix.conf.php'))};`);
  if (patched === src) throw new Error(`cannot patch the config file path in ${cfgClass}: the Zabbix frontend changed`);
  await fsp.writeFile(cfgClass, patched);
}

async function writeFrontendConfig(frontend: string, dbPort: number): Promise<void> {
  await fsp.writeFile(
    path.join(frontend, 'conf/zabbix.conf.php'),
    [
      '<?php',
      `$DB['TYPE'] = 'MYSQL';`,
      `$DB['SERVER'] = '127.0.0.1';`,
      `$DB['PORT'] = '${dbPort}';`,
      `$DB['DATABASE'] = 'zabbix';`,
      `$DB['USER'] = ${phpString(DB_USER)};`,
      `$DB['PASSWORD'] = ${phpString(DB_PASSWORD)};`,
      `$DB['SCHEMA'] = '';`,
      `$DB['ENCRYPTION'] = false; $DB['KEY_FILE'] = ''; $DB['CERT_FILE'] = ''; $DB['CA_FILE'] = ''; $DB['VERIFY_HOST'] = false; $DB['CIPHER_LIST'] = '';`,
      `$DB['VAULT_URL'] = ''; $DB['VAULT_DB_PATH'] = ''; $DB['VAULT_TOKEN'] = '';`,
      `$DB['DOUBLE_IEEE754'] = true;`,
      `$ZBX_SERVER_NAME = 'Ferry test';`,
      `$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;`,
      '',
    ].join('\n'),
  );
}

/**
 * Starts MariaDB + the Zabbix frontend; resolves when the API answers and Admin/zabbix can log in.
 * Without options: in a temp folder on free ports, deleted on stop. With `dir`: in that folder, kept on stop, and a
 * later start on it serves the same database again (see ZabbixStartOptions).
 */
export async function startZabbix(opts: ZabbixStartOptions = {}): Promise<ZabbixPeer> {
  const t0 = Date.now();
  const phases: Record<string, number> = {};
  let tPhase = t0;
  const phase = (name: string) => {
    const now = Date.now();
    phases[name] = now - tPhase;
    tPhase = now;
  };
  const tools = checkZabbixPrerequisites();
  const keep = opts.dir !== undefined;
  const dir = opts.dir !== undefined ? path.resolve(opts.dir) : await fsp.mkdtemp(path.join(os.tmpdir(), 'ferry-zabbix-'));
  if (keep) await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const dataDir = path.join(dir, 'db');
  const socket = socketPathFor(dir);
  const frontend = path.join(dir, 'frontend');
  const dbPidFile = path.join(dir, 'mariadb.pid');
  const phpPidFile = path.join(dir, 'php.pid');
  const user = os.userInfo().username;
  if (keep) {
    // A kept folder serves one Zabbix at a time: a second mariadbd on the same data would fail on InnoDB's lock.
    const running = ([['mariadbd', livePid(dbPidFile, dataDir)], ['php', livePid(phpPidFile, frontend)]] as const).filter(([, pid]) => pid !== null);
    if (running.length > 0) {
      throw new ZabbixPeerBusyError(`The Zabbix in ${dir} is running already (${running.map(([n, pid]) => `${n} pid ${pid}`).join(', ')}).`, 'running');
    }
  }
  let db: ChildProcess | null = null;
  let php: ChildProcess | null = null;
  // If the process dies without calling stop(), do not leave servers behind. A kept folder's database gets SIGTERM
  // (it shuts down cleanly on its own after we are gone); a temp folder's servers are killed outright.
  const onExit = () => {
    for (const c of [php, db]) if (c?.pid !== undefined && c.exitCode === null && c.signalCode === null) kill(c.pid, keep ? 'SIGTERM' : 'SIGKILL');
  };
  process.once('exit', onExit);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', onExit);
      await stopProcess(php, 5000);
      if (php) await fsp.rm(phpPidFile, { force: true });
      await stopProcess(db, 20_000);
      if (!keep) await fsp.rm(dir, { recursive: true, force: true });
    })());

  try {
    for (const [what, p] of [['the Zabbix frontend', opts.port], ['MariaDB', opts.dbPort]] as const) {
      if (p !== undefined && !(await portFree(p))) throw new ZabbixPeerBusyError(`Port ${p} on 127.0.0.1 (for ${what}) is in use by another program.`, 'port');
    }
    const [dbPort, webPort] = await Promise.all([opts.dbPort ?? freePort(), opts.port ?? freePort()]);

    // 1. The frontend copy (kept folder: only when missing or of another package version), prepared while the
    //    database initialises; its config points at this start's database port.
    const frontendReady = (async () => {
      const mark = path.join(dir, FRONTEND_MARK);
      const ident = frontendIdent();
      const kept = keep && fs.existsSync(path.join(frontend, 'api_jsonrpc.php')) && (await fsp.readFile(mark, 'utf8').catch(() => '')) === ident;
      if (!kept) {
        await fsp.rm(mark, { force: true });
        await fsp.rm(frontend, { recursive: true, force: true });
        await copyFrontend(frontend);
        if (keep) await fsp.writeFile(mark, ident);
      }
      await writeFrontendConfig(frontend, dbPort);
    })();
    frontendReady.catch(() => undefined); // awaited below; this only keeps an early failure elsewhere from leaving it unhandled

    // 2. MariaDB in the folder, its own socket, TCP on 127.0.0.1 only; durability traded for speed.
    phase('prepare');
    const dbLog = path.join(dir, 'mariadb.log');
    const startDb = async () => {
      const proc = startDaemon(tools.mariadbd, [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--socket=${socket}`,
        `--port=${dbPort}`,
        '--bind-address=127.0.0.1',
        `--user=${user}`,
        `--pid-file=${dbPidFile}`,
        `--log-error=${dbLog}`,
        `--tmpdir=${dir}`,
        '--skip-log-bin',
        '--skip-name-resolve',
        '--innodb-flush-log-at-trx-commit=0',
        '--innodb-doublewrite=0',
        '--innodb-flush-method=nosync',
        '--innodb-buffer-pool-size=256M',
        '--innodb-log-file-size=32M',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_bin',
      ], dbLog);
      db = proc;
      await waitFor('mariadbd', () => mariadbGreets(dbPort), () => (proc.exitCode !== null || proc.signalCode !== null ? tail(dbLog) : null));
    };
    const mysql = (sql: string, database?: string) => run(tools.client, ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '--skip-column-names', ...(database ? [database] : []), '-e', sql]);

    const dbMark = path.join(dir, DB_MARK);
    const reused = keep && fs.existsSync(dbMark) && fs.existsSync(dataDir);
    if (reused) {
      await startDb();
      phase('mariadbd ready (database kept in the folder)');
    } else {
      if (keep) {
        // A kept folder without the mark holds at most an unfinished import: start that afresh.
        await fsp.rm(dbMark, { force: true });
        await fsp.rm(dataDir, { recursive: true, force: true });
      }
      const cache = dataDirCache(tools);
      if (cache && fs.existsSync(path.join(cache, 'complete'))) {
        await fsp.cp(path.join(cache, 'db'), dataDir, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
        phase('database copied from cache');
        await startDb();
        phase('mariadbd ready');
      } else {
        await run(tools.installDb, ['--no-defaults', `--datadir=${dataDir}`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve']);
        phase('mariadb-install-db');
        await startDb();
        phase('mariadbd ready');
        await mysql(
          `CREATE DATABASE zabbix CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;` +
            `CREATE USER '${DB_USER}'@'127.0.0.1' IDENTIFIED BY '${DB_PASSWORD}';` +
            `GRANT ALL ON zabbix.* TO '${DB_USER}'@'127.0.0.1';`,
        );
        await run(tools.client, ['--no-defaults', `--socket=${socket}`, '-uroot', 'zabbix'], (stdin) =>
          feedDump(['schema', 'images', 'data'].map((f) => `${SQL_DIR}/${f}.sql.gz`), stdin),
        );
        phase('sql import');
        if (cache) {
          // A clean shutdown makes the data folder copyable; the next start copies it instead of importing (~1 s vs ~5–20 s).
          await stopProcess(db, 20_000);
          await storeInCache(cache, dataDir);
          phase('database stored in cache');
          await startDb();
          phase('mariadbd restarted');
        }
      }
      if (keep) await fsp.writeFile(dbMark, new Date().toISOString());
    }

    // 3. The API: the PHP built-in server, single process (no PHP_CLI_SERVER_WORKERS: workers would outlive a kill of the master).
    await frontendReady;
    phase('frontend copy (after import)');
    const env = { ...process.env };
    delete env['PHP_CLI_SERVER_WORKERS'];
    const phpLog = path.join(dir, 'php.log');
    php = startDaemon(
      tools.php,
      [
        '-d', 'display_errors=0', '-d', 'log_errors=1', '-d', `error_log=${path.join(dir, 'php-errors.log')}`,
        '-d', 'memory_limit=512M', '-d', 'max_execution_time=300', '-d', 'date.timezone=UTC', '-d', 'post_max_size=16M',
        '-S', `127.0.0.1:${webPort}`, '-t', frontend,
      ],
      phpLog,
      { cwd: frontend, env },
    );
    const phpProc = php;
    if (phpProc.pid !== undefined) await fsp.writeFile(phpPidFile, String(phpProc.pid));
    const url = `http://127.0.0.1:${webPort}/`;
    const apiUrl = `${url}api_jsonrpc.php`;
    const phpDied = () => (phpProc.exitCode !== null || phpProc.signalCode !== null ? tail(phpLog) : null);
    await waitFor('php -S (Zabbix API)', async () => ((await rpc(apiUrl, 'apiinfo.version', {})) ? true : null), phpDied);
    // Proves the frontend reaches the database (apiinfo.version alone does not).
    await rpc(apiUrl, 'user.login', { username: 'Admin', password: 'zabbix' }).catch((e: Error) => {
      throw new Error(`the Zabbix API runs but Admin cannot log in: ${e.message}\n${tail(path.join(dir, 'php-errors.log'))}`);
    });
    phase('php ready + login');
    return {
      url,
      apiUrl,
      dbSocket: socket,
      sql: (q) => mysql(q, 'zabbix'),
      startMs: Date.now() - t0,
      phases,
      dir,
      port: webPort,
      reused,
      stop,
    };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}
