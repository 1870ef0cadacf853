import { Badge, Body1, Link, makeStyles, Spinner, Text, Title2, tokens } from '@fluentui/react-components';
import { ArrowLeft16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { Section } from '../connections/Section.js';
import { EntitiesSection } from './EntitiesSection.js';
import { LiveProgress } from './LiveProgress.js';
import { PipelineActions } from './PipelineActions.js';
import { RecentRuns } from './RecentRuns.js';
import { LastRun } from './RunInfo.js';
import { ScheduleSection } from './ScheduleSection.js';
import { UsersSection } from './UsersSection.js';

const useStyles = makeStyles({
  back: { display: 'inline-flex', alignItems: 'center', gap: '4px', marginBottom: '8px' },
  head: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  meta: { display: 'block', color: tokens.colorNeutralForeground2, margin: '4px 0 16px' },
  actions: { display: 'grid', gap: '12px', marginBottom: '16px' },
  lastRun: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
});

/** One pipeline: actions and live progress, entities and policies, its users (acting for each), schedule (editable), guard, recent runs. */
export function PipelineDetail({ name }: { name: string }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const f = useFormat();
  const pipe = useOp('pipelines.show', { name });
  const status = useOp('status.get', {});
  const p = pipe.data;
  const st = p ? status.data?.pipelines.find((x) => x.id === p.id) : undefined;
  return (
    <>
      <Link href={href('pipelines')} className={s.back}>
        <ArrowLeft16Regular /> {t('back')}
      </Link>
      {!p ? <Title2 as="h1">{name}</Title2> : null}
      {pipe.isPending ? <Spinner label={t('common:state.loading')} /> : null}
      {pipe.error ? <ErrorBox error={pipe.error} testId="pipeline-load-error" /> : null}
      {p ? (
        <>
          <div className={s.head}>
            <Title2 as="h1">{p.name}</Title2>
            <Badge appearance="tint" color={p.paused ? 'warning' : 'success'} data-testid="pipeline-state">
              {p.paused ? t('paused') : t('active')}
            </Badge>
            {p.config.actForUsers ? (
              <Badge appearance="outline" color="brand" data-testid="pipeline-for-each-user">
                {t('users.badge')}
              </Badge>
            ) : null}
          </div>
          <Body1 className={s.meta}>
            {t('detail.meta', { left: p.left.name, right: p.right.name, created: f.dateTime(p.createdAt), modified: f.dateTime(p.modifiedAt) })}
          </Body1>
          <div className={s.actions}>
            <PipelineActions pipeline={p} lastRun={st?.lastRun} />
            <LiveProgress pipeline={p} lastRun={st?.lastRun} />
            <div className={s.lastRun}>
              <Text weight="semibold">{t('list.lastRun')}:</Text>
              <LastRun run={st?.lastRun} />
            </div>
          </div>
          <EntitiesSection pipeline={p} />
          {p.config.actForUsers ? <UsersSection pipeline={p} users={st?.users} /> : null}
          <ScheduleSection pipeline={p} nextRuns={st?.nextRuns} />
          <Section title={t('guard.title')} testId="pipeline-guard">
            <Text>{t('guard.text', { percent: f.number(p.config.deleteGuard.percent), max: f.number(p.config.deleteGuard.max) })}</Text>
          </Section>
          <RecentRuns name={p.name} />
        </>
      ) : null}
    </>
  );
}
