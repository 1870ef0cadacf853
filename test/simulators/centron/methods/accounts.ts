// Customers (accounts), their addresses, contacts and contracts. Right: readCustomers.
import type { SimState } from '../state.js';
import type { Customer } from '../types.js';
import { asInt, asObject, optBool, pageOf, pageRequest, type MethodSpec } from './context.js';

/** Filtered customer lists, cached until the customer table changes. */
const filterCache = new WeakMap<SimState, { version: number; lists: Map<string, readonly Customer[]> }>();

function filteredCustomers(state: SimState, searchText: string, isActive: boolean | null): readonly Customer[] {
  const all = state.customers.all();
  if (searchText === '' && isActive === null) return all;
  let entry = filterCache.get(state);
  if (!entry || entry.version !== state.customers.version) {
    entry = { version: state.customers.version, lists: new Map() };
    filterCache.set(state, entry);
  }
  const key = `${isActive}\u0000${searchText}`;
  let list = entry.lists.get(key);
  if (!list) {
    const needle = searchText.toLocaleLowerCase('de');
    list = all.filter(
      (c) =>
        (isActive === null || c.IsActive === isActive) &&
        (needle === '' || (c.Name ?? '').toLocaleLowerCase('de').includes(needle) || String(c.Number ?? '').includes(needle)),
    );
    entry.lists.set(key, list);
  }
  return list;
}

export const accountMethods: MethodSpec[] = [
  {
    name: 'SearchAccountsThroughPaging',
    ticket: true,
    right: 'readCustomers',
    handle: (ctx, data) => {
      const d = asObject(data);
      const filter = d.Filter === undefined || d.Filter === null ? {} : asObject(d.Filter, 'Filter');
      const text = filter.SearchText;
      const searchText = typeof text === 'string' ? text.trim() : '';
      const rows = filteredCustomers(ctx.state, searchText, optBool(filter.IsActive, 'Filter.IsActive'));
      return pageOf(rows, pageRequest(d));
    },
  },
  {
    name: 'GetCustomerByI3D',
    ticket: true,
    right: 'readCustomers',
    handle: (ctx, data) => {
      const c = ctx.state.customers.get(asInt(data, 'Data'));
      return c ? [c] : [];
    },
  },
  {
    name: 'GetAddressesFromCustomer',
    ticket: true,
    right: 'readCustomers',
    handle: (ctx, data) => {
      const d = asObject(data);
      const rows = ctx.state.addresses.byKey(asInt(d.CustomerI3D, 'CustomerI3D'));
      return optBool(d.OnlyActive, 'OnlyActive') ? rows.filter((a) => a.IsActive) : [...rows];
    },
  },
  {
    name: 'GetAddressContactsFromCustomer',
    ticket: true,
    right: 'readCustomers',
    handle: (ctx, data) => {
      const d = asObject(data);
      const rows = ctx.state.contacts.byKey(asInt(d.CustomerI3D, 'CustomerI3D'));
      return optBool(d.OnlyActive, 'OnlyActive') ? rows.filter((c) => c.IsActive) : [...rows];
    },
  },
  {
    name: 'GetContactsFromAddress',
    ticket: true,
    right: 'readCustomers',
    handle: (ctx, data) => {
      const d = asObject(data);
      const address = ctx.state.addresses.get(asInt(d.AddressI3D, 'AddressI3D'));
      if (!address) return [];
      const onlyActive = optBool(d.OnlyActive, 'OnlyActive');
      return ctx.state.contacts.byKey(address.CustomerI3D).filter((c) => c.AddressI3D === address.I3D && (!onlyActive || c.IsActive));
    },
  },
  {
    name: 'GetContractsByCustomerI3D',
    ticket: true,
    right: 'readCustomers',
    handle: (ctx, data) => [...ctx.state.contracts.byKey(asInt(data, 'Data'))],
  },
];

