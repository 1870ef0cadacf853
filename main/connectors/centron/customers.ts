import { Customer } from '../../../shared/entities.js';
import type { EntityPort, InvalidRecord, ReadOptions, RecordPage, RemoteRecord } from '../types.js';
import type { CentronClient } from './client.js';
import { AccountRecord, describeIssues } from './methods.js';
import { idOf, parseCustomerIds, readOnlyCapabilities } from './records.js';

export const customerFields = ['number', 'name', 'phone', 'fax', 'email', 'website', 'street', 'zip', 'city', 'country', 'active'] as const;

export type Mapped<T> = { ok: true; id: string; data: T } | { ok: false; id: string | null; reason: string };

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/**
 * A c-entron account → canonical Customer. Values are taken as they are: "" stays "", null stays null, nothing
 * is trimmed. `name` is `Name`, else `AccountName` (the first of them that is present and not null).
 */
export function mapAccount(raw: unknown): Mapped<Customer> {
  const id = idOf(raw);
  const r = AccountRecord.safeParse(raw);
  if (!r.success) return { ok: false, id, reason: `c-entron account does not fit the expected shape: ${describeIssues(r.error)}` };
  const a = r.data;
  const name = a.Name ?? a.AccountName;
  if (name === null || name === undefined) return { ok: false, id, reason: 'c-entron account has neither Name nor AccountName' };
  const addr = a.DefaultAddress ?? null;
  const data: Customer = {
    number: a.Number === null || a.Number === undefined ? null : String(a.Number),
    name,
    phone: orNull(a.Phone),
    fax: orNull(a.Fax),
    email: orNull(a.EMail),
    website: orNull(a.Website),
    street: orNull(addr?.Street),
    zip: orNull(addr?.Zip),
    city: orNull(addr?.City),
    country: orNull(addr?.Country?.Name),
    active: a.IsActive,
  };
  const c = Customer.safeParse(data);
  if (!c.success) return { ok: false, id, reason: `c-entron account maps to an invalid customer: ${describeIssues(c.error)}` };
  return { ok: true, id: String(a.I3D), data: c.data };
}

/** Customers (c-entron accounts): read-only, full reads (no delta), via SearchAccountsThroughPaging. */
export function customersPort(client: CentronClient): EntityPort<'customer'> {
  return {
    entity: 'customer',
    capabilities: readOnlyCapabilities('customers', 'number'),
    fields: customerFields,
    async *read(opts: ReadOptions): AsyncIterable<RecordPage<'customer'>> {
      // customerIds restricts the read to these accounts (e.g. `ferry run --customer`); c-entron filters by text only.
      const only = opts.customerIds ? new Set(parseCustomerIds(opts.customerIds).map(String)) : null;
      const seen = new Set<string>();
      for await (const p of client.pages('searchAccounts', { Filter: { SearchText: '', IsActive: null } }, { signal: opts.signal })) {
        const records: RemoteRecord<'customer'>[] = [];
        const invalid: InvalidRecord[] = [];
        for (const raw of p.items) {
          const m = mapAccount(raw);
          if (!m.ok) {
            if (only && (m.id === null || !only.has(m.id))) continue;
            invalid.push({ id: m.id, reason: m.reason });
            continue;
          }
          if (only && !only.has(m.id)) continue;
          // Records can shift between pages while paging: keep the first sighting.
          if (seen.has(m.id)) continue;
          seen.add(m.id);
          records.push({ id: m.id, data: m.data, version: null, modifiedAt: null, stamp: null });
        }
        yield { records, invalid, page: p.page, pageCount: p.pageCount, total: p.total };
      }
    },
  };
}
