import { FerryError } from '../../../shared/errors.js';

/**
 * What every connector does first with the URL an admin typed: parse it, allow http(s) only, refuse credentials in
 * it, drop query and fragment. Each connector then shapes the path its own way. Errors carry the connector's hint.
 */
export function parseAdminUrl(input: string, hint: string): URL {
  const s = input.trim();
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new FerryError('input', `"${s}" is not a URL.`, hint);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FerryError('input', `"${s}" is not an http(s) URL.`, hint);
  if (u.username || u.password) throw new FerryError('input', 'The URL contains a user name or password.', `Remove them from the URL and give them as the connection's user and secret. ${hint}`);
  u.search = '';
  u.hash = '';
  return u;
}
