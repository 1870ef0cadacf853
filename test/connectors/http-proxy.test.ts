import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { HttpClient } from '../../main/connectors/http/client.js';
import { noProxyMatches, resolveProxy } from '../../main/connectors/http/proxy.js';
import { userFactories } from '../../main/connectors/registry.js';
import { changedOptions, optionsForCreate } from '../../renderer/src/screens/connections/option-logic.js';

/** The name the TLS target's certificate is for; only the test proxy knows where it is (127.0.0.1). */
const CRM_HOST = 'crm.example.test';

type ProxyMode = 'ok' | 403 | 407 | 502;

/**
 * A tiny forward proxy: CONNECT tunnels and absolute-URI requests, every target sent to 127.0.0.1 (so names such as
 * crm.example.test need no DNS). Counts what it was asked for.
 */
class TestProxy {
  readonly connects: string[] = [];
  readonly forwards: string[] = [];
  mode: ProxyMode = 'ok';
  private readonly server = http.createServer((req, res) => {
    this.forwards.push(`${req.method} ${req.url}`);
    if (this.mode !== 'ok') {
      res.writeHead(this.mode, this.mode === 407 ? { 'proxy-authenticate': 'Basic realm="proxy"' } : {});
      res.end();
      return;
    }
    const u = new URL(req.url ?? '');
    const up = http.request({ host: '127.0.0.1', port: u.port || 80, method: req.method, path: `${u.pathname}${u.search}`, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  private readonly sockets = new Set<net.Socket>();

  constructor() {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      this.connects.push(req.url ?? '');
      if (this.mode !== 'ok') {
        client.end(`HTTP/1.1 ${this.mode} ${http.STATUS_CODES[this.mode]}\r\n${this.mode === 407 ? 'Proxy-Authenticate: Basic realm="proxy"\r\n' : ''}Content-Length: 0\r\n\r\n`);
        return;
      }
      const port = Number((req.url ?? '').split(':').pop());
      const up = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) up.write(head);
        up.pipe(client);
        client.pipe(up);
      });
      up.on('error', () => client.destroy());
      client.on('error', () => up.destroy());
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  reset(): void {
    this.connects.length = 0;
    this.forwards.length = 0;
    this.mode = 'ok';
  }

  stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** A port nothing listens on (a server was there a moment ago). */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const caught = async (p: Promise<unknown>): Promise<FerryError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof FerryError) return e;
    throw e;
  }
  throw new Error('expected the request to fail');
};

const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ method: req.method, path: req.url }));
};

let proxy: TestProxy;
let proxyUrl = '';
let plain: http.Server;
let plainUrl = '';
let secure: https.Server;
let securePort = 0;
let caFile = '';
let fingerprint = '';
let tmp = '';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-proxy-'));
  caFile = path.join(tmp, 'cert.pem');
  const key = path.join(tmp, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', caFile, '-days', '2', '-subj', `/CN=${CRM_HOST}`, '-addext', `subjectAltName=DNS:${CRM_HOST}`], { stdio: 'ignore' });
  fingerprint = execFileSync('openssl', ['x509', '-in', caFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).split('=')[1]!.trim();
  secure = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(caFile) }, answer);
  await new Promise<void>((r) => secure.listen(0, '127.0.0.1', r));
  securePort = (secure.address() as net.AddressInfo).port;
  plain = http.createServer(answer);
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  plainUrl = `http://127.0.0.1:${(plain.address() as net.AddressInfo).port}/`;
  proxy = new TestProxy();
  proxyUrl = await proxy.start();
});

afterAll(async () => {
  await proxy.stop();
  secure.closeAllConnections();
  plain.closeAllConnections();
  await new Promise<void>((r) => secure.close(() => r()));
  await new Promise<void>((r) => plain.close(() => r()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

const clients: HttpClient[] = [];
const client = (o: ConstructorParameters<typeof HttpClient>[0]): HttpClient => {
  const c = new HttpClient({ retries: 0, timeoutMs: 10_000, proxyEnv: {}, ...o });
  clients.push(c);
  return c;
};

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  proxy.reset();
  vi.unstubAllEnvs();
});

const crmUrl = () => `https://${CRM_HOST}:${securePort}/`;

describe('through a per-connection proxy', () => {
  it('plain HTTP: an absolute-URI request to the proxy reaches the target', async () => {
    const c = client({ system: 'CRM', baseUrl: plainUrl, proxy: proxyUrl });
    const r = await c.post('/api/ping?x=1', '{}', { idempotent: true });
    expect(JSON.parse(r.body)).toEqual({ method: 'POST', path: '/api/ping?x=1' });
    expect(proxy.forwards).toEqual([`POST ${plainUrl}api/ping?x=1`]);
  });

  it('HTTPS: a CONNECT tunnel, the certificate verified against the CA file and the target name', async () => {
    const c = client({ system: 'CRM', baseUrl: crmUrl(), proxy: proxyUrl, caFile });
    const r = await c.request('GET', '/api/ping', null, { idempotent: true });
    expect(JSON.parse(r.body)).toEqual({ method: 'GET', path: '/api/ping' });
    expect(proxy.connects).toEqual([`${CRM_HOST}:${securePort}`]);
  });

  it('HTTPS: a pinned certificate through the tunnel; a wrong pin or no trust at all → tls', async () => {
    const pinned = client({ system: 'CRM', baseUrl: crmUrl(), proxy: proxyUrl, pinSha256: fingerprint });
    expect((await pinned.request('GET', '/p', null, { idempotent: true })).status).toBe(200);
    const wrong = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00');
    const bad = await caught(client({ system: 'CRM', baseUrl: crmUrl(), proxy: proxyUrl, pinSha256: wrong }).request('GET', '/p', null, { idempotent: true }));
    expect(bad.category).toBe('tls');
    const untrusted = await caught(client({ system: 'CRM', baseUrl: crmUrl(), proxy: proxyUrl }).request('GET', '/p', null, { idempotent: true }));
    expect(untrusted.category).toBe('tls');
    expect(proxy.connects).toHaveLength(3);
  });

  it('the certificate must be for the target host, not for the proxy', async () => {
    // Asked for 127.0.0.1, the certificate (for crm.example.test only) does not fit, though the tunnel works.
    const c = client({ system: 'CRM', baseUrl: `https://127.0.0.1:${securePort}/`, proxy: proxyUrl, caFile });
    const e = await caught(c.request('GET', '/p', null, { idempotent: true }));
    expect(e.category).toBe('tls');
    expect(proxy.connects).toEqual([`127.0.0.1:${securePort}`]);
  });

  it('a proxy that cannot be reached → unreachable, naming the proxy, not the target', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    const e = await caught(client({ system: 'CRM', baseUrl: crmUrl(), proxy: dead, caFile }).request('GET', '/p', null, { idempotent: true }));
    expect(e.category).toBe('unreachable');
    expect(e.message).toContain(`proxy ${dead}`);
    expect(e.hint).toContain(new URL(dead).host);
    expect(e.details).toMatchObject({ code: 'ECONNREFUSED', proxy: dead, outcomeUnknown: false });
    const plainDead = await caught(client({ system: 'CRM', baseUrl: plainUrl, proxy: dead }).post('/p', '{}', { idempotent: false }));
    expect(plainDead.category).toBe('unreachable');
    expect(plainDead.message).toContain(`proxy ${dead}`);
  });

  it('a proxy refusing the tunnel: 407 → config (no proxy authentication), 403 → config, 502 → target unreachable', async () => {
    const c = () => client({ system: 'CRM', baseUrl: crmUrl(), proxy: proxyUrl, caFile });
    proxy.mode = 407;
    const auth = await caught(c().request('GET', '/p', null, { idempotent: true }));
    expect(auth.category).toBe('config');
    expect(auth.message).toMatch(/proxy .*authentication \(HTTP 407\)/);
    proxy.mode = 403;
    const denied = await caught(c().request('GET', '/p', null, { idempotent: true }));
    expect(denied.category).toBe('config');
    expect(denied.message).toContain(`refused the connection to ${CRM_HOST}:${securePort} (HTTP 403)`);
    proxy.mode = 502;
    const down = await caught(c().request('GET', '/p', null, { idempotent: true }));
    expect(down.category).toBe('unreachable');
    expect(down.message).toContain('through the proxy');
    expect(proxy.connects).toHaveLength(3);
  });

  it('plain HTTP answered 407 by the proxy → config', async () => {
    proxy.mode = 407;
    const e = await caught(client({ system: 'CRM', baseUrl: plainUrl, proxy: proxyUrl }).post('/p', '{}', { idempotent: true }));
    expect(e.category).toBe('config');
    expect(e.message).toContain('HTTP 407');
  });
});

describe('the proxy from the environment', () => {
  it('HTTPS_PROXY is used when the connection has none', async () => {
    vi.stubEnv('https_proxy', '');
    vi.stubEnv('HTTPS_PROXY', proxyUrl);
    vi.stubEnv('no_proxy', '');
    vi.stubEnv('NO_PROXY', '');
    const c = new HttpClient({ system: 'CRM', baseUrl: crmUrl(), caFile, retries: 0 });
    clients.push(c);
    expect(c.proxy?.source).toBe('HTTPS_PROXY');
    expect((await c.request('GET', '/env', null, { idempotent: true })).status).toBe(200);
    expect(proxy.connects).toEqual([`${CRM_HOST}:${securePort}`]);
  });

  it('NO_PROXY bypasses it: the request goes out directly (here: a name no DNS knows), the proxy sees nothing', async () => {
    const target = `https://crm.example.invalid:${securePort}/`;
    const c = client({ system: 'CRM', baseUrl: target, caFile, proxyEnv: { HTTPS_PROXY: proxyUrl, NO_PROXY: 'localhost,.example.invalid' } });
    expect(c.proxy).toBeNull();
    const e = await caught(c.request('GET', '/p', null, { idempotent: true }));
    expect(e.category).toBe('unreachable');
    expect(e.details?.['proxy']).toBeUndefined();
    expect(proxy.connects).toEqual([]);
  });

  it('loopback is never sent to the environment proxy; an explicit per-connection proxy or "direct" wins over it', async () => {
    const env = { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl };
    const local = client({ system: 'CRM', baseUrl: plainUrl, proxyEnv: env });
    expect(local.proxy).toBeNull();
    expect((await local.post('/local', '{}', { idempotent: true })).status).toBe(200);
    expect(proxy.forwards).toEqual([]);
    expect(client({ system: 'CRM', baseUrl: crmUrl(), proxy: 'direct', proxyEnv: env }).proxy).toBeNull();
    expect(client({ system: 'CRM', baseUrl: crmUrl(), proxy: 'http://other.example:8080', proxyEnv: env }).proxy?.url.host).toBe('other.example:8080');
  });
});

describe('resolveProxy and NO_PROXY', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://plainproxy.corp:3128' };
  const via = (target: string, e: Record<string, string> = env) => resolveProxy(target, undefined, e)?.url.host ?? null;

  it('takes the variable for the scheme, lower case first; "host:port" without scheme means http://', () => {
    expect(via('https://crm.example.com/')).toBe('proxy.corp:3128');
    expect(via('http://crm.example.com/')).toBe('plainproxy.corp:3128');
    expect(via('https://crm.example.com/', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })).toBe('lower:1');
    expect(via('https://crm.example.com/', { HTTPS_PROXY: 'squid.corp:8080' })).toBe('squid.corp:8080');
    expect(via('https://crm.example.com/', {})).toBeNull();
  });

  it('never proxies loopback from the environment', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'dav.localhost']) expect(via(`https://${h}:8443/`)).toBeNull();
  });

  it('NO_PROXY: hosts, domain suffixes, *, ports, IPs', () => {
    expect(noProxyMatches('*', 'crm.example.com', 443)).toBe(true);
    expect(noProxyMatches('crm.example.com', 'crm.example.com', 443)).toBe(true);
    expect(noProxyMatches('example.com', 'crm.example.com', 443)).toBe(true);
    expect(noProxyMatches('.example.com', 'crm.example.com', 443)).toBe(true);
    expect(noProxyMatches('*.example.com', 'crm.example.com', 443)).toBe(true);
    expect(noProxyMatches('.example.com', 'example.com', 443)).toBe(true);
    expect(noProxyMatches('ample.com', 'crm.example.com', 443)).toBe(false);
    expect(noProxyMatches('other.com, example.com:8443', 'crm.example.com', 443)).toBe(false);
    expect(noProxyMatches('other.com, example.com:8443', 'crm.example.com', 8443)).toBe(true);
    expect(noProxyMatches('10.1.2.3', '10.1.2.3', 443)).toBe(true);
    expect(noProxyMatches('2.3', '10.1.2.3', 443)).toBe(false);
    expect(noProxyMatches('[fd00::1]:443', '[fd00::1]', 443)).toBe(true);
    expect(noProxyMatches('CRM.Example.COM', 'crm.example.com', 443)).toBe(true);
    expect(via('https://crm.example.com/', { ...env, no_proxy: '.example.com' })).toBeNull();
    expect(via('https://crm.example.com/', { ...env, NO_PROXY: 'crm.example.com:8443' })).toBe('proxy.corp:3128');
  });

  it('refuses a proxy with credentials or a path, from the option and from the environment, without echoing it', () => {
    expect(() => resolveProxy('https://crm.example.com/', 'http://user:secret@proxy:3128', {})).toThrow(FerryError);
    let e: unknown;
    try {
      resolveProxy('https://crm.example.com/', undefined, { HTTPS_PROXY: 'http://user:secret@proxy:3128' });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(FerryError);
    expect((e as FerryError).category).toBe('config');
    expect((e as FerryError).message).toContain('HTTPS_PROXY');
    expect((e as FerryError).message).not.toContain('secret');
    expect(() => resolveProxy('https://crm.example.com/', 'http://proxy:3128/path', {})).toThrow(/no path/);
  });
});

describe('the proxy and maxConcurrent options of every kind', () => {
  // Every kind an admin can choose: a new one fails here until it takes the shared options (DEVELOPERS.md).
  const kinds = userFactories;

  it('are validated by each kind\'s schema and shown in its form', () => {
    for (const f of kinds) {
      const ok = (o: Record<string, string>) => f.optionsSchema.safeParse(o).success;
      expect(ok({ proxy: 'http://proxy.example.com:3128' }), f.kind).toBe(true);
      expect(ok({ proxy: 'https://proxy.example.com' }), f.kind).toBe(true);
      expect(ok({ proxy: 'direct' }), f.kind).toBe(true);
      expect(ok({ proxy: '' }), f.kind).toBe(true);
      expect(ok({ proxy: 'http://u:p@proxy.example.com:3128' }), f.kind).toBe(false);
      expect(ok({ proxy: 'http://proxy.example.com:3128/x' }), f.kind).toBe(false);
      expect(ok({ proxy: 'socks5://proxy.example.com:1080' }), f.kind).toBe(false);
      expect(ok({ proxy: 'proxy.example.com' }), f.kind).toBe(false);
      expect(ok({ maxConcurrent: '16' }), f.kind).toBe(true);
      expect(ok({ maxConcurrent: '0' }), f.kind).toBe(false);
      expect(ok({ maxConcurrent: '17' }), f.kind).toBe(false);
      const keys = (f.optionFields ?? []).map((o) => o.key);
      expect(keys, f.kind).toEqual(expect.arrayContaining(['proxy', 'maxConcurrent']));
      // Text fields (no "confirmed" choice): the window shows them under "Advanced options".
      expect((f.optionFields ?? []).filter((o) => ['proxy', 'maxConcurrent'].includes(o.key)).every((o) => !o.choices), f.kind).toBe(true);
    }
  });

  it('the window can clear a proxy once set (back to the environment\'s) and leaves both unset by default', () => {
    for (const f of kinds) {
      const fields = f.optionFields ?? [];
      expect(optionsForCreate(fields, {}), f.kind).not.toHaveProperty('proxy');
      expect(optionsForCreate(fields, {}), f.kind).not.toHaveProperty('maxConcurrent');
      const cleared = changedOptions(fields, { proxy: 'http://proxy.example.com:3128' }, { proxy: '' });
      expect(cleared, f.kind).toEqual({ proxy: '' });
      expect(f.optionsSchema.safeParse(cleared).success, f.kind).toBe(true);
    }
  });

  it('reach each connector\'s HTTP client: its connection test goes through the connection\'s proxy', async () => {
    proxy.mode = 403;
    // c-entron needs an instance path; every other kind takes the site's address.
    const urls: Record<string, string> = { centron: `${crmUrl()}CentronService` };
    // Options a kind needs before it sends anything (1CRM: its OAuth client).
    const needed: Record<string, Record<string, string>> = { onecrm: { clientId: 'ferry' } };
    for (const f of kinds) {
      const before = proxy.connects.length;
      const options = f.optionsSchema.parse({ ...needed[f.kind], proxy: proxyUrl, caFile });
      const conn = f.create({
        config: { id: `c-${f.kind}`, kind: f.kind, name: f.kind, url: f.normalizeUrl(urls[f.kind] ?? crmUrl()), username: 'ferry', options },
        secrets: Object.fromEntries(f.secretNames.map((n) => [n, 'pw'])),
        log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      });
      try {
        const r = await conn.test();
        expect(r.category, `${f.kind}: ${r.message}`).toBe('config');
        expect(r.message, f.kind).toContain('proxy');
      } finally {
        await conn.close();
      }
      expect(proxy.connects.length, f.kind).toBeGreaterThan(before);
      expect(proxy.connects.at(-1), f.kind).toBe(`${CRM_HOST}:${securePort}`);
    }
  });
});

describe('maxConcurrent', () => {
  /**
   * A server that holds every request until the test answers it, counting those in flight. The test answers the
   * oldest only once the limit is full (or nothing more is to come): a limit that let more through would have them
   * all held at once.
   */
  async function run(maxConcurrent: number, total: number, via: string | undefined) {
    let inFlight = 0;
    let most = 0;
    let arrivals = 0;
    let wake = () => undefined as void;
    const held: http.ServerResponse[] = [];
    const server = http.createServer((req, res) => {
      arrivals += 1;
      inFlight += 1;
      most = Math.max(most, inFlight);
      res.on('finish', () => {
        inFlight -= 1;
      });
      held.push(res);
      wake();
    });
    const arrivedAtLeast = (n: number) =>
      new Promise<void>((resolve) => {
        wake = () => {
          if (arrivals >= n) resolve();
        };
        wake();
      });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const c = client({ system: 'CRM', baseUrl: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`, maxConcurrent, ...(via ? { proxy: via } : {}) });
      const all = Promise.all(Array.from({ length: total }, (_, i) => c.post(`/r${i}`, '{}', { idempotent: true })));
      for (let k = 1; k <= total; k++) {
        await arrivedAtLeast(Math.min(k + maxConcurrent - 1, total));
        held.shift()!.end('{}');
      }
      const answers = await all;
      expect(answers.every((a) => a.status === 200)).toBe(true);
      return most;
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }

  it('never more than 2 requests in flight with maxConcurrent 2', async () => {
    expect(await run(2, 8, undefined)).toBe(2);
  });

  it('the same through a proxy', async () => {
    expect(await run(2, 8, proxyUrl)).toBe(2);
    expect(proxy.forwards).toHaveLength(8);
  });
});
