// The simulator's in-memory c-entron database, plus helpers tests use to act "as a c-entron user".
import { Sessions } from './sessions.js';
import { Table } from './table.js';
import {
  FIRST_CUSTOMER_NUMBER,
  ID_BASE,
  RIGHTS,
  SETTING_ADDRESS_MASTER_ACTIVE,
  SETTING_LAST_CUSTOMER_SYNC,
  type Address,
  type AddressRef,
  type AppSetting,
  type Contact,
  type Contract,
  type Customer,
  type Device,
  type DeviceLink,
  type Helpdesk,
  type Rights,
  type SimUser,
  type SimUserInput,
} from './types.js';
import { formatServerDate, parseWcfDate } from './wcf-date.js';
import type { GeneratedData } from './generator.js';

/** A date as tests give it: epoch ms, a Date, a WCF string, or null. */
export type DateInput = number | Date | string | null;

export function toServerDate(value: DateInput | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return formatServerDate(value);
  if (value instanceof Date) return formatServerDate(value.getTime());
  const parsed = parseWcfDate(value);
  if (!parsed) throw new Error(`not a WCF date: ${value}`);
  return formatServerDate(parsed.ms);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type CustomerInput = Partial<Omit<Customer, 'I3D' | 'DefaultAddress' | 'AccountName'>> & {
  I3D?: number;
  DefaultAddress?: Partial<Omit<AddressRef, 'I3D'>> | null;
};
export type DeviceInput = Partial<Device>;
export type HelpdeskInput = Partial<Omit<Helpdesk, 'CreatedDate' | 'DueDate'>> & { CreatedDate?: DateInput; DueDate?: DateInput };
export type ContactInput = Partial<Omit<Contact, 'I3D' | 'CustomerI3D' | 'AddressI3D'>>;
export type ContractInput = Partial<Omit<Contract, 'I3D' | 'CustomerI3D' | 'Start' | 'End'>> & { Start?: DateInput; End?: DateInput };

export interface LoginRecord {
  readonly at: number;
  readonly data: unknown;
  readonly ok: boolean;
}

export interface SimStateOptions {
  now?: () => number;
  ticketIdleMs?: number;
  users?: SimUserInput[];
}

export const ALL_RIGHTS: Rights = Object.fromEntries(RIGHTS.map((r) => [r, true])) as Rights;
const NO_RIGHTS: Rights = Object.fromEntries(RIGHTS.map((r) => [r, false])) as Rights;

export function resolveRights(rights: SimUserInput['rights']): Rights {
  if (rights === undefined || rights === 'all') return { ...ALL_RIGHTS };
  return { ...NO_RIGHTS, ...rights };
}

export class SimState {
  readonly now: () => number;
  readonly customers = new Table<Customer>(ID_BASE.customer);
  readonly addresses = new Table<Address>(ID_BASE.address, (r) => r.CustomerI3D);
  readonly contacts = new Table<Contact>(ID_BASE.contact, (r) => r.CustomerI3D);
  readonly contracts = new Table<Contract>(ID_BASE.contract, (r) => r.CustomerI3D);
  readonly devices = new Table<Device>(ID_BASE.device, (r) => r.CustomerI3D);
  readonly helpdesks = new Table<Helpdesk>(ID_BASE.helpdesk, (r) => r.CustomerI3D);
  readonly deviceLinks = new Table<DeviceLink>(ID_BASE.deviceLink);
  readonly settings = new Map<number, AppSetting>();
  /** By lower-cased user name. */
  readonly users = new Map<string, SimUser>();
  readonly sessions: Sessions;
  /** Every Login call's Data and outcome, so tests can check what a client sent (Application GUID, LoginKind …). */
  readonly logins: LoginRecord[] = [];
  private nextUserI3D = 1;

  constructor(opts: SimStateOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.sessions = new Sessions(this.now, opts.ticketIdleMs ?? 30 * 60_000);
    for (const u of opts.users ?? [{ username: 'ferry', password: 'secret', rights: 'all' }]) this.addUser(u);
    this.setAddressMasterActive(true);
    this.setLastCustomerSync(null);
  }

  /** Loads generated data (appends; ids are kept). */
  load(data: GeneratedData): void {
    this.customers.putMany(data.customers);
    this.addresses.putMany(data.addresses);
    this.contacts.putMany(data.contacts);
    this.contracts.putMany(data.contracts);
    this.devices.putMany(data.devices);
    this.helpdesks.putMany(data.helpdesks);
  }

  // ---- users and tickets ----
  addUser(input: SimUserInput): SimUser {
    const user: SimUser = {
      I3D: this.nextUserI3D++,
      username: input.username,
      password: input.password,
      rights: resolveRights(input.rights),
      isAdmin: input.isAdmin ?? false,
      displayName: input.displayName ?? input.username,
    };
    this.users.set(input.username.toLowerCase(), user);
    return user;
  }

  user(username: string): SimUser | undefined {
    return this.users.get(username.toLowerCase());
  }

  setUserRights(username: string, rights: SimUserInput['rights']): void {
    const u = this.user(username);
    if (!u) throw new Error(`no user ${username}`);
    u.rights = resolveRights(rights);
  }

  setUserPassword(username: string, password: string): void {
    const u = this.user(username);
    if (!u) throw new Error(`no user ${username}`);
    u.password = password;
  }

  expireAllTickets(): void {
    this.sessions.expireAll();
  }

  // ---- application settings ----
  setSetting(setting: AppSetting): void {
    this.settings.set(setting.I3D, Object.freeze({ ...setting }));
  }

  setAddressMasterActive(active: boolean): void {
    this.setSetting({ I3D: SETTING_ADDRESS_MASTER_ACTIVE, ValueBool: active });
  }

  setLastCustomerSync(at: DateInput): void {
    this.setSetting({ I3D: SETTING_LAST_CUSTOMER_SYNC, ValueDateTime: toServerDate(at) });
  }

  // ---- customers, addresses, contacts, contracts ----
  getCustomer(i3d: number): Customer | undefined {
    return this.customers.get(i3d);
  }

  listCustomers(): readonly Customer[] {
    return this.customers.all();
  }

  nextCustomerNumber(): number {
    let max = FIRST_CUSTOMER_NUMBER - 1;
    for (const c of this.customers.all()) if (c.Number !== null && c.Number > max) max = c.Number;
    return max + 1;
  }

  addCustomer(input: CustomerInput = {}): Customer {
    const I3D = input.I3D ?? this.customers.allocateId();
    const name = input.Name === undefined ? `Kunde ${I3D}` : input.Name;
    let DefaultAddress: AddressRef | null = null;
    if (input.DefaultAddress !== null) {
      const a = input.DefaultAddress ?? {};
      const addr: Address = {
        I3D: this.addresses.allocateId(),
        Street: a.Street ?? null,
        Zip: a.Zip ?? null,
        City: a.City ?? null,
        Country: a.Country ?? { Name: 'Deutschland' },
        CustomerI3D: I3D,
        IsDefault: true,
        IsActive: true,
      };
      this.addresses.put(addr);
      DefaultAddress = addressRef(addr);
    }
    const rec: Customer = {
      I3D,
      Name: name,
      AccountName: name,
      Number: input.Number === undefined ? this.nextCustomerNumber() : input.Number,
      Phone: input.Phone ?? null,
      Fax: input.Fax ?? null,
      EMail: input.EMail ?? null,
      Website: input.Website ?? null,
      DefaultAddress,
      IsActive: input.IsActive ?? true,
    };
    this.customers.put(rec);
    return rec;
  }

  /** Changes fields of a customer; `DefaultAddress` fields also change the default address record. */
  updateCustomer(i3d: number, patch: Omit<CustomerInput, 'I3D'>): Customer {
    const old = this.mustCustomer(i3d);
    const next: Mutable<Customer> = { ...old };
    for (const k of ['Name', 'Number', 'Phone', 'Fax', 'EMail', 'Website', 'IsActive'] as const) {
      if (patch[k] !== undefined) (next as Record<string, unknown>)[k] = patch[k];
    }
    next.AccountName = next.Name;
    if (patch.DefaultAddress === null) next.DefaultAddress = null;
    else if (patch.DefaultAddress !== undefined) {
      const current = old.DefaultAddress ? this.addresses.get(old.DefaultAddress.I3D) : undefined;
      const addr: Address = {
        I3D: current?.I3D ?? this.addresses.allocateId(),
        Street: null,
        Zip: null,
        City: null,
        Country: null,
        CustomerI3D: i3d,
        IsDefault: true,
        IsActive: true,
        ...current,
        ...patch.DefaultAddress,
      };
      this.addresses.put(addr);
      next.DefaultAddress = addressRef(addr);
    }
    this.customers.put(next);
    return next;
  }

  deactivate(i3d: number): Customer {
    return this.updateCustomer(i3d, { IsActive: false });
  }

  activate(i3d: number): Customer {
    return this.updateCustomer(i3d, { IsActive: true });
  }

  addContact(customerI3D: number, input: ContactInput = {}): Contact {
    const c = this.mustCustomer(customerI3D);
    const addressI3D = c.DefaultAddress?.I3D ?? this.addresses.byKey(customerI3D)[0]?.I3D;
    if (addressI3D === undefined) throw new Error(`customer ${customerI3D} has no address`);
    const rec: Contact = {
      I3D: this.contacts.allocateId(),
      CustomerI3D: customerI3D,
      AddressI3D: addressI3D,
      Firstname: input.Firstname ?? null,
      Lastname: input.Lastname ?? null,
      MailAdress: input.MailAdress ?? null,
      Phone: input.Phone ?? null,
      IsActive: input.IsActive ?? true,
    };
    this.contacts.put(rec);
    return rec;
  }

  addContract(customerI3D: number, input: ContractInput = {}): Contract {
    this.mustCustomer(customerI3D);
    const rec: Contract = {
      I3D: this.contracts.allocateId(),
      CustomerI3D: customerI3D,
      Number: input.Number ?? null,
      Caption: input.Caption ?? null,
      Start: toServerDate(input.Start ?? null),
      End: toServerDate(input.End ?? null),
    };
    this.contracts.put(rec);
    return rec;
  }

  // ---- devices ----
  getDevice(i3d: number): Device | undefined {
    return this.devices.get(i3d);
  }

  /** All devices, or those of one customer; in I3D order. */
  listDevices(customerI3D?: number | null): readonly Device[] {
    return customerI3D === undefined ? this.devices.all() : this.devices.byKey(customerI3D);
  }

  findDevicesByCode(code: string): Device[] {
    return this.devices.all().filter((d) => d.Code === code);
  }

  addDevice(input: DeviceInput = {}): Device {
    const rec: Device = {
      I3D: input.I3D ?? this.devices.allocateId(),
      CustomerI3D: input.CustomerI3D ?? null,
      Code: input.Code ?? null,
      Caption: input.Caption ?? null,
      SerialNumber: input.SerialNumber ?? null,
      Manufacturer: input.Manufacturer ?? null,
      Model: input.Model ?? null,
      OperatingSystem: input.OperatingSystem ?? null,
      MacAddress: input.MacAddress ?? null,
    };
    this.devices.put(rec);
    return rec;
  }

  updateDevice(i3d: number, patch: Omit<DeviceInput, 'I3D'>): Device {
    const old = this.devices.get(i3d);
    if (!old) throw new Error(`no device ${i3d}`);
    const next: Device = { ...old, ...stripUndefined(patch), I3D: i3d };
    this.devices.put(next);
    return next;
  }

  removeDevice(i3d: number): boolean {
    return this.devices.remove(i3d);
  }

  // ---- helpdesk tickets ----
  getHelpdesk(i3d: number): Helpdesk | undefined {
    return this.helpdesks.get(i3d);
  }

  listHelpdesks(customerI3D?: number | null): readonly Helpdesk[] {
    return customerI3D === undefined ? this.helpdesks.all() : this.helpdesks.byKey(customerI3D);
  }

  nextHelpdeskNumber(): number {
    const last = this.helpdesks.all();
    let max = 0;
    for (const h of last) if (h.Number > max) max = h.Number;
    return max + 1;
  }

  addHelpdesk(input: HelpdeskInput = {}): Helpdesk {
    const rec: Helpdesk = {
      I3D: input.I3D ?? this.helpdesks.allocateId(),
      Number: input.Number ?? this.nextHelpdeskNumber(),
      CustomerI3D: input.CustomerI3D ?? null,
      ShortDescription: input.ShortDescription ?? null,
      Description: input.Description ?? null,
      CreatedDate: toServerDate(input.CreatedDate === undefined ? this.now() : input.CreatedDate),
      DueDate: toServerDate(input.DueDate ?? null),
      HelpdeskStatusI3D: input.HelpdeskStatusI3D ?? 1,
      HelpdeskPriorityI3D: input.HelpdeskPriorityI3D ?? null,
      HelpdeskTypeI3D: input.HelpdeskTypeI3D ?? null,
      ResponsiblePerson: input.ResponsiblePerson ?? null,
    };
    this.helpdesks.put(rec);
    return rec;
  }

  updateHelpdesk(i3d: number, patch: Omit<HelpdeskInput, 'I3D'>): Helpdesk {
    const old = this.helpdesks.get(i3d);
    if (!old) throw new Error(`no helpdesk ${i3d}`);
    const { CreatedDate, DueDate, ...rest } = patch;
    const next: Helpdesk = {
      ...old,
      ...stripUndefined(rest),
      ...(CreatedDate !== undefined ? { CreatedDate: toServerDate(CreatedDate) } : {}),
      ...(DueDate !== undefined ? { DueDate: toServerDate(DueDate) } : {}),
      I3D: i3d,
    };
    this.helpdesks.put(next);
    return next;
  }

  addDeviceLink(deviceHeadI3D: number, helpdeskI3D: number): DeviceLink {
    const rec: DeviceLink = { I3D: this.deviceLinks.allocateId(), DeviceHeadI3D: deviceHeadI3D, HelpdeskI3D: helpdeskI3D };
    this.deviceLinks.put(rec);
    return rec;
  }

  private mustCustomer(i3d: number): Customer {
    const c = this.customers.get(i3d);
    if (!c) throw new Error(`no customer ${i3d}`);
    return c;
  }
}

function addressRef(a: Address): AddressRef {
  const Country = a.Country ? Object.freeze({ Name: a.Country.Name }) : null;
  return Object.freeze({ I3D: a.I3D, Street: a.Street, Zip: a.Zip, City: a.City, Country });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
