import { Badge, Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircle20Filled, DismissCircle20Filled, ClipboardTaskListLtr20Regular, Warning20Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Connection, PreflightCheck } from '../../../../shared/model.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useHintText } from '../../components/useHintText.js';
import { Section } from './Section.js';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: '10px' },
  item: { display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 10px', alignItems: 'start' },
  body: { display: 'grid', gap: '2px' },
  title: { display: 'flex', gap: '8px', alignItems: 'center' },
  hint: { color: tokens.colorNeutralForeground2 },
  pass: { color: tokens.colorPaletteGreenForeground1 },
  fail: { color: tokens.colorPaletteRedForeground1 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

const badgeColor = { pass: 'success', fail: 'danger', warn: 'warning' } as const;

/** `connections.preflight`: named checks (seed 000) with pass / fail / warn and what to do. */
export function PreflightPanel({ connection: c }: { connection: Connection }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const hintText = useHintText();
  const check = useOpMutation('connections.preflight');
  const icon = (st: PreflightCheck['status']) =>
    st === 'pass' ? <CheckmarkCircle20Filled className={s.pass} aria-hidden /> : st === 'fail' ? <DismissCircle20Filled className={s.fail} aria-hidden /> : <Warning20Filled className={s.warn} aria-hidden />;
  return (
    <Section title={t('preflight.title')} description={t('preflight.description')}>
      <div>
        <Button icon={<ClipboardTaskListLtr20Regular />} disabled={check.isPending} onClick={() => check.mutate({ name: c.name })} data-testid="connection-preflight">
          {t('preflight.run')}
        </Button>
      </div>
      {check.isPending ? <Spinner size="small" label={t('preflight.running')} /> : null}
      {check.error ? <ErrorBox error={check.error} testId="connection-preflight-error" /> : null}
      {check.data && !check.isPending ? (
        check.data.length === 0 ? (
          <Text data-testid="connection-preflight-results">{t('preflight.none')}</Text>
        ) : (
          <ul className={s.list} data-testid="connection-preflight-results" aria-label={t('preflight.title')}>
            {check.data.map((p) => (
              <li key={p.id} className={s.item} data-testid={`preflight-${p.id}`} data-status={p.status}>
                {icon(p.status)}
                <div className={s.body}>
                  <span className={s.title}>
                    <Text weight="semibold">{p.title}</Text>
                    <Badge appearance="tint" color={badgeColor[p.status]}>
                      {t(`preflight.status.${p.status}`)}
                    </Badge>
                  </span>
                  <Text>{p.message}</Text>
                  {p.status !== 'pass' && p.hint ? (
                    <Text className={s.hint}>
                      <strong>{t('common:error.whatToDo')}</strong> {hintText(p)}
                    </Text>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Section>
  );
}
