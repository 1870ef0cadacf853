import { Button, Link, makeStyles, Spinner, Text } from '@fluentui/react-components';
import { ArrowSync20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { href } from '../../router.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '8px', alignItems: 'flex-start' } });

/**
 * Starts a manual sync of one pipeline; the call returns when the run is over (its progress shows meanwhile),
 * then says how it ended with a link to the run.
 */
export function SyncNowButton({ pipeline, testId, running, labels }: { pipeline: string; testId: string; running?: boolean; labels?: { syncNow: string; syncing: string } }) {
  const s = useStyles();
  const { t } = useTranslation(['status', 'runs', 'common']);
  const start = useOpMutation('runs.start', ['status.get', 'runs.list', 'conflicts.list', 'conflicts.show', 'pipelines.list']);
  const busy = start.isPending || running === true;
  return (
    <div className={s.root}>
      <Button appearance="primary" icon={busy ? <Spinner size="tiny" /> : <ArrowSync20Regular />} disabled={busy} onClick={() => start.mutate({ pipeline, trigger: 'manual' })} data-testid={testId}>
        {busy ? (labels?.syncing ?? t('pipeline.syncing')) : (labels?.syncNow ?? t('pipeline.syncNow'))}
      </Button>
      {start.error ? <ErrorBox error={start.error} testId={`${testId}-error`} /> : null}
      {start.data ? (
        <Text as="p" block data-testid={`${testId}-result`}>
          {t('pipeline.syncDone', { status: t(`common:runStatus.${start.data.status}`) })} <Link href={href('runs', start.data.run)}>{t('pipeline.openRun')}</Link>
        </Text>
      ) : null}
    </div>
  );
}
