import { Button, makeStyles } from '@fluentui/react-components';
import { ArrowSync20Regular, ArrowSyncCircle20Regular, Delete20Regular, DocumentSearch20Regular, Pause20Regular, PersonSync20Regular, Play20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pipeline, RunSummary } from '../../../../shared/model.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { CustomerPickerDialog } from './CustomerPickerDialog.js';
import { DeletePipelineDialog } from './DeletePipelineDialog.js';
import { useLiveRun, useStartRun } from './live-run-store.js';
import { isRunning } from './live-runs.js';
import { UniquenessDialog } from './UniquenessDialog.js';

const useStyles = makeStyles({ row: { display: 'flex', gap: '8px', flexWrap: 'wrap' } });

const pipelineReads = ['pipelines.list', 'pipelines.show', 'status.get'] as const;

/** Sync now, full sync, one customer, pause/resume, uniqueness check and delete for one pipeline. */
export function PipelineActions({ pipeline: p, lastRun }: { pipeline: Pipeline; lastRun: RunSummary | null | undefined }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const { start } = useStartRun();
  const live = useLiveRun(p.id);
  const busy = live ? isRunning(live, lastRun) : false;
  const pause = useOpMutation('pipelines.pause', [...pipelineReads]);
  const resume = useOpMutation('pipelines.resume', [...pipelineReads]);
  const [dialog, setDialog] = useState<'customer' | 'check' | 'delete' | null>(null);
  const close = () => setDialog(null);
  const toggleError = pause.error ?? resume.error;
  return (
    <>
      <div className={s.row} role="group" aria-label={t('actions.label', { name: p.name })}>
        <Button appearance="primary" icon={<ArrowSync20Regular />} disabled={busy} onClick={() => start(p)} data-testid="pipeline-sync-now">
          {t('actions.syncNow')}
        </Button>
        <Button icon={<ArrowSyncCircle20Regular />} disabled={busy} onClick={() => start(p, { mode: 'full' })} data-testid="pipeline-full-sync">
          {t('actions.fullSync')}
        </Button>
        <Button icon={<PersonSync20Regular />} disabled={busy} onClick={() => setDialog('customer')} data-testid="pipeline-sync-customer">
          {t('actions.syncCustomer')}
        </Button>
        {p.paused ? (
          <Button icon={<Play20Regular />} disabled={resume.isPending} onClick={() => resume.mutate({ name: p.name })} data-testid="pipeline-resume">
            {t('actions.resume')}
          </Button>
        ) : (
          <Button icon={<Pause20Regular />} disabled={pause.isPending} onClick={() => pause.mutate({ name: p.name })} data-testid="pipeline-pause">
            {t('actions.pause')}
          </Button>
        )}
        <Button icon={<DocumentSearch20Regular />} onClick={() => setDialog('check')} data-testid="pipeline-check">
          {t('actions.check')}
        </Button>
        <Button icon={<Delete20Regular />} onClick={() => setDialog('delete')} data-testid="pipeline-delete">
          {t('actions.delete')}
        </Button>
      </div>
      {toggleError ? <ErrorBox error={toggleError} testId="pipeline-pause-error" /> : null}
      {dialog === 'customer' ? <CustomerPickerDialog pipeline={p} onClose={close} /> : null}
      {dialog === 'check' ? <UniquenessDialog pipeline={p} onClose={close} /> : null}
      {dialog === 'delete' ? <DeletePipelineDialog pipeline={p} onClose={close} /> : null}
    </>
  );
}
