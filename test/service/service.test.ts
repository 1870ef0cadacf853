import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/app/context.js';
import { allFactories } from '../../main/connectors/registry.js';
import { createNullLogger } from '../../main/log/index.js';
import { createMemoryStore } from '../../main/secrets/index.js';
import { startEngineHost, type EngineHost } from '../../main/service/host.js';
import { openStore } from '../../main/store/index.js';
import { tempDir } from '../support/temp-store.js';

const repo = path.resolve(import.meta.dirname, '../..');

function context(dir: string): AppContext {
  return { dataDir: dir, store: openStore(dir), secrets: createMemoryStore(), log: createNullLogger(), factories: new Map(allFactories.map((f) => [f.kind, f])), now: () => new Date() };
}

describe('the engine host\'s loopback API', () => {
  const dir = tempDir('ferry-svc-');
  let ctx: AppContext;
  let host: EngineHost;
  let token: string;
  const call = (p: string, init: RequestInit & { headers?: Record<string, string> } = {}) => fetch(`${host.url}${p}`, init);

  beforeAll(async () => {
    ctx = context(dir);
    host = await startEngineHost(ctx, { reloadMs: 60_000 });
    token = fs.readFileSync(host.tokenFile, 'utf8').trim();
  });
  afterAll(async () => {
    await host.stop();
    ctx.store.close();
  });

  it('listens on 127.0.0.1 only and keeps the token in a file only this user can read', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    if (process.platform !== 'win32') expect(fs.statSync(host.tokenFile).mode & 0o777).toBe(0o600);
    expect(token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers an operation with the token, validates input, and refuses without token, foreign Host or Origin', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let r = await call('/api/connections.list', { method: 'POST', headers: auth, body: '{}' });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual([]);
    r = await call('/api/connections.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: { category: string } }).error.category).toBe('auth');
    r = await call('/api/connections.list', { method: 'POST', headers: { ...auth, origin: 'http://evil.example' }, body: '{}' });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: { category: string } }).error.category).toBe('permission');
    r = await call('/api/connections.show', { method: 'POST', headers: auth, body: '{"nom":1}' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { category: string; hint: string } }).error).toMatchObject({ category: 'input' });
    r = await call('/api/connections.show', { method: 'POST', headers: auth, body: '{"name":"nope"}' });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { hint: string } }).error.hint).toMatch(/ferry connections list/);
    r = await call('/api/connections.create', { method: 'POST', headers: auth, body: '{"kind":"rmm-standin","name":"x","url":"file:///tmp/x.json"}' });
    expect(r.status).toBe(400);
  });

  it('a foreign Host header is refused (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = http.request(`${host.url}/api/connections.list`, { method: 'POST', headers: { host: 'attacker.example:80', authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('only one engine host per data folder', async () => {
    const other = context(dir);
    await expect(startEngineHost(other)).rejects.toMatchObject({ category: 'busy' });
    other.store.close();
  });
});

describe('the CLI while an engine host runs', () => {
  it('`ferry run` is handed to the host, which runs it and answers the summary', async () => {
    const { startCentronSimulator } = await import('../simulators/centron/server.js');
    const { connections } = await import('../../main/app/connections.js');
    const { pipelines } = await import('../../main/app/pipelines.js');
    const { RmmStandinState } = await import('../../main/demo/rmm-standin.js');
    const { pathToFileURL } = await import('node:url');
    const { ferry } = await import('../support/cli.js');
    const sim = await startCentronSimulator({ data: { customers: 5, devices: 0, seed: 2 } });
    const dir = tempDir('ferry-svc-run-');
    const ctx = context(dir);
    const rmmFile = path.join(dir, 'rmm.json');
    new RmmStandinState().save(rmmFile);
    // The host's secrets live in its own (here: memory) store; the CLI process never needs them.
    await connections.create(ctx, { kind: 'centron', name: 'erp', url: sim.url, username: 'ferry', options: { deviceWrite: 'confirmed' }, secret: 'secret' });
    await connections.create(ctx, { kind: 'rmm-standin', name: 'rmm', url: pathToFileURL(rmmFile).href }, { allowHidden: true });
    pipelines.create(ctx, { name: 'p', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }] });
    const host = await startEngineHost(ctx, { reloadMs: 60_000 });
    try {
      const r = await ferry(['run', 'p', '--data-dir', dir, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(host.url);
      expect(r.json).toMatchObject({ pipeline: 'p', status: 'ok', entities: { customer: { created: RmmStandinState.load(rmmFile).groups.size } } });
      expect(RmmStandinState.load(rmmFile).groups.size).toBeGreaterThan(0);
    } finally {
      await host.stop();
      ctx.store.close();
      await sim.stop();
    }
  });
});

describe('a killed engine host', () => {
  it('leaves a lease that the next host takes over at once', async () => {
    const dir = tempDir('ferry-svc-kill-');
    const start = () => {
      const p = spawn(process.execPath, [path.join(repo, 'bin/ferry.js'), 'serve', '--data-dir', dir, '--json'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
      const ready = new Promise<{ url: string }>((resolve, reject) => {
        readline.createInterface({ input: p.stdout! }).once('line', (l) => resolve(JSON.parse(l) as { url: string }));
        p.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
      });
      return { p, ready };
    };
    const a = start();
    await a.ready;
    const exited = new Promise((r) => a.p.once('exit', r));
    a.p.kill('SIGKILL');
    await exited;
    const b = start();
    const info = await b.ready;
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const done = new Promise((r) => b.p.once('exit', r));
    b.p.kill('SIGTERM');
    await done;
  });
});
