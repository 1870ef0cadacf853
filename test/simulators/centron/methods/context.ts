// What a method handler gets and returns, the exact error texts, and the validators handlers share.
import type { Session } from '../sessions.js';
import type { SimState } from '../state.js';
import { pageJson, recordsJson } from '../serialize.js';
import type { Right, SimUser } from '../types.js';
import { parseWcfDate } from '../wcf-date.js';

/** The exact Message texts of the simulator's error answers (all inferred; see README). */
export const MESSAGES = {
  accessDenied: 'Access denied',
  ticketInvalid: 'Ticket invalid or expired',
  loginFailed: 'Invalid user name or password',
  badEnvelope: 'Invalid request: the body must be a JSON object {Ticket, TrimResponse, Data}',
} as const;

export interface CallContext {
  readonly state: SimState;
  /** The ticket's user; null for methods that need no ticket. */
  readonly user: SimUser | null;
  readonly session: Session | null;
  /** The Ticket field of the request envelope, as sent. */
  readonly ticket: unknown;
  readonly maxTicketUses: number | null;
}

/** A Result array already serialised (used for pages, which are hot). */
export class RawResult {
  constructor(readonly json: string) {}
}

export type HandlerResult = unknown[] | RawResult;

export interface MethodSpec {
  readonly name: string;
  /** True when the call needs a valid ticket (else Status 2). */
  readonly ticket: boolean;
  /** The right the user needs (else Status 1 "Access denied"). */
  readonly right?: Right;
  readonly handle: (ctx: CallContext, data: unknown) => HandlerResult;
}

/** A handled failure: Status 1 (or 2) with this Message. */
export class CallError extends Error {
  constructor(
    message: string,
    readonly status: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export function invalid(detail: string): CallError {
  return new CallError(`Invalid Data: ${detail}`);
}

export function asObject(data: unknown, what = 'Data'): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid(`${what} must be an object`);
  return data as Record<string, unknown>;
}

export function asInt(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(`${what} must be an integer`);
  return value;
}

/** An integer, or null when absent/null. */
export function optInt(value: unknown, what: string): number | null {
  return value === undefined || value === null ? null : asInt(value, what);
}

export function optBool(value: unknown, what: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw invalid(`${what} must be true, false or null`);
  return value;
}

export function asText(value: unknown, what: string): string | null {
  if (value === null || typeof value === 'string') return value;
  throw invalid(`${what} must be a string or null`);
}

/** A WCF date string or null; answers the instant as epoch ms. */
export function asDate(value: unknown, what: string): number | null {
  if (value === null) return null;
  const parsed = typeof value === 'string' ? parseWcfDate(value) : null;
  if (!parsed) throw invalid(`${what} must be a date in the form /Date(ms+hhmm)/`);
  return parsed.ms;
}

export interface PageRequest {
  page: number;
  perPage: number;
}

export function pageRequest(d: Record<string, unknown>): PageRequest {
  const page = asInt(d.Page, 'Page');
  const perPage = asInt(d.EntriesPerPage, 'EntriesPerPage');
  if (page < 1) throw invalid('Page must be 1 or more (pages are 1-based)');
  if (perPage < 1) throw invalid('EntriesPerPage must be 1 or more');
  return { page, perPage };
}

/** One page of rows (already in I3D order): Result[0] = {Count, CurrentPage, PageCount, Result}. */
export function pageOf(rows: readonly object[], req: PageRequest, descending = false): RawResult {
  const count = rows.length;
  const pageCount = Math.ceil(count / req.perPage);
  const start = (req.page - 1) * req.perPage;
  const end = Math.min(count, start + req.perPage);
  let slice: readonly object[];
  if (start >= count) slice = [];
  else if (!descending) slice = rows.slice(start, end);
  else {
    const out: object[] = [];
    for (let i = count - 1 - start; i >= count - end; i--) out.push(rows[i] as object);
    slice = out;
  }
  return new RawResult(pageJson(recordsJson(slice), count, req.page, pageCount));
}
