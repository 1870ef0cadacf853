import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronUp16Regular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorLine } from '../../components/ErrorLine.js';
import { UserRunsTable } from '../pipelines/UserRunsTable.js';
import { sortUsers, userFailed, userStates, type UserStatus } from '../pipelines/users-logic.js';
import { RunStatusBadge } from '../runs/RunStatusBadge.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  line: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '4px' },
  item: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * A pipeline acting for each user: "3 users: 1 failed, 2 OK", the failed users always listed with their error,
 * and every user's last run on request.
 */
export function UsersStatus({ pipeline, users }: { pipeline: string; users: readonly UserStatus[] }) {
  const s = useStyles();
  const { t } = useTranslation(['status', 'pipelines']);
  const [open, setOpen] = useState(false);
  const tableId = useId();
  const failed = sortUsers(users.filter(userFailed));
  const summary = `${t('pipeline.users.count', { count: users.length })}: ${userStates(users)
    .map((x) => t(`pipeline.users.state.${x.state}`, { count: x.count }))
    .join(', ')}`;
  return (
    <div className={s.root} data-testid={`status-users-${pipeline}`}>
      <div className={s.line}>
        <Text weight="semibold">{t('pipeline.users.title')}:</Text>
        {users.length ? (
          <>
            <Text data-testid={`status-users-summary-${pipeline}`}>{summary}</Text>
            <Button
              size="small"
              appearance="subtle"
              icon={open ? <ChevronUp16Regular /> : <ChevronDown16Regular />}
              aria-expanded={open}
              aria-controls={open ? tableId : undefined}
              onClick={() => setOpen((o) => !o)}
              data-testid={`status-users-toggle-${pipeline}`}
            >
              {open ? t('pipeline.users.hide') : t('pipeline.users.show')}
            </Button>
          </>
        ) : (
          <Text className={s.muted}>{t('pipeline.users.none')}</Text>
        )}
      </div>
      {!open && failed.length ? (
        <ul className={s.list} aria-label={`${pipeline}: ${t('pipeline.users.failed')}`} data-testid={`status-users-failed-${pipeline}`}>
          {failed.map((u) => (
            <li key={u.email} data-testid={`status-user-${pipeline}-${u.email}`}>
              <span className={s.item}>
                <Text>{u.email}</Text>
                {u.lastRun ? <RunStatusBadge status={u.lastRun.status} /> : null}
                {u.lastRun?.error ? <ErrorLine error={u.lastRun.error} /> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {open ? <UserRunsTable users={users} id={tableId} label={`${pipeline}: ${t('pipelines:users.lastRuns')}`} testId={`status-user-runs-${pipeline}`} /> : null}
    </div>
  );
}
