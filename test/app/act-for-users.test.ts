// Acting for each user (seed 001): SugarCRM (simulator) → each user's CardDAV address book (real Radicale). Users are
// matched by primary e-mail; each user's contacts land in their own book; one user without a book fails alone.
import { afterAll, describe, expect, it } from 'vitest';
import { connections } from '../../main/app/connections.js';
import { callOperation } from '../../main/app/operations.js';
import { pipelineUsers } from '../../main/app/per-user.js';
import { pipelines } from '../../main/app/pipelines.js';
import { executeRun } from '../../main/app/runs.js';
import { undoRun } from '../../main/app/undo.js';
import { getStatus } from '../../main/app/status.js';
import { radicaleFromEnv, type RadicaleUser } from '../peers/radicale.js';
import { startSugarSimulator, type SugarSimulator } from '../simulators/sugarcrm/server.js';
import { appContext } from '../support/app-context.js';

const radicale = radicaleFromEnv();
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

const tag = `${process.pid}`;
const jörg = { name: `jmueller${tag}`, password: 'jörg-pw' };
const sabine = { name: `Sabine.Koenig${tag}`, password: 'sabine-pw' };

async function vcards(book: string, as: RadicaleUser): Promise<string[]> {
  const auth = `Basic ${Buffer.from(`${as.name}:${as.password}`).toString('base64')}`;
  const res = await fetch(book, { method: 'PROPFIND', headers: { depth: '1', authorization: auth } });
  const hrefs = [...(await res.text()).matchAll(/<(?:\w+:)?href>([^<]+\.vcf)<\/(?:\w+:)?href>/g)].map((m) => m[1]!);
  return Promise.all(hrefs.map(async (h) => (await fetch(new URL(h, book), { headers: { authorization: auth } })).text()));
}
const emailsOf = (cards: string[]) => cards.map((c) => /EMAIL[^:]*:(.*)/.exec(c)?.[1]?.trim().toLowerCase() ?? '').sort();

describe('a pipeline acting for each user: SugarCRM → each user\'s address book', () => {
  it('syncs each user\'s own contacts into their own book, isolates a failing user, reports per user, then is quiet', async () => {
    for (const u of [jörg, sabine]) radicale.addUser(u.name, u.password);
    const books = { jörg: await radicale.makeAddressBook(jörg, 'kontakte'), sabine: await radicale.makeAddressBook(sabine, 'kontakte') };
    const crm: SugarSimulator = await startSugarSimulator({
      data: { accounts: 6, contactsPerAccount: 2, cases: 0, seed: 7 },
      users: [
        { id: '1', user_name: 'admin', password: 'secret', first_name: '', last_name: 'Administrator', email1: `admin${tag}@example.de`, is_admin: true },
        { user_name: 'jmueller', password: 'x', first_name: 'Jörg', last_name: 'Müller', email1: `${jörg.name}@example.de` },
        { user_name: 'skoenig', password: 'x', first_name: 'Sabine', last_name: 'König', email1: `${sabine.name}@Example.de` },
        { user_name: 'uweiss', password: 'x', first_name: 'Uwe', last_name: 'Weiß', email1: `uwe${tag}@example.de`, status: 'Inactive' },
      ],
    });
    stops.push(() => crm.stop());
    const ctx = appContext('ferry-actfor-');
    stops.push(async () => ctx.store.close());
    await connections.create(ctx, { kind: 'sugarcrm', name: 'crm', url: crm.url, username: 'admin', secret: 'secret' });
    await connections.create(ctx, { kind: 'carddav', name: 'dav', url: radicale.url, username: radicale.service.name, secret: radicale.service.password, options: { userBooks: '/{user}/' } });
    // Through the API contract, as the window and the service create it.
    const created = await callOperation({ ctx }, 'pipelines.create', { name: 'crm-dav', left: 'crm', right: 'dav', entities: [{ entity: 'contact', direction: 'to-right' }], match: { contact: 'external-id' }, actForUsers: true });
    expect(created.config.actForUsers).toBe(true);

    const users = await pipelineUsers(ctx, 'crm-dav');
    expect(users.matched.map((m) => m.left).sort()).toEqual(['admin', 'jmueller', 'skoenig']);
    expect(users.unmatched).toEqual([expect.objectContaining({ side: 'left', user: 'uweiss', reason: 'inactive' })]);

    const userId = (login: string) => String([...crm.state.table('Users').values()].find((u) => u['user_name'] === login)!['id']);
    const ownedBy = (login: string) =>
      [...crm.state.table('Contacts').values()]
        .filter((c) => c['deleted'] === '0' && c['assigned_user_id'] === userId(login))
        .map((c) => String(c['email1'] ?? '').toLowerCase())
        .sort();
    expect(ownedBy('jmueller').length + ownedBy('skoenig').length).toBeGreaterThan(0);

    const first = await executeRun(ctx, { pipeline: 'crm-dav', mode: 'full' });
    // The admin has no address book: that user fails with a hint, the others are synced.
    expect(first.status).toBe('partial');
    expect(first.error).toMatchObject({ category: 'config', message: expect.stringContaining(`admin${tag}@example.de`) });
    expect(emailsOf(await vcards(books.jörg, jörg))).toEqual(ownedBy('jmueller'));
    expect(emailsOf(await vcards(books.sabine, sabine))).toEqual(ownedBy('skoenig'));
    expect(first.entities.contact?.created).toBe(ownedBy('jmueller').length + ownedBy('skoenig').length);

    const status = (await getStatus(ctx)).pipelines.find((p) => p.pipeline === 'crm-dav')!;
    const perUser = Object.fromEntries((status.users ?? []).map((u) => [u.email, u.lastRun?.status]));
    expect(perUser).toEqual({ [`admin${tag}@example.de`]: 'failed', [`${jörg.name}@example.de`.toLowerCase()]: 'ok', [`${sabine.name}@example.de`.toLowerCase()]: 'ok' });
    expect(status.problems.some((p) => p.startsWith(`user admin${tag}@example.de: last run failed`))).toBe(true);

    // A contact of Jörg's changes in the CRM: only his book changes.
    const his = [...crm.state.table('Contacts').values()].find((c) => c['deleted'] === '0' && c['assigned_user_id'] === userId('jmueller'))!;
    crm.state.write('Contacts', { id: String(his['id']), phone_work: '+49 30 987654' });
    const second = await executeRun(ctx, { pipeline: 'crm-dav', mode: 'full' });
    expect(second.entities.contact).toMatchObject({ created: 0, updated: 1, deleted: 0 });
    expect((await vcards(books.jörg, jörg)).some((c) => c.includes('+49 30 987654'))).toBe(true);
    expect((await vcards(books.sabine, sabine)).some((c) => c.includes('+49 30 987654'))).toBe(false);
    const third = await executeRun(ctx, { pipeline: 'crm-dav', mode: 'delta' });
    expect(third.entities.contact).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    // Undo Jörg's run: done acting for him again, in his book; the pipeline is paused.
    const hisRun = ctx.store.db.prepare("SELECT id FROM runs WHERE json_extract(scope, '$.parentRun') = ? AND json_extract(counts, '$.contact.updated') = 1").get(second.run) as { id: string };
    await expect(undoRun(ctx, second.run)).rejects.toMatchObject({ category: 'input' });
    const undone = await undoRun(ctx, hisRun.id);
    expect(undone).toMatchObject({ undone: [expect.objectContaining({ action: 'updated', side: 'right' })], notUndone: [], paused: true });
    expect((await vcards(books.jörg, jörg)).some((c) => c.includes('+49 30 987654'))).toBe(false);
    expect(pipelines.show(ctx, 'crm-dav').paused).toBe(true);
    // Per-user pipelines are internal: not listed, not runnable by name.
    expect(pipelines.list(ctx).map((p) => p.name)).toEqual(['crm-dav']);
  });
});
