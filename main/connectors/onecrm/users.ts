import { z } from 'zod';
import { FerryError } from '../../../shared/errors.js';
import { pickUser } from '../target-users.js';
import type { TargetUser, TestResult } from '../types.js';
import { SYSTEM, type OneCrmClient } from './client.js';
import { idForStamp, PAGE_SIZE } from './records.js';

const USER_FIELDS = ['id', 'user_name', 'first_name', 'last_name', 'status', 'email1'];

const UserValues = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  user_name: z.string().min(1),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  email1: z.string().nullable().optional(),
});


/** The CRM's users (model `User`) with their primary e-mail (`email1`), every page (read by id), sorted by login. */
export async function listOneCrmUsers(client: OneCrmClient): Promise<TargetUser[]> {
  const users: TargetUser[] = [];
  const seen = new Set<string>();
  for (let offset = 0; ; ) {
    const page = await client.list('User', { offset, limit: PAGE_SIZE, fields: USER_FIELDS, order: 'id' });
    for (const raw of page.records) {
      const v = UserValues.safeParse(raw);
      if (!v.success || seen.has(v.data.id)) continue;
      seen.add(v.data.id);
      const name = [v.data.first_name, v.data.last_name].filter(Boolean).join(' ').trim() || v.data.user_name;
      users.push({ id: v.data.id, login: v.data.user_name, name, email: v.data.email1?.trim() || null, active: (v.data.status ?? 'Active') === 'Active' });
    }
    if (page.records.length < PAGE_SIZE || (page.total !== null && offset + page.records.length >= page.total)) break;
    offset += page.records.length;
  }
  return users.sort((a, b) => a.login.localeCompare(b.login));
}


/**
 * Seed 003's per-user test: exactly one active user has the e-mail, and a probe account can be written for that user
 * (owned by them), read back with that owner, and deleted again. Real calls throughout.
 */
export async function testOneCrmUser(client: OneCrmClient, email: string): Promise<TestResult> {
  const user = pickUser(SYSTEM, await listOneCrmUsers(client), email, 'Admin → Users');
  const at = new Date().toISOString();
  const id = idForStamp(`probe:${user.id}:${at}:${Math.random()}`);
  await client.patch('Account', id, { name: `Ferry probe ${at} (safe to delete)`, assigned_user_id: user.id, description: 'Written and removed by the per-user connection test of Ferry.' }, true);
  try {
    const back = await client.get('Account', id, ['id', 'assigned_user_id']);
    const owner = back ? String(back['assigned_user_id'] ?? '') : '';
    if (owner !== user.id) {
      throw new FerryError(
        'permission',
        `${SYSTEM}: a record written for "${user.login}" is owned by ${owner ? `user id ${owner}` : 'nobody'} instead.`,
        'The connection user must be allowed to assign records to other users (the admin role is).',
      );
    }
  } finally {
    await client.remove('Account', id);
  }
  return {
    category: 'ok',
    message: `Acting for "${user.login}" (${user.name}, ${email}) works: a probe account owned by that user was created and removed again.`,
    hint: 'Ferry can sync this user\'s records.',
    details: { userId: user.id, login: user.login },
  };
}
