import type { Contact } from '../../../shared/entities.js';
import type { EntityCapabilities, EntityPort, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import type { ModelMeta, OneCrmClient, Rec } from './client.js';
import { gone } from './accounts.js';
import { findByStamp, idForStamp, isoOf, nullIfEmpty, readModel, stampOf, str, withStamp, type ModelSpec } from './records.js';

/** Where a Contact names its account, in the order Ferry looks for it in /meta (1CRM: `primary_account_id`). */
export const ACCOUNT_LINK_FIELDS = ['primary_account_id', 'account_id'] as const;

const FIELDS = ['id', 'first_name', 'last_name', 'email1', 'phone_work', ...ACCOUNT_LINK_FIELDS, 'description', 'date_modified'] as const;

/** The Contact field that points to its Account: the first of ACCOUNT_LINK_FIELDS the model has, else any reference to Account. */
export function accountLinkField(meta: ModelMeta): string | null {
  for (const f of ACCOUNT_LINK_FIELDS) if (meta.fields.has(f)) return f;
  for (const [name, f] of meta.fields) if (f.model === 'Account') return name;
  return null;
}

function accountOf(v: Rec): string | null {
  for (const f of ACCOUNT_LINK_FIELDS) {
    const id = nullIfEmpty(v[f]);
    if (id) return id;
  }
  return null;
}

export function contactOf(v: Rec, accountId: string | null): Contact {
  return {
    customerId: accountId,
    firstName: nullIfEmpty(v['first_name']),
    lastName: nullIfEmpty(v['last_name']),
    email: nullIfEmpty(v['email1']),
    phone: nullIfEmpty(v['phone_work']),
  };
}

function toRecord(v: Rec): RemoteRecord<'contact'> | { id: string; reason: string } {
  const id = str(v['id']);
  const data = contactOf(v, accountOf(v));
  if (!data.lastName && !data.firstName) return { id, reason: 'the contact has no name' };
  return { id, data, version: nullIfEmpty(v['date_modified']), modifiedAt: isoOf(v['date_modified']), stamp: stampOf(str(v['description'])) };
}

export const contactSpec: ModelSpec<'contact'> = { model: 'Contact', fields: FIELDS, toRecord };

/** Last name is required by the CRM: a contact known only by first name keeps it there. */
const names = (c: Contact): Rec => ({
  first_name: c.lastName ? c.firstName : null,
  last_name: c.lastName ?? c.firstName,
  email1: c.email,
  phone_work: c.phone,
});

/**
 * Contacts, linked to their account through the Contact's account reference (`primary_account_id`, found in
 * /meta). Created like Accounts: an upsert under the id derived from Ferry's stamp, the stamp line in the
 * description. A contact whose customerId becomes null is unlinked (the reference set empty).
 */
export function createContactPort(client: OneCrmClient, owner?: string): EntityPort<'contact'> {
  const own: Rec = owner ? { assigned_user_id: owner } : {};
  const capabilities: EntityCapabilities = { read: true, write: true, delete: true, delta: true, stamp: true, stampLookup: true, naturalKey: null, modifiedAt: true, parentOptional: true };
  const valuesOf = async (c: Contact): Promise<Rec> => {
    const link = accountLinkField(await client.meta('Contact'));
    return { ...client.fit('Contact', names(c)), ...(link ? { [link]: c.customerId } : {}) };
  };
  // Text longer than a field keeps (its length in /meta) is cut: what the CRM then holds is what Ferry compares.
  const storedForm = (data: Contact): Contact => contactOf(client.fit('Contact', names(data)), data.customerId);
  return {
    entity: 'contact',
    capabilities,
    fields: ['customerId', 'firstName', 'lastName', 'email', 'phone'],

    async *read(opts) {
      const ids = opts.customerIds;
      if (ids) {
        // One customer's scope: by the account_id filter where offered, else everything filtered here.
        const meta = await client.meta('Contact');
        const filter = [...meta.filters].find(([, f]) => f.field !== null && f.field === accountLinkField(meta))?.[0] ?? null;
        const only = new Set(ids);
        if (filter) {
          for (const id of ids) yield* readModel(client, contactSpec, { ...opts, since: null, filters: { [filter]: id } });
          return;
        }
        for await (const p of readModel(client, contactSpec, { ...opts, since: null })) yield { ...p, records: p.records.filter((r) => r.data.customerId !== null && only.has(r.data.customerId)) };
        return;
      }
      yield* readModel(client, contactSpec, { ...opts, onDeltaSupport: (d) => (capabilities.delta = d), ...(owner ? { owner } : {}) });
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      const id = (await client.patch('Contact', idForStamp(ctx.stamp), { ...(await valuesOf(data)), description: withStamp('', ctx.stamp), ...own }, true)) ?? idForStamp(ctx.stamp);
      return { id, version: null, data: storedForm(data) };
    },

    async update(id, data): Promise<WriteResult> {
      if ((await client.patch('Contact', id, await valuesOf(data), false)) === null) throw gone('Contact', id);
      return { id, version: null, data: storedForm(data) };
    },

    async delete(id): Promise<void> {
      await client.remove('Contact', id);
    },

    lookup: ({ stamp }) => findByStamp(client, contactSpec, stamp),

    storedForm,
  };
}
