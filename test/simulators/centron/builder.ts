// Appends generated records with ascending I3Ds; used by the generator for regular and hostile data.
import {
  FIRST_CUSTOMER_NUMBER,
  ID_BASE,
  type Address,
  type Contact,
  type Contract,
  type Customer,
  type Device,
  type Helpdesk,
} from './types.js';
import { formatServerDate } from './wcf-date.js';

export interface CustomerSpec {
  Name: string | null;
  Number?: number | null;
  Phone?: string | null;
  Fax?: string | null;
  EMail?: string | null;
  Website?: string | null;
  IsActive?: boolean;
  Street?: string | null;
  Zip?: string | null;
  City?: string | null;
  Country?: string | null;
}

export type DeviceSpec = Omit<Device, 'I3D'>;

export interface HelpdeskSpec extends Omit<Helpdesk, 'I3D' | 'Number' | 'CreatedDate' | 'DueDate'> {
  CreatedMs: number | null;
  DueMs: number | null;
}

export class DataBuilder {
  readonly customers: Customer[] = [];
  readonly addresses: Address[] = [];
  readonly contacts: Contact[] = [];
  readonly contracts: Contract[] = [];
  readonly devices: Device[] = [];
  readonly helpdesks: Helpdesk[] = [];
  private nextNumber = FIRST_CUSTOMER_NUMBER;
  private readonly countries = new Map<string, { Name: string }>();

  customer(spec: CustomerSpec): Customer {
    const I3D = ID_BASE.customer + this.customers.length;
    const addressI3D = ID_BASE.address + this.addresses.length;
    const Country = spec.Country === null ? null : this.country(spec.Country ?? 'Deutschland');
    const address: Address = Object.freeze({
      I3D: addressI3D,
      Street: spec.Street ?? null,
      Zip: spec.Zip ?? null,
      City: spec.City ?? null,
      Country,
      CustomerI3D: I3D,
      IsDefault: true,
      IsActive: true,
    });
    this.addresses.push(address);
    const rec: Customer = Object.freeze({
      I3D,
      Name: spec.Name,
      AccountName: spec.Name,
      Number: spec.Number === undefined ? this.nextNumber++ : spec.Number,
      Phone: spec.Phone ?? null,
      Fax: spec.Fax ?? null,
      EMail: spec.EMail ?? null,
      Website: spec.Website ?? null,
      DefaultAddress: Object.freeze({ I3D: addressI3D, Street: address.Street, Zip: address.Zip, City: address.City, Country }),
      IsActive: spec.IsActive ?? true,
    });
    this.customers.push(rec);
    return rec;
  }

  contact(customer: Customer, spec: Omit<Contact, 'I3D' | 'CustomerI3D' | 'AddressI3D' | 'IsActive'>): Contact {
    const rec: Contact = Object.freeze({
      I3D: ID_BASE.contact + this.contacts.length,
      CustomerI3D: customer.I3D,
      AddressI3D: customer.DefaultAddress?.I3D ?? 0,
      ...spec,
      IsActive: true,
    });
    this.contacts.push(rec);
    return rec;
  }

  contract(customerI3D: number, number: string, caption: string, startMs: number, endMs: number | null): Contract {
    const rec: Contract = Object.freeze({
      I3D: ID_BASE.contract + this.contracts.length,
      CustomerI3D: customerI3D,
      Number: number,
      Caption: caption,
      Start: formatServerDate(startMs),
      End: endMs === null ? null : formatServerDate(endMs),
    });
    this.contracts.push(rec);
    return rec;
  }

  device(spec: DeviceSpec): Device {
    const rec: Device = Object.freeze({
      I3D: ID_BASE.device + this.devices.length,
      CustomerI3D: spec.CustomerI3D,
      Code: spec.Code,
      Caption: spec.Caption,
      SerialNumber: spec.SerialNumber,
      Manufacturer: spec.Manufacturer,
      Model: spec.Model,
      OperatingSystem: spec.OperatingSystem,
      MacAddress: spec.MacAddress,
    });
    this.devices.push(rec);
    return rec;
  }

  helpdesk(spec: HelpdeskSpec): Helpdesk {
    const { CreatedMs, DueMs, ...rest } = spec;
    const rec: Helpdesk = Object.freeze({
      I3D: ID_BASE.helpdesk + this.helpdesks.length,
      Number: this.helpdesks.length + 1,
      ...rest,
      CreatedDate: CreatedMs === null ? null : formatServerDate(CreatedMs),
      DueDate: DueMs === null ? null : formatServerDate(DueMs),
    });
    this.helpdesks.push(rec);
    return rec;
  }

  private country(name: string): { Name: string } {
    let c = this.countries.get(name);
    if (!c) {
      c = Object.freeze({ Name: name });
      this.countries.set(name, c);
    }
    return c;
  }
}
