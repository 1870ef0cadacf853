import { Body1, Link, makeStyles, Spinner, Title2, tokens } from '@fluentui/react-components';
import { ArrowLeft16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { ConnectionEditForm } from './ConnectionEditForm.js';
import { ConnectionLifecycle } from './ConnectionLifecycle.js';
import { ConnectionTestPanel } from './ConnectionTestPanel.js';
import { HealthBadge } from './HealthBadge.js';
import { PreflightPanel } from './PreflightPanel.js';
import { SecretPanel } from './SecretPanel.js';
import { useKindText } from '../../components/useKindText.js';

const useStyles = makeStyles({
  back: { display: 'inline-flex', alignItems: 'center', gap: '4px', marginBottom: '8px' },
  head: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  meta: { display: 'block', color: tokens.colorNeutralForeground2, margin: '4px 0 16px' },
});

/** One connection: edit, test, re-validate the password, check prerequisites, disable or delete (seed 003). */
export function ConnectionDetail({ name }: { name: string }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const f = useFormat();
  const conn = useOp('connections.show', { name });
  const kinds = useOp('kinds.list', {});
  const c = conn.data;
  const kind = c ? kinds.data?.find((k) => k.kind === c.kind) : undefined;
  const kt = useKindText();
  return (
    <>
      <Link href={href('connections')} className={s.back}>
        <ArrowLeft16Regular /> {t('back')}
      </Link>
      {!c ? <Title2 as="h1">{name}</Title2> : null}
      {conn.isPending ? <Spinner label={t('common:state.loading')} /> : null}
      {conn.error ? <ErrorBox error={conn.error} testId="connection-load-error" /> : null}
      {c ? (
        <>
          <div className={s.head}>
            <Title2 as="h1">{c.name}</Title2>
            <HealthBadge health={c.health} />
          </div>
          <Body1 className={s.meta} data-testid="connection-meta">
            {t('meta', {
              kind: kt.label(c.kind, kind?.label),
              created: f.dateTime(c.createdAt),
              modified: f.dateTime(c.modifiedAt),
              firstUsed: c.firstUsedAt ? f.dateTime(c.firstUsedAt) : t('neverUsed'),
            })}
          </Body1>
          <ConnectionEditForm connection={c} optionFields={kind?.options ?? []} />
          <ConnectionTestPanel connection={c} />
          <SecretPanel connection={c} secretNames={kind?.secretNames ?? []} />
          <PreflightPanel connection={c} />
          <ConnectionLifecycle connection={c} />
        </>
      ) : null}
    </>
  );
}
