// Wire shapes of the simulated c-entron records. Records are stored exactly as they are sent, frozen,
// and replaced (never mutated) on change, so a page is JSON.stringify of a slice and nothing else.

export interface Country {
  readonly Name: string | null;
}

/** The address as embedded in a customer (`DefaultAddress`). */
export interface AddressRef {
  readonly I3D: number;
  readonly Street: string | null;
  readonly Zip: string | null;
  readonly City: string | null;
  readonly Country: Country | null;
}

export interface Customer {
  readonly I3D: number;
  readonly Name: string | null;
  /** Always equal to Name (public clients read either). */
  readonly AccountName: string | null;
  readonly Number: number | null;
  readonly Phone: string | null;
  readonly Fax: string | null;
  readonly EMail: string | null;
  readonly Website: string | null;
  readonly DefaultAddress: AddressRef | null;
  readonly IsActive: boolean;
}

export interface Address extends AddressRef {
  readonly CustomerI3D: number;
  readonly IsDefault: boolean;
  readonly IsActive: boolean;
}

export interface Contact {
  readonly I3D: number;
  readonly CustomerI3D: number;
  readonly AddressI3D: number;
  readonly Firstname: string | null;
  readonly Lastname: string | null;
  /** (sic) — spelled like this in the public clients. */
  readonly MailAdress: string | null;
  readonly Phone: string | null;
  readonly IsActive: boolean;
}

export interface Contract {
  readonly I3D: number;
  readonly CustomerI3D: number;
  readonly Number: string | null;
  readonly Caption: string | null;
  /** WCF date string or null. */
  readonly Start: string | null;
  readonly End: string | null;
}

export interface Device {
  readonly I3D: number;
  readonly CustomerI3D: number | null;
  readonly Code: string | null;
  readonly Caption: string | null;
  readonly SerialNumber: string | null;
  readonly Manufacturer: string | null;
  readonly Model: string | null;
  readonly OperatingSystem: string | null;
  readonly MacAddress: string | null;
}

/** The device fields a client may write through SaveMasterDataList (besides I3D). */
export const DEVICE_WRITE_FIELDS = [
  'CustomerI3D',
  'Code',
  'Caption',
  'SerialNumber',
  'Manufacturer',
  'Model',
  'OperatingSystem',
  'MacAddress',
] as const;

export interface Helpdesk {
  readonly I3D: number;
  readonly Number: number;
  readonly CustomerI3D: number | null;
  readonly ShortDescription: string | null;
  readonly Description: string | null;
  /** WCF date strings (written with Europe/Berlin's offset). */
  readonly CreatedDate: string | null;
  readonly DueDate: string | null;
  /** 1 open, 2 in progress, 3 closed (inferred; see README). */
  readonly HelpdeskStatusI3D: number | null;
  readonly HelpdeskPriorityI3D: number | null;
  readonly HelpdeskTypeI3D: number | null;
  readonly ResponsiblePerson: string | null;
}

/** Status ids the simulator treats as closed (OnlyActive filters them out). */
export const CLOSED_HELPDESK_STATUS = 3;

export interface DeviceLink {
  readonly I3D: number;
  readonly DeviceHeadI3D: number;
  readonly HelpdeskI3D: number;
}

export interface AppSetting {
  readonly I3D: number;
  readonly ValueBool?: boolean | null;
  /** WCF date string or null. */
  readonly ValueDateTime?: string | null;
  readonly ValueString?: string | null;
  readonly ValueInt?: number | null;
}

/** Well-known application settings (seed 000). */
export const SETTING_ADDRESS_MASTER_ACTIVE = 10011;
export const SETTING_LAST_CUSTOMER_SYNC = 50421;

export const RIGHTS = ['readCustomers', 'readDevices', 'writeDevices', 'readTickets', 'writeTickets'] as const;
export type Right = (typeof RIGHTS)[number];
export type Rights = Record<Right, boolean>;

export interface SimUser {
  readonly I3D: number;
  readonly username: string;
  password: string;
  rights: Rights;
  isAdmin: boolean;
  readonly displayName: string;
}

/** How users are given to the simulator. `rights` omitted or 'all' = every right; a partial object grants only the rights set true. */
export interface SimUserInput {
  username: string;
  password: string;
  rights?: 'all' | Partial<Rights>;
  isAdmin?: boolean;
  displayName?: string;
}

/** First I3D of each table. The ranges differ so that an id used on the wrong table finds nothing. */
export const ID_BASE = {
  customer: 1,
  address: 1_000_001,
  contact: 2_000_001,
  contract: 3_000_001,
  device: 4_000_001,
  helpdesk: 5_000_001,
  deviceLink: 6_000_001,
} as const;

/** First customer Number (Kundennummer) handed out. */
export const FIRST_CUSTOMER_NUMBER = 10001;
