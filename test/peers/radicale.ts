// A real Radicale 3.1 (CardDAV) for tests: htpasswd users (md5), a rights file that lets a service account read and
// write every user's collections (the impersonation case) while users see only their own, storage in a temp folder.
// Binds to 127.0.0.1 on a free port and is stopped by PID. Packages (CI installs them with apt):
//   apt-get install -y radicale apache2-utils
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RadicaleUser {
  name: string;
  password: string;
}

export interface RadicalePeer {
  /** Server root, e.g. http://127.0.0.1:40123/ */
  url: string;
  port: number;
  /** The service account that may read and write every user's collections. */
  service: RadicaleUser;
  /** Adds (or changes the password of) a user; Radicale reads the htpasswd file on each login. */
  addUser(name: string, password: string): void;
  /** Creates `/<owner>/<book>/` as an address book (and the owner's home first), acting as `as` (default: the owner). */
  makeAddressBook(owner: RadicaleUser, book: string, as?: RadicaleUser): Promise<string>;
  /** The htpasswd file (tests add users to it through FERRY_TEST_RADICALE_HTPASSWD). */
  htpasswd: string;
  dir: string;
  startMs: number;
  stop(): Promise<void>;
}

export const RADICALE_BIN = '/usr/bin/radicale';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect({ host: '127.0.0.1', port }, () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

const basic = (u: RadicaleUser) => `Basic ${Buffer.from(`${u.name}:${u.password}`).toString('base64')}`;

async function request(url: string, method: string, p: string, as: RadicaleUser, body?: string): Promise<number> {
  const res = await fetch(new URL(p, url), { method, headers: { authorization: basic(as), ...(body ? { 'content-type': 'application/xml; charset=utf-8' } : {}) }, ...(body ? { body } : {}) });
  await res.text();
  return res.status;
}

/** Creates `/<owner>/<book>/` as an address book (the owner's home first, when missing), acting as `as` (default: the owner). */
export async function makeAddressBook(url: string, owner: RadicaleUser, book: string, as: RadicaleUser = owner): Promise<string> {
  const home = `/${encodeURIComponent(owner.name)}/`;
  // Radicale creates a user's home on that user's first login; the service account must MKCOL it itself.
  if ((await request(url, 'PROPFIND', home, as)) === 404) {
    const s = await request(url, 'MKCOL', home, as);
    if (s !== 201) throw new Error(`MKCOL ${home} answered ${s}`);
  }
  const p = `${home}${encodeURIComponent(book)}/`;
  const body =
    '<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop>' +
    `<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype><D:displayname>${book}</D:displayname>` +
    '</D:prop></D:set></D:mkcol>';
  const s2 = await request(url, 'MKCOL', p, as, body);
  if (s2 !== 201) throw new Error(`MKCOL ${p} answered ${s2}`);
  return new URL(p, url).toString();
}

/** Adds (or changes the password of) a user in an htpasswd file (md5). */
/**
 * Adds a user by appending one line. Test files in several workers add users at once: `htpasswd file …` rewrites
 * the whole file, so two at a time could lose one user (and Radicale could read a half-written file); a single
 * append of one short line cannot.
 */
export function addHtpasswdUser(file: string, name: string, password: string): void {
  const r = spawnSync('htpasswd', ['-nbm', name, password], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`htpasswd failed: ${r.stderr}`);
  fs.appendFileSync(file, `${r.stdout.trim()}\n`);
}

/** The Radicale that test/setup/global.ts started for this run, as the tests see it through env. */
export function radicaleFromEnv(): { url: string; service: RadicaleUser; addUser(name: string, password: string): void; makeAddressBook(owner: RadicaleUser, book: string, as?: RadicaleUser): Promise<string> } {
  const url = process.env['FERRY_TEST_RADICALE_URL'];
  const file = process.env['FERRY_TEST_RADICALE_HTPASSWD'];
  if (!url || !file) throw new Error('FERRY_TEST_RADICALE_URL is not set: run the tests through vitest (test/setup/global.ts starts Radicale).');
  return {
    url,
    service: { name: process.env['FERRY_TEST_RADICALE_SERVICE_USER'] ?? '', password: process.env['FERRY_TEST_RADICALE_SERVICE_PASSWORD'] ?? '' },
    addUser: (name, password) => addHtpasswdUser(file, name, password),
    makeAddressBook: (owner, book, as) => makeAddressBook(url, owner, book, as),
  };
}

/** `dir`: a folder kept after stop (the demo's address books survive restarts); `port`: a fixed port. */
export async function startRadicale(o: { users?: RadicaleUser[]; service?: RadicaleUser; dir?: string; port?: number } = {}): Promise<RadicalePeer> {
  if (!fs.existsSync(RADICALE_BIN) || spawnSync('htpasswd', ['-h']).error) {
    throw new Error('Radicale or htpasswd is missing: apt-get install -y radicale apache2-utils (scripts/install-system-deps.sh).');
  }
  const t0 = Date.now();
  const keep = o.dir !== undefined;
  if (keep) await fsp.mkdir(o.dir!, { recursive: true });
  const dir = keep ? o.dir! : await fsp.mkdtemp(path.join(os.tmpdir(), 'ferry-radicale-'));
  const port = o.port ?? (await freePort());
  const service = o.service ?? { name: 'ferry-service', password: 'service-secret' };
  const htpasswd = path.join(dir, 'users');
  const addUser = (name: string, password: string) => addHtpasswdUser(htpasswd, name, password);
  addUser(service.name, service.password);
  for (const u of o.users ?? []) addUser(u.name, u.password);
  // First matching section wins: the service account everywhere, users only below their own principal.
  const escaped = service.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await fsp.writeFile(
    path.join(dir, 'rights'),
    [
      '[service]', `user: ${escaped}`, 'collection: .*', 'permissions: RrWw', '',
      '[root]', 'user: .+', 'collection:', 'permissions: R', '',
      '[principal]', 'user: .+', 'collection: {user}', 'permissions: RW', '',
      '[collections]', 'user: .+', 'collection: {user}/[^/]+', 'permissions: rw', '',
    ].join('\n'),
  );
  await fsp.mkdir(path.join(dir, 'collections'), { recursive: true });
  await fsp.writeFile(
    path.join(dir, 'config'),
    [
      '[server]', `hosts = 127.0.0.1:${port}`, '',
      '[auth]', 'type = htpasswd', `htpasswd_filename = ${htpasswd}`, 'htpasswd_encryption = md5', 'delay = 0', '',
      '[rights]', 'type = from_file', `file = ${path.join(dir, 'rights')}`, '',
      '[storage]', `filesystem_folder = ${path.join(dir, 'collections')}`, '',
      '[web]', 'type = none', '',
      '[logging]', 'level = warning', '',
    ].join('\n'),
  );
  const logFd = fs.openSync(path.join(dir, 'radicale.log'), 'a');
  // Never inherit the caller's stdout (a `$(start …)` would hang until the server exits).
  const child = spawn(RADICALE_BIN, ['--config', path.join(dir, 'config')], { stdio: ['ignore', logFd, logFd], detached: false });
  fs.closeSync(logFd);
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  const deadline = Date.now() + 20_000;
  while (!(await canConnect(port))) {
    if (exited !== null || Date.now() > deadline) {
      const log = await fsp.readFile(path.join(dir, 'radicale.log'), 'utf8').catch(() => '');
      child.kill('SIGKILL');
      throw new Error(`Radicale did not start (exit ${exited}): ${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    port,
    service,
    addUser,
    makeAddressBook: (owner, book, as) => makeAddressBook(url, owner, book, as),
    htpasswd,
    dir,
    startMs: Date.now() - t0,
    async stop() {
      if (exited === null && child.pid) {
        const gone = new Promise((r) => child.once('exit', r));
        process.kill(child.pid, 'SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
        if (exited === null) process.kill(child.pid, 'SIGKILL');
      }
      if (!keep) await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}
