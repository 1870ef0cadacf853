import { expect, test } from '@playwright/test';
import { api, expectAccessible, openFerry, recordAppearance } from './fixtures.js';
import { addHosts, ensureSeed000, setZabbixSerial } from './systems.js';

// c-entron (simulator) → Zabbix customers, Zabbix → c-entron devices, driven from the window.
test.describe.configure({ mode: 'serial' });

let names: Awaited<ReturnType<typeof ensureSeed000>>;
let hosts: string[];

test.beforeAll(async () => {
  names = await ensureSeed000('ui');
  await api('runs.start', { pipeline: names.pipeline, mode: 'full', trigger: 'manual' });
  hosts = await addHosts(2, 'ui');
});

test('sync now shows live progress, then the result; the status screen has it', async ({ page }) => {
  await openFerry(page, '#/pipelines');
  const row = page.getByTestId(`pipeline-row-${names.pipeline}`);
  const sawBars = await recordAppearance(page, '[data-testid^="pipeline-progress-"]');
  await row.getByTestId('pipeline-sync-now').click();
  await expect(row.getByTestId('pipeline-progress')).toHaveAttribute('data-state', 'finished', { timeout: 60_000 });
  expect(await sawBars()).toBe(true);
  // The two hosts the RMM's agents added became devices in c-entron.
  await expect(row.getByTestId('pipeline-run-counts')).toContainText('2');
  await page.getByTestId('nav-status').click();
  await expect(page.getByTestId(`status-last-result-${names.pipeline}`)).toContainText('OK');
  await expectAccessible(page, 'status after a run');
});

test("a run's details list its records; one record shows its before and after", async ({ page }) => {
  await setZabbixSerial(hosts[0]!, 'SN-CHANGED-IN-RMM');
  await openFerry(page, '#/pipelines');
  const row = page.getByTestId(`pipeline-row-${names.pipeline}`);
  // A full sync reads both sides, so the run records the value before as well as after.
  await row.getByTestId('pipeline-full-sync').click();
  await expect(row.getByTestId('pipeline-progress')).toHaveAttribute('data-state', 'finished', { timeout: 60_000 });
  await row.getByTestId('pipeline-progress').getByRole('link').click();
  await expect(page.getByTestId('screen-run')).toBeVisible();
  // The changed serial number is the run's one update (Zabbix's own "Zabbix server" host is skipped: no customer).
  const updated = page.getByTestId('run-item-row').filter({ hasText: 'Updated' });
  await expect(updated).toHaveCount(1);
  await updated.click();
  const detail = page.getByTestId('item-detail');
  await expect(detail).toContainText('SN-CHANGED-IN-RMM');
  await expect(detail).toContainText(`SN-${hosts[0]}`);
  await expect(detail.getByTestId('item-field-serialNumber')).toHaveAttribute('data-changed', 'true');
  await expectAccessible(page, 'run detail');
});

test('a connection that was used to sync cannot be deleted: the reason is shown and disabling offered', async ({ page }) => {
  await openFerry(page, `#/connections/${encodeURIComponent(names.erp)}`);
  await page.getByTestId('connection-delete').click();
  // Ferry knows it was used (first use is recorded), so the dialog refuses at once: no confirm button to press.
  await expect(page.getByTestId('connection-delete-confirm')).toHaveCount(0);
  await expect(page.getByTestId('connection-delete-refused')).toBeVisible();
  await expect(page.getByTestId('connection-disable-instead')).toBeVisible();
  const list = await api<{ name: string }[]>('connections.list');
  expect(list.map((c) => c.name)).toContain(names.erp);
});
