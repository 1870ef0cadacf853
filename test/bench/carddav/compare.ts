// Reads an address book straight from Radicale's storage folder (no HTTP: the check must not count as either tool's
// requests) and compares two books by content.
import fs from 'node:fs';
import path from 'node:path';

/** The content key of a card: N (family;given), FN, the first EMAIL and the first TEL, trimmed and NFC-normalised. */
export function cardKey(text: string): string {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const prop = (name: string) => {
    for (const l of lines) {
      const colon = l.indexOf(':');
      if (colon < 0) continue;
      const head = l.slice(0, colon).toUpperCase();
      const base = head.split(';')[0]!.split('.').pop();
      if (base === name) return l.slice(colon + 1).trim().normalize('NFC');
    }
    return '';
  };
  const n = prop('N').split(';');
  return [n[0] ?? '', n[1] ?? '', prop('FN'), prop('EMAIL').toLowerCase(), prop('TEL').replace(/^tel:/i, '')].join('|');
}

/** The content keys of every card in a Radicale collection folder. */
export function readBook(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((f) => !f.startsWith('.'))
    .map((f) => cardKey(fs.readFileSync(path.join(folder, f), 'utf8')));
}

/** Throws unless both books hold the same cards by content, each once, and `expected` of them. */
export function assertSame(step: string, a: string, b: string, expected: number): void {
  const ka = readBook(a);
  const kb = readBook(b);
  const problems: string[] = [];
  for (const [name, keys] of [['a', ka], ['b', kb]] as const) {
    const set = new Set(keys);
    if (set.size !== keys.length) problems.push(`${name} holds ${keys.length - set.size} duplicate card(s)`);
    if (keys.length !== expected) problems.push(`${name} holds ${keys.length} cards, expected ${expected}`);
  }
  const sa = new Set(ka);
  const sb = new Set(kb);
  const onlyA = [...sa].filter((k) => !sb.has(k));
  const onlyB = [...sb].filter((k) => !sa.has(k));
  if (onlyA.length) problems.push(`${onlyA.length} card(s) only in a, e.g. ${onlyA[0]}`);
  if (onlyB.length) problems.push(`${onlyB.length} card(s) only in b, e.g. ${onlyB[0]}`);
  if (problems.length) throw new Error(`${step}: the address books differ (${path.basename(a)} / ${path.basename(b)}): ${problems.join('; ')}`);
}
