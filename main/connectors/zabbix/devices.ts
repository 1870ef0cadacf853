import type { Device } from '../../../shared/entities.js';
import { FerryError } from '../../../shared/errors.js';
import type { EntityPort, InvalidRecord, Logger, RecordPage, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import { isDuplicate, isReferredObject, type ZabbixClient } from './client.js';
import { idOf } from './customers.js';
import { truncateCodePoints } from './group-name.js';
import { canonicalDeviceName, disambiguatedVisibleName, hostTechnicalName, hostVisibleName } from './host-name.js';
import { AnyList, Host, HostBase, HostIdOnly, HostIds, type InventoryField, inventoryFields, inventoryLength } from './schemas.js';

/** The tag that carries Ferry's stamp on a host. */
export const STAMP_TAG = 'ferry';
/** Hosts fetched with details per request: big enough to be quick, small enough for a small PHP server's memory. */
export const HOST_CHUNK = 500;

/** Canonical device field ← Zabbix inventory field. */
const inventoryOf: Record<InventoryField, keyof Device> = {
  serialno_a: 'serialNumber',
  os: 'operatingSystem',
  vendor: 'manufacturer',
  model: 'model',
  macaddress_a: 'macAddress',
};

const hostOutput = ['hostid', 'host', 'name', 'inventory_mode'];
const detail = { output: hostOutput, selectTags: ['tag', 'value'], selectInventory: [...inventoryFields] };

const orNull = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);

export function deviceFromHost(h: Host): RemoteRecord<'device'> {
  const inv = Array.isArray(h.inventory) ? {} : h.inventory;
  const data: Device = {
    customerId: null,
    code: h.host,
    name: canonicalDeviceName(h.name, h.host),
    serialNumber: orNull(inv.serialno_a),
    manufacturer: orNull(inv.vendor),
    model: orNull(inv.model),
    operatingSystem: orNull(inv.os),
    macAddress: orNull(inv.macaddress_a),
  };
  return {
    id: h.hostid,
    data,
    version: null,
    modifiedAt: null,
    parents: (h.hostgroups ?? h.groups ?? []).map((g) => g.groupid),
    stamp: h.tags.find((t) => t.tag === STAMP_TAG)?.value ?? null,
  };
}

/** Inventory values as Zabbix stores them: cut to the column length; null clears the field. */
function inventoryFor(data: Device): Record<InventoryField, string> {
  const out = {} as Record<InventoryField, string>;
  for (const f of inventoryFields) out[f] = truncateCodePoints(data[inventoryOf[f]] ?? '', inventoryLength[f]);
  return out;
}

/** What a device reads back as after Ferry wrote it. */
export function storedDevice(data: Device): Device {
  const host = hostTechnicalName(data.code);
  const inv = inventoryFor(data);
  return {
    customerId: null,
    code: host,
    name: canonicalDeviceName(hostVisibleName(data.name, host), host),
    serialNumber: orNull(inv.serialno_a),
    manufacturer: orNull(inv.vendor),
    model: orNull(inv.model),
    operatingSystem: orNull(inv.os),
    macAddress: orNull(inv.macaddress_a),
  };
}

function toPage(list: unknown[], page: number, pageCount: number, total: number): RecordPage<'device'> {
  const records: RemoteRecord<'device'>[] = [];
  const invalid: InvalidRecord[] = [];
  for (const raw of list) {
    const h = Host.safeParse(raw);
    if (h.success) records.push(deviceFromHost(h.data));
    else invalid.push({ id: idOf(raw, 'hostid'), reason: `host does not fit the expected shape: ${h.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 2).join('; ')}` });
  }
  return { records, invalid, page, pageCount, total };
}

/** Devices are Zabbix hosts; the customer is a host group; Ferry's stamp is the host tag `ferry`. */
export function createDevicePort(client: ZabbixClient, log: Logger): EntityPort<'device'> {
  // Zabbix 6.2 renamed selectGroups to selectHostGroups (7.0 dropped the old name).
  const groupSelector = async () => {
    const v = await client.version();
    return v.major > 6 || (v.major === 6 && v.minor >= 2) ? { selectHostGroups: ['groupid'] } : { selectGroups: ['groupid'] };
  };
  const getHosts = async (params: Record<string, unknown>) =>
    client.call('host.get', { ...detail, ...(await groupSelector()), ...params }, AnyList, { idempotent: true });

  const firstHost = async (params: Record<string, unknown>): Promise<RemoteRecord<'device'> | null> => {
    const list = await getHosts({ ...params, sortfield: 'hostid' });
    if (list.length > 1) log.warn({ count: list.length, params: Object.keys(params) }, 'zabbix: several hosts match a lookup, taking the oldest');
    const h = Host.safeParse(list[0]);
    return h.success ? deviceFromHost(h.data) : null;
  };

  /** Writes with the plain visible name, or — when another host has it — with `<name> (<technical name>)`. */
  async function withVisibleName<T>(data: Device, host: string, write: (visible: string) => Promise<T>): Promise<{ result: T; visible: string }> {
    const plain = hostVisibleName(data.name, host);
    try {
      return { result: await write(plain), visible: plain };
    } catch (e) {
      if (!(isDuplicate(e) && /same visible name/i.test(String((e as FerryError).details?.['zabbixError'])))) throw e;
      const visible = disambiguatedVisibleName(plain, host);
      log.info({ host }, 'zabbix: visible name taken, writing it with the technical name');
      return { result: await write(visible), visible };
    }
  }

  const written = (id: string, data: Device, host: string, visible: string): WriteResult => ({
    id,
    version: null,
    data: { ...storedDevice(data), code: host, name: canonicalDeviceName(visible, host) },
  });

  const notFound = (id: string) =>
    new FerryError('not-found', `The Zabbix host ${id} no longer exists.`, 'It was deleted in Zabbix; a full sync recreates or unlinks it according to the delete policy.', { id });

  return {
    entity: 'device',
    capabilities: { read: true, write: true, delete: true, delta: false, stamp: true, stampLookup: true, naturalKey: 'code' },
    fields: ['code', 'name', 'serialNumber', 'manufacturer', 'model', 'operatingSystem', 'macAddress'],

    /** Lists the ids once (cheap), then fetches details in chunks of HOST_CHUNK: host.get has no offset paging. */
    async *read(opts): AsyncIterable<RecordPage<'device'>> {
      opts.signal?.throwIfAborted();
      const params: Record<string, unknown> = { output: ['hostid'], sortfield: 'hostid' };
      if (opts.customerIds) params['groupids'] = opts.customerIds;
      // No customers given: nothing to ask Zabbix.
      const idList = opts.customerIds?.length === 0 ? [] : await client.call('host.get', params, AnyList, { idempotent: true });
      const ids: string[] = [];
      for (const raw of idList) {
        const r = HostIdOnly.safeParse(raw);
        if (!r.success) throw new FerryError('data', 'Zabbix answered host.get with a host id Ferry does not understand.', 'Check that the Zabbix version is supported; if it is, report this to Ferry\'s support.');
        ids.push(r.data.hostid);
      }
      const pageCount = Math.max(1, Math.ceil(ids.length / HOST_CHUNK));
      if (ids.length === 0) {
        yield { records: [], invalid: [], page: 1, pageCount: 1, total: 0 };
        return;
      }
      for (let p = 0; p < pageCount; p++) {
        opts.signal?.throwIfAborted();
        const chunk = ids.slice(p * HOST_CHUNK, (p + 1) * HOST_CHUNK);
        // A host deleted between the two calls is simply missing from its page.
        yield toPage(await getHosts({ hostids: chunk, sortfield: 'hostid' }), p + 1, pageCount, ids.length);
      }
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      if (!data.customerId) {
        throw new FerryError('state', `Device "${data.code}" has no customer host group in Zabbix.`, 'Zabbix needs a host group for every host: synchronise the customer first.', { code: data.code });
      }
      const host = hostTechnicalName(data.code);
      const { result, visible } = await withVisibleName(data, host, (name) =>
        client.call(
          'host.create',
          { host, name, groups: [{ groupid: data.customerId }], tags: [{ tag: STAMP_TAG, value: ctx.stamp }], inventory_mode: 0, inventory: inventoryFor(data) },
          HostIds,
          { idempotent: false },
        ),
      );
      return written(result.hostids[0]!, data, host, visible);
    },

    /** Updates names and inventory and sets the stamp tag, keeping all other tags. Never changes the host's groups. */
    async update(id, data, ctx: WriteContext): Promise<WriteResult> {
      const current = await client.call('host.get', { hostids: [id], output: hostOutput, selectTags: ['tag', 'value'] }, AnyList, { idempotent: true });
      const cur = HostBase.pick({ hostid: true, inventory_mode: true, tags: true }).safeParse(current[0]);
      if (current.length === 0) throw notFound(id);
      if (!cur.success) throw new FerryError('data', `Zabbix answered host.get for host ${id} with data Ferry does not understand.`, 'Check that the Zabbix version is supported.', { id });
      const host = hostTechnicalName(data.code);
      const params: Record<string, unknown> = { hostid: id, host, inventory: inventoryFor(data) };
      // Inventory is disabled (-1): switch to manual so the fields can be kept. Automatic (1) stays automatic.
      if ((cur.data.inventory_mode ?? -1) === -1) params['inventory_mode'] = 0;
      const stampTag = cur.data.tags.filter((t) => t.tag === STAMP_TAG);
      if (stampTag.length !== 1 || stampTag[0]!.value !== ctx.stamp) {
        // host.update replaces the whole tag list: send the others back unchanged.
        params['tags'] = [...cur.data.tags.filter((t) => t.tag !== STAMP_TAG), { tag: STAMP_TAG, value: ctx.stamp }];
      }
      try {
        const { visible } = await withVisibleName(data, host, (name) => client.call('host.update', { ...params, name }, HostIds, { idempotent: true }));
        return written(id, data, host, visible);
      } catch (e) {
        if (isReferredObject(e) && (await getHosts({ hostids: [id], output: ['hostid'] })).length === 0) throw notFound(id);
        throw e;
      }
    },

    async delete(id): Promise<void> {
      try {
        await client.call('host.delete', [id], HostIds, { idempotent: true });
      } catch (e) {
        // Already gone (e.g. a repeated delete whose first answer was lost): done.
        if (isReferredObject(e) && (await getHosts({ hostids: [id], output: ['hostid'] })).length === 0) {
          log.info({ id }, 'zabbix: host already deleted');
          return;
        }
        throw e;
      }
    },

    /** After a crash: by the stamp tag first, then by technical name (`natural` = the device code). */
    async lookup({ stamp, natural }): Promise<RemoteRecord<'device'> | null> {
      const byStamp = await firstHost({ tags: [{ tag: STAMP_TAG, value: stamp, operator: 1 }], evaltype: 0 });
      if (byStamp) return byStamp;
      if (!natural) return null;
      const host = hostTechnicalName(natural);
      const found = await firstHost({ filter: { host: [host] } });
      return found && found.data.code === host ? found : null;
    },

    storedForm: storedDevice,
  };
}
