// Word lists for realistic German IT-service-provider customer data.

export const SURNAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
  'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier',
  'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber',
  'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß', 'Jung', 'Hahn', 'Schubert',
  'Vogel', 'Friedrich', 'Keller', 'Günther', 'Frank', 'Berger', 'Winkler', 'Roth', 'Beck', 'Lorenz',
  'Baumann', 'Franke', 'Albrecht', 'Schuster', 'Simon', 'Ludwig', 'Böhm', 'Winter', 'Kraus', 'Martin',
  'Schumacher', 'Krämer', 'Vogt', 'Stein', 'Jäger', 'Otto', 'Sommer', 'Groß', 'Seidel', 'Heinrich',
  'Brandt', 'Haas', 'Schreiber', 'Graf', 'Schulte', 'Dietrich', 'Ziegler', 'Kuhn', 'Kühn', 'Pohl',
  'Engel', 'Horn', 'Busch', 'Bergmann', 'Thomas', 'Voigt', 'Sauer', 'Arnold', 'Wolff', 'Pfeiffer',
] as const;

export const FIRSTNAMES = [
  'Anna', 'Jürgen', 'Sören', 'Björn', 'Jörg', 'Käthe', 'Uwe', 'Petra', 'Sabine', 'Thomas', 'Michael', 'Andreas',
  'Stefan', 'Claudia', 'Monika', 'Frank', 'Markus', 'Sandra', 'Nicole', 'Matthias', 'Özlem', 'Zoë', 'Hans-Peter',
  'Marie-Luise', 'Günter', 'Dörte', 'Ingrid', 'Lukas', 'Leonie', 'Maximilian',
] as const;

export const SECTORS = [
  'Elektrotechnik', 'Steuerberatung', 'Bäckerei', 'Zahnarztpraxis', 'Autohaus', 'Metallbau', 'Spedition',
  'Immobilien', 'Druckerei', 'Ingenieurbüro', 'Architekturbüro', 'Rechtsanwälte', 'Gärtnerei', 'Sanitär',
  'Heizungsbau', 'Schreinerei', 'Apotheke', 'Physiotherapie', 'Versicherungsmakler', 'Logistik',
  'Maschinenbau', 'Kfz-Werkstatt', 'Brauerei', 'Getränkehandel', 'Fliesenleger', 'Dachdeckerei',
  'Hausverwaltung', 'Personalservice',
] as const;

export const LEGAL_FORMS = [
  'GmbH', 'GmbH', 'GmbH', 'GmbH & Co. KG', 'KG', 'OHG', 'AG', 'e.K.', 'GbR', 'UG (haftungsbeschränkt)', 'e.V.',
  'PartG mbB',
] as const;

export interface City {
  readonly name: string;
  readonly zip: string;
  readonly area: string;
  readonly country: string;
}

export const CITIES: readonly City[] = [
  { name: 'München', zip: '80331', area: '089', country: 'Deutschland' },
  { name: 'Köln', zip: '50667', area: '0221', country: 'Deutschland' },
  { name: 'Düsseldorf', zip: '40213', area: '0211', country: 'Deutschland' },
  { name: 'Nürnberg', zip: '90402', area: '0911', country: 'Deutschland' },
  { name: 'Würzburg', zip: '97070', area: '0931', country: 'Deutschland' },
  { name: 'Lübeck', zip: '23552', area: '0451', country: 'Deutschland' },
  { name: 'Göttingen', zip: '37073', area: '0551', country: 'Deutschland' },
  { name: 'Saarbrücken', zip: '66111', area: '0681', country: 'Deutschland' },
  { name: 'Osnabrück', zip: '49074', area: '0541', country: 'Deutschland' },
  { name: 'Tübingen', zip: '72070', area: '07071', country: 'Deutschland' },
  { name: 'Hamburg', zip: '20095', area: '040', country: 'Deutschland' },
  { name: 'Berlin', zip: '10115', area: '030', country: 'Deutschland' },
  { name: 'Frankfurt am Main', zip: '60311', area: '069', country: 'Deutschland' },
  { name: 'Stuttgart', zip: '70173', area: '0711', country: 'Deutschland' },
  { name: 'Dresden', zip: '01067', area: '0351', country: 'Deutschland' },
  { name: 'Leipzig', zip: '04109', area: '0341', country: 'Deutschland' },
  { name: 'Münster', zip: '48143', area: '0251', country: 'Deutschland' },
  { name: 'Fürth', zip: '90762', area: '0911', country: 'Deutschland' },
  { name: 'Gießen', zip: '35390', area: '0641', country: 'Deutschland' },
  { name: 'Wien', zip: '1010', area: '+43 1', country: 'Österreich' },
  { name: 'Zürich', zip: '8001', area: '+41 44', country: 'Schweiz' },
];

export const STREETS = [
  'Hauptstraße', 'Bahnhofstraße', 'Schulstraße', 'Gartenstraße', 'Dorfstraße', 'Lindenstraße', 'Kirchstraße',
  'Goethestraße', 'Schillerstraße', 'Am Mühlbach', 'Industriestraße', 'Königsallee', 'Maximilianstraße',
  'Fürstenweg', 'Große Bäckerstraße', 'Äußere Sulzbacher Straße', 'Im Gewerbepark',
] as const;

export interface DeviceModel {
  readonly prefix: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly os: string | null;
}

export const DEVICE_MODELS: readonly DeviceModel[] = [
  { prefix: 'PC', manufacturer: 'Dell', model: 'OptiPlex 7090', os: 'Windows 11 Pro' },
  { prefix: 'PC', manufacturer: 'Fujitsu', model: 'Esprimo D7010', os: 'Windows 10 Pro' },
  { prefix: 'PC', manufacturer: 'HP', model: 'EliteDesk 800 G6', os: 'Windows 11 Pro' },
  { prefix: 'NB', manufacturer: 'Lenovo', model: 'ThinkPad T14 Gen 3', os: 'Windows 11 Pro' },
  { prefix: 'NB', manufacturer: 'HP', model: 'EliteBook 840 G8', os: 'Windows 10 Pro' },
  { prefix: 'NB', manufacturer: 'Apple', model: 'MacBook Pro 14"', os: 'macOS 14 Sonoma' },
  { prefix: 'SRV', manufacturer: 'HPE', model: 'ProLiant DL380 Gen10', os: 'Windows Server 2022 Standard' },
  { prefix: 'SRV', manufacturer: 'Dell', model: 'PowerEdge R740', os: 'Windows Server 2019 Standard' },
  { prefix: 'SRV', manufacturer: 'Supermicro', model: 'SYS-5019C-M', os: 'Ubuntu 22.04 LTS' },
  { prefix: 'NAS', manufacturer: 'Synology', model: 'DS920+', os: 'DSM 7.2' },
  { prefix: 'FW', manufacturer: 'Lancom', model: '1793VA', os: 'LCOS 10.80' },
  { prefix: 'SW', manufacturer: 'Ubiquiti', model: 'USW-24-PoE', os: null },
  { prefix: 'PRN', manufacturer: 'Brother', model: 'MFC-L8900CDW', os: null },
];

export const ROOMS = ['Empfang', 'Buchhaltung', 'Lager', 'Chef', 'Werkstatt', 'Besprechung', 'Labor', 'Büro'] as const;

export const TICKET_SUBJECTS = [
  'Drucker druckt nicht', 'Outlook startet nicht', 'VPN-Verbindung bricht ab', 'Neuer Mitarbeiter: Konto anlegen',
  'Backup fehlgeschlagen', 'Festplatte fast voll', 'Passwort zurücksetzen', 'Windows-Update hängt',
  'Telefonanlage: Rufumleitung', 'Zertifikat läuft ab',
] as const;

export const CONTRACT_CAPTIONS = [
  'Wartungsvertrag Server', 'Managed Services Arbeitsplatz', 'Backup as a Service', 'Telefonanlage Wartung',
  'Microsoft 365 Betreuung', 'Firewall-Wartung',
] as const;

/** ASCII form of a German name for host names and e-mail addresses (ä → ae, ß → ss, …). */
const slugCache = new Map<string, string>();
export function asciiSlug(text: string): string {
  let slug = slugCache.get(text);
  if (slug === undefined) {
    slug = computeSlug(text);
    if (slugCache.size < 10_000) slugCache.set(text, slug);
  }
  return slug;
}

function computeSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
