import { makeStyles, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DEVICE_MINUTES } from '../entities.js';
import { entitiesOn, sideName, wantsActForUsers } from '../derive.js';
import type { WizardState } from '../state.js';

const useStyles = makeStyles({ list: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '16px', rowGap: '4px' }, term: { fontWeight: 600 }, def: { margin: 0 } });

/** The pipeline as configured: connections, what flows where, and when. */
export function Summary({ state }: { state: WizardState }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const names = { left: sideName(state, 'left'), right: sideName(state, 'right') };
  const flows = state.pipeline.flows;
  const sch = state.pipeline.schedule;
  const devicesOn = !!flows && flows.device.direction !== 'off';
  const when = sch
    ? [
        t('schedule.minutes', { count: sch.everyMinutes }),
        sch.fullDaily ? t('summary.fullAt', { time: sch.fullAt, zone: sch.timeZone }) : null,
        sch.devicesEvery && devicesOn ? t('summary.devices', { count: DEVICE_MINUTES }) : null,
      ]
        .filter(Boolean)
        .join(' · ')
    : '—';
  return (
    <dl className={s.list} data-testid="wizard-summary">
      <dt className={s.term}>{t('summary.pipeline')}</dt>
      <dd className={s.def}>{state.pipeline.name}</dd>
      <dt className={s.term}>{t('summary.connections')}</dt>
      <dd className={s.def}>{t('summary.pair', names)}</dd>
      <dt className={s.term}>{t('summary.flows')}</dt>
      <dd className={s.def}>
        {flows
          ? entitiesOn(state).map((e) => (
              <Text block key={e}>
                {t(`common:entity.${e}`)}: {t(`common:direction.${flows[e].direction}`, names)}
              </Text>
            ))
          : '—'}
      </dd>
      {wantsActForUsers(state) ? (
        <>
          <dt className={s.term}>{t('summary.users')}</dt>
          <dd className={s.def} data-testid="wizard-summary-users">
            {t('summary.forEachUser')}
          </dd>
        </>
      ) : null}
      <dt className={s.term}>{t('summary.schedule')}</dt>
      <dd className={s.def}>{when}</dd>
    </dl>
  );
}
