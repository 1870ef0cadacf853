import { Link, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { Section } from '../connections/Section.js';
import { CountsText } from './CountsText.js';
import { totalCounts } from './pipeline-logic.js';
import { RunStatusBadge } from './RunInfo.js';

/** The last 20 runs of a pipeline, each linking to its details (#/runs/<id>). */
export function RecentRuns({ name }: { name: string }) {
  const { t } = useTranslation('pipelines');
  const f = useFormat();
  const runs = useOp('runs.list', { pipeline: name, limit: 20 });
  const duration = (ms: number | null) => (ms === null ? '—' : ms < 1000 ? t('runs.ms', { n: f.number(ms) }) : t('runs.s', { n: f.number(Math.round(ms / 100) / 10) }));
  return (
    <Section title={t('runs.title')}>
      {runs.isPending ? <Spinner size="small" label={t('common:state.loading')} /> : null}
      {runs.error ? <ErrorBox error={runs.error} testId="pipeline-runs-error" /> : null}
      {runs.data && runs.data.length === 0 ? <Text>{t('runs.none')}</Text> : null}
      {runs.data && runs.data.length > 0 ? (
        <Table aria-label={t('runs.title')} data-testid="pipeline-runs" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('runs.col.started')}</TableHeaderCell>
              <TableHeaderCell>{t('runs.col.trigger')}</TableHeaderCell>
              <TableHeaderCell>{t('runs.col.mode')}</TableHeaderCell>
              <TableHeaderCell>{t('runs.col.status')}</TableHeaderCell>
              <TableHeaderCell>{t('runs.col.changes')}</TableHeaderCell>
              <TableHeaderCell>{t('runs.col.duration')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.data.map((r) => (
              <TableRow key={r.run} data-testid={`pipeline-run-${r.run}`}>
                <TableCell>
                  <Link href={href('runs', r.run)}>{f.dateTime(r.startedAt)}</Link>
                </TableCell>
                <TableCell>{t(`trigger.${r.trigger}`)}</TableCell>
                <TableCell>{r.dryRun ? t('common:runStatus.dry-run') : t(`mode.${r.mode}`)}</TableCell>
                <TableCell>
                  <RunStatusBadge status={r.status} />
                </TableCell>
                <TableCell>
                  <CountsText counts={totalCounts(r.entities)} />
                  {r.error ? <div>{r.error.message}</div> : null}
                </TableCell>
                <TableCell>{duration(r.durationMs)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Section>
  );
}
