import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import http from 'node:http';
import Bottleneck from 'bottleneck';
import pRetry, { AbortError } from 'p-retry';
import { FerryError } from '../../../shared/errors.js';
import { classifyHttpError } from './errors.js';
import { classifyProxyError, createProxyAgent, resolveProxy, type ProxyChoice, type ProxyEnv } from './proxy.js';
import { createHttpsAgent, type TlsOptions } from './tls.js';

export interface HttpClientOptions extends TlsOptions {
  /** System name for messages, e.g. "c-entron". */
  system: string;
  baseUrl: string;
  timeoutMs?: number;
  /** Concurrent requests to this connection at most (protects small on-prem servers). */
  maxConcurrent?: number;
  /** Retries of idempotent calls on transient failures. */
  retries?: number;
  /** Upper bound for one backoff wait, ms. */
  maxBackoffMs?: number;
  /** The connection's proxy option: an http(s) URL, `direct`, or empty/absent for the environment's (proxy.ts). */
  proxy?: string | undefined;
  /** Environment for HTTPS_PROXY/HTTP_PROXY/NO_PROXY (tests); process.env by default. */
  proxyEnv?: ProxyEnv;
}

export interface PostOptions {
  /** Only idempotent calls (reads, and writes that can safely be repeated) are retried. */
  idempotent: boolean;
  headers?: Record<string, string>;
  /** Body is already encoded (e.g. form data). */
  contentType?: string;
}

const transientStatus = new Set([429, 502, 503, 504]);

function retryAfterMs(res: AxiosResponse | undefined): number | null {
  const h = res?.headers?.['retry-after'];
  if (h === undefined || h === null) return null;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(String(h));
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : null;
}

/**
 * The HTTP client every connector uses: TLS always verified (CA file or pin), a per-connection concurrency limit,
 * bounded retries with jitter for idempotent calls only, Retry-After honoured, errors classified with hints.
 */
export class HttpClient {
  readonly baseUrl: string;
  /** The proxy requests go through, or null (direct). */
  readonly proxy: ProxyChoice | null;
  private readonly ax: AxiosInstance;
  private readonly limiter: Bottleneck;
  private readonly opts: Required<Pick<HttpClientOptions, 'retries' | 'maxBackoffMs' | 'system'>>;

  constructor(o: HttpClientOptions) {
    this.baseUrl = o.baseUrl;
    const maxConcurrent = o.maxConcurrent ?? 4;
    this.opts = { retries: o.retries ?? 3, maxBackoffMs: o.maxBackoffMs ?? 10_000, system: o.system };
    this.proxy = resolveProxy(o.baseUrl, o.proxy, o.proxyEnv);
    const https = o.baseUrl.startsWith('https:');
    // Through a proxy: one agent for the connection's scheme (CONNECT tunnel for https, TLS verified as without).
    const proxied = this.proxy ? createProxyAgent(o.baseUrl, this.proxy, o, maxConcurrent) : null;
    this.ax = axios.create({
      baseURL: o.baseUrl,
      timeout: o.timeoutMs ?? 30_000,
      httpAgent: proxied && !https ? proxied : new http.Agent({ keepAlive: true, maxSockets: maxConcurrent }),
      httpsAgent: proxied && https ? proxied : https ? createHttpsAgent(o, maxConcurrent) : undefined,
      // Every answer is judged by the connector; transport errors only for what is really an error.
      validateStatus: (s) => s >= 200 && s < 300,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      maxRedirects: 0,
      // axios' own proxy handling is off: the agents above do it (per connection, NO_PROXY, TLS through CONNECT).
      proxy: false,
    });
    this.limiter = new Bottleneck({ maxConcurrent });
  }

  /** POSTs and returns the raw body text; the caller parses and validates it. */
  async post(path: string, body: string, o: PostOptions): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
    return this.request('POST', path, body, { ...o, headers: { accept: 'application/json', ...o.headers } });
  }

  /**
   * Any method (WebDAV's PROPFIND, REPORT, PUT …). Statuses in `accept` are answers for the caller to judge
   * (e.g. 404, 412), not errors; everything else outside 2xx is classified as for `post`.
   */
  async request(
    method: string,
    path: string,
    body: string | null,
    o: PostOptions & { accept?: readonly number[] },
  ): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
    const accept = o.accept ?? [];
    const run = async () => {
      try {
        const res = await this.limiter.schedule(() =>
          this.ax.request<string>({
            method,
            url: path,
            ...(body !== null ? { data: body } : {}),
            headers: { 'content-type': o.contentType ?? 'application/json', ...o.headers },
            validateStatus: (s) => (s >= 200 && s < 300) || accept.includes(s),
          }),
        );
        return { status: res.status, body: res.data, headers: res.headers as Record<string, unknown> };
      } catch (e) {
        const err = this.classify(e);
        const status = (e as { response?: AxiosResponse }).response?.status;
        // A 2xx here is an answer cut off while its body was read: as transient as a lost connection.
        const transient = err.category === 'unreachable' && (status === undefined || transientStatus.has(status) || status >= 500 || (status >= 200 && status < 300));
        if (!transient || (!o.idempotent && status !== 429 && status !== 503)) throw new AbortError(err);
        // 429/503 mean "not processed": safe to repeat even for writes.
        const wait = retryAfterMs((e as { response?: AxiosResponse }).response);
        if (wait !== null) await new Promise((r) => setTimeout(r, Math.min(wait, this.opts.maxBackoffMs)));
        throw err;
      }
    };
    try {
      return await pRetry(run, { retries: this.opts.retries, minTimeout: 200, maxTimeout: this.opts.maxBackoffMs, randomize: true });
    } catch (e) {
      if (e instanceof FerryError) throw e;
      throw this.classify(e);
    }
  }

  /** A failure of the proxy (unreachable, refusing) is told apart from one of the target. */
  private classify(e: unknown): FerryError {
    return (this.proxy ? classifyProxyError(e, this.opts.system, this.baseUrl, this.proxy) : null) ?? classifyHttpError(e, this.opts.system, this.baseUrl);
  }

  close(): void {
    void this.limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
}
