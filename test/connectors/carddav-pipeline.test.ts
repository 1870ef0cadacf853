// A one-way pipeline run from an in-memory system into contacts in a real Radicale address book.
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../main/connectors/types.js';
import { cardDavFactory } from '../../main/connectors/carddav/index.js';
import { runPipeline, type RunRequest } from '../../main/engine/run.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { PipelineConfig } from '../../shared/model.js';
import { radicaleFromEnv } from '../peers/radicale.js';
import { MemorySystem } from '../support/memory-system.js';
import { erpRmmConfig, storeWithPipeline } from '../support/temp-store.js';

const radicale = radicaleFromEnv();
const log: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

describe('pipeline into a CardDAV address book (real Radicale)', () => {
  it('the first run creates the cards, a second run changes nothing, an edit updates one card', async () => {
    const user = { name: `pipe${process.pid}`, password: 'pw-pipe' };
    radicale.addUser(user.name, user.password);
    const book = await radicale.makeAddressBook(user, 'kontakte');
    const dav = () => {
      const c = cardDavFactory.create({ config: { id: 'R', kind: 'carddav', name: 'Adressbuch', url: book, username: user.name, options: {} }, secrets: { password: user.password }, log });
      closers.push(() => c.close());
      return c;
    };

    const src = new MemorySystem('s');
    const customer = src.addCustomer('Bäckerei Süß');
    const ids = ['jörg@bäckerei.example', 'änne@bäckerei.example', 'ßtefan@bäckerei.example'].map((e) => src.addContact(customer, e));
    src.editContact(ids[0]!, { firstName: 'Jörg', lastName: 'Müller', phone: '+49 30 1' });
    src.editContact(ids[1]!, { firstName: 'Änne', lastName: 'Özdemir' });

    const config: PipelineConfig = {
      ...erpRmmConfig(),
      entities: { contact: { direction: 'to-right', match: 'external-id', deletePolicy: 'propagate', conflictPolicy: 'manual', onlyActive: true } },
      deleteGuard: { percent: 100, max: 50 },
    };
    const { store, pipelineId } = storeWithPipeline(config);
    closers.push(async () => store.close());
    const state = new SqliteSyncState(store.db, pipelineId);
    // An address book keeps no customers: the contacts' customer is linked as the pipeline's other flows would link it.
    state.upsertLink({ entity: 'customer', leftId: customer, rightId: 'addressbook', leftHash: null, rightHash: null, leftVersion: null, rightVersion: null, syncedAt: new Date().toISOString() });
    let n = 0;
    const run = (mode: RunRequest['mode']) => {
      const runId = `cd${++n}`;
      store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode, scope: {}, startedAt: new Date().toISOString() });
      return runPipeline({ runId, pipelineId, config, left: src.connector(), right: dav(), state, mode, dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
    };
    const cards = async () => {
      const out = [];
      for await (const p of dav().entity('contact')!.read({})) out.push(...p.records);
      return out.map((r) => r.data).sort((a, b) => (a.email ?? '').localeCompare(b.email ?? ''));
    };

    const first = await run('full');
    expect(first.entities.contact, JSON.stringify(first.error)).toMatchObject({ created: 3, updated: 0, failed: 0 });
    expect(await cards()).toEqual([
      { customerId: null, firstName: 'Jörg', lastName: 'Müller', email: 'jörg@bäckerei.example', phone: '+49 30 1' },
      { customerId: null, firstName: 'Vor', lastName: 'Name', email: 'ßtefan@bäckerei.example', phone: null },
      { customerId: null, firstName: 'Änne', lastName: 'Özdemir', email: 'änne@bäckerei.example', phone: null },
    ].sort((a, b) => a.email.localeCompare(b.email)));

    for (const mode of ['delta', 'full'] as const) {
      const again = await run(mode);
      expect(again.entities.contact, `${mode}: ${JSON.stringify(again.error)}`).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0, unchanged: 3 });
    }

    src.editContact(ids[2]!, { firstName: 'Stefan', lastName: 'Weiß' });
    const edit = await run('delta');
    expect(edit.entities.contact, JSON.stringify(edit.error)).toMatchObject({ created: 0, updated: 1, failed: 0, unchanged: 2 });
    expect((await cards()).find((c) => c.email === 'ßtefan@bäckerei.example')).toMatchObject({ firstName: 'Stefan', lastName: 'Weiß' });

    src.contacts.delete(ids[1]!);
    const del = await run('full');
    expect(del.entities.contact, JSON.stringify(del.error)).toMatchObject({ deleted: 1, failed: 0 });
    expect((await cards()).map((c) => c.email)).not.toContain('änne@bäckerei.example');
  });

  it('two address books both ways: contacts stand alone, a card made on either side appears on the other, then quiet', async () => {
    const user = { name: `both${process.pid}`, password: 'pw-both' };
    radicale.addUser(user.name, user.password);
    const books = [await radicale.makeAddressBook(user, 'a'), await radicale.makeAddressBook(user, 'b')];
    const book = (url: string, id: string) => {
      const c = cardDavFactory.create({ config: { id, kind: 'carddav', name: id, url, username: user.name, options: {} }, secrets: { password: user.password }, log });
      closers.push(() => c.close());
      return c;
    };
    const [a, b] = [book(books[0]!, 'A'), book(books[1]!, 'B')];
    await a.entity('contact')!.create!({ customerId: null, firstName: 'Jörg', lastName: 'Müller', email: 'joerg@example.de', phone: null }, { stamp: 'seed-a' });
    await b.entity('contact')!.create!({ customerId: null, firstName: 'Änne', lastName: 'Weiß', email: 'aenne@example.de', phone: '+49 89 1' }, { stamp: 'seed-b' });
    const config: PipelineConfig = {
      ...erpRmmConfig(),
      entities: { contact: { direction: 'both', match: 'external-id', deletePolicy: 'propagate', conflictPolicy: 'left-wins', onlyActive: true } },
      deleteGuard: { percent: 100, max: 50 },
    };
    const { store, pipelineId } = storeWithPipeline(config);
    closers.push(async () => store.close());
    const state = new SqliteSyncState(store.db, pipelineId);
    let n = 0;
    const run = (mode: RunRequest['mode']) => {
      const runId = `bw${++n}`;
      store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode, scope: {}, startedAt: new Date().toISOString() });
      return runPipeline({ runId, pipelineId, config, left: a, right: b, state, mode, dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
    };
    const emails = async (c: typeof a) => {
      const out: string[] = [];
      for await (const p of c.entity('contact')!.read({})) out.push(...p.records.map((r) => r.data.email ?? ''));
      return out.sort();
    };
    const first = await run('full');
    expect(first.entities.contact, JSON.stringify(first.error)).toMatchObject({ created: 2, skipped: 0, failed: 0 });
    expect(await emails(a)).toEqual(['aenne@example.de', 'joerg@example.de']);
    expect(await emails(b)).toEqual(['aenne@example.de', 'joerg@example.de']);
    const quiet = await run('full');
    expect(quiet.entities.contact).toMatchObject({ created: 0, updated: 0, deleted: 0, skipped: 0, failed: 0 });
  });
});
