// Contacts between a CRM (contacts may belong to an account, or to none) and an address book (contacts stand alone,
// no customers): seed 001's world, where a contact added on a phone shows up in the CRM and the CRM's account stays.
import { describe, expect, it } from 'vitest';
import { runPipeline, type RunRequest } from '../../main/engine/run.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { EntityFlow, PipelineConfig } from '../../shared/model.js';
import { MemorySystem } from '../support/memory-system.js';
import { storeWithPipeline } from '../support/temp-store.js';

function setup(direction: EntityFlow['direction'], o: { crmOptional?: boolean; crm?: 'left' | 'right' } = {}) {
  const config: PipelineConfig = {
    entities: { contact: { direction, match: 'external-id', deletePolicy: 'propagate', conflictPolicy: 'left-wins', onlyActive: true } },
    schedule: { everyMinutes: 15, fullAt: null, timeZone: 'UTC', entityEvery: {} },
    deleteGuard: { percent: 100, max: 50 },
  };
  const { store, pipelineId } = storeWithPipeline(config);
  const crm = new MemorySystem('c');
  crm.caps.contact = { parentOptional: o.crmOptional !== false };
  const book = new MemorySystem('b');
  book.caps.contact = { standalone: true };
  const state = new SqliteSyncState(store.db, pipelineId);
  const [left, right] = o.crm === 'right' ? [book, crm] : [crm, book];
  let n = 0;
  const run = (mode: RunRequest['mode'] = 'delta') => {
    const runId = `r${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode, scope: {}, startedAt: new Date().toISOString() });
    return runPipeline({ runId, pipelineId, config, left: left.connector(), right: right.connector(), state, mode, dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined });
  };
  const items = (runId: string) => store.db.prepare('SELECT action, reason FROM run_items WHERE run_id = ?').all(runId) as { action: string; reason: string | null }[];
  const byEmail = (s: MemorySystem, email: string) => [...s.contacts.values()].find((r) => r.data.email === email)!.data;
  return { crm, book, run, items, byEmail, runs: () => n };
}

describe('contacts between a CRM and an address book', () => {
  it('both ways: a CRM contact with an account reaches the book; a book contact reaches the CRM without one; edits in the book keep the account', async () => {
    const t = setup('both');
    const account = t.crm.addCustomer('Bäckerei Süß');
    t.crm.addContact(account, 'joerg@baeckerei.example');
    t.book.addContact(null, 'aenne@handy.example');

    const first = await t.run('full');
    expect(first.entities.contact, JSON.stringify(first)).toMatchObject({ created: 2, skipped: 0, failed: 0 });
    expect(t.byEmail(t.book, 'joerg@baeckerei.example').customerId).toBeNull();
    expect(t.byEmail(t.crm, 'aenne@handy.example').customerId).toBeNull();
    expect(t.crm.contacts.size).toBe(2);
    expect(t.book.contacts.size).toBe(2);

    // Edited on the phone: the CRM takes the new number and keeps its account.
    const inBook = [...t.book.contacts].find(([, r]) => r.data.email === 'joerg@baeckerei.example')![0];
    t.book.editContact(inBook, { phone: '+49 170 1' });
    const edit = await t.run();
    expect(edit.entities.contact).toMatchObject({ updated: 1, failed: 0, skipped: 0 });
    expect(t.byEmail(t.crm, 'joerg@baeckerei.example')).toMatchObject({ phone: '+49 170 1', customerId: account });

    // The CRM moves the contact to another account: nothing to write into a book that keeps no accounts.
    const other = t.crm.addCustomer('Konditorei');
    const inCrm = [...t.crm.contacts].find(([, r]) => r.data.email === 'joerg@baeckerei.example')![0];
    t.crm.editContact(inCrm, { customerId: other });
    const moved = await t.run();
    expect(moved.entities.contact).toMatchObject({ created: 0, updated: 0, failed: 0 });
    for (const mode of ['delta', 'full'] as const) expect((await t.run(mode)).entities.contact, mode).toMatchObject({ created: 0, updated: 0, deleted: 0, skipped: 0, unchanged: 2 });
    expect(t.byEmail(t.crm, 'joerg@baeckerei.example').customerId).toBe(other);
  });

  it('both ways into a CRM that needs an account: a book contact is skipped as having no customer, and nothing else', async () => {
    const t = setup('both', { crmOptional: false });
    const account = t.crm.addCustomer('Bäckerei Süß');
    t.crm.addContact(account, 'joerg@baeckerei.example');
    t.book.addContact(null, 'aenne@handy.example');
    const r = await t.run('full');
    expect(r.entities.contact).toMatchObject({ created: 1, skipped: 1 });
    expect(t.items(`r${t.runs()}`)).toContainEqual({ action: 'skipped', reason: 'has no customer' });
    expect(t.crm.contacts.size).toBe(1);
  });

  it('one way from the book: new contacts are created without an account, an update keeps the account the CRM gave it', async () => {
    const t = setup('to-right', { crm: 'right' });
    const id = t.book.addContact(null, 'aenne@handy.example');
    expect((await t.run('full')).entities.contact).toMatchObject({ created: 1, skipped: 0 });
    const [crmId, row] = [...t.crm.contacts][0]!;
    expect(row.data.customerId).toBeNull();

    // The CRM user files the contact under an account; then the phone changes the number.
    const account = t.crm.addCustomer('Bäckerei Süß');
    t.crm.editContact(crmId, { customerId: account });
    expect((await t.run('full')).entities.contact, 'the account is the CRM\'s business').toMatchObject({ updated: 0, unchanged: 1 });
    t.book.editContact(id, { phone: '+49 170 2' });
    expect((await t.run()).entities.contact).toMatchObject({ updated: 1, failed: 0 });
    expect(t.crm.contacts.get(crmId)!.data).toMatchObject({ phone: '+49 170 2', customerId: account });
    for (const mode of ['delta', 'full'] as const) expect((await t.run(mode)).entities.contact, mode).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });
});
