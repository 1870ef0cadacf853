import { expect, test, type Page } from '@playwright/test';
import { api, expectAccessible, openFerry, screenshot } from './fixtures.js';
import { ensureSeed000 } from './systems.js';

// Every screen in both languages: a screenshot at 1280×800 (test-results/screenshots/<screen>-<lang>.png) and
// axe-core with no serious or critical violation. German is switched on through the settings screen.
test.describe.configure({ mode: 'serial' });

interface Screen {
  name: string;
  route: () => Promise<string>;
  ready: (page: Page) => Promise<void>;
}

let names: Awaited<ReturnType<typeof ensureSeed000>>;
let runId = '';
let conflictId: number | null = null;

const screens: Screen[] = [
  { name: 'status', route: async () => '#/status', ready: (p) => expect(p.getByTestId('screen-status')).toBeVisible() },
  { name: 'connections', route: async () => '#/connections', ready: (p) => expect(p.getByTestId(`connection-row-${names.erp}`)).toBeVisible() },
  { name: 'connection-detail', route: async () => `#/connections/${encodeURIComponent(names.erp)}`, ready: (p) => expect(p.getByTestId('connection-test')).toBeVisible() },
  { name: 'pipelines', route: async () => '#/pipelines', ready: (p) => expect(p.getByTestId(`pipeline-row-${names.pipeline}`)).toBeVisible() },
  { name: 'pipeline-detail', route: async () => `#/pipelines/${encodeURIComponent(names.pipeline)}`, ready: (p) => expect(p.getByTestId('pipeline-entities')).toBeVisible() },
  { name: 'run-detail', route: async () => `#/runs/${runId}`, ready: (p) => expect(p.getByTestId('run-summary')).toBeVisible() },
  { name: 'conflicts', route: async () => '#/conflicts', ready: (p) => expect(p.getByTestId('screen-conflicts')).toBeVisible() },
  {
    name: 'conflict-detail',
    route: async () => (conflictId === null ? '#/conflicts' : `#/conflicts/${conflictId}`),
    ready: (p) => expect(p.getByTestId(conflictId === null ? 'screen-conflicts' : 'conflict-versions')).toBeVisible(),
  },
  { name: 'settings', route: async () => '#/settings', ready: (p) => expect(p.getByTestId('settings-language')).toBeVisible() },
  { name: 'setup-wizard', route: async () => '#/setup', ready: (p) => expect(p.getByTestId('screen-setup')).toBeVisible() },
];

test.beforeAll(async () => {
  names = await ensureSeed000('ui');
  const run = await api<{ run: string }>('runs.start', { pipeline: names.pipeline, mode: 'full', trigger: 'manual' });
  runId = run.run;
  const open = await api<{ id: number }[]>('conflicts.list', { includeClosed: true });
  conflictId = open[0]?.id ?? null;
});

async function visitAll(page: Page, lang: 'en' | 'de'): Promise<void> {
  for (const s of screens) {
    await page.evaluate((r) => ((globalThis as unknown as { location: { hash: string } }).location.hash = r), await s.route());
    await s.ready(page);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await screenshot(page, s.name, lang);
    await expectAccessible(page, `${s.name} (${lang})`);
  }
}

test('every screen in English: screenshot and accessibility', async ({ page }) => {
  await openFerry(page);
  await visitAll(page, 'en');
});

test('the language is switched to German in the settings, and every screen speaks it', async ({ page }) => {
  await openFerry(page, '#/settings');
  await page.getByTestId('settings-language').click();
  await page.getByRole('option', { name: 'Deutsch' }).click();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Verbindungen' })).toBeVisible();
  // A fresh page load keeps German: the setting is stored, not just switched in this tab.
  await openFerry(page);
  await expect(page.getByRole('tab', { name: 'Einstellungen' })).toBeVisible();
  await visitAll(page, 'de');
  await api('settings.update', { language: 'system' });
});
