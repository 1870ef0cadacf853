import type { Ticket } from '../../../shared/entities.js';
import type { EntityPort, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import { sqlString, type Entry, type SugarClient } from './client.js';
import { allOf, findByStamp, ownerWhere, isoOf, nullIfEmpty, readModule, stampOf, withoutStamp, withStamp, type ModuleSpec } from './records.js';

const FIELDS = ['id', 'name', 'case_number', 'description', 'status', 'priority', 'account_id', 'date_entered', 'date_modified', 'deleted'];

export function ticketOf(v: Record<string, string>): Ticket {
  return {
    customerId: nullIfEmpty(v['account_id']),
    number: nullIfEmpty(v['case_number']),
    title: (v['name'] ?? '').trim(),
    description: nullIfEmpty(withoutStamp(v['description'])),
    createdAt: isoOf(v['date_entered']),
    dueAt: null,
    // The CRM's own keys (Open_New, P1 …): read as they are, never written (no mapping between systems' lists yet).
    status: nullIfEmpty(v['status']),
    priority: nullIfEmpty(v['priority']),
  };
}

function toRecord(e: Entry): RemoteRecord<'ticket'> | { id: string; reason: string } {
  const data = ticketOf(e.values);
  if (!data.title) return { id: e.id, reason: 'the case has no subject' };
  return { id: e.id, data, version: e.values['date_modified'] ?? null, modifiedAt: isoOf(e.values['date_modified']), stamp: stampOf(e.values['description']) };
}

export const caseSpec: ModuleSpec<'ticket'> = { module: 'Cases', table: 'cases', fields: FIELDS, toRecord };

const valuesOf = (t: Ticket, stamp: string): Record<string, string> => ({
  name: t.title,
  description: withStamp(t.description ?? '', stamp),
  account_id: t.customerId ?? '',
});

/**
 * Tickets are Cases. Ferry writes subject, description and account; the case number, creation time, status and
 * priority are the CRM's (read only). The stamp line `Ferry-Id: <stamp>` is kept at the end of the description and
 * is not part of the canonical description. With `owner`, acting for that user: only their cases are read, new
 * ones are assigned to them.
 */
export function createCasePort(client: SugarClient, owner?: string): EntityPort<'ticket'> {
  const own: Record<string, string> = owner ? { assigned_user_id: owner } : {};
  const storedForm = (data: Ticket): Ticket => ({ ...ticketOf(valuesOf(data, 'x')), number: null, createdAt: null });
  return {
    entity: 'ticket',
    capabilities: { read: true, write: true, delete: true, delta: true, stamp: true, stampLookup: true, naturalKey: null, modifiedAt: true },
    fields: ['customerId', 'title', 'description'],

    read(opts) {
      const ids = opts.customerIds;
      const where = ids ? (ids.length ? `cases.account_id IN (${ids.map(sqlString).join(', ')})` : '1 = 0') : null;
      return readModule(client, caseSpec, opts, allOf(where, ownerWhere('cases', owner)));
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      const id = await client.setEntry('Cases', { ...valuesOf(data, ctx.stamp), ...own }, { idempotent: false });
      return { id, version: null, data: storedForm(data) };
    },

    async update(id, data, ctx: WriteContext): Promise<WriteResult> {
      await client.setEntry('Cases', { id, ...valuesOf(data, ctx.stamp) }, { idempotent: true });
      return { id, version: null, data: storedForm(data) };
    },

    async delete(id): Promise<void> {
      await client.setEntry('Cases', { id, deleted: '1' }, { idempotent: true });
    },

    async lookup({ stamp }) {
      const e = await findByStamp(client, caseSpec, stamp);
      if (!e) return null;
      const r = toRecord(e);
      return 'data' in r ? r : null;
    },

    storedForm,
  };
}
