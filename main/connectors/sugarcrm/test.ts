import { failedTest } from '../http/test-result.js';
import type { TestResult } from '../types.js';
import { notSugarHint, type SugarClient } from './client.js';
import { testSugarUser } from './users.js';

/** Modules Ferry knows; the test reports which exist (AOS_* only in SuiteCRM). Ferry syncs Accounts, Contacts and Cases. */
export const MODULES = ['Accounts', 'Contacts', 'Cases', 'AOS_Contracts', 'AOS_Invoices'] as const;

/** A failed step as a test result (see failedTest). */
export const failure = (e: unknown, client: SugarClient): Promise<TestResult> => failedTest(e, client.url, { notThisApiHint: notSugarHint });

/**
 * The connection test, with real calls: the endpoint is probed (unreachable / not a v4_1 API / PHP error page →
 * config), then the connection user logs in (Invalid Login → auth).
 */
export async function testSugar(client: SugarClient, opts?: { user?: string }): Promise<TestResult> {
  if (opts?.user) {
    try {
      return await testSugarUser(client, opts.user);
    } catch (e) {
      return failure(e, client);
    }
  }
  try {
    const endpoint = await client.endpoint();
    const info = await client.serverInfo();
    const s = await client.session();
    const modules = await client.modulesPresent(MODULES);
    return {
      category: 'ok',
      message: `Connected to ${info.flavor ? `SugarCRM ${info.flavor}` : 'SugarCRM'} ${info.version} at ${endpoint} as "${client.username ?? ''}"; modules: ${modules.join(', ')}.`,
      hint: 'Run the preflight checks next.',
      details: { endpoint, version: info.version, flavor: info.flavor, userId: s.userId, modules: modules.join(',') },
    };
  } catch (e) {
    return failure(e, client);
  }
}
