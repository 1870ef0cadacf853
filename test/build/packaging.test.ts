import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ESLint } from 'eslint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');

type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a YAML document
const builder = () => parse(fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Yaml;
const workflow = () => parse(fs.readFileSync(path.join(repo, '.github/workflows/release.yml'), 'utf8')) as { jobs: Record<string, { 'runs-on': string; steps: { run?: string; uses?: string; with?: Yaml; env?: Yaml; name?: string }[] }> };
const pkg = () => JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('packaging config', () => {
  it('electron-builder.yml builds a per-machine NSIS installer that supports silent installs and keeps user data', () => {
    const cfg = builder();
    expect(cfg['appId']).toMatch(/^[a-z0-9.]+$/);
    expect(cfg['productName']).toBe('Ferry');
    expect(cfg['win']['target']).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    // Assisted (not one-click) installer, for all users, elevating itself; data outside the install folder survives
    // upgrades and uninstalls. Silent install is NSIS' /S (documented in the file).
    expect(cfg['nsis']).toMatchObject({ oneClick: false, perMachine: true, allowElevation: true, deleteAppDataOnUninstall: false });
    expect(fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')).toMatch(/\/S\b/);
    const p = pkg();
    expect(p.devDependencies['electron']).toBeDefined();
    expect(p.dependencies['electron']).toBeUndefined();
  });

  it('is a valid electron-builder configuration (its own schema, as `electron-builder` checks it first)', async () => {
    // electron-builder's own validator; its packages come with electron-builder (no Electron binary needed).
    const require = createRequire(path.join(repo, 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, log: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(builder(), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...builder(), nsis: { ...builder()['nsis'], silentInstall: true } }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('packs the built main, preload and renderer (never older installers) and unpacks the native modules, rebuilt for Electron', () => {
    const cfg = builder();
    expect(cfg['files']).toEqual(expect.arrayContaining(['dist/**/*', '!dist/installer/**/*', 'package.json']));
    expect(cfg['directories']['output']).toBe('dist/installer');
    // Native modules must not be packed inside the asar archive.
    expect(cfg['asarUnpack']).toEqual(expect.arrayContaining([expect.stringContaining('keytar'), expect.stringContaining('better-sqlite3')]));
    expect(cfg['npmRebuild']).toBe(true);
    // The entry point electron-builder starts is what scripts/build-electron.mjs writes.
    expect(pkg().main).toBe('dist/main/electron/main.js');
    expect(pkg().scripts['build:electron']).toBe('node scripts/build-electron.mjs');
  });

  it('uses the appId as Windows AppUserModelId, so the Start menu shortcut and the notifications belong together', () => {
    const main = fs.readFileSync(path.join(repo, 'main/electron/main.ts'), 'utf8');
    expect(/const APP_ID = '([^']+)'/.exec(main)?.[1]).toBe(builder()['appId']);
  });

  it('gives the exe, the installer and the tray their icons from build/icons', () => {
    const cfg = builder();
    for (const f of [cfg['win']['icon'], cfg['nsis']['installerIcon'], cfg['nsis']['uninstallerIcon']]) {
      expect(f).toBe('build/icons/icon.ico');
      expect(fs.existsSync(path.join(repo, f as string))).toBe(true);
    }
    // main/tray/paths.ts loads the tray icons from resources/icons in the packaged app.
    expect(cfg['extraResources']).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'build/icons', to: 'icons', filter: expect.arrayContaining(['tray-*.png']) })]));
  });

  it('a release workflow for a Windows runner builds the installer, installs it silently, smoke-tests it and keeps it', () => {
    const job = Object.values(workflow().jobs)[0]!;
    expect(job['runs-on']).toBe('windows-latest');
    const steps = job.steps;
    const at = (f: (s: (typeof steps)[number]) => boolean) => {
      const i = steps.findIndex(f);
      expect(i, 'step missing').toBeGreaterThanOrEqual(0);
      return i;
    };
    const checkout = at((s) => s.uses?.startsWith('actions/checkout') === true);
    const node = at((s) => s.uses?.startsWith('actions/setup-node') === true);
    expect(String(steps[node]!.with?.['node-version'])).toBe('22');
    const ci = at((s) => s.run === 'npm ci');
    const renderer = at((s) => s.run === 'npm run build:renderer');
    const electron = at((s) => s.run === 'npm run build:electron');
    const builderStep = at((s) => s.run?.includes('electron-builder --win nsis --publish never') === true);
    const install = at((s) => s.run?.includes("'/S'") === true);
    const smoke = at((s) => s.run?.includes('playwright test --config test/electron/playwright.config.ts') === true);
    const upload = at((s) => s.uses?.startsWith('actions/upload-artifact') === true && String(s.with?.['path']).includes('dist/installer'));
    expect([checkout, node, ci, renderer, electron, builderStep, install, smoke, upload]).toEqual([...[checkout, node, ci, renderer, electron, builderStep, install, smoke, upload]].sort((a, b) => a - b));
    // The Electron binary is downloaded on the runner; code signing is prepared but commented out.
    expect(JSON.stringify(job)).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    const text = fs.readFileSync(path.join(repo, '.github/workflows/release.yml'), 'utf8');
    expect(text).toMatch(/^\s*#.*CSC_LINK/m);
    expect(text).toMatch(/^\s*#.*CSC_KEY_PASSWORD/m);
  });

  it('keeps the Electron smoke test away from vitest and the renderer\'s Playwright config', async () => {
    const spec = 'test/electron/smoke.spec.ts';
    expect(fs.existsSync(path.join(repo, spec))).toBe(true);
    const vitest = (await import('../../vitest.config.js')).default as { test: { include: string[] } };
    expect(vitest.test.include.length).toBeGreaterThan(0);
    expect(vitest.test.include.filter((g) => path.matchesGlob(spec, g))).toEqual([]);
    if (fs.existsSync(path.join(repo, 'playwright.config.ts'))) {
      const e2e = (await import('../../playwright.config.js')).default as { testDir?: string };
      const dir = path.resolve(repo, e2e.testDir ?? '.');
      expect(path.relative(dir, path.join(repo, spec)).startsWith('..')).toBe(true);
    }
    const own = (await import('../electron/playwright.config.js')).default as { testDir?: string; testMatch?: string };
    expect(own.testMatch).toBe('smoke.spec.ts');
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
