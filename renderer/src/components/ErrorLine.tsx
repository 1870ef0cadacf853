import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { ErrorCircle16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../shared/errors.js';
import { useHintText } from './useHintText.js';

const useStyles = makeStyles({
  line: { display: 'inline-flex', gap: '4px', alignItems: 'flex-start' },
  icon: { flexShrink: 0, marginTop: '2px', color: tokens.colorPaletteRedForeground1 },
});

/** An error in one line (for a table cell): the category's heading and Ferry's message; the hint (translated when it is a shared hint) as its tooltip. */
export function ErrorLine({ error, testId }: { error: ErrorBody; testId?: string }) {
  const s = useStyles();
  const { t } = useTranslation('common');
  const hint = useHintText()(error);
  return (
    <span className={s.line} data-testid={testId} data-category={error.category} title={hint || undefined}>
      <ErrorCircle16Regular className={s.icon} aria-hidden />
      <Text size={200}>
        <strong>{t(`errors.${error.category}.title`, { defaultValue: error.category })}:</strong> {error.message}
      </Text>
    </span>
  );
}
