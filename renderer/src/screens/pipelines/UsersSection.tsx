import { Button, makeStyles, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { People20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '../../../../shared/model.js';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { Section } from '../connections/Section.js';
import { UserRunsTable } from './UserRunsTable.js';
import { reasonKey, type Unmatched, type UserStatus } from './users-logic.js';

const useStyles = makeStyles({
  part: { display: 'flex', flexDirection: 'column', gap: '8px' },
  row: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * A pipeline acting for each user: each user's last run (status.get), and on request who is synced and who not,
 * with why (pipelines.users asks both systems for their users, so it is not called before the admin asks).
 */
export function UsersSection({ pipeline: p, users }: { pipeline: Pipeline; users: readonly UserStatus[] | undefined }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const [asked, setAsked] = useState(false);
  const match = useOp('pipelines.users', { name: p.name }, { enabled: asked, staleTime: Infinity });
  const system = (side: 'left' | 'right') => p[side].name;
  const reason = (u: Unmatched) => {
    const k = reasonKey(u.reason);
    return k ? t(`users.reason.${k.key}`, { n: k.n }) : u.reason;
  };
  return (
    <Section title={t('users.title')} description={t('users.description')} testId="pipeline-users">
      <div className={s.part}>
        <Text weight="semibold">{t('users.lastRuns')}</Text>
        {users && users.length ? <UserRunsTable users={users} label={t('users.lastRuns')} testId="pipeline-user-runs" /> : <Text>{t('users.noRuns')}</Text>}
      </div>
      <div className={s.row}>
        <Button icon={<People20Regular />} disabled={match.isFetching} onClick={() => (asked ? void match.refetch() : setAsked(true))} data-testid="pipeline-users-check">
          {asked ? t('users.recheck') : t('users.check')}
        </Button>
        <Text size={200} className={s.muted}>
          {t('users.checkHint')}
        </Text>
      </div>
      {match.isFetching ? <Spinner size="small" label={t('users.checking')} /> : null}
      {match.error && !match.isFetching ? <ErrorBox error={match.error} testId="pipeline-users-error" /> : null}
      {match.data && !match.isFetching ? (
        <>
          <div className={s.part}>
            <Text weight="semibold">{t('users.matched', { count: match.data.matched.length })}</Text>
            {match.data.matched.length ? (
              <Table size="small" aria-label={t('users.matched', { count: match.data.matched.length })} data-testid="pipeline-users-matched">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('users.col.email')}</TableHeaderCell>
                    <TableHeaderCell>{t('users.col.inSystem', { system: system('left') })}</TableHeaderCell>
                    <TableHeaderCell>{t('users.col.inSystem', { system: system('right') })}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {match.data.matched.map((m) => (
                    <TableRow key={m.email} data-testid={`pipeline-users-matched-${m.email}`}>
                      <TableCell>{m.email}</TableCell>
                      <TableCell>{m.left}</TableCell>
                      <TableCell>{m.right}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <Text>{t('users.noneMatched')}</Text>
            )}
          </div>
          <div className={s.part}>
            <Text weight="semibold">{t('users.unmatched', { count: match.data.unmatched.length })}</Text>
            {match.data.unmatched.length ? (
              <Table size="small" aria-label={t('users.unmatched', { count: match.data.unmatched.length })} data-testid="pipeline-users-unmatched">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('users.col.system')}</TableHeaderCell>
                    <TableHeaderCell>{t('users.col.login')}</TableHeaderCell>
                    <TableHeaderCell>{t('users.col.email')}</TableHeaderCell>
                    <TableHeaderCell>{t('users.col.reason')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {match.data.unmatched.map((u) => (
                    <TableRow key={`${u.side}-${u.user}`} data-testid={`pipeline-users-unmatched-${u.side}-${u.user}`}>
                      <TableCell>{system(u.side)}</TableCell>
                      <TableCell>{u.user}</TableCell>
                      <TableCell>{u.email ?? '—'}</TableCell>
                      <TableCell>{reason(u)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <Text>{t('users.allMatched')}</Text>
            )}
          </div>
        </>
      ) : null}
    </Section>
  );
}
