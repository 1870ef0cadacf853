// The hostile cases: records built to trip a sync engine. Always generated first (lowest I3Ds) when
// `hostile` is on, and listed by I3D in a catalogue so tests can find them.
import type { DataBuilder } from './builder.js';
import type { Customer } from './types.js';

export interface HostileCatalogue {
  /** Customers with umlauts and ß in the name. */
  umlautNames: number[];
  /** Customers with emoji (incl. a ZWJ sequence) in the name. */
  emojiNames: number[];
  /** Two customers whose names are equal after trim + case folding. */
  trimCaseEqual: [number, number];
  /** Two customers whose names are equal after NFC normalisation (one NFC, one NFD). */
  nfcNfdPair: [number, number];
  /** Two different customers with the same Number. */
  sameNumber: [number, number];
  /** Inactive customers that still have devices. */
  inactiveWithDevices: number[];
  /** Devices whose CustomerI3D names no existing customer. */
  orphanDevices: number[];
  /** Customers with a 300-character name. */
  longNames: number[];
  /** Devices with a 300-character Caption. */
  longDeviceCaptions: number[];
  /** [customer with Phone/Fax/EMail/Website/Street null, customer with the same fields ""]. */
  nullVsEmpty: [number, number];
  /** A customer whose Name is "" (and one whose name is only blanks). */
  blankNames: number[];
  /** Customers with quotes, backslashes, SQL- and HTML-looking text. */
  quotesAndSql: number[];
  /** Customers with a line break, a tab or a zero-width space in the name. */
  controlChars: number[];
  /** Two devices (of different customers) with the same Code. */
  duplicateDeviceCode: [number, number];
  /** Devices with MAC addresses in odd spellings (lower case, dashes, none). */
  oddMacAddresses: number[];
  /** Tickets dated on both sides of the 2026 DST changes in Europe/Berlin (see README). */
  dstTickets: number[];
}

/** 300 characters: a long but plausible German company name. */
export function longName(seedWord: string): string {
  const base = `${seedWord} Gesellschaft für Informationstechnik, Büroorganisation, Gebäudeautomation und Sicherheitstechnik `;
  let out = '';
  while (out.length < 300) out += base;
  return out.slice(0, 299) + 'X';
}

/** Instants around the 2026 DST changes (Europe/Berlin). */
export const DST_INSTANTS = {
  /** 2026-03-29 01:30 CET (+0100): before the clocks jump from 02:00 to 03:00. */
  springBefore: Date.UTC(2026, 2, 29, 0, 30),
  /** 2026-03-29 03:30 CEST (+0200): after the jump. One hour after springBefore. */
  springAfter: Date.UTC(2026, 2, 29, 1, 30),
  /** 2026-10-25 02:30 CEST (+0200): first pass through the repeated hour. */
  autumnFirst: Date.UTC(2026, 9, 25, 0, 30),
  /** 2026-10-25 02:30 CET (+0100): second pass, same wall-clock time. */
  autumnSecond: Date.UTC(2026, 9, 25, 1, 30),
} as const;

const ORPHAN_CUSTOMER_I3D = 999_999_999;

export function buildHostile(b: DataBuilder): HostileCatalogue {
  const id = (c: Customer): number => c.I3D;
  const addr = { Street: 'Hauptstraße 1', Zip: '80331', City: 'München' };

  const umlautNames = [
    b.customer({ Name: 'Müller & Söhne Straßenbau GmbH', ...addr, Street: 'Äußere Straße 5' }),
    b.customer({ Name: 'Bäckerei Größl e.K.', ...addr }),
    b.customer({ Name: 'Öztürk Übersetzungen GbR', ...addr, City: 'Köln', Zip: '50667' }),
  ].map(id);
  const emojiNames = [
    b.customer({ Name: 'Pixel 🚀 Werkstatt GmbH', ...addr }),
    b.customer({ Name: '👨‍👩‍👧 Familienzentrum Sonnenschein e.V. ☀️', ...addr }),
  ].map(id);
  const trimCaseEqual: [number, number] = [
    b.customer({ Name: 'Meier Consulting GmbH', ...addr }).I3D,
    b.customer({ Name: '  MEIER consulting gmbh ', ...addr }).I3D,
  ];
  const nfcNfdPair: [number, number] = [
    b.customer({ Name: 'Jürgen Köhler IT-Service'.normalize('NFC'), ...addr }).I3D,
    b.customer({ Name: 'Jürgen Köhler IT-Service'.normalize('NFD'), ...addr }).I3D,
  ];
  const first = b.customer({ Name: 'Schulz Haustechnik GmbH', ...addr });
  const sameNumber: [number, number] = [first.I3D, b.customer({ Name: 'Schulze Haustechnik KG', Number: first.Number, ...addr }).I3D];
  const inactive = b.customer({ Name: 'Alt & Aufgelöst GmbH i.L.', IsActive: false, ...addr });
  const longNames = [b.customer({ Name: longName('Weiß'), ...addr })].map(id);
  const nullVsEmpty: [number, number] = [
    b.customer({ Name: 'Nullmann GmbH', Phone: null, Fax: null, EMail: null, Website: null, Street: null, Zip: null, City: null }).I3D,
    b.customer({ Name: 'Leermann GmbH', Phone: '', Fax: '', EMail: '', Website: '', Street: '', Zip: '', City: '' }).I3D,
  ];
  const blankNames = [b.customer({ Name: '', ...addr }), b.customer({ Name: '   ', ...addr })].map(id);
  const quotesAndSql = [
    b.customer({ Name: `O'Reilly "Die Besten" GmbH`, ...addr }),
    b.customer({ Name: 'Pfad C:\\Kunden\\Neu\\ KG', ...addr, Street: 'Backslash-Weg 1\\2' }),
    b.customer({ Name: "'; DROP TABLE x;--", ...addr, EMail: "x'--@example.com" }),
    b.customer({ Name: '<script>alert("x")</script> & Co. KG', ...addr, Website: 'javascript:alert(1)' }),
  ].map(id);
  const controlChars = [
    b.customer({ Name: 'Zeilen\numbruch GmbH', ...addr }),
    b.customer({ Name: 'Tab\tulator KG', ...addr }),
    b.customer({ Name: 'Null\u200BBreite GmbH', ...addr }),
  ].map(id);

  const dev = (customerI3D: number | null, code: string, caption: string, mac: string | null = '00:1A:2B:3C:4D:5E') =>
    b.device({
      CustomerI3D: customerI3D,
      Code: code,
      Caption: caption,
      SerialNumber: 'SN' + code,
      Manufacturer: 'Dell',
      Model: 'OptiPlex 7090',
      OperatingSystem: 'Windows 11 Pro',
      MacAddress: mac,
    }).I3D;
  dev(inactive.I3D, 'H-INACT-1', 'ALT-PC01');
  dev(inactive.I3D, 'H-INACT-2', 'ALT-SRV01');
  const orphanDevices = [dev(ORPHAN_CUSTOMER_I3D, 'H-ORPHAN-1', 'WAISE-PC01'), dev(ORPHAN_CUSTOMER_I3D + 1, 'H-ORPHAN-2', 'WAISE-PC02')];
  const longDeviceCaptions = [dev(umlautNames[0] as number, 'H-LONG-1', longName('Server'))];
  const duplicateDeviceCode: [number, number] = [
    dev(umlautNames[0] as number, 'H-DUP-CODE', 'DOPPEL-PC01'),
    dev(umlautNames[1] as number, 'H-DUP-CODE', 'DOPPEL-PC02'),
  ];
  const oddMacAddresses = [
    dev(emojiNames[0] as number, 'H-MAC-1', 'Rakete 🚀 PC', '00-1a-2b-3c-4d-5f'),
    dev(emojiNames[0] as number, 'H-MAC-2', "Robert'); DROP TABLE Students;--", '001A2B3C4D60'),
    dev(emojiNames[0] as number, 'H-MAC-3', 'Kein MAC', ''),
  ];

  const ticket = (customerI3D: number, subject: string, created: number) =>
    b.helpdesk({
      CustomerI3D: customerI3D,
      ShortDescription: subject,
      Description: `${subject}\nZeitstempel auf der Sommerzeitgrenze.`,
      CreatedMs: created,
      DueMs: created + 3_600_000,
      HelpdeskStatusI3D: 1,
      HelpdeskPriorityI3D: 2,
      HelpdeskTypeI3D: 1,
      ResponsiblePerson: 'Jörg Weiß',
    }).I3D;
  const c0 = umlautNames[0] as number;
  const dstTickets = [
    ticket(c0, 'Sommerzeit: vor der Umstellung (01:30 MEZ)', DST_INSTANTS.springBefore),
    ticket(c0, 'Sommerzeit: nach der Umstellung (03:30 MESZ)', DST_INSTANTS.springAfter),
    ticket(c0, 'Winterzeit: 02:30 MESZ (erster Durchlauf)', DST_INSTANTS.autumnFirst),
    ticket(c0, 'Winterzeit: 02:30 MEZ (zweiter Durchlauf)', DST_INSTANTS.autumnSecond),
  ];

  return {
    umlautNames,
    emojiNames,
    trimCaseEqual,
    nfcNfdPair,
    sameNumber,
    inactiveWithDevices: [inactive.I3D],
    orphanDevices,
    longNames,
    longDeviceCaptions,
    nullVsEmpty,
    blankNames,
    quotesAndSql,
    controlChars,
    duplicateDeviceCode,
    oddMacAddresses,
    dstTickets,
  };
}
