import { Badge, Link, makeStyles, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { StatusReport } from '../../../../shared/contract.js';
import type { RunStatus, RunSummary } from '../../../../shared/model.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { CountsText } from './CountsText.js';
import { totalCounts } from './pipeline-logic.js';

const useStyles = makeStyles({
  line: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: '18px' },
});

const statusColor: Record<RunStatus, 'success' | 'warning' | 'danger' | 'informative' | 'subtle'> = {
  running: 'informative',
  ok: 'success',
  partial: 'warning',
  failed: 'danger',
  stopped: 'subtle',
  'dry-run': 'informative',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation('common');
  return (
    <Badge appearance="tint" color={statusColor[status]} data-status={status}>
      {t(`runStatus.${status}`)}
    </Badge>
  );
}

/** The last run: status, when, what changed, a link to its details. */
export function LastRun({ run }: { run: RunSummary | null | undefined }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const f = useFormat();
  if (!run) return <Text>{t('lastRun.none')}</Text>;
  return (
    <span className={s.line} data-testid="pipeline-last-run">
      <RunStatusBadge status={run.status} />
      <time dateTime={run.startedAt} title={f.dateTime(run.startedAt)}>
        {f.relative(run.startedAt)}
      </time>
      <CountsText counts={totalCounts(run.entities)} />
      <Link href={href('runs', run.run)} aria-label={t('lastRun.detailsOf', { time: f.dateTime(run.startedAt) })}>
        {t('lastRun.details')}
      </Link>
    </span>
  );
}

type NextRun = StatusReport['pipelines'][number]['nextRuns'][number];

/** The next scheduled runs: "in 12 minutes (delta)", "today 23:55 (full)", devices-only runs named. */
export function NextRuns({ runs, paused, max = 3 }: { runs: NextRun[] | undefined; paused: boolean; max?: number }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const f = useFormat();
  if (paused) return <Text>{t('nextRuns.paused')}</Text>;
  if (!runs || runs.length === 0) return <Text>{t('nextRuns.none')}</Text>;
  return (
    <ul className={s.list} data-testid="pipeline-next-runs">
      {runs.slice(0, max).map((r) => (
        <li key={`${r.at}-${r.mode}-${(r.entities ?? []).join()}`}>
          <time dateTime={r.at} title={f.dateTime(r.at)}>
            {f.relative(r.at)}
          </time>{' '}
          ({f.dateTime(r.at)}) · {t(`mode.${r.mode}`)}
          {r.entities ? ` · ${r.entities.map((e) => t(`common:entity.${e}`)).join(', ')}` : ''}
        </li>
      ))}
    </ul>
  );
}
