// Starts the real peers once per test run (not per test) and hands their addresses to the tests through env.
import { startRadicale } from '../peers/radicale.js';
import { startZabbix } from '../peers/zabbix.js';

export default async function setup(): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    // Zabbix 6.0 (apt: zabbix-server-mysql zabbix-frontend-php php-cli php-mysql mariadb-server): throws with that hint when missing.
    const zabbix = await startZabbix();
    stops.push(zabbix.stop);
    process.env['FERRY_TEST_ZABBIX_URL'] = zabbix.url;
    process.env['FERRY_TEST_ZABBIX_API_URL'] = zabbix.apiUrl;
    process.env['FERRY_TEST_ZABBIX_DB_SOCKET'] = zabbix.dbSocket;
    process.env['FERRY_TEST_ZABBIX_START_MS'] = String(zabbix.startMs);
    // Radicale 3.1 (apt: radicale apache2-utils): CardDAV address books; a service account may write every user's.
    const radicale = await startRadicale();
    stops.push(radicale.stop);
    process.env['FERRY_TEST_RADICALE_URL'] = radicale.url;
    process.env['FERRY_TEST_RADICALE_HTPASSWD'] = radicale.htpasswd;
    process.env['FERRY_TEST_RADICALE_SERVICE_USER'] = radicale.service.name;
    process.env['FERRY_TEST_RADICALE_SERVICE_PASSWORD'] = radicale.service.password;
  } catch (e) {
    await stopAll();
    throw e;
  }
  return stopAll;
}
