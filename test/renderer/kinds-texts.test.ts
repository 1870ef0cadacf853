// Every connector kind's texts (its label, the "what to gather" checklist and its connection options) exist in German
// and English: a need or option added in the backend without texts for the window fails here, and so does a need whose
// English text no longer is the backend's (the window would show a translation of something else).
import i18next, { type i18n } from 'i18next';
import { describe, expect, it } from 'vitest';
import { allFactories } from '../../main/connectors/registry.js';
import { resources } from '../../renderer/src/i18n/resources.js';

// The kinds an admin can choose (what kinds.list offers: the demo's hidden stand-in has no texts).
const kinds = allFactories.filter((f) => !f.hidden);
const languages = ['en', 'de'] as const;

/** One language alone, without a fallback: a text that only the other language has counts as missing. */
function only(lng: (typeof languages)[number]): i18n {
  const inst = i18next.createInstance();
  void inst.init({ resources: { [lng]: resources[lng] }, lng, fallbackLng: false, initAsync: false, interpolation: { escapeValue: false } });
  return inst;
}
const i18ns = { en: only('en'), de: only('de') };

const MISSING = '\u0000missing';
/** The first of these keys that has a text, as OptionControl / NeedsChecklist look them up; null if none has. */
function lookup(inst: i18n, ns: string, keys: string[]): string | null {
  for (const key of keys) {
    const v = inst.t(key, { ns, defaultValue: MISSING });
    if (v !== MISSING) return v;
  }
  return null;
}

describe('connector kinds: texts in German and English', () => {
  it('walks every kind an admin can choose', () => {
    expect(kinds.map((f) => f.kind)).toEqual(['centron', 'zabbix', 'carddav', 'sugarcrm', 'onecrm']);
  });

  for (const f of kinds) {
    describe(f.kind, () => {
      for (const lng of languages) {
        it(`${lng}: the kind's label and every need of its checklist, by position`, () => {
          const t = i18ns[lng];
          const label = lookup(t, 'wizard', [`kinds.${f.kind}.label`]);
          expect(label?.trim()).toBeTruthy();
          const needs = t.t(`kinds.${f.kind}.needs`, { ns: 'wizard', returnObjects: true, defaultValue: [] }) as unknown;
          expect(Array.isArray(needs), `wizard:kinds.${f.kind}.needs is a list`).toBe(true);
          expect((needs as unknown[]).length, `${lng}: as many needs as the backend's ${f.kind}`).toBe(f.needs.length);
          f.needs.forEach((_, i) => expect(lookup(t, 'wizard', [`kinds.${f.kind}.needs.${i}`])?.trim(), `${lng} wizard:kinds.${f.kind}.needs.${i}`).toBeTruthy());
          if (lng === 'en') {
            // English is the backend's own text: the English window does not change, and a changed need is noticed.
            expect(label).toBe(f.label);
            expect(f.needs.map((_, i) => lookup(t, 'wizard', [`kinds.${f.kind}.needs.${i}`]))).toEqual([...f.needs]);
          }
        });

        it(`${lng}: every option's label, description and choices`, () => {
          const t = i18ns[lng];
          const missing: string[] = [];
          for (const o of f.optionFields ?? []) {
            const own = `options.${f.kind}.${o.key}`;
            // The kind's own text, else the one every HTTP kind shares (proxy, parallel requests, TLS): as OptionControl.
            const shared = `options.http.${o.key}`;
            if (!lookup(t, 'connections', [`${own}.label`, `${shared}.label`])?.trim()) missing.push(`${own}.label`);
            if (o.description && !lookup(t, 'connections', [`${own}.description`, `${shared}.description`])?.trim()) missing.push(`${own}.description`);
            for (const c of o.choices ?? []) {
              if (!lookup(t, 'connections', [`${own}.choices.${c}`, `options.choice.${c}`])?.trim()) missing.push(`${own}.choices.${c}`);
            }
          }
          expect(missing, `${lng}: connections:options texts missing for ${f.kind}`).toEqual([]);
        });
      }
    });
  }

  it('has no checklist texts for a kind the backend does not have', () => {
    for (const lng of languages) expect(Object.keys(resources[lng].wizard.kinds).sort()).toEqual(kinds.map((f) => f.kind).sort());
  });
});
