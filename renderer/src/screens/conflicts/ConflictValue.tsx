import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { isEmptyValue, valueText } from '../runs/values.js';

const useStyles = makeStyles({
  value: { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  empty: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  changed: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
});

/** One field value of a conflict; "changed" says the side changed it since the last sync. */
export function ConflictValue({ v, changed = false }: { v: unknown; changed?: boolean }) {
  const s = useStyles();
  const { t } = useTranslation('conflicts');
  return (
    <>
      {isEmptyValue(v) ? <span className={s.empty}>{t('detail.empty')}</span> : <span className={s.value}>{valueText(v)}</span>}
      {changed ? <span className={s.changed}> ({t('detail.changedSinceBase')})</span> : null}
    </>
  );
}
