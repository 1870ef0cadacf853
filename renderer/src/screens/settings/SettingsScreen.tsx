import { Body1, makeStyles, Spinner, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { ConfigTransfer } from './ConfigTransfer.js';
import { FoldersSection } from './FoldersSection.js';
import { GeneralSettings } from './GeneralSettings.js';

const useStyles = makeStyles({ intro: { display: 'block', margin: '8px 0 16px', maxWidth: '75ch' } });

/** `#/settings`: machine-wide settings, the folders, export and import of the configuration. */
export function SettingsScreen(_props: { params: string[] }) {
  const s = useStyles();
  const { t } = useTranslation('settings');
  const settings = useOp('settings.get', {});
  const [imports, setImports] = useState(0);
  return (
    <div data-testid="screen-settings">
      <Title2 as="h1">{t('title')}</Title2>
      <Body1 className={s.intro}>{t('intro')}</Body1>
      {settings.isPending ? <Spinner label={t('common:state.loading')} /> : null}
      {settings.error ? <ErrorBox error={settings.error} testId="settings-load-error" /> : null}
      {settings.data ? (
        <>
          <GeneralSettings key={imports} settings={settings.data} />
          <FoldersSection settings={settings.data} />
        </>
      ) : null}
      <ConfigTransfer onImported={() => setImports((n) => n + 1)} />
    </div>
  );
}
