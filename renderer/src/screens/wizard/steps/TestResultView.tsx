import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, type MessageBarIntent } from '@fluentui/react-components';
import { CheckmarkCircle24Regular, KeyMultiple24Regular, PlugDisconnected24Regular, ShieldError24Regular, Warning24Regular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestResult } from '../../../../../shared/model.js';
import { useHintText } from '../../../components/useHintText.js';

/**
 * A connection test's answer by category. "System not available" (a warning with an unplugged icon: nothing wrong
 * with the account) and "cannot connect with the given credentials" (an error with a key icon: fix the account)
 * differ by heading, icon, colour and the explanation of what to do.
 */
const look: Record<string, { intent: MessageBarIntent; icon: ReactElement }> = {
  ok: { intent: 'success', icon: <CheckmarkCircle24Regular /> },
  unreachable: { intent: 'warning', icon: <PlugDisconnected24Regular /> },
  auth: { intent: 'error', icon: <KeyMultiple24Regular /> },
  permission: { intent: 'error', icon: <KeyMultiple24Regular /> },
  tls: { intent: 'error', icon: <ShieldError24Regular /> },
};

export function TestResultView({ result, fix }: { result: TestResult; fix?: { label: string; onClick: () => void } }) {
  const { t } = useTranslation('wizard');
  const hintText = useHintText();
  const { intent, icon } = look[result.category] ?? { intent: 'error' as const, icon: <Warning24Regular /> };
  const title = result.category === 'ok' ? t('test.ok') : t(`common:errors.${result.category}.title`, { defaultValue: result.category });
  const details = Object.entries(result.details ?? {}).filter(([, v]) => v !== null && v !== '');
  return (
    <MessageBar intent={intent} icon={icon} layout="multiline" data-testid="test-result" data-category={result.category}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {result.category !== 'ok' ? <div>{t(`test.explain.${result.category}`, { defaultValue: '' })}</div> : null}
        <div>{result.message}</div>
        {result.category !== 'ok' && result.hint ? (
          <div>
            <strong>{t('common:error.whatToDo')}</strong> {hintText(result)}
          </div>
        ) : null}
        {details.length ? (
          <ul>
            {details.map(([k, v]) => (
              <li key={k}>
                {k}: {String(v)}
              </li>
            ))}
          </ul>
        ) : null}
      </MessageBarBody>
      {fix ? (
        <MessageBarActions>
          <Button onClick={fix.onClick}>{fix.label}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
