import { z } from 'zod';
import { FerryError, hints } from '../../../shared/errors.js';
import { HttpClient } from '../http/client.js';
import type { Logger } from '../types.js';

export type Grant = 'password' | 'client_credentials';

export interface OneCrmClientOptions {
  /** Normalised site URL, ending in `/` (e.g. https://crm.example.com/1crm/); the API is `<site>api.php`. */
  url: string;
  grant: Grant;
  clientId: string | null;
  clientSecret: string | null;
  /** Password grant only: the connection user and their password. */
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
  /** The refresh token kept in the keychain by an earlier process, tried before the configured grant. */
  refreshToken?: string | null;
  /**
   * Keeps the current refresh token in the keychain (null: forgets it); called only when it changed. Must not reject
   * for a keychain failure (ConnectorContext.saveSecret logs and swallows those).
   */
  saveRefreshToken?: (value: string | null) => Promise<void>;
  /**
   * Clock (ms) for token expiry and delta cursors. Default: Date.now for tokens and the server's HTTP `Date` header
   * for cursors. Tests pass the simulator's fake clock.
   */
  now?: () => number;
}

export const SYSTEM = '1CRM';
/** What Ferry asks for (crm-apis.md: `read write profile`). */
export const SCOPE = 'read write profile';
/** A token is refreshed when less than this much of its life is left (or half its lifetime, if that is shorter). */
export const REFRESH_MARGIN_MS = 60_000;

export const notOneCrmHint = 'Enter the 1CRM site address (e.g. https://crm.example.com/), the address in front of /api.php; the API must be enabled.';
export const editionHint =
  'The 1CRM REST API is only available in the Professional and Enterprise editions: upgrade the edition (or enable the API in a Pro/Enterprise installation). If the edition has it, check the connection user\'s role.';
export const httpsHint = '1CRM refuses its API over plain HTTP: use the https:// address of the CRM.';
export const scopeHint = `The OAuth client must be allowed the scopes "${SCOPE}" (1CRM: Admin → OAuth clients).`;
export const clientHint = 'Check the client ID option and update the client secret (ferry connections set-secret <name> --secret-name clientSecret --secret-stdin).';
export const rejectedHint = 'Check the values Ferry sends against the CRM\'s field definitions (required fields, lengths, dropdown values); the preflight lists the fields Ferry uses.';

/** 1CRM's date format for date_modified and the modified-since filter: UTC, `Y-m-d H:i:s`. */
export function crmTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function parseCrmTime(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) return null;
  if (m[7] && m[7] !== 'Z') {
    const t = Date.parse(s.trim().replace(' ', 'T'));
    return Number.isFinite(t) ? t : null;
  }
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

// ---- answers, validated ----

const numberish = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const TokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'a Bearer token'),
  expires_in: numberish.optional(),
  refresh_token: z.string().min(1).optional(),
});
const ErrorAnswer = z.object({ error: z.string(), error_description: z.string().optional(), message: z.string().optional() }).passthrough();
export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const RecordShape = z.record(z.string(), z.unknown());
const ListAnswer = z.object({ records: z.array(RecordShape), total_results: numberish.optional() });
const RecordAnswer = z.object({ record: RecordShape });
const IdAnswer = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) });
const MetaAnswer = z.object({
  fields: z.union([
    z.record(z.string(), z.object({ type: z.string().optional(), model: z.string().optional(), len: numberish.optional() }).passthrough()),
    z.array(z.object({ name: z.string(), type: z.string().optional(), model: z.string().optional(), len: numberish.optional() }).passthrough()),
  ]),
  filters: z
    .union([
      z.record(z.string(), z.object({ field: z.string().optional(), operator: z.string().optional(), type: z.string().optional() }).passthrough()),
      z.array(z.object({ name: z.string(), field: z.string().optional(), operator: z.string().optional(), type: z.string().optional() }).passthrough()),
    ])
    .optional(),
});

export interface ModelMeta {
  /** Field name → type, the model a reference points to, and the longest value the field keeps (characters). */
  fields: Map<string, { type: string; model: string | null; len: number | null }>;
  /** Filter name → the field it looks at and its operator. */
  filters: Map<string, { field: string | null; operator: string | null }>;
  /** The name of a modified-since filter (`date_modified >=`), or null when the model offers none. */
  modifiedSince: string | null;
}

/** Whether a filter of /meta is a modified-since filter: on date_modified, "greater or equal" (or named so). */
function isModifiedSince(name: string, f: { field: string | null; operator: string | null }): boolean {
  const op = (f.operator ?? '').toLowerCase();
  const gte = ['gte', '>=', 'ge', 'since', 'after'].includes(op);
  if (f.field === 'date_modified' && (gte || op === '')) return gte || /since|after|from/i.test(name);
  return f.field === null && /^(date_)?modified_(since|after|from)$/i.test(name);
}

export function parseMeta(raw: unknown, where: string): ModelMeta {
  const r = MetaAnswer.safeParse(raw);
  if (!r.success) throw new FerryError('data', `${where}: the field metadata does not have the expected shape (${r.error.issues[0]?.message ?? 'invalid'}).`, hints.config);
  const fields = new Map<string, { type: string; model: string | null; len: number | null }>();
  const list = Array.isArray(r.data.fields) ? r.data.fields.map((f) => [f.name, f] as const) : Object.entries(r.data.fields);
  for (const [name, f] of list) fields.set(name, { type: f.type ?? '', model: f.model ?? null, len: f.len !== undefined && f.len > 0 ? f.len : null });
  const filters = new Map<string, { field: string | null; operator: string | null }>();
  const fl = r.data.filters === undefined ? [] : Array.isArray(r.data.filters) ? r.data.filters.map((f) => [f.name, f] as const) : Object.entries(r.data.filters);
  for (const [name, f] of fl) filters.set(name, { field: f.field ?? null, operator: f.operator ?? null });
  let modifiedSince: string | null = null;
  for (const [name, f] of filters) if (isModifiedSince(name, f)) modifiedSince ??= name;
  return { fields, filters, modifiedSince };
}

export type Rec = Record<string, unknown>;

export interface ListQuery {
  offset: number;
  limit: number;
  fields?: string[];
  filters?: Record<string, string>;
  order?: string;
}

interface Token {
  access: string;
  /** Local-clock time after which the token is not used any more (expiry minus the margin). */
  renewAt: number;
  refresh: string | null;
}

/** Statuses the client judges itself (their JSON bodies say why); the rest is HttpClient's classification. */
const JUDGED = [400, 401, 403, 404, 405, 409, 410, 422] as const;

/**
 * 1CRM's REST API (`<site>api.php`) over the shared HTTP client: OAuth 2 (password or client-credentials grant),
 * the access token refreshed before it expires and once more on a 401, every answer validated and every error
 * classified with a hint. The refresh token is kept in the keychain through `saveRefreshToken`, so the next process
 * starts with it (see README).
 */
export class OneCrmClient {
  readonly url: string;
  readonly apiPath: string;
  private readonly http: HttpClient;
  private tok: Token | null = null;
  private pending: Promise<Token> | null = null;
  private refreshToken: string | null = null;
  /** The refresh token the keychain holds as far as this client knows (what it was given or last saved). */
  private storedRefresh: string | null = null;
  private readonly metas = new Map<string, Promise<ModelMeta>>();
  /** The metadata already read, for synchronous use (storedForm). */
  private readonly known = new Map<string, ModelMeta>();
  /** The server's clock from the last answer's `Date` header, with the local time it arrived. */
  private serverClock: { server: number; local: number } | null = null;

  constructor(private readonly o: OneCrmClientOptions) {
    this.url = o.url;
    this.refreshToken = o.refreshToken ?? null;
    this.storedRefresh = this.refreshToken;
    this.apiPath = `${new URL(o.url).pathname}api.php`;
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

  get grant(): Grant {
    return this.o.grant;
  }

  get username(): string | null {
    return this.o.username;
  }

  get clientId(): string | null {
    return this.o.clientId;
  }

  private localNow(): number {
    return this.o.now ? this.o.now() : Date.now();
  }

  /** The server's time now (UTC ms), for delta cursors: its `Date` header moved on by the local clock, else local time. */
  serverNow(): number {
    if (this.o.now) return this.o.now();
    if (!this.serverClock) return Date.now();
    return this.serverClock.server + (Date.now() - this.serverClock.local);
  }

  private where(): string {
    return `${SYSTEM} at ${this.url}`;
  }

  private noteDate(headers: Record<string, unknown>): void {
    const d = headers['date'];
    const t = typeof d === 'string' ? Date.parse(d) : Number.NaN;
    if (Number.isFinite(t)) this.serverClock = { server: t, local: Date.now() };
  }

  /** A non-2xx answer the client judges itself → a classified FerryError. */
  private failure(status: number, body: string, what: string, token: boolean): FerryError {
    let parsed: z.infer<typeof ErrorAnswer> | null = null;
    try {
      const r = ErrorAnswer.safeParse(JSON.parse(body));
      if (r.success) parsed = r.data;
    } catch {
      parsed = null;
    }
    const where = this.where();
    const code = parsed?.error ?? '';
    const desc = parsed?.error_description ?? parsed?.message ?? '';
    const said = parsed ? ` (${code}${desc ? `: ${desc}` : ''})` : '';
    const details = { status, ...(code ? { error: code } : {}) };
    if (!parsed) {
      if (status === 403) return new FerryError('permission', `${where} denied access to ${what} (HTTP 403).`, editionHint, details);
      return new FerryError('config', `${where}: no 1CRM API answered ${what} (HTTP ${status}, not JSON).`, notOneCrmHint, details);
    }
    if (status === 403) {
      if (code === 'https_required') return new FerryError('config', `${where} refuses the API over plain HTTP${said}.`, httpsHint, details);
      if (code === 'insufficient_scope') return new FerryError('permission', `${where}: the access token lacks a scope for ${what}${said}.`, scopeHint, details);
      return new FerryError('permission', `${where} denied access to ${what}${said}.`, editionHint, details);
    }
    if (token) {
      if (code === 'invalid_client' || status === 401) return new FerryError('auth', `${where} refused the OAuth client "${this.o.clientId ?? ''}"${said}.`, clientHint, details);
      if (code === 'invalid_grant') {
        return this.o.grant === 'password'
          ? new FerryError('auth', `${where} refused the login of "${this.o.username ?? ''}"${said}.`, `${hints.auth} The user must be active in the CRM.`, details)
          : new FerryError('auth', `${where} refused the client-credentials grant${said}.`, 'The user the OAuth client acts as must exist and be active in the CRM (Admin → OAuth clients).', details);
      }
      if (code === 'unauthorized_client') {
        return new FerryError('config', `${where}: the OAuth client "${this.o.clientId ?? ''}" may not use the ${this.o.grant} grant${said}.`, `In 1CRM (Admin → OAuth clients) make the client a private client allowed to use the ${this.o.grant} grant, or choose the other grant in the connection's options.`, details);
      }
      if (code === 'unsupported_grant_type') return new FerryError('unsupported', `${where} does not offer the ${this.o.grant} grant${said}.`, 'Choose the other grant in the connection\'s options.', details);
      if (code === 'invalid_scope') return new FerryError('config', `${where} refused the scope "${SCOPE}"${said}.`, scopeHint, details);
      return new FerryError('config', `${where}: the token endpoint answered HTTP ${status}${said}.`, notOneCrmHint, details);
    }
    if (status === 401) return new FerryError('auth', `${where} rejected a fresh access token for ${what}${said}.`, `${hints.auth} The OAuth client and user must still be valid in the CRM.`, details);
    if (status === 404) return new FerryError('config', `${where}: ${what} was not found${said}.`, notOneCrmHint, details);
    if (status === 405) return new FerryError('unsupported', `${where} does not allow ${what}${said}.`, 'This 1CRM does not offer that operation through its API.', details);
    return new FerryError('config', `${where} rejected ${what}${said}.`, rejectedHint, details);
  }

  // ---- OAuth 2 ----

  /** The current token, or a new one when it is (nearly) expired; calls in parallel share one request. */
  private token(): Promise<Token> {
    if (this.tok && this.localNow() < this.tok.renewAt) return Promise.resolve(this.tok);
    this.pending ??= this.obtain()
      .then((t) => (this.tok = t))
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  /** Drops the token a call was rejected with, so the next call gets a new one. */
  private invalidate(t: Token): void {
    if (this.tok === t) this.tok = null;
  }

  private async obtain(): Promise<Token> {
    if (this.refreshToken) {
      const rt = this.refreshToken;
      this.refreshToken = null;
      try {
        return await this.tokenRequest({ grant_type: 'refresh_token', refresh_token: rt }, false);
      } catch (e) {
        // A refresh token that is rejected (expired, revoked, rotated by an answer we lost) → the configured grant.
        // A server that cannot be reached fails the configured grant just the same.
        if (!(e instanceof FerryError)) throw e;
        this.o.log.info({ reason: e.message }, 'onecrm: refresh token not accepted, requesting a new token');
        // Refused by the token endpoint (400 invalid_grant, 401 invalid_client): the stored one is of no use any more.
        // After a network error, a 429 or a server error it may still be good, so the keychain keeps it until the
        // configured grant replaces it.
        const status = e.details?.['status'];
        if (status === 400 || status === 401) await this.keepRefresh(null);
      }
    }
    return this.primaryGrant();
  }

  /** Brings the keychain's refresh token up to date (only when it changed); a failure is logged, never thrown. */
  private async keepRefresh(value: string | null): Promise<void> {
    if (value === this.storedRefresh || !this.o.saveRefreshToken) return;
    try {
      await this.o.saveRefreshToken(value);
      this.storedRefresh = value;
    } catch (e) {
      this.o.log.warn({ cause: e instanceof Error ? e.message : String(e) }, 'onecrm: the refresh token could not be kept in the keychain');
    }
  }

  private primaryGrant(): Promise<Token> {
    if (!this.o.clientId) throw new FerryError('config', `${this.where()}: no OAuth client ID is set for the connection.`, 'Set the connection\'s clientId option to the client ID of the OAuth client created in 1CRM (Admin → OAuth clients).');
    if (this.o.clientSecret === null || this.o.clientSecret === '') {
      throw new FerryError('needs-credentials', `${this.where()}: no OAuth client secret for the connection.`, hints.needsCredentials.replace('--secret-stdin', '--secret-name clientSecret --secret-stdin'));
    }
    if (this.o.grant === 'password') {
      if (!this.o.username || this.o.password === null) throw new FerryError('needs-credentials', `${this.where()}: no user name or password for the connection (password grant).`, hints.needsCredentials.replace('--secret-stdin', '--secret-name password --secret-stdin'));
      return this.tokenRequest({ grant_type: 'password', username: this.o.username, password: this.o.password, scope: SCOPE }, true);
    }
    return this.tokenRequest({ grant_type: 'client_credentials', scope: SCOPE }, true);
  }

  private async tokenRequest(params: Record<string, string>, idempotent: boolean): Promise<Token> {
    const form = new URLSearchParams({ ...params, client_id: this.o.clientId ?? '', client_secret: this.o.clientSecret ?? '' });
    const sent = this.localNow();
    // A refresh rotates the refresh token: repeating it after a lost answer would only be refused, so it is not retried.
    const res = await this.http.request('POST', `${this.apiPath}/auth/user/access_token`, form.toString(), { idempotent, contentType: 'application/x-www-form-urlencoded', headers: { accept: 'application/json' }, accept: JUDGED });
    this.noteDate(res.headers);
    if (res.status >= 300) throw this.failure(res.status, res.body, 'the token request', true);
    let raw: unknown;
    try {
      raw = JSON.parse(res.body);
    } catch {
      throw new FerryError('config', `${this.where()}: the token endpoint did not answer JSON.`, notOneCrmHint);
    }
    const t = TokenAnswer.safeParse(raw);
    if (!t.success) throw new FerryError('data', `${this.where()}: the token answer does not have the expected shape (${t.error.issues[0]?.message ?? 'invalid'}).`, notOneCrmHint);
    const lifetime = (t.data.expires_in ?? 3600) * 1000;
    // A refresh answer without a new refresh token leaves the old one valid (RFC 6749 section 6).
    this.refreshToken = t.data.refresh_token ?? (params['grant_type'] === 'refresh_token' ? (params['refresh_token'] ?? null) : null);
    await this.keepRefresh(this.refreshToken);
    this.o.log.debug({ grant: params['grant_type'], expiresIn: t.data.expires_in ?? null }, 'onecrm: access token obtained');
    return { access: t.data.access_token, renewAt: sent + lifetime - Math.min(REFRESH_MARGIN_MS, lifetime / 2), refresh: this.refreshToken };
  }

  /** Logs in (or reuses the token): the connection test's first step. */
  async login(): Promise<void> {
    await this.token();
  }

  // ---- resources ----

  /** One API call with the bearer token; a 401 gets one new token and one more try. Answers status and parsed JSON. */
  private async call(method: string, path: string, o: { query?: URLSearchParams; body?: unknown; idempotent: boolean; what: string; allow404?: boolean }): Promise<{ status: number; json: unknown }> {
    const qs = o.query && [...o.query.keys()].length > 0 ? `?${o.query.toString()}` : '';
    for (let attempt = 0; ; attempt++) {
      const t = await this.token();
      const res = await this.http.request(method, `${this.apiPath}${path}${qs}`, o.body === undefined ? null : JSON.stringify(o.body), {
        idempotent: o.idempotent,
        headers: { accept: 'application/json', authorization: `Bearer ${t.access}` },
        contentType: 'application/json',
        accept: JUDGED,
      });
      this.noteDate(res.headers);
      if (res.status === 401 && attempt === 0) {
        // Expired early, revoked, or the server restarted: one new token (refresh or the configured grant), once.
        // The server checks the token before it does anything, so repeating even a write is safe.
        this.invalidate(t);
        this.o.log.info({ what: o.what }, 'onecrm: access token rejected, getting a new one');
        continue;
      }
      if (res.status === 404 && o.allow404) return { status: 404, json: null };
      if (res.status >= 300) throw this.failure(res.status, res.body, o.what, false);
      try {
        return { status: res.status, json: JSON.parse(res.body) as unknown };
      } catch {
        throw new FerryError('data', `${this.where()}: ${o.what} did not answer JSON.`, notOneCrmHint);
      }
    }
  }

  private static parse<T>(schema: z.ZodType<T>, v: unknown, where: string): T {
    const r = schema.safeParse(v);
    if (!r.success) throw new FerryError('data', `${where} does not have the expected shape (${r.error.issues[0]?.path.join('.') ?? ''}: ${r.error.issues[0]?.message ?? 'invalid'}).`, hints.config);
    return r.data;
  }

  /** One page of `GET /data/{Model}` (at most 200 records; the server caps larger limits). */
  async list(model: string, q: ListQuery): Promise<{ records: Rec[]; total: number | null }> {
    const p = new URLSearchParams({ offset: String(q.offset), limit: String(q.limit) });
    for (const f of q.fields ?? []) p.append('fields[]', f);
    for (const [k, v] of Object.entries(q.filters ?? {})) p.append(`filters[${k}]`, v);
    if (q.order) p.set('order', q.order);
    const { json } = await this.call('GET', `/data/${model}`, { query: p, idempotent: true, what: `the list of ${model}` });
    const r = OneCrmClient.parse(ListAnswer, json, `${this.where()}: the list of ${model}`);
    return { records: r.records, total: r.total_results ?? null };
  }

  /** One record, or null when it does not exist (404). */
  async get(model: string, id: string, fields: string[] = []): Promise<Rec | null> {
    const p = new URLSearchParams();
    for (const f of fields) p.append('fields[]', f);
    const { status, json } = await this.call('GET', `/data/${model}/${encodeURIComponent(id)}`, { query: p, idempotent: true, what: `${model} ${id}`, allow404: true });
    if (status === 404) return null;
    return OneCrmClient.parse(RecordAnswer, json, `${this.where()}: ${model} ${id}`).record;
  }

  /** `POST /data/{Model}` — not idempotent (a repeat would create a second record). */
  async create(model: string, data: Rec): Promise<string> {
    const { json } = await this.call('POST', `/data/${model}`, { body: { data }, idempotent: false, what: `creating a ${model}` });
    return OneCrmClient.parse(IdAnswer, json, `${this.where()}: creating a ${model}`).id;
  }

  /**
   * `PATCH /data/{Model}/{id}`; with `create` an upsert under that id (crm-apis.md: "create:true = upsert"), so it may
   * be repeated. Without `create` a missing record is null.
   */
  async patch(model: string, id: string, data: Rec, create: boolean): Promise<string | null> {
    const { status, json } = await this.call('PATCH', `/data/${model}/${encodeURIComponent(id)}`, { body: create ? { data, create: true } : { data }, idempotent: true, what: `writing ${model} ${id}`, allow404: !create });
    if (status === 404) return null;
    return OneCrmClient.parse(IdAnswer, json, `${this.where()}: writing ${model} ${id}`).id;
  }

  /** `DELETE /data/{Model}/{id}`; false when it was not there (already deleted, e.g. by a repeat whose first answer was lost). */
  async remove(model: string, id: string): Promise<boolean> {
    const { status } = await this.call('DELETE', `/data/${model}/${encodeURIComponent(id)}`, { idempotent: true, what: `deleting ${model} ${id}`, allow404: true });
    return status !== 404;
  }

  /** `/meta/fields/{Model}`, read once per client. */
  meta(model: string): Promise<ModelMeta> {
    let p = this.metas.get(model);
    if (!p) {
      p = this.call('GET', `/meta/fields/${model}`, { idempotent: true, what: `the field metadata of ${model}` }).then(({ json }) => {
        const m = parseMeta(json, `${this.where()}: /meta/fields/${model}`);
        this.known.set(model, m);
        return m;
      });
      p.catch(() => this.metas.delete(model));
      this.metas.set(model, p);
    }
    return p;
  }

  /**
   * The values as the CRM keeps them: text cut to each field's length from /meta (once it has been read; until then
   * unchanged). Writes go through it too, so a too-long value is shortened instead of refused.
   */
  fit(model: string, values: Rec): Rec {
    const meta = this.known.get(model);
    if (!meta) return values;
    const out: Rec = {};
    for (const [k, v] of Object.entries(values)) {
      const len = meta.fields.get(k)?.len ?? null;
      out[k] = typeof v === 'string' && len !== null && [...v].length > len ? [...v].slice(0, len).join('').trimEnd() : v;
    }
    return out;
  }

  async close(): Promise<void> {
    this.tok = null;
    this.refreshToken = null;
    this.http.close();
  }
}
