import { Button, Field, Link, makeStyles, ProgressBar, Spinner, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Pipeline, RunSummary } from '../../../../shared/model.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { CountsText } from './CountsText.js';
import { useLiveRun, useStartRun } from './live-run-store.js';
import { fraction, isRunning, type EntityProgress } from './live-runs.js';
import { totalCounts } from './pipeline-logic.js';

const useStyles = makeStyles({
  root: { display: 'grid', gap: '10px', padding: '12px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  head: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  bars: { display: 'grid', gap: '8px' },
  bar: { display: 'grid', gap: '2px' },
});

/**
 * The live progress of a pipeline's run (started here or by the scheduler): "started", a bar per entity with
 * processed/total and counts, then the outcome with a link to the run. Nothing when no run is known.
 */
export function LiveProgress({ pipeline: p, lastRun }: { pipeline: Pipeline; lastRun: RunSummary | null | undefined }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const f = useFormat();
  const run = useLiveRun(p.id);
  const { start, dismiss } = useStartRun();
  if (!run) return null;
  const running = isRunning(run, lastRun);
  const what = run.request?.customerLabel ? t('live.customer', { customer: run.request.customerLabel }) : run.request?.mode === 'full' ? t('live.full') : t('live.delta');
  const sideName = (side: 'left' | 'right' | null) => (side === 'left' ? p.left.name : side === 'right' ? p.right.name : '');
  const runId = run.result?.run ?? run.runId;
  // A run that could not start throws (busy, disabled connection); one that ran and failed reports its error.
  const error = run.error ?? run.result?.error ?? null;
  return (
    <div className={s.root} data-testid="pipeline-progress" data-state={running ? 'running' : run.state}>
      <div className={s.head} role="status" aria-live="polite">
        {running ? <Spinner size="tiny" /> : null}
        <Text weight="semibold">
          {running
            ? run.state === 'starting'
              ? t('live.starting', { what })
              : t('live.running', { what, time: f.dateTime(run.startedAt) })
            : run.state === 'failed'
              ? t('live.failed', { what })
              : t('live.finished', { status: t(`common:runStatus.${run.result?.status ?? lastRun?.status ?? 'ok'}`) })}
        </Text>
        {run.result ? <CountsText counts={totalCounts(run.result.entities)} testId="pipeline-run-counts" /> : null}
        {!running && runId ? <Link href={href('runs', runId)}>{t('live.details')}</Link> : null}
        {!running ? (
          <Button size="small" appearance="subtle" onClick={() => dismiss(p.id)}>
            {t('common:actions.close')}
          </Button>
        ) : null}
      </div>
      {error ? <ErrorBox error={error} testId="pipeline-run-error" /> : null}
      {error?.category === 'guard' && run.request && !running ? (
        <div>
          <Button
            appearance="primary"
            onClick={() => start(p, { mode: run.request!.mode, confirmDeletes: true, ...(run.request!.customer ? { customer: { leftId: run.request!.customer, label: run.request!.customerLabel ?? run.request!.customer } } : {}) })}
            data-testid="pipeline-confirm-deletes"
          >
            {t('live.confirmDeletes')}
          </Button>
        </div>
      ) : null}
      {run.state === 'starting' && run.entities.length === 0 ? <ProgressBar aria-label={t('live.startingBar')} /> : null}
      <div className={s.bars}>
        {run.entities.map((e) => (
          <EntityBar key={e.entity} e={e} sideName={sideName(e.side)} />
        ))}
      </div>
    </div>
  );
}

function EntityBar({ e, sideName }: { e: EntityProgress; sideName: string }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const f = useFormat();
  const label = `${t(`common:entity.${e.entity}`)} — ${t(`live.phase.${e.phase}`, { side: sideName })}`;
  const amount = e.total !== null ? t('live.ofTotal', { processed: f.number(e.processed), total: f.number(e.total) }) : e.processed > 0 ? f.number(e.processed) : '';
  return (
    <div className={s.bar} data-testid={`pipeline-progress-${e.entity}`} data-phase={e.phase}>
      <Field label={label} hint={amount || undefined} validationState={e.message ? 'error' : 'none'} validationMessage={e.message ?? undefined}>
        <ProgressBar value={fraction(e)} max={1} color={e.message ? 'error' : e.phase === 'done' ? 'success' : 'brand'} />
      </Field>
      {e.counts ? <CountsText counts={e.counts} /> : null}
    </div>
  );
}
