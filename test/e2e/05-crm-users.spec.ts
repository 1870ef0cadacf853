import { expect, test, type Page } from '@playwright/test';
import { env, expectAccessible, openFerry, screenshot } from './fixtures.js';
import { cardEmails, cardsIn, radicaleService, radicaleUserWithBook, sugar, sugarList } from './systems.js';

// Seed 001, the CRM part: an admin sets up SugarCRM (simulator) → each user's CardDAV address book (a real Radicale)
// in the wizard, acting for each user, and syncs from the window. Each CRM user with an e-mail has a Radicale account
// of that e-mail's local part with an address book of their own; Ferry writes there with a service account. Users
// without an e-mail, and inactive users, are listed as not synced and their books stay empty.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const PIPELINE = 'crm-books';
const BOOK = 'kontakte';

/** The CRM users this spec adds; the simulator's own (admin, jmueller, skoenig, uweiss inactive) are there too. */
const people = [
  { login: 'aadler', first: 'Anna', last: 'Adler', email: 'anna.adler@example.org', status: 'Active', contacts: ['Jürgen Köhler', 'Käthe Groß', 'Sören Jäger'] },
  { login: 'bberg', first: 'Ben', last: 'Berg', email: 'Ben.Berg@example.org', status: 'Active', contacts: ['Özlem Krämer', 'Björn Böhm'] },
  { login: 'cczerny', first: 'Carla', last: 'Czerny', email: '', status: 'Active', contacts: ['Dörte Kühn'] },
  { login: 'dderya', first: 'Dora', last: 'Derya', email: 'dora.derya@example.org', status: 'Inactive', contacts: ['Zoë Schäfer'] },
] as const;

interface CrmUser {
  id: string;
  login: string;
  email: string;
  active: boolean;
}
/** Every CRM user with an e-mail, with their Radicale account and book; filled in beforeAll. */
const books = new Map<string, { user: CrmUser; dav: { name: string; password: string }; url: string }>();
let crmUsers: CrmUser[] = [];

const next = (page: Page) => page.getByTestId('wizard-next');
const step = (page: Page, id: string, side?: 'left' | 'right') => page.locator(`[data-testid="wizard-step-${id}"]${side ? `[data-side="${side}"]` : ''}`);

test.beforeAll(async () => {
  // SugarCRM, as its admin would through the v4_1 API: the users, a customer each and contacts owned by them.
  const c = sugar();
  try {
    for (const p of people) {
      const uid = await c.setEntry('Users', { user_name: p.login, first_name: p.first, last_name: p.last, email1: p.email, status: p.status, employee_status: 'Active' }, { idempotent: false });
      const account = await c.setEntry('Accounts', { name: `Kunde von ${p.first} ${p.last} GmbH`, assigned_user_id: uid }, { idempotent: false });
      for (const [i, name] of p.contacts.entries()) {
        const [first, last] = name.split(' ') as [string, string];
        await c.setEntry('Contacts', { first_name: first, last_name: last, email1: `${p.login}.kontakt${i + 1}@kunde.example`, phone_work: `+49 89 ${1000 + i}`, account_id: account, assigned_user_id: uid }, { idempotent: false });
      }
    }
    crmUsers = (await sugarList(c, 'Users', '', ['id', 'user_name', 'email1', 'status'])).map((u) => ({ id: u.id, login: u.values['user_name']!, email: (u.values['email1'] ?? '').trim(), active: u.values['status'] === 'Active' }));
  } finally {
    await c.close();
  }
  // Radicale: every CRM user with an e-mail has an account (the e-mail's local part) and an address book of their own.
  for (const user of crmUsers.filter((u) => u.email.includes('@'))) {
    const dav = { name: user.email.slice(0, user.email.lastIndexOf('@')), password: `${user.login}-dav` };
    books.set(user.email.toLowerCase(), { user, dav, url: await radicaleUserWithBook(dav, BOOK) });
  }
  // The service account has no address book of its own: it writes only into the users' books.
});

test('the wizard sets up SugarCRM → each user\'s CardDAV address book, acting for each user', async ({ page }) => {
  await openFerry(page, '#/setup');
  // SugarCRM, as its admin.
  await page.getByRole('radio', { name: /SugarCRM/ }).check();
  await next(page).click();
  await expect(step(page, 'account', 'left')).toBeVisible();
  await page.getByLabel('Connection name').fill('crm');
  await page.getByLabel('Address (URL)').fill(env('FERRY_E2E_SUGARCRM_URL'));
  await page.getByLabel('User name').fill('admin');
  await next(page).click();
  await page.getByLabel('Password').fill('secret');
  await next(page).click();
  const result = page.getByTestId('test-result');
  await expect(result).toHaveAttribute('data-category', 'ok', { timeout: 30_000 });
  await next(page).click();
  await expect(page.getByTestId('preflight-summary')).toBeVisible({ timeout: 30_000 });
  await next(page).click();

  // CardDAV with the service account and the path to each user's address book.
  await expect(step(page, 'system', 'right')).toBeVisible();
  await page.getByRole('radio', { name: /CardDAV/ }).check();
  await next(page).click();
  await page.getByLabel('Connection name').fill('books');
  await page.getByLabel('Address (URL)').fill(env('FERRY_E2E_RADICALE_URL'));
  await page.getByLabel('User name').fill(radicaleService().name);
  // The path to each user's address book is an advanced option: {user} is the part of the e-mail before the @.
  await page.getByRole('button', { name: 'Advanced options' }).click();
  await page.getByTestId('option-userBooks').fill('/{user}/');
  await screenshot(page, 'wizard-account-carddav', 'en');
  await next(page).click();
  await page.getByLabel('Password').fill(radicaleService().password);
  await next(page).click();
  await expect(result).toHaveAttribute('data-category', 'ok', { timeout: 30_000 });
  await next(page).click();
  await expect(page.getByTestId('preflight-summary')).toBeVisible({ timeout: 30_000 });
  await next(page).click();

  // Contacts from SugarCRM into the address books, for each user. An address book keeps no customers.
  await expect(step(page, 'flows')).toBeVisible();
  await expect(page.getByTestId('flow-customer-to-right')).toBeDisabled();
  await page.getByTestId('flow-contact-to-right').check();
  await page.getByTestId('flow-contact').getByLabel('Match records by').selectOption('external-id');
  const actForUsers = page.getByTestId('act-for-users');
  await expect(actForUsers).toBeEnabled();
  await actForUsers.check();
  await expect(actForUsers).toBeChecked();
  await expect(page.getByTestId('act-for-users-per-user-right')).toBeVisible();
  await expect(page.getByTestId('act-for-users-option-right')).toHaveCount(0);
  await page.getByLabel('Pipeline name').fill(PIPELINE);
  await expectAccessible(page, 'wizard: flows acting for each user');
  await screenshot(page, 'wizard-flows-act-for-users', 'en');
  await next(page).click();
  await expect(page.getByTestId('uniqueness-result')).toBeVisible({ timeout: 30_000 });
  await next(page).click();
  await expect(step(page, 'schedule')).toBeVisible();
  await next(page).click();
  await expect(page.getByTestId('dry-run-preview')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('dry-run-contact')).toBeVisible();
  await next(page).click();
  await expect(page.getByTestId('wizard-summary-users')).toBeVisible();
  // Activate without the first run: the next test starts it from the pipeline's page.
  await page.getByTestId('first-run-now').uncheck();
  await page.getByTestId('wizard-activate').click();
  await expect(page.getByTestId('screen-status')).toBeVisible();
  await expect(page.getByTestId(`status-pipeline-${PIPELINE}`)).toBeVisible();
});

test("a sync from the pipeline's page fills each matched user's own address book, and the page lists who is synced", async ({ page }) => {
  await openFerry(page, `#/pipelines/${encodeURIComponent(PIPELINE)}`);
  await expect(page.getByTestId('pipeline-for-each-user')).toBeVisible();
  await page.getByTestId('pipeline-sync-now').click();
  await expect(page.getByTestId('pipeline-progress')).toHaveAttribute('data-state', 'finished', { timeout: 90_000 });

  const matched = crmUsers.filter((u) => u.active && u.email.includes('@'));
  // Each matched user's own run, OK.
  const userRuns = page.getByTestId('pipeline-user-runs');
  for (const u of matched) await expect(userRuns.getByTestId(`pipeline-user-runs-${u.email.toLowerCase()}`)).toHaveAttribute('data-status', 'ok');

  // Who is synced and who not, and why.
  await page.getByTestId('pipeline-users-check').click();
  const matchedTable = page.getByTestId('pipeline-users-matched');
  await expect(matchedTable.getByRole('row')).toHaveCount(matched.length + 1, { timeout: 30_000 });
  for (const u of matched) await expect(matchedTable.getByTestId(`pipeline-users-matched-${u.email.toLowerCase()}`)).toContainText(u.login);
  const unmatched = page.getByTestId('pipeline-users-unmatched');
  await expect(unmatched.getByTestId('pipeline-users-unmatched-left-cczerny')).toContainText('no primary e-mail address');
  await expect(unmatched.getByTestId('pipeline-users-unmatched-left-dderya')).toContainText('inactive');
  await expect(unmatched.getByTestId('pipeline-users-unmatched-left-dderya')).toContainText('dora.derya@example.org');
  await expectAccessible(page, 'pipeline page: users');
  await screenshot(page, 'pipeline-users', 'en');

  // The status screen has the run.
  await page.getByTestId('nav-status').click();
  await expect(page.getByTestId(`status-last-result-${PIPELINE}`)).toContainText('OK');

  // In Radicale, as each user (not through Ferry): exactly the contacts that user owns in the CRM, nobody else's.
  const c = sugar();
  try {
    for (const { user, dav, url } of books.values()) {
      const owned = user.active ? await sugarList(c, 'Contacts', `contacts.assigned_user_id = '${user.id}'`, ['id', 'email1']) : [];
      const want = owned.map((x) => x.values['email1']!.toLowerCase()).sort();
      const got = (await cardsIn(url, dav)).flatMap(cardEmails).sort();
      expect(got, `${user.login}'s address book (${url})`).toEqual(want);
    }
  } finally {
    await c.close();
  }
  // The users this spec added did get their contacts (not only the empty books of the users without any).
  const emailsIn = async (email: string) => {
    const b = books.get(email)!;
    return (await cardsIn(b.url, b.dav)).flatMap(cardEmails).sort();
  };
  expect(await emailsIn('anna.adler@example.org')).toEqual(['aadler.kontakt1@kunde.example', 'aadler.kontakt2@kunde.example', 'aadler.kontakt3@kunde.example']);
  expect(await emailsIn('ben.berg@example.org')).toEqual(['bberg.kontakt1@kunde.example', 'bberg.kontakt2@kunde.example']);
});
