import type { StatusReport, UserMatchReport } from '../../../../shared/contract.js';
import type { RunStatus } from '../../../../shared/model.js';

/** One user of a pipeline acting for each user, with their last run (status.get). */
export type UserStatus = NonNullable<StatusReport['pipelines'][number]['users']>[number];
export type UserState = RunStatus | 'never';

/** Most worrying first: failed users must be seen. */
const order: UserState[] = ['failed', 'partial', 'stopped', 'running', 'never', 'dry-run', 'ok'];

export const userState = (u: UserStatus): UserState => u.lastRun?.status ?? 'never';
export const userFailed = (u: UserStatus): boolean => u.lastRun?.status === 'failed' || u.lastRun?.status === 'partial';

/** Users sorted most worrying first, then by e-mail. */
export const sortUsers = (users: readonly UserStatus[]): UserStatus[] =>
  [...users].sort((a, b) => order.indexOf(userState(a)) - order.indexOf(userState(b)) || a.email.localeCompare(b.email));

/** How many users are in each state ("2 OK, 1 failed"), most worrying first, states without users left out. */
export function userStates(users: readonly UserStatus[]): { state: UserState; count: number }[] {
  return order.flatMap((state) => {
    const count = users.filter((u) => userState(u) === state).length;
    return count ? [{ state, count }] : [];
  });
}

/** The backend's reason a user is not synced (main/app/per-user.ts) as an i18n key under `users.reason.`, or null. */
export function reasonKey(reason: string): { key: 'noEmail' | 'inactive' | 'noCounterpart' | 'shared'; n?: number } | null {
  if (reason === 'no primary e-mail address') return { key: 'noEmail' };
  if (reason === 'inactive') return { key: 'inactive' };
  if (reason === 'no user with this e-mail on the other side') return { key: 'noCounterpart' };
  const shared = /^(\d+) users share the e-mail address$/.exec(reason);
  return shared ? { key: 'shared', n: Number(shared[1]) } : null;
}

export type Unmatched = UserMatchReport['unmatched'][number];
