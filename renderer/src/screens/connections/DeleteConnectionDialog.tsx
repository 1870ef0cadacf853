import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../../shared/model.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { navigate } from '../../router.js';
import { connectionReads, usedToSync } from './connection-logic.js';

const useStyles = makeStyles({ content: { display: 'grid', gap: '12px' } });

/**
 * Confirms deleting a connection. A connection used to sync cannot be deleted (seed 003): known beforehand from
 * `firstUsedAt`, or from the service refusing with category "state" (e.g. a pipeline still uses it). Either way
 * the reason is shown and "Disable instead" offered.
 */
export function DeleteConnectionDialog({ connection: c, open, onClose }: { connection: Connection; open: boolean; onClose: () => void }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const f = useFormat();
  const remove = useOpMutation('connections.remove', ['connections.list', 'status.get']);
  const disable = useOpMutation('connections.disable', [...connectionReads]);
  const close = () => {
    remove.reset();
    disable.reset();
    onClose();
  };
  const refusedBeforehand = usedToSync(c);
  const refused = remove.error?.category === 'state' ? remove.error : null;
  const canDisableInstead = (refusedBeforehand || refused) && c.enabled;
  const disableInstead = () => disable.mutate({ name: c.name }, { onSuccess: close });
  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : close())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('delete.title', { name: c.name })}</DialogTitle>
          <DialogContent className={s.content}>
            {refusedBeforehand ? (
              <MessageBar intent="warning" layout="multiline" data-testid="connection-delete-refused" data-category="state">
                <MessageBarBody>
                  <MessageBarTitle>{t('delete.usedTitle')}</MessageBarTitle>
                  <div>{t('delete.usedText', { date: f.dateTime(c.firstUsedAt) })}</div>
                </MessageBarBody>
              </MessageBar>
            ) : refused ? (
              <ErrorBox error={refused} testId="connection-delete-refused" />
            ) : (
              <Text>{t('delete.confirmText')}</Text>
            )}
            {remove.error && !refused ? <ErrorBox error={remove.error} testId="connection-delete-error" /> : null}
            {disable.error ? <ErrorBox error={disable.error} testId="connection-disable-error" /> : null}
            {(refusedBeforehand || refused) && !c.enabled ? <Text block>{t('delete.alreadyDisabled')}</Text> : null}
            {remove.isPending || disable.isPending ? <Spinner size="small" /> : null}
          </DialogContent>
          <DialogActions>
            {canDisableInstead ? (
              <Button appearance="primary" disabled={disable.isPending} onClick={disableInstead} data-testid="connection-disable-instead">
                {t('delete.disableInstead')}
              </Button>
            ) : null}
            {!refusedBeforehand && !refused ? (
              <Button
                appearance="primary"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ name: c.name }, { onSuccess: () => navigate('connections') })}
                data-testid="connection-delete-confirm"
              >
                {t('delete.confirm')}
              </Button>
            ) : null}
            <Button onClick={close}>{t('common:actions.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
