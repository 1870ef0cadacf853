import { FerryError } from '../../../shared/errors.js';
import type { Logger, PreflightCheck } from '../types.js';
import { SYSTEM, type CentronClient, type CentronPage } from './client.js';
import { DEVICE_WRITE_OFF_NOTE } from './devices.js';
import { SETTING_ADDRESS_MASTER_ACTIVE, SETTING_LAST_CUSTOMER_SYNC, type AppSetting } from './methods.js';
import { wcfToIso } from './wcf-date.js';

/** Check ids; a PreflightCheck's id is `centron.<id>`. */
export const preflightCheckIds = ['login', 'address-master', 'read-customers', 'read-devices', 'device-write', 'last-customer-sync'] as const;

const titles: Record<(typeof preflightCheckIds)[number], string> = {
  login: 'Log in to c-entron',
  'address-master': 'Address master active',
  'read-customers': 'User may read customers',
  'read-devices': 'User may read devices',
  'device-write': 'Device write confirmed',
  'last-customer-sync': 'Last customer sync',
};

type Id = (typeof preflightCheckIds)[number];

const check = (id: Id, status: PreflightCheck['status'], message: string, hint = ''): PreflightCheck => ({ id: `centron.${id}`, title: titles[id], status, message, hint });

const fromError = (id: Id, e: unknown, status: PreflightCheck['status'] = 'fail'): PreflightCheck =>
  e instanceof FerryError ? check(id, status, e.message, e.hint) : check(id, status, `Unexpected error: ${e instanceof Error ? e.message : String(e)}`, 'This is a bug in Ferry. Keep the log file and report it.');

async function setting(client: CentronClient, i3d: number): Promise<AppSetting | null> {
  const r = await client.call('getAppSettingByI3D', i3d);
  return r[0] ?? null;
}

async function addressMaster(client: CentronClient): Promise<PreflightCheck> {
  const hint = `Activate the address master (the account structure) in ${SYSTEM}. Check it with SELECT ValueBool FROM ApplicationSettings WHERE ID = ${SETTING_ADDRESS_MASTER_ACTIVE}: the value must be 1.`;
  try {
    const s = await setting(client, SETTING_ADDRESS_MASTER_ACTIVE);
    if (s === null) return check('address-master', 'fail', `${SYSTEM} has no application setting ${SETTING_ADDRESS_MASTER_ACTIVE} (address master).`, hint);
    const v = s.ValueBool ?? (typeof s.Value === 'boolean' ? s.Value : null);
    if (v === true) return check('address-master', 'pass', `The address master is active (setting ${SETTING_ADDRESS_MASTER_ACTIVE}).`);
    return check('address-master', 'fail', `The address master is not active (setting ${SETTING_ADDRESS_MASTER_ACTIVE} is ${v === null ? 'not set' : '0'}).`, hint);
  } catch (e) {
    return fromError('address-master', e);
  }
}

async function mayRead(id: 'read-customers' | 'read-devices', pages: () => AsyncGenerator<CentronPage>, what: string): Promise<PreflightCheck> {
  try {
    for await (const p of pages()) {
      return check(id, 'pass', `The user may read ${what} (${p.total} in ${SYSTEM}).`);
    }
    return check(id, 'pass', `The user may read ${what}.`);
  } catch (e) {
    return fromError(id, e);
  }
}

function deviceWrite(confirmed: boolean): PreflightCheck {
  if (confirmed) {
    return check('device-write', 'pass', 'Device write is confirmed by the admin: Ferry writes devices with SaveMasterDataList (an assumed, non-public c-entron method).');
  }
  return check(
    'device-write',
    'warn',
    `Devices are read-only. ${DEVICE_WRITE_OFF_NOTE}`,
    'To let Ferry create and update devices in c-entron, confirm with c-entron that SaveMasterDataList is available on this site, then set --option deviceWrite=confirmed.',
  );
}

async function lastCustomerSync(client: CentronClient): Promise<PreflightCheck> {
  try {
    const s = await setting(client, SETTING_LAST_CUSTOMER_SYNC);
    const raw = s?.ValueDateTime ?? null;
    if (raw === null) return check('last-customer-sync', 'pass', `No customer sync recorded in ${SYSTEM} yet (setting ${SETTING_LAST_CUSTOMER_SYNC}).`);
    return check('last-customer-sync', 'pass', `Last customer sync recorded in ${SYSTEM}: ${wcfToIso(raw)} (setting ${SETTING_LAST_CUSTOMER_SYNC}).`);
  } catch (e) {
    // Information only: never a failure.
    return fromError('last-customer-sync', e, 'warn');
  }
}

/**
 * Seed 000's prerequisites, each a real call: address master active (setting 10011), the user may read customers
 * and devices, device write confirmed (or why not), and the last customer sync time (setting 50421) as information.
 */
export async function runPreflight(client: CentronClient, o: { deviceWrite: boolean; log: Logger }): Promise<PreflightCheck[]> {
  try {
    await client.login();
  } catch (e) {
    const failed = fromError('login', e);
    return [
      failed,
      ...preflightCheckIds
        .filter((id) => id !== 'login')
        .map((id) => (id === 'device-write' ? deviceWrite(o.deviceWrite) : check(id, 'fail', 'Not checked: Ferry cannot log in to c-entron.', failed.hint))),
    ];
  }
  const login = check('login', 'pass', `Logged in to ${SYSTEM} at ${client.baseUrl}.`);
  const [am, rc, rd, ls] = await Promise.all([
    addressMaster(client),
    mayRead('read-customers', () => client.pages('searchAccounts', { Filter: { SearchText: '', IsActive: null } }, { pageSize: 1, prefetch: false }), 'customers'),
    mayRead('read-devices', () => client.pages('searchMasterDataLists', { Filter: { CustomerI3D: null } }, { pageSize: 1, prefetch: false }), 'devices'),
    lastCustomerSync(client),
  ]);
  const checks = [login, am, rc, rd, deviceWrite(o.deviceWrite), ls];
  for (const c of checks) if (c.status !== 'pass') o.log.info({ check: c.id, status: c.status }, c.message);
  return checks;
}
