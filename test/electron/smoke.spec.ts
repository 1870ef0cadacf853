// Smoke test of the installed Windows app, run by .github/workflows/release.yml after a silent install (/S).
// `npx playwright test --config test/electron/playwright.config.ts`; FERRY_EXE names the exe (default: the
// unpacked build). The app answers the test hooks only when started with FERRY_TEST_HOOKS=1.
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { FerryBridge } from '../../shared/bridge.js';
import type { KeychainRoundTrip, TestInfo } from '../../main/tray/test-hooks.js';

const exe = process.env['FERRY_EXE'] ?? path.resolve(import.meta.dirname, '../../dist/installer/win-unpacked/Ferry.exe');

type Page = { ferry: FerryBridge; ferryTest: { info(): Promise<TestInfo>; keytar(): Promise<KeychainRoundTrip> } };

test('the installed app builds its tray, opens its window, answers over IPC and uses the Credential Manager', async () => {
  const app = await electron.launch({ executablePath: exe, env: { ...process.env, FERRY_TEST_HOOKS: '1' } as Record<string, string> });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    // One IPC round trip through the preload's window.ferry.
    const kinds = await page.evaluate(() => (globalThis as unknown as Page).ferry['kinds.list']({}));
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['centron', 'zabbix']));
    // A bad input is refused by the main process with the contract's error, category and hint intact.
    const refused = await page.evaluate(() => (globalThis as unknown as Page).ferry['connections.show']({ name: '' }).then(() => null, (e: unknown) => e));
    expect(refused).toMatchObject({ category: 'input', hint: expect.any(String) });

    // The tray exists with its menu, this process is the engine host on the machine-wide data folder.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as Page).ferryTest.info())).toMatchObject({ trayBuilt: true, windows: 1, engine: 'host' });
    const info = await page.evaluate(() => (globalThis as unknown as Page).ferryTest.info());
    expect(info.dataDir).toMatch(/ProgramData[\\/]Ferry$/i);

    // keytar (unpacked from the asar, rebuilt for Electron) writes, reads and deletes a secret in the Credential Manager.
    const keychain = await page.evaluate(() => (globalThis as unknown as Page).ferryTest.keytar());
    expect(keychain).toEqual({ ok: true, readBack: true, deleted: true, error: null });
  } finally {
    await app.close();
  }
});
