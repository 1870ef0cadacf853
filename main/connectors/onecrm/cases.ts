import type { Ticket } from '../../../shared/entities.js';
import type { EntityCapabilities, EntityPort, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import type { OneCrmClient, Rec } from './client.js';
import { gone } from './accounts.js';
import { findByStamp, idForStamp, isoOf, nullIfEmpty, readModel, stampOf, str, withoutStamp, withStamp, type ModelSpec } from './records.js';

const FIELDS = ['id', 'name', 'case_number', 'description', 'status', 'priority', 'account_id', 'date_entered', 'date_modified'] as const;

export function ticketOf(v: Rec): Ticket {
  return {
    customerId: nullIfEmpty(v['account_id']),
    number: nullIfEmpty(v['case_number']),
    title: str(v['name']),
    description: nullIfEmpty(withoutStamp(str(v['description']))),
    createdAt: isoOf(v['date_entered']),
    dueAt: null,
    // The CRM's own values (Active, P1 …): read as they are, never written (no mapping between systems' lists yet).
    status: nullIfEmpty(v['status']),
    priority: nullIfEmpty(v['priority']),
  };
}

function toRecord(v: Rec): RemoteRecord<'ticket'> | { id: string; reason: string } {
  const id = str(v['id']);
  const data = ticketOf(v);
  if (!data.title) return { id, reason: 'the case has no subject' };
  return { id, data, version: nullIfEmpty(v['date_modified']), modifiedAt: isoOf(v['date_modified']), stamp: stampOf(str(v['description'])) };
}

export const caseSpec: ModelSpec<'ticket'> = { model: 'Case', fields: FIELDS, toRecord };

const valuesOf = (t: Ticket, stamp: string): Rec => ({
  name: t.title,
  description: withStamp(t.description ?? '', stamp),
  account_id: t.customerId,
});

/**
 * Tickets are Cases. Ferry writes subject, description and account; the case number, creation time, status and
 * priority are the CRM's (read only). The stamp line `Ferry-Id: <stamp>` is kept at the end of the description and
 * is not part of the canonical description. Created as an upsert under the id derived from the stamp.
 */
export function createCasePort(client: OneCrmClient, owner?: string): EntityPort<'ticket'> {
  const own: Rec = owner ? { assigned_user_id: owner } : {};
  const storedForm = (data: Ticket): Ticket => ({ ...ticketOf(client.fit('Case', valuesOf(data, 'x'))), number: null, createdAt: null, status: null, priority: null });
  const fitted = async (data: Ticket, stamp: string): Promise<Rec> => {
    await client.meta('Case');
    return client.fit('Case', valuesOf(data, stamp));
  };
  const capabilities: EntityCapabilities = { read: true, write: true, delete: true, delta: true, stamp: true, stampLookup: true, naturalKey: null, modifiedAt: true };
  return {
    entity: 'ticket',
    capabilities,
    fields: ['customerId', 'title', 'description'],

    async *read(opts) {
      const ids = opts.customerIds;
      if (ids) {
        const meta = await client.meta('Case');
        const filter = [...meta.filters].find(([, f]) => f.field === 'account_id')?.[0] ?? null;
        const only = new Set(ids);
        if (filter) {
          for (const id of ids) yield* readModel(client, caseSpec, { ...opts, since: null, filters: { [filter]: id } });
          return;
        }
        for await (const p of readModel(client, caseSpec, { ...opts, since: null })) yield { ...p, records: p.records.filter((r) => r.data.customerId !== null && only.has(r.data.customerId)) };
        return;
      }
      yield* readModel(client, caseSpec, { ...opts, onDeltaSupport: (d) => (capabilities.delta = d), ...(owner ? { owner } : {}) });
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      const id = (await client.patch('Case', idForStamp(ctx.stamp), { ...(await fitted(data, ctx.stamp)), ...own }, true)) ?? idForStamp(ctx.stamp);
      return { id, version: null, data: storedForm(data) };
    },

    async update(id, data, ctx: WriteContext): Promise<WriteResult> {
      if ((await client.patch('Case', id, await fitted(data, ctx.stamp), false)) === null) throw gone('Case', id);
      return { id, version: null, data: storedForm(data) };
    },

    async delete(id): Promise<void> {
      await client.remove('Case', id);
    },

    lookup: ({ stamp }) => findByStamp(client, caseSpec, stamp),

    storedForm,
  };
}
