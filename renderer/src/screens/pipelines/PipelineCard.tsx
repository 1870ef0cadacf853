import { Badge, Card, Link, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { StatusReport } from '../../../../shared/contract.js';
import type { Pipeline } from '../../../../shared/model.js';
import { href } from '../../router.js';
import { LiveProgress } from './LiveProgress.js';
import { PipelineActions } from './PipelineActions.js';
import { flowsOf } from './pipeline-logic.js';
import { LastRun, NextRuns } from './RunInfo.js';

const useStyles = makeStyles({
  card: { padding: '16px 20px', gap: '12px' },
  head: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  grid: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 16px', margin: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0 },
  flows: { margin: 0, paddingLeft: '18px' },
});

type StatusOf = StatusReport['pipelines'][number];

/** One pipeline in the list: connections, entities with directions, paused/active, last and next runs, actions. */
export function PipelineCard({ pipeline: p, status }: { pipeline: Pipeline; status: StatusOf | undefined }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const names = { left: p.left.name, right: p.right.name };
  return (
    <Card className={s.card} data-testid={`pipeline-row-${p.name}`}>
      <div className={s.head}>
        <Subtitle2 as="h2">
          <Link href={href('pipelines', p.name)}>{p.name}</Link>
        </Subtitle2>
        <Badge appearance="tint" color={p.paused ? 'warning' : 'success'} data-testid="pipeline-state">
          {p.paused ? t('paused') : t('active')}
        </Badge>
        <Text>{t('common:direction.both', names)}</Text>
      </div>
      <dl className={s.grid}>
        <dt className={s.dt}>{t('list.entities')}</dt>
        <dd className={s.dd}>
          <ul className={s.flows}>
            {flowsOf(p).map(({ entity, flow }) => (
              <li key={entity}>
                {t(`common:entity.${entity}`)}: {t(`common:direction.${flow.direction}`, names)}
              </li>
            ))}
          </ul>
        </dd>
        <dt className={s.dt}>{t('list.lastRun')}</dt>
        <dd className={s.dd}>
          <LastRun run={status?.lastRun} />
        </dd>
        <dt className={s.dt}>{t('list.nextRuns')}</dt>
        <dd className={s.dd}>
          <NextRuns runs={status?.nextRuns} paused={p.paused} />
        </dd>
        {status?.problems.length ? (
          <>
            <dt className={s.dt}>{t('list.problems')}</dt>
            <dd className={s.dd}>
              <ul className={s.flows}>
                {status.problems.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <PipelineActions pipeline={p} lastRun={status?.lastRun} />
      <LiveProgress pipeline={p} lastRun={status?.lastRun} />
    </Card>
  );
}
