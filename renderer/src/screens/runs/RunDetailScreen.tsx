import { Link, makeStyles, Spinner, Text, Title2 } from '@fluentui/react-components';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { RunHeader } from './RunHeader.js';
import { RunItemsSection } from './RunItemsSection.js';
import { UndoSection } from './UndoSection.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '20px', maxWidth: '1600px' },
});

/** One run: what it was, every record it touched (virtualised, filterable), why each changed, and undo. */
export function RunDetailScreen({ params }: { params: string[] }) {
  const s = useStyles();
  const { t } = useTranslation(['runs', 'common']);
  const f = useFormat();
  const id = params[0] ?? '';
  const q = useOp('runs.show', { id }, { enabled: id !== '', refetchInterval: (query) => (query.state.data?.status === 'running' ? 5000 : false) });
  const run = q.data;
  // The pipeline's connection names make "left" and "right" concrete; without them the words do.
  const pipeline = useOp('pipelines.show', { name: run?.pipeline ?? '' }, { enabled: !!run, retry: false });
  const left = pipeline.data?.left.name;
  const right = pipeline.data?.right.name;
  const sideName = useCallback((side: 'left' | 'right') => (side === 'left' ? (left ?? t('side.left')) : (right ?? t('side.right'))), [left, right, t]);

  return (
    <div className={s.root} data-testid="screen-run">
      <div>
        <Link href={href('status')}>{t('backToStatus')}</Link>
        <Title2 as="h1" block>
          {run ? `${t('titleOf', { pipeline: run.pipeline })} · ${f.dateTime(run.startedAt)}` : t('title')}
        </Title2>
      </div>
      {!id ? <Text as="p" block>{t('noRun')}</Text> : null}
      {id && q.isPending ? <Spinner label={t('common:state.loading')} /> : null}
      {q.error ? <ErrorBox error={q.error} testId="run-load-error" /> : null}
      {run ? (
        <>
          <RunHeader run={run} />
          <UndoSection key={`undo-${run.run}`} run={run} />
          <RunItemsSection key={`items-${run.run}`} run={run} items={run.items} sideName={sideName} />
        </>
      ) : null}
    </div>
  );
}
