import { Contract } from '../../../shared/entities.js';
import { FerryError } from '../../../shared/errors.js';
import type { EntityPort, ReadOptions } from '../types.js';
import type { CentronClient } from './client.js';
import { ownerOf, readPerCustomer } from './contacts.js';
import type { Mapped } from './customers.js';
import { ContractRecord, describeIssues } from './methods.js';
import { idOf, readOnlyCapabilities } from './records.js';
import { wcfToIsoNullable } from './wcf-date.js';

export const contractFields = ['customerId', 'number', 'caption', 'start', 'end'] as const;

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/**
 * A c-entron contract → canonical Contract. `Number`, `Caption`, `Start`, `End` are inferred field names (see
 * methods.ts); dates are WCF dates, converted to ISO with their offset kept. A date that is not a WCF date makes the
 * record invalid.
 */
export function mapContract(raw: unknown, customerI3D: number): Mapped<Contract> {
  const id = idOf(raw);
  const r = ContractRecord.safeParse(raw);
  if (!r.success) return { ok: false, id, reason: `c-entron contract does not fit the expected shape: ${describeIssues(r.error)}` };
  const c = r.data;
  let start: string | null;
  let end: string | null;
  try {
    start = wcfToIsoNullable(c.Start);
    end = wcfToIsoNullable(c.End);
  } catch (e) {
    return { ok: false, id, reason: `c-entron contract has an unreadable date: ${e instanceof FerryError ? e.message : String(e)}` };
  }
  const data: Contract = {
    customerId: ownerOf(c.CustomerI3D, customerI3D),
    number: c.Number === null || c.Number === undefined ? null : String(c.Number),
    caption: orNull(c.Caption),
    start,
    end,
  };
  const v = Contract.safeParse(data);
  if (!v.success) return { ok: false, id, reason: `c-entron contract maps to an invalid contract: ${describeIssues(v.error)}` };
  return { ok: true, id: String(c.I3D), data: v.data };
}

/** Contracts: read-only, full reads, per customer via GetContractsByCustomerI3D. `customerIds` restricts the read. */
export function contractsPort(client: CentronClient): EntityPort<'contract'> {
  return {
    entity: 'contract',
    capabilities: readOnlyCapabilities('contracts', null),
    fields: contractFields,
    read: (opts: ReadOptions) => readPerCustomer<'contract'>(client, opts, (customer) => client.call('getContractsByCustomer', customer), mapContract),
  };
}
