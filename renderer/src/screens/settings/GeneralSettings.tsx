import { Button, Dropdown, Field, Input, makeStyles, MessageBar, MessageBarBody, Option, Switch, Text } from '@fluentui/react-components';
import { Save20Regular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/contract.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { pickLanguage } from '../../i18n/index.js';
import { Section } from '../connections/Section.js';
import { formOf, formProblems, settingsPatch, type SettingsForm } from './settings-form.js';
import { TimeZonePicker } from './TimeZonePicker.js';

const useStyles = makeStyles({
  form: { display: 'grid', gap: '16px', maxWidth: '560px' },
  guard: { display: 'flex', gap: '16px', flexWrap: 'wrap', border: 'none', padding: 0, margin: 0 },
  legend: { padding: 0, marginBottom: '4px', width: '100%' },
  actions: { display: 'flex', gap: '8px', alignItems: 'center' },
});

const languages = ['system', 'de', 'en'] as const;
const logLevels = ['error', 'warn', 'info', 'debug'] as const;

/** Language, default time zone, start at login, log level and the default mass-delete guard; one Save. */
export function GeneralSettings({ settings }: { settings: SettingsView }) {
  const s = useStyles();
  const { t, i18n } = useTranslation('settings');
  const qc = useQueryClient();
  const [form, setForm] = useState<SettingsForm>(() => formOf(settings));
  const [base, setBase] = useState<SettingsView>(settings);
  const [saved, setSaved] = useState(false);
  const update = useOpMutation('settings.update');
  const problems = formProblems(form);
  const patch = settingsPatch(base, form);
  const dirty = Object.keys(patch).length > 0;
  const set = (p: Partial<SettingsForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...p }));
  };
  const save = () => {
    if (!dirty || Object.keys(problems).length) return;
    update.mutate(patch, {
      onSuccess: (next) => {
        setBase(next);
        setForm(formOf(next));
        setSaved(true);
        // Root follows settings.get; switch at once as well, so the admin sees the new language on Save.
        qc.setQueryData(['settings.get', {}], next);
        void qc.invalidateQueries({ queryKey: ['settings.get'] });
        const lang = pickLanguage(next.language, navigator.language);
        if (i18n.language !== lang) void i18n.changeLanguage(lang);
      },
    });
  };
  const msg = (k: 'percent' | 'max' | 'timeZone') => (problems[k] ? t(problems[k]) : undefined);
  return (
    <Section title={t('general.title')}>
      <form
        className={s.form}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field label={t('language.label')} hint={t('language.hint')}>
          <Dropdown value={t(`common:language.${form.language}`)} selectedOptions={[form.language]} onOptionSelect={(_, d) => set({ language: d.optionValue as SettingsForm['language'] })} data-testid="settings-language">
            {languages.map((l) => (
              <Option key={l} value={l}>
                {t(`common:language.${l}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <TimeZonePicker label={t('timeZone.label')} hint={t('timeZone.hint')} value={form.timeZone} onChange={(timeZone) => set({ timeZone })} testId="settings-time-zone" />
        <Switch label={t('startAtLogin.label')} checked={form.startAtLogin} onChange={(_, d) => set({ startAtLogin: d.checked })} data-testid="settings-start-at-login" />
        <Field label={t('logLevel.label')} hint={t('logLevel.hint')}>
          <Dropdown value={t(`logLevel.${form.logLevel}`)} selectedOptions={[form.logLevel]} onOptionSelect={(_, d) => set({ logLevel: d.optionValue as SettingsForm['logLevel'] })} data-testid="settings-log-level">
            {logLevels.map((l) => (
              <Option key={l} value={l}>
                {t(`logLevel.${l}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <fieldset className={s.guard}>
          <legend className={s.legend}>{t('guard.legend')}</legend>
          <Field label={t('guard.percent')} validationMessage={msg('percent')}>
            <Input type="number" min={0} max={100} value={form.percent} onChange={(_, d) => set({ percent: d.value })} contentAfter="%" data-testid="settings-guard-percent" />
          </Field>
          <Field label={t('guard.max')} validationMessage={msg('max')}>
            <Input type="number" min={0} step={1} value={form.max} onChange={(_, d) => set({ max: d.value })} data-testid="settings-guard-max" />
          </Field>
          <Text className={s.legend}>{t('guard.hint')}</Text>
        </fieldset>
        <div className={s.actions}>
          <Button type="submit" appearance="primary" icon={<Save20Regular />} disabled={!dirty || Object.keys(problems).length > 0 || update.isPending} data-testid="settings-save">
            {t('common:actions.save')}
          </Button>
          {dirty ? <Button onClick={() => setForm(formOf(base))}>{t('undo')}</Button> : null}
        </div>
        {saved ? (
          <MessageBar intent="success" layout="singleline" data-testid="settings-saved">
            <MessageBarBody>{t('common:state.saved')}</MessageBarBody>
          </MessageBar>
        ) : null}
        {update.error ? <ErrorBox error={update.error} testId="settings-save-error" /> : null}
      </form>
    </Section>
  );
}
