import { Button, Checkbox, makeStyles, Spinner, Text } from '@fluentui/react-components';
import { Play20Regular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/context.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { navigate } from '../../../router.js';
import type { StepProps } from '../types.js';
import { useTask } from '../useTask.js';
import { Summary } from './Summary.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '12px' }, row: { display: 'flex', gap: '8px', alignItems: 'center' } });

/**
 * Step 11: resume the paused pipeline and, if wanted, start the first sync — not awaited here: the status screen
 * shows its progress.
 */
export function ActivateStep({ state, dispatch }: StepProps) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const api = useApi();
  const qc = useQueryClient();
  const task = useTask();
  const saved = state.pipeline.saved;
  const firstRunNow = state.pipeline.firstRunNow;
  const activate = () =>
    task.run(async () => {
      if (!saved) return;
      await api['pipelines.resume']({ name: saved.name });
      if (firstRunNow) {
        // The run can take long: it goes on in the engine; its failures show on the status screen.
        api['runs.start']({ pipeline: saved.name, trigger: 'manual' }).catch(() => undefined);
      }
      dispatch({ type: 'finished' });
      for (const k of ['status.get', 'pipelines.list', 'connections.list', 'runs.list']) void qc.invalidateQueries({ queryKey: [k] });
      navigate('status');
    });
  return (
    <div className={s.root}>
      <Summary state={state} />
      <Text as="p">{t('activate.intro', { name: saved?.name ?? state.pipeline.name })}</Text>
      <Checkbox data-testid="first-run-now" checked={firstRunNow} onChange={(_, d) => dispatch({ type: 'firstRunNow', value: !!d.checked })} label={t('activate.firstRunNow')} />
      <div className={s.row}>
        <Button appearance="primary" data-testid="wizard-activate" icon={<Play20Regular />} onClick={() => void activate()} disabled={task.busy || !saved}>
          {t('activate.button')}
        </Button>
        {task.busy ? <Spinner size="tiny" label={t('activate.running')} /> : null}
      </div>
      {task.error ? <ErrorBox error={task.error} testId="wizard-error" /> : null}
    </div>
  );
}
