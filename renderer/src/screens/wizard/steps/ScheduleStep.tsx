import { Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DEVICE_MINUTES, isErpRmmPair } from '../entities.js';
import { intervalChoices, scheduleProblem, timeZones } from '../schedule.js';
import { kindOf } from '../derive.js';
import type { StepProps } from '../types.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' }, time: { maxWidth: '160px' } });

/** Step 9: interval, daily full sync, devices' own interval, time zone — prefilled with what the backend proposed. */
export function ScheduleStep({ state, dispatch }: StepProps) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const c = state.pipeline.schedule;
  if (!c) return null;
  const set = (patch: Partial<typeof c>) => dispatch({ type: 'schedule', patch });
  const devicesOn = !!state.pipeline.flows && state.pipeline.flows.device.direction !== 'off';
  const erpRmm = isErpRmmPair(kindOf(state, 'left')?.kind, kindOf(state, 'right')?.kind);
  const timeBad = scheduleProblem(c) === 'schedule.time';
  return (
    <div className={s.root}>
      {erpRmm ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('schedule.erpRmm')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label={t('schedule.every')}>
        <RadioGroup value={String(c.everyMinutes)} onChange={(_, d) => set({ everyMinutes: Number(d.value) })}>
          {intervalChoices(c.everyMinutes).map((m) => (
            <Radio key={m} value={String(m)} label={t('schedule.minutes', { count: m })} />
          ))}
        </RadioGroup>
      </Field>
      <Checkbox checked={c.fullDaily} onChange={(_, d) => set({ fullDaily: !!d.checked })} label={t('schedule.fullDaily')} />
      {c.fullDaily ? (
        <Field className={s.time} label={t('schedule.fullAt')} hint={t('schedule.fullAtHint')} validationState={timeBad ? 'error' : 'none'} validationMessage={timeBad ? t('problem.schedule.time') : undefined}>
          <Input value={c.fullAt} inputMode="numeric" placeholder="23:55" onChange={(_, d) => set({ fullAt: d.value })} />
        </Field>
      ) : null}
      {devicesOn ? <Checkbox checked={c.devicesEvery} onChange={(_, d) => set({ devicesEvery: !!d.checked })} label={t('schedule.devices', { count: DEVICE_MINUTES })} /> : null}
      <Field label={t('schedule.timeZone')} hint={t('schedule.timeZoneHint')}>
        <Select value={c.timeZone} onChange={(_, d) => set({ timeZone: d.value })}>
          {timeZones(c.timeZone).map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
