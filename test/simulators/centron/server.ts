// The c-entron Web Service simulator: POST <base>/REST/<Method> with {Ticket, TrimResponse, Data} on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { dispatch } from './dispatch.js';
import { Faults, htmlErrorPage, type FaultConfig, type FaultInput } from './faults.js';
import { DEFAULT_GENERATOR_OPTIONS, generateCentronData, type GeneratorOptions } from './generator.js';
import type { HostileCatalogue } from './hostile.js';
import { buildMethodTable } from './methods/index.js';
import { envelopeJson } from './serialize.js';
import { SimState } from './state.js';
import type { SimUserInput } from './types.js';

export interface CentronSimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) = ephemeral. */
  port?: number;
  /** The instance path segment (default 'CentronService'). */
  instance?: string;
  /** Default: one user ferry / secret with every right. */
  users?: SimUserInput[];
  /** Generated data (default: 20 customers, 60 devices, seed 1, not hostile). */
  data?: Partial<GeneratorOptions>;
  /** Serve the assumed SaveMasterDataList (default true); false → HTTP 404 as for any unknown method. */
  deviceWriteEnabled?: boolean;
  /** Tickets are dropped after this long without use (default 30 min). */
  ticketIdleMs?: number;
  faults?: FaultInput;
  /** Seed of the fault RNG (default: the data seed). */
  faultSeed?: number | string;
  /** The clock for ticket expiry, rate-limit windows and default dates (default Date.now). Tests pass a fake. */
  now?: () => number;
}

export interface SimStats {
  /** Requests per method name (also unknown names and faulted calls). */
  calls: Record<string, number>;
  total: number;
}

export interface CentronSimulator {
  /** Base URL including the instance, e.g. http://127.0.0.1:PORT/CentronService (no trailing slash). */
  readonly url: string;
  readonly state: SimState;
  /** Current fault configuration (read-only view; change it with setFaults). */
  readonly faults: Readonly<FaultConfig>;
  setFaults(partial: FaultInput): void;
  readonly stats: SimStats;
  resetStats(): void;
  /** Where the generated hostile cases are, or null when the data is not hostile. */
  readonly hostile: HostileCatalogue | null;
  stop(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_BODY = 16 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendText(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(buf.length), ...headers });
  res.end(buf);
}

export async function startCentronSimulator(opts: CentronSimulatorOptions = {}): Promise<CentronSimulator> {
  const instance = (opts.instance ?? 'CentronService').replace(/^\/+|\/+$/g, '');
  const state = new SimState({ now: opts.now, ticketIdleMs: opts.ticketIdleMs, users: opts.users });
  const dataOpts = { ...DEFAULT_GENERATOR_OPTIONS, ...opts.data };
  const data = generateCentronData(dataOpts);
  state.load(data);
  const faults = new Faults(opts.faultSeed ?? dataOpts.seed, state.now, () => state.sessions.resetUseCounters());
  if (opts.faults) faults.set(opts.faults);
  const methods = buildMethodTable({ deviceWriteEnabled: opts.deviceWriteEnabled ?? true });
  const stats: SimStats = { calls: {}, total: 0 };
  const prefix = `/${instance}/REST/`;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const name = path.startsWith(prefix) ? path.slice(prefix.length) : '';
    if (name === '' || name.includes('/')) {
      req.resume();
      return sendText(res, 404, 'text/html; charset=utf-8', '<html><body>Endpoint not found.</body></html>');
    }
    stats.total++;
    stats.calls[name] = (stats.calls[name] ?? 0) + 1;
    if (req.method !== 'POST') {
      req.resume();
      return sendText(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.', { Allow: 'POST' });
    }
    const spec = methods.get(name);
    if (!spec) {
      req.resume();
      return sendText(res, 404, 'text/html; charset=utf-8', '<html><body>Endpoint not found.</body></html>');
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendText(res, 413, 'text/plain; charset=utf-8', 'Request entity too large.', { Connection: 'close' });
      throw err;
    }
    const action = faults.decide(name);
    if (faults.config.latencyMs > 0) await delay(faults.config.latencyMs);
    switch (action.kind) {
      case 'status': {
        const headers: Record<string, string> = action.retryAfterSeconds !== undefined ? { 'Retry-After': String(action.retryAfterSeconds) } : {};
        return sendText(res, action.status, 'text/html; charset=utf-8', htmlErrorPage(action.status), headers);
      }
      case 'html':
        return sendText(res, action.status, 'text/html; charset=utf-8', htmlErrorPage(action.status));
      case 'timeout':
        return; // never answered; the socket is closed by the client or by stop()
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(body);
    } catch {
      return sendText(res, 400, 'text/html; charset=utf-8', '<html><body>The server encountered an error processing the request (invalid JSON).</body></html>');
    }
    const reply = dispatch(state, spec, envelope, faults.config.ticketExpiryAfterCalls);
    const out = Buffer.from(envelopeJson(reply.status, reply.message, reply.resultJson), 'utf8');
    if (action.kind === 'drop-after-apply') {
      res.socket?.destroy();
      return;
    }
    if (action.kind === 'truncated') {
      res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(out.length) });
      res.write(out.subarray(0, Math.floor(out.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(out.length) });
    res.end(out);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else sendText(res, 500, 'text/plain; charset=utf-8', `simulator error: ${err instanceof Error ? err.message : String(err)}`);
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

  return {
    url: `http://127.0.0.1:${port}/${instance}`,
    state,
    get faults() {
      return faults.config;
    },
    setFaults: (partial) => faults.set(partial),
    stats,
    resetStats() {
      stats.total = 0;
      for (const k of Object.keys(stats.calls)) delete stats.calls[k];
    },
    hostile: data.hostile,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type { FaultConfig, FaultInput, FailKind, FailNext, RateLimit } from './faults.js';
export type { GeneratorOptions, GeneratedData } from './generator.js';
export type { HostileCatalogue } from './hostile.js';
export { SimState } from './state.js';
export type * from './types.js';
