import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, Spinner, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '../../../../shared/model.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { navigate } from '../../router.js';

const useStyles = makeStyles({ content: { display: 'grid', gap: '12px' } });

/** Confirms deleting a pipeline (`pipelines.remove`); the connections stay. */
export function DeletePipelineDialog({ pipeline: p, onClose }: { pipeline: Pipeline; onClose: () => void }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const remove = useOpMutation('pipelines.remove', ['pipelines.list', 'status.get', 'connections.list']);
  return (
    <Dialog open onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('delete.title', { name: p.name })}</DialogTitle>
          <DialogContent className={s.content}>
            <Text block>{t('delete.text', { left: p.left.name, right: p.right.name })}</Text>
            {remove.isPending ? <Spinner size="small" /> : null}
            {remove.error ? <ErrorBox error={remove.error} testId="pipeline-delete-error" /> : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(
                  { name: p.name },
                  {
                    onSuccess: () => {
                      onClose();
                      navigate('pipelines');
                    },
                  },
                )
              }
              data-testid="pipeline-delete-confirm"
            >
              {t('delete.confirm')}
            </Button>
            <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
