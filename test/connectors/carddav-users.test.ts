// Seed 003's per-user test for CardDAV against the real Radicale: the service account reaches a user's address book
// through the "userBooks" path template, writes a probe card there and removes it again.
import { afterAll, describe, expect, it } from 'vitest';
import { cardDavFactory } from '../../main/connectors/carddav/index.js';
import { userBookPath } from '../../main/connectors/carddav/users.js';
import type { Connector } from '../../main/connectors/types.js';
import { createNullLogger } from '../../main/log/index.js';
import { radicaleFromEnv, type RadicaleUser } from '../peers/radicale.js';

const radicale = radicaleFromEnv();
const closers: Connector[] = [];
afterAll(async () => {
  for (const c of closers) await c.close();
});

function connect(as: RadicaleUser, options: Record<string, string> = {}): Connector {
  const c = cardDavFactory.create({ config: { id: 'D', kind: 'carddav', name: 'dav', url: radicale.url, username: as.name, options }, secrets: { password: as.password }, log: createNullLogger() });
  closers.push(c);
  return c;
}
let n = 0;
async function userWithBook(): Promise<{ user: RadicaleUser; email: string; book: string }> {
  const user = { name: `anna${process.pid}x${++n}`, password: 'anna-pw' };
  radicale.addUser(user.name, user.password);
  const book = await radicale.makeAddressBook(user, 'kontakte');
  return { user, email: `${user.name}@example.de`, book };
}
const cardsIn = async (book: string, as: RadicaleUser) => {
  const res = await fetch(book, { method: 'PROPFIND', headers: { depth: '1', authorization: `Basic ${Buffer.from(`${as.name}:${as.password}`).toString('base64')}` } });
  return ((await res.text()).match(/\.vcf<\/D?:?href>|\.vcf</g) ?? []).length;
};

describe('CardDAV: acting for one user (real Radicale)', () => {
  it('builds the path from the template, one encoded segment per value', () => {
    expect(userBookPath('/{user}/contacts/', 'Jörg.Müller@example.de')).toBe('/J%C3%B6rg.M%C3%BCller/contacts/');
    expect(userBookPath('{email}/', 'a@b.de')).toBe('/a%40b.de/');
    expect(() => userBookPath('/{user}/', 'no-at-sign')).toThrow(/not an e-mail/);
    expect(cardDavFactory.optionsSchema.safeParse({ userBooks: '/users/contacts/' }).success).toBe(false);
  });

  it('the service account writes a probe card into the user\'s address book and removes it again', async () => {
    const { user, email, book } = await userWithBook();
    const r = await connect(radicale.service, { userBooks: '/{user}/' }).test({ user: email });
    expect(r).toMatchObject({ category: 'ok', details: { addressBook: new URL(book).pathname } });
    expect(await cardsIn(book, user)).toBe(0);
    // The count above can see a card: one written by the user shows up.
    const put = await fetch(`${book}own.vcf`, { method: 'PUT', headers: { 'content-type': 'text/vcard', authorization: `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}` }, body: 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:own\r\nFN:Own\r\nN:Own;;;;\r\nEND:VCARD\r\n' });
    expect(put.status).toBe(201);
    expect(await cardsIn(book, user)).toBe(1);
  });

  it('an account without rights on other users\' books gets permission with a hint; a missing user gets config', async () => {
    const { email } = await userWithBook();
    const other = { name: `bob${process.pid}x${++n}`, password: 'bob-pw' };
    radicale.addUser(other.name, other.password);
    const denied = await connect(other, { userBooks: '/{user}/' }).test({ user: email });
    expect(denied).toMatchObject({ category: 'permission' });
    expect(denied.hint).toMatch(/rights/);
    const ghost = await connect(radicale.service, { userBooks: '/{user}/' }).test({ user: `ghost${process.pid}@example.de` });
    expect(ghost).toMatchObject({ category: 'config', message: expect.stringContaining('ghost') });
    expect(ghost.hint).toMatch(/userBooks/);
  });

  it('without the "userBooks" option the per-user test says how to set it', async () => {
    const { email } = await userWithBook();
    const r = await connect(radicale.service).test({ user: email });
    expect(r).toMatchObject({ category: 'config' });
    expect(r.hint).toMatch(/\{user\}.*\{email\}/);
  });

  it('a service account without a book of its own passes the general test and the preflight when "userBooks" is set', async () => {
    await userWithBook();
    const svc = connect(radicale.service, { userBooks: '/{user}/' });
    const general = await svc.test();
    expect(general).toMatchObject({ category: 'ok', details: { addressBooks: 0, userBooks: '/{user}/' } });
    expect(general.hint).toMatch(/--user/);
    const checks = await svc.preflight();
    expect(checks.map((c) => [c.id, c.status])).toEqual([['carddav.server', 'pass'], ['carddav.user-books', 'pass']]);
    // Without the option the same account has nothing to write to: the general test says so.
    expect(await connect(radicale.service).test()).toMatchObject({ category: 'config', details: { addressBooks: 0 } });
  });

  it('a "userBooks" path under a folder that does not exist fails the general test and the preflight, naming it', async () => {
    const svc = connect(radicale.service, { userBooks: `/nowhere${process.pid}/{user}/contacts/` });
    const general = await svc.test();
    expect(general).toMatchObject({ category: 'config', message: expect.stringContaining(`/nowhere${process.pid}/`) });
    expect(general.hint).toMatch(/userBooks/);
    const check = (await svc.preflight()).find((c) => c.id === 'carddav.user-books');
    expect(check).toMatchObject({ status: 'fail', message: expect.stringContaining(`/nowhere${process.pid}/`) });
  });
});
