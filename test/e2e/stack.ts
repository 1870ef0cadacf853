// The systems the e2e suite runs against, started once per run on 127.0.0.1 and stopped by PID: a real Zabbix and
// a real Radicale (test/peers), the c-entron and SugarCRM simulators each in its own process, and `ferry serve` on a
// fresh data folder. The peers and simulators start side by side: the run waits for the slowest (Zabbix) only.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startRadicale, type RadicalePeer } from '../peers/radicale.js';
import { startZabbix, type ZabbixPeer } from '../peers/zabbix.js';

export interface Stack {
  ferryUrl: string;
  token: string;
  dataDir: string;
  centronUrl: string;
  zabbixUrl: string;
  /** The SugarCRM simulator's site URL (admin / secret). */
  sugarUrl: string;
  /** Radicale's root; users are added to its htpasswd file; the service account may read and write every user's books. */
  radicale: { url: string; htpasswd: string; serviceUser: string; servicePassword: string };
  stop(): Promise<void>;
}

const repo = path.resolve(import.meta.dirname, '../..');

function firstJsonLine(p: ChildProcess, what: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let err = '';
    p.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const rl = readline.createInterface({ input: p.stdout! });
    rl.once('line', (l) => {
      try {
        resolve(JSON.parse(l) as Record<string, unknown>);
      } catch {
        reject(new Error(`${what} printed ${l}`));
      }
    });
    p.once('exit', (c) => reject(new Error(`${what} exited with ${c}: ${err}`)));
  });
}

async function stopChild(p: ChildProcess | null): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null || p.pid === undefined) return;
  const exited = new Promise((r) => p.once('exit', r));
  process.kill(p.pid, 'SIGTERM');
  await exited;
}

/** A simulator in its own process (node + tsx); answers its URL from the JSON line it prints when ready. */
function startSimulator(script: string, args: string[], what: string, started: ChildProcess[]): Promise<string> {
  const p = spawn(process.execPath, ['--import', 'tsx', script, '--port', '0', ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(p);
  return firstJsonLine(p, what).then((info) => String(info['url']));
}

export async function startStack(): Promise<Stack> {
  const sims: ChildProcess[] = [];
  let zabbix: ZabbixPeer | null = null;
  let radicale: RadicalePeer | null = null;
  let serve: ChildProcess | null = null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-'));
  const stop = async () => {
    await stopChild(serve);
    for (const s of sims) await stopChild(s);
    await radicale?.stop();
    await zabbix?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // Side by side; each is recorded as it comes up, so when one fails, stop() still ends the others.
    const starting = [
      startZabbix().then((p) => (zabbix = p)),
      startRadicale().then((p) => (radicale = p)),
      startSimulator('test/simulators/centron/main.ts', ['--customers', '12', '--devices', '30', '--seed', '7'], 'c-entron simulator', sims),
      // No generated records: the CRM spec makes its own users and contacts (the simulator's default users stay).
      startSimulator('test/simulators/sugarcrm/main.ts', ['--accounts', '0', '--cases', '0', '--seed', '1'], 'SugarCRM simulator', sims),
    ] as const;
    await Promise.allSettled(starting);
    const [z, r, centronUrl, sugarUrl] = await Promise.all(starting);
    serve = spawn(process.execPath, ['bin/ferry.js', 'serve', '--json', '--data-dir', dataDir], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FERRY_RENDERER_DIR: path.join(repo, 'dist', 'renderer'), TZ: 'Europe/Berlin' },
    });
    const info = await firstJsonLine(serve, 'ferry serve');
    const token = fs.readFileSync(String(info['tokenFile']), 'utf8').trim();
    return {
      ferryUrl: String(info['url']),
      token,
      dataDir,
      centronUrl,
      zabbixUrl: z.url,
      sugarUrl,
      radicale: { url: r.url, htpasswd: r.htpasswd, serviceUser: r.service.name, servicePassword: r.service.password },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
