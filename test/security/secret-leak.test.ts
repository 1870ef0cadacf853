import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarStore } from '../../main/secrets/index.js';
import { openStore } from '../../main/store/index.js';
import { startCentronSimulator, type CentronSimulator } from '../simulators/centron/server.js';
import { crashSetup, runFerry } from '../crash/harness.js';
import { ferry } from '../support/cli.js';

// Secrets live only in the OS keychain: never in SQLite, logs, exports or command output.
const secret = `Pl4nted-${Date.now().toString(36)}-Geheimnis-ß`;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

function hits(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), Buffer.from(Buffer.from(needle).toString('base64'))];
  return filesUnder(dir).filter((f) => {
    const b = fs.readFileSync(f);
    return forms.some((x) => b.includes(x));
  });
}

describe('secrets never leave the keychain', () => {
  let sim: CentronSimulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startCentronSimulator({ users: [{ username: 'ferry', password: secret, rights: 'all' }], data: { customers: 15, devices: 10, seed: 9, hostile: true } });
    dir = (await crashSetup(sim, secret)).dir;
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('plants a secret, runs full syncs with debug logging, then finds it in no file of the data folder', async () => {
    const env = { FERRY_LOG_LEVEL: 'debug' };
    const r = await runFerry(dir, { full: true });
    expect(r.code, r.stderr).toBe(0);
    const outputs = [r.stdout, r.stderr];
    for (const args of [['connections', 'list'], ['connections', 'show', 'erp'], ['connections', 'test', 'erp'], ['connections', 'preflight', 'erp'], ['status'], ['runs', 'list']]) {
      const x = await ferry([...args, '--data-dir', dir, '--json'], { env });
      outputs.push(x.stdout, x.stderr);
    }
    // The configuration export holds connections, never their secrets: on stdout nor in the file it writes.
    const exported = await ferry(['config', 'export', '--data-dir', dir], { env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('"name": "erp"');
    outputs.push(exported.stdout, exported.stderr);
    const exportFile = path.join(dir, 'exported-config.json');
    const toFile = await ferry(['config', 'export', '--file', exportFile, '--data-dir', dir, '--json'], { env });
    expect(toFile.code, toFile.stderr).toBe(0);
    outputs.push(toFile.stdout, toFile.stderr);
    expect(fs.readFileSync(exportFile, 'utf8')).toContain('"name": "erp"');
    expect(fs.readFileSync(exportFile, 'utf8')).not.toContain(secret);
    // A wrong password must not echo the right one either.
    const bad = await ferry(['connections', 'set-secret', 'erp', '--secret-stdin', '--data-dir', dir], { stdin: 'wrong', env });
    outputs.push(bad.stdout, bad.stderr);
    const t = await ferry(['connections', 'test', 'erp', '--data-dir', dir, '--json'], { env });
    expect(t.json).toMatchObject({ category: 'auth' });
    outputs.push(t.stdout, t.stderr);
    expect(filesUnder(dir).some((f) => f.endsWith('.log'))).toBe(true);
    expect(filesUnder(dir).some((f) => f.endsWith('ferry.db'))).toBe(true);
    expect(hits(dir, secret)).toEqual([]);
    for (const o of outputs) expect(o).not.toContain(secret);
    // The keychain does hold it: the check above is not vacuous.
    const store = openStore(dir);
    const id = store.connections.byName('erp')!.id;
    store.close();
    expect(await createKeytarStore().get(id, 'password')).toBe('wrong');
  });

  it('a connection whose secret is gone shows "needs credentials" with a hint, never a crash', async () => {
    const store = openStore(dir);
    const id = store.connections.byName('erp')!.id;
    store.close();
    await createKeytarStore().delete(id, 'password');
    const list = await ferry(['connections', 'list', '--data-dir', dir, '--json']);
    expect((list.json as { name: string; health: string; secret: string }[]).find((c) => c.name === 'erp')).toMatchObject({ health: 'needs-credentials', secret: 'not-set' });
    const run = await runFerry(dir);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { status: string; error: { category: string; hint: string } };
    expect(out.status).toBe('failed');
    expect(out.error.category).toBe('needs-credentials');
    expect(out.error.hint).toMatch(/set-secret/);
    const status = await ferry(['status', '--data-dir', dir, '--json']);
    expect(status.code).toBe(3);
  });
});
