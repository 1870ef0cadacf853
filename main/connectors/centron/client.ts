import os from 'node:os';
import { FerryError, hints } from '../../../shared/errors.js';
import { HttpClient } from '../http/client.js';
import type { Logger } from '../types.js';
import {
  APPLICATION_GUID,
  ResponseEnvelope,
  STATUS_ERROR,
  STATUS_OK,
  STATUS_TICKET_INVALID,
  describeIssues,
  loadMethodNames,
  methods,
  type MethodData,
  type MethodKey,
  type MethodNames,
  type MethodResult,
  type PageResult,
  type PagedMethodKey,
  type RequestEnvelope,
} from './methods.js';

export const SYSTEM = 'c-entron';
export const FERRY_APP_VERSION = '0.1.0';

/** Path segments a user may paste after the instance; the web service lives below the instance. */
const SERVICE_SEGMENTS = new Set(['rest', 'soap', 'help', 'restc']);

const urlHint =
  'Enter the c-entron web-service address up to and including the instance, e.g. https://centron.example.local/CentronService (Ferry adds /REST/<method> itself).';

/**
 * Normalises what the admin typed: keeps scheme, host, port and the instance path; strips a pasted trailing
 * REST, SOAP, HELP or RESTC segment (also with a method name after it, e.g. …/REST/Login), trailing slashes,
 * query and fragment. Throws FerryError('input') with a hint.
 */
export function normalizeCentronUrl(input: string): string {
  const raw = typeof input === 'string' ? input.trim() : '';
  if (!raw) throw new FerryError('input', 'The c-entron web-service URL is empty.', urlHint);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) throw new FerryError('input', `"${raw}" is not a full URL: it lacks http:// or https://.`, urlHint);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FerryError('input', `"${raw}" is not a valid URL.`, urlHint);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new FerryError('input', `The c-entron URL must start with https:// or http://, not ${u.protocol}//.`, urlHint);
  if (u.username || u.password) {
    throw new FerryError('input', 'The c-entron URL must not contain a user name or password.', `${urlHint} The user name is entered separately and the password is kept in the keychain.`);
  }
  const segs = u.pathname.split('/').filter((s) => s !== '');
  for (;;) {
    const last = segs.at(-1);
    const beforeLast = segs.at(-2);
    if (last !== undefined && SERVICE_SEGMENTS.has(last.toLowerCase())) segs.pop();
    else if (beforeLast !== undefined && SERVICE_SEGMENTS.has(beforeLast.toLowerCase()) && segs.length > 2) segs.splice(-2, 2);
    else break;
  }
  if (segs.length === 0) {
    throw new FerryError('input', `"${raw}" names no c-entron instance (the path after the host is empty).`, urlHint);
  }
  return `${u.protocol}//${u.host}/${segs.join('/')}`;
}

export interface CentronClientOptions {
  /** Normalised instance base URL (normalizeCentronUrl). */
  baseUrl: string;
  username: string | null;
  password: string | undefined;
  /** 0 = c-entron user, 1 = forced AD login, 2 = customer web account. */
  loginKind?: 0 | 1 | 2;
  /** EntriesPerPage for *ThroughPaging methods. */
  pageSize?: number;
  /** JSON file mapping logical method names to this site's names. */
  methodsFile?: string | undefined;
  timeoutMs?: number;
  maxConcurrent?: number;
  /** The connection's proxy option (http/proxy.ts): a URL, `direct`, or absent for the environment's. */
  proxy?: string | undefined;
  caFile?: string | undefined;
  pinSha256?: string | undefined;
  /** Retries of idempotent calls on transient failures (HttpClient default when unset). */
  retries?: number;
  log: Logger;
}

export interface CallOptions {
  /** Overrides the method's idempotency (e.g. the update form of SaveMasterDataList may be repeated). */
  idempotent?: boolean;
}

/** One page of a *ThroughPaging method; `items` are raw records for the entity module to validate one by one. */
export interface CentronPage {
  page: number;
  pageCount: number;
  total: number;
  items: unknown[];
}

/** Parsing context for an answer. */
export interface EnvelopeContext {
  method: string;
  url: string;
  /** The call changes data: an answer that cannot be understood leaves the outcome unknown. */
  mayHaveApplied: boolean;
}

/**
 * Parses and validates a response envelope from its raw text. HTML (or XML) → FerryError('config'): the URL
 * reaches a web server but not c-entron's JSON service. Empty/truncated JSON or a wrong shape → FerryError('data').
 */
export function parseEnvelope(body: string, ctx: EnvelopeContext): ResponseEnvelope {
  const details = { method: ctx.method, ...(ctx.mayHaveApplied ? { outcomeUnknown: true } : {}) };
  const unknownOutcome = ctx.mayHaveApplied ? ' The change may or may not have been applied; Ferry checks before writing again.' : '';
  const text = typeof body === 'string' ? body.replace(/^\uFEFF/, '') : '';
  const head = text.trimStart();
  if (head.startsWith('<')) {
    const title = /<title[^>]*>([^<]{0,120})/i.exec(head)?.[1]?.trim();
    throw new FerryError(
      'config',
      `${SYSTEM} at ${ctx.url} answered ${ctx.method} with an HTML page${title ? ` ("${title}")` : ''} instead of the web service's JSON.${unknownOutcome}`,
      `${urlHint} An HTML page usually means the address points at another web site, a login or proxy page, or the SOAP endpoint.`,
      details,
    );
  }
  if (head === '') {
    throw new FerryError('data', `${SYSTEM} at ${ctx.url} answered ${ctx.method} with an empty body.${unknownOutcome}`, 'The answer was lost on the way: check proxies between Ferry and c-entron and the c-entron service log; Ferry tries again on the next run.', details);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FerryError(
      'data',
      `${SYSTEM} at ${ctx.url} answered ${ctx.method} with invalid JSON (${(e as Error).message}); the answer may have been cut off.${unknownOutcome}`,
      'The answer was cut off or garbled: check proxies and the network between Ferry and c-entron, and the c-entron service log; Ferry tries again on the next run.',
      details,
    );
  }
  const r = ResponseEnvelope.safeParse(json);
  if (!r.success) {
    throw new FerryError(
      'data',
      `${SYSTEM} at ${ctx.url} answered ${ctx.method} in an unexpected shape: ${describeIssues(r.error)}.${unknownOutcome}`,
      `Expected {"Status": 0, "Message": …, "Result": […]}. Check that the URL points at the c-entron web service (${urlHint.replace(/^Enter /, 'enter ')}).`,
      details,
    );
  }
  return r.data;
}

const PERMISSION_RE =
  /access denied|zugriff verweigert|keine (ausreichenden )?(berechtigung|rechte)|fehlende (berechtigung|rechte)|nicht berechtigt|not authori[sz]ed|unauthori[sz]ed|no permission|permission denied|insufficient (rights|permissions|privileges)|no rights?\b|missing rights?/i;

/** Whether a Status-1 message says the user lacks a right. */
export const isPermissionMessage = (m: string | null | undefined): boolean => typeof m === 'string' && PERMISSION_RE.test(m);

/**
 * The c-entron web-service client: envelopes, ticket (login, one re-login on an expired ticket), status
 * mapping, paging. Every HTTP call goes through HttpClient.
 */
export class CentronClient {
  readonly baseUrl: string;
  readonly pageSize: number;
  private readonly o: CentronClientOptions;
  private readonly log: Logger;
  private http_: HttpClient | null = null;
  private names_: MethodNames | null = null;
  private ticket: string | null = null;
  private pendingLogin: Promise<string> | null = null;
  private loginCount = 0;

  constructor(o: CentronClientOptions) {
    this.o = o;
    this.baseUrl = o.baseUrl;
    this.pageSize = o.pageSize ?? 500;
    this.log = o.log;
  }

  /** The URL a method is posted to. */
  endpoint(method: string): string {
    return `${this.baseUrl}/REST/${method}`;
  }

  /** The method names in use (defaults, overridden by the methods file). Throws FerryError('input') for a bad file. */
  names(): MethodNames {
    this.names_ ??= loadMethodNames(this.o.methodsFile);
    return this.names_;
  }

  method(key: MethodKey): string {
    return this.names()[key];
  }

  /** How many logins this client did (diagnostics; tests check the single re-login). */
  get logins(): number {
    return this.loginCount;
  }

  private http(): HttpClient {
    this.http_ ??= new HttpClient({
      system: SYSTEM,
      baseUrl: `${this.baseUrl}/REST/`,
      timeoutMs: this.o.timeoutMs,
      maxConcurrent: this.o.maxConcurrent,
      proxy: this.o.proxy,
      caFile: this.o.caFile,
      pinSha256: this.o.pinSha256,
      ...(this.o.retries !== undefined ? { retries: this.o.retries } : {}),
    });
    return this.http_;
  }

  /** Calls a method with its Data; handles ticket, Status and the Result shape. Returns the validated Result. */
  async call<K extends MethodKey>(key: K, data: MethodData<K>, co: CallOptions = {}): Promise<MethodResult<K>> {
    const spec = methods[key];
    const name = this.method(key);
    const checked = spec.data.safeParse(data);
    if (!checked.success) {
      throw new FerryError('internal', `Ferry built an invalid ${name} request: ${describeIssues(checked.error)}`, 'This is a bug in Ferry. Keep the log file and report it.');
    }
    if (key === 'login') return this.judge(key, name, await this.send(key, name, null, data, co)) as MethodResult<K>;
    let ticket = spec.ticket ? await this.ensureTicket() : null;
    let env = await this.send(key, name, ticket, data, co);
    if (spec.ticket && env.Status === STATUS_TICKET_INVALID) {
      // A ticket is dropped after 30 idle minutes (or by a server restart): log in again once and repeat.
      // Status 2 means the call was not executed, so repeating even a create is safe.
      this.log.info({ method: name }, 'c-entron ticket invalid or expired; logging in again');
      ticket = await this.renewTicket(ticket);
      env = await this.send(key, name, ticket, data, co);
      if (env.Status === STATUS_TICKET_INVALID) {
        throw new FerryError('auth', `${SYSTEM} at ${this.baseUrl} refused a fresh ticket for ${name} right after logging in.`, `${hints.auth} If the password is right, check in c-entron that the user may use the web service (licence, user not locked).`, { method: name, status: env.Status });
      }
    }
    return this.judge(key, name, env) as MethodResult<K>;
  }

  private async send(key: MethodKey, name: string, ticket: string | null, data: unknown, co: CallOptions): Promise<ResponseEnvelope> {
    const spec = methods[key];
    const envelope: RequestEnvelope = { Ticket: ticket, TrimResponse: 0, Data: data };
    const url = this.endpoint(name);
    let res: { body: string };
    try {
      res = await this.http().post(name, JSON.stringify(envelope), { idempotent: co.idempotent ?? spec.idempotent });
    } catch (e) {
      throw this.transportError(e, key, name);
    }
    return parseEnvelope(res.body, { method: name, url, mayHaveApplied: spec.write });
  }

  private transportError(e: unknown, key: MethodKey, name: string): unknown {
    if (!(e instanceof FerryError)) return e;
    const status = e.details?.['status'];
    if (e.category === 'config' && (status === 404 || status === 405)) {
      if (key === 'login' || key === 'checkConnection') {
        return new FerryError('config', `No c-entron web service at ${this.baseUrl} (${name} answered HTTP ${String(status)}).`, urlHint, { ...e.details, method: name });
      }
      return new FerryError(
        'config',
        `${SYSTEM} at ${this.baseUrl} has no method ${name} (HTTP ${String(status)}).`,
        `This c-entron version may name the method differently (Ferry's logical name "${key}"${methods[key].source === 'assumed' ? '; it is an assumed, non-public method' : ''}): ask c-entron support for its name and put it into a methods file, e.g. {"${key}": "<name>"}, set with --option methodsFile=<path>.`,
        { ...e.details, method: name },
      );
    }
    if (e.details?.['method'] === undefined) return new FerryError(e.category, e.message, e.hint, { ...e.details, method: name });
    return e;
  }

  private judge(key: MethodKey, name: string, env: ResponseEnvelope): unknown[] {
    const spec = methods[key];
    const msg = env.Message ?? '';
    const details = { method: name, status: env.Status, messageCode: env.MessageCode ?? null, ...(spec.write ? { outcomeUnknown: false } : {}) };
    if (env.Status === STATUS_OK) {
      const r = spec.result.safeParse(env.Result ?? []);
      if (!r.success) {
        throw new FerryError('data', `${SYSTEM} answered ${name} with an unexpected Result: ${describeIssues(r.error)}.${spec.write ? ' The change may or may not have been applied; Ferry checks before writing again.' : ''}`, 'The c-entron version may differ from what Ferry expects: keep the log and report it with the c-entron version.', { ...details, ...(spec.write ? { outcomeUnknown: true } : {}) });
      }
      return r.data;
    }
    if (key === 'login') {
      if (env.Status === STATUS_TICKET_INVALID) {
        const kind = this.o.loginKind ?? 0;
        throw new FerryError(
          'auth',
          `${SYSTEM} at ${this.baseUrl} refused the login of "${this.o.username ?? ''}" (wrong user name or password${kind !== 0 ? `, login kind ${kind}` : ''}).`,
          `${hints.auth} For a Windows (AD) account use --option loginKind=1; for a customer web account loginKind=2.`,
          details,
        );
      }
      throw new FerryError('auth', `${SYSTEM} at ${this.baseUrl} refused the login of "${this.o.username ?? ''}": ${msg || `status ${env.Status}`}.`, `Check in c-entron that the user may use the web service (licence, user not locked). ${hints.auth}`, details);
    }
    if (env.Status === STATUS_ERROR && isPermissionMessage(msg)) {
      throw new FerryError(
        'permission',
        `${SYSTEM} denied ${name} to user "${this.o.username ?? ''}": ${msg}`,
        `Grant the c-entron user the right "${spec.right ?? name}" (c-entron rights management), then test again.`,
        details,
      );
    }
    if (env.Status === STATUS_ERROR) {
      throw new FerryError('data', `${SYSTEM} refused ${name}: ${msg || '(no message)'}`, 'c-entron reported an error for this call: see its message; fix the record or setting it names. Ferry tries again on the next run.', details);
    }
    throw new FerryError('data', `${SYSTEM} answered ${name} with unknown status ${env.Status}${msg ? `: ${msg}` : ''}.`, 'The c-entron version may differ from what Ferry expects: keep the log and report it with the c-entron version.', details);
  }

  private ensureTicket(): Promise<string> {
    return this.ticket !== null ? Promise.resolve(this.ticket) : this.login();
  }

  private renewTicket(stale: string | null): Promise<string> {
    // Another call may have logged in meanwhile: use its ticket rather than logging in again.
    if (this.ticket !== null && this.ticket !== stale) return Promise.resolve(this.ticket);
    this.ticket = null;
    return this.login();
  }

  /** Logs in (concurrent callers share one login) and keeps the ticket. Returns the ticket. */
  login(): Promise<string> {
    this.pendingLogin ??= this.doLogin().finally(() => {
      this.pendingLogin = null;
    });
    return this.pendingLogin;
  }

  private async doLogin(): Promise<string> {
    const username = this.o.username ?? '';
    if (!username) throw new FerryError('input', 'The c-entron connection has no user name.', 'Set the c-entron user Ferry logs in with (the connection\'s user name).');
    if (this.o.password === undefined) throw new FerryError('needs-credentials', 'The password of the c-entron connection is not available.', hints.needsCredentials);
    this.loginCount++;
    const result = await this.call('login', {
      Username: username,
      Password: this.o.password,
      Application: APPLICATION_GUID,
      AppVersion: FERRY_APP_VERSION,
      Device: `Ferry on ${os.hostname()}`,
      LoginKind: this.o.loginKind ?? 0,
    });
    this.ticket = result[0]!;
    return this.ticket;
  }

  /** CheckConnection (no ticket): whether the c-entron service says it is available. */
  async checkConnection(): Promise<boolean> {
    const r = await this.call('checkConnection', {});
    return r[0] === true;
  }

  /** Pages of a *ThroughPaging method (Page is 1-based), until PageCount is reached or a page is empty. */
  async *pages<K extends PagedMethodKey>(
    key: K,
    data: Omit<MethodData<K>, 'Page' | 'EntriesPerPage'>,
    po: { pageSize?: number; signal?: AbortSignal | undefined; prefetch?: boolean } = {},
  ): AsyncGenerator<CentronPage> {
    const size = po.pageSize ?? this.pageSize;
    // The next page is requested while the caller works on this one (one page ahead, never more).
    const fetchPage = (page: number) => {
      const p = this.call(key, { ...data, Page: page, EntriesPerPage: size } as MethodData<K>);
      p.catch(() => undefined); // handled where it is awaited; a page left unread by an early stop is not an error
      return p;
    };
    let current: ReturnType<typeof fetchPage> | null = fetchPage(1);
    for (let page = 1; ; page++) {
      po.signal?.throwIfAborted();
      const result = await (current ?? fetchPage(page));
      current = null;
      const pr = result[0] as PageResult;
      if (pr.CurrentPage !== undefined && pr.CurrentPage !== page) {
        throw new FerryError('data', `${SYSTEM} answered page ${pr.CurrentPage} of ${this.method(key)} when Ferry asked for page ${page}.`, 'Paging does not work as Ferry expects on this c-entron version: keep the log and report it with the c-entron version.', { method: this.method(key), page });
      }
      const more = page < pr.PageCount && pr.Result.length > 0;
      if (more && po.prefetch !== false) current = fetchPage(page + 1);
      yield { page, pageCount: pr.PageCount, total: pr.Count, items: pr.Result };
      if (!more) return;
    }
  }

  /** Logs out (best effort, bounded) and releases the HTTP client. */
  async close(): Promise<void> {
    const ticket = this.ticket;
    this.ticket = null;
    if (ticket !== null && this.http_) {
      const name = this.method('logout');
      let timer: NodeJS.Timeout | undefined;
      const bounded = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 2000);
        timer.unref();
      });
      await Promise.race([this.send('logout', name, ticket, {}, { idempotent: false }).catch(() => undefined), bounded]);
      clearTimeout(timer);
    }
    this.http_?.close();
    this.http_ = null;
  }
}
