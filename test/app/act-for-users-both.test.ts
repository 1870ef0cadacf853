// Seed 001 both ways: SugarCRM (simulator) ↔ each user's CardDAV address book (real Radicale), acting for each user.
// A contact added on the user's phone becomes a CRM contact owned by that user (no account); a number changed on the
// phone reaches the CRM and the contact keeps its account.
import { afterAll, describe, expect, it } from 'vitest';
import { checkPipeline } from '../../main/app/check.js';
import { connections } from '../../main/app/connections.js';
import { callOperation } from '../../main/app/operations.js';
import { executeRun } from '../../main/app/runs.js';
import { radicaleFromEnv } from '../peers/radicale.js';
import { startSugarSimulator } from '../simulators/sugarcrm/server.js';
import { appContext } from '../support/app-context.js';

const radicale = radicaleFromEnv();
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

const tag = `${process.pid}`;
const anna = { name: `aberger${tag}`, password: 'anna-pw' };
const auth = `Basic ${Buffer.from(`${anna.name}:${anna.password}`).toString('base64')}`;

async function cards(book: string): Promise<{ href: string; text: string; etag: string }[]> {
  const res = await fetch(book, { method: 'PROPFIND', headers: { depth: '1', authorization: auth } });
  const hrefs = [...(await res.text()).matchAll(/<(?:\w+:)?href>([^<]+\.vcf)<\/(?:\w+:)?href>/g)].map((m) => m[1]!);
  return Promise.all(
    hrefs.map(async (h) => {
      const r = await fetch(new URL(h, book), { headers: { authorization: auth } });
      return { href: new URL(h, book).href, text: await r.text(), etag: r.headers.get('etag') ?? '' };
    }),
  );
}

describe('a pipeline acting for each user, both ways: SugarCRM ↔ each user\'s address book', () => {
  it('a card added on the phone reaches the CRM as the user\'s contact; a changed number keeps the CRM\'s account', async () => {
    radicale.addUser(anna.name, anna.password);
    const book = await radicale.makeAddressBook(anna, 'kontakte');
    const crm = await startSugarSimulator({
      data: { accounts: 2, contactsPerAccount: 0, cases: 0, seed: 3 },
      users: [
        { id: '1', user_name: 'admin', password: 'secret', first_name: '', last_name: 'Administrator', email1: '', is_admin: true },
        { user_name: 'aberger', password: 'x', first_name: 'Anna', last_name: 'Berger', email1: `${anna.name}@example.de` },
      ],
    });
    stops.push(() => crm.stop());
    const annaId = String([...crm.state.table('Users').values()].find((u) => u['user_name'] === 'aberger')!['id']);
    const accountId = String([...crm.state.table('Accounts').keys()][0]);
    crm.state.write('Contacts', { id: 'c-1', first_name: 'Jörg', last_name: 'Müller', email1: 'joerg@kunde.example', phone_work: '+49 30 1', account_id: accountId, assigned_user_id: annaId, deleted: '0' }, '1', { newWithId: true });

    const ctx = appContext('ferry-actfor-both-');
    stops.push(async () => ctx.store.close());
    await connections.create(ctx, { kind: 'sugarcrm', name: 'crm', url: crm.url, username: 'admin', secret: 'secret' });
    await connections.create(ctx, { kind: 'carddav', name: 'dav', url: radicale.url, username: radicale.service.name, secret: radicale.service.password, options: { userBooks: '/{user}/' } });
    await callOperation({ ctx }, 'pipelines.create', { name: 'crm-dav-both', left: 'crm', right: 'dav', entities: [{ entity: 'contact', direction: 'both' }], match: { contact: 'external-id' }, actForUsers: true });

    const first = await executeRun(ctx, { pipeline: 'crm-dav-both', mode: 'full' });
    expect(first.entities.contact, JSON.stringify(first.error)).toMatchObject({ created: 1, failed: 0, skipped: 0 });
    const [card] = await cards(book);
    expect(card!.text).toContain('joerg@kunde.example');

    // On the phone: a new card, and Jörg's number changed.
    const put = (href: string, body: string, headers: Record<string, string>) => fetch(href, { method: 'PUT', headers: { authorization: auth, 'content-type': 'text/vcard; charset=utf-8', ...headers }, body });
    const added = ['BEGIN:VCARD', 'VERSION:3.0', 'UID:handy-1', 'N:Özdemir;Änne;;;', 'FN:Änne Özdemir', 'EMAIL;TYPE=INTERNET:aenne@handy.example', 'TEL;TYPE=CELL:+49 170 5', 'END:VCARD', ''].join('\r\n');
    expect((await put(new URL('handy-1.vcf', book).href, added, { 'if-none-match': '*' })).status).toBe(201);
    expect((await put(card!.href, card!.text.replace('+49 30 1', '+49 30 2'), { 'if-match': card!.etag })).status).toBeLessThan(300);

    const second = await executeRun(ctx, { pipeline: 'crm-dav-both', mode: 'full' });
    expect(second.entities.contact, JSON.stringify(second.error)).toMatchObject({ created: 1, updated: 1, failed: 0, skipped: 0 });
    const live = [...crm.state.table('Contacts').values()].filter((c) => c['deleted'] === '0');
    expect(live.find((c) => c['email1'] === 'aenne@handy.example')).toMatchObject({ assigned_user_id: annaId, first_name: 'Änne', last_name: 'Özdemir' });
    const accountOf = (contactId: string) => crm.state.accountsContacts.filter((r) => r.contact_id === contactId && r.deleted === '0').map((r) => r.account_id);
    expect(accountOf(String(live.find((c) => c['email1'] === 'aenne@handy.example')!['id']))).toEqual([]);
    expect(live.find((c) => c['id'] === 'c-1')).toMatchObject({ phone_work: '+49 30 2' });
    expect(accountOf('c-1')).toEqual([accountId]);

    const quiet = await executeRun(ctx, { pipeline: 'crm-dav-both', mode: 'full' });
    expect(quiet.entities.contact).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0, skipped: 0 });
    expect((await cards(book)).length).toBe(2);

    // The wizard's matching check sees what the user's runs see: that user's records on both sides.
    const check = await checkPipeline(ctx, 'crm-dav-both');
    expect(check.unique).toBe(true);
    const email = `${anna.name}@example.de`.toLowerCase();
    expect(check.entities.map((e) => [e.side, e.records, e.note])).toEqual([['left', 2, `for ${email}`], ['right', 2, `for ${email}`]]);
  });
});
