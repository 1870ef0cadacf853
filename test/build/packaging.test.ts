import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');

describe('packaging config', () => {
  it('electron-builder.yml builds a per-machine NSIS installer that supports silent installs and keeps user data', () => {
    const cfg = parse(fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a YAML document
    expect(cfg['appId']).toMatch(/^[a-z0-9.]+$/);
    expect(cfg['win']['target'][0]['target']).toBe('nsis');
    expect(cfg['nsis']).toMatchObject({ oneClick: false, perMachine: true, deleteAppDataOnUninstall: false });
    // Native modules must not be packed inside the asar archive.
    expect(cfg['asarUnpack']).toEqual(expect.arrayContaining([expect.stringContaining('keytar'), expect.stringContaining('better-sqlite3')]));
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.devDependencies['electron']).toBeDefined();
    expect(pkg.dependencies['electron']).toBeUndefined();
  });

  it('a release workflow for a Windows runner builds the installer and smoke-tests it', () => {
    const wf = parse(fs.readFileSync(path.join(repo, '.github/workflows/release.yml'), 'utf8')) as { jobs: Record<string, { 'runs-on': string; steps: { run?: string }[] }> };
    const job = Object.values(wf.jobs)[0]!;
    expect(job['runs-on']).toMatch(/windows/);
    expect(job.steps.some((s) => s.run?.includes('electron-builder --win'))).toBe(true);
  });
});

describe('the electron boundary (lint rule)', () => {
  const eslint = new ESLint({ cwd: repo });
  const code = "import { app } from 'electron';\nexport const x = app;\n";
  it('refuses electron imports outside main/electron and preload', async () => {
    const [r] = await eslint.lintText(code, { filePath: path.join(repo, 'main/engine/not-allowed.ts') });
    expect(r!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });
  it('allows them in main/electron and preload', async () => {
    for (const f of ['main/electron/allowed.ts', 'preload/allowed.ts']) {
      const [r] = await eslint.lintText(code, { filePath: path.join(repo, f) });
      expect(r!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
    }
  });
});
