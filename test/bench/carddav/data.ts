// Generated contacts for the CardDAV benchmark: German names with umlauts and ß, deterministic (seeded).
export interface BenchContact {
  uid: string;
  given: string;
  family: string;
  email: string;
  tel: string;
}

const given = ['Jörg', 'Änne', 'Jürgen', 'Björn', 'Günther', 'Käthe', 'Sören', 'Ömer', 'Büşra', 'Lütfiye', 'Hans-Jürgen', 'Marie-Luise', 'Uwe', 'Gisela', 'Renée', 'Ingeborg', 'Malte', 'Friederike', 'Till', 'Özlem'];
const family = ['Müller', 'Schäfer', 'Weiß', 'Groß', 'Köhler', 'Bäcker', 'Fuß', 'Schröder', 'Krüger', 'Möller', 'Hoß', 'Jäger', 'Lößner', 'Özdemir', 'Würz', 'von Brüning', 'Strauß', 'Gänßle', 'Dürr', 'Näher'];

/** A small seeded generator (mulberry32): the same seed gives the same address book every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (s: string) => s.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/ş/g, 's').replace(/é/g, 'e').replace(/[^a-z0-9]+/g, '-');

/** `n` contacts; `prefix` keeps UIDs apart between sets (e.g. the ones added in the delta step). */
export function contacts(n: number, seed: number, prefix = 'bench'): BenchContact[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const g = pick(given);
    const f = pick(family);
    return {
      uid: `${prefix}-${String(i).padStart(6, '0')}`,
      given: g,
      family: f,
      // The number keeps e-mail addresses unique; the umlauts stay in the name (an EAI address would be legal too,
      // but mail clients still choke on it).
      email: `${ascii(g)}.${ascii(f)}.${prefix}${i}@bäckerei-${i % 97}.example`.replace(/@bäckerei/, '@baeckerei'),
      tel: `+49 30 ${String(1_000_000 + Math.floor(r() * 8_999_999))}`,
    };
  });
}

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;');

/** A vCard 3.0 as a desktop client would write it (CRLF, ORG and NOTE that neither tool maps). */
export function vcard(c: BenchContact): string {
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:${c.uid}`,
    `N:${esc(c.family)};${esc(c.given)};;;`,
    `FN:${esc(`${c.given} ${c.family}`)}`,
    `EMAIL;TYPE=INTERNET,PREF:${c.email}`,
    `TEL;TYPE=WORK:${c.tel}`,
    'ORG:Bäckerei Süß GmbH',
    'END:VCARD',
    '',
  ].join('\r\n');
}
