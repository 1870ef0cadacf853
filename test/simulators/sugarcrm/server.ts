// The SugarCRM / SuiteCRM legacy REST v4_1 simulator: POST <site>/service/v4_1/rest.php (or, SuiteCRM 8 layout,
// <site>/legacy/service/v4_1/rest.php) with form fields method, input_type, response_type, rest_data; on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { apacheErrorPage, Faults, phpFatalPage, type FaultConfig, type FaultInput } from './faults.js';
import { DEFAULT_GENERATOR_OPTIONS, DEFAULT_USERS, generateSugarData, type GeneratorOptions } from './generator.js';
import { callMethod, phpJson, type MethodContext } from './methods.js';
import { SugarState, type SimUserInput } from './state.js';

export interface SugarSimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) = ephemeral. */
  port?: number;
  /** SuiteCRM 8 layout: the API lives under /legacy/service/v4_1/rest.php (default false: /service/v4_1/rest.php). */
  legacyPath?: boolean;
  /** SuiteCRM's AOS_Contracts and AOS_Invoices modules exist (default false: plain SugarCRM CE). */
  aosModules?: boolean;
  /** Default: DEFAULT_USERS (admin/secret with id '1', three target users, one inactive). Passwords in plain text. */
  users?: SimUserInput[];
  data?: Partial<GeneratorOptions>;
  /** PHP display_errors: true (default) → a fatal error is an HTML text with HTTP 200; false → HTTP 500, empty body. */
  displayErrors?: boolean;
  /** Encode values on output like SugarBean's to_html (default true). */
  htmlEncode?: boolean;
  /** max_results <= 0 falls back to this (default 20, SugarCRM's list_max_entries_per_page). */
  listMaxEntries?: number;
  /** Session idle lifetime (default 1440 s, PHP's session.gc_maxlifetime). */
  sessionIdleMs?: number;
  faults?: FaultInput;
  faultSeed?: number | string;
  /** Clock for date_modified and session expiry (default Date.now). Tests pass a fake. */
  now?: () => number;
}

export interface SimStats {
  /** Requests per `method` form field (also unknown names and faulted calls). */
  calls: Record<string, number>;
  total: number;
}

export interface SugarSimulator {
  /** The site URL (what an admin enters), e.g. http://127.0.0.1:PORT — no trailing slash. */
  readonly url: string;
  /** The full endpoint URL, e.g. http://127.0.0.1:PORT/service/v4_1/rest.php. */
  readonly endpoint: string;
  readonly state: SugarState;
  readonly faults: Readonly<FaultConfig>;
  setFaults(partial: FaultInput): void;
  readonly stats: SimStats;
  resetStats(): void;
  stop(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;
const HTML = 'text/html; charset=UTF-8';
/** SugarRestJSON answers with PHP's default content type. */
const JSON_CT = 'text/html; charset=UTF-8';
const DB_FAILURE = 'Database failure. Please refer to sugarcrm.log for details.';

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

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(buf.length) });
  res.end(buf);
}

export async function startSugarSimulator(opts: SugarSimulatorOptions = {}): Promise<SugarSimulator> {
  const state = new SugarState({ now: opts.now, aosModules: opts.aosModules, sessionIdleMs: opts.sessionIdleMs });
  const dataOpts = { ...DEFAULT_GENERATOR_OPTIONS, ...opts.data };
  generateSugarData(state, dataOpts, opts.users ?? DEFAULT_USERS);
  const displayErrors = opts.displayErrors ?? true;
  const faults = new Faults(opts.faultSeed ?? dataOpts.seed, (n) => {
    state.sessionExpiryAfterCalls = n;
    state.resetSessionCounters();
  });
  if (opts.faults) faults.set(opts.faults);
  const ctx: MethodContext = {
    state,
    htmlEncode: opts.htmlEncode ?? true,
    listMaxEntries: opts.listMaxEntries ?? 20,
    serverInfo: opts.aosModules ? { flavor: 'CE', version: '6.5.25' } : { flavor: 'CE', version: '6.5.24' },
  };
  const path = opts.legacyPath ? '/legacy/service/v4_1/rest.php' : '/service/v4_1/rest.php';
  const stats: SimStats = { calls: {}, total: 0 };

  const fatal = (res: http.ServerResponse, message: string, status?: 200 | 500): void => {
    const show = status === undefined ? displayErrors : status === 200;
    if (show) send(res, 200, HTML, phpFatalPage(message));
    else send(res, 500, HTML, '');
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) {
      req.resume();
      return send(res, 404, HTML, `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`);
    }
    const body = await readBody(req);
    if (body === null) return send(res, 413, HTML, apacheErrorPage(413));
    // PHP's $_REQUEST: query string and form body (the body wins).
    const fields = new URLSearchParams(url.search);
    const ct = req.headers['content-type'] ?? '';
    if (req.method === 'POST' && ct.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body)) fields.set(k, v);
    }
    const method = fields.get('method') ?? '';
    stats.total++;
    stats.calls[method] = (stats.calls[method] ?? 0) + 1;
    const action = faults.decide(method);
    if (faults.config.latencyMs > 0) await delay(faults.config.latencyMs);
    switch (action.kind) {
      case 'status':
        return send(res, action.status, HTML, apacheErrorPage(action.status));
      case 'php-fatal':
        return fatal(res, "Error: Call to undefined function mysqli_connect()", action.status);
      case 'timeout':
        return;
    }
    if ((fields.get('input_type') ?? '').toUpperCase() !== 'JSON' || (fields.get('response_type') ?? '').toUpperCase() !== 'JSON') {
      return fatal(res, `Error: Class "SugarRest${ucfirst(fields.get('input_type') ?? '')}" not found`);
    }
    const raw = fields.get('rest_data') ?? '';
    let data: unknown = null;
    if (raw !== '') {
      try {
        data = JSON.parse(raw);
      } catch {
        data = null;
      }
    }
    const outcome = callMethod(ctx, method, data);
    let status = 200;
    let type = JSON_CT;
    let text: string;
    if (outcome.kind === 'fatal') {
      if (!displayErrors) return send(res, 500, HTML, '');
      type = HTML;
      text = phpFatalPage(outcome.message);
    } else if (outcome.kind === 'db-failure') {
      type = HTML;
      text = DB_FAILURE;
    } else text = phpJson(outcome.value);
    const out = Buffer.from(text, 'utf8');
    if (action.kind === 'drop-after-apply') {
      res.socket?.destroy();
      return;
    }
    if (action.kind === 'truncated') {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(out.length) });
      res.write(out.subarray(0, Math.floor(out.length / 2)), () => res.socket?.destroy());
      return;
    }
    status = 200;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(out.length) });
    res.end(out);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, 500, 'text/plain; charset=utf-8', `simulator error: ${err instanceof Error ? err.message : String(err)}`);
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
    endpoint: `${site}${path}`,
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
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function ucfirst(s: string): string {
  const l = s.toLowerCase();
  return l.charAt(0).toUpperCase() + l.slice(1);
}

export type { FaultConfig, FaultInput, FailKind, FailNext } from './faults.js';
export type { GeneratorOptions } from './generator.js';
export { DEFAULT_USERS } from './generator.js';
export { SugarState, md5, sugarDate, type SimUserInput, type Rec } from './state.js';
