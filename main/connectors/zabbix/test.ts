import { failedTest } from '../http/test-result.js';
import { hints } from '../../../shared/errors.js';
import type { TestResult } from '../types.js';
import { MIN_VERSION, versionSupported, type ZabbixClient } from './client.js';

const userTypes: Record<number, string> = { 1: 'User', 2: 'Admin', 3: 'Super admin' };

/** A failed step as a test result (see failedTest): a Zabbix that answers something Ferry cannot read is not its API. */
export const failure = (e: unknown, client: ZabbixClient): Promise<TestResult> => failedTest(e, client.url, { notThisApiHint: hints.config });

/**
 * The connection test: apiinfo.version (no login) tells "no Zabbix API here" (unreachable, tls, config) apart from
 * "given credentials" (user.login → auth); then the user's type is reported.
 */
export async function testZabbix(client: ZabbixClient, opts?: { user?: string }): Promise<TestResult> {
  if (opts?.user) {
    return {
      category: 'unsupported',
      message: 'Zabbix has no per-user impersonation: Ferry always acts as the connection user.',
      hint: 'Test the connection without a target user.',
    };
  }
  let version: string;
  try {
    const v = await client.version();
    version = v.raw;
    if (!versionSupported(v)) {
      return {
        category: 'unsupported',
        message: `Zabbix ${v.raw} is not supported.`,
        hint: `Ferry supports Zabbix ${MIN_VERSION.major}.${MIN_VERSION.minor} and newer: upgrade Zabbix.`,
        details: { version: v.raw },
      };
    }
  } catch (e) {
    return failure(e, client);
  }
  try {
    const me = await client.whoAmI();
    return {
      category: 'ok',
      message: `Connected to Zabbix ${version} as "${me.username}" (${userTypes[me.type] ?? `user type ${me.type}`}).`,
      hint: me.type === 3 ? 'Run the preflight checks next.' : 'Connected. The preflight checks tell which rights are missing for writing customers.',
      details: { version, user: me.username, userId: me.userid, userType: me.type, superAdmin: me.type === 3 },
    };
  } catch (e) {
    const r = await failure(e, client);
    return { ...r, details: { ...r.details, version } };
  }
}
