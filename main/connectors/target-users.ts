// Users a CRM connection acts for (seed 001): matched by primary e-mail, never picked by guess.
import { FerryError } from '../../shared/errors.js';
import type { TargetUser } from './types.js';

/** E-mail addresses compare trimmed, Unicode-normalised and case-insensitively. */
export const emailKey = (e: string): string => e.trim().normalize('NFC').toLowerCase();

/**
 * The one active user with this primary e-mail, or a FerryError saying why not (none, several, inactive).
 * `where` names the place in the system where an admin fixes it, e.g. "Admin → Users".
 */
export function pickUser(system: string, users: TargetUser[], email: string, where: string): TargetUser {
  const key = emailKey(email);
  const found = users.filter((u) => u.email !== null && emailKey(u.email) === key);
  if (found.length === 0) {
    throw new FerryError('config', `${system}: no user has the primary e-mail address ${email}.`, `Check the address, or set it as the primary e-mail address of that user in the CRM (${where}).`);
  }
  if (found.length > 1) {
    throw new FerryError(
      'config',
      `${system}: ${found.length} users have the primary e-mail address ${email} (${found.map((u) => `"${u.login}"`).join(', ')}).`,
      'Give each user a unique primary e-mail address in the CRM; Ferry never picks one by guess.',
    );
  }
  const u = found[0]!;
  if (!u.active) throw new FerryError('permission', `${system}: the user "${u.login}" (${email}) is not active.`, 'Activate the user in the CRM, or leave them out of the sync.');
  return u;
}
