import { Button, makeStyles, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger } from '@fluentui/react-components';
import { ArrowReset20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({ button: { flexShrink: 0, whiteSpace: 'nowrap' } });

/** Clears the wizard's form after asking (what was already stored — connections, a paused pipeline — stays). */
export function StartOver({ onConfirm }: { onConfirm: () => void }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<ArrowReset20Regular />} data-testid="wizard-start-over" className={s.button}>
          {t('startOver.button')}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('startOver.title')}</DialogTitle>
          <DialogContent>{t('startOver.body')}</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary" onClick={onConfirm} data-testid="wizard-start-over-confirm">
                {t('startOver.confirm')}
              </Button>
            </DialogTrigger>
            <DialogTrigger disableButtonEnhancement>
              <Button>{t('common:actions.cancel')}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
