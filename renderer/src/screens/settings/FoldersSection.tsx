import { Field, Input, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/contract.js';
import { Section } from '../connections/Section.js';

const useStyles = makeStyles({ form: { display: 'grid', gap: '12px', maxWidth: '720px' } });

/** Where Ferry keeps its database and logs (read-only: set at installation). */
export function FoldersSection({ settings }: { settings: SettingsView }) {
  const s = useStyles();
  const { t } = useTranslation('settings');
  return (
    <Section title={t('folders.title')} description={t('folders.description')}>
      <div className={s.form}>
        <Field label={t('folders.data')}>
          <Input readOnly value={settings.dataDir} data-testid="settings-data-dir" />
        </Field>
        <Field label={t('folders.log')}>
          <Input readOnly value={settings.logDir} data-testid="settings-log-dir" />
        </Field>
      </div>
    </Section>
  );
}
