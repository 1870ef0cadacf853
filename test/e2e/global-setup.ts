import { startStack } from './stack.js';

/** Starts the stack once; the tests read its addresses from the environment. Returns the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack();
  process.env['FERRY_E2E_URL'] = stack.ferryUrl;
  process.env['FERRY_E2E_TOKEN'] = stack.token;
  process.env['FERRY_E2E_DATA_DIR'] = stack.dataDir;
  process.env['FERRY_E2E_CENTRON_URL'] = stack.centronUrl;
  process.env['FERRY_E2E_ZABBIX_URL'] = stack.zabbixUrl;
  process.env['FERRY_E2E_SUGARCRM_URL'] = stack.sugarUrl;
  process.env['FERRY_E2E_RADICALE_URL'] = stack.radicale.url;
  process.env['FERRY_E2E_RADICALE_HTPASSWD'] = stack.radicale.htpasswd;
  process.env['FERRY_E2E_RADICALE_SERVICE_USER'] = stack.radicale.serviceUser;
  process.env['FERRY_E2E_RADICALE_SERVICE_PASSWORD'] = stack.radicale.servicePassword;
  return stack.stop;
}
