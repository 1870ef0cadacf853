import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowLeft20Regular, ArrowRight20Regular, Checkmark20Regular } from '@fluentui/react-icons';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isFirstStep, isLastStep, nextBlocker, pendingWork } from './derive.js';
import type { WizardState } from './state.js';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: '12px', paddingTop: '16px', borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  why: { flexGrow: 1, minWidth: 0, textAlign: 'end', color: tokens.colorNeutralForeground2 },
  spacer: { flexGrow: 1 },
  button: { flexShrink: 0 },
});

/**
 * Back and Next (Next is the form's submit button, so Enter in a field moves on too). A disabled Next says why;
 * where the step still has to store something, Next says so ("Save and continue").
 */
export function WizardFooter({ state, busy, onBack, onFinish }: { state: WizardState; busy: boolean; onBack: () => void; onFinish: () => void }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const whyId = useId();
  const blocker = nextBlocker(state);
  const last = isLastStep(state);
  const finishConnection = last && state.mode === 'connection';
  const saves = pendingWork(state) !== null;
  return (
    <div className={s.root}>
      <Button className={s.button} data-testid="wizard-back" icon={<ArrowLeft20Regular />} onClick={onBack} disabled={isFirstStep(state) || busy}>
        {t('common:actions.back')}
      </Button>
      {blocker && blocker !== 'last' ? (
        <Text id={whyId} className={s.why} data-testid="wizard-blocked">
          {t(`blocked.${blocker}`)}
        </Text>
      ) : (
        <span className={s.spacer} />
      )}
      {busy ? <Spinner size="tiny" label={t('saving')} /> : null}
      {finishConnection ? (
        <Button className={s.button} appearance="primary" data-testid="wizard-finish" icon={<Checkmark20Regular />} disabled={!!(blocker && blocker !== 'last') || busy} onClick={onFinish} aria-describedby={blocker && blocker !== 'last' ? whyId : undefined}>
          {t('finish')}
        </Button>
      ) : last ? null : (
        <Button className={s.button} appearance="primary" type="submit" data-testid="wizard-next" icon={<ArrowRight20Regular />} iconPosition="after" disabled={!!blocker || busy} aria-describedby={blocker ? whyId : undefined}>
          {saves ? t('saveAndNext') : t('common:actions.next')}
        </Button>
      )}
    </div>
  );
}
