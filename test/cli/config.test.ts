import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/index.js';
import { ferry } from '../support/cli.js';
import { tempDir } from '../support/temp-store.js';

// `ferry config export|import` and `ferry settings`: the whole configuration as one file, all or nothing.
describe('ferry config export / import', () => {
  const a = tempDir('ferry-cfg-a-');
  const b = tempDir('ferry-cfg-b-');
  const rows = (dir: string) => {
    const s = openStore(dir);
    const out = JSON.stringify([s.connections.list().map((c) => [c.kind, c.name, c.url, c.username, c.options, c.enabled]), s.pipelines.list().map((p) => [p.name, p.config, p.paused])]);
    s.close();
    return out;
  };

  it('exports to stdout and to an owner-only file; imports into another data folder and says which secrets to set', async () => {
    const da = ['--data-dir', a];
    expect((await ferry(['connections', 'add', '--kind', 'centron', '--name', 'erp', '--url', 'https://erp.example/CentronService', '--username', 'ferry', '--option', 'deviceWrite=confirmed', ...da])).code).toBe(0);
    expect((await ferry(['connections', 'add', '--kind', 'zabbix', '--name', 'rmm', '--url', 'https://zabbix.example/', '--username', 'Admin', ...da])).code).toBe(0);
    let r = await ferry(['pipelines', 'add', '--name', 'p', '--left', 'erp', '--right', 'rmm', '--entity', 'customer:to-right', '--entity', 'device:to-left', '--time-zone', 'Europe/Berlin', ...da]);
    expect(r.code, r.stderr).toBe(0);
    r = await ferry(['settings', 'set', 'language=de', 'deleteGuard=5,25', ...da, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ language: 'de', deleteGuard: { percent: 5, max: 25 }, dataDir: a });

    r = await ferry(['config', 'export', ...da]);
    expect(r.code, r.stderr).toBe(0);
    const exported = JSON.parse(r.stdout) as { format: string; connections: unknown[]; pipelines: unknown[]; settings: { language: string } };
    expect(exported).toMatchObject({ format: 'ferry-config', version: 1, settings: { language: 'de' } });
    expect(exported.connections).toHaveLength(2);

    const file = path.join(tempDir('ferry-cfg-file-'), 'ferry-config.json');
    r = await ferry(['config', 'export', '--file', file, ...da]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(file);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ connections: exported.connections, pipelines: exported.pipelines });

    r = await ferry(['config', 'import', '--file', file, '--data-dir', b]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('erp, rmm');
    expect(r.stdout).toContain('ferry connections set-secret erp --secret-stdin');
    expect(r.stdout).toContain('ferry connections set-secret rmm --secret-stdin');
    expect(rows(b)).toBe(rows(a));
    r = await ferry(['settings', 'show', '--data-dir', b, '--json']);
    expect(r.json).toMatchObject({ language: 'de', deleteGuard: { percent: 5, max: 25 } });
  });

  it('a second import of the same file fails whole, non-zero, every problem listed by path', async () => {
    const file = path.join(tempDir('ferry-cfg-file-'), 'c.json');
    const r0 = await ferry(['config', 'export', '--file', file, '--data-dir', a]);
    expect(r0.code, r0.stderr).toBe(0);
    const before = rows(b);
    let r = await ferry(['config', 'import', '--file', file, '--data-dir', b]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error (input)');
    for (const p of ['connections[0].name: a connection named "erp" exists already', 'connections[1].name: a connection named "rmm" exists already', 'pipelines[0].name: a pipeline named "p" exists already']) expect(r.stderr).toContain(p);
    expect(r.stderr).toMatch(/hint: .+/);
    r = await ferry(['config', 'import', '--file', file, '--data-dir', b, '--json']);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stderr.trim().split('\n').pop()!) as { error: { category: string; details: { problems: { path: string }[] } } };
    expect(body.error.category).toBe('input');
    expect(body.error.details.problems.map((p) => p.path)).toEqual(['connections[0].name', 'connections[1].name', 'pipelines[0].name']);
    expect(rows(b)).toBe(before);
  });

  it('a missing or non-JSON file, and a bad setting, are input errors with hints', async () => {
    let r = await ferry(['config', 'import', '--file', path.join(b, 'nope.json'), '--data-dir', b]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error \(input\): Cannot read/);
    const junk = path.join(tempDir('ferry-cfg-file-'), 'junk.json');
    fs.writeFileSync(junk, '{ not json');
    r = await ferry(['config', 'import', '--file', junk, '--data-dir', b]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not JSON/);
    r = await ferry(['settings', 'set', 'timeZone=Mars/Olympus', '--data-dir', b]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error \(input\).*Mars\/Olympus[\s\S]*hint: .*IANA/);
    r = await ferry(['settings', 'set', 'colour=blue', '--data-dir', b]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hint: .*timeZone/);
  });
});
