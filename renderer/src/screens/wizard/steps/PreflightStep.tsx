import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, CheckmarkCircle20Filled, DismissCircle20Filled, Warning20Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { PreflightCheck } from '../../../../../shared/model.js';
import { useApi } from '../../../api/context.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useHintText } from '../../../components/useHintText.js';
import { connectionOf } from '../derive.js';
import type { SideStepProps } from '../types.js';
import { useOnce } from '../useOnce.js';
import { useTask } from '../useTask.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', alignItems: 'center' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '10px' },
  check: { display: 'grid', gridTemplateColumns: '24px 1fr', columnGap: '8px', rowGap: '2px' },
  pass: { color: tokens.colorPaletteGreenForeground1 },
  fail: { color: tokens.colorPaletteRedForeground1 },
  warn: { color: tokens.colorPaletteMarigoldForeground1 },
  body: { gridColumnStart: 2, display: 'flex', flexDirection: 'column', gap: '2px' },
});

/** Step 5: the connector's preflight checks, each with an icon and a word (not colour alone) and the fix for failures. */
export function PreflightStep({ state, dispatch, side }: SideStepProps) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const api = useApi();
  const task = useTask();
  const checks = state[side].preflight;
  const conn = connectionOf(state, side);
  const check = () =>
    task.run(async () => {
      if (!conn) return;
      dispatch({ type: 'preflighted', side, checks: await api['connections.preflight']({ name: conn.name }) });
    });
  useOnce(!checks && !!conn, () => void check());
  const failed = checks?.filter((c) => c.status === 'fail').length ?? 0;
  const warned = checks?.filter((c) => c.status === 'warn').length ?? 0;
  return (
    <>
      <div className={s.row}>
        <Button data-testid="preflight-recheck" icon={<ArrowClockwise20Regular />} onClick={() => void check()} disabled={task.busy || !conn}>
          {t('preflight.again')}
        </Button>
        {task.busy ? <Spinner size="tiny" label={t('preflight.running')} /> : null}
      </div>
      {task.error ? <ErrorBox error={task.error} testId="wizard-error" /> : null}
      {checks && !task.busy ? (
        <>
          <MessageBar intent={failed ? 'error' : warned ? 'warning' : 'success'} layout="multiline" data-testid="preflight-summary">
            <MessageBarBody>{failed ? t('preflight.failed', { count: failed }) : warned ? t('preflight.warned', { count: warned }) : t('preflight.passed')}</MessageBarBody>
          </MessageBar>
          <ul className={s.list} data-testid="preflight-checks">
            {checks.map((c) => (
              <CheckRow key={c.id} check={c} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function CheckRow({ check }: { check: PreflightCheck }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const hintText = useHintText();
  const icon =
    check.status === 'pass' ? <CheckmarkCircle20Filled className={s.pass} aria-hidden /> : check.status === 'fail' ? <DismissCircle20Filled className={s.fail} aria-hidden /> : <Warning20Filled className={s.warn} aria-hidden />;
  return (
    <li className={s.check} data-testid={`preflight-${check.id}`} data-status={check.status}>
      {icon}
      <Text weight="semibold">
        {t(`preflight.status.${check.status}`)}: {check.title}
      </Text>
      <div className={s.body}>
        {check.message ? <Text>{check.message}</Text> : null}
        {check.status !== 'pass' && check.hint ? (
          <Text>
            <strong>{t('common:error.whatToDo')}</strong> {hintText(check)}
          </Text>
        ) : null}
      </div>
    </li>
  );
}
