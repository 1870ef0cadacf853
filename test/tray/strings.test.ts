import { describe, expect, it } from 'vitest';
import { formatAgo, resolveLanguage, strings, translator, type StringKey } from '../../main/tray/strings.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('tray strings', () => {
  it('every text exists in English and German, with the same placeholders', () => {
    for (const [key, v] of Object.entries(strings)) {
      expect(v.en.trim(), key).not.toBe('');
      expect(v.de.trim(), key).not.toBe('');
      expect(placeholders(v.de), key).toEqual(placeholders(v.en));
    }
  });

  it('is really translated: German differs from English except for names and pure placeholders', () => {
    const same = Object.entries(strings).filter(([, v]) => v.en === v.de && v.en.replace(/\{\w+\}/g, '').trim() !== '').map(([k]) => k);
    expect(same).toEqual([]);
  });

  it('fills placeholders and keeps a missing one visible', () => {
    const t = translator('de');
    expect(t('menu.last', { status: 'OK', ago: 'vor 5 Min.' })).toBe('Zuletzt: OK, vor 5 Min.');
    expect(t('menu.pipelinePaused', {})).toBe('{name} (pausiert)');
    expect(translator('en')('menu.quit' satisfies StringKey)).toBe('Quit');
  });

  it('follows the setting, and the OS locale for "system"', () => {
    expect(resolveLanguage('de', 'en-US')).toBe('de');
    expect(resolveLanguage('en', 'de-DE')).toBe('en');
    expect(resolveLanguage('system', 'de-AT')).toBe('de');
    expect(resolveLanguage('system', 'de')).toBe('de');
    expect(resolveLanguage('system', 'en-GB')).toBe('en');
    expect(resolveLanguage('system', 'dev')).toBe('en');
    expect(resolveLanguage(undefined, 'fr-FR')).toBe('en');
  });

  it('says how long ago in whole minutes, hours, then days', () => {
    const now = new Date('2025-01-01T12:00:00Z');
    const ago = (ms: number, lang: 'en' | 'de' = 'en') => formatAgo(new Date(now.getTime() - ms), now, translator(lang));
    expect(ago(59_000)).toBe('just now');
    expect(ago(-60_000)).toBe('just now');
    expect(ago(5 * 60_000)).toBe('5 min ago');
    expect(ago(59 * 60_000 + 59_000)).toBe('59 min ago');
    expect(ago(60 * 60_000)).toBe('1 h ago');
    expect(ago(23 * 3600_000 + 59 * 60_000)).toBe('23 h ago');
    expect(ago(24 * 3600_000)).toBe('1 day ago');
    expect(ago(49 * 3600_000)).toBe('2 days ago');
    expect(ago(24 * 3600_000, 'de')).toBe('vor 1 Tag');
    expect(ago(3 * 24 * 3600_000, 'de')).toBe('vor 3 Tagen');
  });
});
