// A counting reverse proxy on 127.0.0.1 in front of Radicale: both tools reach the server only through it, so the
// requests each tool makes in a step are the counter's difference around that step (one tool runs at a time).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  url: string;
  /** Requests forwarded so far, in total and per method; `busyMs`: time with at least one request in flight;
   * `msByMethod`: the summed time from request to the end of the answer, per method (overlapping requests each count). */
  count(): { total: number; byMethod: Record<string, number>; busyMs: number; msByMethod: Record<string, number> };
  stop(): Promise<void>;
}

export async function startProxy(target: string): Promise<CountingProxy> {
  const t = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let total = 0;
  const byMethod: Record<string, number> = {};
  const msByMethod: Record<string, number> = {};
  let inFlight = 0;
  let busySince = 0;
  let busyMs = 0;
  const begin = () => {
    if (inFlight++ === 0) busySince = performance.now();
  };
  const end = () => {
    if (--inFlight === 0) busyMs += performance.now() - busySince;
  };
  const server = http.createServer((req, res) => {
    total++;
    begin();
    let ended = false;
    const t0 = performance.now();
    const done = () => {
      if (!ended) {
        ended = true;
        end();
        msByMethod[m] = (msByMethod[m] ?? 0) + (performance.now() - t0);
      }
    };
    const m = req.method ?? '?';
    res.once('finish', done);
    res.once('close', done);
    byMethod[m] = (byMethod[m] ?? 0) + 1;
    const headers = { ...req.headers, host: t.host };
    const up = http.request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers, agent }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.once('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${e.message}`);
    });
    req.pipe(up);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    count: () => ({ total, byMethod: { ...byMethod }, msByMethod: { ...msByMethod }, busyMs: busyMs + (inFlight > 0 ? performance.now() - busySince : 0) }),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
