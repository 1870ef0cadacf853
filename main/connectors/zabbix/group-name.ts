import type { Customer } from '../../../shared/entities.js';

/**
 * How a customer becomes a Zabbix host group name.
 *
 * What Zabbix 6.0 enforces (found against the real API, CHostGroupNameParser and the hstgrp table):
 * - `hstgrp.name` holds at most 255 characters, counted as Unicode code points (mb_strlen), not bytes;
 * - `/` separates nested groups: a name must not start or end with `/` and must not contain `//`
 *   ("invalid host group name"); everything else is accepted, umlauts, quotes, backslashes and emoji included;
 * - names are unique. MariaDB's utf8mb4_bin compares with PAD SPACE: "ACME" and "ACME  " are the same name.
 *   On a database with a case-insensitive collation "ACME" and "Acme" collide as well;
 * - a new group named "A/B" inherits the user-group permissions and tag filters of an existing group "A".
 *
 * The rule Ferry applies, in this order:
 * 1. Each `{field}` of the template is replaced by the customer's value (null → empty). A `/` inside a value is
 *    replaced by `-`, so a customer called "AC/DC" never becomes a sub-group of a group "AC" (and never inherits its
 *    permissions). Slashes written in the template itself are kept: they are the admin's nesting.
 * 2. Control characters and line breaks become spaces; every run of white space becomes one space (NFC first).
 * 3. The name is split at `/`, each part trimmed and empty parts dropped: no leading or trailing `/`, no `//`,
 *    no spaces around a slash, nothing left over from an empty field ("Customers/{number}/{name}" without a number
 *    gives "Customers/ACME").
 * 4. An empty result becomes "Unnamed customer".
 * 5. An optional disambiguator is appended as ` (<disambiguator>)`, cleaned like a value and at most 64 characters.
 * 6. If the name is longer than 255 code points, the part before the disambiguator is cut at a grapheme boundary
 *    and ends with `…`; the disambiguator is always kept whole, so disambiguated names stay unique.
 * Two customers that render the same name collide in Zabbix ("Host group … already exists"): the engine then
 * renders again with a disambiguator (e.g. the customer number or Ferry's id).
 */
export const GROUP_NAME_MAX = 255;
export const DEFAULT_GROUP_NAME_TEMPLATE = '{number} {name}';
const DISAMBIGUATOR_MAX = 64;
const UNNAMED = 'Unnamed customer';

export const templateFields = ['number', 'name', 'street', 'zip', 'city', 'country', 'phone', 'fax', 'email', 'website'] as const satisfies readonly (keyof Customer)[];
type TemplateField = (typeof templateFields)[number];
const placeholder = /\{([A-Za-z]+)\}/g;

/** Why a template cannot be used, or null when it can. */
export function templateProblem(template: string): string | null {
  const used = [...template.matchAll(placeholder)].map((m) => m[1]!);
  const unknown = used.filter((f) => !(templateFields as readonly string[]).includes(f));
  if (unknown.length > 0) return `unknown placeholder ${unknown.map((f) => `{${f}}`).join(', ')}; use ${templateFields.map((f) => `{${f}}`).join(', ')}`;
  if (!used.includes('name') && !used.includes('number')) return 'the template must contain {name} or {number}';
  return null;
}

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** NFC, control characters and line breaks to spaces, white-space runs to one space. No trimming. */
function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/gu, ' ');
}

/** Drops leading/trailing slashes, `//` and spaces around slashes; trims. */
function tidySlashes(s: string): string {
  return s
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('/');
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix of `s` of at most `max` code points that does not split a grapheme (emoji sequences, accents). */
export function truncateCodePoints(s: string, max: number): string {
  if (codePoints(s) <= max) return s;
  let out = '';
  let n = 0;
  for (const { segment } of segmenter.segment(s)) {
    const len = codePoints(segment);
    if (n + len > max) break;
    out += segment;
    n += len;
  }
  return out;
}

const valueOf = (c: Customer, f: TemplateField): string => cleanText(c[f] ?? '').replace(/\//g, '-');

/** Renders a customer's host group name by the rule above. Pure and deterministic. */
export function renderGroupName(customer: Customer, template: string, disambiguator?: string): string {
  const rendered = template.replace(placeholder, (whole, f: string) =>
    (templateFields as readonly string[]).includes(f) ? valueOf(customer, f as TemplateField) : whole,
  );
  const base = tidySlashes(cleanText(rendered)) || UNNAMED;
  const d = disambiguator === undefined ? '' : truncateCodePoints(tidySlashes(cleanText(disambiguator).replace(/\//g, '-')), DISAMBIGUATOR_MAX);
  const suffix = d ? ` (${d})` : '';
  const room = GROUP_NAME_MAX - codePoints(suffix);
  if (codePoints(base) <= room) return `${base}${suffix}`;
  // Cut, then tidy again so the cut never leaves a trailing space or slash before the ellipsis.
  const cut = tidySlashes(truncateCodePoints(base, room - 1).trimEnd());
  return `${cut}…${suffix}`;
}
