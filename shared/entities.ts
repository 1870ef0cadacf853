import { z } from 'zod';

/** The canonical model. Every connector maps its native records to and from these shapes. */
export const entityNames = ['customer', 'contact', 'contract', 'device', 'ticket', 'invoice'] as const;
export const EntityName = z.enum(entityNames);
export type EntityName = z.infer<typeof EntityName>;

/** Dependency order: parents before children. */
export const entityOrder: readonly EntityName[] = ['customer', 'contact', 'contract', 'device', 'ticket', 'invoice'];

/** The parent entity each child references through `customerId`. */
export const parentOf: Partial<Record<EntityName, EntityName>> = {
  contact: 'customer',
  contract: 'customer',
  device: 'customer',
  ticket: 'customer',
  invoice: 'customer',
};

const text = z.string().nullable();
const isoDate = z.string().datetime({ offset: true }).nullable();

export const Customer = z.object({
  number: text, // the ERP's customer number
  name: z.string(),
  phone: text,
  fax: text,
  email: text,
  website: text,
  street: text,
  zip: text,
  city: text,
  country: text,
  active: z.boolean(),
});
export type Customer = z.infer<typeof Customer>;

export const Contact = z.object({
  customerId: text,
  firstName: text,
  lastName: text,
  email: text,
  phone: text,
});
export type Contact = z.infer<typeof Contact>;

export const Contract = z.object({
  customerId: text,
  number: text,
  caption: text,
  start: isoDate,
  end: isoDate,
});
export type Contract = z.infer<typeof Contract>;

export const Device = z.object({
  customerId: text,
  code: z.string(), // natural key: the RMM's host identifier
  name: text,
  serialNumber: text,
  manufacturer: text,
  model: text,
  operatingSystem: text,
  macAddress: text,
});
export type Device = z.infer<typeof Device>;

export const Ticket = z.object({
  customerId: text,
  number: text,
  title: z.string(),
  description: text,
  createdAt: isoDate,
  dueAt: isoDate,
  status: text,
  priority: text,
});
export type Ticket = z.infer<typeof Ticket>;

export const Invoice = z.object({
  customerId: text,
  number: text,
  date: isoDate,
  total: z.number().nullable(),
  currency: text,
});
export type Invoice = z.infer<typeof Invoice>;

export const entitySchemas = {
  customer: Customer,
  contact: Contact,
  contract: Contract,
  device: Device,
  ticket: Ticket,
  invoice: Invoice,
} as const;

export interface EntityData {
  customer: Customer;
  contact: Contact;
  contract: Contract;
  device: Device;
  ticket: Ticket;
  invoice: Invoice;
}
export type AnyEntityData = EntityData[EntityName];

export const Direction = z.enum(['to-right', 'to-left', 'both']);
export type Direction = z.infer<typeof Direction>;

export const MatchKey = z.enum(['number', 'name', 'external-id']);
export type MatchKey = z.infer<typeof MatchKey>;
