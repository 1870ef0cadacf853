import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPipeline } from '../../main/app/check.js';
import { connections } from '../../main/app/connections.js';
import type { AppContext } from '../../main/app/context.js';
import { pipelines } from '../../main/app/pipelines.js';
import { allFactories } from '../../main/connectors/registry.js';
import { RmmStandinState } from '../../main/demo/rmm-standin.js';
import { createNullLogger } from '../../main/log/index.js';
import { createMemoryStore } from '../../main/secrets/index.js';
import { openStore } from '../../main/store/index.js';
import { startCentronSimulator, type CentronSimulator } from '../simulators/centron/server.js';
import { tempDir } from '../support/temp-store.js';

describe('the uniqueness check of a pipeline', () => {
  let sim: CentronSimulator;
  let ctx: AppContext;
  let rmm: RmmStandinState;
  let rmmFile: string;
  beforeAll(async () => {
    sim = await startCentronSimulator({ data: { customers: 0, devices: 0, seed: 1 } });
    sim.state.addCustomer({ Name: 'Müller GmbH', Number: 1 });
    sim.state.addCustomer({ Name: 'Mu\u0308ller  GmbH ', Number: 2 }); // same after normalisation
    sim.state.addCustomer({ Name: 'Schulz', Number: 3 });
    sim.state.addCustomer({ Name: 'Schulz', Number: 4, IsActive: false }); // inactive: not synced, not counted
    const dir = tempDir('ferry-check-');
    ctx = { dataDir: dir, store: openStore(dir), secrets: createMemoryStore(), log: createNullLogger(), factories: new Map(allFactories.map((f) => [f.kind, f])), now: () => new Date() };
    rmmFile = path.join(dir, 'rmm.json');
    rmm = new RmmStandinState();
    rmm.groups.set(rmm.id(), { name: 'Twice' });
    rmm.groups.set(rmm.id(), { name: 'twice' });
    rmm.save(rmmFile);
    await connections.create(ctx, { kind: 'centron', name: 'erp', url: sim.url, username: 'ferry', secret: 'secret' });
    await connections.create(ctx, { kind: 'rmm-standin', name: 'rmm', url: pathToFileURL(rmmFile).href }, { allowHidden: true });
    pipelines.create(ctx, { name: 'p', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }], match: { customer: 'name' } });
  });
  afterAll(async () => {
    ctx.store.close();
    await sim.stop();
  });

  it('lists the values shared by more than one record, per side, after normalisation', async () => {
    const r = await checkPipeline(ctx, 'p');
    expect(r.unique).toBe(false);
    const left = r.entities.find((e) => e.side === 'left')!;
    expect(left.records).toBe(3);
    expect(left.duplicates).toEqual([{ value: 'müller gmbh', ids: expect.arrayContaining([expect.any(String), expect.any(String)]) }]);
    const right = r.entities.find((e) => e.side === 'right')!;
    expect(right.duplicates.map((d) => d.value)).toEqual(['twice']);
  });

  it('says unique once the duplicates are gone', async () => {
    const m = sim.state.listCustomers().find((c) => c.Number === 2)!;
    sim.state.updateCustomer(m.I3D, { Name: 'Meier' });
    const s = RmmStandinState.load(rmmFile);
    s.groups.delete([...s.groups].find(([, g]) => g.name === 'twice')![0]);
    s.save(rmmFile);
    expect((await checkPipeline(ctx, 'p')).unique).toBe(true);
  });
});
