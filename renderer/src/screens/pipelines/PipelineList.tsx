import { Body1, Button, makeStyles, Spinner, Title2 } from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { navigate } from '../../router.js';
import { PipelineCard } from './PipelineCard.js';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '16px', marginBottom: '8px' },
  intro: { display: 'block', marginBottom: '16px', maxWidth: '75ch' },
  list: { display: 'grid', gap: '16px' },
});

/** All pipelines with their state, last and next runs, and what can be done with each. */
export function PipelineList() {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const list = useOp('pipelines.list', {});
  const status = useOp('status.get', {});
  return (
    <>
      <div className={s.head}>
        <Title2 as="h1">{t('title')}</Title2>
        <Button appearance="primary" icon={<Add20Regular />} onClick={() => navigate('setup', 'pipeline')} data-testid="pipeline-add">
          {t('add')}
        </Button>
      </div>
      <Body1 className={s.intro}>{t('intro')}</Body1>
      {list.error ? <ErrorBox error={list.error} testId="pipelines-load-error" /> : null}
      {status.error ? <ErrorBox error={status.error} testId="pipelines-status-error" /> : null}
      {list.isPending ? <Spinner label={t('common:state.loading')} /> : null}
      {list.data && list.data.length === 0 ? <Body1 data-testid="pipelines-empty">{t('empty')}</Body1> : null}
      <div className={s.list}>
        {list.data?.map((p) => (
          <PipelineCard key={p.id} pipeline={p} status={status.data?.pipelines.find((x) => x.id === p.id)} />
        ))}
      </div>
    </>
  );
}
