import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { FerryBridge } from '../../shared/bridge.js';
import { ApiProvider } from './api/context.js';
import { useOp } from './api/hooks.js';
import { App } from './App.js';
import { createI18n, pickLanguage } from './i18n/index.js';

/** Language from the settings (or the system's), then the app. Without a transport, say how to open Ferry. */
export function Root({ api }: { api: FerryBridge | null }) {
  const i18n = useMemo(() => createI18n(pickLanguage('system', navigator.language)), []);
  if (!api) {
    return (
      <I18nextProvider i18n={i18n}>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{i18n.t('noService.title')}</MessageBarTitle>
            {i18n.t('noService.body')}
          </MessageBarBody>
        </MessageBar>
      </I18nextProvider>
    );
  }
  return (
    <ApiProvider api={api}>
      <I18nextProvider i18n={i18n}>
        <LanguageFromSettings i18n={i18n} />
        <App />
      </I18nextProvider>
    </ApiProvider>
  );
}

function LanguageFromSettings({ i18n }: { i18n: ReturnType<typeof createI18n> }) {
  const settings = useOp('settings.get', {});
  const lang = pickLanguage(settings.data?.language, navigator.language);
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [i18n, lang]);
  return null;
}
