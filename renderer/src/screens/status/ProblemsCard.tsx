import { Card, Link, makeStyles, Subtitle2, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../../shared/contract.js';
import type { RunSummary } from '../../../../shared/model.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';

const SHOW = 5;
const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: '8px' },
  cols: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: '16px' },
  list: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '4px' },
});

/** Open conflicts and failed runs, each with a link to where it can be dealt with. */
export function ProblemsCard({ conflicts, conflictsError, failures }: { conflicts: ConflictView[] | undefined; conflictsError: unknown; failures: RunSummary[] }) {
  const s = useStyles();
  const { t } = useTranslation(['status', 'common']);
  const f = useFormat();
  const open = (conflicts ?? []).filter((c) => c.resolution === null);
  return (
    <Card className={s.card} aria-labelledby="problems-h" data-testid="status-problems">
      <Subtitle2 as="h2" id="problems-h">
        {t('problems.title')}
      </Subtitle2>
      {conflictsError ? <ErrorBox error={conflictsError} testId="status-conflicts-error" /> : null}
      {open.length === 0 && failures.length === 0 && !conflictsError ? <Text as="p" block>{t('problems.none')}</Text> : null}
      <div className={s.cols}>
        {open.length > 0 ? (
          <div>
            <Text as="p" block weight="semibold">
              {t('problems.conflicts')}
            </Text>
            <ul className={s.list}>
              {open.slice(0, SHOW).map((c) => (
                <li key={c.id}>
                  <Link href={href('conflicts', String(c.id))} data-testid={`status-conflict-${c.id}`}>
                    {t('problems.conflict', { entity: t(`common:entityOne.${c.entity}`), left: c.leftId, right: c.rightId, pipeline: c.pipeline })}
                  </Link>
                </li>
              ))}
            </ul>
            {open.length > SHOW ? <Link href={href('conflicts')}>{t('problems.allConflicts', { count: open.length })}</Link> : null}
          </div>
        ) : null}
        {failures.length > 0 ? (
          <div>
            <Text as="p" block weight="semibold">
              {t('problems.failures')}
            </Text>
            <ul className={s.list}>
              {failures.slice(0, SHOW).map((r) => (
                <li key={r.run}>
                  <Link href={href('runs', r.run)} data-testid={`status-failure-${r.run}`}>
                    {t('problems.failure', { pipeline: r.pipeline, when: f.dateTime(r.startedAt), status: t(`common:runStatus.${r.status}`) })}
                  </Link>
                  {r.error ? <Text as="p" block size={200}>{r.error.message}</Text> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
