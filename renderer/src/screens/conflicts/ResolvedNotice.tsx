import { MessageBar, MessageBarBody, MessageBarTitle, Link, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../../shared/contract.js';
import { href } from '../../router.js';
import { SyncNowButton } from '../status/SyncNowButton.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '12px', alignItems: 'flex-start' } });

/** After deciding: it is applied on the pipeline's next run, which can be started right here. */
export function ResolvedNotice({ c }: { c: ConflictView }) {
  const s = useStyles();
  const { t } = useTranslation('conflicts');
  return (
    <div className={s.root}>
      <MessageBar intent="success" layout="multiline" data-testid="conflict-resolved">
        <MessageBarBody>
          <MessageBarTitle>{t('detail.resolvedTitle')}</MessageBarTitle>
          {c.resolution ? <div>{t('detail.decidedAs', { resolution: t(`detail.resolution.${c.resolution}`) })}</div> : null}
          <div>{t('detail.resolvedBody', { pipeline: c.pipeline })}</div>
        </MessageBarBody>
      </MessageBar>
      <SyncNowButton pipeline={c.pipeline} testId="conflict-sync-now" labels={{ syncNow: t('detail.syncNow'), syncing: t('detail.syncing') }} />
      <Link href={href('conflicts')}>{t('detail.nextConflict')}</Link>
    </div>
  );
}
