import { Contact, type EntityData, type EntityName } from '../../../shared/entities.js';
import type { EntityPort, InvalidRecord, ReadOptions, RecordPage, RemoteRecord } from '../types.js';
import type { CentronClient } from './client.js';
import type { Mapped } from './customers.js';
import { ContactRecord, describeIssues } from './methods.js';
import { idOf, parseCustomerIds, readOnlyCapabilities } from './records.js';

export const contactFields = ['customerId', 'firstName', 'lastName', 'email', 'phone'] as const;

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** The customer a child record belongs to: its own CustomerI3D when it carries one, else the customer it was read for. */
export const ownerOf = (own: number | null | undefined, readFor: number): string => String(own !== null && own !== undefined && own > 0 ? own : readFor);

/**
 * A c-entron contact → canonical Contact. Values as they are: nothing trimmed. `customerId` is the contact's
 * `CustomerI3D`, else the customer it was read for (the reference does not list CustomerI3D among contact fields).
 */
export function mapContact(raw: unknown, customerI3D: number): Mapped<Contact> {
  const id = idOf(raw);
  const r = ContactRecord.safeParse(raw);
  if (!r.success) return { ok: false, id, reason: `c-entron contact does not fit the expected shape: ${describeIssues(r.error)}` };
  const c = r.data;
  const data: Contact = {
    customerId: ownerOf(c.CustomerI3D, customerI3D),
    firstName: orNull(c.Firstname),
    lastName: orNull(c.Lastname),
    email: orNull(c.MailAdress),
    phone: orNull(c.Phone),
  };
  const v = Contact.safeParse(data);
  if (!v.success) return { ok: false, id, reason: `c-entron contact maps to an invalid contact: ${describeIssues(v.error)}` };
  return { ok: true, id: String(c.I3D), data: v.data };
}

/** One page of customers whose children are read next. */
interface CustomerBatch {
  page: number;
  pageCount: number | null;
  customers: number[];
}

/**
 * The customers to read children for: the given customerIds (in batches of the page size), else every account
 * (SearchAccountsThroughPaging, active or not), one batch per account page. An account whose record fails its
 * schema still has its children read when its I3D is usable (the customer read reports the account itself).
 */
async function* customerBatches(client: CentronClient, opts: ReadOptions): AsyncGenerator<CustomerBatch> {
  if (opts.customerIds) {
    const ids = [...new Set(parseCustomerIds(opts.customerIds))];
    const size = client.pageSize;
    const pageCount = Math.max(1, Math.ceil(ids.length / size));
    for (let i = 0; i < pageCount; i++) yield { page: i + 1, pageCount, customers: ids.slice(i * size, (i + 1) * size) };
    return;
  }
  const seen = new Set<number>();
  for await (const p of client.pages('searchAccounts', { Filter: { SearchText: '', IsActive: null } }, { signal: opts.signal })) {
    const customers: number[] = [];
    for (const raw of p.items) {
      const id = idOf(raw);
      if (id === null) continue; // no I3D to ask with; the customer read reports it
      const n = Number(id);
      if (seen.has(n)) continue; // accounts can shift between pages while paging
      seen.add(n);
      customers.push(n);
    }
    yield { page: p.page, pageCount: p.pageCount, customers };
  }
}

/**
 * Reads the children of every customer (c-entron has no paged list for contacts or contracts): the customers page
 * by page, then each customer's records (the calls of one page run side by side, bounded by the connection's
 * concurrency). One RecordPage per customer page; a record failing its schema goes to `invalid`, never thrown.
 */
export async function* readPerCustomer<E extends EntityName>(
  client: CentronClient,
  opts: ReadOptions,
  fetch: (customerI3D: number) => Promise<unknown[]>,
  /** null = the record is left out (not invalid). */
  map: (raw: unknown, customerI3D: number) => Mapped<EntityData[E]> | null,
): AsyncGenerator<RecordPage<E>> {
  const seen = new Set<string>();
  for await (const batch of customerBatches(client, opts)) {
    opts.signal?.throwIfAborted();
    const lists = await Promise.all(batch.customers.map((c) => fetch(c)));
    const records: RemoteRecord<E>[] = [];
    const invalid: InvalidRecord[] = [];
    batch.customers.forEach((customer, i) => {
      for (const raw of lists[i]!) {
        const m = map(raw, customer);
        if (m === null) continue;
        if (!m.ok) {
          invalid.push({ id: m.id, reason: m.reason });
          continue;
        }
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        records.push({ id: m.id, data: m.data, version: null, modifiedAt: null, stamp: null });
      }
    });
    yield { records, invalid, page: batch.page, pageCount: batch.pageCount, total: null };
  }
}

/**
 * Contacts: read-only, full reads, per customer via GetAddressContactsFromCustomer (active contacts only: a contact
 * deactivated in c-entron counts as gone). `customerIds` restricts the read to those customers.
 */
export function contactsPort(client: CentronClient): EntityPort<'contact'> {
  return {
    entity: 'contact',
    capabilities: readOnlyCapabilities('contacts', null),
    fields: contactFields,
    read: (opts: ReadOptions) =>
      readPerCustomer<'contact'>(
        client,
        opts,
        (customer) => client.call('getContactsFromCustomer', { CustomerI3D: customer, OnlyActive: true }),
        (raw, customer) => {
          // Asked for active contacts only; should a server ignore OnlyActive, an inactive one is left out all the same.
          if (raw !== null && typeof raw === 'object' && (raw as Record<string, unknown>)['IsActive'] === false) return null;
          return mapContact(raw, customer);
        },
      ),
  };
}
