import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/app/context.js';
import { connections } from '../../main/app/connections.js';
import { pipelines } from '../../main/app/pipelines.js';
import { executeRun } from '../../main/app/runs.js';
import { allFactories } from '../../main/connectors/registry.js';
import { createNullLogger } from '../../main/log/index.js';
import { createMemoryStore } from '../../main/secrets/index.js';
import { openStore } from '../../main/store/index.js';
import { ZabbixApi } from '../peers/zabbix-api.js';
import { startCentronSimulator, type CentronSimulator } from '../simulators/centron/server.js';
import { startLossyProxy } from '../support/lossy-proxy.js';
import { tempDir } from '../support/temp-store.js';

// "Write applied, answer lost" for every writable entity of this slice, with the real connectors:
// customers → Zabbix host groups (a real Zabbix behind a proxy that loses the answer), devices → c-entron.
const tag = crypto.randomBytes(3).toString('hex');

describe('write applied, answer lost', () => {
  let sim: CentronSimulator;
  let proxy: Awaited<ReturnType<typeof startLossyProxy>>;
  let zbx: ZabbixApi;
  let ctx: AppContext;

  beforeAll(async () => {
    sim = await startCentronSimulator({ data: { customers: 0, devices: 0, seed: 1 } });
    for (let i = 0; i < 3; i++) sim.state.addCustomer({ Name: `Verloren ${tag} ${i}`, Number: 80000 + i });
    proxy = await startLossyProxy(process.env['FERRY_TEST_ZABBIX_URL']!);
    zbx = await ZabbixApi.login(process.env['FERRY_TEST_ZABBIX_API_URL']!);
    const dir = tempDir('ferry-lost-');
    ctx = { dataDir: dir, store: openStore(dir), secrets: createMemoryStore(), log: createNullLogger(), factories: new Map(allFactories.map((f) => [f.kind, f])), now: () => new Date() };
    await connections.create(ctx, { kind: 'centron', name: 'erp', url: sim.url, username: 'ferry', options: { deviceWrite: 'confirmed' }, secret: 'secret' });
    await connections.create(ctx, { kind: 'zabbix', name: 'rmm', url: proxy.url, username: 'Admin', secret: 'zabbix' });
    pipelines.create(ctx, { name: 'p', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-left' }] });
  });
  afterAll(async () => {
    ctx.store.close();
    await proxy.stop();
    await sim.stop();
  });

  it('customer → Zabbix host group: the group is found by its name and linked, never created twice', async () => {
    proxy.loseNext(/hostgroup\.create/);
    const r = await executeRun(ctx, { pipeline: 'p', mode: 'full' });
    expect(proxy.lost).toBe(1);
    expect(r.entities.customer).toMatchObject({ created: 3, failed: 0 });
    for (let i = 0; i < 3; i++) {
      const groups = (await zbx.call<{ name: string }[]>('hostgroup.get', { output: ['name'], search: { name: `Verloren ${tag} ${i}` } })).filter((g) => g.name === `${80000 + i} Verloren ${tag} ${i}`);
      expect(groups).toHaveLength(1);
    }
    const again = await executeRun(ctx, { pipeline: 'p', mode: 'full' });
    expect(again.entities.customer).toMatchObject({ created: 0, updated: 0, failed: 0 });
  });

  it('device → c-entron: the device is found by its code and linked, never created twice', async () => {
    const g = await zbx.groupByName(`80000 Verloren ${tag} 0`);
    await zbx.createHost({ host: `lost-${tag}`, groupIds: [g!.groupid], inventory: { serialno_a: 'L-1' } });
    sim.setFaults({ failNext: { method: 'SaveMasterDataList', count: 1, kind: 'drop-after-apply' } });
    const r = await executeRun(ctx, { pipeline: 'p', mode: 'delta' });
    expect(r.entities.device).toMatchObject({ created: 1, failed: 0 });
    expect(sim.state.findDevicesByCode(`lost-${tag}`)).toHaveLength(1);
    const items = ctx.store.runs.items(r.run).filter((i) => i.entity === 'device' && i.action === 'created');
    expect(items[0]?.reason).toMatch(/answer was lost/);
    const again = await executeRun(ctx, { pipeline: 'p', mode: 'full' });
    expect(again.entities.device).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(sim.state.findDevicesByCode(`lost-${tag}`)).toHaveLength(1);
  });
});
