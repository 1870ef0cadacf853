// The c-entron connector's contacts, contracts, tickets and invoices against the c-entron simulator
// (test/simulators/centron), which follows shared/reference/centron-webservice.md. Every test starts its own simulator.
import { describe, expect, it } from 'vitest';
import type { EntityName, Ticket } from '../../shared/entities.js';
import { FerryError } from '../../shared/errors.js';
import { CentronOptions, splitStamp, withStamp } from '../../main/connectors/centron/index.js';
import type { Connector, EntityPort, RecordPage } from '../../main/connectors/types.js';
import { type Contact as SimContact, type Contract as SimContract, type Helpdesk as SimHelpdesk } from '../simulators/centron/server.js';
import { centronFixture } from '../support/centron-fixture.js';

const fx = centronFixture();
const { warnings, sim, rejection } = fx;
// Here device write keeps its default (off) and ticket write is confirmed unless a test says otherwise.
const connect = (url: string, options: Record<string, string> = {}): Connector => fx.connect({ url, options: { deviceWrite: 'off', ...options } });

const port = <E extends EntityName>(c: Connector, e: E): EntityPort<E> => c.entity(e)!;

async function readAll<E extends EntityName>(p: EntityPort<E>, customerIds?: string[]): Promise<RecordPage<E>[]> {
  const pages: RecordPage<E>[] = [];
  for await (const page of p.read(customerIds ? { customerIds } : {})) pages.push(page);
  return pages;
}

const records = <E extends EntityName>(pages: RecordPage<E>[]) => pages.flatMap((p) => p.records);
const invalid = <E extends EntityName>(pages: RecordPage<E>[]) => pages.flatMap((p) => p.invalid);


describe('c-entron contacts', () => {
  it('reads every customer\'s active contacts, page by page of customers, and maps the fields exactly', async () => {
    const s = await sim({ data: { customers: 11, devices: 0, tickets: 0 } });
    const [c1] = s.state.listCustomers();
    const mine = s.state.addContact(c1!.I3D, { Firstname: 'Jörg', Lastname: 'Weiß', MailAdress: 'j.weiss@example.de', Phone: '' });
    const gone = s.state.addContact(c1!.I3D, { Firstname: 'Ehemalig', IsActive: false });
    const pages = await readAll(port(connect(s.url, { pageSize: '4' }), 'contact'));
    // One contact page per customer page: 11 customers, 4 per page → 3 pages.
    expect(pages.map((p) => [p.page, p.pageCount])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(s.stats.calls['SearchAccountsThroughPaging']).toBe(3);
    expect(s.stats.calls['GetAddressContactsFromCustomer']).toBe(11);
    const expected = s.state.listCustomers().flatMap((c) => s.state.contacts.byKey(c.I3D).filter((x) => x.IsActive).map((x) => String(x.I3D)));
    expect(records(pages).map((r) => r.id)).toEqual(expected);
    expect(records(pages).map((r) => r.id)).not.toContain(String(gone.I3D));
    expect(records(pages).find((r) => r.id === String(mine.I3D))).toEqual({
      id: String(mine.I3D),
      data: { customerId: String(c1!.I3D), firstName: 'Jörg', lastName: 'Weiß', email: 'j.weiss@example.de', phone: '' },
      version: null,
      modifiedAt: null,
      stamp: null,
    });
    expect(invalid(pages)).toEqual([]);
  });

  it('hostile data: every contact is read; contacts that fail the schema are reported in invalid, not thrown', async () => {
    const s = await sim({ data: { customers: 30, devices: 0, hostile: true } });
    const h = s.hostile!;
    const c = s.state.getCustomer(h.umlautNames[0]!)!;
    const put = (rec: unknown) => s.state.contacts.put(rec as SimContact);
    put({ I3D: 2_990_001, CustomerI3D: c.I3D, AddressI3D: c.DefaultAddress!.I3D, Firstname: 42, Lastname: 'Zahl', MailAdress: null, Phone: null, IsActive: true });
    put({ I3D: 2_990_002, CustomerI3D: c.I3D, AddressI3D: c.DefaultAddress!.I3D, Firstname: 'Ohne', Lastname: 'Mail', MailAdress: { at: 'x' }, Phone: null, IsActive: true });
    const quirky = s.state.addContact(h.quotesAndSql[0]!, { Firstname: '  O\'Reilly ', Lastname: '<script>', MailAdress: "x'--@example.com", Phone: null });
    const pages = await readAll(port(connect(s.url, { pageSize: '7' }), 'contact'));
    expect(invalid(pages).map((i) => i.id).sort()).toEqual(['2990001', '2990002']);
    expect(invalid(pages).find((i) => i.id === '2990002')!.reason).toMatch(/MailAdress/);
    expect(records(pages)).toHaveLength(s.state.contacts.all().length - 2);
    expect(records(pages).find((r) => r.id === String(quirky.I3D))!.data).toEqual({ customerId: String(h.quotesAndSql[0]), firstName: '  O\'Reilly ', lastName: '<script>', email: "x'--@example.com", phone: null });
  });

  it('customerIds restricts the read to those customers (no account list is read)', async () => {
    const s = await sim({ data: { customers: 12, devices: 0 } });
    const want = s.state.listCustomers().slice(2, 5);
    const pages = await readAll(port(connect(s.url), 'contact'), want.map((c) => String(c.I3D)));
    expect(records(pages).map((r) => r.id)).toEqual(want.flatMap((c) => s.state.contacts.byKey(c.I3D).map((x) => String(x.I3D))));
    expect(new Set(records(pages).map((r) => r.data.customerId))).toEqual(new Set(want.map((c) => String(c.I3D))));
    expect(s.stats.calls['SearchAccountsThroughPaging']).toBeUndefined();
    expect(s.stats.calls['GetAddressContactsFromCustomer']).toBe(3);
  });

  it('is read-only with a note; a user without the right → permission', async () => {
    const s = await sim({ users: [{ username: 'ferry', password: 'secret', rights: { readTickets: true } }], data: { customers: 2, devices: 0 } });
    const p = port(connect(s.url), 'contact');
    expect(p.capabilities).toMatchObject({ read: true, write: false, delete: false, delta: false, stamp: false });
    expect(p.capabilities.note).toMatch(/read from c-entron only/);
    expect(p.create).toBeUndefined();
    const e = await rejection(readAll(p));
    expect(e.category).toBe('permission');
  });
});

describe('c-entron contracts', () => {
  it('reads each customer\'s contracts; WCF dates become ISO with the server\'s offset', async () => {
    const s = await sim({ data: { customers: 9, devices: 0 } });
    const c = s.state.listCustomers()[3]!;
    const k = s.state.addContract(c.I3D, { Number: 'V-2026-0001', Caption: 'Wartungsvertrag Server', Start: Date.UTC(2026, 0, 1), End: Date.UTC(2026, 6, 1) });
    const open = s.state.addContract(c.I3D, { Number: null, Caption: '', Start: Date.UTC(2026, 0, 1), End: null });
    const pages = await readAll(port(connect(s.url, { pageSize: '4' }), 'contract'));
    expect(pages).toHaveLength(3);
    expect(s.stats.calls['GetContractsByCustomerI3D']).toBe(9); // one call per customer
    const all = records(pages);
    expect(all.map((r) => r.id)).toEqual(s.state.listCustomers().flatMap((x) => s.state.contracts.byKey(x.I3D).map((y) => String(y.I3D))));
    expect(all.find((r) => r.id === String(k.I3D))!.data).toEqual({ customerId: String(c.I3D), number: 'V-2026-0001', caption: 'Wartungsvertrag Server', start: '2026-01-01T01:00:00.000+01:00', end: '2026-07-01T02:00:00.000+02:00' });
    expect(all.find((r) => r.id === String(open.I3D))!.data).toMatchObject({ number: null, caption: '', end: null });
  });

  it('hostile data: a contract with a date that is not a WCF date, or a wrong type, is invalid (reported, not thrown)', async () => {
    const s = await sim({ data: { customers: 25, devices: 0, hostile: true } });
    const c = s.state.getCustomer(s.hostile!.emojiNames[0]!)!;
    const put = (rec: unknown) => s.state.contracts.put(rec as SimContract);
    put({ I3D: 3_990_001, CustomerI3D: c.I3D, Number: 'V-ISO', Caption: 'ISO-Datum', Start: '2026-01-01T00:00:00Z', End: null });
    put({ I3D: 3_990_002, CustomerI3D: c.I3D, Number: 'V-BAD', Caption: ['kein', 'Text'], Start: null, End: null });
    s.state.addContract(c.I3D, { Number: 'V-🚀', Caption: 'Rakete 🚀 Vertrag', Start: null, End: null });
    const pages = await readAll(port(connect(s.url, { pageSize: '6' }), 'contract'));
    expect(invalid(pages).map((i) => i.id).sort()).toEqual(['3990001', '3990002']);
    expect(invalid(pages).find((i) => i.id === '3990001')!.reason).toMatch(/date/);
    expect(records(pages)).toHaveLength(s.state.contracts.all().length - 2);
    expect(records(pages).find((r) => r.data.number === 'V-🚀')!.data).toEqual({ customerId: String(c.I3D), number: 'V-🚀', caption: 'Rakete 🚀 Vertrag', start: null, end: null });
  });

  it('customerIds restricts the read to those customers', async () => {
    const s = await sim({ data: { customers: 10, devices: 0 } });
    const [a, b] = s.state.listCustomers().slice(4, 6);
    s.state.addContract(a!.I3D, { Number: 'A' });
    s.state.addContract(b!.I3D, { Number: 'B' });
    const pages = await readAll(port(connect(s.url), 'contract'), [String(b!.I3D)]);
    expect(records(pages).map((r) => r.id)).toEqual(s.state.contracts.byKey(b!.I3D).map((x) => String(x.I3D)));
    expect(s.stats.calls['GetContractsByCustomerI3D']).toBe(1);
    expect(port(connect(s.url), 'contract').capabilities).toMatchObject({ read: true, write: false });
  });
});

describe('c-entron tickets: the stamp line', () => {
  it('withStamp and splitStamp are exact inverses', () => {
    for (const d of [null, '', 'abc', 'a\nb', '\n', 'Zeile\r\nzwei', 'endet mit\n', '[ferry:x] nicht allein', '[ferry:old]']) {
      for (const stamp of ['ferry:p1:ticket:42', 'a]b', ' x ', '[ferry:y]']) {
        expect(splitStamp(withStamp(d, stamp))).toEqual({ description: d, stamp });
      }
    }
    expect(splitStamp('kein Stempel')).toEqual({ description: 'kein Stempel', stamp: null });
    expect(splitStamp(null)).toEqual({ description: null, stamp: null });
    // A marker moved by hand: found, and only its line removed.
    expect(splitStamp('oben\n[ferry:s1]\nunten')).toEqual({ description: 'oben\nunten', stamp: 's1' });
    expect(splitStamp('[ferry:s1]\nText')).toEqual({ description: 'Text', stamp: 's1' });
    expect(() => withStamp('x', 'zwei\nZeilen')).toThrow(FerryError);
  });
});

describe('c-entron tickets', () => {
  const ticket = (customerId: string, over: Partial<Ticket> = {}): Ticket => ({
    customerId,
    number: null,
    title: 'Drucker druckt nicht',
    description: 'Der Drucker im 2. OG druckt nicht.\nBitte um Rückruf.',
    createdAt: '2026-02-02T09:15:00.000+01:00',
    dueAt: '2026-02-03T17:00:00.000+01:00',
    status: '1',
    priority: '2',
    ...over,
  });

  it('reads open and closed tickets over pages with exact fields; customerIds restricts the read', async () => {
    const s = await sim({ data: { customers: 8, devices: 0, tickets: 17 } });
    const c = connect(s.url, { pageSize: '5' });
    const pages = await readAll(port(c, 'ticket'));
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    expect(pages.every((p) => p.pageCount === 4 && p.total === 17)).toBe(true);
    const all = records(pages);
    expect(all.map((r) => r.id)).toEqual(s.state.listHelpdesks().map((h) => String(h.I3D)));
    expect(all.some((r) => r.data.status === '3')).toBe(true); // closed tickets included
    const raw = s.state.listHelpdesks()[0]!;
    expect(all[0]).toEqual({
      id: String(raw.I3D),
      data: {
        customerId: String(raw.CustomerI3D),
        number: String(raw.Number),
        title: raw.ShortDescription,
        description: raw.Description,
        createdAt: expect.stringMatching(/^2025-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[12]:00$/),
        dueAt: raw.DueDate === null ? null : expect.stringMatching(/\+0[12]:00$/),
        status: String(raw.HelpdeskStatusI3D),
        priority: String(raw.HelpdeskPriorityI3D),
      },
      version: null,
      modifiedAt: null,
      stamp: null,
    });

    const [c1, c2] = s.state.listCustomers().filter((x) => s.state.listHelpdesks(x.I3D).length > 0);
    const some = await readAll(port(c, 'ticket'), [String(c1!.I3D), String(c2!.I3D)]);
    expect(records(some).map((r) => r.id)).toEqual([...s.state.listHelpdesks(c1!.I3D), ...s.state.listHelpdesks(c2!.I3D)].map((h) => String(h.I3D)));
    expect(some.map((p) => p.page)).toEqual(some.map((_, i) => i + 1));
  });

  it('hostile data: DST dates kept exactly; tickets without title or with a broken date are invalid, not thrown', async () => {
    const s = await sim({ data: { customers: 20, devices: 0, hostile: true } });
    const h = s.hostile!;
    const cust = h.umlautNames[0]!;
    const noTitle = s.state.addHelpdesk({ CustomerI3D: cust, ShortDescription: null, Description: 'ohne Betreff' });
    s.state.helpdesks.put({ ...s.state.getHelpdesk(h.dstTickets[0]!)!, I3D: 5_990_001, CreatedDate: 'gestern' } as SimHelpdesk);
    s.state.helpdesks.put({ ...s.state.getHelpdesk(h.dstTickets[0]!)!, I3D: 5_990_002, HelpdeskStatusI3D: 'offen' } as unknown as SimHelpdesk);
    const pages = await readAll(port(connect(s.url, { pageSize: '3' }), 'ticket'));
    expect(invalid(pages).map((i) => i.id).sort()).toEqual([String(noTitle.I3D), '5990001', '5990002'].sort());
    expect(invalid(pages).find((i) => i.id === String(noTitle.I3D))!.reason).toMatch(/ShortDescription/);
    expect(invalid(pages).find((i) => i.id === '5990001')!.reason).toMatch(/date/);
    expect(records(pages)).toHaveLength(s.state.listHelpdesks().length - 3);
    const created = (i3d: number) => records(pages).find((r) => r.id === String(i3d))!.data.createdAt;
    expect(h.dstTickets.map(created)).toEqual(['2026-03-29T01:30:00.000+01:00', '2026-03-29T03:30:00.000+02:00', '2026-10-25T02:30:00.000+02:00', '2026-10-25T02:30:00.000+01:00']);
    expect(records(pages).find((r) => r.id === String(h.dstTickets[0]))!.data.description).toBe('Sommerzeit: vor der Umstellung (01:30 MEZ)\nZeitstempel auf der Sommerzeitgrenze.');
  });

  it('create and update round trip: the stamp is the last line of Description, hidden from the canonical description', async () => {
    const s = await sim({ data: { customers: 3, devices: 0, tickets: 4 } });
    const p = port(connect(s.url), 'ticket');
    expect(p.capabilities).toMatchObject({ read: true, write: true, delete: false, delta: false, stamp: true, naturalKey: null });
    expect(p.capabilities.note).toBeUndefined();
    const cust = String(s.state.listCustomers()[1]!.I3D);
    const stamp = 'ferry:pl-1:ticket:crm-77';
    const data = ticket(cust);
    const created = await p.create!(data, { stamp });
    const stored = s.state.getHelpdesk(Number(created.id))!;
    expect(stored).toMatchObject({
      CustomerI3D: Number(cust),
      ShortDescription: 'Drucker druckt nicht',
      Description: `Der Drucker im 2. OG druckt nicht.\nBitte um Rückruf.\n[ferry:${stamp}]`,
      CreatedDate: '/Date(1770020100000+0100)/',
      HelpdeskStatusI3D: 1,
      HelpdeskPriorityI3D: 2,
    });
    expect(stored.Number).toBe(5); // assigned by c-entron

    const readBack = async () => records(await readAll(p, [cust])).find((r) => r.id === created.id)!;
    let back = await readBack();
    expect(back.stamp).toBe(stamp);
    expect(back.data).toEqual({ ...data, number: '5' });
    for (const f of p.fields) expect(back.data[f]).toEqual(data[f]); // what the engine compares reads back unchanged

    // Fields Ferry does not map are kept by an update (it sends the ticket as c-entron has it, with its fields changed).
    s.state.updateHelpdesk(stored.I3D, { HelpdeskTypeI3D: 4, ResponsiblePerson: 'Jörg Weiß' });
    const changed = ticket(cust, { title: 'Drucker druckt wieder', description: null, status: '3', dueAt: null });
    expect((await p.update!(created.id, changed, { stamp })).id).toBe(created.id);
    expect(s.state.getHelpdesk(stored.I3D)).toMatchObject({ ShortDescription: 'Drucker druckt wieder', Description: `[ferry:${stamp}]`, HelpdeskStatusI3D: 3, DueDate: null, HelpdeskTypeI3D: 4, ResponsiblePerson: 'Jörg Weiß', Number: 5 });
    back = await readBack();
    expect(back).toMatchObject({ stamp, data: { ...changed, number: '5' } });

    await p.update!(created.id, ticket(cust, { description: '' }), { stamp });
    back = await readBack();
    expect(back.data.description).toBe('');
    expect(back.stamp).toBe(stamp);
    expect(s.state.getHelpdesk(stored.I3D)!.Description).toBe(`\n[ferry:${stamp}]`);

    expect((await p.lookup!({ stamp, natural: null }))?.id).toBe(created.id);
    expect(await p.lookup!({ stamp: 'ferry:pl-1:ticket:other', natural: null })).toBeNull();
    expect(await p.lookup!({ stamp: 'ferry:pl-1:ticket:crm', natural: null })).toBeNull(); // a prefix is not the stamp
  });

  it('"drop-after-apply" on create → outcome unknown, never repeated; lookup by stamp finds it (also from a fresh process)', async () => {
    const s = await sim({ data: { customers: 4, devices: 0, tickets: 12 } });
    const p = port(connect(s.url, { pageSize: '3' }), 'ticket');
    const cust = s.state.listCustomers()[2]!.I3D;
    const stamp = 'ferry:pl-1:ticket:crm-88';
    s.setFaults({ failNext: { method: 'SaveHelpdesk', count: 1, kind: 'drop-after-apply' } });
    const e = await rejection(p.create!(ticket(String(cust)), { stamp }));
    expect(e.details?.['outcomeUnknown']).toBe(true);
    expect(e.message).toMatch(/Outcome unknown/);
    expect(e.hint).toContain(`[ferry:${stamp}]`);
    expect(s.stats.calls['SaveHelpdesk']).toBe(1); // a create is never repeated blindly
    const applied = s.state.listHelpdesks().filter((h) => h.Description?.endsWith(`[ferry:${stamp}]`));
    expect(applied).toHaveLength(1);

    // Same process: only the customer's tickets are read.
    s.resetStats();
    const found = await p.lookup!({ stamp, natural: null });
    expect(found).toMatchObject({ id: String(applied[0]!.I3D), stamp, data: { customerId: String(cust), title: 'Drucker druckt nicht', description: ticket('').description } });
    const perCustomerPages = Math.max(1, Math.ceil(s.state.listHelpdesks(cust).length / 3));
    expect(s.stats.calls['GetHelpdesksThroughPaging']).toBe(perCustomerPages);

    // After a restart (no memory of the create): every ticket is read, and it is found all the same.
    const fresh = port(connect(s.url, { pageSize: '3' }), 'ticket');
    expect((await fresh.lookup!({ stamp, natural: null }))?.id).toBe(String(applied[0]!.I3D));
    expect(s.state.listHelpdesks().filter((h) => h.Description?.includes(`[ferry:${stamp}]`))).toHaveLength(1);
  });

  it('two tickets with the same stamp: lookup answers the newest and warns; one that cannot be read → data error', async () => {
    const s = await sim({ data: { customers: 2, devices: 0, tickets: 0 } });
    const cust = s.state.listCustomers()[0]!.I3D;
    const a = s.state.addHelpdesk({ CustomerI3D: cust, ShortDescription: 'eins', Description: 'x\n[ferry:dup]' });
    const b = s.state.addHelpdesk({ CustomerI3D: cust, ShortDescription: 'zwei', Description: '[ferry:dup]' });
    const p = port(connect(s.url), 'ticket');
    expect((await p.lookup!({ stamp: 'dup', natural: null }))!.id).toBe(String(Math.max(a.I3D, b.I3D)));
    expect(warnings.some((w) => w['stamp'] === 'dup')).toBe(true);
    s.state.addHelpdesk({ CustomerI3D: cust, ShortDescription: null, Description: '[ferry:broken]' });
    const e = await rejection(p.lookup!({ stamp: 'broken', natural: null }));
    expect(e.category).toBe('data');
    expect(e.message).toMatch(/cannot be read/);
  });

  it('an update whose answer is lost is repeated (it is idempotent)', async () => {
    const s = await sim({ data: { customers: 1, devices: 0, tickets: 1 } });
    const h = s.state.listHelpdesks()[0]!;
    const p = port(connect(s.url), 'ticket');
    s.setFaults({ failNext: { method: 'SaveHelpdesk', count: 1, kind: 'drop-after-apply' } });
    await p.update!(String(h.I3D), ticket(String(h.CustomerI3D), { title: 'neu' }), { stamp: 's-1' });
    expect(s.stats.calls['SaveHelpdesk']).toBe(2);
    expect(s.state.getHelpdesk(h.I3D)).toMatchObject({ ShortDescription: 'neu', Description: `${ticket('').description}\n[ferry:s-1]` });
  });

  it('refused writes say why and the outcome is known: no customer, a status that is no id, an unknown ticket, no right', async () => {
    const s = await sim({ data: { customers: 1, devices: 0, tickets: 0 } });
    const cust = String(s.state.listCustomers()[0]!.I3D);
    const p = port(connect(s.url), 'ticket');
    let e = await rejection(p.create!(ticket('123456789'), { stamp: 's' }));
    expect(e.message).toMatch(/Customer 123456789 not found/);
    expect(e.details?.['outcomeUnknown']).toBe(false);
    e = await rejection(p.create!(ticket(cust, { customerId: null }), { stamp: 's' }));
    expect(e.message).toMatch(/no customer/);
    e = await rejection(p.create!(ticket(cust, { status: 'open' }), { stamp: 's' }));
    expect(e.category).toBe('data');
    expect(e.hint).toMatch(/field mapping/);
    e = await rejection(p.update!('5999999', ticket(cust), { stamp: 's' }));
    expect(e.message).toMatch(/no ticket 5999999/);
    expect(s.stats.calls['SaveHelpdesk']).toBe(1); // only the first create reached c-entron

    const s2 = await sim({ users: [{ username: 'ferry', password: 'secret', rights: { readCustomers: true, readTickets: true } }], data: { customers: 1, devices: 0, tickets: 0 } });
    e = await rejection(port(connect(s2.url), 'ticket').create!(ticket(String(s2.state.listCustomers()[0]!.I3D)), { stamp: 's' }));
    expect(e.category).toBe('permission');
    expect(e.hint).toMatch(/Edit helpdesk tickets/);
  });

  it('ticket write off (the default) → read-only with a note, no write methods; the preflight warns after the existing checks', async () => {
    expect(CentronOptions.parse({}).ticketWrite).toBe('off');
    expect(CentronOptions.safeParse({ ticketWrite: 'yes' }).success).toBe(false);
    const s = await sim({ data: { customers: 2, devices: 0, tickets: 2 } });
    const off = connect(s.url, { ticketWrite: 'off', deviceWrite: 'confirmed' });
    const p = port(off, 'ticket');
    expect(p.capabilities).toMatchObject({ read: true, write: false, stamp: true });
    expect(p.capabilities.note).toContain('--option ticketWrite=confirmed');
    expect(p.create).toBeUndefined();
    expect(p.update).toBeUndefined();
    expect(p.delete).toBeUndefined();
    expect(records(await readAll(p))).toHaveLength(2);

    const checks = await off.preflight();
    expect(checks.map((c) => c.id)).toEqual(['centron.login', 'centron.address-master', 'centron.read-customers', 'centron.read-devices', 'centron.device-write', 'centron.last-customer-sync', 'centron.ticket-write']);
    const t = checks.at(-1)!;
    expect(t.status).toBe('warn');
    expect(t.message).toMatch(/not documented/);
    expect(t.hint).toContain('--option ticketWrite=confirmed');
    const on = await connect(s.url, { deviceWrite: 'confirmed' }).preflight();
    for (const c of on) expect(c.status, `${c.id}: ${c.message}`).toBe('pass');
  });
});

describe('c-entron invoices', () => {
  it('are neither read nor written; the port says why and a read fails as unsupported', async () => {
    const c = connect('http://127.0.0.1:1/CentronService');
    const p = port(c, 'invoice');
    expect(p.capabilities).toMatchObject({ read: false, write: false, delete: false, delta: false, stamp: false, naturalKey: null });
    expect(p.capabilities.note).toMatch(/no known method/);
    expect(p.create).toBeUndefined();
    const e = await rejection(readAll(p));
    expect(e.category).toBe('unsupported');
    expect(e.message).toMatch(/invoices/);
    expect(e.hint).toMatch(/Turn invoices off/);
  });
});
