import fs from 'node:fs';
import { z } from 'zod';
import { FerryError } from '../../../shared/errors.js';

/**
 * The ONE table of every c-entron web-service method Ferry calls: its default name, where the fact comes from,
 * and the shape of its request `Data` and of its answer's `Result`. A site whose c-entron names a method
 * differently corrects it at runtime with a methods file (`--option methodsFile=<path>`), no rebuild.
 *
 * Sources (see shared/reference/centron-webservice.md): `documented` = c-entron's online help; `public-client` =
 * seen in c-entron's iSuite or the SBoard client; `assumed` = not public, Ferry's assumption (device write).
 * Where the method is public but part of its shape is the reference's own inference (field names, the Data shape),
 * `inferred` names that part: it is what a site may have to correct first.
 */

/** The GUID c-entron's own clients send as `Application` on Login. */
export const APPLICATION_GUID = '{8A9E6F82-4DFF-4C93-916C-CEA90EE4ED22}';

/** Application settings read by the preflight (seed 000). */
export const SETTING_ADDRESS_MASTER_ACTIVE = 10011;
export const SETTING_LAST_CUSTOMER_SYNC = 50421;

const str = z.string().nullish();
const i3d = z.number().int().positive();

// ---- Envelopes -------------------------------------------------------------------------------------------------

/** Request envelope: `{Ticket, TrimResponse: 0, Data}`. */
export interface RequestEnvelope {
  Ticket: string | null;
  TrimResponse: 0;
  Data: unknown;
}

/** Response envelope. `Result` is always an array on success; tolerated as null/absent on an error answer. */
export const ResponseEnvelope = z.object({
  Status: z.number().int(),
  Message: z.string().nullish(),
  MessageCode: z.number().nullish(),
  Result: z.array(z.unknown()).nullish(),
});
export type ResponseEnvelope = z.infer<typeof ResponseEnvelope>;

/** Status values (observed in clients, not documented). */
export const STATUS_OK = 0;
export const STATUS_ERROR = 1;
export const STATUS_TICKET_INVALID = 2;

/** `Result[0]` of every *ThroughPaging method. Records are validated one by one by the entity modules. */
export const PageResult = z.object({
  Count: z.number().int().nonnegative(),
  CurrentPage: z.number().int().optional(),
  PageCount: z.number().int().nonnegative(),
  Result: z.array(z.unknown()),
});
export type PageResult = z.infer<typeof PageResult>;

// ---- Records ---------------------------------------------------------------------------------------------------

/** An account (customer) as SearchAccountsThroughPaging answers it. `Number` is inferred (string or number). */
export const AccountRecord = z.object({
  I3D: i3d,
  Number: z.union([z.string(), z.number()]).nullish(),
  Name: str,
  AccountName: str,
  Phone: str,
  Fax: str,
  EMail: str,
  Website: str,
  DefaultAddress: z
    .object({
      I3D: z.number().int().nullish(),
      Street: str,
      Zip: str,
      City: str,
      Country: z.object({ Name: str }).nullish(),
    })
    .nullish(),
  IsActive: z.boolean(),
});
export type AccountRecord = z.infer<typeof AccountRecord>;

/** A device ("master data list"). `I3D`, `Code`, `Caption` are public; the rest is assumed. */
export const DeviceRecord = z.object({
  I3D: i3d,
  Code: z.string(),
  Caption: str,
  CustomerI3D: z.number().int().nullish(),
  SerialNumber: str,
  Manufacturer: str,
  Model: str,
  OperatingSystem: str,
  MacAddress: str,
});
export type DeviceRecord = z.infer<typeof DeviceRecord>;

/** The device object SaveMasterDataList takes (ASSUMED). No `I3D` creates; with `I3D` it updates. */
export const DeviceWrite = z.object({
  I3D: i3d.optional(),
  CustomerI3D: i3d.optional(),
  Code: z.string(),
  Caption: z.string().nullable(),
  SerialNumber: z.string().nullable(),
  Manufacturer: z.string().nullable(),
  Model: z.string().nullable(),
  OperatingSystem: z.string().nullable(),
  MacAddress: z.string().nullable(),
});
export type DeviceWrite = z.infer<typeof DeviceWrite>;

/** A WCF JSON date as Ferry writes it: "/Date(<ms>)/" or "/Date(<ms>±HHMM)/" (see wcf-date.ts). */
const wcfDate = z.string().regex(/^\/Date\(-?\d{1,16}(?:[+-]\d{4})?\)\/$/, 'a WCF date "/Date(<ms>±HHMM)/"');

/**
 * A contact (GetAddressContactsFromCustomer). `I3D`, `Firstname`, `Lastname`, `MailAdress` (sic) are public;
 * `Phone` is inferred; `CustomerI3D` and `IsActive` are inferred too (the customer is known from the call anyway).
 */
export const ContactRecord = z.object({
  I3D: i3d,
  CustomerI3D: z.number().int().nullish(),
  Firstname: str,
  Lastname: str,
  MailAdress: str,
  Phone: str,
  IsActive: z.boolean().nullish(),
});
export type ContactRecord = z.infer<typeof ContactRecord>;

/** A contract (GetContractsByCustomerI3D). `I3D`, `CustomerI3D` are public; `Number`, `Caption`, `Start`, `End` inferred. */
export const ContractRecord = z.object({
  I3D: i3d,
  CustomerI3D: z.number().int().nullish(),
  Number: z.union([z.string(), z.number()]).nullish(),
  Caption: str,
  /** WCF dates, validated and converted by contracts.ts. */
  Start: str,
  End: str,
});
export type ContractRecord = z.infer<typeof ContractRecord>;

/** A helpdesk ticket (GetHelpdesksThroughPaging, GetHelpdeskByI3D): the public fields Ferry maps. */
export const HelpdeskRecord = z.object({
  I3D: i3d,
  Number: z.union([z.string(), z.number()]).nullish(),
  CustomerI3D: z.number().int().nullish(),
  ShortDescription: str,
  Description: str,
  /** WCF dates, validated and converted by tickets.ts. */
  CreatedDate: str,
  DueDate: str,
  HelpdeskStatusI3D: z.number().int().nullish(),
  HelpdeskPriorityI3D: z.number().int().nullish(),
});
export type HelpdeskRecord = z.infer<typeof HelpdeskRecord>;

/**
 * The ticket SaveHelpdesk takes: no `I3D` creates (`Result[0]` = the new I3D), with `I3D` it updates. An update sends
 * the ticket as GetHelpdeskByI3D answered it with Ferry's fields changed, so fields Ferry does not know (type,
 * responsible person, categories …) are sent back as they were: hence loose.
 */
export const HelpdeskWrite = z.looseObject({
  I3D: i3d.optional(),
  CustomerI3D: i3d,
  ShortDescription: z.string(),
  /** Always ends with Ferry's stamp line "[ferry:<stamp>]" (tickets.ts). */
  Description: z.string(),
  CreatedDate: wcfDate.nullable(),
  DueDate: wcfDate.nullable(),
  HelpdeskStatusI3D: z.number().int().nullable(),
  HelpdeskPriorityI3D: z.number().int().nullable(),
});
export type HelpdeskWrite = z.infer<typeof HelpdeskWrite>;

/** `Sort` of GetHelpdesksThroughPaging: 1 is the only value seen (c-entron iSuite); what it sorts by is not known. */
export const HELPDESK_SORT = 1;

/** An application setting (GetAppSettingByI3D). Which value column is used depends on the setting. */
export const AppSetting = z.looseObject({
  I3D: z.number().int().nullish(),
  ValueBool: z.boolean().nullish(),
  ValueDateTime: z.string().nullish(),
  ValueText: z.string().nullish(),
  Value: z.unknown().optional(),
});
export type AppSetting = z.infer<typeof AppSetting>;

/** The current user (GetCurrentAppUser). Its fields are not documented: read leniently. */
export const AppUser = z.looseObject({});

// ---- The method table ------------------------------------------------------------------------------------------

const empty = z.object({}).strict();
const pageParams = { Page: z.number().int().positive(), EntriesPerPage: z.number().int().positive() };

interface MethodSpec {
  /** Default method name (the last URL segment after /REST/). */
  name: string;
  source: 'documented' | 'public-client' | 'assumed';
  /** The part of the method's shape that is the reference's inference, not seen in a public client. */
  inferred?: string;
  /** Whether the call carries a ticket (Login and CheckConnection do not). */
  ticket: boolean;
  /** Whether repeating the call is harmless (then the HTTP client may retry it). */
  idempotent: boolean;
  /** Whether the call changes data (then an answer that got lost means the outcome is unknown). */
  write: boolean;
  /** The c-entron right the call needs, for permission hints. */
  right: string | null;
  data: z.ZodType;
  result: z.ZodType<unknown[]>;
  /** For *ThroughPaging methods: the record schema of `Result[0].Result[]`. */
  record?: z.ZodType;
}

/** Checks an entry against MethodSpec while keeping its exact schema types. */
const spec = <S extends MethodSpec>(s: S): S => s;

export const methods = {
  login: spec({
    name: 'Login',
    source: 'documented',
    ticket: false,
    idempotent: true,
    write: false,
    right: null,
    data: z.object({
      Username: z.string(),
      Password: z.string(),
      Application: z.literal(APPLICATION_GUID),
      AppVersion: z.string(),
      Device: z.string(),
      LoginKind: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    }),
    result: z.array(z.string().min(1)).min(1),
  }),
  logout: spec({ name: 'Logout', source: 'documented', ticket: true, idempotent: true, write: false, right: null, data: empty, result: z.array(z.unknown()) }),
  checkConnection: spec({
    name: 'CheckConnection',
    source: 'documented',
    ticket: false,
    idempotent: true,
    write: false,
    right: null,
    data: empty,
    result: z.array(z.boolean()).min(1),
  }),
  getCurrentAppUser: spec({
    name: 'GetCurrentAppUser',
    source: 'documented',
    ticket: true,
    idempotent: true,
    write: false,
    right: null,
    data: empty,
    result: z.array(z.union([AppUser, z.null()])),
  }),
  isUserAdmin: spec({ name: 'IsUserAdmin', source: 'documented', ticket: true, idempotent: true, write: false, right: null, data: empty, result: z.array(z.boolean()).min(1) }),
  getAppSettingByI3D: spec({
    name: 'GetAppSettingByI3D',
    source: 'documented',
    ticket: true,
    idempotent: true,
    write: false,
    right: 'read application settings',
    data: z.number().int(),
    result: z.array(z.union([AppSetting, z.null()])),
  }),
  searchAccounts: spec({
    name: 'SearchAccountsThroughPaging',
    source: 'public-client',
    ticket: true,
    idempotent: true,
    write: false,
    right: 'Display customers (Kunden anzeigen)',
    data: z.object({ ...pageParams, Filter: z.object({ SearchText: z.string(), IsActive: z.boolean().nullable() }) }),
    result: z.tuple([PageResult], z.unknown()),
    record: AccountRecord,
  }),
  searchMasterDataLists: spec({
    name: 'SearchMasterDataListsThroughPaging',
    source: 'public-client',
    ticket: true,
    idempotent: true,
    write: false,
    right: 'Display devices / master data lists (Stammdatenlisten anzeigen)',
    data: z.object({ ...pageParams, Filter: z.object({ CustomerI3D: i3d.nullable() }) }),
    result: z.tuple([PageResult], z.unknown()),
    record: DeviceRecord,
  }),
  /** ASSUMED: creating a device (no I3D) is not idempotent; the update form is (see devices.ts). */
  saveMasterDataList: spec({
    name: 'SaveMasterDataList',
    source: 'assumed',
    ticket: true,
    idempotent: false,
    write: true,
    right: 'Edit devices / master data lists (Stammdatenlisten bearbeiten)',
    data: DeviceWrite,
    result: z.tuple([i3d], z.unknown()),
  }),
  /** Per customer (c-entron has no paged contact list). */
  getContactsFromCustomer: spec({
    name: 'GetAddressContactsFromCustomer',
    source: 'public-client',
    inferred: 'the Data shape {CustomerI3D, OnlyActive} and the contact fields Phone, CustomerI3D, IsActive',
    ticket: true,
    idempotent: true,
    write: false,
    right: 'Display customers (Kunden anzeigen)',
    data: z.object({ CustomerI3D: i3d, OnlyActive: z.boolean() }),
    /** Records: ContactRecord, validated one by one by contacts.ts. */
    result: z.array(z.unknown()),
  }),
  /** Per customer: `Data` is the customer's I3D. */
  getContractsByCustomer: spec({
    name: 'GetContractsByCustomerI3D',
    source: 'public-client',
    inferred: 'the contract fields Number, Caption, Start, End',
    ticket: true,
    idempotent: true,
    write: false,
    right: 'Display contracts (Verträge anzeigen)',
    data: i3d,
    /** Records: ContractRecord, validated one by one by contracts.ts. */
    result: z.array(z.unknown()),
  }),
  getHelpdesks: spec({
    name: 'GetHelpdesksThroughPaging',
    source: 'public-client',
    ticket: true,
    idempotent: true,
    write: false,
    right: 'Display helpdesk tickets (Helpdesk anzeigen)',
    data: z.object({
      ...pageParams,
      Sort: z.number().int(),
      Descending: z.boolean(),
      // CustomerI3D left out = every customer's tickets (as c-entron's iSuite asks when no customer is chosen).
      HelpdeskFilter: z.object({ CustomerI3D: i3d.optional(), OnlyActive: z.boolean() }),
    }),
    result: z.tuple([PageResult], z.unknown()),
    record: HelpdeskRecord,
  }),
  /** `Data` is the ticket's I3D; `Result` is [] when there is none. Read before an update (see HelpdeskWrite). */
  getHelpdeskByI3D: spec({
    name: 'GetHelpdeskByI3D',
    source: 'public-client',
    ticket: true,
    idempotent: true,
    write: false,
    right: 'Display helpdesk tickets (Helpdesk anzeigen)',
    data: i3d,
    result: z.array(z.unknown()),
  }),
  /**
   * Public-client but not documented: Ferry writes tickets only when the admin confirms it (ticketWrite=confirmed).
   * Creating (no I3D) is not idempotent; the update form is (see tickets.ts).
   */
  saveHelpdesk: spec({
    name: 'SaveHelpdesk',
    source: 'public-client',
    ticket: true,
    idempotent: false,
    write: true,
    right: 'Edit helpdesk tickets (Helpdesk bearbeiten)',
    data: HelpdeskWrite,
    result: z.tuple([i3d], z.unknown()),
  }),
} as const;

export type Methods = typeof methods;
export type MethodKey = keyof Methods;
export type PagedMethodKey = { [K in MethodKey]: Methods[K] extends { record: z.ZodType } ? K : never }[MethodKey];
export type MethodData<K extends MethodKey> = z.input<Methods[K]['data']>;
export type MethodResult<K extends MethodKey> = z.output<Methods[K]['result']>;
export type MethodNames = Record<MethodKey, string>;

export const methodKeys = Object.keys(methods) as MethodKey[];

export const defaultMethodNames = (): MethodNames =>
  Object.fromEntries(methodKeys.map((k) => [k, methods[k].name])) as MethodNames;

const methodName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a method name is letters, digits and _ only (e.g. "SaveMasterDataList")');

/** A methods file: `{ "<logical name>": "<MethodName>", … }`, any subset of the logical names. */
export const MethodsFile = z.strictObject(Object.fromEntries(methodKeys.map((k) => [k, methodName.optional()])) as Record<MethodKey, z.ZodOptional<typeof methodName>>);

const methodsFileHint = (): string =>
  `A methods file is a JSON object mapping Ferry's logical names to this site's method names, e.g. {"saveMasterDataList": "SaveMasterDataList"}. Known logical names: ${methodKeys.join(', ')}.`;

/** Validates the parsed content of a methods file and merges it over the defaults. Throws FerryError('input'). */
export function resolveMethodNames(content: unknown, source = 'the methods file'): MethodNames {
  const r = MethodsFile.safeParse(content);
  if (!r.success) {
    throw new FerryError('input', `${source} is not a valid c-entron methods file: ${describeIssues(r.error)}`, methodsFileHint(), {
      issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const names = defaultMethodNames();
  for (const k of methodKeys) {
    const v = r.data[k];
    if (v !== undefined) names[k] = v;
  }
  return names;
}

/** Reads and validates a methods file (option `methodsFile`). Throws FerryError('input') with a hint. */
export function loadMethodNames(path: string | undefined): MethodNames {
  if (!path) return defaultMethodNames();
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    throw new FerryError('input', `The c-entron methods file ${path} cannot be read: ${(e as Error).message}`, `Give the path of a JSON file the account running Ferry can read (--option methodsFile=<path>), or remove the option to use the built-in names. ${methodsFileHint()}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new FerryError('input', `The c-entron methods file ${path} is not valid JSON: ${(e as Error).message}`, methodsFileHint());
  }
  return resolveMethodNames(parsed, `The c-entron methods file ${path}`);
}

/** A short, readable list of zod issues ("Status: expected number; Result.0: …"). */
export function describeIssues(err: z.ZodError, max = 3): string {
  const parts = err.issues.slice(0, max).map((i) => {
    const where = i.path.length ? i.path.map(String).join('.') : '(root)';
    if (i.code === 'unrecognized_keys') return `${where}: unknown ${i.keys.length === 1 ? 'name' : 'names'} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    return `${where}: ${i.message}`;
  });
  const more = err.issues.length > max ? ` (and ${err.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
