import { FerryError, hints } from '../../../shared/errors.js';
import { HttpClient } from '../http/client.js';
import type { Logger } from '../types.js';
import { escapeXml, find, parseMultistatus, parseXml, type DavResponse } from './xml.js';

export interface CardDavClientOptions {
  /** Normalised URL: the server root, a principal, an address-book home or an address book, ending in `/`. */
  url: string;
  username: string | null;
  password: string | null;
  /** Path segment or display name of the address book to use when the URL leads to several. */
  addressBook?: string;
  maxConcurrent?: number;
  /** The connection's proxy option (http/proxy.ts): a URL, `direct`, or absent for the environment's. */
  proxy?: string;
  caFile?: string;
  pinSha256?: string;
  timeoutMs?: number;
  retries?: number;
  log: Logger;
}

export interface AddressBook {
  /** Absolute path, ending in `/`. */
  path: string;
  displayName: string | null;
}

export interface CardRef {
  /** Absolute path of the card, as the server names it. */
  path: string;
  etag: string | null;
}

export interface CardBody extends CardRef {
  text: string;
}

const SYSTEM = 'CardDAV server';
const DAV = 'xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"';
const xmlHead = '<?xml version="1.0" encoding="utf-8"?>';
/** Cards per addressbook-multiget request. */
export const MULTIGET_BATCH = 100;
export const notCardDavHint = 'Enter the address of a CardDAV server: its root (e.g. https://dav.example.com/), the user\'s principal or an address book URL.';

/** A sync token the server no longer accepts (RFC 6578 §3.2: 403 with DAV:valid-sync-token) or no sync support. */
export class SyncUnavailable extends Error {
  constructor(readonly reason: 'invalid-token' | 'unsupported') {
    super(reason);
  }
}

const abs = (href: string, base: string): string => new URL(href, base).pathname;

/** WebDAV / CardDAV calls over the shared HTTP client (TLS, concurrency limit, retries, error classes). */
export class CardDavClient {
  readonly url: string;
  private readonly http: HttpClient;
  private readonly auth: string | null;
  private book: Promise<AddressBook> | null = null;

  constructor(private readonly o: CardDavClientOptions) {
    this.url = o.url;
    this.http = new HttpClient({
      system: SYSTEM,
      // Every path Ferry sends is absolute (hrefs from the server are too): axios appends it to the base as is.
      baseUrl: `${new URL(o.url).origin}/`,
      maxConcurrent: o.maxConcurrent ?? 4,
      proxy: o.proxy,
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.retries !== undefined ? { retries: o.retries } : {}),
      ...(o.caFile ? { caFile: o.caFile } : {}),
      ...(o.pinSha256 ? { pinSha256: o.pinSha256 } : {}),
    });
    this.auth = o.username !== null ? `Basic ${Buffer.from(`${o.username}:${o.password ?? ''}`).toString('base64')}` : null;
  }

  get username(): string | null {
    return this.o.username;
  }

  async send(method: string, path: string, body: string | null, o: { idempotent: boolean; headers?: Record<string, string>; accept?: readonly number[]; contentType?: string }) {
    return this.http.request(method, path, body, {
      idempotent: o.idempotent,
      contentType: o.contentType ?? 'application/xml; charset=utf-8',
      headers: { ...(this.auth ? { authorization: this.auth } : {}), ...o.headers },
      ...(o.accept ? { accept: o.accept } : {}),
    });
  }

  async propfind(path: string, depth: 0 | 1, props: string): Promise<DavResponse[]> {
    const res = await this.send('PROPFIND', path, `${xmlHead}<D:propfind ${DAV}><D:prop>${props}</D:prop></D:propfind>`, { idempotent: true, headers: { depth: String(depth) }, accept: [404] });
    if (res.status === 404) {
      throw new FerryError(
        'config',
        `${SYSTEM} at ${this.url}: there is nothing at ${path} (HTTP 404).`,
        'Check the address: the server root, the user\'s principal or an address book URL. When acting for each user, check that the user has an address book there (some servers create it at the user\'s first login) and the option "userBooks".',
        { status: 404 },
      );
    }
    if (res.status !== 207) throw new FerryError('config', `${SYSTEM} at ${this.url}: PROPFIND ${path} answered HTTP ${res.status}, not a WebDAV multistatus.`, notCardDavHint, { status: res.status });
    return parseMultistatus(res.body, `${SYSTEM} at ${this.url}`).responses;
  }

  /** The address book this connection reads and writes (discovered once). */
  addressBook(): Promise<AddressBook> {
    this.book ??= this.discover().catch((e: unknown) => {
      this.book = null;
      throw e;
    });
    return this.book;
  }

  /** Every address book the URL leads to: the URL itself, its home set, or the principal's home set. */
  async addressBooks(): Promise<AddressBook[]> {
    const start = new URL(this.url).pathname;
    const [self] = await this.propfind(start, 0, '<D:resourcetype/><D:displayname/><D:current-user-principal/><C:addressbook-home-set/>');
    if (!self) throw new FerryError('config', `${SYSTEM} at ${this.url} answered PROPFIND without a response.`, notCardDavHint);
    if (find(self.props.get('resourcetype'), 'addressbook')) return [{ path: abs(self.href || start, this.url), displayName: self.props.get('displayname')?.text.trim() || null }];
    let home = find(self.props.get('addressbook-home-set'), 'href')?.text.trim();
    if (!home) {
      const principal = find(self.props.get('current-user-principal'), 'href')?.text.trim();
      if (principal) {
        const [p] = await this.propfind(abs(principal, this.url), 0, '<C:addressbook-home-set/>');
        home = find(p?.props.get('addressbook-home-set'), 'href')?.text.trim();
      }
    }
    // A home set itself (or a folder of address books) lists its children.
    const homePath = home ? abs(home, this.url) : start;
    const list = await this.propfind(homePath, 1, '<D:resourcetype/><D:displayname/>');
    const books = list
      .filter((r) => find(r.props.get('resourcetype'), 'addressbook'))
      .map((r) => ({ path: abs(r.href, this.url), displayName: r.props.get('displayname')?.text.trim() || null }))
      .sort((a, b) => a.path.localeCompare(b.path));
    if (!home && books.length === 0) {
      throw new FerryError('config', `${SYSTEM} at ${this.url}: no CardDAV principal, address-book home or address book found there.`, notCardDavHint);
    }
    return books;
  }

  private async discover(): Promise<AddressBook> {
    const books = await this.addressBooks();
    const want = this.o.addressBook;
    const pick = want
      ? books.find((b) => b.path.replace(/\/$/, '').split('/').pop() === encodeURIComponent(want) || b.displayName === want)
      : books[0];
    if (!pick) {
      throw new FerryError(
        'config',
        want ? `${SYSTEM} at ${this.url}: no address book "${want}" (found: ${books.map((b) => b.displayName ?? b.path).join(', ') || 'none'}).` : `${SYSTEM} at ${this.url}: the user has no address book.`,
        want ? 'Correct the address book option, or leave it empty to use the first one.' : 'Create an address book for the user in the CardDAV server (or its clients), or enter the URL of an existing one.',
      );
    }
    this.o.log.debug({ addressBook: pick.path, found: books.length }, 'carddav: address book discovered');
    return pick;
  }

  /**
   * RFC 6578 sync-collection: with `token` null, every member and the current token; with a token, what changed
   * and what was deleted since. Throws SyncUnavailable when the server lacks it or rejects the token.
   */
  async syncCollection(book: string, token: string | null): Promise<{ changed: CardRef[]; deleted: string[]; token: string }> {
    const body = `${xmlHead}<D:sync-collection ${DAV}><D:sync-token>${token ? escapeXml(token) : ''}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>`;
    const res = await this.send('REPORT', book, body, { idempotent: true, headers: { depth: '1' }, accept: [400, 403, 405, 409, 415, 501] });
    if (res.status === 403 || res.status === 409) {
      if (/valid-sync-token/.test(res.body)) throw new SyncUnavailable('invalid-token');
      if (res.status === 403) throw new FerryError('permission', `${SYSTEM} at ${this.url} denied reading the address book ${book} (HTTP 403).`, hints.permission, { status: 403 });
      throw new SyncUnavailable('unsupported');
    }
    if (res.status !== 207) throw new SyncUnavailable(token ? 'invalid-token' : 'unsupported');
    const ms = parseMultistatus(res.body, `${SYSTEM} at ${this.url}`);
    if (!ms.syncToken) throw new SyncUnavailable('unsupported');
    const changed: CardRef[] = [];
    const deleted: string[] = [];
    for (const r of ms.responses) {
      const path = abs(r.href, this.url);
      if (path === book) continue;
      if (r.status === 404) deleted.push(path);
      else if (!path.endsWith('/')) changed.push({ path, etag: r.props.get('getetag')?.text.trim() ?? null });
    }
    return { changed, deleted, token: ms.syncToken };
  }

  /** Members of the address book with their etags (the fallback when sync-collection is not available). */
  async listCards(book: string): Promise<CardRef[]> {
    const list = await this.propfind(book, 1, '<D:getetag/><D:resourcetype/>');
    return list
      .map((r) => ({ path: abs(r.href, this.url), etag: r.props.get('getetag')?.text.trim() ?? null, collection: !!find(r.props.get('resourcetype'), 'collection') }))
      .filter((r) => r.path !== book && !r.collection && !r.path.endsWith('/'))
      .map(({ path, etag }) => ({ path, etag }));
  }

  /** addressbook-multiget in batches (in parallel, within the connection's limit). Missing cards are left out. */
  async multiget(book: string, paths: string[]): Promise<CardBody[]> {
    const batches: string[][] = [];
    for (let i = 0; i < paths.length; i += MULTIGET_BATCH) batches.push(paths.slice(i, i + MULTIGET_BATCH));
    const results = await Promise.all(
      batches.map(async (batch) => {
        const hrefs = batch.map((p) => `<D:href>${escapeXml(p)}</D:href>`).join('');
        const res = await this.send('REPORT', book, `${xmlHead}<C:addressbook-multiget ${DAV}><D:prop><D:getetag/><C:address-data/></D:prop>${hrefs}</C:addressbook-multiget>`, {
          idempotent: true,
          headers: { depth: '1' },
        });
        if (res.status !== 207) throw new FerryError('config', `${SYSTEM} at ${this.url}: addressbook-multiget answered HTTP ${res.status}.`, notCardDavHint, { status: res.status });
        return parseMultistatus(res.body, `${SYSTEM} at ${this.url}`).responses.flatMap((r): CardBody[] => {
          const data = r.props.get('address-data');
          return data ? [{ path: abs(r.href, this.url), etag: r.props.get('getetag')?.text.trim() ?? null, text: data.text }] : [];
        });
      }),
    );
    return results.flat();
  }

  async get(path: string): Promise<CardBody | null> {
    const res = await this.send('GET', path, null, { idempotent: true, headers: { accept: 'text/vcard' }, accept: [404, 410] });
    if (res.status === 404 || res.status === 410) return null;
    const etag = res.headers['etag'];
    return { path, etag: typeof etag === 'string' ? etag : null, text: res.body };
  }

  /**
   * PUT a card: `create` sends If-None-Match: * (412 when the name is taken), otherwise If-Match with the etag
   * (412 when the card changed since). Returns the new etag, or 'precondition' on 412.
   */
  async put(path: string, text: string, cond: { create: true } | { etag: string }): Promise<{ etag: string | null } | 'precondition'> {
    const res = await this.send('PUT', path, text, {
      idempotent: !('create' in cond),
      contentType: 'text/vcard; charset=utf-8',
      headers: 'create' in cond ? { 'if-none-match': '*' } : { 'if-match': cond.etag },
      accept: [412],
    });
    if (res.status === 412) return 'precondition';
    const etag = res.headers['etag'];
    return { etag: typeof etag === 'string' ? etag : null };
  }

  /** DELETE a card (If-Match when the etag is known). A card that is gone already counts as deleted. */
  async remove(path: string, etag: string | null): Promise<'deleted' | 'gone' | 'precondition'> {
    const res = await this.send('DELETE', path, null, { idempotent: true, headers: etag ? { 'if-match': etag } : {}, accept: [404, 410, 412] });
    if (res.status === 412) return 'precondition';
    return res.status === 404 || res.status === 410 ? 'gone' : 'deleted';
  }

  /** The server's DAV compliance classes (OPTIONS), e.g. ["1", "2", "3", "addressbook"]. */
  async davClasses(): Promise<string[]> {
    const res = await this.send('OPTIONS', new URL(this.url).pathname, null, { idempotent: true });
    const dav = res.headers['dav'];
    return typeof dav === 'string' ? dav.split(',').map((s) => s.trim()).filter(Boolean) : [];
  }

  close(): Promise<void> {
    this.http.close();
    return Promise.resolve();
  }
}

export { parseXml };
