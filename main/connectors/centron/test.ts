import { FerryError, hints, testCategories, type TestCategory } from '../../../shared/errors.js';
import { fetchCertificateFingerprint } from '../http/tls.js';
import type { Logger, TestResult } from '../types.js';
import { SYSTEM, type CentronClient } from './client.js';

type Details = NonNullable<TestResult['details']>;

const isTestCategory = (c: string): c is TestCategory => (testCategories as readonly string[]).includes(c);

/** Maps an error of the connection test to a TestResult (categories outside the test's set become config/auth). */
async function fromError(e: unknown, client: CentronClient, details: Details): Promise<TestResult> {
  if (!(e instanceof FerryError)) {
    return { category: 'unreachable', message: `${SYSTEM} at ${client.baseUrl}: ${e instanceof Error ? e.message : String(e)}`, hint: hints.unreachable, details };
  }
  if (e.category === 'tls') {
    const fp = await fetchCertificateFingerprint(client.baseUrl);
    return {
      category: 'tls',
      message: fp ? `${e.message} The server presents the certificate with SHA-256 fingerprint ${fp}.` : e.message,
      hint: fp ? `${hints.tls} If you trust this server, pin it: --option pinSha256=${fp}` : e.hint,
      details: { ...details, ...(fp ? { fingerprint: fp } : {}) },
    };
  }
  if (e.category === 'needs-credentials') return { category: 'auth', message: e.message, hint: e.hint, details };
  // A bad methods file or a missing user name (input), or an answer that is not c-entron's (data): the setup is wrong.
  const category: TestCategory = isTestCategory(e.category) ? e.category : 'config';
  return { category, message: e.message, hint: e.hint, details };
}

const NAME_FIELDS = ['DisplayText', 'DisplayName', 'Name', 'FullName', 'UserName', 'Username', 'LoginName', 'Login', 'ShortSign'] as const;

/** The user's display name from GetCurrentAppUser, whose fields are not documented. */
export function appUserName(u: Record<string, unknown> | null | undefined): string | null {
  if (!u) return null;
  for (const f of NAME_FIELDS) {
    const v = u[f];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  const first = typeof u['FirstName'] === 'string' ? u['FirstName'] : typeof u['Firstname'] === 'string' ? u['Firstname'] : '';
  const last = typeof u['LastName'] === 'string' ? u['LastName'] : typeof u['Lastname'] === 'string' ? u['Lastname'] : '';
  const full = `${first} ${last}`.trim();
  return full || null;
}

/**
 * The connection test: CheckConnection (no ticket) tells "system not available" from "wrong credentials"; then
 * Login; then who the user is (GetCurrentAppUser, IsUserAdmin) where c-entron answers.
 */
export async function testConnection(client: CentronClient, log: Logger, opts: { user?: string } = {}): Promise<TestResult> {
  const details: Details = { url: client.baseUrl };
  if (opts.user) {
    return {
      category: 'unsupported',
      message: `${SYSTEM} connections do not act for other users: Ferry works as the connection user only.`,
      hint: 'Test the connection without a target user.',
      details,
    };
  }
  let available: boolean;
  try {
    available = await client.checkConnection();
  } catch (e) {
    return fromError(e, client, details);
  }
  if (!available) {
    return {
      category: 'unreachable',
      message: `The ${SYSTEM} web service at ${client.baseUrl} answers, but reports the system as not available (CheckConnection = false).`,
      hint: 'System not available: check that the c-entron application server and its database are running, then test again.',
      details,
    };
  }
  try {
    await client.login();
  } catch (e) {
    return fromError(e, client, details);
  }
  // Who we are: informative only, so a refusal here does not fail the test.
  try {
    const [user] = await client.call('getCurrentAppUser', {});
    const name = appUserName(user as Record<string, unknown> | null | undefined);
    if (name) details['userName'] = name;
    const i3d = (user as Record<string, unknown> | null | undefined)?.['I3D'];
    if (typeof i3d === 'number') details['userI3D'] = i3d;
  } catch (e) {
    log.debug({ err: (e as Error).message }, 'c-entron GetCurrentAppUser not answered');
  }
  try {
    const [admin] = await client.call('isUserAdmin', {});
    details['admin'] = admin === true;
  } catch (e) {
    log.debug({ err: (e as Error).message }, 'c-entron IsUserAdmin not answered');
  }
  const who = typeof details['userName'] === 'string' ? ` as ${details['userName']}` : '';
  return {
    category: 'ok',
    message: `Connected to ${SYSTEM} at ${client.baseUrl}${who}${details['admin'] === true ? ' (administrator)' : ''}.`,
    hint: 'Run the preflight checks next: they confirm the rights and settings the sync needs.',
    details,
  };
}
