import { Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Counts } from '../../../../shared/progress.js';
import { useFormat } from '../../format.js';
import { nonZero } from './pipeline-logic.js';

/** "Created 3 · Updated 2 · Unchanged 120", or "No changes". */
export function CountsText({ counts, testId }: { counts: Counts; testId?: string }) {
  const { t } = useTranslation('pipelines');
  const f = useFormat();
  const parts = nonZero(counts);
  return <Text data-testid={testId}>{parts.length ? parts.map((p) => `${t(`counts.${p.key}`)} ${f.number(p.n)}`).join(' · ') : t('counts.none')}</Text>;
}
