import { describe, expect, it } from 'vitest';
import { namespaces, resources } from '../../renderer/src/i18n/resources.js';

const keys = (o: unknown, prefix = ''): string[] =>
  o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

describe('translations', () => {
  for (const ns of namespaces) {
    it(`${ns}: German and English have the same keys, none empty`, () => {
      const en = keys(resources.en[ns]).sort();
      const de = keys(resources.de[ns]).sort();
      expect(de).toEqual(en);
      for (const lang of ['en', 'de'] as const) {
        const flat = (o: unknown): string[] => (o && typeof o === 'object' ? Object.values(o).flatMap(flat) : [String(o)]);
        expect(flat(resources[lang][ns]).filter((s) => s.trim() === '')).toEqual([]);
      }
    });
  }
});
