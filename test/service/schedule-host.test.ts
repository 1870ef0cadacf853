import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../../main/app/connections.js';
import type { AppContext } from '../../main/app/context.js';
import { pipelines } from '../../main/app/pipelines.js';
import { allFactories } from '../../main/connectors/registry.js';
import { RmmStandinState } from '../../main/demo/rmm-standin.js';
import { createNullLogger } from '../../main/log/index.js';
import { createMemoryStore } from '../../main/secrets/index.js';
import { startEngineHost, type EngineHost } from '../../main/service/host.js';
import { openStore } from '../../main/store/index.js';
import { ManualTimers } from '../scheduler/manual-timers.js';
import { startCentronSimulator, type CentronSimulator } from '../simulators/centron/server.js';
import { tempDir } from '../support/temp-store.js';

// The engine host runs what the schedule asks for (seed 000: every 60 minutes, devices every 45), on a clock the
// test moves by hand.
describe('the engine host runs pipelines on their schedule', () => {
  let sim: CentronSimulator;
  let ctx: AppContext;
  let host: EngineHost;
  const timers = new ManualTimers(new Date());
  beforeAll(async () => {
    sim = await startCentronSimulator({ data: { customers: 4, devices: 0, seed: 4 } });
    const dir = tempDir('ferry-sched-');
    ctx = { dataDir: dir, store: openStore(dir), secrets: createMemoryStore(), log: createNullLogger(), factories: new Map(allFactories.map((f) => [f.kind, f])), now: () => timers.now() };
    const rmmFile = path.join(dir, 'rmm.json');
    new RmmStandinState().save(rmmFile);
    await connections.create(ctx, { kind: 'centron', name: 'erp', url: sim.url, username: 'ferry', options: { deviceWrite: 'confirmed' }, secret: 'secret' });
    await connections.create(ctx, { kind: 'rmm-standin', name: 'rmm', url: pathToFileURL(rmmFile).href }, { allowHidden: true });
    pipelines.create(ctx, { name: 'p', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-left' }], timeZone: 'Europe/Berlin' });
    host = await startEngineHost(ctx, { timers, reloadMs: 3_600_000 });
  });
  afterAll(async () => {
    await host.stop();
    ctx.store.close();
    await sim.stop();
  });

  it('nothing runs before the first interval; at 45 minutes the devices run, at 60 the rest', async () => {
    await host.idle();
    expect(ctx.store.runs.list()).toHaveLength(0);
    expect(host.scheduler.next(ctx.store.pipelines.list()[0]!.id).runs.length).toBeGreaterThan(0);
    timers.advanceBy(44 * 60_000);
    await host.idle();
    expect(ctx.store.runs.list()).toHaveLength(0);
    timers.advanceBy(60_000);
    await host.idle();
    let runs = ctx.store.runs.list();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'schedule', status: 'ok' });
    expect(Object.keys(runs[0]!.entities)).toEqual(['device']);
    timers.advanceBy(15 * 60_000);
    await host.idle();
    runs = ctx.store.runs.list();
    expect(runs).toHaveLength(2);
    expect(Object.keys(runs[0]!.entities)).toEqual(['customer']);
    expect(runs[0]!.entities.customer?.created).toBe(sim.state.listCustomers().filter((c) => c.IsActive).length);
  });
});
