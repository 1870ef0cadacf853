import type http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { AgentConnectOpts } from 'agent-base';
import { AxiosError } from 'axios';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { z } from 'zod';
import { FerryError, hints } from '../../../shared/errors.js';
import type { OptionField } from '../types.js';
import { enforcePin, pinOf, trustedCas, type TlsOptions } from './tls.js';

/**
 * Proxy and request limits of one connection, for every connector kind (issue 5).
 *
 * `proxy`: empty = the environment's HTTPS_PROXY / HTTP_PROXY (lower case first) with NO_PROXY honoured and
 * loopback never proxied; an http(s) URL = always this proxy for this connection (explicit, so NO_PROXY and the
 * loopback rule do not apply); `direct` = never a proxy. Proxy authentication is not supported: a URL with a user
 * or password is refused, in the option and in the environment (a proxy password would belong in the keychain).
 *
 * HTTPS goes through the proxy as a CONNECT tunnel; TLS inside it is verified exactly as without a proxy (system
 * CAs plus the CA file, or the certificate pin). Plain HTTP is sent to the proxy with absolute URIs.
 */

export const PROXY_DIRECT = 'direct';

/** Why a proxy URL (as an admin types it, or as the environment has it) cannot be used, or null. */
export function proxyUrlProblem(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `"${value}" is not a URL (e.g. http://proxy.example.com:3128)`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `a proxy URL starts with http:// or https://, not ${u.protocol}//`;
  if (u.username || u.password) return 'a proxy URL must not contain a user name or password (Ferry does not support proxy authentication)';
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) return 'a proxy URL has no path, query or fragment: only scheme, host and port';
  return null;
}

const maxConcurrentSchema = z.string().trim().regex(/^([1-9]|1[0-6])$/, 'a whole number from 1 to 16');
const proxySchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (v === '' || v === PROXY_DIRECT) return;
    const problem = proxyUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * The zod shape of the shared options, to spread into a kind's options object:
 * `z.object({ ...own, ...connectionHttpShape })`. Both optional strings (options are strings, as typed with
 * `--option key=value`); an empty proxy means "from the environment".
 */
export const connectionHttpShape = {
  maxConcurrent: maxConcurrentSchema.optional(),
  proxy: proxySchema.optional(),
} as const;

/** The form fields of the shared options (labels in both languages: renderer locales, `connections:options.http.*`). */
export function connectionHttpFields(defaultMaxConcurrent = 4): OptionField[] {
  return [
    {
      key: 'maxConcurrent',
      label: 'Parallel requests',
      description: 'Requests to this server at the same time, at most (1–16). Keep it small: syncing many users at once must not overload the server.',
      default: String(defaultMaxConcurrent),
    },
    {
      key: 'proxy',
      label: 'HTTP(S) proxy',
      description: `Proxy for this connection, e.g. http://proxy.example.com:3128 (without user or password: proxy authentication is not supported). Empty: the HTTPS_PROXY / HTTP_PROXY and NO_PROXY environment variables; "${PROXY_DIRECT}": never a proxy.`,
      // Empty is a value of its own (the environment's proxy), so a proxy set once can be cleared in the window.
      default: '',
    },
  ];
}

/** What a connector passes on to HttpClient from its (validated) options. */
export interface ConnectionHttpOptions {
  maxConcurrent: number;
  proxy?: string;
}

/** Reads the shared options from a connection's validated option strings. */
export function connectionHttpOptions(options: Record<string, string | undefined>, defaultMaxConcurrent = 4): ConnectionHttpOptions {
  const max = options['maxConcurrent']?.trim();
  const proxy = options['proxy']?.trim();
  return { maxConcurrent: max ? Number(max) : defaultMaxConcurrent, ...(proxy ? { proxy } : {}) };
}

export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/** The proxy one connection uses, and where it comes from (messages name it). */
export interface ProxyChoice {
  url: URL;
  /** `connection` (its proxy option) or the environment variable's name. */
  source: string;
}

const isLoopback = (host: string): boolean => {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  return net.isIPv4(h) && h.startsWith('127.');
};

/**
 * Whether NO_PROXY exempts host:port: `*`; a host or domain (`example.com` and `.example.com` both match the
 * domain and every name below it; `*.example.com` as well); an IP address; any of them with `:port`. Entries are
 * separated by commas or spaces. CIDR ranges are not supported.
 */
export function noProxyMatches(noProxy: string, host: string, port: number): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: number | null = null;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1]!;
      entryPort = bracketed[2] ? Number(bracketed[2]) : null;
    } else if (!net.isIPv6(entry)) {
      const m = /^(.*):(\d+)$/.exec(entry);
      if (m) {
        entry = m[1]!;
        entryPort = Number(m[2]);
      }
    }
    if (entryPort !== null && entryPort !== port) continue;
    entry = entry.replace(/^\*?\./, '').replace(/\.$/, '');
    if (!entry) continue;
    if (h === entry || (!net.isIP(h) && h.endsWith(`.${entry}`))) return true;
  }
  return false;
}

const envValue = (env: ProxyEnv, names: readonly string[]): { name: string; value: string } | null => {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return null;
};

/**
 * The proxy for requests to `target` (a connection's base URL): the connection's own, else the environment's
 * (https_proxy/HTTPS_PROXY for https targets, http_proxy/HTTP_PROXY for http ones, lower case first), unless
 * the target is loopback or NO_PROXY/no_proxy exempts it. Null: connect directly. Throws FerryError('config') for
 * a proxy that cannot be used (a bad URL, or one with credentials).
 */
export function resolveProxy(target: string, option: string | undefined, env: ProxyEnv = process.env): ProxyChoice | null {
  const t = new URL(target);
  const port = Number(t.port || (t.protocol === 'https:' ? 443 : 80));
  const own = option?.trim();
  if (own === PROXY_DIRECT) return null;
  if (own) {
    const problem = proxyUrlProblem(own);
    if (problem) throw new FerryError('config', `The connection's proxy option cannot be used: ${problem}.`, proxyOptionHint);
    return { url: new URL(own), source: 'connection' };
  }
  const found = envValue(env, t.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']);
  if (!found) return null;
  if (isLoopback(t.hostname)) return null;
  const noProxy = envValue(env, ['no_proxy', 'NO_PROXY']);
  if (noProxy && noProxyMatches(noProxy.value, t.hostname, port)) return null;
  // "proxy:3128" without a scheme is common in the environment; it means http://.
  const value = /^[a-z][a-z0-9+.-]*:\/\//i.test(found.value) ? found.value : `http://${found.value}`;
  const problem = proxyUrlProblem(value);
  if (problem) {
    // Never echo the value: it may hold a password.
    throw new FerryError('config', `The environment variable ${found.name} cannot be used as a proxy: ${problem}.`, `Correct ${found.name} for the account running Ferry, or set the connection's proxy option (--option proxy=<url>, or proxy=${PROXY_DIRECT} to connect without one).`);
  }
  return { url: new URL(value), source: found.name };
}

const proxyOptionHint = `Set the proxy option to scheme, host and port only, e.g. http://proxy.example.com:3128; empty uses the HTTPS_PROXY/NO_PROXY environment, "${PROXY_DIRECT}" none.`;

/** How messages name a proxy: its origin and where it was configured. */
export const describeProxy = (p: ProxyChoice): string => `${p.url.protocol}//${p.url.host}${p.source === 'connection' ? " (the connection's proxy option)" : ` (from ${p.source})`}`;

/** Thrown by the agents when the proxy itself fails; classifyProxyError turns it into a FerryError. */
class ProxyFailure extends Error {
  constructor(
    readonly code: 'FERRY_PROXY_UNREACHABLE' | 'FERRY_PROXY_REFUSED',
    message: string,
    readonly proxyStatus: number | null,
    readonly causeCode: string | null,
  ) {
    super(message);
  }
}

const codeOf = (e: unknown): string | null => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : null;
};

function unreachableProxy(e: unknown): ProxyFailure {
  const code = codeOf(e);
  return new ProxyFailure('FERRY_PROXY_UNREACHABLE', `the proxy cannot be reached (${code ?? (e as Error).message})`, null, code);
}

class FerryHttpProxyAgent extends HttpProxyAgent<string> {
  override async connect(...[req, opts]: Parameters<HttpProxyAgent<string>['connect']>): Promise<net.Socket> {
    try {
      return await super.connect(req, opts);
    } catch (e) {
      throw unreachableProxy(e);
    }
  }
}

class FerryHttpsProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: URL,
    opts: ConstructorParameters<typeof HttpsProxyAgent<string>>[1],
    private readonly tlsInner: { ca?: (string | Buffer)[]; pin: string | null },
  ) {
    super(proxy, opts);
  }

  override async connect(req: http.ClientRequest, opts: AgentConnectOpts): Promise<net.Socket> {
    let refused: number | null = null;
    req.once('proxyConnect', (res: { statusCode?: number }) => {
      if (res.statusCode !== 200) refused = res.statusCode ?? 0;
    });
    // The library leaves out `host` when it starts TLS inside the tunnel: verify the name against the target, not
    // the proxy. A pinned connection matches the fingerprint instead (as createHttpsAgent does).
    // The CA list is given here, not to the constructor: the library keeps its agent options for the proxy only.
    const host = (opts.host ?? '').replace(/^\[(.*)\]$/, '$1');
    const { ca, pin } = this.tlsInner;
    const inner: AgentConnectOpts = !opts.secureEndpoint
      ? opts
      : pin
        ? { ...opts, rejectUnauthorized: false }
        : { ...opts, ...(ca ? { ca } : {}), rejectUnauthorized: true, checkServerIdentity: (_name: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(host, cert) };
    let socket: net.Socket;
    try {
      socket = await super.connect(req, inner);
    } catch (e) {
      throw unreachableProxy(e);
    }
    if (refused !== null) {
      socket.destroy();
      throw new ProxyFailure('FERRY_PROXY_REFUSED', `the proxy refused to open a tunnel (HTTP ${refused})`, refused, null);
    }
    if (pin && socket instanceof tls.TLSSocket) enforcePin(socket, pin);
    return socket;
  }
}

/**
 * The agent for requests to `target` through `proxy`: plain HTTP as absolute-URI requests to the proxy, HTTPS as a
 * CONNECT tunnel with the connection's TLS verification (CA file or pin) inside it. Keep-alive, `maxSockets`.
 */
export function createProxyAgent(target: string, proxy: ProxyChoice, tlsOpts: TlsOptions, maxSockets: number): http.Agent {
  if (new URL(target).protocol !== 'https:') return new FerryHttpProxyAgent(proxy.url.href, { keepAlive: true, maxSockets });
  const ca = trustedCas(tlsOpts);
  return new FerryHttpsProxyAgent(proxy.url, { keepAlive: true, maxSockets }, { ...(ca ? { ca } : {}), pin: pinOf(tlsOpts) });
}

/**
 * A FerryError for a failure of the proxy (not of the target), or null when the error is not the proxy's. `what`
 * names the system, `url` the target. The proxy's address is in message and hint, never a credential (none are
 * allowed in it).
 */
export function classifyProxyError(e: unknown, what: string, url: string, proxy: ProxyChoice): FerryError | null {
  const inner: unknown = e instanceof AxiosError ? (e.cause ?? e) : e;
  const name = describeProxy(proxy);
  const host = new URL(url).host;
  if (inner instanceof ProxyFailure && inner.code === 'FERRY_PROXY_UNREACHABLE') {
    return new FerryError(
      'unreachable',
      `${what} at ${url}: the proxy ${name} cannot be reached (${inner.causeCode ?? inner.message}).`,
      `Check the proxy address and that the proxy ${proxy.url.host} is running and reachable from this computer. If ${what} can be reached without a proxy, set the connection's proxy option to "${PROXY_DIRECT}" or add ${new URL(url).hostname} to NO_PROXY.`,
      { code: inner.causeCode, proxy: proxy.url.origin, outcomeUnknown: false },
    );
  }
  const status = inner instanceof ProxyFailure ? inner.proxyStatus : e instanceof AxiosError && e.response?.status === 407 ? 407 : null;
  if (status === null) return null;
  if (status === 407) {
    return new FerryError(
      'config',
      `${what} at ${url}: the proxy ${name} asks for authentication (HTTP 407), which Ferry does not support.`,
      `Have the proxy let this computer through to ${host} without authentication, use a proxy that does not require it, or set the connection's proxy option to "${PROXY_DIRECT}" if ${what} can be reached without one.`,
      { status, proxy: proxy.url.origin },
    );
  }
  if (status === 502 || status === 503 || status === 504) {
    // The proxy works but cannot reach the target: the target (or the way to it) is down.
    return new FerryError('unreachable', `${what} at ${url} is not available through the proxy ${name} (the proxy answered HTTP ${status}).`, hints.unreachable, {
      status,
      proxy: proxy.url.origin,
      outcomeUnknown: false,
    });
  }
  return new FerryError(
    'config',
    `${what} at ${url}: the proxy ${name} refused the connection to ${host} (HTTP ${status}).`,
    `Ask for ${host} to be allowed through the proxy (some allow tunnels to port 443 only), or set the connection's proxy option to "${PROXY_DIRECT}" or add the host to NO_PROXY if it can be reached without the proxy.`,
    { status, proxy: proxy.url.origin },
  );
}
