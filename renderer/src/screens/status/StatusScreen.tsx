import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, Text, Title2 } from '@fluentui/react-components';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityName } from '../../../../shared/entities.js';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href, navigate } from '../../router.js';
import { ConnectionsHealthCard } from './ConnectionsHealthCard.js';
import { LiveProgressCard, type SideNames } from './LiveProgressCard.js';
import { OverviewTiles } from './OverviewTiles.js';
import { PipelineCard } from './PipelineCard.js';
import { ProblemsCard } from './ProblemsCard.js';
import { RunsChart } from './RunsChart.js';
import { changedOf, failedRuns, finishedRunIds, syncedOf, totalCounts } from './statusData.js';
import { useLiveProgress } from './useLiveProgress.js';

const RECENT = 30;
const POLL_MS = 15_000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '20px', maxWidth: '1400px' },
  head: { display: 'flex', alignItems: 'baseline', gap: '16px', flexWrap: 'wrap' },
  section: { display: 'flex', flexDirection: 'column', gap: '12px' },
  two: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: '16px', alignItems: 'start' },
});

/**
 * The home screen (seed 002, "status page with live statistics"): what runs now, how each pipeline and entity last
 * synced, totals, what needs attention, the next scheduled syncs, connection health and a chart of recent runs.
 * Progress events update it live; status and runs are also polled as a fallback.
 */
export function StatusScreen(_props: { params: string[] }) {
  const s = useStyles();
  const { t } = useTranslation(['status', 'common']);
  const f = useFormat();
  const status = useOp('status.get', {}, { refetchInterval: POLL_MS });
  const conflicts = useOp('conflicts.list', {}, { refetchInterval: POLL_MS });
  const pipelines = useOp('pipelines.list', {}, { retry: false });
  // While something runs, the runs list is fetched more often so a finished run leaves the live view soon.
  const runsQ = useOp('runs.list', { limit: RECENT }, { refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'running') ? 3000 : POLL_MS) });
  const runs = useMemo(() => runsQ.data ?? [], [runsQ.data]);
  const report = status.data;
  const finished = useMemo(() => finishedRunIds(runsQ.data, report?.pipelines.map((p) => p.lastRun) ?? []), [runsQ.data, report]);
  const live = useLiveProgress(finished);

  const byId = useMemo(() => new Map((report?.pipelines ?? []).map((p) => [p.id, p])), [report]);
  const configs = useMemo(() => new Map((pipelines.data ?? []).map((p) => [p.id, p])), [pipelines.data]);
  const pipelineName = useCallback((id: string) => byId.get(id)?.pipeline ?? configs.get(id)?.name ?? null, [byId, configs]);
  const sideNames = useCallback(
    (id: string): SideNames | null => {
      const c = configs.get(id);
      if (c) return { left: c.left.name, right: c.right.name };
      // status.get lists a pipeline's connections left first, then right.
      const conns = byId.get(id)?.connections;
      return conns && conns.length === 2 ? { left: conns[0]!.name, right: conns[1]!.name } : null;
    },
    [byId, configs],
  );

  const overview = useMemo(() => {
    const last = (report?.pipelines ?? []).flatMap((p) => (p.lastRun ? [p.lastRun] : []));
    const conns = report?.connections ?? [];
    return {
      synced: syncedOf(totalCounts(last)),
      changed: changedOf(totalCounts(runs.filter((r) => !r.dryRun))),
      recentRuns: runs.length,
      openConflicts: conflicts.data ? conflicts.data.filter((c) => c.resolution === null).length : null,
      failedRuns: failedRuns(runs).length,
      connectionsOk: conns.filter((c) => c.health === 'ok').length,
      connections: conns.length,
    };
  }, [report, runs, conflicts.data]);

  const liveByPipeline = new Set(live.map((r) => r.pipelineId));
  const runningByPipeline = new Set(runs.filter((r) => r.status === 'running').map((r) => r.pipelineId));

  return (
    <div className={s.root} data-testid="screen-status">
      <div className={s.head}>
        <Title2 as="h1">{t('title')}</Title2>
        {report ? (
          <Text size={200} aria-live="polite">
            {t('updated', { time: f.dateTime(report.at) })}
          </Text>
        ) : null}
      </div>
      {status.isPending ? <Spinner label={t('common:state.loading')} /> : null}
      {status.error ? <ErrorBox error={status.error} testId="status-error" /> : null}
      {report ? (
        report.needsAttention ? (
          <MessageBar intent="warning" layout="multiline" data-testid="status-attention">
            <MessageBarBody>
              <MessageBarTitle>{t('attention.needed')}</MessageBarTitle>
              {t('attention.neededBody')}
            </MessageBarBody>
          </MessageBar>
        ) : report.pipelines.length > 0 ? (
          <MessageBar intent="success" data-testid="status-attention">
            <MessageBarBody>{t('attention.allGood')}</MessageBarBody>
          </MessageBar>
        ) : null
      ) : null}

      <LiveProgressCard runs={live} pipelineName={pipelineName} sideNames={sideNames} />

      {report ? (
        <>
          <section className={s.section} aria-labelledby="overview-h">
            <Subtitle2 as="h2" id="overview-h">
              {t('totals.title')}
            </Subtitle2>
            <OverviewTiles o={overview} conflictsHref={href('conflicts')} />
          </section>

          <section className={s.section} aria-labelledby="pipelines-h">
            <Subtitle2 as="h2" id="pipelines-h">
              {t('common:nav.pipelines')}
            </Subtitle2>
            {report.pipelines.length === 0 ? (
              <MessageBar intent="info" layout="multiline" data-testid="status-empty">
                <MessageBarBody>
                  <MessageBarTitle>{t('empty.title')}</MessageBarTitle>
                  {t('empty.body')}
                </MessageBarBody>
                <MessageBarActions>
                  <Button appearance="primary" onClick={() => navigate('setup')}>
                    {t('empty.action')}
                  </Button>
                </MessageBarActions>
              </MessageBar>
            ) : null}
            {report.pipelines.map((p) => (
              <PipelineCard
                key={p.id}
                p={p}
                entities={configs.has(p.id) ? (Object.keys(configs.get(p.id)!.config.entities) as EntityName[]) : null}
                runs={runs}
                live={liveByPipeline.has(p.id)}
                running={liveByPipeline.has(p.id) || runningByPipeline.has(p.id)}
              />
            ))}
          </section>

          <div className={s.two}>
            <ProblemsCard conflicts={conflicts.data} conflictsError={conflicts.error} failures={failedRuns(runs)} />
            <ConnectionsHealthCard connections={report.connections} />
          </div>
        </>
      ) : null}

      {runsQ.error ? <ErrorBox error={runsQ.error} testId="status-runs-error" /> : <RunsChart runs={runs} />}
    </div>
  );
}
