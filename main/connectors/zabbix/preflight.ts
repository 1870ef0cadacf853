import { toErrorBody } from '../../../shared/errors.js';
import type { PreflightCheck } from '../types.js';
import { MIN_VERSION, superAdminHint, versionSupported, type ZabbixClient } from './client.js';
import { Count, UserWithRole } from './schemas.js';

type Check = Omit<PreflightCheck, 'status' | 'message' | 'hint'>;
const checks = {
  version: { id: 'zabbix.version', title: 'Zabbix API version is supported' },
  login: { id: 'zabbix.login', title: 'Ferry user can log in' },
  readHosts: { id: 'zabbix.read-hosts', title: 'Ferry user may read hosts' },
  createGroups: { id: 'zabbix.create-host-groups', title: 'Ferry user may create host groups (customers)' },
} satisfies Record<string, Check>;

const pass = (c: Check, message: string): PreflightCheck => ({ ...c, status: 'pass', message, hint: '' });
const fail = (c: Check, message: string, hint: string): PreflightCheck => ({ ...c, status: 'fail', message, hint });
const failWith = (c: Check, e: unknown): PreflightCheck => {
  const b = toErrorBody(e);
  return fail(c, b.message, b.hint);
};
const notChecked = (c: Check, why: string): PreflightCheck => fail(c, `Not checked: ${why}.`, 'Fix the check above first.');

/** Each check makes a real call as the connection user. */
export async function preflightZabbix(client: ZabbixClient): Promise<PreflightCheck[]> {
  const out: PreflightCheck[] = [];
  try {
    const v = await client.version();
    if (!versionSupported(v)) {
      out.push(fail(checks.version, `Zabbix ${v.raw} is not supported.`, `Ferry supports Zabbix ${MIN_VERSION.major}.${MIN_VERSION.minor} and newer: upgrade Zabbix.`));
      return [...out, notChecked(checks.login, 'unsupported version'), notChecked(checks.readHosts, 'unsupported version'), notChecked(checks.createGroups, 'unsupported version')];
    }
    out.push(pass(checks.version, `Zabbix ${v.raw}.`));
  } catch (e) {
    out.push(failWith(checks.version, e));
    return [...out, notChecked(checks.login, 'Zabbix is not reachable'), notChecked(checks.readHosts, 'Zabbix is not reachable'), notChecked(checks.createGroups, 'Zabbix is not reachable')];
  }

  let me;
  try {
    me = await client.whoAmI();
    out.push(pass(checks.login, `Logged in as "${me.username}".`));
  } catch (e) {
    out.push(failWith(checks.login, e));
    return [...out, notChecked(checks.readHosts, 'no login'), notChecked(checks.createGroups, 'no login')];
  }

  try {
    const n = await client.call('host.get', { countOutput: true }, Count, { idempotent: true });
    out.push(
      n > 0
        ? pass(checks.readHosts, `The user sees ${n} host(s).`)
        : { ...pass(checks.readHosts, 'The user may read hosts but sees none.'), status: 'warn', hint: 'If Zabbix has hosts, give the Ferry user\'s user group read access to the customers\' host groups (or the Super admin role).' },
    );
  } catch (e) {
    out.push(failWith(checks.readHosts, e));
  }

  // Only Super admins may create host groups in Zabbix 6.0; the role's name is shown to help the admin.
  let role = '';
  try {
    const users = await client.call('user.get', { userids: [me.userid], output: ['userid', 'username'], selectRole: ['roleid', 'name', 'type'] }, UserWithRole.array(), { idempotent: true });
    const r = users[0]?.role;
    if (r && !Array.isArray(r)) role = ` (role "${r.name}")`;
  } catch {
    /* the role name is a courtesy */
  }
  out.push(
    me.type === 3
      ? pass(checks.createGroups, `"${me.username}" is a Super admin${role}.`)
      : fail(checks.createGroups, `"${me.username}" is not a Super admin${role}: Zabbix will refuse to create, rename or delete host groups for customers.`, superAdminHint),
  );
  return out;
}
