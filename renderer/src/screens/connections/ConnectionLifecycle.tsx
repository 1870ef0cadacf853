import { Button, makeStyles, Text } from '@fluentui/react-components';
import { Delete20Regular, PlugConnected20Regular, PlugDisconnected20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../../shared/model.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { connectionReads, usedToSync } from './connection-logic.js';
import { DeleteConnectionDialog } from './DeleteConnectionDialog.js';
import { Section } from './Section.js';

const useStyles = makeStyles({ row: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'center' } });

/** Disable / enable, and delete — which seed 003 allows only for a connection never used to sync. */
export function ConnectionLifecycle({ connection: c }: { connection: Connection }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const f = useFormat();
  const [deleting, setDeleting] = useState(false);
  const disable = useOpMutation('connections.disable', [...connectionReads]);
  const enable = useOpMutation('connections.enable', [...connectionReads]);
  const toggleError = disable.error ?? enable.error;
  return (
    <Section title={t('lifecycle.title')} description={c.enabled ? t('lifecycle.enabledText') : t('lifecycle.disabledText')}>
      <div className={s.row}>
        {c.enabled ? (
          <Button icon={<PlugDisconnected20Regular />} disabled={disable.isPending} onClick={() => disable.mutate({ name: c.name })} data-testid="connection-disable">
            {t('lifecycle.disable')}
          </Button>
        ) : (
          <Button icon={<PlugConnected20Regular />} disabled={enable.isPending} onClick={() => enable.mutate({ name: c.name })} data-testid="connection-enable">
            {t('lifecycle.enable')}
          </Button>
        )}
        <Button icon={<Delete20Regular />} onClick={() => setDeleting(true)} data-testid="connection-delete">
          {t('delete.button')}
        </Button>
      </div>
      <Text>{usedToSync(c) ? t('lifecycle.used', { date: f.dateTime(c.firstUsedAt) }) : t('lifecycle.unused')}</Text>
      {toggleError ? <ErrorBox error={toggleError} testId="connection-toggle-error" /> : null}
      <DeleteConnectionDialog connection={c} open={deleting} onClose={() => setDeleting(false)} />
    </Section>
  );
}
