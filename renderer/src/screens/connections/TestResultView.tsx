import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { TestResult } from '../../../../shared/model.js';
import { ApiError, toApiError } from '../../api/client.js';
import { ErrorBox } from '../../components/ErrorBox.js';

const useStyles = makeStyles({
  root: { display: 'grid', gap: '8px' },
  details: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', margin: 0, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  pair: { display: 'contents' },
  dd: { margin: 0, wordBreak: 'break-all' },
});

/**
 * A connection test's result. "ok" is green; anything else shows the category's heading (so "system not
 * available" and "cannot connect with the given credentials" look different), the message and what to do.
 * Details (e.g. the certificate fingerprint to pin) are listed below. `error` is a test that could not run.
 */
export function TestResultView({ result, error, context, testId }: { result?: TestResult | undefined; error?: unknown; context?: string | undefined; testId: string }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const category = result?.category ?? toApiError(error).category;
  const details = result?.details ? Object.entries(result.details) : [];
  return (
    <div className={s.root} data-testid={testId} data-category={category} role="status">
      {result?.category === 'ok' ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('test.ok')}</MessageBarTitle>
            {context ? <div>{context}</div> : null}
            <div>{result.message}</div>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {context ? <div>{context}</div> : null}
          <ErrorBox error={result ? new ApiError(result.category, result.message, result.hint) : error} testId={`${testId}-message`} />
        </>
      )}
      {details.length ? (
        <dl className={s.details} aria-label={t('test.details')}>
          {details.map(([k, v]) => (
            <div key={k} className={s.pair}>
              <dt>{k}</dt>
              <dd className={s.dd}>{String(v)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
