import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, makeStyles, Spinner, Text } from '@fluentui/react-components';
import { ArrowUndo20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../shared/model.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { UndoResultView } from './UndoResultView.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', alignItems: 'flex-start' },
  content: { display: 'flex', flexDirection: 'column', gap: '8px' },
});

/** Undo the run, after a dialog that says what undo does (and what it does not). */
export function UndoSection({ run }: { run: RunSummary }) {
  const s = useStyles();
  const { t } = useTranslation(['runs', 'common']);
  const [open, setOpen] = useState(false);
  const undo = useOpMutation('runs.undo', ['runs.show', 'status.get', 'runs.list', 'pipelines.list', 'pipelines.show']);
  const unavailable = run.dryRun ? t('undo.unavailableDry') : run.status === 'running' ? t('undo.unavailableRunning') : null;
  const confirm = () => {
    setOpen(false);
    undo.mutate({ id: run.run });
  };
  return (
    <div className={s.root}>
      <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
        <DialogTrigger disableButtonEnhancement>
          <Button icon={<ArrowUndo20Regular />} disabled={unavailable !== null || undo.isPending} data-testid="run-undo" aria-describedby={unavailable ? 'run-undo-why' : undefined}>
            {t('undo.button')}
          </Button>
        </DialogTrigger>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('undo.dialogTitle')}</DialogTitle>
            <DialogContent className={s.content}>
              <Text as="p" block>{t('undo.explain1')}</Text>
              <Text as="p" block>{t('undo.explain2')}</Text>
              <Text as="p" block>{t('undo.explain3')}</Text>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{t('common:actions.cancel')}</Button>
              </DialogTrigger>
              <Button appearance="primary" onClick={confirm} data-testid="run-undo-confirm">
                {t('undo.confirm')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {unavailable ? (
        <Text as="p" block id="run-undo-why">
          {unavailable}
        </Text>
      ) : null}
      {undo.isPending ? <Spinner size="small" label={t('undo.working')} /> : null}
      {undo.error ? <ErrorBox error={undo.error} testId="run-undo-error" /> : null}
      {undo.data ? <UndoResultView result={undo.data} /> : null}
    </div>
  );
}
