import { toErrorBody } from '../../../shared/errors.js';
import type { PreflightCheck } from '../types.js';
import { SyncUnavailable, type CardDavClient } from './client.js';
import { checkUserBooksRoot } from './users.js';
import { newCard, serializeCard } from './vcard.js';

type Check = Omit<PreflightCheck, 'status' | 'message' | 'hint'>;
const checks = {
  server: { id: 'carddav.server', title: 'The URL leads to a CardDAV server and the user can log in' },
  book: { id: 'carddav.address-book', title: 'The address book is found' },
  userBooks: { id: 'carddav.user-books', title: 'The users\' address books can be reached (option "userBooks")' },
  sync: { id: 'carddav.sync-collection', title: 'The server reports changes (sync-collection)' },
  write: { id: 'carddav.write', title: 'Ferry may create and delete cards in the address book' },
} satisfies Record<string, Check>;

const pass = (c: Check, message: string): PreflightCheck => ({ ...c, status: 'pass', message, hint: '' });
const failWith = (c: Check, e: unknown): PreflightCheck => {
  const b = toErrorBody(e);
  return { ...c, status: 'fail', message: b.message, hint: b.hint };
};
const notChecked = (c: Check, why: string): PreflightCheck => ({ ...c, status: 'fail', message: `Not checked: ${why}.`, hint: 'Fix the check above first.' });

/**
 * Each check makes a real call as the connection user; the write probe creates one card and deletes it again. With
 * `userBooks` (a service account acting for each user) the folder of the users' books is checked too; a service
 * account without a book of its own is checked no further (each user's book is tested with "Test as user").
 */
export async function preflightCardDav(client: CardDavClient, userBooks?: string): Promise<PreflightCheck[]> {
  const out: PreflightCheck[] = [];
  let own: number;
  try {
    own = (await client.addressBooks()).length;
    out.push(pass(checks.server, `Logged in as "${client.username ?? ''}"; ${own} address book(s).`));
  } catch (e) {
    return [failWith(checks.server, e), notChecked(userBooks ? checks.userBooks : checks.book, 'no CardDAV login'), notChecked(checks.sync, 'no CardDAV login'), notChecked(checks.write, 'no CardDAV login')];
  }
  if (userBooks) {
    try {
      const root = await checkUserBooksRoot(client, userBooks);
      out.push(pass(checks.userBooks, `The service account can open ${root}; each user's book (${userBooks}) is tested with "Test as user".`));
    } catch (e) {
      out.push(failWith(checks.userBooks, e));
    }
    if (own === 0) return out;
  }
  let book: string;
  try {
    book = (await client.addressBook()).path;
    out.push(pass(checks.book, `Ferry uses ${book}.`));
  } catch (e) {
    return [...out, failWith(checks.book, e), notChecked(checks.sync, 'no address book'), notChecked(checks.write, 'no address book')];
  }
  try {
    await client.syncCollection(book, null);
    out.push(pass(checks.sync, 'sync-collection is supported: runs read only what changed.'));
  } catch (e) {
    if (e instanceof SyncUnavailable) {
      out.push({ ...checks.sync, status: 'warn', message: 'The server does not support sync-collection.', hint: 'Ferry reads the whole address book on every run (slower on large address books, still correct).' });
    } else out.push(failWith(checks.sync, e));
  }
  const uid = `ferry-preflight-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const path = `${book}${uid}.vcf`;
  try {
    const text = serializeCard(newCard({ customerId: null, firstName: 'Ferry', lastName: 'Preflight', email: null, phone: null }, { uid, stamp: uid, version: '3.0' }));
    const r = await client.put(path, text, { create: true });
    if (r === 'precondition') throw new Error('probe name taken');
    await client.remove(path, null);
    out.push(pass(checks.write, 'A probe card was created and deleted again.'));
  } catch (e) {
    await client.remove(path, null).catch(() => undefined);
    out.push(failWith(checks.write, e));
  }
  return out;
}
