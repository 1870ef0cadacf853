import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, namespaces } from './resources.js';

export type Language = 'de' | 'en';

/** "system" follows the browser/OS language: German for any de-* locale, otherwise English. */
export function pickLanguage(setting: 'system' | 'de' | 'en' | undefined, systemLocale: string): Language {
  if (setting === 'de' || setting === 'en') return setting;
  return systemLocale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function createI18n(lng: Language): i18n {
  const inst = i18next.createInstance();
  void inst.use(initReactI18next).init({
    resources,
    ns: [...namespaces],
    defaultNS: 'common',
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return inst;
}
