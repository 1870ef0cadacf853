import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ferry } from '../support/cli.js';
import { tempDir } from '../support/temp-store.js';
import { openStore } from '../../main/store/index.js';

// Bad input exits non-zero with a category and a hint, and changes nothing.
describe('bad input through the CLI', () => {
  const dir = tempDir('ferry-bad-');
  const d = ['--data-dir', dir, '--json'];
  const snapshot = () => {
    const s = openStore(dir);
    const rows = JSON.stringify([s.connections.list(), s.pipelines.list(), s.runs.list()]);
    s.close();
    return rows;
  };
  const expectError = (r: { code: number; stderr: string }, category: string) => {
    expect(r.code, r.stderr).not.toBe(0);
    const body = JSON.parse(r.stderr.trim().split('\n').pop()!) as { error: { category: string; hint: string } };
    expect(body.error.category).toBe(category);
    expect(body.error.hint.length).toBeGreaterThan(10);
  };

  it('rejects each mistake with its category and a hint, and leaves the data as it was', async () => {
    const r = await ferry(['connections', 'add', '--kind', 'zabbix', '--name', 'rmm', '--url', 'http://127.0.0.1:9/', '--username', 'Admin', ...d]);
    expect(r.code, r.stderr).toBe(0);
    await ferry(['connections', 'add', '--kind', 'centron', '--name', 'erp', '--url', 'http://127.0.0.1:9/CentronService', '--username', 'u', ...d]);
    const before = snapshot();
    expectError(await ferry(['connections', 'add', '--kind', 'riverbird', '--name', 'x', '--url', 'https://rb.example', ...d]), 'input');
    expectError(await ferry(['connections', 'add', '--kind', 'centron', '--name', 'x', '--url', 'not a url', ...d]), 'input');
    expectError(await ferry(['connections', 'add', '--kind', 'centron', '--name', 'x', '--url', 'ftp://host/CentronService', ...d]), 'input');
    expectError(await ferry(['connections', 'add', '--kind', 'centron', '--name', 'x', '--url', 'http://h/CentronService', '--option', 'noSuchOption=1', ...d]), 'input');
    expectError(await ferry(['connections', 'set-secret', 'erp', '--secret-stdin', ...d]), 'input'); // empty stdin
    expectError(await ferry(['connections', 'test', 'erp', ...d]), 'needs-credentials'); // no secret set
    expectError(await ferry(['connections', 'show', 'nope', ...d]), 'not-found');
    expectError(await ferry(['run', 'nope', ...d]), 'not-found');
    const p = ['pipelines', 'add', '--name', 'p', '--left', 'erp', '--right', 'rmm'];
    expectError(await ferry([...p, '--entity', 'gadget:to-right', ...d]), 'input');
    expectError(await ferry([...p, '--entity', 'customer:sideways', ...d]), 'input');
    expectError(await ferry([...p, '--entity', 'customer:to-right', '--full-at', '25:99', ...d]), 'input');
    expectError(await ferry([...p, '--entity', 'customer:to-right', '--time-zone', 'Mars/Olympus', ...d]), 'input');
    expectError(await ferry([...p, '--entity', 'customer:to-right', '--every', '2m', ...d]), 'input');
    expectError(await ferry([...p, '--entity', 'customer:to-right', '--left', 'ghost', ...d]), 'not-found');
    expectError(await ferry([...p, '--entity', 'customer:to-right', '--map', 'customer.nope={name}', ...d]), 'input');
    expectError(await ferry([...p, '--entity', 'customer:to-right', '--map', 'customer.name={name|shout}', ...d]), 'input');
    expectError(await ferry([...p, '--entity', 'customer:to-right', '--delete-guard', '200,5', ...d]), 'input');
    // Neither c-entron nor Zabbix reports modification times: newer-wins is refused with the reason.
    expectError(await ferry([...p, '--entity', 'customer:both', '--conflict', 'customer=newer-wins', ...d]), 'unsupported');
    expect(snapshot()).toBe(before);
    expect(fs.existsSync(path.join(dir, 'ferry.db'))).toBe(true);
  }, 240_000); // some twenty CLI processes in a row
});
