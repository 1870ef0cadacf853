// Seeded German CRM data: accounts, contacts linked to them, cases, users with e-mails; some names carry quotes
// and backslashes (the cases a connector must quote safely in `query`).
import { createRng, intBetween, pick } from './prng.js';
import type { SimUserInput, SugarState } from './state.js';

export interface GeneratorOptions {
  accounts: number;
  /** Contacts per account (each linked through accounts_contacts). */
  contactsPerAccount: number;
  cases: number;
  seed: number | string;
  /** Every `hostileEvery`-th account / contact gets a name with quotes or backslashes (0 = never). */
  hostileEvery: number;
}

export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = { accounts: 20, contactsPerAccount: 2, cases: 10, seed: 1, hostileEvery: 5 };

/** The default users: one admin connection user and three target users (one inactive). Passwords are plain here. */
export const DEFAULT_USERS: SimUserInput[] = [
  { id: '1', user_name: 'admin', password: 'secret', first_name: '', last_name: 'Administrator', email1: 'admin@example.de', is_admin: true },
  { user_name: 'jmueller', password: 'jörg-pw', first_name: 'Jörg', last_name: 'Müller', email1: 'joerg.mueller@example.de' },
  { user_name: 'skoenig', password: 'sabine-pw', first_name: 'Sabine', last_name: 'König', email1: 'Sabine.Koenig@example.de' },
  { user_name: 'uweiss', password: 'uwe-pw', first_name: 'Uwe', last_name: 'Weiß', email1: 'uwe.weiss@example.de', status: 'Inactive' },
];

const SURNAMES = ['Müller', 'Schäfer', 'Schröder', 'Köhler', 'König', 'Weiß', 'Groß', 'Jäger', 'Krämer', 'Böhm', 'Schmidt', 'Becker', 'Hoffmann', 'Kühn'];
const FIRSTNAMES = ['Jürgen', 'Sören', 'Björn', 'Käthe', 'Dörte', 'Özlem', 'Zoë', 'Günter', 'Anna', 'Petra', 'Hans-Peter', 'Marie-Luise'];
const SECTORS = ['Bäckerei', 'Elektrotechnik', 'Gärtnerei', 'Ingenieurbüro', 'Rechtsanwälte', 'Brauerei', 'Schreinerei', 'Druckerei'];
const FORMS = ['GmbH', 'GmbH & Co. KG', 'AG', 'e.K.', 'UG (haftungsbeschränkt)'];
const CITIES = [
  ['München', '80331'],
  ['Köln', '50667'],
  ['Düsseldorf', '40213'],
  ['Nürnberg', '90402'],
  ['Lübeck', '23552'],
  ['Görlitz', '02826'],
] as const;
const HOSTILE_ACCOUNTS = [
  "O'Brien & Söhne GmbH",
  'Bäckerei "Zur Mühle" e.K.',
  'Pfad\\Backslash IT GmbH',
  "D'Angelo \\' Trick KG",
  "Müller''s Doppel-Quote AG",
];
const HOSTILE_LAST = ["O'Neill", 'Back\\slash', "d'Alembert", 'Quote"Man'];

const ascii = (s: string): string =>
  s
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9.-]/g, '')
    .toLowerCase();

/** Fills the state (users first, then accounts, contacts, cases and, with AOS on, a contract and invoice each). */
export function generateSugarData(state: SugarState, opts: GeneratorOptions, users: SimUserInput[]): void {
  const rng = createRng(`sugarcrm:${opts.seed}`);
  for (const u of users) state.addUser(u);
  const userIds = [...state.table('Users').values()].filter((u) => u.status === 'Active').map((u) => u.id as string);
  const accountIds: string[] = [];
  let hostileA = 0;
  let hostileC = 0;
  for (let i = 0; i < opts.accounts; i++) {
    const hostile = opts.hostileEvery > 0 && i % opts.hostileEvery === opts.hostileEvery - 1;
    const name = hostile ? (HOSTILE_ACCOUNTS[hostileA++ % HOSTILE_ACCOUNTS.length] as string) : `${pick(rng, SECTORS)} ${pick(rng, SURNAMES)} ${pick(rng, FORMS)}`;
    const [city, zip] = pick(rng, CITIES);
    const acc = state.write(
      'Accounts',
      {
        name,
        account_type: 'Customer',
        industry: pick(rng, ['Technology', 'Manufacturing', 'Other']),
        billing_address_street: `${pick(rng, ['Hauptstraße', 'Bahnhofstraße', 'Mühlenweg', 'Schloßallee'])} ${intBetween(rng, 1, 120)}`,
        billing_address_city: city,
        billing_address_postalcode: zip,
        billing_address_country: 'Deutschland',
        phone_office: `+49 ${intBetween(rng, 30, 999)} ${intBetween(rng, 100000, 9999999)}`,
        website: `https://www.${ascii(name.split(' ')[1] ?? 'firma')}.de`,
        assigned_user_id: pick(rng, userIds),
      },
      '1',
    );
    if (!acc) throw new Error('generator: account not written');
    accountIds.push(acc.id as string);
    for (let c = 0; c < opts.contactsPerAccount; c++) {
      const hostileContact = hostile && c === 0;
      const first = pick(rng, FIRSTNAMES);
      const last = hostileContact ? (HOSTILE_LAST[hostileC++ % HOSTILE_LAST.length] as string) : pick(rng, SURNAMES);
      state.write(
        'Contacts',
        {
          salutation: pick(rng, ['Mr.', 'Ms.', 'Dr.']),
          first_name: first,
          last_name: last,
          title: pick(rng, ['Geschäftsführer', 'Einkauf', 'IT-Leitung', 'Buchhaltung']),
          phone_work: `+49 ${intBetween(rng, 30, 999)} ${intBetween(rng, 100000, 9999999)}`,
          email1: `${ascii(first)}.${ascii(last)}${i}@${ascii(name.split(' ')[1] ?? 'firma')}.de`,
          primary_address_city: city,
          primary_address_postalcode: zip,
          account_id: acc.id as string,
          assigned_user_id: acc.assigned_user_id as string,
        },
        '1',
      );
    }
    if (state.aosModules) {
      state.write('AOS_Contracts', { name: `Wartungsvertrag ${name}`, status: 'Signed', start_date: '2026-01-01', end_date: '2026-12-31', total_contract_value: '1200.00', contract_account_id: acc.id as string }, '1');
      state.write('AOS_Invoices', { name: `Rechnung ${name}`, status: 'Unpaid', invoice_date: '2026-11-01', total_amount: '119.00', billing_account_id: acc.id as string }, '1');
    }
  }
  for (let i = 0; i < opts.cases && accountIds.length > 0; i++) {
    state.write(
      'Cases',
      {
        name: pick(rng, ['Drucker druckt nicht', 'VPN-Zugang gestört', 'Neuer Arbeitsplatz für Frau Jäger', 'Passwort zurücksetzen', 'Server überhitzt']),
        status: pick(rng, ['Open_New', 'Open_Assigned', 'Closed_Closed']),
        priority: pick(rng, ['P1', 'P2', 'P3']),
        type: 'User',
        state: 'Open',
        account_id: pick(rng, accountIds),
        assigned_user_id: pick(rng, userIds),
      },
      '1',
    );
  }
}
