import { Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../../shared/model.js';
import { useFormat } from '../../format.js';

/** "Works · 5 minutes ago" or "System not available · yesterday"; the exact time as a tooltip. */
export function LastTest({ lastTest }: { lastTest: Connection['lastTest'] }) {
  const { t } = useTranslation('connections');
  const f = useFormat();
  if (!lastTest) return <Text>{t('lastTest.never')}</Text>;
  const what = lastTest.category === 'ok' ? t('lastTest.ok') : t(`common:errors.${lastTest.category}.title`, { defaultValue: lastTest.category });
  return (
    <Text data-category={lastTest.category}>
      {what} · <time dateTime={lastTest.at} title={f.dateTime(lastTest.at)}>{f.relative(lastTest.at)}</time>
    </Text>
  );
}
