import { z } from 'zod';
import { FerryError, hints } from '../../../shared/errors.js';
import { HttpClient } from '../http/client.js';
import type { Logger } from '../types.js';
import { AuthUser, LoginToken, RpcEnvelope, type RpcError, VersionString } from './schemas.js';

export interface ZabbixClientOptions {
  /** Normalised frontend base URL, ending in `/`. */
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

export interface ZabbixVersion {
  raw: string;
  major: number;
  minor: number;
}

export const MIN_VERSION = { major: 6, minor: 0 } as const;
const SYSTEM = 'Zabbix';

export const superAdminHint =
  'Give the Ferry user the "Super admin role" in Zabbix (Users → Users → <user> → Permissions → Role): in Zabbix 6.0 only Super admins may create, rename and delete host groups, which is how Ferry keeps customers.';

export function parseVersion(raw: string): ZabbixVersion {
  const [major = 0, minor = 0] = raw.split('.').map((n) => Number.parseInt(n, 10));
  return { raw, major, minor };
}

export const versionSupported = (v: ZabbixVersion): boolean => v.major > MIN_VERSION.major || (v.major === MIN_VERSION.major && v.minor >= MIN_VERSION.minor);

/** Maps a JSON-RPC error answer of Zabbix to a FerryError. Zabbix tells kinds of errors apart only by text (English). */
export function classifyRpcError(method: string, err: RpcError, username: string | null): FerryError {
  const text = err.data ?? err.message;
  const details = { method, zabbixCode: err.code, zabbixError: text };
  const said = `Zabbix answered ${method}: ${text}`;
  if (/Incorrect user name or password|temporarily blocked/i.test(text)) {
    return new FerryError(
      'auth',
      `Zabbix refused the login of "${username ?? ''}": wrong user name or password, or the account is blocked after failed logins.`,
      `${hints.auth} Zabbix blocks an account for a while (default 30 s) after 5 failed logins.`,
      details,
    );
  }
  if (/Session terminated|Not authori[sz]ed|API token expired/i.test(text)) {
    return new FerryError('auth', `Zabbix ended Ferry's session (${text}).`, hints.auth, { ...details, sessionExpired: true });
  }
  if (/No permissions for system access|GUI access disabled/i.test(text)) {
    return new FerryError('permission', `The Zabbix user "${username ?? ''}" may not log in: ${text}`, 'Enable the user in Zabbix (its user groups must be enabled), then test again.', details);
  }
  if (/No permissions to call/i.test(text)) {
    return new FerryError('permission', said, `${hints.permission} ${superAdminHint}`, details);
  }
  if (/No permissions to referred object or it does not exist/i.test(text)) {
    return new FerryError('permission', `${said} (no permission, or it was deleted)`, `${hints.permission} ${superAdminHint}`, { ...details, referredObject: true });
  }
  if (/do not have permission/i.test(text)) return new FerryError('permission', said, `${hints.permission} ${superAdminHint}`, details);
  if (/already exists/i.test(text)) {
    return new FerryError('state', said, 'Another Zabbix object already has this name: rename one of them in Zabbix, or make the names unique on the other side.', { ...details, duplicate: true });
  }
  if (err.code === -32601) {
    return new FerryError('unsupported', `${said} (method not found)`, `This Zabbix version lacks a method Ferry uses: Ferry supports Zabbix ${MIN_VERSION.major}.${MIN_VERSION.minor} and newer.`, details);
  }
  if (err.code === -32700 || err.code === -32600) {
    return new FerryError('internal', said, 'Zabbix could not read Ferry\'s request. This is a bug in Ferry: keep the log file and report it.', details);
  }
  return new FerryError('data', `Zabbix rejected ${method}: ${text}`, 'Zabbix explained why in the message; correct the record on the source side or in Zabbix and sync again.', details);
}

export const isSessionExpired = (e: unknown): boolean => e instanceof FerryError && e.details?.['sessionExpired'] === true;
export const isDuplicate = (e: unknown): boolean => e instanceof FerryError && e.details?.['duplicate'] === true;
export const isReferredObject = (e: unknown): boolean => e instanceof FerryError && e.details?.['referredObject'] === true;

function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * JSON-RPC 2.0 client for the Zabbix API over HttpClient. Logs in with user.login and keeps the session token,
 * sends it in the body's `auth` field (Zabbix < 6.4) or as a Bearer header (6.4 and newer), logs in again once when
 * Zabbix ends the session, and validates every answer with zod.
 */
export class ZabbixClient {
  readonly url: string;
  readonly apiUrl: string;
  private http: HttpClient | null = null;
  private token: string | null = null;
  private loggingIn: Promise<string> | null = null;
  private versionP: Promise<ZabbixVersion> | null = null;
  private nextId = 1;

  constructor(private readonly o: ZabbixClientOptions) {
    this.url = o.url;
    this.apiUrl = `${o.url}api_jsonrpc.php`;
  }

  get username(): string | null {
    return this.o.username;
  }

  /** Created on first use, so a bad CA file surfaces as a test result, not as a crash when the connector is made. */
  private httpClient(): HttpClient {
    this.http ??= new HttpClient({
      system: SYSTEM,
      baseUrl: this.url,
      maxConcurrent: this.o.maxConcurrent ?? 4,
      proxy: this.o.proxy,
      caFile: this.o.caFile,
      pinSha256: this.o.pinSha256,
      timeoutMs: this.o.timeoutMs,
      retries: this.o.retries,
    });
    return this.http;
  }

  /** One request; answers with the validated result or throws a classified FerryError. */
  async raw<S extends z.ZodType>(method: string, params: unknown, schema: S, o: { idempotent: boolean; auth?: string | null }): Promise<z.output<S>> {
    const id = this.nextId++;
    const body: Record<string, unknown> = { jsonrpc: '2.0', method, params, id };
    const headers: Record<string, string> = {};
    if (o.auth) {
      const v = await this.version();
      if (v.major > 6 || (v.major === 6 && v.minor >= 4)) headers['authorization'] = `Bearer ${o.auth}`;
      else body['auth'] = o.auth;
    }
    const res = await this.httpClient().post('api_jsonrpc.php', JSON.stringify(body), { idempotent: o.idempotent, headers });
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      const type = String(res.headers['content-type'] ?? 'unknown type');
      throw new FerryError('config', `${this.apiUrl} did not answer like a Zabbix API (got ${type}, not JSON).`, hints.config, { status: res.status, contentType: type });
    }
    const env = RpcEnvelope.safeParse(json);
    if (!env.success || (env.data.error === undefined && !('result' in (json as object)))) {
      throw new FerryError('config', `${this.apiUrl} did not answer like a Zabbix JSON-RPC API.`, hints.config, { status: res.status });
    }
    if (env.data.error) throw classifyRpcError(method, env.data.error, this.o.username);
    const parsed = schema.safeParse(env.data.result);
    if (!parsed.success) {
      throw new FerryError('data', `Zabbix answered ${method} with data Ferry does not understand (${summarizeIssues(parsed.error)}).`, `Check that the Zabbix version is supported (${MIN_VERSION.major}.${MIN_VERSION.minor} or newer); if it is, report this to Ferry's support.`, { method });
    }
    return parsed.data as z.output<S>;
  }

  /** apiinfo.version needs no login: it tells "no Zabbix here" apart from "wrong credentials". Cached per client. */
  version(): Promise<ZabbixVersion> {
    if (!this.versionP) {
      const p = this.raw('apiinfo.version', {}, VersionString, { idempotent: true }).then(parseVersion);
      // A failure is not cached: the next call asks again.
      p.catch(() => {
        if (this.versionP === p) this.versionP = null;
      });
      this.versionP = p;
    }
    return this.versionP;
  }

  async login(): Promise<string> {
    const v = await this.version();
    if (!versionSupported(v)) {
      throw new FerryError('unsupported', `Zabbix ${v.raw} is not supported.`, `Ferry supports Zabbix ${MIN_VERSION.major}.${MIN_VERSION.minor} and newer: upgrade Zabbix.`, { version: v.raw });
    }
    if (!this.o.username || !this.o.password) {
      throw new FerryError('auth', 'The Zabbix connection has no user name or password.', hints.needsCredentials);
    }
    // Repeating a login is harmless (one more session), so it may be retried on a transient failure.
    return this.raw('user.login', { username: this.o.username, password: this.o.password }, LoginToken, { idempotent: true });
  }

  private session(): Promise<string> {
    if (this.token) return Promise.resolve(this.token);
    this.loggingIn ??= this.login()
      .then((t) => (this.token = t))
      .finally(() => (this.loggingIn = null));
    return this.loggingIn;
  }

  /** An authenticated call. When Zabbix has ended the session, logs in once more and repeats the call (it was not executed). */
  async call<S extends z.ZodType>(method: string, params: unknown, schema: S, o: { idempotent: boolean }): Promise<z.output<S>> {
    const token = await this.session();
    try {
      return await this.raw(method, params, schema, { idempotent: o.idempotent, auth: token });
    } catch (e) {
      if (!isSessionExpired(e)) throw e;
      this.o.log.info({ method }, 'zabbix: session ended, logging in again');
      if (this.token === token) this.token = null;
      const fresh = await this.session();
      try {
        return await this.raw(method, params, schema, { idempotent: o.idempotent, auth: fresh });
      } catch (e2) {
        if (isSessionExpired(e2)) throw new FerryError('auth', 'Zabbix ended Ferry\'s session again right after a new login.', hints.auth, (e2 as FerryError).details);
        throw e2;
      }
    }
  }

  /** The logged-in user, with its user type (3 = Super admin). */
  whoAmI(): Promise<AuthUser> {
    return this.session().then((sessionid) => this.raw('user.checkAuthentication', { sessionid }, AuthUser, { idempotent: true }));
  }

  /** Ends the session (Zabbix keeps API sessions until they time out otherwise) and frees the sockets. */
  async close(): Promise<void> {
    const token = this.token;
    this.token = null;
    if (token) {
      await this.raw('user.logout', [], z.unknown(), { idempotent: false, auth: token }).catch((e: unknown) => this.o.log.debug({ err: String(e) }, 'zabbix: logout failed'));
    }
    this.http?.close();
    this.http = null;
  }
}
