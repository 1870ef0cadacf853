// One-way benchmark (README "Benchmark"): the c-entron simulator in its own process on loopback (page size 500), a
// one-way pipeline of customers and devices into an in-process target that keeps records in memory, so the figures
// measure Ferry (read, validate, hash, plan, state). Peak RSS is this process's.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { connections } from '../../main/app/connections.js';
import type { AppContext } from '../../main/app/context.js';
import { pipelines } from '../../main/app/pipelines.js';
import { executeRun } from '../../main/app/runs.js';
import { CentronClient } from '../../main/connectors/centron/client.js';
import { centronFactory } from '../../main/connectors/centron/index.js';
import { createStandinConnector, RmmStandinState } from '../../main/demo/rmm-standin.js';
import { createNullLogger } from '../../main/log/index.js';
import { createMemoryStore } from '../../main/secrets/index.js';
import { openStore } from '../../main/store/index.js';

const PAGE = 500;

export async function benchOneWay(customers: number, devices: number, repo: string, say: (s: string) => void): Promise<Record<string, number>> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  // The simulator and the bench's own edits run in processes of their own (TypeScript through tsx there).
  const sim = spawn(process.execPath, ['--import', 'tsx', 'test/simulators/centron/main.ts', '--port', '0', '--customers', String(customers), '--devices', String(devices), '--seed', '1'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: sim.stdout! });
    rl.once('line', (l) => resolve((JSON.parse(l) as { url: string }).url));
    sim.once('exit', (c) => reject(new Error(`simulator exited with ${c}`)));
  });
  say(`simulator (own process, pid ${sim.pid}) at ${url} with ${customers} customers and ${devices} devices`);

  const log = createNullLogger();
  const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const t = performance.now();
    const r = await f();
    return [r, performance.now() - t];
  };

  try {
    // Baseline: only paging every record out of the same simulator with the same HTTP client.
    const [records, baselineMs] = await time(async () => {
      const client = new CentronClient({ baseUrl: url, username: 'ferry', password: 'secret', pageSize: PAGE, log });
      let n = 0;
      for await (const p of client.pages('searchAccounts', { Filter: { SearchText: '', IsActive: null } } as never)) n += p.items.length;
      for await (const p of client.pages('searchMasterDataLists', { Filter: { CustomerI3D: null } } as never)) n += p.items.length;
      await client.close();
      return n;
    });
    say(`baseline: ${records} records paged out in ${baselineMs.toFixed(0)} ms`);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-'));
    const store = openStore(dir);
    const ctx: AppContext = { dataDir: dir, store, secrets: createMemoryStore(), log, factories: new Map([[centronFactory.kind, centronFactory]]), now: () => new Date() };
    const target = new RmmStandinState();
    const right = createStandinConnector(target);
    await connections.create(ctx, { kind: 'centron', name: 'erp', url, username: 'ferry', options: { deviceWrite: 'confirmed', pageSize: String(PAGE) }, secret: 'secret' });
    // The target connection row exists only for the pipeline's sake; its connector is the in-memory target.
    store.connections.insert({ id: 'con_target', kind: 'memory', name: 'target', url: 'memory:', username: null, options: {}, enabled: true, createdAt: new Date().toISOString(), modifiedAt: new Date().toISOString() });
    pipelines.create(ctx, { name: 'bench', left: 'erp', right: 'target', entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-right' }] });
    const run = async (mode: 'full' | 'delta') => {
      const left = centronFactory.create({ config: { id: 'erp', kind: 'centron', name: 'erp', url, username: 'ferry', options: { deviceWrite: 'confirmed', pageSize: String(PAGE) } }, secrets: { password: 'secret' }, log });
      const [r, ms] = await time(() => executeRun(ctx, { pipeline: 'bench', mode }, undefined, { left, right }));
      await left.close();
      if (r.status !== 'ok' && r.status !== 'partial') throw new Error(`bench run ${mode} ${r.status}: ${r.error?.message}`);
      return { r, ms };
    };
    const full = await run('full');
    say(`full (first) run: ${full.ms.toFixed(0)} ms ${JSON.stringify(full.r.entities)}`);
    const noop = await run('delta');
    say(`no-op run: ${noop.ms.toFixed(0)} ms ${JSON.stringify(noop.r.entities)}`);
    // 1 % of the devices change in c-entron, through its own (assumed) write method, from a process of their own.
    const changed = await new Promise<number>((resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', 'test/bench/change-devices.ts', '--url', url, '--step', '100', '--page-size', String(PAGE)], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      p.once('exit', (code) => (code === 0 ? resolve((JSON.parse(out) as { changed: number }).changed) : reject(new Error(`change-devices exited with ${code}`))));
    });
    const delta = await run('delta');
    say(`delta run after ${changed} device changes: ${delta.ms.toFixed(0)} ms ${JSON.stringify(delta.r.entities.device)}`);
    clearInterval(sampler);
    const result = {
      records,
      baselineMs: Math.round(baselineMs),
      baselineRecordsPerSec: Math.round(records / (baselineMs / 1000)),
      fullMs: Math.round(full.ms),
      ratio: Number((full.ms / baselineMs).toFixed(2)),
      noopMs: Math.round(noop.ms),
      noopRatio: Number((noop.ms / baselineMs).toFixed(2)),
      deltaMs: Math.round(delta.ms),
      peakRssMb: Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1048576),
    };
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return result;
  } finally {
    clearInterval(sampler);
    sim.kill('SIGTERM');
  }
}
