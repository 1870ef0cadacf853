import { Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ErrorLine } from '../../components/ErrorLine.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { RunStatusBadge } from '../runs/RunStatusBadge.js';
import { CountsText } from './CountsText.js';
import { totalCounts } from './pipeline-logic.js';
import { sortUsers, type UserStatus } from './users-logic.js';

/**
 * Per user of a pipeline acting for each user: the last run's result, when, what changed and what went wrong
 * (the error's category and message). Failed users first. Used by the pipeline's page and the status screen.
 */
export function UserRunsTable({ users, label, testId, id }: { users: readonly UserStatus[]; label: string; testId: string; id?: string }) {
  const { t } = useTranslation('pipelines');
  const f = useFormat();
  return (
    <Table size="small" aria-label={label} data-testid={testId} id={id}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('users.col.user')}</TableHeaderCell>
          <TableHeaderCell>{t('users.col.status')}</TableHeaderCell>
          <TableHeaderCell>{t('users.col.started')}</TableHeaderCell>
          <TableHeaderCell>{t('users.col.changes')}</TableHeaderCell>
          <TableHeaderCell>{t('users.col.problem')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sortUsers(users).map((u) => {
          const r = u.lastRun;
          return (
            <TableRow key={u.email} data-testid={`${testId}-${u.email}`} data-status={r?.status ?? 'never'}>
              <TableCell>{u.email}</TableCell>
              <TableCell>{r ? <RunStatusBadge status={r.status} /> : <Text>{t('lastRun.none')}</Text>}</TableCell>
              <TableCell>
                {r ? (
                  <Link href={href('runs', r.run)} aria-label={t('lastRun.detailsOf', { time: f.dateTime(r.startedAt) })}>
                    <time dateTime={r.startedAt}>{f.dateTime(r.startedAt)}</time>
                  </Link>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>{r ? <CountsText counts={totalCounts(r.entities)} /> : '—'}</TableCell>
              <TableCell>{r?.error ? <ErrorLine error={r.error} testId={`${testId}-${u.email}-error`} /> : '—'}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
