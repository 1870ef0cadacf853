import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { RunResult } from '../../shared/model.js';
import { connections } from '../app/connections.js';
import type { AppContext } from '../app/context.js';
import { pipelines } from '../app/pipelines.js';
import { executeRun } from '../app/runs.js';
import { mapAccount } from '../connectors/centron/customers.js';
import type { CentronSimulator } from '../../test/simulators/centron/server.js';
import { RmmStandinState, standinFactory } from './rmm-standin.js';

export const DEMO_PIPELINE = 'demo';
export const standinFile = (dataDir: string) => path.join(dataDir, 'rmm-standin.json');

/**
 * The demo's story (seed 000): an RMM that already knows some customers and their devices; c-entron as the ERP.
 * Run 1 (full) links the known customers by name, creates the others as host groups and brings every device of a
 * linked customer into c-entron. Then a customer is renamed in c-entron and a device's serial number changes in
 * the RMM; run 2 carries both over and creates nothing.
 */
export async function runStandinScenario(ctx: AppContext, sim: CentronSimulator, simPassword: string): Promise<{ runs: [RunResult, RunResult]; changes: string[] }> {
  const file = standinFile(ctx.dataDir);
  const rmm = new RmmStandinState();
  const render = (name: string, number: string | null) => `${number ?? ''} ${name}`.replace(/\s+/gu, ' ').trim().slice(0, 255);
  const active = sim.state.listCustomers().filter((c) => c.IsActive);
  let n = 0;
  for (const c of active.slice(0, Math.ceil(active.length * 0.6))) {
    const m = mapAccount(c);
    if (!m.ok) continue;
    const gid = rmm.id();
    rmm.groups.set(gid, { name: render(m.data.name, m.data.number) });
    for (let k = 0; k < 1 + (n % 3); k++) {
      rmm.addHost(`ws-${c.I3D}-${k + 1}`, gid, { name: `Arbeitsplatz ${k + 1}`, serialNumber: `SN-${c.I3D}-${k + 1}`, manufacturer: 'Lenovo', model: 'ThinkCentre M70q', operatingSystem: 'Windows 11 Pro', macAddress: `00:1A:2B:${String(c.I3D % 100).padStart(2, '0')}:00:0${k + 1}` });
    }
    n++;
  }
  const orphan = rmm.id();
  rmm.groups.set(orphan, { name: 'Linux servers' });
  rmm.addHost('srv-monitoring', orphan, { operatingSystem: 'Debian 12' });
  rmm.save(file);

  await connections.create(ctx, { kind: 'centron', name: 'c-entron', url: sim.url, username: 'ferry', options: { deviceWrite: 'confirmed' }, secret: simPassword });
  await connections.create(ctx, { kind: 'rmm-standin', name: 'rmm', url: pathToFileURL(file).href, options: {} }, { allowHidden: true });
  pipelines.create(ctx, { name: DEMO_PIPELINE, left: 'c-entron', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-left' }] });
  const run1 = await executeRun(ctx, { pipeline: DEMO_PIPELINE, mode: 'full', trigger: 'demo' });

  const changes: string[] = [];
  const first = sim.state.listCustomers().find((c) => c.IsActive && c.Name && mapAccount(c).ok);
  if (first) {
    sim.state.updateCustomer(first.I3D, { Name: `${first.Name} (neu)` });
    changes.push(`c-entron: customer ${first.I3D} renamed to "${first.Name} (neu)"`);
  }
  const after = RmmStandinState.load(file);
  const host = [...after.hosts].find(([, h]) => h.device.code.startsWith('ws-'));
  if (host) {
    host[1].device.serialNumber = `${host[1].device.serialNumber ?? ''}-R`;
    after.save(file);
    changes.push(`RMM: device ${host[1].device.code} got serial number ${host[1].device.serialNumber}`);
  }
  const run2 = await executeRun(ctx, { pipeline: DEMO_PIPELINE, mode: 'delta', trigger: 'demo' });
  return { runs: [run1, run2], changes };
}

export { standinFactory };
