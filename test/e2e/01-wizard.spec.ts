import { expect, test, type Locator, type Page } from '@playwright/test';
import { env, expectAccessible, openFerry, screenshot } from './fixtures.js';

// A first-time admin sets up c-entron (simulator) ↔ Zabbix in the window alone: once with the mouse, once with the
// keyboard only. On the way, a wrong password shows the credentials error with its hint, and a dead address shows
// "system not available".
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const next = (page: Page) => page.getByTestId('wizard-next');
const step = (page: Page, id: string, side?: 'left' | 'right') => page.locator(`[data-testid="wizard-step-${id}"]${side ? `[data-side="${side}"]` : ''}`);

test('by mouse: both systems, a wrong password and a dead address on the way, flows, check, schedule, preview, activate', async ({ page }) => {
  await openFerry(page, '#/setup');
  // c-entron: what to gather is listed before anything is asked.
  await page.getByRole('radio', { name: 'c-entron' }).check();
  await expect(page.getByTestId('wizard-needs')).toBeVisible();
  await next(page).click();
  await expect(step(page, 'account', 'left')).toBeVisible();
  await page.getByLabel('Connection name').fill('c-entron');
  await page.getByLabel('Address (URL)').fill(env('FERRY_E2E_CENTRON_URL'));
  await page.getByLabel('User name').fill('ferry');
  // Seed 000 brings devices from the RMM into c-entron: the admin confirms c-entron's device write.
  await page.getByTestId('option-deviceWrite-confirmed').check();
  await screenshot(page, 'wizard-account', 'en');
  await next(page).click();
  await page.getByLabel('Password').fill('not-the-password');
  await next(page).click();
  const result = page.getByTestId('test-result');
  await expect(result).toHaveAttribute('data-category', 'auth', { timeout: 30_000 });
  await expect(result).toContainText('Cannot connect with the given credentials');
  await expect(result).toContainText('did not accept the user name or password');
  await expectAccessible(page, 'wizard: credentials error');
  await screenshot(page, 'wizard-test-credentials-error', 'en');
  await page.getByRole('button', { name: 'Change the password' }).click();
  await page.getByLabel('New password').fill('secret');
  await next(page).click();
  await expect(result).toHaveAttribute('data-category', 'ok', { timeout: 30_000 });
  await next(page).click();
  await expect(step(page, 'preflight', 'left')).toBeVisible();
  await expect(page.getByTestId('preflight-summary')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('preflight-recheck').click();
  await expect(page.getByTestId('preflight-summary')).toBeVisible({ timeout: 30_000 });
  await expect(next(page)).toBeEnabled();
  await screenshot(page, 'wizard-preflight', 'en');
  await next(page).click();

  // Zabbix, first at a dead address.
  await expect(step(page, 'system', 'right')).toBeVisible();
  await page.getByRole('radio', { name: /Zabbix/ }).check();
  await next(page).click();
  await page.getByLabel('Connection name').fill('Zabbix');
  await page.getByLabel('Address (URL)').fill('http://127.0.0.1:9/');
  await page.getByLabel('User name').fill('Admin');
  await next(page).click();
  await page.getByLabel('Password').fill('zabbix');
  await next(page).click();
  await expect(result).toHaveAttribute('data-category', 'unreachable', { timeout: 30_000 });
  await expect(result).toContainText('System not available');
  await expect(result).toContainText('this is not about the password');
  await screenshot(page, 'wizard-test-not-available', 'en');
  await page.getByRole('button', { name: 'Change the address' }).click();
  await page.getByLabel('Address (URL)').fill(env('FERRY_E2E_ZABBIX_URL'));
  await next(page).click();
  await expect(step(page, 'secret', 'right')).toBeVisible();
  await next(page).click();
  await expect(result).toHaveAttribute('data-category', 'ok', { timeout: 30_000 });
  await next(page).click();
  await expect(page.getByTestId('preflight-summary')).toBeVisible({ timeout: 30_000 });
  await next(page).click();

  // What flows where: customers to Zabbix, devices back into c-entron.
  await expect(step(page, 'flows')).toBeVisible();
  await page.getByTestId('flow-customer-to-right').check();
  await page.getByTestId('flow-device-to-left').check();
  await page.getByLabel('Pipeline name').fill('seed000');
  await expectAccessible(page, 'wizard: flows');
  await screenshot(page, 'wizard-flows', 'en');
  await next(page).click();
  await expect(page.getByTestId('uniqueness-result')).toBeVisible({ timeout: 30_000 });
  await screenshot(page, 'wizard-uniqueness', 'en');
  await next(page).click();
  // Seed 000's timing is the default for an ERP ↔ RMM pair.
  await expect(step(page, 'schedule')).toContainText('23:55');
  await screenshot(page, 'wizard-schedule', 'en');
  await next(page).click();
  const preview = page.getByTestId('dry-run-preview');
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('dry-run-customer')).toBeVisible();
  await screenshot(page, 'wizard-preview', 'en');
  await expectAccessible(page, 'wizard: preview');
  await next(page).click();
  await expect(page.getByTestId('first-run-now')).toBeChecked();
  await screenshot(page, 'wizard-activate', 'en');
  await page.getByTestId('wizard-activate').click();
  await expect(page.getByTestId('screen-status')).toBeVisible();
  await expect(page.getByTestId('status-last-result-seed000')).toContainText('OK', { timeout: 60_000 });
});

/** Presses Tab until `target` has the focus: proves it is reachable by keyboard (fails after `max` presses). */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement === el)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable by Tab: ${target.toString()}`);
}

/** A radio group takes one Tab stop; the arrow keys then move the choice, as Windows users expect. */
async function chooseByArrows(page: Page, group: Locator, target: Locator): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await group.evaluate((g) => g.contains((globalThis as unknown as { document: { activeElement: never } }).document.activeElement))) break;
    await page.keyboard.press('Tab');
  }
  for (let i = 0; i < 6 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(target).toBeChecked();
}

test('by keyboard only: a second pair of connections and a pipeline, every control reached with Tab', async ({ page }) => {
  await openFerry(page, '#/setup');
  const typeInto = async (label: string, text: string) => {
    await tabTo(page, page.getByLabel(label));
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(text);
  };
  const pressNext = async () => {
    await tabTo(page, next(page));
    await page.keyboard.press('Enter');
  };
  await chooseByArrows(page, page.getByRole('radiogroup', { name: 'System' }), page.getByRole('radio', { name: 'c-entron' }));
  await pressNext();
  await typeInto('Connection name', 'kb-c-entron');
  await typeInto('Address (URL)', env('FERRY_E2E_CENTRON_URL'));
  await typeInto('User name', 'ferry');
  await pressNext();
  await typeInto('Password', 'secret');
  await pressNext();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-category', 'ok', { timeout: 30_000 });
  await pressNext();
  await expect(page.getByTestId('preflight-summary')).toBeVisible({ timeout: 30_000 });
  await pressNext();
  await chooseByArrows(page, page.getByRole('radiogroup', { name: 'System' }), page.getByRole('radio', { name: /Zabbix/ }));
  await pressNext();
  await typeInto('Connection name', 'kb-zabbix');
  await typeInto('Address (URL)', env('FERRY_E2E_ZABBIX_URL'));
  await typeInto('User name', 'Admin');
  await pressNext();
  await typeInto('Password', 'zabbix');
  await pressNext();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-category', 'ok', { timeout: 30_000 });
  await pressNext();
  await expect(page.getByTestId('preflight-summary')).toBeVisible({ timeout: 30_000 });
  await pressNext();
  await chooseByArrows(page, page.getByTestId('flow-customer').getByRole('radiogroup').first(), page.getByTestId('flow-customer-to-right'));
  await typeInto('Pipeline name', 'kb-customers');
  await pressNext();
  await expect(page.getByTestId('uniqueness-result')).toBeVisible({ timeout: 30_000 });
  await pressNext();
  await pressNext();
  await expect(page.getByTestId('dry-run-preview')).toBeVisible({ timeout: 60_000 });
  await pressNext();
  // Activate without a first run this time.
  await tabTo(page, page.getByTestId('first-run-now'));
  await page.keyboard.press('Space');
  await expect(page.getByTestId('first-run-now')).not.toBeChecked();
  await tabTo(page, page.getByTestId('wizard-activate'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-status')).toBeVisible();
  await expect(page.getByTestId('status-pipeline-kb-customers')).toBeVisible();
});
