import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Device } from '../../shared/entities.js';
import type { RunResult } from '../../shared/model.js';
import { connections, type CreateConnectionInput } from '../app/connections.js';
import type { AppContext } from '../app/context.js';
import { pipelines } from '../app/pipelines.js';
import { executeRun } from '../app/runs.js';
import { conflicts } from '../app/conflicts.js';
import type { ConflictView } from '../../shared/contract.js';
import { mapAccount } from '../connectors/centron/customers.js';
import { DEFAULT_GROUP_NAME_TEMPLATE, renderGroupName } from '../connectors/zabbix/group-name.js';
import { disambiguatedVisibleName } from '../connectors/zabbix/host-name.js';
import type { CentronSimulator } from '../../test/simulators/centron/server.js';
import { ZabbixApi, ZabbixApiError } from '../../test/peers/zabbix-api.js';
import { RmmStandinState, standinFactory } from './rmm-standin.js';

export const DEMO_PIPELINE = 'demo';
export const standinFile = (dataDir: string) => path.join(dataDir, 'rmm-standin.json');
/** The Zabbix user the demo connects as (Zabbix's default Super admin). */
export const DEMO_ZABBIX_USER = 'Admin';
export const DEMO_ZABBIX_PASSWORD = 'zabbix';

export const DEMO_BOTH_PIPELINE = 'demo-both';

export interface ScenarioResult {
  runs: [RunResult, RunResult];
  changes: string[];
  /** The two-way part: devices both ways, one conflict decided in the inbox. */
  twoWay: { pipeline: string; runs: RunResult[]; conflict: ConflictView | null; steps: string[] };
}

/**
 * The RMM's own side of the story: what its agents and admins do in it, not through Ferry. One for the in-process
 * stand-in, one for a real Zabbix (through its API, independent of Ferry's connector).
 */
interface RmmActor {
  /** Creates a host group for a customer; null when the RMM refuses the name (e.g. it exists already). */
  customerGroup(name: string): Promise<string | null>;
  /** A group for servers that belong to no customer (it is never synchronized). */
  otherGroup(name: string): Promise<string>;
  addHost(groupId: string, code: string, device: Partial<Device>): Promise<void>;
  /** Everything set up: the connection Ferry is given for this RMM. */
  connection(): Promise<{ input: CreateConnectionInput; hidden: boolean }>;
  /** After run 1: a device's serial number changes in the RMM; answers what happened, for the output. */
  changeSerial(): Promise<string | null>;
  /** Sets the serial number of the host with this code (the RMM side of a conflict). */
  setSerial(code: string, serial: string): Promise<void>;
}

/**
 * The demo's story (seed 000): an RMM that already knows some customers and their devices; c-entron as the ERP.
 * Run 1 (full) links the known customers by name, creates the others as host groups and brings every device of a
 * linked customer into c-entron. Then a customer is renamed in c-entron and a device's serial number changes in
 * the RMM; run 2 carries both over and creates nothing.
 */
async function runScenario(ctx: AppContext, sim: CentronSimulator, simPassword: string, rmm: RmmActor, groupName: (c: ReturnType<typeof mapAccount>) => string | null): Promise<ScenarioResult> {
  const active = sim.state.listCustomers().filter((c) => c.IsActive);
  let n = 0;
  for (const c of active.slice(0, Math.ceil(active.length * 0.6))) {
    const name = groupName(mapAccount(c));
    if (name === null) continue;
    const gid = await rmm.customerGroup(name);
    if (gid === null) continue;
    for (let k = 0; k < 1 + (n % 3); k++) {
      await rmm.addHost(gid, `ws-${c.I3D}-${k + 1}`, { name: `Arbeitsplatz ${k + 1}`, serialNumber: `SN-${c.I3D}-${k + 1}`, manufacturer: 'Lenovo', model: 'ThinkCentre M70q', operatingSystem: 'Windows 11 Pro', macAddress: `00:1A:2B:${String(c.I3D % 100).padStart(2, '0')}:00:0${k + 1}` });
    }
    n++;
  }
  const orphan = await rmm.otherGroup('Linux servers');
  await rmm.addHost(orphan, 'srv-monitoring', { operatingSystem: 'Debian 12' });
  const rmmConnection = await rmm.connection();

  await connections.create(ctx, { kind: 'centron', name: 'c-entron', url: sim.url, username: 'ferry', options: { deviceWrite: 'confirmed' }, secret: simPassword });
  await connections.create(ctx, rmmConnection.input, { allowHidden: rmmConnection.hidden });
  pipelines.create(ctx, { name: DEMO_PIPELINE, left: 'c-entron', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-left' }] });
  const run1 = await executeRun(ctx, { pipeline: DEMO_PIPELINE, mode: 'full', trigger: 'demo' });

  const changes: string[] = [];
  const first = sim.state.listCustomers().find((c) => c.IsActive && c.Name && mapAccount(c).ok);
  if (first) {
    sim.state.updateCustomer(first.I3D, { Name: `${first.Name} (neu)` });
    changes.push(`c-entron: customer ${first.I3D} renamed to "${first.Name} (neu)"`);
  }
  const serial = await rmm.changeSerial();
  if (serial) changes.push(serial);
  const run2 = await executeRun(ctx, { pipeline: DEMO_PIPELINE, mode: 'delta', trigger: 'demo' });
  return { runs: [run1, run2], changes, twoWay: await twoWayStory(ctx, sim, rmm) };
}

/**
 * A second pipeline syncs devices both ways (customers still flow from c-entron). The same device's serial number
 * is then changed in c-entron and in the RMM: the next run puts the pair in the conflict inbox and leaves both
 * untouched; the demo decides for c-entron's version, and the run after writes it to the RMM.
 */
async function twoWayStory(ctx: AppContext, sim: CentronSimulator, rmm: RmmActor): Promise<ScenarioResult['twoWay']> {
  pipelines.create(ctx, { name: DEMO_BOTH_PIPELINE, left: 'c-entron', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'both' }], conflictPolicy: { device: 'manual' } });
  const steps: string[] = [];
  const runs: RunResult[] = [await executeRun(ctx, { pipeline: DEMO_BOTH_PIPELINE, mode: 'full', trigger: 'demo' })];
  const device = sim.state.listDevices().find((d) => d.Code?.startsWith('ws-'));
  if (!device?.Code) return { pipeline: DEMO_BOTH_PIPELINE, runs, conflict: null, steps };
  sim.state.updateDevice(device.I3D, { SerialNumber: 'SN-ERP-2026' });
  await rmm.setSerial(device.Code, 'SN-RMM-2026');
  steps.push(`device ${device.Code}: serial number set to SN-ERP-2026 in c-entron and to SN-RMM-2026 in the RMM`);
  runs.push(await executeRun(ctx, { pipeline: DEMO_BOTH_PIPELINE, mode: 'delta', trigger: 'demo' }));
  const open = conflicts.list(ctx, DEMO_BOTH_PIPELINE)[0];
  if (!open) return { pipeline: DEMO_BOTH_PIPELINE, runs, conflict: null, steps };
  steps.push(`conflict ${open.id} in the inbox (fields: ${open.differing.join(', ')}); decided: ferry conflicts resolve ${open.id} --take left`);
  conflicts.resolve(ctx, { id: open.id, take: 'left' });
  runs.push(await executeRun(ctx, { pipeline: DEMO_BOTH_PIPELINE, mode: 'delta', trigger: 'demo' }));
  return { pipeline: DEMO_BOTH_PIPELINE, runs, conflict: conflicts.show(ctx, open.id), steps };
}

/** The story against the in-process RMM stand-in, kept in D/rmm-standin.json (no Zabbix installed, or --no-zabbix). */
export async function runStandinScenario(ctx: AppContext, sim: CentronSimulator, simPassword: string): Promise<ScenarioResult> {
  const file = standinFile(ctx.dataDir);
  const rmm = new RmmStandinState();
  const render = (name: string, number: string | null) => `${number ?? ''} ${name}`.replace(/\s+/gu, ' ').trim().slice(0, 255);
  const actor: RmmActor = {
    async customerGroup(name) {
      const gid = rmm.id();
      rmm.groups.set(gid, { name });
      return gid;
    },
    async otherGroup(name) {
      const gid = rmm.id();
      rmm.groups.set(gid, { name });
      return gid;
    },
    async addHost(groupId, code, device) {
      rmm.addHost(code, groupId, device);
    },
    async connection() {
      rmm.save(file);
      return { input: { kind: 'rmm-standin', name: 'rmm', url: pathToFileURL(file).href, options: {} }, hidden: true };
    },
    async setSerial(code, serial) {
      const st = RmmStandinState.load(file);
      const host = [...st.hosts.values()].find((h) => h.device.code === code);
      if (host) host.device.serialNumber = serial;
      st.save(file);
    },
    async changeSerial() {
      const after = RmmStandinState.load(file);
      const host = [...after.hosts].find(([, h]) => h.device.code.startsWith('ws-'));
      if (!host) return null;
      host[1].device.serialNumber = `${host[1].device.serialNumber ?? ''}-R`;
      after.save(file);
      return `RMM: device ${host[1].device.code} got serial number ${host[1].device.serialNumber}`;
    },
  };
  return runScenario(ctx, sim, simPassword, actor, (m) => (m.ok ? render(m.data.name, m.data.number) : null));
}

/**
 * The same story against a real Zabbix: host groups and hosts are made through the Zabbix API as the RMM's admins
 * and agents would (test/peers/zabbix-api.ts, not Ferry's connector), named exactly as Ferry's Zabbix connector
 * renders customers, so run 1 links them by name. Ferry connects with the real `zabbix` connector.
 */
export async function runZabbixScenario(ctx: AppContext, sim: CentronSimulator, simPassword: string, zabbix: { url: string; apiUrl: string }): Promise<ScenarioResult> {
  const api = await ZabbixApi.login(zabbix.apiUrl, DEMO_ZABBIX_USER, DEMO_ZABBIX_PASSWORD);
  const hosts: { hostid: string; host: string; serial: string }[] = [];
  const actor: RmmActor = {
    async customerGroup(name) {
      try {
        return await api.createGroup(name);
      } catch (e) {
        // Two customers that render the same name: the RMM knows the first one only.
        if (e instanceof ZabbixApiError && /already exists/i.test(e.data)) return null;
        throw e;
      }
    },
    async otherGroup(name) {
      // Zabbix ships a "Linux servers" group; use it when it is there.
      return (await api.groupByName(name))?.groupid ?? api.createGroup(name);
    },
    async addHost(groupId, code, d) {
      const inventory: Record<string, string> = {};
      for (const [field, value] of [['serialno_a', d.serialNumber], ['os', d.operatingSystem], ['vendor', d.manufacturer], ['model', d.model], ['macaddress_a', d.macAddress]] as const) {
        if (value) inventory[field] = value;
      }
      // Visible names are unique in Zabbix: "Arbeitsplatz 1 (ws-12-1)", which Ferry reads as "Arbeitsplatz 1".
      const hostid = await api.createHost({ host: code, ...(d.name ? { name: disambiguatedVisibleName(d.name, code) } : {}), groupIds: [groupId], inventory });
      if (code.startsWith('ws-')) hosts.push({ hostid, host: code, serial: d.serialNumber ?? '' });
    },
    async connection() {
      return { input: { kind: 'zabbix', name: 'rmm', url: zabbix.url, username: DEMO_ZABBIX_USER, options: {}, secret: DEMO_ZABBIX_PASSWORD }, hidden: false };
    },
    async setSerial(code, serial) {
      const host = hosts.find((h) => h.host === code);
      if (host) await api.updateHost({ hostid: host.hostid, inventory: { serialno_a: serial } });
    },
    async changeSerial() {
      const host = hosts[0];
      if (!host) return null;
      const serial = `${host.serial}-R`;
      await api.updateHost({ hostid: host.hostid, inventory: { serialno_a: serial } });
      return `Zabbix: host ${host.host} got serial number ${serial} (its inventory, through the Zabbix API)`;
    },
  };
  try {
    return await runScenario(ctx, sim, simPassword, actor, (m) => (m.ok ? renderGroupName(m.data, DEFAULT_GROUP_NAME_TEMPLATE) : null));
  } finally {
    await api.logout();
  }
}

export { standinFactory };
