import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/client.js';

/**
 * An error as the admin sees it: a heading by category (so "system not available" and "wrong credentials" look
 * different), Ferry's own message, and the hint that says what to do.
 */
export function ErrorBox({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation('common');
  const e = toApiError(error);
  const hint = e.hint || t(`errors.${e.category}.hint`, { defaultValue: '' });
  return (
    <MessageBar intent="error" data-testid={testId ?? 'error'} data-category={e.category} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t(`errors.${e.category}.title`, { defaultValue: e.category })}</MessageBarTitle>
        <div>{e.message}</div>
        {hint ? (
          <div>
            <strong>{t('error.whatToDo')}</strong> {hint}
          </div>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
