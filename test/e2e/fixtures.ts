import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set: run the e2e suite through playwright.config.ts (global setup)`);
  return v;
};

/** Opens the UI as `ferry serve` hands it out: the token in the address's fragment. */
export async function openFerry(page: Page, route = '#/'): Promise<void> {
  await page.goto(`${env('FERRY_E2E_URL')}/#token=${env('FERRY_E2E_TOKEN')}`);
  await expect(page.getByRole('navigation')).toBeVisible();
  if (route !== '#/') await page.evaluate((r) => ((globalThis as unknown as { location: { hash: string } }).location.hash = r), route);
}

/** Calls an operation of the service directly (test set-up only; the assertions go through the UI). */
export async function api<T = unknown>(op: string, input: unknown = {}): Promise<T> {
  const r = await fetch(`${env('FERRY_E2E_URL')}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${env('FERRY_E2E_TOKEN')}` }, body: JSON.stringify(input) });
  const body = (await r.json()) as T & { error?: { message: string } };
  if (!r.ok) throw new Error(`${op}: ${body.error?.message ?? r.status}`);
  return body;
}

const shots = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** A screenshot of the whole screen at 1280×800, named by screen and language, kept as a CI artifact. */
export async function screenshot(page: Page, screen: string, lang: 'en' | 'de'): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${screen}-${lang}.png`) });
}

/** axe-core: no serious or critical violations on what is shown now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Fluent UI's focus-trap sentinels (tabster's hidden <i> elements) are excluded: they are not content.
  const r = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad, `${what}: axe violations`).toEqual([]);
}

/** Records whether elements matching `selector` were ever in the page (a fast run may show its bars only briefly). */
export async function recordAppearance(page: Page, selector: string): Promise<() => Promise<boolean>> {
  await page.evaluate((sel) => {
    const g = globalThis as unknown as { __seen?: Record<string, boolean>; document: { querySelector(s: string): unknown; body: unknown }; MutationObserver: new (cb: () => void) => { observe(n: unknown, o: unknown): void } };
    g.__seen = { ...(g.__seen ?? {}), [sel]: g.document.querySelector(sel) !== null };
    new g.MutationObserver(() => {
      if (g.document.querySelector(sel)) g.__seen![sel] = true;
    }).observe(g.document.body, { childList: true, subtree: true });
  }, selector);
  return () => page.evaluate((sel) => (globalThis as unknown as { __seen: Record<string, boolean> }).__seen[sel] === true, selector);
}
