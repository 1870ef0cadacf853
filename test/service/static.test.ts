import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/app/context.js';
import { allFactories } from '../../main/connectors/registry.js';
import { createNullLogger } from '../../main/log/index.js';
import { createMemoryStore } from '../../main/secrets/index.js';
import { startEngineHost, type EngineHost } from '../../main/service/host.js';
import { rendererDir } from '../../main/service/static.js';
import { openStore } from '../../main/store/index.js';
import { tempDir } from '../support/temp-store.js';

// Raw requests: fetch would normalise "/../" away before it reaches the server.
function get(url: string, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: pathname, method: 'GET', headers: { host: u.host, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('ferry serve hands out the UI', () => {
  let ctx: AppContext;
  let host: EngineHost;
  let ui: string;
  let secretBeside: string;
  beforeAll(async () => {
    const dir = tempDir('ferry-static-');
    ui = path.join(dir, 'ui');
    fs.mkdirSync(path.join(ui, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Ferry</title>');
    fs.writeFileSync(path.join(ui, 'assets', 'app.js'), 'console.log(1)');
    secretBeside = path.join(dir, 'outside.txt');
    fs.writeFileSync(secretBeside, 'not for browsers');
    ctx = { dataDir: dir, store: openStore(dir), secrets: createMemoryStore(), log: createNullLogger(), factories: new Map(allFactories.map((f) => [f.kind, f])), now: () => new Date() };
    host = await startEngineHost(ctx, { staticDir: ui, reloadMs: 3_600_000 });
  });
  afterAll(async () => {
    await host.stop();
    ctx.store.close();
  });

  it('serves the page and its assets without a token, with a strict CSP', async () => {
    const page = await get(host.url, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Ferry</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const asset = await get(host.url, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it('serves nothing outside the UI folder', async () => {
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/../../outside.txt']) {
      const r = await get(host.url, p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('not for browsers');
    }
  });

  it('answers a foreign Host (DNS rebinding) with 403, also for the page', async () => {
    const r = await get(host.url, '/', { host: 'evil.example:80' });
    expect(r.status).toBe(403);
  });

  it('the API still needs the token', async () => {
    const r = await fetch(`${host.url}/api/status.get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
  });

  it('finds the built renderer of this package', () => {
    expect(rendererDir(path.join(import.meta.dirname, 'x'))).toBe(path.resolve(import.meta.dirname, '../../dist/renderer'));
  });
});
