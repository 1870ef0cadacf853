import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/client.js';
import { useHintText } from './useHintText.js';

/**
 * An error as the admin sees it: a heading by category (so "system not available" and "wrong credentials" look
 * different), Ferry's own message, and the hint that says what to do (in the UI's language when it is a shared hint).
 */
export function ErrorBox({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation('common');
  const hintText = useHintText();
  const e = toApiError(error);
  // An ErrorBody passed as it is keeps its hintId; an ApiError has only the text, which names the shared hints too.
  const named = error && typeof error === 'object' ? (error as { hintId?: unknown; hintParams?: unknown }) : {};
  const hint = hintText({ hint: e.hint, hintId: named.hintId, hintParams: named.hintParams }) || t(`errors.${e.category}.hint`, { defaultValue: '' });
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
