import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashPoints } from '../../main/engine/crash.js';
import { RmmStandinState } from '../../main/demo/rmm-standin.js';
import { startCentronSimulator, type CentronSimulator } from '../simulators/centron/server.js';
import { crashSetup, invariants, runFerry } from './harness.js';

// Crash safety: the process dies (SIGKILL) at each named crash point; the next run creates no duplicate and loses nothing.
const password = 'crash-test-pw';
const CUSTOMERS = 12;

async function freshSim(customers = CUSTOMERS): Promise<CentronSimulator> {
  const sim = await startCentronSimulator({ users: [{ username: 'ferry', password, rights: 'all' }], data: { customers: 0, devices: 0, seed: 5 } });
  for (let i = 0; i < customers; i++) sim.state.addCustomer({ Name: `Crash Kunde ${i}`, Number: 90000 + i });
  return sim;
}

/** After the customers exist in the RMM, hosts appear there (as agents would) so that devices flow back. */
function addHosts(rmmFile: string): number {
  const rmm = RmmStandinState.load(rmmFile);
  let n = 0;
  for (const [gid] of rmm.groups) for (let k = 0; k < 2; k++) rmm.addHost(`host-${gid}-${k}-${n++}`, gid, { serialNumber: `SN${n}` });
  rmm.save(rmmFile);
  return n;
}

describe('crash points', () => {
  const sims: CentronSimulator[] = [];
  afterAll(async () => {
    for (const s of sims) await s.stop();
  });

  for (const point of crashPoints) {
    it(`dies at ${point}: the next run completes with no duplicate and nothing lost`, async () => {
      const sim = await freshSim();
      sims.push(sim);
      const { dir, rmmFile } = await crashSetup(sim, password);
      // First: customers, crashing on the 3rd pass of the point.
      // mid-page is passed once per entity's writes; the others once per record.
      const nth = point === 'mid-page' ? 1 : 3;
      const first = await runFerry(dir, { crashAt: `${point}:${nth}`, full: true });
      if (point !== 'before-finish' && point !== 'before-cursor') expect(first.signal, first.stderr).toBe('SIGKILL');
      let r = await runFerry(dir, { full: true });
      expect(r.code, r.stderr).toBe(0);
      expect(invariants(sim, rmmFile, dir)).toEqual({ groups: CUSTOMERS, devices: 0, problems: [] });
      // Then devices: crash on the 2nd pass while creating them in c-entron.
      const hosts = addHosts(rmmFile);
      await runFerry(dir, { crashAt: `${point}:${point === 'mid-page' ? 1 : 2}` });
      r = await runFerry(dir, { full: true });
      expect(r.code, r.stderr).toBe(0);
      expect(invariants(sim, rmmFile, dir)).toEqual({ groups: CUSTOMERS, devices: hosts, problems: [] });
      r = await runFerry(dir, { full: true });
      const e = (JSON.parse(r.stdout) as { entities: Record<string, Record<string, number>> }).entities;
      expect(e['customer']).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 });
      expect(e['device']).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 });
    });
  }
});

describe('timed SIGKILLs against a slow c-entron', () => {
  let sim: CentronSimulator;
  // Enough records that a run takes seconds at this latency, so kills land while it reads and writes.
  const MANY = 60;
  beforeAll(async () => {
    sim = await freshSim(MANY);
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('20 runs killed at random moments, then one clean run: every record once, links consistent', async () => {
    const { dir, rmmFile } = await crashSetup(sim, password);
    sim.setFaults({ latencyMs: 60 });
    // A deterministic sequence of kill times (ms after start), spread over start-up, reading and writing.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let killed = 0;
    for (let i = 0; i < 20; i++) {
      if (i === 4) addHosts(rmmFile);
      // Every run has work to do: a few customers change in c-entron each time.
      for (const c of sim.state.listCustomers().slice(0, 10)) sim.state.updateCustomer(c.I3D, { Name: `Crash Kunde ${c.I3D} v${i}` });
      const ex = await runFerry(dir, { killAfterMs: 400 + Math.floor(rnd() * 3000), full: i % 2 === 0 });
      if (ex.signal === "SIGKILL") killed++;
    }
    sim.setFaults({ latencyMs: 0 });
    const r = await runFerry(dir, { full: true });
    expect(r.code, r.stderr).toBe(0);
    const inv = invariants(sim, rmmFile, dir);
    expect(inv.problems).toEqual([]);
    expect(inv.groups).toBe(MANY);
    expect(inv.devices).toBe(RmmStandinState.load(rmmFile).hosts.size);
    expect(killed).toBeGreaterThanOrEqual(10);
  }, 240_000);
});
