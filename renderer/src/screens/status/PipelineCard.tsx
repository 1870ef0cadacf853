import { Badge, Card, Link, makeStyles, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '../../../../shared/contract.js';
import type { EntityName } from '../../../../shared/entities.js';
import type { RunSummary } from '../../../../shared/model.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { formatDuration } from '../runs/duration.js';
import { RunStatusBadge } from '../runs/RunStatusBadge.js';
import { countsText } from './counts.js';
import { HealthBadge } from './HealthBadge.js';
import { lastPerEntity, pipelineEntities } from './statusData.js';
import { SyncNowButton } from './SyncNowButton.js';
import { UsersStatus } from './UsersStatus.js';

type PipelineStatus = OpOutput<'status.get'>['pipelines'][number];

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: '12px' },
  head: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap', justifyContent: 'space-between' },
  title: { display: 'flex', gap: '8px', alignItems: 'center' },
  last: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  cols: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: '16px' },
  list: { margin: 0, paddingLeft: '20px' },
  conns: { display: 'flex', gap: '12px', flexWrap: 'wrap', listStyle: 'none', margin: 0, padding: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** One pipeline: last sync and result (overall, per entity and per user), next scheduled syncs, its connections, "Sync now". */
export function PipelineCard({ p, entities, runs, live, running }: { p: PipelineStatus; entities: EntityName[] | null; runs: readonly RunSummary[]; live: boolean; running: boolean }) {
  const s = useStyles();
  const { t } = useTranslation(['status', 'runs', 'common']);
  const f = useFormat();
  const last = p.lastRun;
  const perEntity = lastPerEntity(pipelineEntities(entities, p.id, runs, last), p.id, runs, last);
  const headId = `pipeline-h-${p.id}`;
  return (
    <Card className={s.card} data-testid={`status-pipeline-${p.pipeline}`} aria-labelledby={headId}>
      <div className={s.head}>
        <div className={s.title}>
          <Subtitle2 as="h3" id={headId}>
            <Link href={href('pipelines', p.pipeline)}>{p.pipeline}</Link>
          </Subtitle2>
          <Badge appearance="outline" color={p.paused ? 'warning' : 'success'}>
            {p.paused ? t('pipeline.paused') : t('pipeline.active')}
          </Badge>
        </div>
        <SyncNowButton pipeline={p.pipeline} testId={`status-sync-now-${p.pipeline}`} running={live} />
      </div>
      {running ? <Text as="p" block>{t('pipeline.running')}</Text> : null}
      {p.paused ? (
        <Text as="p" block className={s.muted}>
          {t('pipeline.syncPausedHint')}
        </Text>
      ) : null}
      <div className={s.last} data-testid={`status-last-result-${p.pipeline}`}>
        <Text weight="semibold">{t('pipeline.lastRun')}:</Text>
        {last ? (
          <>
            <RunStatusBadge status={last.status} />
            <Text>
              <time dateTime={last.finishedAt ?? last.startedAt}>{f.relative(last.finishedAt ?? last.startedAt)}</time> ({f.dateTime(last.finishedAt ?? last.startedAt)},{' '}
              {formatDuration(last.durationMs, f.number)})
            </Text>
            <Link href={href('runs', last.run)}>{t('pipeline.openRun')}</Link>
          </>
        ) : (
          <Text>{t('pipeline.never')}</Text>
        )}
      </div>
      {last?.error ? <ErrorBox error={last.error} testId={`status-last-error-${p.pipeline}`} /> : null}
      {perEntity.length > 0 ? (
        <Table size="small" aria-label={`${p.pipeline}: ${t('pipeline.perEntity')}`} data-testid={`status-entities-${p.pipeline}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('pipeline.entityCol')}</TableHeaderCell>
              <TableHeaderCell>{t('pipeline.whenCol')}</TableHeaderCell>
              <TableHeaderCell>{t('pipeline.resultCol')}</TableHeaderCell>
              <TableHeaderCell>{t('pipeline.changesCol')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {perEntity.map(({ entity, run }) => {
              const c = run?.entities[entity] ?? null;
              return (
                <TableRow key={entity} data-testid={`status-entity-${p.pipeline}-${entity}`}>
                  <TableCell>{t(`common:entity.${entity}`)}</TableCell>
                  <TableCell>{run ? <time dateTime={run.startedAt}>{f.dateTime(run.startedAt)}</time> : t('pipeline.notYet')}</TableCell>
                  <TableCell>{run ? <RunStatusBadge status={run.status} /> : '—'}</TableCell>
                  <TableCell>{countsText(c, (k) => t(`runs:counts.${k}`), f.number) ?? '—'}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
      {p.users ? <UsersStatus pipeline={p.pipeline} users={p.users} /> : null}
      <div className={s.cols}>
        <div>
          <Text as="p" block weight="semibold">
            {t('pipeline.nextRuns')}
          </Text>
          {p.nextRuns.length === 0 ? (
            <Text as="p" block className={s.muted}>
              {p.paused ? t('pipeline.noNextRunsPaused') : t('pipeline.noNextRuns')}
            </Text>
          ) : (
            <ul className={s.list} data-testid={`status-next-${p.pipeline}`}>
              {p.nextRuns.slice(0, 3).map((n) => (
                <li key={`${n.at}-${n.mode}`}>
                  {t('pipeline.nextRun', {
                    when: f.relative(n.at),
                    time: f.dateTime(n.at),
                    mode: t(`pipeline.mode.${n.mode}`),
                    entities: n.entities ? n.entities.map((e) => t(`common:entity.${e}`)).join(', ') : t('pipeline.allEntities'),
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <Text as="p" block weight="semibold">
            {t('pipeline.connections')}
          </Text>
          <ul className={s.conns}>
            {p.connections.map((c) => (
              <li key={c.name}>
                <Link href={href('connections', c.name)}>{c.name}</Link> <HealthBadge health={c.health} />
              </li>
            ))}
          </ul>
        </div>
      </div>
    </Card>
  );
}
