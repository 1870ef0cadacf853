import { Button, makeStyles, Subtitle2 } from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressEvent } from '../../../../../shared/progress.js';
import { useApi, useProgress } from '../../../api/context.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { sideName } from '../derive.js';
import type { StepProps } from '../types.js';
import { useOnce } from '../useOnce.js';
import { useTask } from '../useTask.js';
import { DryRunProgress } from './DryRunProgress.js';
import { DryRunResult } from './DryRunResult.js';
import { Summary } from './Summary.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '12px' } });

/** Step 10: the configuration once more, and a dry run that shows what the first sync would do (nothing is written). */
export function ReviewStep({ state, dispatch }: StepProps) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const api = useApi();
  const task = useTask();
  const saved = state.pipeline.saved;
  const result = state.pipeline.dryRun;
  const [event, setEvent] = useState<ProgressEvent | null>(null);
  const pipelineId = saved?.id;
  useProgress(useCallback((e: ProgressEvent) => (e.pipelineId === pipelineId ? setEvent(e) : undefined), [pipelineId]));
  const names = { left: sideName(state, 'left'), right: sideName(state, 'right') };
  const preview = () =>
    task.run(async () => {
      if (!saved) return;
      setEvent(null);
      dispatch({ type: 'dryRun', result: await api['runs.start']({ pipeline: saved.name, dryRun: true, trigger: 'manual' }) });
    });
  useOnce(!result && !!saved, () => void preview());
  return (
    <div className={s.root}>
      <Summary state={state} />
      <Subtitle2 as="h3">{t('review.previewTitle')}</Subtitle2>
      <div>
        <Button data-testid="dry-run-again" icon={<ArrowClockwise20Regular />} onClick={() => void preview()} disabled={task.busy || !saved}>
          {result ? t('review.again') : t('review.run')}
        </Button>
      </div>
      {task.busy ? <DryRunProgress event={event} names={names} /> : null}
      {task.error ? <ErrorBox error={task.error} testId="wizard-error" /> : null}
      {result && !task.busy ? <DryRunResult result={result} names={names} /> : null}
    </div>
  );
}
