import type { Invoice } from '../../../shared/entities.js';
import type { EntityPort, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import { sqlString, type Entry, type SugarClient } from './client.js';
import { AOS_NOTE } from './contracts.js';
import { allOf, dateOf, findByStamp, isoOf, nullIfEmpty, ownerWhere, readModule, sugarDateOf, stampOf, withStamp, type ModuleSpec } from './records.js';

const FIELDS = ['id', 'name', 'number', 'invoice_date', 'total_amount', 'billing_account_id', 'description', 'date_modified', 'deleted'];

export function invoiceOf(v: Record<string, string>): Invoice {
  const total = v['total_amount'] ? Number(v['total_amount']) : NaN;
  return {
    customerId: nullIfEmpty(v['billing_account_id']),
    number: nullIfEmpty(v['number']),
    date: dateOf(v['invoice_date']),
    total: Number.isFinite(total) ? total : null,
    // The currency is the CRM's default (currency_id is not read).
    currency: null,
  };
}

function toRecord(e: Entry): RemoteRecord<'invoice'> | { id: string; reason: string } {
  return { id: e.id, data: invoiceOf(e.values), version: e.values['date_modified'] ?? null, modifiedAt: isoOf(e.values['date_modified']), stamp: stampOf(e.values['description']) };
}

export const invoiceSpec: ModuleSpec<'invoice'> = { module: 'AOS_Invoices', table: 'aos_invoices', fields: FIELDS, toRecord };

const valuesOf = (i: Invoice): Record<string, string> => ({
  name: i.number ? `Rechnung ${i.number}` : 'Rechnung',
  number: i.number ?? '',
  invoice_date: sugarDateOf(i.date),
  total_amount: i.total === null ? '' : String(i.total),
  billing_account_id: i.customerId ?? '',
});

/** Invoices are SuiteCRM's AOS_Invoices (not in SugarCRM CE). Line items are not synced: number, date, total. */
export function createInvoicePort(client: SugarClient, owner?: string): EntityPort<'invoice'> {
  const own: Record<string, string> = owner ? { assigned_user_id: owner } : {};
  const storedForm = (data: Invoice): Invoice => ({ ...invoiceOf(valuesOf(data)), currency: null });
  return {
    entity: 'invoice',
    capabilities: { read: true, write: true, delete: true, delta: true, stamp: true, stampLookup: true, naturalKey: null, modifiedAt: true, note: AOS_NOTE },
    fields: ['customerId', 'number', 'date', 'total'],

    read(opts) {
      const ids = opts.customerIds;
      const where = ids ? (ids.length ? `aos_invoices.billing_account_id IN (${ids.map(sqlString).join(', ')})` : '1 = 0') : null;
      return readModule(client, invoiceSpec, opts, allOf(where, ownerWhere('aos_invoices', owner)));
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      const id = await client.setEntry('AOS_Invoices', { ...valuesOf(data), ...own, description: withStamp('', ctx.stamp) }, { idempotent: false });
      return { id, version: null, data: storedForm(data) };
    },

    async update(id, data): Promise<WriteResult> {
      await client.setEntry('AOS_Invoices', { id, ...valuesOf(data) }, { idempotent: true });
      return { id, version: null, data: storedForm(data) };
    },

    async delete(id): Promise<void> {
      await client.setEntry('AOS_Invoices', { id, deleted: '1' }, { idempotent: true });
    },

    async lookup({ stamp }) {
      const e = await findByStamp(client, invoiceSpec, stamp);
      if (!e) return null;
      const r = toRecord(e);
      return 'data' in r ? r : null;
    },

    storedForm,
  };
}
