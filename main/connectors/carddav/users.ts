// Acting for one user (seed 001/003): the service account reaches each user's address book through a path template.
import crypto from 'node:crypto';
import { FerryError } from '../../../shared/errors.js';
import type { TestResult } from '../types.js';
import type { AddressBook, CardDavClient } from './client.js';
import { find, parseMultistatus } from './xml.js';

const SYSTEM = 'CardDAV';
export const userBooksHint =
  'Set the option "userBooks" to the path of a user\'s address book (or of their principal / address-book home) with {user} for the part of the e-mail before the @ or {email} for the whole address — e.g. /{email}/contacts/ (Radicale), /remote.php/dav/addressbooks/users/{user}/contacts/ (Nextcloud).';

/** The path for this user: placeholders replaced, each value encoded as one path segment. */
export function userBookPath(template: string, email: string): string {
  const e = email.trim();
  const at = e.lastIndexOf('@');
  if (at <= 0) throw new FerryError('input', `"${email}" is not an e-mail address.`, 'Enter the user\'s primary e-mail address.');
  const path = template.replace(/\{(user|email)\}/g, (_, k: string) => encodeURIComponent(k === 'user' ? e.slice(0, at) : e));
  return path.startsWith('/') ? path : `/${path}`;
}

/** The fixed part of the template, before the first placeholder: where every user's books live (e.g. `/`). */
export function userBooksRoot(template: string): string {
  const head = template.slice(0, template.search(/\{(user|email)\}/));
  const root = head.slice(0, head.lastIndexOf('/') + 1);
  return root.startsWith('/') ? root : `/${root}`;
}

/**
 * The general test of a service account (no user given): the folder above the users' books exists and the
 * account may look into it. 404 → config naming the path; 403 → permission. Answers that folder.
 */
export async function checkUserBooksRoot(client: CardDavClient, template: string): Promise<string> {
  const root = userBooksRoot(template);
  const res = await client.send('PROPFIND', root, '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>', {
    idempotent: true,
    headers: { depth: '0' },
    accept: [403, 404],
  });
  if (res.status === 404) throw new FerryError('config', `${SYSTEM} at ${client.url}: there is nothing at ${root}, where the option "userBooks" (${template}) puts the users' address books.`, userBooksHint);
  if (res.status === 403) throw new FerryError('permission', `${SYSTEM} at ${client.url}: the service account "${client.username ?? ''}" may not open ${root}, where the users' address books are.`, 'Give the service account read and write rights on every user\'s address books in the CardDAV server (e.g. a delegation or an admin rights rule).');
  parseMultistatus(res.body, `${SYSTEM} at ${client.url}`);
  return root;
}

/**
 * The user's address book as the service account sees it: the templated path itself when it is one, else the
 * first address book below it. 404 → no such user/book (config); 403 → the service account lacks rights (permission).
 */
export async function userAddressBook(client: CardDavClient, template: string | undefined, email: string): Promise<AddressBook> {
  if (!template) throw new FerryError('config', `${SYSTEM} at ${client.url}: no path to the users' address books is set.`, userBooksHint);
  const path = userBookPath(template, email);
  const props = '<D:prop><D:resourcetype/><D:displayname/></D:prop>';
  const res = await client.send('PROPFIND', path, `<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">${props}</D:propfind>`, {
    idempotent: true,
    headers: { depth: '1' },
    accept: [403, 404],
  });
  if (res.status === 404) {
    throw new FerryError('config', `${SYSTEM} at ${client.url}: there is nothing at ${path} for ${email}.`, `Check that the user has logged in to the address-book server once (it creates their address book) and that the option "userBooks" fits the server. ${userBooksHint}`);
  }
  if (res.status === 403) {
    throw new FerryError('permission', `${SYSTEM} at ${client.url}: the service account "${client.username ?? ''}" may not open ${path} (${email}).`, 'Give the service account read and write rights on every user\'s address books in the CardDAV server (e.g. a delegation or an admin rights rule).');
  }
  const responses = parseMultistatus(res.body, `${SYSTEM} at ${client.url}`).responses;
  const books = responses
    .filter((r) => find(r.props.get('resourcetype'), 'addressbook'))
    .map((r) => ({ path: new URL(r.href, client.url).pathname, displayName: r.props.get('displayname')?.text.trim() || null }))
    .sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
  const own = books.find((b) => b.path.replace(/\/$/, '') === path.replace(/\/$/, ''));
  const book = own ?? books[0];
  if (!book) throw new FerryError('config', `${SYSTEM} at ${client.url}: ${path} (${email}) holds no address book.`, `Create an address book for the user, or point the option "userBooks" at it. ${userBooksHint}`);
  return book;
}

/** Seed 003's per-user test: the user's address book is found, and a probe card can be created there and removed again. */
export async function testCardDavUser(client: CardDavClient, template: string | undefined, email: string): Promise<TestResult> {
  const book = await userAddressBook(client, template, email);
  const uid = `ferry-probe-${crypto.randomUUID()}`;
  const card = ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, 'FN:Ferry probe (safe to delete)', 'N:probe;Ferry;;;', 'END:VCARD', ''].join('\r\n');
  const cardPath = `${book.path.replace(/\/?$/, '/')}${uid}.vcf`;
  const put = await client.put(cardPath, card, { create: true });
  if (put === 'precondition') throw new FerryError('state', `${SYSTEM} at ${client.url}: a probe card ${cardPath} exists already.`, 'Run the test again.');
  await client.remove(cardPath, put.etag);
  return {
    category: 'ok',
    message: `Acting for ${email} works: a probe card was created in ${book.displayName ? `"${book.displayName}" (${book.path})` : book.path} and removed again.`,
    hint: 'Ferry can sync this user\'s contacts.',
    details: { addressBook: book.path },
  };
}
