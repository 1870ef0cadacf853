import type { Contract } from '../../../shared/entities.js';
import type { EntityPort, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import { sqlString, type Entry, type SugarClient } from './client.js';
import { allOf, dateOf, findByStamp, isoOf, nullIfEmpty, ownerWhere, readModule, sugarDateOf, stampOf, withStamp, type ModuleSpec } from './records.js';

const FIELDS = ['id', 'name', 'start_date', 'end_date', 'contract_account_id', 'description', 'date_modified', 'deleted'];
export const AOS_NOTE = 'SuiteCRM only (AOS module): the connection test lists the modules this CRM has.';

export function contractOf(v: Record<string, string>): Contract {
  return {
    customerId: nullIfEmpty(v['contract_account_id']),
    // AOS contracts have no number of their own.
    number: null,
    caption: nullIfEmpty(v['name']),
    start: dateOf(v['start_date']),
    end: dateOf(v['end_date']),
  };
}

function toRecord(e: Entry): RemoteRecord<'contract'> | { id: string; reason: string } {
  const data = contractOf(e.values);
  if (!data.caption) return { id: e.id, reason: 'the contract has no title' };
  return { id: e.id, data, version: e.values['date_modified'] ?? null, modifiedAt: isoOf(e.values['date_modified']), stamp: stampOf(e.values['description']) };
}

export const contractSpec: ModuleSpec<'contract'> = { module: 'AOS_Contracts', table: 'aos_contracts', fields: FIELDS, toRecord };

/** The title is required in the CRM: a contract without caption gets its number, else a placeholder. */
const valuesOf = (c: Contract): Record<string, string> => ({
  name: c.caption ?? (c.number ? `Vertrag ${c.number}` : 'Vertrag'),
  start_date: sugarDateOf(c.start),
  end_date: sugarDateOf(c.end),
  contract_account_id: c.customerId ?? '',
});

/**
 * Contracts are SuiteCRM's AOS_Contracts (not in SugarCRM CE: reading them there fails with "Module Does Not
 * Exist" → unsupported). Dates are whole days; the stamp line sits in the description.
 */
export function createContractPort(client: SugarClient, owner?: string): EntityPort<'contract'> {
  const own: Record<string, string> = owner ? { assigned_user_id: owner } : {};
  const storedForm = (data: Contract): Contract => ({ ...contractOf(valuesOf(data)), number: null });
  return {
    entity: 'contract',
    capabilities: { read: true, write: true, delete: true, delta: true, stamp: true, stampLookup: true, naturalKey: null, modifiedAt: true, note: AOS_NOTE },
    fields: ['customerId', 'caption', 'start', 'end'],

    read(opts) {
      const ids = opts.customerIds;
      const where = ids ? (ids.length ? `aos_contracts.contract_account_id IN (${ids.map(sqlString).join(', ')})` : '1 = 0') : null;
      return readModule(client, contractSpec, opts, allOf(where, ownerWhere('aos_contracts', owner)));
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      const id = await client.setEntry('AOS_Contracts', { ...valuesOf(data), ...own, description: withStamp('', ctx.stamp) }, { idempotent: false });
      return { id, version: null, data: storedForm(data) };
    },

    async update(id, data): Promise<WriteResult> {
      await client.setEntry('AOS_Contracts', { id, ...valuesOf(data) }, { idempotent: true });
      return { id, version: null, data: storedForm(data) };
    },

    async delete(id): Promise<void> {
      await client.setEntry('AOS_Contracts', { id, deleted: '1' }, { idempotent: true });
    },

    async lookup({ stamp }) {
      const e = await findByStamp(client, contractSpec, stamp);
      if (!e) return null;
      const r = toRecord(e);
      return 'data' in r ? r : null;
    },

    storedForm,
  };
}
