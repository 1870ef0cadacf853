import { createHash } from 'node:crypto';
import { FerryError, hints } from '../../../shared/errors.js';
import { HttpClient } from '../http/client.js';
import type { Logger } from '../types.js';

export interface SugarClientOptions {
  /** Normalised site URL, ending in `/` (e.g. https://crm.example.com/suitecrm/). */
  url: string;
  username: string | null;
  password: string | null;
  maxConcurrent?: number;
  /** The connection's proxy option (http/proxy.ts): a URL, `direct`, or absent for the environment's. */
  proxy?: string;
  caFile?: string;
  pinSha256?: string;
  timeoutMs?: number;
  retries?: number;
  log: Logger;
}

export const SYSTEM = 'SugarCRM';
/** Where the v4_1 REST API lives below the site: SugarCRM CE / SuiteCRM 7, then SuiteCRM 8's legacy layout. */
export const ENDPOINT_PATHS = ['service/v4_1/rest.php', 'legacy/service/v4_1/rest.php'] as const;

export const notSugarHint =
  'Enter the CRM\'s site address (e.g. https://crm.example.com/ or, for SuiteCRM 8, the address in front of /public), or the full URL ending in /service/v4_1/rest.php.';
export const fatalHint =
  'The CRM answered with a PHP error page instead of JSON. Check that the legacy REST API v4_1 is enabled and that the SuiteCRM/SugarCRM version supports the PHP version it runs on (SuiteCRM 7.13+ for PHP 8); the PHP error log on the server names the cause.';
export const dbFailureHint =
  'The CRM\'s database rejected a query Ferry sent (sugarcrm.log on the server has the details). Check that the modules and fields Ferry uses exist in this CRM (the preflight lists them).';

/** A v4_1 error body: `{"name":"Invalid Login","number":10,"description":"..."}` answered with HTTP 200. */
export interface SugarFaultBody {
  name: string;
  number: number;
  description: string;
}

export const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** A value inside a single-quoted SQL string literal (MySQL default mode): backslashes doubled, quotes doubled, NUL escaped. */
export function sqlString(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\0')}'`;
}

/** Values come HTML-encoded (SugarBean's to_html): `O&#039;Brien &amp; Söhne` → `O'Brien & Söhne`. */
export function htmlDecode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|quot|apos|lt|gt|amp|nbsp);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(Number.parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(Number.parseInt(k.slice(1), 10));
    return ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&', nbsp: '\u00a0' } as Record<string, string>)[k] ?? m;
  });
}

/** SugarCRM's database time format, UTC, one-second resolution. */
export function sugarTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function parseSugarTime(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function isFaultBody(v: unknown): v is SugarFaultBody {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o['name'] === 'string' && (typeof o['number'] === 'number' || typeof o['number'] === 'string') && !('id' in o) && !('entry_list' in o);
}

class SessionExpired extends Error {}

export interface Entry {
  id: string;
  values: Record<string, string>;
  /** Ids per link name, when links were asked for. */
  links: Record<string, string[]>;
}

export interface EntryList {
  resultCount: number;
  nextOffset: number;
  totalCount: number | null;
  entries: Entry[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

function nameValues(nvl: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!nvl || typeof nvl !== 'object') return out;
  for (const [k, v] of Object.entries(nvl as Record<string, unknown>)) {
    if (v && typeof v === 'object' && 'value' in v) out[k] = htmlDecode(str((v as { value: unknown }).value));
    else out[k] = htmlDecode(str(v));
  }
  return out;
}

function linksOf(rel: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const list = (rel as { link_list?: unknown } | null)?.link_list;
  if (!Array.isArray(list)) return out;
  for (const l of list as { name?: unknown; records?: unknown }[]) {
    if (typeof l?.name !== 'string' || !Array.isArray(l.records)) continue;
    out[l.name] = (l.records as { link_value?: Record<string, { value?: unknown }> }[])
      .map((r) => str(r?.link_value?.['id']?.value))
      .filter((id) => id !== '');
  }
  return out;
}

/**
 * The legacy REST API v4_1 over the shared HTTP client: endpoint probing, md5 login, one session kept and renewed
 * once on "Invalid Session ID", every answer classified (HTTP 200 error bodies, PHP fatal pages, database failures).
 * Parameters are always sent by their exact names (PHP 8 binds them as named arguments).
 */
export class SugarClient {
  readonly url: string;
  private readonly http: HttpClient;
  private endpointP: Promise<string> | null = null;
  private sessionP: Promise<{ id: string; userId: string }> | null = null;

  constructor(private readonly o: SugarClientOptions) {
    this.url = o.url;
    this.http = new HttpClient({
      system: SYSTEM,
      baseUrl: `${new URL(o.url).origin}/`,
      maxConcurrent: o.maxConcurrent ?? 2,
      proxy: o.proxy,
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.retries !== undefined ? { retries: o.retries } : {}),
      ...(o.caFile ? { caFile: o.caFile } : {}),
      ...(o.pinSha256 ? { pinSha256: o.pinSha256 } : {}),
    });
  }

  get username(): string | null {
    return this.o.username;
  }

  /** One raw call to an endpoint path; answers the parsed JSON or throws a classified FerryError. */
  private async raw(path: string, method: string, params: Record<string, unknown> | unknown[], idempotent: boolean): Promise<unknown> {
    const form = new URLSearchParams({ method, input_type: 'JSON', response_type: 'JSON', rest_data: JSON.stringify(params) });
    const res = await this.http.post(path, form.toString(), { idempotent, contentType: 'application/x-www-form-urlencoded' });
    const where = `${SYSTEM} at ${this.url}`;
    const body = res.body.trim();
    if (/^Database failure\b/i.test(body)) throw new FerryError('config', `${where}: the database rejected the query of ${method}.`, dbFailureHint, { method });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      const fatal = /Fatal error|Uncaught|Parse error/i.test(body);
      const excerpt = body.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').slice(0, 200);
      throw new FerryError(
        'config',
        fatal ? `${where}: ${method} failed with a PHP error: ${excerpt}` : `${where}: ${method} did not answer JSON (${excerpt || 'empty answer'}).`,
        fatal ? fatalHint : notSugarHint,
        { method, phpError: fatal },
      );
    }
    if (isFaultBody(parsed)) {
      const n = Number(parsed.number);
      if (n === 11) throw new SessionExpired();
      if (n === 10) {
        throw new FerryError('auth', `${where} refused the login of "${this.o.username ?? ''}" (Invalid Login).`, `${hints.auth} The user must be active in the CRM.`, { sugarError: n });
      }
      if (n === 20) throw new FerryError('unsupported', `${where}: ${parsed.name} (${method}).`, 'This CRM does not have that module (AOS modules exist only in SuiteCRM).', { sugarError: n });
      if (n === 40) throw new FerryError('permission', `${where}: ${parsed.name} (${method}).`, hints.permission, { sugarError: n });
      throw new FerryError('config', `${where}: ${method} failed: ${parsed.name}${parsed.description ? ` — ${parsed.description}` : ''} (error ${parsed.number}).`, hints.config, { sugarError: n, method });
    }
    return parsed;
  }

  /** Probes `service/v4_1/rest.php`, then SuiteCRM 8's `legacy/service/v4_1/rest.php` (unless a full URL was given). */
  endpoint(): Promise<string> {
    this.endpointP ??= this.probe().catch((e: unknown) => {
      this.endpointP = null;
      throw e;
    });
    return this.endpointP;
  }

  private async probe(): Promise<string> {
    const base = new URL(this.url).pathname;
    let last: unknown = null;
    for (const p of ENDPOINT_PATHS) {
      const path = `${base}${p}`;
      try {
        const info = await this.raw(path, 'get_server_info', [], true);
        if (info && typeof info === 'object' && !Array.isArray(info)) {
          this.o.log.debug({ path }, 'sugarcrm: endpoint found');
          return path;
        }
        last = new FerryError('config', `${SYSTEM} at ${this.url}: ${path} answered, but not like the v4_1 REST API.`, notSugarHint);
      } catch (e) {
        if (e instanceof FerryError && (e.category === 'config' && (e.details?.['status'] === 404 || e.details?.['phpError'] === false))) {
          last = e;
          continue;
        }
        throw e;
      }
    }
    throw new FerryError('config', `${SYSTEM}: no v4_1 REST API found at ${this.url} (tried ${ENDPOINT_PATHS.join(' and ')}).`, notSugarHint, {
      cause: last instanceof Error ? last.message : null,
    });
  }

  /** Server facts without a session (version, flavour, server clock). */
  async serverInfo(): Promise<{ flavor: string; version: string; gmtTime: string | null }> {
    const r = (await this.raw(await this.endpoint(), 'get_server_info', [], true)) as Record<string, unknown>;
    return { flavor: str(r['flavor']), version: str(r['version']), gmtTime: str(r['gmt_time']) || null };
  }

  /** The server's clock (UTC ms): delta cursors come from it, so a skewed local clock cannot lose changes. */
  async serverNow(): Promise<number> {
    const info = await this.serverInfo();
    return (info.gmtTime ? parseSugarTime(info.gmtTime) : null) ?? Date.now();
  }

  session(): Promise<{ id: string; userId: string }> {
    this.sessionP ??= this.login().catch((e: unknown) => {
      this.sessionP = null;
      throw e;
    });
    return this.sessionP;
  }

  private async login(): Promise<{ id: string; userId: string }> {
    if (!this.o.username || this.o.password === null) {
      throw new FerryError('needs-credentials', `${SYSTEM} at ${this.url}: no user name or password for the connection.`, hints.needsCredentials);
    }
    const r = await this.raw(
      await this.endpoint(),
      'login',
      { user_auth: { user_name: this.o.username, password: md5(this.o.password) }, application: 'ferry', name_value_list: [] },
      true,
    );
    const id = str((r as { id?: unknown } | null)?.id);
    if (!id) throw new FerryError('config', `${SYSTEM} at ${this.url}: login answered without a session id.`, notSugarHint);
    const userId = str((r as { name_value_list?: { user_id?: { value?: unknown } } }).name_value_list?.user_id?.value);
    return { id, userId };
  }

  /** A call with the session as first named parameter; an expired session is renewed once. */
  async call(method: string, params: Record<string, unknown>, o: { idempotent: boolean }): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const used = this.session();
      const s = await used;
      try {
        return await this.raw(await this.endpoint(), method, { session: s.id, ...params }, o.idempotent);
      } catch (e) {
        if (!(e instanceof SessionExpired)) throw e;
        // The server checks the session before it does anything, so repeating even a write is safe. Calls in
        // parallel that meet the same expired session share one new login.
        if (this.sessionP === used) this.sessionP = null;
        if (attempt >= 1) {
          throw new FerryError('auth', `${SYSTEM} at ${this.url} rejected a fresh session (Invalid Session ID).`, 'The CRM ends sessions at once: check its session settings (PHP session storage) and the connection user.');
        }
        this.o.log.info({ method }, 'sugarcrm: session expired, logging in again');
      }
    }
  }

  async entryList(a: {
    module: string;
    query: string;
    orderBy: string;
    offset: number;
    fields: string[];
    links?: { name: string; value: string[] }[];
    max: number;
    deleted: boolean;
  }): Promise<EntryList> {
    const r = (await this.call(
      'get_entry_list',
      {
        module_name: a.module,
        query: a.query,
        order_by: a.orderBy,
        offset: a.offset,
        select_fields: a.fields,
        link_name_to_fields_array: a.links ?? [],
        max_results: a.max,
        deleted: a.deleted ? 1 : 0,
      },
      { idempotent: true },
    )) as Record<string, unknown> | null;
    if (!r || typeof r !== 'object' || !Array.isArray(r['entry_list'])) {
      throw new FerryError('data', `${SYSTEM} at ${this.url}: get_entry_list on ${a.module} answered without an entry list.`, hints.config);
    }
    const rels = Array.isArray(r['relationship_list']) ? (r['relationship_list'] as unknown[]) : [];
    const entries = (r['entry_list'] as { id?: unknown; name_value_list?: unknown }[]).map((e, i) => ({
      id: str(e?.id),
      values: nameValues(e?.name_value_list),
      links: linksOf(rels[i]),
    }));
    const total = Number(r['total_count']);
    return { resultCount: Number(r['result_count']) || entries.length, nextOffset: Number(r['next_offset']) || a.offset + entries.length, totalCount: Number.isFinite(total) ? total : null, entries };
  }

  /** One record's values (get_entry), or null when the id does not exist (or is deleted). */
  async entry(module: string, id: string, fields: string[]): Promise<Record<string, string> | null> {
    const r = (await this.call('get_entry', { module_name: module, id, select_fields: fields, link_name_to_fields_array: [], track_view: false }, { idempotent: true })) as { entry_list?: unknown } | null;
    const list = Array.isArray(r?.entry_list) ? (r.entry_list as { id?: unknown; name_value_list?: unknown }[]) : [];
    const e = list.find((x) => str(x?.id) === id);
    if (!e) return null;
    const values = nameValues(e.name_value_list);
    return values['deleted'] === '1' ? null : values;
  }

  async setEntry(module: string, values: Record<string, string>, o: { idempotent: boolean }): Promise<string> {
    const r = (await this.call('set_entry', { module_name: module, name_value_list: Object.entries(values).map(([name, value]) => ({ name, value })) }, o)) as { id?: unknown } | null;
    const id = str(r?.id);
    if (!id) throw new FerryError('data', `${SYSTEM} at ${this.url}: set_entry on ${module} answered without an id.`, hints.config);
    return id;
  }

  async moduleFields(module: string, fields: string[] = []): Promise<Record<string, { type: string; required: boolean }>> {
    const r = (await this.call('get_module_fields', { module_name: module, fields }, { idempotent: true })) as { module_fields?: Record<string, { type?: unknown; required?: unknown }> } | null;
    const out: Record<string, { type: string; required: boolean }> = {};
    for (const [k, v] of Object.entries(r?.module_fields ?? {})) out[k] = { type: str(v?.type), required: Number(v?.required) === 1 };
    return out;
  }

  /** Which of these modules exist in this CRM (get_module_fields answers "Module Does Not Exist" for the others). */
  async modulesPresent(modules: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const m of modules) {
      try {
        await this.moduleFields(m, ['id']);
        out.push(m);
      } catch (e) {
        if (!(e instanceof FerryError && e.category === 'unsupported')) throw e;
      }
    }
    return out;
  }

  async close(): Promise<void> {
    const s = this.sessionP ? await this.sessionP.catch(() => null) : null;
    if (s) await this.raw(await this.endpoint(), 'logout', { session: s.id }, true).catch(() => undefined);
    this.sessionP = null;
    this.http.close();
  }
}
