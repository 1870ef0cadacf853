import { Checkbox, makeStyles, Subtitle2, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Kind } from '../../../../../shared/contract.js';
import { useKindText } from '../../../components/useKindText.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '4px' },
  list: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, listStyleType: 'none' },
});

/** What to gather before connecting this kind of system (seed 001): a checklist the admin can tick for themselves. */
export function NeedsChecklist({ kind, ticked, onChange }: { kind: Kind; ticked: number[]; onChange: (ticked: number[]) => void }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  if (kind.needs.length === 0) return null;
  const kt = useKindText();
  return (
    <div className={s.root} data-testid="wizard-needs">
      <Subtitle2 as="h3">{t('system.needsTitle', { system: kt.label(kind.kind, kind.label) })}</Subtitle2>
      <Text as="p">{t('system.needsIntro')}</Text>
      <ul className={s.list}>
        {kind.needs.map((need, i) => (
          <li key={i}>
            <Checkbox
              label={kt.need(kind.kind, i, need)}
              checked={ticked.includes(i)}
              onChange={(_, d) => onChange(d.checked ? [...ticked, i].sort((a, b) => a - b) : ticked.filter((x) => x !== i))}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
