import { createHash } from 'node:crypto';
import type { Contact } from '../../../shared/entities.js';
import { FerryError } from '../../../shared/errors.js';
import type { EntityPort, InvalidRecord, Logger, RecordPage, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import { SyncUnavailable, type CardBody, type CardDavClient, type CardRef } from './client.js';
import { contactOf, factsOf, newCard, parseCard, patchCard, serializeCard } from './vcard.js';

/** Cards fetched and handed to the engine per page. */
export const READ_PAGE = 500;

/** The UID (and file name) of the card Ferry creates for a stamp: stable, so a lost answer is found again by it. */
export function uidForStamp(stamp: string): string {
  return `ferry-${createHash('sha256').update(stamp).digest('hex').slice(0, 32)}`;
}

const conflictHint = 'Ferry did not overwrite it. The next run reads the card again and plans it from what is stored now.';

/**
 * Contacts are the vCards of one address book. Record ids are the cards' paths; versions are their etags. The port
 * keeps the last card text and etag it saw per path (from reads and writes), so an update patches exactly the card
 * it read and sends If-Match with that etag: a card changed on the server in between answers 412 and is reported,
 * never overwritten.
 */
export function createContactPort(client: CardDavClient, o: { vcardVersion: '3.0' | '4.0'; log: Logger }): EntityPort<'contact'> {
  const seen = new Map<string, { etag: string | null; text: string }>();

  const toRecord = (c: CardBody): RemoteRecord<'contact'> | InvalidRecord => {
    const card = parseCard(c.text);
    if (!card) return { id: c.path, reason: 'the card is not a single vCard Ferry can read' };
    seen.set(c.path, { etag: c.etag, text: c.text });
    return { id: c.path, data: contactOf(card), version: c.etag, modifiedAt: null, stamp: factsOf(card).stamp };
  };

  async function* pages(book: string, refs: CardRef[], deleted: string[], token: string | null): AsyncGenerator<RecordPage<'contact'>> {
    const pageCount = Math.max(1, Math.ceil(refs.length / READ_PAGE));
    for (let p = 1; p <= pageCount; p++) {
      const slice = refs.slice((p - 1) * READ_PAGE, p * READ_PAGE);
      const cards = slice.length ? await client.multiget(book, slice.map((r) => r.path)) : [];
      const records: RemoteRecord<'contact'>[] = [];
      const invalid: InvalidRecord[] = [];
      for (const c of cards) {
        const r = toRecord(c);
        if ('data' in r) records.push(r);
        else invalid.push(r);
      }
      const last = p === pageCount;
      yield { records, invalid, page: p, pageCount, total: refs.length, ...(last ? { deleted, ...(token ? { nextCursor: token } : {}) } : {}) };
    }
  }

  /** Everything: sync-collection from scratch (which also gives the first token), else a PROPFIND listing. */
  async function full(book: string): Promise<{ refs: CardRef[]; token: string | null }> {
    try {
      const s = await client.syncCollection(book, null);
      return { refs: s.changed, token: s.token };
    } catch (e) {
      if (!(e instanceof SyncUnavailable)) throw e;
      o.log.info({ book }, 'carddav: no sync-collection, listing the address book');
      return { refs: await client.listCards(book), token: null };
    }
  }

  async function current(id: string): Promise<{ etag: string | null; text: string }> {
    const known = seen.get(id);
    if (known?.etag) return known;
    const c = await client.get(id);
    if (!c) throw new FerryError('not-found', `The card ${id} no longer exists on the CardDAV server.`, 'It was deleted there; a full sync recreates or unlinks it according to the delete policy.', { id });
    seen.set(id, { etag: c.etag, text: c.text });
    return c;
  }

  async function conflict(id: string, action: string): Promise<FerryError> {
    const now = await client.get(id).catch(() => null);
    if (now) seen.set(id, { etag: now.etag, text: now.text });
    else seen.delete(id);
    return new FerryError('state', `The card ${id} changed on the CardDAV server since Ferry read it, so it was not ${action}.`, conflictHint, {
      conflict: true,
      id,
      etag: now?.etag ?? null,
      exists: now !== null,
    });
  }

  const written = (path: string, text: string, etag: string | null): WriteResult => {
    seen.set(path, { etag, text });
    return { id: path, version: etag, data: contactOf(parseCard(text)!) };
  };

  return {
    entity: 'contact',
    capabilities: { read: true, write: true, delete: true, delta: true, stamp: true, stampLookup: true, naturalKey: null, modifiedAt: false, standalone: true },
    fields: ['firstName', 'lastName', 'email', 'phone'],

    async *read(opts): AsyncIterable<RecordPage<'contact'>> {
      opts.signal?.throwIfAborted();
      // An address book holds no customers: a read scoped to customers finds nothing here.
      if (opts.customerIds) {
        yield { records: [], invalid: [], page: 1, pageCount: 1, total: 0 };
        return;
      }
      const book = (await client.addressBook()).path;
      if (opts.since) {
        try {
          const s = await client.syncCollection(book, opts.since);
          yield* pages(book, s.changed, s.deleted, s.token);
          return;
        } catch (e) {
          if (!(e instanceof SyncUnavailable)) throw e;
          // The token expired or the server forgot it (403 valid-sync-token): list everything and start over.
          o.log.warn({ book, reason: e.reason }, 'carddav: sync token not accepted, reading the whole address book');
        }
      }
      const f = await full(book);
      yield* pages(book, f.refs, [], f.token);
    },

    async create(data, ctx: WriteContext): Promise<WriteResult> {
      const book = (await client.addressBook()).path;
      const uid = uidForStamp(ctx.stamp);
      const path = `${book}${uid}.vcf`;
      const text = serializeCard(newCard(data, { uid, stamp: ctx.stamp, version: o.vcardVersion }));
      const r = await client.put(path, text, { create: true });
      if (r !== 'precondition') return written(path, text, r.etag);
      // The name is taken: Ferry's own card from an earlier write whose answer was lost is that write, done.
      const there = await client.get(path);
      const card = there ? parseCard(there.text) : null;
      if (there && card && factsOf(card).stamp === ctx.stamp) return written(path, there.text, there.etag);
      throw new FerryError('state', `A card ${path} exists already on the CardDAV server and was not written by Ferry for this record.`, 'Remove or rename that card in the address book, then run again.', { id: path });
    },

    async update(id, data): Promise<WriteResult> {
      const cur = await current(id);
      const card = parseCard(cur.text);
      if (!card) throw new FerryError('data', `The card ${id} is not a single vCard Ferry can read; Ferry does not overwrite it.`, 'Repair or remove the card in the address book.', { id });
      const text = serializeCard(patchCard(card, data));
      let etag = cur.etag;
      if (!etag) etag = (await client.get(id))?.etag ?? null;
      if (!etag) throw new FerryError('unsupported', `The CardDAV server gives no etag for ${id}: Ferry cannot update it without overwriting blindly.`, 'Use a CardDAV server that reports etags (all current servers do).', { id });
      const r = await client.put(id, text, { etag });
      if (r === 'precondition') throw await conflict(id, 'updated');
      return written(id, text, r.etag);
    },

    async delete(id): Promise<void> {
      const r = await client.remove(id, seen.get(id)?.etag ?? null);
      if (r === 'precondition') throw await conflict(id, 'deleted');
      seen.delete(id);
      if (r === 'gone') o.log.info({ id }, 'carddav: card already deleted');
    },

    /** After a lost answer or a crash: Ferry's card for a stamp has a stable name (its UID), so one GET tells. */
    async lookup({ stamp }): Promise<RemoteRecord<'contact'> | null> {
      const book = (await client.addressBook()).path;
      const c = await client.get(`${book}${uidForStamp(stamp)}.vcf`);
      if (!c) return null;
      const r = toRecord(c);
      return 'data' in r && r.stamp === stamp ? r : null;
    },

    /** Several stamps at once: their cards' names are known, so one addressbook-multiget per 100 (missing ones are 404s in it). */
    async lookupMany(stamps): Promise<RemoteRecord<'contact'>[]> {
      const book = (await client.addressBook()).path;
      const stampOf = new Map(stamps.map((s) => [`${book}${uidForStamp(s)}.vcf`, s]));
      let cards: CardBody[];
      try {
        cards = await client.multiget(book, [...stampOf.keys()]);
      } catch (e) {
        // A server that refuses a multiget naming cards it lacks (RFC 6352 wants a 404 per card): one GET each.
        if (!(e instanceof FerryError) || e.category !== 'config') throw e;
        o.log.info({ book }, 'carddav: addressbook-multiget refused, looking cards up one by one');
        cards = (await Promise.all([...stampOf.keys()].map((p) => client.get(p)))).filter((c): c is CardBody => c !== null);
      }
      return cards.flatMap((c) => {
        const r = toRecord(c);
        return 'data' in r && r.stamp !== null && r.stamp === stampOf.get(c.path) ? [r] : [];
      });
    },

    /** The cards about to be updated or deleted, read in multigets of 100: each write then patches and sends If-Match without a GET of its own. */
    async prefetch(ids): Promise<void> {
      const wanted = ids.filter((id) => !seen.get(id)?.etag);
      if (wanted.length === 0) return;
      const book = (await client.addressBook()).path;
      for (const c of await client.multiget(book, wanted)) seen.set(c.path, { etag: c.etag, text: c.text });
    },

    /** What a contact reads back as: the vCard round trip (trimmed values, empty = null, no customer). */
    storedForm(data): Contact {
      return contactOf(parseCard(serializeCard(newCard(data, { uid: 'x', stamp: 'x', version: o.vcardVersion })))!);
    },
  };
}
