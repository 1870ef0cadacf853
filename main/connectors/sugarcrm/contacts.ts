import type { Contact } from '../../../shared/entities.js';
import type { EntityPort, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import type { Entry, SugarClient } from './client.js';
import { findByStamp, ownerWhere, isoOf, nullIfEmpty, readModule, stampOf, withStamp, type ModuleSpec } from './records.js';

const FIELDS = ['id', 'first_name', 'last_name', 'email1', 'phone_work', 'account_id', 'description', 'date_modified', 'deleted'];

/** The contact's account: from the `accounts` link (accounts_contacts), else the account_id the server fills in. */
function accountOf(e: Entry): string | null {
  return e.links['accounts']?.[0] ?? nullIfEmpty(e.values['account_id']);
}

export function contactOf(v: Record<string, string>, accountId: string | null): Contact {
  return {
    customerId: accountId,
    firstName: nullIfEmpty(v['first_name']),
    lastName: nullIfEmpty(v['last_name']),
    email: nullIfEmpty(v['email1']),
    phone: nullIfEmpty(v['phone_work']),
  };
}

function valuesOf(c: Contact): Record<string, string> {
  return {
    first_name: c.firstName ?? '',
    last_name: c.lastName ?? '',
    email1: c.email ?? '',
    phone_work: c.phone ?? '',
    ...(c.customerId ? { account_id: c.customerId } : {}),
  };
}

function toRecord(e: Entry): RemoteRecord<'contact'> | { id: string; reason: string } {
  const data = contactOf(e.values, accountOf(e));
  if (!data.lastName && !data.firstName) return { id: e.id, reason: 'the contact has no name' };
  return { id: e.id, data, version: e.values['date_modified'] ?? null, modifiedAt: isoOf(e.values['date_modified']), stamp: stampOf(e.values['description']) };
}

export const contactSpec: ModuleSpec<'contact'> = {
  module: 'Contacts',
  table: 'contacts',
  fields: FIELDS,
  links: [{ name: 'accounts', value: ['id'] }],
  toRecord,
};

/**
 * Contacts, linked to their account through `account_id` on write (SugarCRM sets the accounts_contacts link) and
 * read through the `accounts` link. Linking alone does not change date_modified: a link made in the CRM without
 * editing the contact reaches Ferry with the next full read, not with a delta.
 */
/** Contacts; with `owner`, acting for that user: only their contacts are read, new ones are assigned to them. */
export function createContactPort(client: SugarClient, owner?: string): EntityPort<'contact'> {
  const own: Record<string, string> = owner ? { assigned_user_id: owner } : {};
  const storedForm = (data: Contact): Contact => contactOf(valuesOf(data), data.customerId);
  return {
    entity: 'contact',
    capabilities: { read: true, write: true, delete: true, delta: true, stamp: true, stampLookup: true, naturalKey: null, modifiedAt: true, parentOptional: true },
    fields: ['customerId', 'firstName', 'lastName', 'email', 'phone'],

    async *read(opts) {
      const only = opts.customerIds ? new Set(opts.customerIds) : null;
      for await (const p of readModule(client, contactSpec, opts, ownerWhere('contacts', owner))) {
        yield only ? { ...p, records: p.records.filter((r) => r.data.customerId !== null && only.has(r.data.customerId)) } : p;
      }
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      const id = await client.setEntry('Contacts', { ...valuesOf(data), ...own, description: withStamp('', ctx.stamp) }, { idempotent: false });
      return { id, version: null, data: storedForm(data) };
    },

    async update(id, data): Promise<WriteResult> {
      await client.setEntry('Contacts', { id, ...valuesOf(data) }, { idempotent: true });
      return { id, version: null, data: storedForm(data) };
    },

    async delete(id): Promise<void> {
      await client.setEntry('Contacts', { id, deleted: '1' }, { idempotent: true });
    },

    async lookup({ stamp }) {
      const e = await findByStamp(client, contactSpec, stamp);
      if (!e) return null;
      const r = toRecord(e);
      return 'data' in r ? r : null;
    },

    storedForm,
  };
}
