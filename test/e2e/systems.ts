// Acting on the systems behind Ferry as their users and agents would: through Zabbix's API, c-entron's web service
// and SugarCRM's v4_1 API (the simulators run in their own processes) and Radicale's WebDAV, never through Ferry.
import { CentronClient } from '../../main/connectors/centron/client.js';
import { SugarClient } from '../../main/connectors/sugarcrm/client.js';
import { normalizeSugarUrl } from '../../main/connectors/sugarcrm/index.js';
import { createNullLogger } from '../../main/log/index.js';
import { addHtpasswdUser, makeAddressBook, type RadicaleUser } from '../peers/radicale.js';
import { ZabbixApi } from '../peers/zabbix-api.js';
import { api, env } from './fixtures.js';

export const zabbix = () => ZabbixApi.login(`${env('FERRY_E2E_ZABBIX_URL')}api_jsonrpc.php`);

export function centron(): CentronClient {
  return new CentronClient({ baseUrl: env('FERRY_E2E_CENTRON_URL'), username: 'ferry', password: 'secret', pageSize: 500, log: createNullLogger() });
}

/** Sets a c-entron device's serial number through the (assumed) SaveMasterDataList, as an ERP user would. */
export async function setCentronSerial(code: string, serial: string): Promise<void> {
  const c = centron();
  try {
    for await (const p of c.pages('searchMasterDataLists', { Filter: { CustomerI3D: null } } as never)) {
      for (const raw of p.items as { Code?: string | null }[]) {
        if (raw.Code === code) {
          await c.call('saveMasterDataList' as never, { ...raw, SerialNumber: serial } as never);
          return;
        }
      }
    }
    throw new Error(`no c-entron device ${code}`);
  } finally {
    await c.close();
  }
}

/** The connections and the seed-000 pipeline a spec needs, made through the API (the wizard has its own spec). */
export async function ensureSeed000(prefix: string): Promise<{ erp: string; rmm: string; pipeline: string }> {
  const erp = `${prefix}-erp`;
  const rmm = `${prefix}-rmm`;
  const pipeline = `${prefix}-seed000`;
  const existing = await api<{ name: string }[]>('connections.list');
  if (!existing.some((c) => c.name === erp)) {
    await api('connections.create', { kind: 'centron', name: erp, url: env('FERRY_E2E_CENTRON_URL'), username: 'ferry', options: { deviceWrite: 'confirmed' }, secret: 'secret' });
    await api('connections.create', { kind: 'zabbix', name: rmm, url: env('FERRY_E2E_ZABBIX_URL'), username: 'Admin', secret: 'zabbix' });
    await api('pipelines.create', { name: pipeline, left: erp, right: rmm, entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-left' }], timeZone: 'Europe/Berlin', paused: true });
  }
  return { erp, rmm, pipeline };
}

/** Hosts in the first `n` customer groups Ferry made, as an RMM's agents would add them. Answers their codes. */
export async function addHosts(n: number, tag: string): Promise<string[]> {
  const z = await zabbix();
  const groups = await z.call<{ groupid: string; name: string }[]>('hostgroup.get', { output: ['groupid', 'name'], search: { name: '' }, sortfield: 'name' });
  const codes: string[] = [];
  for (const g of groups.filter((g) => /^\d+ /.test(g.name)).slice(0, n)) {
    const code = `${tag}-${g.groupid}`;
    await z.createHost({ host: code, groupIds: [g.groupid], inventory: { serialno_a: `SN-${code}`, os: 'Windows 11 Pro', vendor: 'Lenovo' } });
    codes.push(code);
  }
  return codes;
}

export async function setZabbixSerial(code: string, serial: string): Promise<void> {
  const z = await zabbix();
  const hosts = await z.call<{ hostid: string }[]>('host.get', { output: ['hostid'], filter: { host: [code] } });
  if (!hosts[0]) throw new Error(`no Zabbix host ${code}`);
  await z.updateHost({ hostid: hosts[0].hostid, inventory_mode: 0, inventory: { serialno_a: serial } });
}

/** The SugarCRM simulator's v4_1 API as its admin (the stack starts it with admin / secret). */
export function sugar(): SugarClient {
  return new SugarClient({ url: normalizeSugarUrl(env('FERRY_E2E_SUGARCRM_URL')), username: 'admin', password: 'secret', log: createNullLogger() });
}

/** Every record of a SugarCRM module matching `query` (a SQL WHERE fragment, '' for all), all pages. */
export async function sugarList(c: SugarClient, module: string, query: string, fields: string[]): Promise<{ id: string; values: Record<string, string> }[]> {
  const out: { id: string; values: Record<string, string> }[] = [];
  for (let offset = 0; ; ) {
    const page = await c.entryList({ module, query, orderBy: '', offset, fields, max: 200, deleted: false });
    out.push(...page.entries.map((e) => ({ id: e.id, values: e.values })));
    if (page.entries.length === 0 || page.nextOffset <= offset) return out;
    offset = page.nextOffset;
  }
}

export const radicaleService = (): RadicaleUser => ({ name: env('FERRY_E2E_RADICALE_SERVICE_USER'), password: env('FERRY_E2E_RADICALE_SERVICE_PASSWORD') });

/** A Radicale account and an address book of its own (made as that user): answers the book's URL. */
export async function radicaleUserWithBook(user: RadicaleUser, book: string): Promise<string> {
  addHtpasswdUser(env('FERRY_E2E_RADICALE_HTPASSWD'), user.name, user.password);
  return makeAddressBook(env('FERRY_E2E_RADICALE_URL'), user, book);
}

const basic = (u: RadicaleUser) => `Basic ${Buffer.from(`${u.name}:${u.password}`).toString('base64')}`;

/** The vCards in an address book as `as` sees them: PROPFIND (depth 1) for the cards, then GET each. */
export async function cardsIn(book: string, as: RadicaleUser): Promise<string[]> {
  const res = await fetch(book, { method: 'PROPFIND', headers: { depth: '1', authorization: basic(as), 'content-type': 'application/xml; charset=utf-8' }, body: '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>' });
  const xml = await res.text();
  if (res.status !== 207) throw new Error(`PROPFIND ${book} as ${as.name} answered ${res.status}: ${xml.slice(0, 300)}`);
  const hrefs = [...xml.matchAll(/<(?:\w+:)?href>([^<]+\.vcf)<\/(?:\w+:)?href>/g)].map((m) => m[1]!);
  const cards: string[] = [];
  for (const h of hrefs) {
    const r = await fetch(new URL(h, book), { headers: { authorization: basic(as) } });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`GET ${h} as ${as.name} answered ${r.status}`);
    cards.push(text);
  }
  return cards;
}

/** A vCard's EMAIL values (folded lines joined), lower case. */
export const cardEmails = (card: string): string[] =>
  [...card.replace(/\r?\n[ \t]/g, '').matchAll(/^(?:[\w-]+\.)?EMAIL(?:;[^:\r\n]*)?:(.+?)\r?$/gim)].map((m) => m[1]!.trim().toLowerCase());
