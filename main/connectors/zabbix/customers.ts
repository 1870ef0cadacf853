import type { Customer } from '../../../shared/entities.js';
import { FerryError } from '../../../shared/errors.js';
import type { EntityPort, InvalidRecord, Logger, RecordPage, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import { isDuplicate, isReferredObject, type ZabbixClient } from './client.js';
import { renderGroupName } from './group-name.js';
import { AnyList, GroupIds, HostGroup } from './schemas.js';

/**
 * Until the engine's WriteContext carries it, a caller may add `disambiguator` to the write context: the group is then
 * named `<rendered name> (<disambiguator>)` (see group-name.ts), for two customers that render the same name.
 */
export type ZabbixWriteContext = WriteContext & { disambiguator?: string };

/** A host group as a canonical customer: Zabbix keeps only the name. */
export function customerFromGroupName(name: string): Customer {
  return { number: null, name, phone: null, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active: true };
}

const groupOutput = ['groupid', 'name', 'flags', 'internal'];

function toRecord(g: HostGroup): RemoteRecord<'customer'> {
  return { id: g.groupid, data: customerFromGroupName(g.name), version: null, modifiedAt: null, stamp: null };
}

/** Customers are Zabbix host groups (create, rename, delete need the Super admin role in 6.0). */
export function createCustomerPort(client: ZabbixClient, template: string, log: Logger): EntityPort<'customer'> {
  const nameFor = (data: Customer, ctx?: ZabbixWriteContext) => renderGroupName(data, template, ctx?.disambiguator);

  const groupsByName = (name: string) => client.call('hostgroup.get', { output: groupOutput, filter: { name: [name] } }, AnyList, { idempotent: true });
  const groupExists = async (id: string) =>
    (await client.call('hostgroup.get', { output: ['groupid'], groupids: [id] }, AnyList, { idempotent: true })).length > 0;

  /** Names the existing group in a duplicate error, so the admin (and the engine) can tell what is in the way. */
  async function duplicateError(e: FerryError, name: string): Promise<FerryError> {
    const existing = HostGroup.safeParse((await groupsByName(name).catch(() => []))[0]);
    const existingId = existing.success ? existing.data.groupid : null;
    return new FerryError(
      'state',
      `A Zabbix host group named "${name}" already exists${existingId ? ` (id ${existingId})` : ''}.`,
      'Two customers render the same group name, or the group exists already. Make the group name template unique (include {number}), or rename one of the groups in Zabbix.',
      { ...e.details, duplicate: true, name, existingId },
    );
  }

  return {
    entity: 'customer',
    capabilities: { read: true, write: true, delete: true, delta: false, stamp: false, naturalKey: 'name' },
    fields: ['name'],

    async *read(opts): AsyncIterable<RecordPage<'customer'>> {
      opts.signal?.throwIfAborted();
      if (opts.customerIds?.length === 0) {
        yield { records: [], invalid: [], page: 1, pageCount: 1, total: 0 };
        return;
      }
      const params: Record<string, unknown> = { output: groupOutput, sortfield: 'groupid' };
      if (opts.customerIds) params['groupids'] = opts.customerIds;
      const list = await client.call('hostgroup.get', params, AnyList, { idempotent: true });
      const records: RemoteRecord<'customer'>[] = [];
      const invalid: InvalidRecord[] = [];
      for (const raw of list) {
        const g = HostGroup.safeParse(raw);
        if (g.success) records.push(toRecord(g.data));
        else invalid.push({ id: idOf(raw, 'groupid'), reason: `host group does not fit the expected shape: ${g.error.issues[0]?.message ?? 'invalid'}` });
      }
      yield { records, invalid, page: 1, pageCount: 1, total: list.length };
    },

    async create(data, ctx: ZabbixWriteContext): Promise<WriteResult> {
      const name = nameFor(data, ctx);
      try {
        const res = await client.call('hostgroup.create', { name }, GroupIds, { idempotent: false });
        return { id: res.groupids[0]!, version: null, data: customerFromGroupName(name) };
      } catch (e) {
        if (isDuplicate(e)) throw await duplicateError(e as FerryError, name);
        throw e;
      }
    },

    async update(id, data, ctx: ZabbixWriteContext): Promise<WriteResult> {
      const name = nameFor(data, ctx);
      try {
        await client.call('hostgroup.update', { groupid: id, name }, GroupIds, { idempotent: true });
        return { id, version: null, data: customerFromGroupName(name) };
      } catch (e) {
        if (isDuplicate(e)) throw await duplicateError(e as FerryError, name);
        if (isReferredObject(e) && !(await groupExists(id))) {
          throw new FerryError('not-found', `The Zabbix host group ${id} no longer exists.`, 'It was deleted in Zabbix; a full sync recreates or unlinks it according to the delete policy.', { id });
        }
        throw e;
      }
    },

    async delete(id): Promise<void> {
      try {
        await client.call('hostgroup.delete', [id], GroupIds, { idempotent: true });
      } catch (e) {
        // Deleting what is gone already is done (e.g. a repeated delete whose first answer was lost).
        if (isReferredObject(e) && !(await groupExists(id))) {
          log.info({ id }, 'zabbix: host group already deleted');
          return;
        }
        if (e instanceof FerryError && /cannot be without host group/i.test(String(e.details?.['zabbixError']))) {
          throw new FerryError('state', `The Zabbix host group ${id} still holds hosts that are in no other group.`, 'Move or delete those hosts in Zabbix first, or set the delete policy for customers to "ignore" or "archive".', e.details);
        }
        throw e;
      }
    },

    /** After a crash: the group is found by its exact name (`natural` = the stored name, storedForm(data).name). */
    async lookup({ natural }): Promise<RemoteRecord<'customer'> | null> {
      if (!natural) return null;
      for (const raw of await groupsByName(natural)) {
        const g = HostGroup.safeParse(raw);
        // The filter compares with the database collation (trailing spaces, maybe case): insist on the exact name.
        if (g.success && g.data.name === natural) return toRecord(g.data);
      }
      return null;
    },

    storedForm(data, opts): Customer {
      return customerFromGroupName(nameFor(data, opts?.disambiguator === undefined ? undefined : { stamp: '', disambiguator: opts.disambiguator }));
    },
  };
}

export function idOf(raw: unknown, key: string): string | null {
  if (raw && typeof raw === 'object' && key in raw) {
    const v = (raw as Record<string, unknown>)[key];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return null;
}
