// npm run bench -- --both [--customers 20000 --contacts 60000] [--json] (see bench.ts)
// Two-way vs one-way delta on in-process connectors on both sides (measures the engine and the state alone):
// customers and contacts linked on both sides, 1 % changed on each side, 0.1 % changed on both (conflicts, left-wins).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPipeline } from '../../main/engine/run.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import { openStore } from '../../main/store/index.js';
import type { PipelineConfig } from '../../shared/model.js';
import { MemorySystem } from '../support/memory-system.js';

/** One direction in this process (the launcher runs each in a process of its own, so neither inherits the other's heap). */
export async function benchDirection(direction: 'both' | 'to-right', customers: number, contacts: number, say: (s: string) => void): Promise<Record<string, number>> {
  const measure = async () => {
    const flow = { direction, match: 'number' as const, deletePolicy: 'ignore' as const, conflictPolicy: 'left-wins' as const, onlyActive: true };
    const config: PipelineConfig = { entities: { customer: flow, contact: { ...flow, match: 'name' as const } }, schedule: { everyMinutes: 15, fullAt: null, timeZone: 'UTC', entityEvery: {} }, deleteGuard: { percent: 10, max: 50 } };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-both-'));
    const store = openStore(dir);
    const now = new Date().toISOString();
    for (const id of ['L', 'R']) store.connections.insert({ id, kind: 'memory', name: id, url: 'mem:', username: null, options: {}, enabled: true, createdAt: now, modifiedAt: now });
    store.pipelines.insert({ id: 'P', name: 'p', leftId: 'L', rightId: 'R', config, paused: false, createdAt: now, modifiedAt: now, activatedAt: now });
    const left = new MemorySystem('l');
    const right = new MemorySystem('r');
    left.pageSize = right.pageSize = 500;
    const cust: string[] = [];
    for (let i = 0; i < customers; i++) cust.push(left.addCustomer(`Kunde ${i}`, String(10000 + i)));
    for (let i = 0; i < contacts; i++) left.addContact(cust[i % customers]!, `k${i}@example.de`);
    // The in-memory systems live in this process too: their share is reported apart from the peak.
    const systemsRssMb = Math.round(process.memoryUsage.rss() / 1048576);
    const state = new SqliteSyncState(store.db, 'P');
    let n = 0;
    const run = async () => {
      const runId = `b${++n}`;
      store.runs.start({ id: runId, pipelineId: 'P', trigger: 'manual', mode: 'delta', scope: {}, startedAt: now });
      const t = performance.now();
      const r = await runPipeline({ runId, pipelineId: 'P', config, left: left.connector(), right: right.connector(), state, mode: 'delta', dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
      if (r.status !== 'ok') throw new Error(`${direction} run: ${r.status} ${r.error?.message ?? ''}`);
      return { ms: performance.now() - t, r };
    };
    await run(); // link everything (not measured)
    // 1 % changed on each side; 0.1 % changed on both.
    const lc = [...left.customers.keys()];
    const rc = [...right.customers.keys()];
    const lk = [...left.contacts.keys()];
    const rk = [...right.contacts.keys()];
    const pct = (a: string[], p: number, off = 0) => a.filter((_, i) => (i + off) % Math.round(100 / p) === 0);
    // Three rounds of edits and a delta run each; the median round is reported (one round of ~1 s is noisy).
    const rounds: number[] = [];
    for (let round = 1; round <= 3; round++) {
      const tag = `${round}`;
      for (const id of pct(lc, 1)) left.editCustomer(id, { phone: `L${tag}` });
      for (const id of pct(lk, 1)) left.editContact(id, { phone: `L${tag}` });
      if (direction === 'both') {
        for (const id of pct(rc, 1, 7)) right.editCustomer(id, { city: `R${tag}` });
        for (const id of pct(rk, 1, 7)) right.editContact(id, { lastName: `R${tag}` });
        for (const id of pct(rc, 0.1)) right.editCustomer(id, { phone: `R${tag}` }); // also changed on the left: conflicts
      }
      const { ms, r } = await run();
      say(`${direction} round ${round}: ${ms.toFixed(0)} ms ${JSON.stringify(r.entities)}`);
      rounds.push(ms);
    }
    const ms = rounds.sort((a, b) => a - b)[1]!;
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return { ms, systemsRssMb };
  };
  const { ms, systemsRssMb } = await measure();
  return { deltaMs: Math.round(ms), peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1048576), systemsRssMb };
}
