// Deterministic test data: the same options always give the same records (seeded PRNG, no clock).
import { DataBuilder } from './builder.js';
import { buildHostile, type HostileCatalogue } from './hostile.js';
import { createRng, intBetween, pick, type Rng } from './prng.js';
import type { Address, Contact, Contract, Customer, Device, Helpdesk } from './types.js';
import {
  asciiSlug,
  CITIES,
  CONTRACT_CAPTIONS,
  DEVICE_MODELS,
  FIRSTNAMES,
  LEGAL_FORMS,
  ROOMS,
  SECTORS,
  STREETS,
  SURNAMES,
  TICKET_SUBJECTS,
} from './words.js';

export interface GeneratorOptions {
  /** Customers in total (the hostile cases count toward it but are always generated, even beyond it). */
  customers: number;
  /** Devices in total (same rule). */
  devices: number;
  /** Helpdesk tickets; default ceil(customers / 4). */
  tickets?: number;
  seed: number | string;
  hostile: boolean;
}

export interface GeneratedData {
  customers: Customer[];
  addresses: Address[];
  contacts: Contact[];
  contracts: Contract[];
  devices: Device[];
  helpdesks: Helpdesk[];
  /** Where the hostile cases are (I3Ds), or null when hostile was off. */
  hostile: HostileCatalogue | null;
}

export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = { customers: 20, devices: 60, seed: 1, hostile: false };

/** 2025-01-01T00:00:00Z: generated dates fall in the year after it. */
const BASE_MS = Date.UTC(2025, 0, 1);
const DAY_MS = 86_400_000;

function companyName(rng: Rng): string {
  const a = pick(rng, SURNAMES);
  const legal = pick(rng, LEGAL_FORMS);
  switch (intBetween(rng, 0, 3)) {
    case 0:
      return `${a} ${pick(rng, SECTORS)} ${legal}`;
    case 1:
      return `${pick(rng, SECTORS)} ${a} & ${pick(rng, SURNAMES)} ${legal}`;
    case 2:
      return `${a} & Söhne ${legal}`;
    default:
      return `${pick(rng, SECTORS)} ${a} ${legal}`;
  }
}

const HEX_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 65, 66, 67, 68, 69, 70]; // 0-9 A-F
const SERIAL_CODES = [...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'].map((c) => c.charCodeAt(0));
const codes: number[] = [];

/** "0A:1B:2C:3D:4E:5F" built as one flat string (one allocation: cheaper to keep than a concatenation tree). */
function mac(rng: Rng): string {
  codes.length = 0;
  for (let i = 0; i < 6; i++) {
    const byte = Math.floor(rng() * 256);
    if (i > 0) codes.push(58);
    codes.push(HEX_CODES[byte >> 4] as number, HEX_CODES[byte & 15] as number);
  }
  return String.fromCharCode(...codes);
}

function serial(rng: Rng): string {
  codes.length = 0;
  for (let i = 0; i < 8; i++) codes.push(SERIAL_CODES[Math.floor(rng() * SERIAL_CODES.length)] as number);
  return String.fromCharCode(...codes);
}

export function generateCentronData(options: Partial<GeneratorOptions> = {}): GeneratedData {
  const opts = { ...DEFAULT_GENERATOR_OPTIONS, ...options };
  const rng = createRng(opts.seed);
  const b = new DataBuilder();
  const hostile = opts.hostile ? buildHostile(b) : null;
  const usedNames = new Set<string>(b.customers.map((c) => c.Name ?? ''));
  const shortNames: string[] = b.customers.map((c) => asciiSlug(c.Name ?? 'x').split('-')[0]?.toUpperCase().slice(0, 8) || 'X');

  while (b.customers.length < opts.customers) {
    const city = pick(rng, CITIES);
    let name = companyName(rng);
    if (usedNames.has(name)) name = `${name} ${city.name}`;
    if (usedNames.has(name)) name = `${name} ${b.customers.length}`;
    usedNames.add(name);
    const slug = asciiSlug(name).split('-').slice(0, 2).join('-');
    const phone = `${city.area} ${intBetween(rng, 100000, 9999999)}`;
    const c = b.customer({
      Name: name,
      Phone: rng() < 0.92 ? phone : null,
      Fax: rng() < 0.4 ? `${phone.slice(0, -1)}9` : null,
      EMail: rng() < 0.85 ? `info@${slug}.de` : null,
      Website: rng() < 0.7 ? `www.${slug}.de` : null,
      IsActive: rng() < 0.95,
      Street: `${pick(rng, STREETS)} ${intBetween(rng, 1, 180)}`,
      Zip: city.zip,
      City: city.name,
      Country: city.country,
    });
    shortNames.push(slug.split('-')[0]?.toUpperCase().slice(0, 8) || 'X');
    const contacts = rng() < 0.3 ? 2 : 1;
    for (let i = 0; i < contacts; i++) {
      const first = pick(rng, FIRSTNAMES);
      const last = pick(rng, SURNAMES);
      b.contact(c, {
        Firstname: first,
        Lastname: last,
        MailAdress: `${asciiSlug(first)}.${asciiSlug(last)}@${slug}.de`,
        Phone: `${phone.slice(0, -2)}${intBetween(rng, 10, 99)}`,
      });
    }
    if (rng() < 0.35) {
      const start = BASE_MS + intBetween(rng, 0, 364) * DAY_MS;
      b.contract(c.I3D, `V-${2025}-${String(b.contracts.length + 1).padStart(5, '0')}`, pick(rng, CONTRACT_CAPTIONS), start, rng() < 0.5 ? start + 365 * DAY_MS : null);
    }
  }

  const customers = b.customers;
  const perPrefix = new Map<string, number>();
  while (b.devices.length < opts.devices && customers.length > 0) {
    const idx = Math.floor(rng() * customers.length);
    const customer = customers[idx] as Customer;
    const m = pick(rng, DEVICE_MODELS);
    const n = (perPrefix.get(m.prefix) ?? 0) + 1;
    perPrefix.set(m.prefix, n);
    b.device({
      CustomerI3D: customer.I3D,
      Code: `${m.prefix}-${String(n).padStart(6, '0')}`,
      Caption: rng() < 0.8 ? `${shortNames[idx]}-${m.prefix}${String(n % 100).padStart(2, '0')}` : `${m.prefix} ${pick(rng, ROOMS)}`,
      SerialNumber: rng() < 0.9 ? serial(rng) : null,
      Manufacturer: m.manufacturer,
      Model: m.model,
      OperatingSystem: m.os,
      MacAddress: mac(rng),
    });
  }

  const tickets = opts.tickets ?? Math.ceil(opts.customers / 4);
  while (b.helpdesks.length < tickets && customers.length > 0) {
    const customer = pick(rng, customers);
    const created = BASE_MS + Math.floor(rng() * 365 * DAY_MS);
    const subject = pick(rng, TICKET_SUBJECTS);
    b.helpdesk({
      CustomerI3D: customer.I3D,
      ShortDescription: subject,
      Description: `${subject}. Bitte um Rückruf.`,
      CreatedMs: created,
      DueMs: rng() < 0.6 ? created + intBetween(rng, 1, 14) * DAY_MS : null,
      HelpdeskStatusI3D: intBetween(rng, 1, 3),
      HelpdeskPriorityI3D: intBetween(rng, 1, 3),
      HelpdeskTypeI3D: intBetween(rng, 1, 4),
      ResponsiblePerson: `${pick(rng, FIRSTNAMES)} ${pick(rng, SURNAMES)}`,
    });
  }

  return {
    customers: b.customers,
    addresses: b.addresses,
    contacts: b.contacts,
    contracts: b.contracts,
    devices: b.devices,
    helpdesks: b.helpdesks,
    hostile,
  };
}
