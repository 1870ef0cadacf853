import { Field, ProgressBar } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ProgressEvent } from '../../../../../shared/progress.js';
import { useFormat } from '../../../format.js';

/** While the preview runs: the phase, entity and side from the progress events, and a bar where the total is known. */
export function DryRunProgress({ event, names }: { event: ProgressEvent | null; names: { left: string; right: string } }) {
  const { t } = useTranslation('wizard');
  const f = useFormat();
  const what = event
    ? t(`review.phase.${event.phase}`, {
        entity: event.entity ? t(`common:entity.${event.entity}`) : '',
        system: event.side ? names[event.side] : '',
      })
    : t('review.starting');
  const known = !!event && event.total !== null && event.total > 0;
  const count = event ? (known ? t('review.progressOf', { done: f.number(event.processed), total: f.number(event.total ?? 0) }) : event.processed > 0 ? t('review.progressCount', { done: f.number(event.processed) }) : '') : '';
  return (
    <Field label={t('review.running')} hint={[what, count].filter(Boolean).join(' — ')} data-testid="dry-run-progress">
      <ProgressBar value={known ? Math.min(1, event.processed / (event.total ?? 1)) : undefined} thickness="large" />
    </Field>
  );
}
