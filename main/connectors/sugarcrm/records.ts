import type { EntityName } from '../../../shared/entities.js';
import type { InvalidRecord, ReadOptions, RecordPage, RemoteRecord } from '../types.js';
import { parseSugarTime, sqlString, sugarTime, type Entry, type SugarClient } from './client.js';

/** Records per get_entry_list call. */
export const PAGE_SIZE = 200;
/** The delta cursor lies this far before the read's start: date_modified has one-second resolution and saves take time. */
export const OVERLAP_MS = 2 * 60_000;

/** Ferry's stamp is kept as one line of the record's description: `Ferry-Id: <stamp>`. */
export const STAMP_PREFIX = 'Ferry-Id: ';
const stampLine = /(?:^|\n)Ferry-Id: ([^\r\n]*[^\s])[ \t]*(?:\r?\n|$)/;

export function stampOf(description: string | undefined): string | null {
  return description ? (stampLine.exec(description)?.[1] ?? null) : null;
}

/** The description with Ferry's stamp line (replacing an earlier one). */
export function withStamp(description: string, stamp: string): string {
  const rest = description.replace(stampLine, '\n').trim();
  return rest ? `${rest}\n${STAMP_PREFIX}${stamp}` : `${STAMP_PREFIX}${stamp}`;
}

/** The description without Ferry's stamp line. */
export function withoutStamp(description: string | undefined): string {
  return (description ?? '').replace(stampLine, '\n').trim();
}

export const nullIfEmpty = (v: string | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

export function isoOf(sugar: string | undefined): string | null {
  const ms = sugar ? parseSugarTime(sugar) : null;
  return ms === null ? null : new Date(ms).toISOString();
}

/** A CRM date field (`Y-m-d`, a whole day) as the canonical ISO time: that day at 00:00 UTC. */
export function dateOf(v: string | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec((v ?? '').trim());
  return m ? `${m[1]}T00:00:00.000Z` : null;
}

/** The day of a canonical time as its source wrote it (the date before the T), for a CRM date field; '' when none. */
export function sugarDateOf(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}

export interface ModuleSpec<E extends EntityName> {
  module: string;
  table: string;
  fields: string[];
  links?: { name: string; value: string[] }[];
  toRecord(e: Entry): RemoteRecord<E> | InvalidRecord;
}

/**
 * Reads a module page by page, ordered by id, always with `deleted: 1`: soft-deleting or changing a record during
 * the read then cannot shift the offsets of records not yet read (the set only grows, duplicates are dropped by id).
 * With `since`: `<table>.date_modified >= since`, soft-deleted rows become tombstones, and the last page carries the
 * next cursor (the server's time at the start of the read minus OVERLAP_MS, as 'Y-m-d H:i:s' UTC).
 */
/** The owner condition of a port acting for one user (impersonation): only that user's records. */
export function ownerWhere(table: string, owner: string | undefined): string | null {
  return owner ? `${table}.assigned_user_id = ${sqlString(owner)}` : null;
}

/** The conditions that apply, joined with AND (null when none). */
export function allOf(...conds: (string | null)[]): string | null {
  const c = conds.filter((x): x is string => x !== null);
  return c.length ? c.map((x) => `(${x})`).join(' AND ') : null;
}

export async function* readModule<E extends EntityName>(client: SugarClient, spec: ModuleSpec<E>, opts: ReadOptions, extraWhere: string | null = null): AsyncGenerator<RecordPage<E>> {
  opts.signal?.throwIfAborted();
  const startMs = await client.serverNow();
  const nextCursor = sugarTime(startMs - OVERLAP_MS);
  const delta = Boolean(opts.since);
  const where = [delta ? `${spec.table}.date_modified >= ${sqlString(opts.since!)}` : null, extraWhere].filter((x): x is string => x !== null);
  const seen = new Set<string>();
  const deleted: string[] = [];
  let offset = 0;
  let page = 0;
  for (;;) {
    opts.signal?.throwIfAborted();
    const list = await client.entryList({
      module: spec.module,
      query: where.map((w) => `(${w})`).join(' AND '),
      orderBy: `${spec.table}.id ASC`,
      offset,
      fields: spec.fields,
      ...(spec.links ? { links: spec.links } : {}),
      max: PAGE_SIZE,
      deleted: true,
    });
    page++;
    const records: RemoteRecord<E>[] = [];
    const invalid: InvalidRecord[] = [];
    for (const e of list.entries) {
      if (!e.id || seen.has(e.id)) continue;
      seen.add(e.id);
      if (e.values['deleted'] === '1') {
        if (delta) deleted.push(e.id);
        continue;
      }
      const r = spec.toRecord(e);
      if ('data' in r) records.push(r);
      else invalid.push(r);
    }
    const last = list.entries.length === 0 || list.entries.length < PAGE_SIZE || (list.totalCount !== null && list.nextOffset >= list.totalCount);
    if (last) {
      yield { records, invalid, page, pageCount: page, total: null, ...(delta ? { deleted } : {}), nextCursor };
      return;
    }
    yield { records, invalid, page, pageCount: null, total: null };
    offset = list.nextOffset > offset ? list.nextOffset : offset + list.entries.length;
  }
}

/**
 * Finds the live record carrying `stamp` in its description. LIKE narrows to descriptions whose stamp line is the
 * last line or followed by a line break (so `…:1` does not list every `…:1nn`); the exact line decides; all pages.
 */
export async function findByStamp(client: SugarClient, spec: ModuleSpec<EntityName>, stamp: string): Promise<Entry | null> {
  // LIKE's own wildcards in the stamp become `_` (any one character); the exact comparison below decides.
  const line = `%${STAMP_PREFIX}${stamp.replace(/[%_\\]/g, '_')}`;
  const col = `${spec.table}.description`;
  const query = [line, `${line}\n%`, `${line}\r\n%`].map((p) => `${col} LIKE ${sqlString(p)}`).join(' OR ');
  for (let offset = 0; ; ) {
    const list = await client.entryList({
      module: spec.module,
      query,
      orderBy: `${spec.table}.id ASC`,
      offset,
      fields: spec.fields,
      ...(spec.links ? { links: spec.links } : {}),
      max: PAGE_SIZE,
      deleted: false,
    });
    const hit = list.entries.find((e) => e.values['deleted'] !== '1' && stampOf(e.values['description']) === stamp);
    if (hit) return hit;
    if (list.entries.length < PAGE_SIZE) return null;
    offset = list.nextOffset > offset ? list.nextOffset : offset + list.entries.length;
  }
}
