import { Link, makeStyles, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../shared/model.js';
import type { Counts } from '../../../../shared/progress.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { countKeys } from '../status/counts.js';
import { formatDuration } from './duration.js';
import { RunStatusBadge } from './RunStatusBadge.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '24px', rowGap: '6px', margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  counts: { maxWidth: '900px' },
  num: { textAlign: 'right' },
});

/** What a run was: pipeline, trigger, mode, result, times, and its counts per record type. */
export function RunHeader({ run }: { run: RunSummary }) {
  const s = useStyles();
  const { t } = useTranslation(['runs', 'common']);
  const f = useFormat();
  const entities = Object.entries(run.entities) as [string, Counts][];
  return (
    <section className={s.root} aria-labelledby="run-summary-h" data-testid="run-summary">
      <dl className={s.facts}>
        <dt className={s.term}>{t('summary.pipeline')}</dt>
        <dd className={s.dd}>
          <Link href={href('pipelines', run.pipeline)}>{run.pipeline}</Link>
        </dd>
        <dt className={s.term}>{t('summary.status')}</dt>
        <dd className={s.dd}>
          <RunStatusBadge status={run.status} testId="run-status" />
        </dd>
        <dt className={s.term}>{t('summary.trigger')}</dt>
        <dd className={s.dd}>{t(`trigger.${run.trigger}`)}</dd>
        <dt className={s.term}>{t('summary.mode')}</dt>
        <dd className={s.dd}>
          {t(`mode.${run.mode}`)}
          {run.dryRun ? ` (${t('summary.dryRun')})` : ''}
        </dd>
        <dt className={s.term}>{t('summary.started')}</dt>
        <dd className={s.dd}>{f.dateTime(run.startedAt)}</dd>
        <dt className={s.term}>{t('summary.finished')}</dt>
        <dd className={s.dd}>{f.dateTime(run.finishedAt)}</dd>
        <dt className={s.term}>{t('summary.duration')}</dt>
        <dd className={s.dd}>{formatDuration(run.durationMs, f.number)}</dd>
      </dl>
      {run.error ? <ErrorBox error={run.error} testId="run-error" /> : null}
      <Subtitle2 as="h2" id="run-summary-h">
        {t('summary.countsTitle')}
      </Subtitle2>
      {entities.length === 0 ? (
        <Text as="p" block>{t('summary.noCounts')}</Text>
      ) : (
        <Table size="small" className={s.counts} aria-labelledby="run-summary-h" data-testid="run-counts">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('summary.entityCol')}</TableHeaderCell>
              {countKeys.map((k) => (
                <TableHeaderCell key={k} className={s.num}>
                  {t(`counts.${k}`)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {entities.map(([entity, c]) => (
              <TableRow key={entity}>
                <TableCell>{t(`common:entity.${entity}`)}</TableCell>
                {countKeys.map((k) => (
                  <TableCell key={k} className={s.num}>
                    {f.number(c[k])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
