import type { Customer } from '../../../shared/entities.js';
import type { EntityCapabilities, EntityPort, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import { FerryError } from '../../../shared/errors.js';
import type { OneCrmClient, Rec } from './client.js';
import { findByStamp, idForStamp, isoOf, mapRecord, nullIfEmpty, readModel, stampOf, str, withStamp, type ModelSpec } from './records.js';

export const ACCOUNT_FIELDS = [
  'id', 'name', 'phone_office', 'website', 'email1', 'billing_address_street', 'billing_address_postalcode', 'billing_address_city',
  'billing_address_country', 'description', 'date_modified',
] as const;

/** Canonical customer fields an Account keeps (no customer number and no fax in a standard Account). */
const KEPT = ['name', 'phone', 'email', 'website', 'street', 'zip', 'city', 'country'] as const;

export function customerOf(v: Rec): Customer {
  return {
    number: null,
    name: str(v['name']),
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

/** What Ferry writes: empty canonical values as null (the API's empty value). */
function valuesOf(c: Customer): Rec {
  return {
    name: c.name,
    phone_office: c.phone,
    email1: c.email,
    website: c.website,
    billing_address_street: c.street,
    billing_address_postalcode: c.zip,
    billing_address_city: c.city,
    billing_address_country: c.country,
  };
}

function toRecord(v: Rec): RemoteRecord<'customer'> | { id: string; reason: string } {
  const id = str(v['id']);
  const data = customerOf(v);
  if (!data.name) return { id, reason: 'the account has no name' };
  return { id, data, version: nullIfEmpty(v['date_modified']), modifiedAt: isoOf(v['date_modified']), stamp: stampOf(str(v['description'])) };
}

export const accountSpec: ModelSpec<'customer'> = { model: 'Account', fields: ACCOUNT_FIELDS, toRecord };

export const gone = (model: string, id: string): FerryError =>
  new FerryError('data', `1CRM: the ${model} ${id} no longer exists.`, 'It was deleted in the CRM; the next full run notices and follows the delete policy.', { id });

/**
 * Customers are Accounts. Created with `PATCH /data/Account/{idForStamp(stamp)}` and `create: true` (an upsert under
 * an id derived from Ferry's stamp: repeatable, so a lost answer never makes a duplicate), with the line
 * `Ferry-Id: <stamp>` in the description. Updated with PATCH (no create), deleted with DELETE.
 */
export function createAccountPort(client: OneCrmClient, owner?: string): EntityPort<'customer'> {
  const own: Rec = owner ? { assigned_user_id: owner } : {};
  // Text longer than a field keeps (its length in /meta) is cut: what the CRM then holds is what Ferry compares.
  const storedForm = (data: Customer): Customer => customerOf(client.fit('Account', valuesOf(data)));
  const fitted = async (data: Customer): Promise<Rec> => {
    await client.meta('Account');
    return client.fit('Account', valuesOf(data));
  };
  const capabilities: EntityCapabilities = { read: true, write: true, delete: true, delta: true, stamp: true, stampLookup: true, naturalKey: null, modifiedAt: true };
  return {
    entity: 'customer',
    capabilities,
    fields: [...KEPT],

    async *read(opts) {
      if (opts.customerIds) {
        // One customer's scope: those accounts by id.
        const records = [];
        const invalid = [];
        for (const id of opts.customerIds) {
          const raw = await client.get('Account', id, [...ACCOUNT_FIELDS]);
          if (!raw) continue;
          const r = mapRecord(accountSpec, raw);
          if ('data' in r) records.push(r);
          else invalid.push(r);
        }
        yield { records, invalid, page: 1, pageCount: 1, total: records.length };
        return;
      }
      yield* readModel(client, accountSpec, { ...opts, onDeltaSupport: (d) => (capabilities.delta = d), ...(owner ? { owner } : {}) });
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      const id = (await client.patch('Account', idForStamp(ctx.stamp), { ...(await fitted(data)), description: withStamp('', ctx.stamp), ...own }, true)) ?? idForStamp(ctx.stamp);
      return { id, version: null, data: storedForm(data) };
    },

    async update(id, data): Promise<WriteResult> {
      // The description (and the stamp line in it) is left as it is: the CRM user's own text stays.
      if ((await client.patch('Account', id, await fitted(data), false)) === null) throw gone('Account', id);
      return { id, version: null, data: storedForm(data) };
    },

    async delete(id): Promise<void> {
      await client.remove('Account', id);
    },

    lookup: ({ stamp }) => findByStamp(client, accountSpec, stamp),

    storedForm,
  };
}
