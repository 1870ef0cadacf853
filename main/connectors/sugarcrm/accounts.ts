import type { Customer } from '../../../shared/entities.js';
import type { EntityPort, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import { sqlString, type Entry, type SugarClient } from './client.js';
import { allOf, findByStamp, ownerWhere, isoOf, nullIfEmpty, readModule, stampOf, withStamp, type ModuleSpec } from './records.js';

const FIELDS = [
  'id', 'name', 'phone_office', 'website', 'email1', 'billing_address_street', 'billing_address_postalcode', 'billing_address_city',
  'billing_address_country', 'description', 'date_modified', 'deleted',
];

/** Canonical customer fields an Account keeps (no customer number and no fax in a standard Account). */
const KEPT = ['name', 'phone', 'email', 'website', 'street', 'zip', 'city', 'country'] as const;

export function customerOf(v: Record<string, string>): Customer {
  return {
    number: null,
    name: (v['name'] ?? '').trim(),
    phone: nullIfEmpty(v['phone_office']),
    fax: null,
    email: nullIfEmpty(v['email1']),
    website: nullIfEmpty(v['website']),
    street: nullIfEmpty(v['billing_address_street']),
    zip: nullIfEmpty(v['billing_address_postalcode']),
    city: nullIfEmpty(v['billing_address_city']),
    country: nullIfEmpty(v['billing_address_country']),
    active: true,
  };
}

function valuesOf(c: Customer): Record<string, string> {
  return {
    name: c.name,
    phone_office: c.phone ?? '',
    email1: c.email ?? '',
    website: c.website ?? '',
    billing_address_street: c.street ?? '',
    billing_address_postalcode: c.zip ?? '',
    billing_address_city: c.city ?? '',
    billing_address_country: c.country ?? '',
  };
}

function toRecord(e: Entry): RemoteRecord<'customer'> | { id: string; reason: string } {
  const data = customerOf(e.values);
  if (!data.name) return { id: e.id, reason: 'the account has no name' };
  return { id: e.id, data, version: e.values['date_modified'] ?? null, modifiedAt: isoOf(e.values['date_modified']), stamp: stampOf(e.values['description']) };
}

export const accountSpec: ModuleSpec<'customer'> = { module: 'Accounts', table: 'accounts', fields: FIELDS, toRecord };

/** Customers are Accounts. Ferry's stamp is the line `Ferry-Id: <stamp>` in the description, written on create. */
/** Accounts; with `owner`, acting for that user: only their accounts are read, new ones are assigned to them. */
export function createAccountPort(client: SugarClient, owner?: string): EntityPort<'customer'> {
  const own: Record<string, string> = owner ? { assigned_user_id: owner } : {};
  const storedForm = (data: Customer): Customer => customerOf(valuesOf(data));
  return {
    entity: 'customer',
    capabilities: { read: true, write: true, delete: true, delta: true, stamp: true, stampLookup: true, naturalKey: null, modifiedAt: true },
    fields: [...KEPT],

    read(opts) {
      const ids = opts.customerIds;
      const where = ids ? (ids.length ? `accounts.id IN (${ids.map(sqlString).join(', ')})` : '1 = 0') : null;
      return readModule(client, accountSpec, opts, allOf(where, ownerWhere('accounts', owner)));
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      const id = await client.setEntry('Accounts', { ...valuesOf(data), ...own, description: withStamp('', ctx.stamp) }, { idempotent: false });
      return { id, version: null, data: storedForm(data) };
    },

    async update(id, data): Promise<WriteResult> {
      // Setting the same values again is harmless: updates may be repeated.
      await client.setEntry('Accounts', { id, ...valuesOf(data) }, { idempotent: true });
      return { id, version: null, data: storedForm(data) };
    },

    async delete(id): Promise<void> {
      await client.setEntry('Accounts', { id, deleted: '1' }, { idempotent: true });
    },

    async lookup({ stamp }) {
      const e = await findByStamp(client, accountSpec, stamp);
      if (!e) return null;
      const r = toRecord(e);
      return 'data' in r ? r : null;
    },

    storedForm,
  };
}
