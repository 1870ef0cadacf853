import { Ticket } from '../../../shared/entities.js';
import { FerryError } from '../../../shared/errors.js';
import { outcomeUnknown } from '../http/errors.js';
import type { EntityCapabilities, EntityPort, InvalidRecord, Logger, PreflightCheck, ReadOptions, RecordPage, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import type { CentronClient } from './client.js';
import { HELPDESK_SORT, HelpdeskRecord, describeIssues, type HelpdeskWrite } from './methods.js';
import { idOf, parseCustomerIds } from './records.js';
import { isoToWcfNullable, wcfToIsoNullable } from './wcf-date.js';

/**
 * Canonical fields compared on this side. `number` is read (c-entron's ticket number) but not compared: c-entron
 * assigns it and SaveHelpdesk cannot set it, so a ticket written from another system would never match it.
 */
export const ticketFields = ['customerId', 'title', 'description', 'createdAt', 'dueAt', 'status', 'priority'] as const;

/** Why ticket write is off until the admin confirms it (shown in the wizard and the preflight). */
export const TICKET_WRITE_OFF_NOTE =
  'Writing tickets uses SaveHelpdesk, a c-entron method seen in public clients but not documented by c-entron. ' +
  'Tickets are read-only until an admin confirms this c-entron accepts it: in the wizard, or with --option ticketWrite=confirmed ' +
  '(a methods file, --option methodsFile=<path>, corrects the method name if this site differs).';

// ---- Ferry's stamp in the ticket text --------------------------------------------------------------------------
// c-entron has no field reserved for a foreign id, and no ticket field identifies a ticket naturally (title and
// creation time are not unique). So Ferry writes its stamp as the last line of Description, "[ferry:<stamp>]",
// hides that line from the canonical description and finds a ticket by it after an answer was lost.

/** A whole line "[ferry:<stamp>]"; the stamp runs to the line's last "]". */
const STAMP_LINE = /(^|\r?\n)\[ferry:([^\r\n]+)\](?=\r?\n|$)/g;

/** The marker line for a stamp. */
export const stampLine = (stamp: string): string => `[ferry:${stamp}]`;

/**
 * Splits c-entron's Description into the canonical description and Ferry's stamp (the last marker line). Exact
 * inverse of withStamp: `null` ↔ the marker alone, `""` ↔ "\n" + marker, text ↔ text + "\n" + marker. A marker line
 * moved elsewhere by hand is found there as well, and only that line is removed.
 */
export function splitStamp(description: string | null): { description: string | null; stamp: string | null } {
  if (description === null) return { description: null, stamp: null };
  let last: RegExpExecArray | null = null;
  for (const m of description.matchAll(STAMP_LINE)) last = m;
  if (last === null) return { description, stamp: null };
  const stamp = last[2]!;
  const before = description.slice(0, last.index);
  const after = description.slice(last.index + last[0].length);
  if (last[1] === '') {
    // The marker is the first line: the text (if any) follows it.
    return { description: after === '' ? null : after.replace(/^\r?\n/, ''), stamp };
  }
  return { description: before + after, stamp };
}

/** The Description Ferry writes: the canonical description with the stamp line appended. */
export function withStamp(description: string | null, stamp: string): string {
  if (stamp === '' || /[\r\n]/.test(stamp)) {
    throw new FerryError('internal', `Ferry's stamp ${JSON.stringify(stamp)} cannot be written into a c-entron ticket (it must be one non-empty line).`, 'This is a bug in Ferry. Keep the log file and report it.', { outcomeUnknown: false });
  }
  return description === null ? stampLine(stamp) : `${description}\n${stampLine(stamp)}`;
}

// ---- Mapping ---------------------------------------------------------------------------------------------------

export type MappedTicket = { ok: true; id: string; data: Ticket; stamp: string | null } | { ok: false; id: string | null; reason: string };

const idText = (v: number | string | null | undefined): string | null => (v === null || v === undefined ? null : String(v));

/**
 * A c-entron helpdesk ticket → canonical Ticket. Values as they are (nothing trimmed); Ferry's stamp line is taken
 * out of the description and answered separately. A ticket without ShortDescription (the canonical title is
 * required) or with an unreadable date is invalid.
 */
export function mapTicket(raw: unknown): MappedTicket {
  const id = idOf(raw);
  const r = HelpdeskRecord.safeParse(raw);
  if (!r.success) return { ok: false, id, reason: `c-entron ticket does not fit the expected shape: ${describeIssues(r.error)}` };
  const h = r.data;
  if (h.ShortDescription === null || h.ShortDescription === undefined) return { ok: false, id, reason: 'c-entron ticket has no ShortDescription (the ticket title)' };
  let createdAt: string | null;
  let dueAt: string | null;
  try {
    createdAt = wcfToIsoNullable(h.CreatedDate);
    dueAt = wcfToIsoNullable(h.DueDate);
  } catch (e) {
    return { ok: false, id, reason: `c-entron ticket has an unreadable date: ${e instanceof FerryError ? e.message : String(e)}` };
  }
  const { description, stamp } = splitStamp(h.Description ?? null);
  const data: Ticket = {
    customerId: idText(h.CustomerI3D),
    number: idText(h.Number),
    title: h.ShortDescription,
    description,
    createdAt,
    dueAt,
    status: idText(h.HelpdeskStatusI3D),
    priority: idText(h.HelpdeskPriorityI3D),
  };
  const v = Ticket.safeParse(data);
  if (!v.success) return { ok: false, id, reason: `c-entron ticket maps to an invalid ticket: ${describeIssues(v.error)}` };
  return { ok: true, id: String(h.I3D), data: v.data, stamp };
}

const positiveId = (v: string): number | null => {
  const n = /^[1-9]\d{0,15}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : null;
};

/** A canonical status/priority → c-entron's id (a whole number); null stays null. */
function helpdeskId(value: string | null, field: 'status' | 'priority', t: Ticket): number | null {
  if (value === null) return null;
  const n = /^-?\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n)) return n;
  const c = field === 'status' ? 'HelpdeskStatusI3D' : 'HelpdeskPriorityI3D';
  throw new FerryError('data', `Ticket "${t.title}" has ${field} "${value}", which is not a c-entron helpdesk ${field} id (${c}).`, `c-entron keeps the ${field} as the id of one of its helpdesk ${field === 'status' ? 'states' : 'priorities'}: map the values to those ids in the pipeline's field mapping.`, { outcomeUnknown: false });
}

/**
 * Canonical Ticket → the SaveHelpdesk Data (without I3D). Every mapped field is sent, so null clears a value; the
 * Description carries Ferry's stamp line. `number` is not sent: c-entron assigns it.
 */
export function toHelpdeskWrite(t: Ticket, stamp: string): HelpdeskWrite {
  const customer = t.customerId === null ? null : positiveId(t.customerId);
  if (customer === null) {
    throw new FerryError(
      'data',
      t.customerId === null ? `Ticket "${t.title}" has no customer; c-entron needs one.` : `Ticket "${t.title}" references customer "${t.customerId}", which is not a c-entron customer id (I3D).`,
      'Sync the customer to c-entron first; tickets link only to customers that carry c-entron\'s account id.',
      { outcomeUnknown: false },
    );
  }
  const date = (v: string | null): string | null => {
    try {
      return isoToWcfNullable(v);
    } catch (e) {
      if (e instanceof FerryError) throw new FerryError(e.category, `Ticket "${t.title}": ${e.message}`, e.hint, { outcomeUnknown: false });
      throw e;
    }
  };
  return {
    CustomerI3D: customer,
    ShortDescription: t.title,
    Description: withStamp(t.description, stamp),
    CreatedDate: date(t.createdAt),
    DueDate: date(t.dueAt),
    HelpdeskStatusI3D: helpdeskId(t.status, 'status', t),
    HelpdeskPriorityI3D: helpdeskId(t.priority, 'priority', t),
  };
}

/** Adds what an admin needs to a write error whose outcome is unknown (the answer was lost after sending). */
function writeError(e: unknown, action: 'created' | 'updated', title: string, stamp: string): unknown {
  if (!(e instanceof FerryError) || !outcomeUnknown(e)) return e;
  return new FerryError(
    e.category,
    `Outcome unknown: c-entron may or may not have ${action} ticket "${title}" — the answer to SaveHelpdesk was lost. ${e.message}`,
    `Ferry looks the ticket up by its stamp line ${stampLine(stamp)} in the description before writing it again, so no duplicate is created. ${e.hint}`,
    { ...e.details, outcomeUnknown: true, stamp },
  );
}

/** The preflight check "ticket write confirmed" (id centron.ticket-write): a warning while it is off. */
export function ticketWriteCheck(confirmed: boolean): PreflightCheck {
  const base = { id: 'centron.ticket-write', title: 'Ticket write confirmed' };
  if (confirmed) {
    return { ...base, status: 'pass', message: 'Ticket write is confirmed by the admin: Ferry writes tickets with SaveHelpdesk (seen in public clients, not documented) and keeps its stamp as the last line of the ticket description.', hint: '' };
  }
  return {
    ...base,
    status: 'warn',
    message: `Tickets are read-only. ${TICKET_WRITE_OFF_NOTE}`,
    hint: 'To let Ferry create and update tickets in c-entron, confirm that SaveHelpdesk works on this site (the user needs the right to edit helpdesk tickets), then set --option ticketWrite=confirmed. Ferry then adds a line "[ferry:<id>]" to the description of each ticket it writes.',
  };
}

// ---- The port --------------------------------------------------------------------------------------------------

export interface TicketPortOptions {
  /** Whether the admin confirmed ticket write (option ticketWrite=confirmed). */
  write: boolean;
  log: Logger;
}

/**
 * Helpdesk tickets: read via GetHelpdesksThroughPaging (open and closed; optionally per customer), create/update via
 * SaveHelpdesk (only when confirmed), no delete. Ferry's stamp lives in the description (see splitStamp), so
 * lookups go by stamp; there is no natural key.
 */
export function ticketsPort(client: CentronClient, o: TicketPortOptions): EntityPort<'ticket'> {
  const capabilities: EntityCapabilities = {
    read: true,
    write: o.write,
    delete: false,
    delta: false,
    stamp: true,
    naturalKey: null,
    ...(o.write ? {} : { note: TICKET_WRITE_OFF_NOTE }),
  };
  /** Customer of each create whose outcome is not known yet: its lookup reads only that customer's tickets. */
  const pendingCustomer = new Map<string, number>();

  const filter = (customer: number | null) => ({
    Sort: HELPDESK_SORT,
    Descending: false, // oldest first: a ticket created while paging lands on the last page instead of shifting the others
    HelpdeskFilter: { ...(customer !== null ? { CustomerI3D: customer } : {}), OnlyActive: false },
  });

  async function* read(opts: ReadOptions): AsyncIterable<RecordPage<'ticket'>> {
    const customers: (number | null)[] = opts.customerIds ? [...new Set(parseCustomerIds(opts.customerIds))] : [null];
    const seen = new Set<string>();
    let n = 0;
    for (const customer of customers) {
      for await (const p of client.pages('getHelpdesks', filter(customer), { signal: opts.signal })) {
        const records: RemoteRecord<'ticket'>[] = [];
        const invalid: InvalidRecord[] = [];
        for (const raw of p.items) {
          const m = mapTicket(raw);
          if (!m.ok) {
            invalid.push({ id: m.id, reason: m.reason });
            continue;
          }
          if (seen.has(m.id)) continue; // records can shift between pages while paging: keep the first sighting
          seen.add(m.id);
          records.push({ id: m.id, data: m.data, version: null, modifiedAt: null, stamp: m.stamp });
        }
        n++;
        const single = customers.length === 1;
        yield { records, invalid, page: n, pageCount: single ? p.pageCount : null, total: single ? p.total : null };
      }
    }
  }

  /**
   * Finds the ticket carrying a stamp: reads the tickets of the customer the create was for when this process made it,
   * else every ticket (after a restart). Resolves an open write intent, or a create whose answer was lost.
   */
  async function lookup(key: { stamp: string; natural: string | null }): Promise<RemoteRecord<'ticket'> | null> {
    const { stamp } = key;
    const marker = stampLine(stamp);
    const found: RemoteRecord<'ticket'>[] = [];
    const unreadable: string[] = [];
    for await (const p of client.pages('getHelpdesks', filter(pendingCustomer.get(stamp) ?? null))) {
      for (const raw of p.items) {
        const desc = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['Description'] : undefined;
        if (typeof desc !== 'string' || !desc.includes(marker) || splitStamp(desc).stamp !== stamp) continue;
        const m = mapTicket(raw);
        if (m.ok) found.push({ id: m.id, data: m.data, version: null, modifiedAt: null, stamp: m.stamp });
        else unreadable.push(`${m.id ?? '(no I3D)'}: ${m.reason}`);
      }
    }
    if (found.length === 0 && unreadable.length > 0) {
      // It exists but cannot be read: creating it again would make a duplicate.
      throw new FerryError('data', `A c-entron ticket with Ferry's stamp ${marker} exists but cannot be read (${unreadable.join('; ')}).`, 'Correct the ticket in c-entron (or remove the duplicate), then run again.', { stamp });
    }
    if (found.length > 1) {
      o.log.warn({ stamp, ids: found.map((f) => f.id) }, 'several c-entron tickets carry this stamp; using the newest (highest I3D)');
      found.sort((a, b) => Number(b.id) - Number(a.id));
    }
    if (found.length > 0) pendingCustomer.delete(stamp);
    return found[0] ?? null;
  }

  const port: EntityPort<'ticket'> = { entity: 'ticket', capabilities, fields: ticketFields, read, lookup };
  if (!o.write) return port;

  port.create = async (data: Ticket, ctx: WriteContext): Promise<WriteResult> => {
    const body = toHelpdeskWrite(data, ctx.stamp);
    pendingCustomer.set(ctx.stamp, body.CustomerI3D);
    try {
      const [i3d] = await client.call('saveHelpdesk', body);
      pendingCustomer.delete(ctx.stamp);
      return { id: String(i3d) };
    } catch (e) {
      if (!outcomeUnknown(e)) pendingCustomer.delete(ctx.stamp);
      throw writeError(e, 'created', data.title, ctx.stamp);
    }
  };

  port.update = async (id: string, data: Ticket, ctx: WriteContext): Promise<WriteResult> => {
    const i3d = positiveId(id);
    if (i3d === null) throw new FerryError('input', `"${id}" is not a c-entron ticket id (I3D).`, 'This is a bug in Ferry or a damaged link: keep the log and report it.');
    const fields = toHelpdeskWrite(data, ctx.stamp);
    // The ticket as c-entron has it, with Ferry's fields changed: what Ferry does not map (type, responsible person,
    // categories, internal notes …) goes back unchanged, whether or not SaveHelpdesk keeps fields left out.
    const [current] = await client.call('getHelpdeskByI3D', i3d);
    if (current === null || current === undefined || typeof current !== 'object' || Array.isArray(current)) {
      throw new FerryError('data', `c-entron has no ticket ${i3d} ("${data.title}") to update.`, 'It was deleted or merged in c-entron; a full run creates it again.', { outcomeUnknown: false });
    }
    const body: HelpdeskWrite = { ...(current as Record<string, unknown>), ...fields, I3D: i3d };
    let answered: number;
    try {
      // Updating sets the fields sent: repeating it is harmless, so it may be retried.
      [answered] = await client.call('saveHelpdesk', body, { idempotent: true });
    } catch (e) {
      throw writeError(e, 'updated', data.title, ctx.stamp);
    }
    if (answered !== i3d) {
      throw new FerryError('data', `c-entron answered I3D ${answered} to the update of ticket ${i3d} ("${data.title}").`, 'SaveHelpdesk does not behave as Ferry expects on this site: switch ticket write off (--option ticketWrite=off) and report it with the c-entron version.', { outcomeUnknown: true, stamp: ctx.stamp });
    }
    return { id: String(i3d) };
  };
  return port;
}
