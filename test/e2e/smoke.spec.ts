import { expect, test } from '@playwright/test';
import { env, openFerry } from './fixtures.js';

test('the page is served with its CSP and no token; the API refuses calls without the token', async ({ page }) => {
  const res = await page.goto(`${env('FERRY_E2E_URL')}/`);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
  const api = await page.request.post(`${env('FERRY_E2E_URL')}/api/status.get`, { data: {} });
  expect(api.status()).toBe(401);
});

test('opened from the address ferry serve prints, the token leaves the address bar', async ({ page }) => {
  await openFerry(page);
  expect(page.url()).not.toContain('token');
});
