import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on 127.0.0.1 in front of a real server that can lose answers: the request reaches the server and
 * is applied there, but the client's connection is destroyed before the answer arrives ("write applied, answer
 * lost"). `loseNext(match)` arms it for the next request whose body matches.
 */
export async function startLossyProxy(target: string): Promise<{ url: string; loseNext(match: RegExp): void; lost: number; requests: string[]; stop(): Promise<void> }> {
  const t = new URL(target);
  let armed: RegExp | null = null;
  const state = { lost: 0 };
  /** Every request forwarded, as `METHOD path`, in order. */
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method ?? '?'} ${req.url ?? ''}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const lose = armed !== null && armed.test(body.toString('utf8'));
      if (lose) armed = null;
      const up = http.request(
        { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } },
        (ur) => {
          const out: Buffer[] = [];
          ur.on('data', (c: Buffer) => out.push(c));
          ur.on('end', () => {
            if (lose) {
              state.lost++;
              req.socket.destroy();
              return;
            }
            res.writeHead(ur.statusCode ?? 502, ur.headers);
            res.end(Buffer.concat(out));
          });
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const base = `${t.protocol}//127.0.0.1:${port}${t.pathname}`;
  return {
    url: base,
    loseNext: (m) => (armed = m),
    get lost() {
      return state.lost;
    },
    requests,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
