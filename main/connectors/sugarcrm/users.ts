import { z } from 'zod';
import { FerryError } from '../../../shared/errors.js';
import { pickUser } from '../target-users.js';
import type { TargetUser, TestResult } from '../types.js';
import { SYSTEM, type SugarClient } from './client.js';

const USER_FIELDS = ['id', 'user_name', 'first_name', 'last_name', 'status', 'email1', 'is_admin'];
const PAGE = 200;

const UserValues = z.object({
  user_name: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  status: z.string().optional(),
  email1: z.string().optional(),
});


/** The CRM's users with their primary e-mail (`email1`), every page. */
export async function listSugarUsers(client: SugarClient): Promise<TargetUser[]> {
  const users: TargetUser[] = [];
  for (let offset = 0; ; ) {
    const page = await client.entryList({ module: 'Users', query: '', orderBy: 'users.user_name', offset, fields: USER_FIELDS, max: PAGE, deleted: false });
    for (const e of page.entries) {
      const v = UserValues.safeParse(e.values);
      if (!e.id || !v.success) continue;
      const name = [v.data.first_name, v.data.last_name].filter(Boolean).join(' ').trim() || v.data.user_name;
      users.push({ id: e.id, login: v.data.user_name, name, email: v.data.email1?.trim() || null, active: (v.data.status ?? 'Active') === 'Active' });
    }
    if (page.entries.length === 0 || page.nextOffset <= offset || (page.totalCount !== null && page.nextOffset >= page.totalCount)) break;
    offset = page.nextOffset;
  }
  return users;
}


/**
 * Seed 003's per-user test: exactly one active user has the e-mail, and a probe account can be created for that user
 * (owned by them), read back with that owner, and removed again. Real calls throughout.
 */
export async function testSugarUser(client: SugarClient, email: string): Promise<TestResult> {
  const user = pickUser(SYSTEM, await listSugarUsers(client), email, 'Employees / Users');
  const name = `Ferry probe ${new Date().toISOString()} (safe to delete)`;
  const id = await client.setEntry('Accounts', { name, assigned_user_id: user.id, description: 'Written and removed by the per-user connection test of Ferry.' }, { idempotent: false });
  try {
    const back = await client.entry('Accounts', id, ['id', 'assigned_user_id']);
    if (back?.['assigned_user_id'] !== user.id) {
      throw new FerryError(
        'permission',
        `${SYSTEM}: a record written for "${user.login}" is owned by ${back?.['assigned_user_id'] ? `user id ${back['assigned_user_id']}` : 'nobody'} instead.`,
        'The connection user must be allowed to assign records to other users (the admin role is).',
      );
    }
  } finally {
    await client.setEntry('Accounts', { id, deleted: '1' }, { idempotent: true });
  }
  return {
    category: 'ok',
    message: `Acting for "${user.login}" (${user.name}, ${email}) works: a probe account owned by that user was created and removed again.`,
    hint: 'Ferry can sync this user\'s records.',
    details: { userId: user.id, login: user.login },
  };
}
