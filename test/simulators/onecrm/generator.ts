// Seeded German CRM data: accounts, contacts linked to them, cases; users with e-mails and OAuth clients.
import { createRng, intBetween, pick } from './prng.js';
import type { OneCrmState, SimClientInput, SimUserInput } from './state.js';

export interface GeneratorOptions {
  accounts: number;
  /** Contacts per account (each with primary_account_id set). */
  contactsPerAccount: number;
  cases: number;
  seed: number | string;
  /** Every `hostileEvery`-th account / contact gets a name with quotes, ampersands or backslashes (0 = never). */
  hostileEvery: number;
}

export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = { accounts: 20, contactsPerAccount: 2, cases: 10, seed: 1, hostileEvery: 5 };

/** The default users: one admin connection user and three target users (one inactive). Passwords in plain text. */
export const DEFAULT_USERS: SimUserInput[] = [
  { id: '1', user_name: 'admin', password: 'secret', first_name: '', last_name: 'Administrator', email1: 'admin@example.de', is_admin: true },
  { user_name: 'jmueller', password: 'jörg-pw', first_name: 'Jörg', last_name: 'Müller', email1: 'joerg.mueller@example.de' },
  { user_name: 'skoenig', password: 'sabine-pw', first_name: 'Sabine', last_name: 'König', email1: 'Sabine.Koenig@example.de' },
  { user_name: 'uweiss', password: 'uwe-pw', first_name: 'Uwe', last_name: 'Weiß', email1: 'uwe.weiss@example.de', status: 'Inactive' },
];

/**
 * The default OAuth clients: `ferry` (private, may use the password grant; its client_credentials tokens act as
 * `admin`) and `public-app` (a public client without a secret: no password or client_credentials grant).
 */
export const DEFAULT_CLIENTS: SimClientInput[] = [
  { client_id: 'ferry', client_secret: 'ferry-secret', confidential: true, serviceUser: 'admin' },
  { client_id: 'public-app', client_secret: '', confidential: false },
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
const HOSTILE_ACCOUNTS = ["O'Brien & Söhne GmbH", 'Bäckerei "Zur Mühle" e.K.', 'Pfad\\Backslash IT GmbH', 'Gleich=Und&Fragezeichen? KG', '<b>Tag</b> Systemhaus AG'];
const HOSTILE_LAST = ["O'Neill", 'Back\\slash', "d'Alembert", 'Quote"Man'];

const ascii = (s: string): string =>
  s
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9.-]/g, '')
    .toLowerCase();

/** Fills the state: users and clients first, then accounts, contacts and cases (owned by active users). */
export function generateOneCrmData(state: OneCrmState, opts: GeneratorOptions, users: SimUserInput[], clients: SimClientInput[]): void {
  const rng = createRng(`onecrm:${opts.seed}`);
  for (const u of users) state.addUser(u);
  for (const c of clients) state.addClient(c);
  const userIds = state
    .rows('User')
    .filter((u) => u.status === 'Active')
    .map((u) => u.id as string);
  const accountIds: string[] = [];
  const contactsByAccount = new Map<string, string[]>();
  let hostileA = 0;
  let hostileC = 0;
  for (let i = 0; i < opts.accounts; i++) {
    const hostile = opts.hostileEvery > 0 && i % opts.hostileEvery === opts.hostileEvery - 1;
    const name = hostile ? (HOSTILE_ACCOUNTS[hostileA++ % HOSTILE_ACCOUNTS.length] as string) : `${pick(rng, SECTORS)} ${pick(rng, SURNAMES)} ${pick(rng, FORMS)}`;
    const [city, zip] = pick(rng, CITIES);
    const domain = ascii(name.split(' ')[1] ?? 'firma') || 'firma';
    const { row: acc } = state.write(
      'Account',
      {
        name,
        account_type: 'Customer',
        industry: pick(rng, ['Technology', 'Manufacturing', 'Services', 'Other']),
        billing_address_street: `${pick(rng, ['Hauptstraße', 'Bahnhofstraße', 'Mühlenweg', 'Schloßallee'])} ${intBetween(rng, 1, 120)}`,
        billing_address_city: city,
        billing_address_postalcode: zip,
        billing_address_country: 'Deutschland',
        phone_office: `+49 ${intBetween(rng, 30, 999)} ${intBetween(rng, 100000, 9999999)}`,
        website: `https://www.${domain}.de`,
        email1: `info@${domain}.de`,
        assigned_user_id: pick(rng, userIds),
      },
      '1',
    );
    const accId = acc.id as string;
    accountIds.push(accId);
    contactsByAccount.set(accId, []);
    for (let c = 0; c < opts.contactsPerAccount; c++) {
      const hostileContact = hostile && c === 0;
      const first = pick(rng, FIRSTNAMES);
      const last = hostileContact ? (HOSTILE_LAST[hostileC++ % HOSTILE_LAST.length] as string) : pick(rng, SURNAMES);
      const { row: contact } = state.write(
        'Contact',
        {
          salutation: pick(rng, ['Mr.', 'Ms.', 'Dr.']),
          first_name: first,
          last_name: last,
          title: pick(rng, ['Geschäftsführer', 'Einkauf', 'IT-Leitung', 'Buchhaltung']),
          phone_work: `+49 ${intBetween(rng, 30, 999)} ${intBetween(rng, 100000, 9999999)}`,
          email1: `${ascii(first)}.${ascii(last)}${i}@${domain}.de`,
          primary_address_city: city,
          primary_address_postalcode: zip,
          primary_account_id: accId,
          assigned_user_id: acc.assigned_user_id,
        },
        '1',
      );
      contactsByAccount.get(accId)?.push(contact.id as string);
    }
  }
  for (let i = 0; i < opts.cases && accountIds.length > 0; i++) {
    const accountId = pick(rng, accountIds);
    const contacts = contactsByAccount.get(accountId) ?? [];
    state.write(
      'Case',
      {
        name: pick(rng, ['Drucker druckt nicht', 'VPN-Zugang gestört', 'Neuer Arbeitsplatz für Frau Jäger', 'Passwort zurücksetzen', 'Server überhitzt']),
        status: pick(rng, ['Active', 'Pending Input', 'Closed']),
        priority: pick(rng, ['P1', 'P2', 'P3']),
        type: 'User',
        account_id: accountId,
        contact_id: contacts.length > 0 ? pick(rng, contacts) : null,
        assigned_user_id: pick(rng, userIds),
      },
      '1',
    );
  }
}
