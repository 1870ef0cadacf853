import { Button, makeStyles, Spinner } from '@fluentui/react-components';
import { PlugConnected20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/context.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { connectionOf } from '../derive.js';
import type { StepId } from '../state.js';
import type { SideStepProps } from '../types.js';
import { useOnce } from '../useOnce.js';
import { useTask } from '../useTask.js';
import { TestResultView } from './TestResultView.js';

const useStyles = makeStyles({ row: { display: 'flex', gap: '8px', alignItems: 'center' } });

/** Where a failed test sends the admin: the address for "not available", the password for "credentials". */
const fixStep: Record<string, StepId> = { unreachable: 'account', tls: 'account', config: 'account', auth: 'secret' };

/** Step 4: connections.test. Runs on arrival; Next only after "ok"; Back (or the fix button) to correct things. */
export function TestStep({ state, dispatch, side }: SideStepProps) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const api = useApi();
  const task = useTask();
  const v = state[side];
  const conn = connectionOf(state, side);
  const test = () =>
    task.run(async () => {
      if (!conn) return;
      const result = await api['connections.test']({ name: conn.name });
      dispatch({ type: 'tested', side, result });
    });
  useOnce(!v.test && !!conn, () => void test());
  const target = v.test && v.source === 'new' ? fixStep[v.test.category] : undefined;
  const fix = target ? { label: t(`test.fix.${target}`), onClick: () => dispatch({ type: 'goto', step: { id: target, side } }) } : undefined;
  return (
    <>
      <div className={s.row}>
        <Button data-testid="wizard-test" icon={<PlugConnected20Regular />} onClick={() => void test()} disabled={task.busy || !conn}>
          {v.test ? t('test.again') : t('test.run')}
        </Button>
        {task.busy ? <Spinner size="tiny" label={t('test.running', { name: conn?.name ?? '' })} /> : null}
      </div>
      {task.error ? <ErrorBox error={task.error} testId="wizard-error" /> : null}
      {v.test && !task.busy ? <TestResultView result={v.test} fix={fix} /> : null}
    </>
  );
}
