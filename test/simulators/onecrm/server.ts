// The 1CRM REST API simulator (`<site>/api.php/...`): OAuth 2 token endpoint, /data/{Model}, /meta/fields/{Model};
// JSON over HTTP on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { handleApi, isWrite, routeKey, type ApiContext, type ApiResponse } from './api.js';
import { Faults, type FaultConfig, type FaultInput } from './faults.js';
import { DEFAULT_CLIENTS, DEFAULT_GENERATOR_OPTIONS, DEFAULT_USERS, generateOneCrmData, type GeneratorOptions } from './generator.js';
import { OneCrmState, type SimClientInput, type SimUserInput } from './state.js';

/** 1CRM editions; only Professional and Enterprise have the API. */
export type Edition = 'Startup' | 'Professional' | 'Enterprise';

export interface OneCrmSimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) = ephemeral. */
  port?: number;
  /** Default 'Enterprise'. 'Startup' answers every api.php request with 403. */
  edition?: Edition;
  /** Refuse plain HTTP (403 https_required) as a real server does by default; default false (the simulator only speaks HTTP). */
  httpsRequired?: boolean;
  /** Offer the `modified_since` list filter (and list it in /meta/fields); default true. */
  modifiedSinceFilter?: boolean;
  /** Access token lifetime in seconds (default 3600). */
  accessTokenTtlSec?: number;
  /** Refresh token lifetime in seconds (default 14 days). */
  refreshTokenTtlSec?: number;
  /** A refresh issues a new refresh token and invalidates the old one (default true). */
  rotateRefreshTokens?: boolean;
  /** Page size when `limit` is absent (default 20). */
  defaultLimit?: number;
  /** Largest page; a bigger `limit` is capped to it (default 200). */
  maxLimit?: number;
  /** Default: DEFAULT_USERS (admin/secret with id '1', three target users, one inactive). */
  users?: SimUserInput[];
  /** Default: DEFAULT_CLIENTS (ferry/ferry-secret private, acting as admin for client_credentials; public-app). */
  clients?: SimClientInput[];
  data?: Partial<GeneratorOptions>;
  faults?: FaultInput;
  faultSeed?: number | string;
  /** Clock for date_modified and token expiry (default Date.now). Tests pass a fake. */
  now?: () => number;
}

export interface SimStats {
  /** Requests per route key, e.g. 'GET /data/Account', 'PATCH /data/Account/{id}', 'POST /auth/user/access_token' (also faulted ones). */
  calls: Record<string, number>;
  /** Successful token grants per grant_type. */
  grants: Record<string, number>;
  total: number;
}

export interface OneCrmSimulator {
  /** The site URL (what an admin enters), e.g. http://127.0.0.1:PORT — no trailing slash. */
  readonly url: string;
  /** The API base, e.g. http://127.0.0.1:PORT/api.php */
  readonly apiBase: string;
  readonly state: OneCrmState;
  edition: Edition;
  httpsRequired: boolean;
  modifiedSinceFilter: boolean;
  readonly faults: Readonly<FaultConfig>;
  setFaults(partial: FaultInput): void;
  readonly stats: SimStats;
  resetStats(): void;
  stop(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;
const JSON_CT = 'application/json; charset=utf-8';
const HTML = 'text/html; charset=UTF-8';

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function encode(r: ApiResponse): { type: string; body: Buffer } {
  if (r.html !== undefined) return { type: HTML, body: Buffer.from(r.html, 'utf8') };
  return { type: JSON_CT, body: Buffer.from(JSON.stringify(r.json ?? null), 'utf8') };
}

function send(res: http.ServerResponse, r: ApiResponse): void {
  const { type, body } = encode(r);
  res.writeHead(r.status, { ...r.headers, 'Content-Type': type, 'Content-Length': String(body.length) });
  res.end(body);
}

const errorJson = (status: number, error: string, description: string, headers: Record<string, string> = {}): ApiResponse => ({ status, headers, json: { error, error_description: description } });

export async function startOneCrmSimulator(opts: OneCrmSimulatorOptions = {}): Promise<OneCrmSimulator> {
  const state = new OneCrmState({ now: opts.now, accessTokenTtlSec: opts.accessTokenTtlSec, refreshTokenTtlSec: opts.refreshTokenTtlSec, rotateRefreshTokens: opts.rotateRefreshTokens });
  const dataOpts = { ...DEFAULT_GENERATOR_OPTIONS, ...opts.data };
  generateOneCrmData(state, dataOpts, opts.users ?? DEFAULT_USERS, opts.clients ?? DEFAULT_CLIENTS);
  const faults = new Faults(opts.faultSeed ?? dataOpts.seed);
  if (opts.faults) faults.set(opts.faults);
  const stats: SimStats = { calls: {}, grants: {}, total: 0 };
  const ctx: ApiContext = { state, modifiedSinceFilter: opts.modifiedSinceFilter ?? true, defaultLimit: opts.defaultLimit ?? 20, maxLimit: opts.maxLimit ?? 200, grants: stats.grants };
  const knobs = { edition: opts.edition ?? ('Enterprise' as Edition), httpsRequired: opts.httpsRequired ?? false };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/api\.php(\/.*)?$/.exec(url.pathname);
    if (!m) {
      req.resume();
      return send(res, { status: 404, html: '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n' });
    }
    const path = m[1] ?? '';
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    if (body === null) return send(res, errorJson(413, 'invalid_request', 'Request body too large'));
    const key = routeKey(method, path);
    stats.total++;
    stats.calls[key] = (stats.calls[key] ?? 0) + 1;
    const action = faults.decide(`${method} ${path}`, isWrite(method, path));
    if (faults.config.latencyMs > 0) await delay(faults.config.latencyMs);
    switch (action.kind) {
      case 'status':
        return send(res, errorJson(action.status, action.status === 429 ? 'too_many_requests' : 'server_error', action.status === 429 ? 'Too many requests' : 'The server encountered an internal error', action.retryAfterSec !== undefined ? { 'Retry-After': String(action.retryAfterSec) } : {}));
      case 'timeout':
        return;
    }
    let answer: ApiResponse;
    if (knobs.edition !== 'Professional' && knobs.edition !== 'Enterprise') answer = errorJson(403, 'forbidden', `The API is not available in 1CRM ${knobs.edition} edition`);
    else if (knobs.httpsRequired) answer = errorJson(403, 'https_required', 'The API is only available over HTTPS');
    else answer = handleApi(ctx, { method, path, query: url.searchParams, headers: req.headers, body });
    if (action.kind === 'drop-after-apply') {
      res.socket?.destroy();
      return;
    }
    if (action.kind === 'truncated') {
      const { type, body: out } = encode(answer);
      res.writeHead(answer.status, { ...answer.headers, 'Content-Type': type, 'Content-Length': String(out.length) });
      res.write(out.subarray(0, Math.floor(out.length / 2)), () => res.socket?.destroy());
      return;
    }
    send(res, answer);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, errorJson(500, 'server_error', `simulator error: ${err instanceof Error ? err.message : String(err)}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const site = `http://127.0.0.1:${port}`;
  return {
    url: site,
    apiBase: `${site}/api.php`,
    state,
    get edition() {
      return knobs.edition;
    },
    set edition(e: Edition) {
      knobs.edition = e;
    },
    get httpsRequired() {
      return knobs.httpsRequired;
    },
    set httpsRequired(v: boolean) {
      knobs.httpsRequired = v;
    },
    get modifiedSinceFilter() {
      return ctx.modifiedSinceFilter;
    },
    set modifiedSinceFilter(v: boolean) {
      ctx.modifiedSinceFilter = v;
    },
    get faults() {
      return faults.config;
    },
    setFaults: (partial) => faults.set(partial),
    stats,
    resetStats() {
      stats.total = 0;
      for (const k of Object.keys(stats.calls)) delete stats.calls[k];
      for (const k of Object.keys(stats.grants)) delete stats.grants[k];
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type { FaultConfig, FaultInput, FailKind, FailNext } from './faults.js';
export type { GeneratorOptions } from './generator.js';
export { DEFAULT_CLIENTS, DEFAULT_USERS } from './generator.js';
export { OneCrmState, crmDate, parseCrmDate, type SimClientInput, type SimUserInput, type Rec } from './state.js';
export { MODELS, MODIFIED_SINCE } from './models.js';
