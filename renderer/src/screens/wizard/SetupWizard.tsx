import { Button, makeStyles, Spinner, Text, Title2 } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context.js';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { navigate } from '../../router.js';
import { storeAndAdvance } from './effects.js';
import { forget, recall, remember } from './memory.js';
import { browserTimeZone } from './schedule.js';
import { StartOver } from './StartOver.js';
import { connectionOf, nextBlocker, pendingWork } from './derive.js';
import { reducer } from './reducer.js';
import { initialState, type Mode } from './state.js';
import { StepContent } from './StepContent.js';
import { StepFrame } from './StepFrame.js';
import { StepIndicator } from './StepIndicator.js';
import { stepTitle } from './titles.js';
import { useCapabilities } from './useCapabilities.js';
import { useTask } from './useTask.js';
import { WizardFooter } from './WizardFooter.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '1200px', '& p': { marginTop: 0, marginBottom: 0 } },
  header: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: '16px' },
  intro: { display: 'flex', flexDirection: 'column', gap: '4px' },
  body: { display: 'flex', gap: '32px', alignItems: 'flex-start', flexWrap: 'wrap' },
  steps: { width: '220px', flexShrink: 0 },
  form: { flexGrow: 1, flexBasis: '480px', minWidth: 0, display: 'flex', flexDirection: 'column', gap: '16px' },
});

/** #/setup (two connections and a pipeline), #/setup/connection (one connection), #/setup/pipeline (a pipeline between existing connections). */
export function SetupWizard({ params }: { params: string[] }) {
  const mode: Mode = params[0] === 'connection' ? 'connection' : params[0] === 'pipeline' ? 'pipeline' : 'full';
  const [generation, setGeneration] = useState(0);
  return (
    <Wizard
      key={`${mode}-${generation}`}
      mode={mode}
      onStartOver={() => {
        forget(mode);
        setGeneration((g) => g + 1);
      }}
    />
  );
}

function Wizard({ mode, onStartOver }: { mode: Mode; onStartOver: () => void }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const api = useApi();
  const qc = useQueryClient();
  const [state, dispatch] = useReducer(reducer, mode, (m) => recall(m) ?? initialState(m, browserTimeZone()));
  useEffect(() => remember(state), [state]);

  const kinds = useOp('kinds.list', {});
  const connections = useOp('connections.list', {});
  const pipelines = useOp('pipelines.list', {});
  const settings = useOp('settings.get', {});
  useEffect(() => {
    if (kinds.data && connections.data && pipelines.data) {
      dispatch({ type: 'loaded', kinds: kinds.data, connections: connections.data, pipelines: pipelines.data.map((p) => ({ id: p.id, name: p.name })) });
    }
  }, [kinds.data, connections.data, pipelines.data]);
  useEffect(() => void (settings.data && dispatch({ type: 'loaded', timeZone: settings.data.timeZone })), [settings.data]);
  useCapabilities(state, dispatch);

  const task = useTask();
  // The heading of a step takes the focus once the admin has moved (not on first arrival at the screen).
  const [moved, setMoved] = useState(false);
  const stepKey = `${state.step.side ?? 'pipeline'}-${state.step.id}`;
  const { clear } = task;
  useEffect(() => clear(), [stepKey, clear]);

  const refresh = () => {
    for (const k of ['connections.list', 'connections.capabilities', 'pipelines.list', 'status.get']) void qc.invalidateQueries({ queryKey: [k] });
  };
  const onNext = (e: FormEvent) => {
    e.preventDefault();
    if (task.busy || nextBlocker(state)) return;
    setMoved(true);
    const stores = pendingWork(state) !== null;
    void task.run(async () => {
      try {
        await storeAndAdvance(api, state, dispatch);
      } finally {
        // Other screens (and the lists this wizard checks names against) see what was just stored.
        if (stores) refresh();
      }
    });
  };
  const onBack = () => {
    setMoved(true);
    dispatch({ type: 'back' });
  };
  const onFinish = () => {
    const c = connectionOf(state, 'left');
    dispatch({ type: 'finished' });
    refresh();
    if (c) navigate('connections', c.name);
    else navigate('connections');
  };

  const loadError = kinds.error ?? connections.error ?? pipelines.error;
  const loading = !state.ready;
  return (
    <div className={s.root} data-testid="screen-setup">
      <div className={s.header}>
        <div className={s.intro}>
          <Title2 as="h1">{t(`title.${mode}`)}</Title2>
          <Text as="p">{t(`intro.${mode}`)}</Text>
        </div>
        <StartOver onConfirm={onStartOver} />
      </div>
      {loadError ? (
        <>
          <ErrorBox error={loadError} testId="wizard-error" />
          <div>
            <Button onClick={() => void Promise.all([kinds.refetch(), connections.refetch(), pipelines.refetch()])}>{t('common:actions.retry')}</Button>
          </div>
        </>
      ) : loading ? (
        <Spinner label={t('common:state.loading')} />
      ) : (
        <div className={s.body}>
          <div className={s.steps}>
            <StepIndicator state={state} />
          </div>
          <form className={s.form} onSubmit={onNext} noValidate>
            <StepFrame key={stepKey} step={state.step} title={stepTitle(t, state, state.step)} intro={t(`stepIntro.${state.step.id}${state.step.side === 'right' ? 'Right' : ''}`, { defaultValue: t(`stepIntro.${state.step.id}`) })} focus={moved}>
              <StepContent state={state} dispatch={dispatch} />
            </StepFrame>
            {task.error ? <ErrorBox error={task.error} testId="wizard-error" /> : null}
            <WizardFooter state={state} busy={task.busy} onBack={onBack} onFinish={onFinish} />
          </form>
        </div>
      )}
    </div>
  );
}
