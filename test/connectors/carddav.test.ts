// The CardDAV connector against a real Radicale 3.1 (started once per run by test/setup/global.ts).
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/entities.js';
import { FerryError } from '../../shared/errors.js';
import type { Connector, EntityPort, Logger, RecordPage, RemoteRecord } from '../../main/connectors/types.js';
import { cardDavFactory, normalizeCardDavUrl, uidForStamp } from '../../main/connectors/carddav/index.js';
import { outcomeUnknown } from '../../main/connectors/http/errors.js';
import { radicaleFromEnv, type RadicaleUser } from '../peers/radicale.js';
import { startLossyProxy } from '../support/lossy-proxy.js';

const radicale = radicaleFromEnv();
const log: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let seq = 0;
/** A fresh user with one address book `contacts`; every test works in its own. */
async function freshUser(): Promise<{ user: RadicaleUser; book: string }> {
  const user = { name: `u${process.pid}x${++seq}`, password: `pw-${seq}` };
  radicale.addUser(user.name, user.password);
  const book = await radicale.makeAddressBook(user, 'contacts');
  return { user, book };
}

const opened: Connector[] = [];
function connect(o: { url: string; user: RadicaleUser; options?: Record<string, string> }): Connector {
  const c = cardDavFactory.create({
    config: { id: 'conn-dav', kind: 'carddav', name: 'Address book', url: normalizeCardDavUrl(o.url), username: o.user.name, options: cardDavFactory.optionsSchema.parse({ maxConcurrent: '2', ...o.options }) },
    secrets: { password: o.user.password },
    log,
  });
  opened.push(c);
  return c;
}
afterAll(async () => {
  for (const c of opened) await c.close();
});

const contacts = (c: Connector): EntityPort<'contact'> => c.entity('contact')!;

async function readAll(port: EntityPort<'contact'>, since?: string | null): Promise<{ records: RemoteRecord<'contact'>[]; deleted: string[]; cursor: string | null; pages: RecordPage<'contact'>[] }> {
  const pages: RecordPage<'contact'>[] = [];
  for await (const p of port.read(since ? { since } : {})) pages.push(p);
  return { records: pages.flatMap((p) => p.records), deleted: pages.flatMap((p) => p.deleted ?? []), cursor: pages.at(-1)?.nextCursor ?? null, pages };
}

const basic = (u: RadicaleUser) => `Basic ${Buffer.from(`${u.name}:${u.password}`).toString('base64')}`;
async function raw(method: string, url: string, user: RadicaleUser, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; etag: string | null }> {
  const res = await fetch(url, { method, headers: { authorization: basic(user), ...headers }, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, text: await res.text(), etag: res.headers.get('etag') };
}

const jörg: Contact = { customerId: null, firstName: 'Jörg', lastName: 'Müller-Lüdenscheidt', email: 'joerg.mueller@bäckerei-süß.de', phone: '+49 30 1234567' };

describe('CardDAV connector against a real Radicale', () => {
  it('normalises URLs and rejects credentials in them', () => {
    expect(normalizeCardDavUrl(' https://dav.example.com/alice/contacts ')).toBe('https://dav.example.com/alice/contacts/');
    expect(normalizeCardDavUrl('http://dav.example.com')).toBe('http://dav.example.com/');
    expect(() => normalizeCardDavUrl('https://u:p@dav.example.com/')).toThrow(FerryError);
    expect(() => normalizeCardDavUrl('ftp://dav.example.com/')).toThrow(/http/);
    expect(cardDavFactory.optionsSchema.safeParse({ vcardVersion: '2.1' }).success).toBe(false);
  });

  it('discovers the address book from the server root, the principal and the collection URL', async () => {
    const { user, book } = await freshUser();
    const bookPath = new URL(book).pathname;
    for (const url of [radicale.url, new URL(`/${user.name}/`, radicale.url).toString(), book]) {
      const r = await connect({ url, user }).test();
      expect(r, url).toMatchObject({ category: 'ok', details: { addressBook: bookPath, addressBooks: 1 } });
    }
    // Several address books: the option picks one by its name.
    await radicale.makeAddressBook(user, 'work');
    const r = await connect({ url: radicale.url, user, options: { addressBook: 'work' } }).test();
    expect(r).toMatchObject({ category: 'ok', details: { addressBook: `/${user.name}/work/`, addressBooks: 2 } });
    const missing = await contacts(connect({ url: radicale.url, user, options: { addressBook: 'nope' } })).read({})[Symbol.asyncIterator]().next().catch((e: unknown) => e);
    expect(missing).toMatchObject({ category: 'config', message: expect.stringContaining('no address book "nope"') as string });
  });

  it('connection test: wrong password is auth, a dead port is unreachable, a non-DAV server is config', async () => {
    const { user } = await freshUser();
    expect(await connect({ url: radicale.url, user: { ...user, password: 'wrong' } }).test()).toMatchObject({ category: 'auth' });
    const dead = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    expect(await connect({ url: `http://127.0.0.1:${dead}/`, user }).test()).toMatchObject({ category: 'unreachable' });
    // Something that answers HTTP but is no CardDAV server.
    const other = net.createServer((sock) => {
      sock.once('data', () => sock.end('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 13\r\nconnection: close\r\n\r\n<html></html>'));
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (other.address() as net.AddressInfo).port;
      expect(await connect({ url: `http://127.0.0.1:${port}/`, user }).test()).toMatchObject({ category: 'config' });
    } finally {
      await new Promise((r) => other.close(r));
    }
    // A user without an address book: connected, but nothing to sync into.
    const bare = { name: `bare${process.pid}x${++seq}`, password: 'pw' };
    radicale.addUser(bare.name, bare.password);
    expect(await connect({ url: radicale.url, user: bare }).test()).toMatchObject({ category: 'config', message: expect.stringContaining('no address book') as string });
  });

  it('preflight makes real calls: login, address book, sync-collection, a write probe', async () => {
    const { user, book } = await freshUser();
    const checks = await connect({ url: book, user }).preflight();
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['carddav.server', 'pass'],
      ['carddav.address-book', 'pass'],
      ['carddav.sync-collection', 'pass'],
      ['carddav.write', 'pass'],
    ]);
    expect((await readAll(contacts(connect({ url: book, user })))).records).toEqual([]); // the probe is gone
    const bad = await connect({ url: book, user: { ...user, password: 'nope' } }).preflight();
    expect(bad[0]).toMatchObject({ id: 'carddav.server', status: 'fail', message: expect.stringContaining('401') as string });
  });

  it('creates, reads, updates and deletes a contact with umlauts (vCard 3.0 and 4.0)', async () => {
    for (const vcardVersion of ['3.0', '4.0']) {
      const { user, book } = await freshUser();
      const port = contacts(connect({ url: book, user, options: { vcardVersion } }));
      const stamp = `ferry:p1:contact:${vcardVersion}`;
      const created = await port.create!(jörg, { stamp });
      expect(created.id).toBe(`${new URL(book).pathname}${uidForStamp(stamp)}.vcf`);
      expect(created.data).toEqual(jörg);
      const card = await raw('GET', new URL(created.id, book).toString(), user);
      expect(card.text).toContain(`VERSION:${vcardVersion}`);
      expect(card.text).toContain('N:Müller-Lüdenscheidt;Jörg;;;');
      expect(card.text).toContain(`X-FERRY-STAMP:${stamp}`);

      const read = await readAll(port);
      expect(read.records).toHaveLength(1);
      expect(read.records[0]).toMatchObject({ id: created.id, data: jörg, stamp, version: card.etag });

      const changed: Contact = { ...jörg, firstName: 'Jürgen', email: null, phone: '+49 89 7654321' };
      const updated = await port.update!(created.id, changed, { stamp });
      expect(updated.data).toEqual(changed);
      expect((await readAll(port)).records[0]!.data).toEqual(changed);
      const after = (await raw('GET', new URL(created.id, book).toString(), user)).text;
      expect(after).toContain('FN:Jürgen Müller-Lüdenscheidt');
      expect(after).not.toContain('EMAIL');

      await port.delete!(created.id);
      expect((await readAll(port)).records).toEqual([]);
      await port.delete!(created.id); // gone already: done
    }
  });

  it('keeps unknown vCard properties, parameters and groups untouched on update', async () => {
    const { user, book } = await freshUser();
    const card = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'UID:hand-made-1',
      'FN:Dr. Änne Özdemir',
      'N:Özdemir;Änne;Maria;Dr.;',
      'ORG:Bäckerei Süß GmbH;Vertrieb',
      'TITLE:Geschäftsführerin',
      'EMAIL;TYPE=home:privat@example.org',
      'EMAIL;TYPE=work,pref:aenne@baeckerei.example',
      'TEL;TYPE=cell:+49 170 1',
      'ADR;TYPE=work:;;Hauptstraße 1;Köln;;50667;Deutschland',
      'NOTE:Mag Brezeln\\, sehr.',
      'CATEGORIES:Kunde,VIP',
      'item1.X-ABLABEL:Lieblingsbäcker',
      'item1.URL:https://baeckerei.example',
      'X-CUSTOM-THING;X-PARAM=1:bleibt',
      'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////',
      'END:VCARD',
      '',
    ].join('\r\n');
    const put = await raw('PUT', `${book}hand-made-1.vcf`, user, card, { 'content-type': 'text/vcard', 'if-none-match': '*' });
    expect(put.status).toBe(201);
    const port = contacts(connect({ url: book, user }));
    const [rec] = (await readAll(port)).records;
    expect(rec!.data).toEqual({ customerId: null, firstName: 'Änne', lastName: 'Özdemir', email: 'aenne@baeckerei.example', phone: '+49 170 1' });
    await port.update!(rec!.id, { ...rec!.data, email: 'aenne.oezdemir@baeckerei.example' }, { stamp: 'ferry:p:contact:x' });
    const after = (await raw('GET', `${book}hand-made-1.vcf`, user)).text.replace(/\r\n[ \t]/g, '');
    // Only the preferred EMAIL changed; the rest is as it was (FN too: the name did not change).
    expect(after).toContain('EMAIL;TYPE=work,pref:aenne.oezdemir@baeckerei.example');
    for (const kept of ['FN:Dr. Änne Özdemir', 'N:Özdemir;Änne;Maria;Dr.;', 'ORG:Bäckerei Süß GmbH;Vertrieb', 'TITLE:Geschäftsführerin', 'EMAIL;TYPE=home:privat@example.org', 'ADR;TYPE=work:;;Hauptstraße 1;Köln;;50667;Deutschland', 'NOTE:Mag Brezeln\\, sehr.', 'CATEGORIES:Kunde,VIP', 'item1.X-ABLABEL:Lieblingsbäcker', 'item1.URL:https://baeckerei.example', 'X-CUSTOM-THING;X-PARAM=1:bleibt', 'UID:hand-made-1']) {
      expect(after, kept).toContain(kept);
    }
    expect(after).toMatch(/PHOTO;ENCODING=b;TYPE=JPEG:\/9j\/4AAQ/);
    // A name change rewrites N's given and family names only, and FN from them.
    await port.update!(rec!.id, { ...rec!.data, email: 'aenne.oezdemir@baeckerei.example', firstName: 'Anne' }, { stamp: 'ferry:p:contact:x' });
    const renamed = (await raw('GET', `${book}hand-made-1.vcf`, user)).text;
    expect(renamed).toContain('N:Özdemir;Anne;Maria;Dr.;');
    expect(renamed).toContain('FN:Anne Özdemir');
    expect(renamed).toContain('X-CUSTOM-THING;X-PARAM=1:bleibt');
  });

  it('sync-collection delta returns only the changes and the deletions since the token', async () => {
    const { user, book } = await freshUser();
    const port = contacts(connect({ url: book, user }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await port.create!({ ...jörg, lastName: `Nachname ${i}`, email: `k${i}@example.org` }, { stamp: `ferry:p:contact:${i}` })).id);
    const first = await readAll(port);
    expect(first.records).toHaveLength(5);
    expect(first.cursor).toMatch(/^http:\/\/radicale\.org\/ns\/sync\//);

    const nothing = await readAll(port, first.cursor);
    expect(nothing.records).toEqual([]);
    expect(nothing.deleted).toEqual([]);

    await port.update!(ids[1]!, { ...jörg, lastName: 'Geändert', email: 'k1@example.org' }, { stamp: 'ferry:p:contact:1' });
    await raw('DELETE', new URL(ids[3]!, book).toString(), user);
    const added = await port.create!({ ...jörg, lastName: 'Neu' }, { stamp: 'ferry:p:contact:new' });
    const delta = await readAll(port, first.cursor);
    expect(delta.records.map((r) => r.id).sort()).toEqual([ids[1]!, added.id].sort());
    expect(delta.records.find((r) => r.id === ids[1])!.data.lastName).toBe('Geändert');
    expect(delta.deleted).toEqual([ids[3]]);
    expect(delta.cursor).not.toBe(first.cursor);
    expect((await readAll(port, delta.cursor)).records).toEqual([]);
  });

  it('a token the server rejects (403 valid-sync-token) falls back to a full listing with a fresh token', async () => {
    const { user, book } = await freshUser();
    const port = contacts(connect({ url: book, user }));
    for (let i = 0; i < 3; i++) await port.create!({ ...jörg, lastName: `N${i}` }, { stamp: `ferry:p:contact:${i}` });
    const bad = 'http://radicale.org/ns/sync/0000000000000000000000000000000000000000000000000000000000000000';
    const report = await raw('REPORT', book, user, `<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>${bad}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>`, { depth: '1', 'content-type': 'application/xml' });
    expect(report.status).toBe(403);
    expect(report.text).toContain('valid-sync-token');
    const r = await readAll(port, bad);
    expect(r.records).toHaveLength(3);
    expect(r.deleted).toEqual([]);
    expect(r.cursor).toMatch(/^http:\/\/radicale\.org\/ns\/sync\//);
    expect(r.cursor).not.toBe(bad);
  });

  it('reads many cards through addressbook-multiget batches', async () => {
    const { user, book } = await freshUser();
    // Loaded in one request: Radicale accepts a whole address book as one PUT on the collection.
    const cards = Array.from({ length: 230 }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bulk-${i}\r\nFN:Bulk ${i}\r\nN:Bulk ${i};Ärger;;;\r\nEND:VCARD\r\n`).join('');
    expect((await raw('PUT', book, user, cards, { 'content-type': 'text/vcard' })).status).toBe(201);
    const r = await readAll(contacts(connect({ url: book, user })));
    expect(r.records).toHaveLength(230);
    expect(new Set(r.records.map((x) => x.data.lastName)).size).toBe(230);
  });

  it('a stale etag gives 412: the card is re-read, reported as a conflict and not overwritten', async () => {
    const { user, book } = await freshUser();
    const port = contacts(connect({ url: book, user }));
    const created = await port.create!(jörg, { stamp: 'ferry:p:contact:1' });
    await readAll(port); // the port now knows the card's etag
    // Someone edits the card in their phone meanwhile.
    const url = new URL(created.id, book).toString();
    const theirs = (await raw('GET', url, user)).text.replace('TEL;TYPE=work:+49 30 1234567', 'TEL;TYPE=work:+49 40 999');
    expect((await raw('PUT', url, user, theirs, { 'content-type': 'text/vcard' })).status).toBe(201);
    const e = await port.update!(created.id, { ...jörg, email: 'ferry@example.org' }, { stamp: 'ferry:p:contact:1' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FerryError);
    expect(e).toMatchObject({ category: 'state', details: { conflict: true, id: created.id } });
    const now = (await raw('GET', url, user)).text;
    expect(now).toContain('+49 40 999');
    expect(now).not.toContain('ferry@example.org');
    // The port re-read the card: the next update patches what is there now.
    await port.update!(created.id, { ...jörg, phone: '+49 40 999', email: 'ferry@example.org' }, { stamp: 'ferry:p:contact:1' });
    expect((await readAll(port)).records[0]!.data).toEqual({ ...jörg, phone: '+49 40 999', email: 'ferry@example.org' });
    // A delete with a stale etag is refused the same way.
    await readAll(port);
    expect((await raw('PUT', url, user, now.replace('+49 40 999', '+49 40 111'), { 'content-type': 'text/vcard' })).status).toBe(201);
    await expect(port.delete!(created.id)).rejects.toMatchObject({ category: 'state', details: { conflict: true } });
    expect((await raw('GET', url, user)).status).toBe(200);
  });

  it('write applied, answer lost: the create is found again by its UID, and a repeated create is no duplicate', async () => {
    const { user, book } = await freshUser();
    const proxy = await startLossyProxy(radicale.url);
    try {
      const port = contacts(connect({ url: new URL(new URL(book).pathname, proxy.url).toString(), user }));
      await readAll(port); // discovery through the proxy
      const stamp = 'ferry:p:contact:lost-1';
      proxy.loseNext(/X-FERRY-STAMP:ferry:p:contact:lost-1/);
      const e = await port.create!(jörg, { stamp }).catch((x: unknown) => x);
      expect(proxy.lost).toBe(1);
      expect(outcomeUnknown(e)).toBe(true);
      const found = await port.lookup!({ stamp, natural: null });
      expect(found).toMatchObject({ id: `${new URL(book).pathname}${uidForStamp(stamp)}.vcf`, data: jörg, stamp });
      expect(await port.lookup!({ stamp: 'ferry:p:contact:never', natural: null })).toBeNull();
      // Without a lookup the engine would create again: the name is taken by Ferry's own card, so that is the write.
      const again = await port.create!(jörg, { stamp });
      expect(again.id).toBe(found!.id);
      expect((await readAll(port)).records).toHaveLength(1);
      // A card of someone else under that name is not taken over.
      const other = 'ferry:p:contact:other';
      const path = new URL(`${uidForStamp(other)}.vcf`, book).toString();
      await raw('PUT', path, user, `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uidForStamp(other)}\r\nFN:X\r\nN:X;;;;\r\nEND:VCARD\r\n`, { 'content-type': 'text/vcard' });
      await expect(port.create!(jörg, { stamp: other })).rejects.toMatchObject({ category: 'state' });
    } finally {
      await proxy.stop();
    }
  });

  it('batched reads: lookupMany finds Ferry\'s cards by stamp in one multiget; prefetch lets updates and deletes go without a GET each', async () => {
    const { user, book } = await freshUser();
    const proxy = await startLossyProxy(radicale.url);
    try {
      const port = contacts(connect({ url: new URL(new URL(book).pathname, proxy.url).toString(), user }));
      const mine = ['ferry:p:contact:m1', 'ferry:p:contact:m2', 'ferry:p:contact:m3'];
      const ids: string[] = [];
      for (const stamp of mine) ids.push((await port.create!({ ...jörg, lastName: stamp.slice(-2) }, { stamp })).id);
      // A card under the name Ferry would give a stamp, but not Ferry's: not a match.
      const foreign = 'ferry:p:contact:foreign';
      await raw('PUT', new URL(`${uidForStamp(foreign)}.vcf`, book).toString(), user, `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uidForStamp(foreign)}\r\nFN:X\r\nN:X;;;;\r\nEND:VCARD\r\n`, { 'content-type': 'text/vcard' });

      // A fresh port (a new run) that has read nothing.
      const fresh = contacts(connect({ url: new URL(new URL(book).pathname, proxy.url).toString(), user }));
      await fresh.lookupMany!(['ferry:p:contact:never']); // discovery, not counted below
      const mark = proxy.requests.length;
      const found = await fresh.lookupMany!([...mine, 'ferry:p:contact:never', foreign]);
      expect(found.map((r) => r.stamp).sort()).toEqual([...mine].sort());
      expect(found.find((r) => r.stamp === mine[0])).toMatchObject({ id: ids[0], data: { ...jörg, lastName: 'm1' } });
      expect(proxy.requests.slice(mark).map((r) => r.split(' ')[0])).toEqual(['REPORT']);

      // Another fresh port: the cards to update and delete are read at once, then written with If-Match.
      const other = contacts(connect({ url: new URL(new URL(book).pathname, proxy.url).toString(), user }));
      await other.lookupMany!(['ferry:p:contact:never']);
      const at = proxy.requests.length;
      await other.prefetch!([ids[0]!, ids[1]!, ids[2]!]);
      await other.update!(ids[0]!, { ...jörg, lastName: 'neu' }, { stamp: mine[0]! });
      await other.delete!(ids[1]!);
      expect(proxy.requests.slice(at).map((r) => r.split(' ')[0])).toEqual(['REPORT', 'PUT', 'DELETE']);
      const left = await readAll(other);
      expect(left.records.map((r) => r.data.lastName).sort()).toEqual(['X', 'm3', 'neu']);

      // The prefetched etag guards the write: a card changed after the prefetch is not overwritten.
      await other.prefetch!([ids[2]!]);
      const third = new URL(ids[2]!, book).toString();
      const edited = (await raw('GET', third, user)).text.replace('N:m3;', 'N:Handy;');
      expect((await raw('PUT', third, user, edited, { 'content-type': 'text/vcard' })).status).toBe(201);
      await expect(other.update!(ids[2]!, { ...jörg, lastName: 'ferry' }, { stamp: mine[2]! })).rejects.toMatchObject({ category: 'state', details: { conflict: true } });
      expect((await raw('GET', third, user)).text).toContain('N:Handy;');
    } finally {
      await proxy.stop();
    }
  });

  it('the service account reads and writes another user\'s address book (impersonation rights)', async () => {
    const { user, book } = await freshUser();
    const port = contacts(connect({ url: book, user: radicale.service }));
    const c = await port.create!(jörg, { stamp: 'ferry:p:contact:svc' });
    expect((await readAll(contacts(connect({ url: book, user })))).records.map((r) => r.id)).toEqual([c.id]);
    // The user, in turn, cannot reach the service account's (or another user's) collections.
    const other = await freshUser();
    expect(await connect({ url: other.book, user }).test()).toMatchObject({ category: 'permission' });
  });
});
