import { Card, Field, Link, makeStyles, ProgressBar, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { countsText } from './counts.js';
import { fraction, type LiveEntity, type LiveRun } from './liveProgress.js';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: '12px' },
  run: { display: 'flex', flexDirection: 'column', gap: '8px', paddingTop: '8px', borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  runHead: { display: 'flex', gap: '12px', alignItems: 'baseline', flexWrap: 'wrap' },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

export interface SideNames {
  left: string;
  right: string;
}

/** The syncs running now: per run and entity a progress bar (indeterminate while the total is unknown), phase, counts. */
export function LiveProgressCard({ runs, pipelineName, sideNames }: { runs: LiveRun[]; pipelineName: (id: string) => string | null; sideNames: (pipelineId: string) => SideNames | null }) {
  const s = useStyles();
  const { t } = useTranslation(['status', 'runs', 'common']);
  return (
    <Card className={s.card} data-testid="live-progress" aria-labelledby="live-h">
      <Subtitle2 as="h2" id="live-h">
        {t('live.title')}
      </Subtitle2>
      {runs.length === 0 ? <Text as="p" block>{t('live.none')}</Text> : null}
      {runs.map((r) => {
        const name = pipelineName(r.pipelineId) ?? t('live.unknownPipeline');
        return (
          <div key={r.runId} className={s.run} data-testid={`live-run-${r.runId}`}>
            <div className={s.runHead}>
              <Subtitle2 as="h3">{name}</Subtitle2>
              <Link href={href('runs', r.runId)}>{t('live.openRun')}</Link>
            </div>
            {r.entities.length === 0 ? (
              <Field label={t('live.waiting')} validationState="none">
                <ProgressBar />
              </Field>
            ) : (
              r.entities.map((e) => <EntityProgress key={e.entity} e={e} sides={sideNames(r.pipelineId)} />)
            )}
          </div>
        );
      })}
    </Card>
  );
}

function EntityProgress({ e, sides }: { e: LiveEntity; sides: SideNames | null }) {
  const s = useStyles();
  const { t } = useTranslation(['status', 'runs', 'common']);
  const f = useFormat();
  const phase = t(`live.phase.${e.phase}`);
  const system = e.side ? (sides?.[e.side] ?? t(`runs:side.${e.side}`)) : null;
  const what = system && e.phase === 'read' ? t('live.phaseFrom', { phase, system }) : system && e.phase === 'apply' ? t('live.phaseTo', { phase, system }) : phase;
  const value = fraction(e);
  const amount = e.total === null ? t('live.progressUnknown', { processed: f.number(e.processed) }) : t('live.progress', { processed: f.number(e.processed), total: f.number(e.total) });
  const counts = countsText(e.counts, (k) => t(`runs:counts.${k}`), f.number, ['created', 'updated', 'deleted', 'conflicts', 'failed', 'skipped']);
  return (
    <Field
      label={`${t(`common:entity.${e.entity}`)}: ${what}`}
      validationState="none"
      validationMessage={
        <span data-testid={`live-entity-${e.entity}`}>
          {amount} · {t('live.soFar', { counts: counts ?? t('live.noChanges') })}
          {e.message ? <span className={s.failed}> · {e.message}</span> : null}
        </span>
      }
    >
      <ProgressBar value={value ?? undefined} max={1} thickness="large" color={e.message ? 'error' : undefined} />
    </Field>
  );
}
