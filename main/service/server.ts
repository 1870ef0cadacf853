import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FerryError, toErrorBody } from '../../shared/errors.js';
import type { ProgressEvent } from '../../shared/progress.js';
import { callOperation, isOperation, type OpEnv } from '../app/operations.js';
import { serveStatic } from './static.js';

export interface ServiceOptions {
  port?: number;
  token: string;
  env: OpEnv;
  /** Progress events are fanned out to every /api/events listener. */
  subscribe(listener: (e: ProgressEvent) => void): () => void;
  /** The built renderer (dist/renderer): served to browsers without the token; the page brings the token itself. */
  staticDir?: string | null;
}

export interface RunningService {
  url: string;
  port: number;
  close(): Promise<void>;
}

const statusFor: Record<string, number> = { input: 400, 'not-found': 404, state: 409, busy: 409, guard: 409, auth: 502, unreachable: 502, permission: 502, tls: 502, config: 502, unsupported: 422, 'needs-credentials': 424, data: 502, storage: 500, internal: 500 };
const MAX_BODY = 1024 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * The operations over HTTP on 127.0.0.1 only: POST /api/<operation> with a JSON body, GET /api/events (server-sent
 * progress events). Every request needs the bearer token; Host and Origin must name this loopback address.
 */
export async function startService(o: ServiceOptions): Promise<RunningService> {
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const host = req.headers.host ?? '';
        if (!allowedHosts().has(host)) throw new FerryError('permission', `Host "${host}" is not allowed.`, 'Call the service at http://127.0.0.1:<port>/ only.', { httpStatus: 403 });
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
          throw new FerryError('permission', `Origin "${origin}" is not allowed.`, 'The service answers only pages it serves itself.', { httpStatus: 403 });
        }
        const auth = req.headers.authorization ?? '';
        const url = new URL(req.url ?? '/', `http://${host}`);
        if ((req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/api/')) return serveStatic(res, o.staticDir ?? null, url.pathname);
        const token = auth.startsWith('Bearer ') ? auth.slice(7) : (url.pathname === '/api/events' ? (url.searchParams.get('token') ?? '') : '');
        if (!safeEqual(token, o.token)) throw new FerryError('auth', 'Missing or wrong service token.', 'Send "Authorization: Bearer <token>" with the token from the file `ferry serve` printed.', { httpStatus: 401 });
        if (req.method === 'GET' && url.pathname === '/api/health') return send(res, 200, { ok: true, pid: process.pid });
        if (req.method === 'GET' && url.pathname === '/api/events') {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          res.write(': ferry events\n\n');
          const off = o.subscribe((e) => res.write(`event: progress\ndata: ${JSON.stringify(e)}\n\n`));
          req.on('close', off);
          return;
        }
        const m = /^\/api\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(url.pathname);
        if (req.method !== 'POST' || !m || !isOperation(m[1]!)) throw new FerryError('not-found', `No operation at ${req.method} ${url.pathname}.`, 'POST /api/<operation>, see shared/contract.ts.');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new FerryError('input', 'The body must be JSON.', 'Send "Content-Type: application/json".');
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const c of req) {
          size += (c as Buffer).length;
          if (size > MAX_BODY) throw new FerryError('input', 'The request body is too large.', 'Send at most 1 MiB.');
          chunks.push(c as Buffer);
        }
        let body: unknown;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
          throw new FerryError('input', 'The body is not valid JSON.', 'Send a JSON object matching the operation\'s input.');
        }
        const out = await callOperation(o.env, m[1]!, body);
        send(res, 200, out);
      } catch (e) {
        const b = toErrorBody(e);
        if (b.category === 'internal') o.env.ctx.log.error({ err: (e as Error).message }, 'service error');
        const httpStatus = typeof b.details?.['httpStatus'] === 'number' ? (b.details['httpStatus'] as number) : (statusFor[b.category] ?? 500);
        if (b.details) delete b.details['httpStatus'];
        send(res, httpStatus, { error: b });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new FerryError('busy', `Port ${o.port} is in use.`, 'Choose another port with --port, or leave it out to pick a free one.') : e),
    );
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
