// The systems the e2e suite runs against, started once per run on 127.0.0.1 and stopped by PID:
// a real Zabbix (test/peers), the c-entron simulator in its own process, and `ferry serve` on a fresh data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startZabbix, type ZabbixPeer } from '../peers/zabbix.js';

export interface Stack {
  ferryUrl: string;
  token: string;
  dataDir: string;
  centronUrl: string;
  zabbixUrl: string;
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
  if (!p || p.exitCode !== null || p.pid === undefined) return;
  const exited = new Promise((r) => p.once('exit', r));
  process.kill(p.pid, 'SIGTERM');
  await exited;
}

export async function startStack(): Promise<Stack> {
  let zabbix: ZabbixPeer | null = null;
  let sim: ChildProcess | null = null;
  let serve: ChildProcess | null = null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-'));
  const stop = async () => {
    await stopChild(serve);
    await stopChild(sim);
    await zabbix?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    zabbix = await startZabbix();
    sim = spawn(process.execPath, ['--import', 'tsx', 'test/simulators/centron/main.ts', '--port', '0', '--customers', '12', '--devices', '30', '--seed', '7'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const centronUrl = String((await firstJsonLine(sim, 'c-entron simulator'))['url']);
    serve = spawn(process.execPath, ['bin/ferry.js', 'serve', '--json', '--data-dir', dataDir], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FERRY_RENDERER_DIR: path.join(repo, 'dist', 'renderer'), TZ: 'Europe/Berlin' },
    });
    const info = await firstJsonLine(serve, 'ferry serve');
    const token = fs.readFileSync(String(info['tokenFile']), 'utf8').trim();
    return { ferryUrl: String(info['url']), token, dataDir, centronUrl, zabbixUrl: zabbix.url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
