import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircle20Filled, Circle20Regular, ChevronCircleRight20Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { stepIndex, steps } from './derive.js';
import type { StepRef, WizardState } from './state.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  group: { display: 'flex', flexDirection: 'column', gap: '4px' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { display: 'flex', alignItems: 'center', gap: '6px', padding: '2px 4px', color: tokens.colorNeutralForeground3 },
  done: { color: tokens.colorNeutralForeground1 },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground1Selected, borderRadius: tokens.borderRadiusMedium },
  doneIcon: { color: tokens.colorPaletteGreenForeground1 },
  currentIcon: { color: tokens.colorBrandForeground1 },
  visuallyHidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

type Group = { key: 'left' | 'right' | 'pipeline'; steps: { ref: StepRef; index: number }[] };

/** Where the admin is: the steps grouped by first system, second system and pipeline; done, current (aria-current) and to come. */
export function StepIndicator({ state }: { state: WizardState }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const all = steps(state);
  const current = stepIndex(state);
  const groups: Group[] = [];
  all.forEach((ref, index) => {
    const key = ref.side ?? 'pipeline';
    const last = groups[groups.length - 1];
    if (last?.key === key) last.steps.push({ ref, index });
    else groups.push({ key, steps: [{ ref, index }] });
  });
  return (
    <nav className={s.root} aria-label={t('indicator.label')} data-testid="wizard-steps">
      <Text>{t('indicator.position', { n: current + 1, total: all.length })}</Text>
      {groups.map((g) => (
        <div key={g.key} className={s.group}>
          {state.mode !== 'connection' ? (
            <Text weight="semibold" size={200}>
              {g.key === 'pipeline' ? t('indicator.pipeline') : t(`side.${g.key}`)}
            </Text>
          ) : null}
          <ol className={s.list}>
            {g.steps.map(({ ref, index }) => {
              const progress = index < current ? 'done' : index === current ? 'current' : 'todo';
              return (
                <li key={`${ref.side}-${ref.id}`} className={mergeClasses(s.item, progress === 'done' && s.done, progress === 'current' && s.current)} aria-current={progress === 'current' ? 'step' : undefined}>
                  {progress === 'done' ? <CheckmarkCircle20Filled className={s.doneIcon} aria-hidden /> : progress === 'current' ? <ChevronCircleRight20Filled className={s.currentIcon} aria-hidden /> : <Circle20Regular aria-hidden />}
                  <span>{t(`steps.${ref.id}`)}</span>
                  {progress === 'done' ? <span className={s.visuallyHidden}>{` (${t('indicator.done')})`}</span> : null}
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </nav>
  );
}
