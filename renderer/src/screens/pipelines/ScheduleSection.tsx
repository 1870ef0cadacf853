import { Button, Dropdown, Field, Input, makeStyles, MessageBar, MessageBarBody, Option, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusReport } from '../../../../shared/contract.js';
import type { Pipeline } from '../../../../shared/model.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { Section } from '../connections/Section.js';
import { TimeZonePicker } from '../settings/TimeZonePicker.js';
import { intervalOptions, scheduleFormOf, scheduleProblems, scheduleUpdate, type ScheduleForm } from './pipeline-logic.js';
import { NextRuns } from './RunInfo.js';

const useStyles = makeStyles({
  form: { display: 'grid', gap: '12px', maxWidth: '480px' },
  actions: { display: 'flex', gap: '8px' },
});

/** The schedule (interval 5/15/30/60, daily full sync, time zone; entity intervals shown) and the next runs. */
export function ScheduleSection({ pipeline: p, nextRuns }: { pipeline: Pipeline; nextRuns: StatusReport['pipelines'][number]['nextRuns'] | undefined }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const [form, setForm] = useState<ScheduleForm>(() => scheduleFormOf(p));
  const [saved, setSaved] = useState(false);
  const update = useOpMutation('pipelines.update', ['pipelines.show', 'pipelines.list', 'status.get']);
  const problems = scheduleProblems(form);
  const input = scheduleUpdate(p, form);
  const set = (patch: Partial<ScheduleForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  const options = intervalOptions(p.config.schedule.everyMinutes);
  const everyLabel = (v: string) => (v === '' ? t('schedule.manual') : t('schedule.everyN', { n: v }));
  const entityEvery = Object.entries(p.config.schedule.entityEvery);
  return (
    <Section title={t('schedule.title')} description={t('schedule.description')} testId="pipeline-schedule">
      <form
        className={s.form}
        onSubmit={(e) => {
          e.preventDefault();
          if (!input || Object.keys(problems).length > 0) return;
          update.mutate(input, {
            onSuccess: (next) => {
              setSaved(true);
              setForm(scheduleFormOf(next));
            },
          });
        }}
      >
        <Field label={t('schedule.every')}>
          <Dropdown value={everyLabel(form.everyMinutes)} selectedOptions={[form.everyMinutes]} onOptionSelect={(_, d) => set({ everyMinutes: d.optionValue ?? '' })} data-testid="pipeline-schedule-every">
            {options.map((n) => (
              <Option key={n} value={String(n)}>
                {everyLabel(String(n))}
              </Option>
            ))}
            <Option value="">{everyLabel('')}</Option>
          </Dropdown>
        </Field>
        <Field label={t('schedule.fullAt')} hint={t('schedule.fullAtHint')} validationMessage={problems.fullAt ? t(problems.fullAt) : undefined}>
          <Input type="time" value={form.fullAt} onChange={(_, d) => set({ fullAt: d.value })} data-testid="pipeline-schedule-full-at" />
        </Field>
        <TimeZonePicker label={t('schedule.timeZone')} value={form.timeZone} onChange={(timeZone) => set({ timeZone })} testId="pipeline-schedule-time-zone" />
        {entityEvery.length ? (
          <Text>
            {t('schedule.entityEvery')}: {entityEvery.map(([e, n]) => `${t(`common:entity.${e}`)} ${t('schedule.everyN', { n })}`).join(', ')}
          </Text>
        ) : null}
        <div className={s.actions}>
          <Button type="submit" appearance="primary" disabled={!input || Object.keys(problems).length > 0 || update.isPending} data-testid="pipeline-schedule-save">
            {t('common:actions.save')}
          </Button>
          {input ? <Button onClick={() => setForm(scheduleFormOf(p))}>{t('schedule.undo')}</Button> : null}
        </div>
        {saved ? (
          <MessageBar intent="success" layout="singleline" data-testid="pipeline-schedule-saved">
            <MessageBarBody>{t('common:state.saved')}</MessageBarBody>
          </MessageBar>
        ) : null}
        {update.error ? <ErrorBox error={update.error} testId="pipeline-schedule-error" /> : null}
      </form>
      <Text weight="semibold">{t('list.nextRuns')}</Text>
      <NextRuns runs={nextRuns} paused={p.paused} max={5} />
    </Section>
  );
}
