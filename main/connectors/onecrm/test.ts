import { toErrorBody } from '../../../shared/errors.js';
import { fetchCertificateFingerprint } from '../http/tls.js';
import type { TestResult } from '../types.js';
import { notOneCrmHint, type OneCrmClient } from './client.js';
import { testOneCrmUser } from './users.js';

/** The models Ferry syncs. */
export const MODELS = ['Account', 'Contact', 'Case'] as const;

/** A failed step as a test result; a TLS failure carries the certificate's fingerprint so the admin can pin it. */
export async function failure(e: unknown, client: OneCrmClient): Promise<TestResult> {
  const body = toErrorBody(e);
  if (body.category === 'tls') {
    const fingerprint = await fetchCertificateFingerprint(client.url);
    return {
      category: 'tls',
      message: fingerprint ? `${body.message} The server presents a certificate with SHA-256 fingerprint ${fingerprint}.` : body.message,
      hint: body.hint,
      details: { fingerprint },
    };
  }
  if (body.category === 'needs-credentials') return { category: 'auth', message: body.message, hint: body.hint };
  const category = (['unreachable', 'auth', 'permission', 'unsupported', 'config'] as const).find((c) => c === body.category);
  return { category: category ?? 'config', message: body.message, hint: category || body.category === 'internal' ? body.hint : notOneCrmHint };
}

/**
 * The connection test, with real calls: a token with the configured grant (unreachable / no API → config, refused
 * client or user → auth, an edition without the API → permission), then one Account and the models' /meta (which
 * tells whether deltas are possible).
 */
export async function testOneCrm(client: OneCrmClient, opts?: { user?: string }): Promise<TestResult> {
  if (opts?.user) {
    try {
      return await testOneCrmUser(client, opts.user);
    } catch (e) {
      return failure(e, client);
    }
  }
  try {
    await client.login();
    const accounts = await client.list('Account', { offset: 0, limit: 1, fields: ['id'] });
    const delta: string[] = [];
    for (const m of MODELS) if ((await client.meta(m)).modifiedSince !== null) delta.push(m);
    const who = client.grant === 'password' ? `as "${client.username ?? ''}"` : `as OAuth client "${client.clientId ?? ''}"`;
    return {
      category: 'ok',
      message: `Connected to 1CRM at ${client.url} ${who} (${client.grant} grant); ${accounts.total ?? 'some'} account(s); ${
        delta.length === MODELS.length ? 'changes can be read as deltas' : delta.length === 0 ? 'no modified-since filter: every read is full and compared by hash' : `deltas for ${delta.join(', ')}, full reads for the rest`
      }.`,
      hint: 'Run the preflight checks next.',
      details: { grant: client.grant, accounts: accounts.total, delta: delta.join(',') },
    };
  } catch (e) {
    return failure(e, client);
  }
}
