import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { ferry } from '../support/cli.js';
import { tempDir } from '../support/temp-store.js';

// `ferry demo` and `ferry demo up` through the real CLI, in temp data folders, under the real keyring: once with the
// real Zabbix it starts itself in D/zabbix (installed here and in CI), once with the in-process stand-in.
const repo = path.resolve(import.meta.dirname, '../..');

type Counts = Record<'created' | 'updated' | 'deleted' | 'unchanged' | 'skipped' | 'conflicts' | 'failed', number>;
interface RunSummary {
  run: string;
  status: string;
  mode: string;
  entities: Record<string, Counts>;
}
interface DemoOutput {
  dataDir: string;
  rmm: string;
  centron: string;
  runs: RunSummary[];
  changes: string[];
}

/** True when something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** The first line a child writes to stdout; rejects with its stderr when it exits first. */
function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  const rl = readline.createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    child.once('exit', (code, signal) => reject(new Error(`ferry demo up exited (${code ?? signal}) before it was ready:\n${stderr()}`)));
  });
}

const cases = [
  { rmm: 'zabbix', args: [] as string[] },
  { rmm: 'stand-in', args: ['--no-zabbix'] },
] as const;

describe.each(cases)('ferry demo with the RMM $rmm', ({ rmm, args }) => {
  const root = tempDir('ferry-demo-test-');
  const dir = path.join(root, 'demo');
  let up: ChildProcess | null = null;

  afterAll(async () => {
    // Only when a test failed half-way: stop the `demo up` this file started, by its PID.
    if (up && up.exitCode === null && up.signalCode === null) {
      const exited = once(up, 'exit');
      up.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('runs the whole story: two runs, the second with updates and no creates; says which RMM it used', async () => {
    const r = await ferry(['demo', '--data-dir', dir, '--json', ...args]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json as DemoOutput;
    expect(Object.keys(out).sort()).toEqual(['centron', 'changes', 'crm', 'dataDir', 'rmm', 'runs', 'twoWay']);
    // The CRM part: c-entron → SugarCRM (simulator), then SugarCRM → each user's address book (a real Radicale).
    const crm = (r.json as { crm: { runs: (RunSummary & { pipeline: string })[]; addressBooks: string | null } }).crm;
    expect(crm.addressBooks).toBe('radicale');
    expect(crm.runs.map((x) => [x.pipeline, x.status])).toEqual([['erp-crm', 'ok'], ['crm-dav', 'ok']]);
    expect(crm.runs[0]!.entities['customer']!.created).toBeGreaterThan(0);
    expect(crm.runs[1]!.entities['contact']!.created).toBeGreaterThan(0);
    // Both ways: a second pipeline syncs devices in both directions; one conflict is decided for c-entron.
    const two = (r.json as { twoWay: { pipeline: string; runs: RunSummary[]; conflict: { resolution: string; closed: boolean; differing: string[] } | null } }).twoWay;
    expect(two.pipeline).toBe('demo-both');
    expect(two.runs.map((x) => x.status)).toEqual(['ok', 'ok', 'ok']);
    // The changed pair, and (hostile data) two c-entron devices sharing one code: never linked or created by guess.
    expect(two.runs[1]!.entities['device']!.conflicts).toBeGreaterThanOrEqual(1);
    expect(two.conflict).toMatchObject({ resolution: 'left', closed: true, differing: ['serialNumber'] });
    expect(two.runs[2]!.entities['device']!.updated).toBe(1);
    expect(out.rmm).toBe(rmm);
    expect(out.dataDir).toBe(dir);
    expect(out.runs).toHaveLength(2);
    const [first, second] = out.runs as [RunSummary, RunSummary];
    expect(first.status).toBe('ok');
    expect(second.status).toBe('ok');
    expect(first.mode).toBe('full');
    expect(second.mode).toBe('delta');
    // Run 1 creates host groups for the customers the RMM did not know and devices in c-entron.
    expect(first.entities['customer']!.created).toBeGreaterThan(0);
    expect(first.entities['device']!.created).toBeGreaterThan(0);
    // The host that belongs to no customer is skipped, not guessed.
    expect(first.entities['device']!.skipped).toBeGreaterThan(0);
    for (const [entity, c] of Object.entries(second.entities)) {
      expect(c.created, entity).toBe(0);
      expect(c.failed, entity).toBe(0);
    }
    // The renamed customer and the changed serial number are carried over.
    expect(second.entities['customer']!.updated).toBeGreaterThanOrEqual(1);
    expect(second.entities['device']!.updated).toBeGreaterThanOrEqual(1);
    expect(out.changes).toHaveLength(2);
    expect(r.stderr).toContain(rmm === 'zabbix' ? 'RMM:      real Zabbix' : 'RMM:      in-process RMM stand-in');

    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'demo.json'), 'utf8')) as { rmm: string; zabbixPort?: number };
    expect(meta.rmm).toBe(rmm);
    if (rmm === 'zabbix') {
      // Zabbix is stopped at the end, its data kept in D/zabbix.
      expect(meta.zabbixPort).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(dir, 'zabbix', 'db-ready'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'zabbix', 'php.pid'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'zabbix', 'mariadb.pid'))).toBe(false);
      expect(await listening(meta.zabbixPort!)).toBe(false);
    } else {
      expect(meta.zabbixPort).toBeUndefined();
      expect(fs.existsSync(path.join(dir, 'zabbix'))).toBe(false);
    }
  }, 240_000);

  it('refuses a second demo on the same folder and names `ferry demo up`', async () => {
    const r = await ferry(['demo', '--data-dir', dir, '--json', ...args]);
    expect(r.code).not.toBe(0);
    const err = (JSON.parse(r.stderr.trim().split('\n').pop()!) as { error: { category: string; hint: string } }).error;
    expect(err.category).toBe('state');
    expect(err.hint).toContain('ferry demo up');
  });

  it('`ferry demo up` serves the demo data again until SIGTERM; other commands work against it', async () => {
    let stderr = '';
    up = spawn(process.execPath, [path.join(repo, 'bin/ferry.js'), 'demo', 'up', '--data-dir', dir, '--json'], { cwd: repo, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    up.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = once(up, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const ready = JSON.parse(await firstLine(up, () => stderr)) as { dataDir: string; centron: string; rmm: string; zabbix?: string; crm?: string; carddav?: string };
    expect(ready.crm).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.carddav).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(ready.rmm).toBe(rmm);
    expect(ready.dataDir).toBe(dir);
    if (rmm === 'zabbix') expect(ready.zabbix).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    else expect(ready.zabbix).toBeUndefined();

    const status = await ferry(['status', '--data-dir', dir, '--json']);
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect((status.json as { pipelines: { pipeline: string }[] }).pipelines.map((p) => p.pipeline)).toEqual(['crm-dav', 'demo', 'demo-both', 'erp-crm']);
    // Acting for each user on the demo data: three users matched by e-mail, the inactive one listed with its reason;
    // the CRM and the address books come back with their data, so the next run changes nothing.
    const users = await ferry(['pipelines', 'users', 'crm-dav', '--data-dir', dir, '--json']);
    expect(users.code, users.stderr).toBe(0);
    expect((users.json as { matched: unknown[]; unmatched: { reason: string }[] }).matched).toHaveLength(3);
    expect((users.json as { unmatched: { reason: string }[] }).unmatched.map((u) => u.reason)).toEqual(['inactive']);
    const perUser = await ferry(['run', 'crm-dav', '--data-dir', dir, '--json']);
    expect(perUser.code, perUser.stderr).toBe(0);
    expect(perUser.json).toMatchObject({ status: 'ok', entities: { contact: { created: 0, failed: 0 } } });

    // The commands of issue 3 on the demo data.
    const dry = await ferry(['run', 'demo-both', '--dry-run', '--data-dir', dir, '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json).toMatchObject({ status: 'dry-run', dryRun: true });
    const inbox = await ferry(['conflicts', 'list', '--all', '--data-dir', dir, '--json']);
    expect((inbox.json as { closedAt: string | null; resolution: string }[]).map((c) => [c.resolution, c.closedAt !== null])).toEqual([['left', true]]);
    const check = await ferry(['pipelines', 'check', 'demo', '--data-dir', dir, '--json']);
    expect([0, 1]).toContain(check.code);
    expect(check.json).toMatchObject({ pipeline: 'demo' });
    const history = await ferry(['runs', 'list', '--pipeline', 'demo-both', '--data-dir', dir, '--json']);
    const lastBoth = (history.json as { run: string; dryRun: boolean }[]).find((x) => !x.dryRun)!.run;
    const undo = await ferry(['runs', 'undo', lastBoth, '--data-dir', dir, '--json']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.json).toMatchObject({ run: lastBoth, pipeline: 'demo-both' });
    // Undo paused demo-both; resume it so the rest of the story continues as before.
    expect((await ferry(['pipelines', 'resume', 'demo-both', '--data-dir', dir, '--json'])).code).toBe(0);

    // The same data as the demo left it (no re-import, no new simulator data): nothing to create.
    const run = await ferry(['run', 'demo', '--data-dir', dir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = run.json as RunSummary;
    expect(summary.status).toBe('ok');
    for (const [entity, c] of Object.entries(summary.entities)) {
      expect(c.created, entity).toBe(0);
      expect(c.failed, entity).toBe(0);
    }

    up.kill('SIGTERM');
    const [code] = await exited;
    expect(code, stderr).toBe(0);
    expect(await listening(Number(new URL(ready.centron).port))).toBe(false);
    if (ready.zabbix) {
      expect(await listening(Number(new URL(ready.zabbix).port))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'zabbix', 'php.pid'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'zabbix', 'mariadb.pid'))).toBe(false);
    }
  }, 240_000);
});
