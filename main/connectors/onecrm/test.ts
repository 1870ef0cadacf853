import { failedTest } from '../http/test-result.js';
import type { TestResult } from '../types.js';
import { notOneCrmHint, type OneCrmClient } from './client.js';
import { testOneCrmUser } from './users.js';

/** The models Ferry syncs. */
export const MODELS = ['Account', 'Contact', 'Case'] as const;

/** A failed step as a test result (see failedTest). */
export const failure = (e: unknown, client: OneCrmClient): Promise<TestResult> => failedTest(e, client.url, { notThisApiHint: notOneCrmHint });

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
