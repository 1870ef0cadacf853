import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { connections } from '../../main/app/connections.js';
import type { AppContext } from '../../main/app/context.js';
import { pipelines } from '../../main/app/pipelines.js';
import { allFactories } from '../../main/connectors/registry.js';
import { RmmStandinState } from '../../main/demo/rmm-standin.js';
import { createNullLogger } from '../../main/log/index.js';
import { createKeytarStore } from '../../main/secrets/index.js';
import { openStore } from '../../main/store/index.js';
import type { CentronSimulator } from '../simulators/centron/server.js';
import { tempDir } from '../support/temp-store.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** A data folder with c-entron (simulator) ⇄ RMM stand-in (file) and the seed-000 pipeline, made through the app layer. */
export async function crashSetup(sim: CentronSimulator, password: string): Promise<{ dir: string; rmmFile: string }> {
  const dir = tempDir('ferry-crash-');
  const rmmFile = path.join(dir, 'rmm.json');
  new RmmStandinState().save(rmmFile);
  const store = openStore(dir);
  const ctx: AppContext = { dataDir: dir, store, secrets: createKeytarStore(), log: createNullLogger(), factories: new Map(allFactories.map((f) => [f.kind, f])), now: () => new Date() };
  await connections.create(ctx, { kind: 'centron', name: 'erp', url: sim.url, username: 'ferry', options: { deviceWrite: 'confirmed', pageSize: '7' }, secret: password });
  await connections.create(ctx, { kind: 'rmm-standin', name: 'rmm', url: pathToFileURL(rmmFile).href }, { allowHidden: true });
  pipelines.create(ctx, { name: 'p', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-left' }] });
  store.close();
  return { dir, rmmFile };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `ferry run p` in its own process; `crashAt` sets FERRY_CRASH_AT, `killAfterMs` sends SIGKILL after that long. */
export function runFerry(dir: string, o: { crashAt?: string; killAfterMs?: number; full?: boolean } = {}): Promise<Exit> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    if (o.crashAt) env['FERRY_CRASH_AT'] = o.crashAt;
    else delete env['FERRY_CRASH_AT'];
    const p = spawn(process.execPath, [path.join(repo, 'bin/ferry.js'), 'run', 'p', '--data-dir', dir, '--json', ...(o.full ? ['--full'] : [])], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = o.killAfterMs !== undefined ? setTimeout(() => p.kill('SIGKILL'), o.killAfterMs) : null;
    p.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Both sides hold every record once and every link points at existing records. */
export function invariants(sim: CentronSimulator, rmmFile: string, dir: string): { groups: number; devices: number; problems: string[] } {
  const rmm = RmmStandinState.load(rmmFile);
  const problems: string[] = [];
  const names = [...rmm.groups.values()].map((g) => g.name);
  const dupNames = names.filter((n, i) => names.indexOf(n) !== i);
  if (dupNames.length) problems.push(`duplicate host groups: ${dupNames.join(', ')}`);
  const codes = sim.state.listDevices().map((d) => d.Code);
  const dupCodes = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (dupCodes.length) problems.push(`duplicate devices in c-entron: ${dupCodes.join(', ')}`);
  const store = openStore(dir);
  try {
    const links = store.db.prepare('SELECT entity, left_id, right_id FROM links').all() as { entity: string; left_id: string; right_id: string }[];
    for (const l of links) {
      if (l.entity === 'customer' && (!sim.state.getCustomer(Number(l.left_id)) || !rmm.groups.has(l.right_id))) problems.push(`dangling customer link ${l.left_id}↔${l.right_id}`);
      if (l.entity === 'device' && (!sim.state.getDevice(Number(l.left_id)) || !rmm.hosts.has(l.right_id))) problems.push(`dangling device link ${l.left_id}↔${l.right_id}`);
    }
    const open = store.db.prepare('SELECT COUNT(*) AS n FROM intents').get() as { n: number };
    if (open.n) problems.push(`${open.n} open intents after a clean run`);
  } finally {
    store.close();
  }
  return { groups: rmm.groups.size, devices: sim.state.listDevices().length, problems };
}
