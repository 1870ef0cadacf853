import type { Contact } from '../../../shared/entities.js';

/**
 * vCard 3.0 / 4.0 (RFC 2426 / RFC 6350) as lines: Ferry reads the properties it maps and, on update, replaces only
 * those lines in the card as stored, so every other property (PHOTO, X-…, ADR, ORG …) and parameter survives.
 *
 * Canonical contact ↔ vCard:
 * - firstName / lastName ↔ N given / family name (FN is rewritten from them only when they change; FN is also
 *   written on create, because vCard requires it).
 * - email ↔ the preferred EMAIL (TYPE=pref or PREF=1), else the first one; phone ↔ TEL likewise.
 * - customerId is not kept in the address book (see README.md): it reads as null, and ORG stays as the user set it.
 * - ORG, TITLE, ADR, NOTE, CATEGORIES are read into `CardFacts` (shown, never compared) and never changed.
 * - UID is Ferry's stamp-derived id on cards Ferry creates; X-FERRY-STAMP carries the stamp itself.
 */
export interface CardLine {
  group: string | null;
  /** Upper case. */
  name: string;
  /** Raw parameter text after the name, without the leading `;` (e.g. `TYPE=work;PREF=1`). */
  params: string;
  /** Raw (escaped) value. */
  value: string;
}

export interface Card {
  version: string;
  lines: CardLine[];
}

export interface CardFacts {
  uid: string | null;
  fn: string | null;
  org: string | null;
  title: string | null;
  note: string | null;
  categories: string[];
  addresses: string[];
  stamp: string | null;
}

export function parseCard(text: string): Card | null {
  const unfolded = text.replace(/\r\n/g, '\n').replace(/\r/g, '\n').replace(/\n[ \t]/g, '');
  const lines: CardLine[] = [];
  let begun = false;
  let ended = false;
  for (const l of unfolded.split('\n')) {
    if (!l.trim()) continue;
    const m = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)((?:;(?:[^:";]|"[^"]*")*)*):(.*)$/.exec(l);
    if (!m) continue;
    const name = m[2]!.toUpperCase();
    if (name === 'BEGIN' && m[4]!.trim().toUpperCase() === 'VCARD') {
      if (begun) return null; // nested or several cards: not ours to patch
      begun = true;
      continue;
    }
    if (name === 'END' && m[4]!.trim().toUpperCase() === 'VCARD') {
      ended = true;
      break;
    }
    if (!begun) continue;
    lines.push({ group: m[1] ?? null, name, params: m[3]!.replace(/^;/, ''), value: m[4]! });
  }
  if (!begun || !ended) return null;
  const version = lines.find((l) => l.name === 'VERSION')?.value.trim() ?? '3.0';
  return { version, lines };
}

export function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
export function escapeText(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Splits a structured value at unescaped separators; the parts stay escaped. */
export function splitStructured(v: string, sep = ';'): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '\\' && i + 1 < v.length) {
      cur += c + v[i + 1]!;
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const isPreferred = (l: CardLine) => /(^|;)\s*(TYPE=([^;]*,)?"?pref"?|PREF=1)(\b|;|,|$)/i.test(l.params);
function preferredIndex(card: Card, name: string): number {
  let first = -1;
  for (let i = 0; i < card.lines.length; i++) {
    const l = card.lines[i]!;
    if (l.name !== name) continue;
    if (isPreferred(l)) return i;
    if (first < 0) first = i;
  }
  return first;
}

const nonEmpty = (s: string | undefined | null): string | null => {
  const t = s?.trim();
  return t ? t : null;
};
const valueOf = (l: CardLine | undefined, name: string): string | null => {
  if (!l) return null;
  const v = unescapeText(l.value);
  // vCard 4.0 may give `tel:` / `mailto:` URIs.
  return nonEmpty(name === 'TEL' ? v.replace(/^tel:/i, '') : name === 'EMAIL' ? v.replace(/^mailto:/i, '') : v);
};

export function contactOf(card: Card): Contact {
  const n = card.lines.find((l) => l.name === 'N');
  let firstName: string | null = null;
  let lastName: string | null = null;
  if (n) {
    const parts = splitStructured(n.value).map(unescapeText);
    lastName = nonEmpty(parts[0]);
    firstName = nonEmpty(parts[1]);
  } else {
    lastName = valueOf(card.lines.find((l) => l.name === 'FN'), 'FN');
  }
  const email = valueOf(card.lines[preferredIndex(card, 'EMAIL')], 'EMAIL');
  const phone = valueOf(card.lines[preferredIndex(card, 'TEL')], 'TEL');
  return { customerId: null, firstName, lastName, email, phone };
}

export function factsOf(card: Card): CardFacts {
  const one = (name: string) => valueOf(card.lines.find((l) => l.name === name), name);
  const org = card.lines.find((l) => l.name === 'ORG');
  return {
    uid: one('UID'),
    fn: one('FN'),
    org: org ? nonEmpty(splitStructured(org.value).map(unescapeText).filter(Boolean).join(', ')) : null,
    title: one('TITLE'),
    note: one('NOTE'),
    categories: card.lines.filter((l) => l.name === 'CATEGORIES').flatMap((l) => splitStructured(l.value, ',').map(unescapeText)).filter(Boolean),
    addresses: card.lines.filter((l) => l.name === 'ADR').map((l) => splitStructured(l.value).map(unescapeText).filter(Boolean).join(', ')),
    stamp: one('X-FERRY-STAMP'),
  };
}

export function displayName(c: Contact): string {
  return [c.firstName, c.lastName].filter((x): x is string => !!x?.trim()).join(' ') || c.email || c.phone || 'Unnamed contact';
}

const nValue = (c: Contact, rest: string[] = ['', '', '']) => [escapeText(c.lastName ?? ''), escapeText(c.firstName ?? ''), ...rest].join(';');

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const b = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + b > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

export function serializeCard(card: Card): string {
  const body = card.lines.map((l) => fold(`${l.group ? `${l.group}.` : ''}${l.name}${l.params ? `;${l.params}` : ''}:${l.value}`));
  return ['BEGIN:VCARD', ...body, 'END:VCARD', ''].join('\r\n');
}

/** A new card for a canonical contact. */
export function newCard(c: Contact, o: { uid: string; stamp: string; version: '3.0' | '4.0' }): Card {
  const lines: CardLine[] = [
    { group: null, name: 'VERSION', params: '', value: o.version },
    { group: null, name: 'PRODID', params: '', value: '-//Ferry//CardDAV//EN' },
    { group: null, name: 'UID', params: '', value: o.uid },
    { group: null, name: 'FN', params: '', value: escapeText(displayName(c)) },
    { group: null, name: 'N', params: '', value: nValue(c) },
  ];
  if (c.email) lines.push({ group: null, name: 'EMAIL', params: 'TYPE=work', value: escapeText(c.email) });
  if (c.phone) lines.push({ group: null, name: 'TEL', params: 'TYPE=work', value: escapeText(c.phone) });
  lines.push({ group: null, name: 'X-FERRY-STAMP', params: '', value: escapeText(o.stamp) });
  return { version: o.version, lines };
}

/** The stored card with only the mapped properties replaced; everything else stays as it was, line by line. */
export function patchCard(card: Card, c: Contact): Card {
  const lines = card.lines.map((l) => ({ ...l }));
  const patched: Card = { version: card.version, lines };
  const before = contactOf(card);
  const nameChanged = before.firstName !== c.firstName || before.lastName !== c.lastName;
  const n = lines.find((l) => l.name === 'N');
  if (n) {
    if (nameChanged) n.value = nValue(c, splitStructured(n.value).slice(2));
  } else lines.push({ group: null, name: 'N', params: '', value: nValue(c) });
  const fn = lines.find((l) => l.name === 'FN');
  if (!fn) lines.push({ group: null, name: 'FN', params: '', value: escapeText(displayName(c)) });
  else if (nameChanged) fn.value = escapeText(displayName(c));
  for (const [name, want] of [['EMAIL', c.email], ['TEL', c.phone]] as const) {
    const i = preferredIndex(patched, name);
    const have = i >= 0 ? valueOf(lines[i], name) : null;
    if (have === want) continue;
    if (want === null) lines.splice(i, 1);
    else if (i >= 0) {
      const l = lines[i]!;
      // Keep a vCard 4.0 URI form where the card used one.
      const prefix = /^(tel:|mailto:)/i.exec(l.value)?.[1] ?? '';
      l.value = prefix + escapeText(want);
    } else lines.push({ group: null, name, params: 'TYPE=work', value: escapeText(want) });
  }
  return patched;
}
