// Acting on the systems behind Ferry as their users and agents would: through Zabbix's API and c-entron's web
// service (the simulator runs in its own process), never through Ferry.
import { CentronClient } from '../../main/connectors/centron/client.js';
import { createNullLogger } from '../../main/log/index.js';
import { ZabbixApi } from '../peers/zabbix-api.js';
import { api, env } from './fixtures.js';

export const zabbix = () => ZabbixApi.login(`${env('FERRY_E2E_ZABBIX_URL')}api_jsonrpc.php`);

export function centron(): CentronClient {
  return new CentronClient({ baseUrl: env('FERRY_E2E_CENTRON_URL'), username: 'ferry', password: 'secret', pageSize: 500, log: createNullLogger() });
}

/** Sets a c-entron device's serial number through the (assumed) SaveMasterDataList, as an ERP user would. */
export async function setCentronSerial(code: string, serial: string): Promise<void> {
  const c = centron();
  try {
    for await (const p of c.pages('searchMasterDataLists', { Filter: { CustomerI3D: null } } as never)) {
      for (const raw of p.items as { Code?: string | null }[]) {
        if (raw.Code === code) {
          await c.call('saveMasterDataList' as never, { ...raw, SerialNumber: serial } as never);
          return;
        }
      }
    }
    throw new Error(`no c-entron device ${code}`);
  } finally {
    await c.close();
  }
}

/** The connections and the seed-000 pipeline a spec needs, made through the API (the wizard has its own spec). */
export async function ensureSeed000(prefix: string): Promise<{ erp: string; rmm: string; pipeline: string }> {
  const erp = `${prefix}-erp`;
  const rmm = `${prefix}-rmm`;
  const pipeline = `${prefix}-seed000`;
  const existing = await api<{ name: string }[]>('connections.list');
  if (!existing.some((c) => c.name === erp)) {
    await api('connections.create', { kind: 'centron', name: erp, url: env('FERRY_E2E_CENTRON_URL'), username: 'ferry', options: { deviceWrite: 'confirmed' }, secret: 'secret' });
    await api('connections.create', { kind: 'zabbix', name: rmm, url: env('FERRY_E2E_ZABBIX_URL'), username: 'Admin', secret: 'zabbix' });
    await api('pipelines.create', { name: pipeline, left: erp, right: rmm, entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-left' }], timeZone: 'Europe/Berlin', paused: true });
  }
  return { erp, rmm, pipeline };
}

/** Hosts in the first `n` customer groups Ferry made, as an RMM's agents would add them. Answers their codes. */
export async function addHosts(n: number, tag: string): Promise<string[]> {
  const z = await zabbix();
  const groups = await z.call<{ groupid: string; name: string }[]>('hostgroup.get', { output: ['groupid', 'name'], search: { name: '' }, sortfield: 'name' });
  const codes: string[] = [];
  for (const g of groups.filter((g) => /^\d+ /.test(g.name)).slice(0, n)) {
    const code = `${tag}-${g.groupid}`;
    await z.createHost({ host: code, groupIds: [g.groupid], inventory: { serialno_a: `SN-${code}`, os: 'Windows 11 Pro', vendor: 'Lenovo' } });
    codes.push(code);
  }
  return codes;
}

export async function setZabbixSerial(code: string, serial: string): Promise<void> {
  const z = await zabbix();
  const hosts = await z.call<{ hostid: string }[]>('host.get', { output: ['hostid'], filter: { host: [code] } });
  if (!hosts[0]) throw new Error(`no Zabbix host ${code}`);
  await z.updateHost({ hostid: hosts[0].hostid, inventory_mode: 0, inventory: { serialno_a: serial } });
}
