import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EntityName } from '../../../shared/entities.js';
import { FerryError } from '../../../shared/errors.js';
import type { InvalidRecord, ReadOptions, RecordPage, RemoteRecord } from '../types.js';
import { crmTime, parseCrmTime, Scalar, type OneCrmClient, type Rec } from './client.js';

/** Records per `GET /data/{Model}` call: 1CRM's maximum. */
export const PAGE_SIZE = 200;
/** The delta cursor lies this far before the read's start: date_modified has one-second resolution, saves take time. */
export const OVERLAP_MS = 2 * 60_000;

/** Ferry's stamp is kept as one line of the record's description: `Ferry-Id: <stamp>`. */
export const STAMP_PREFIX = 'Ferry-Id: ';
const stampLine = /(?:^|\n)Ferry-Id: ([^\r\n]*[^\s])[ \t]*(?:\r?\n|$)/;

export function stampOf(description: string | null | undefined): string | null {
  return description ? (stampLine.exec(description)?.[1] ?? null) : null;
}

/** The description with Ferry's stamp line (replacing an earlier one). */
export function withStamp(description: string, stamp: string): string {
  const rest = description.replace(stampLine, '\n').trim();
  return rest ? `${rest}\n${STAMP_PREFIX}${stamp}` : `${STAMP_PREFIX}${stamp}`;
}

/** The description without Ferry's stamp line. */
export function withoutStamp(description: string | null | undefined): string {
  return (description ?? '').replace(stampLine, '\n').trim();
}

/**
 * The 1CRM id Ferry creates a record under: a name-based UUID (version 5 layout, SHA-1) of Ferry's stamp. Creating
 * is `PATCH /data/{Model}/{this id}` with `create: true`, so a create whose answer was lost can be repeated — and
 * looked up — without ever making a second record.
 */
export function idForStamp(stamp: string): string {
  const h = createHash('sha1').update(`ferry-onecrm:${stamp}`, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** A value as text: strings trimmed, numbers and booleans as written, null/absent as ''. */
export function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export const nullIfEmpty = (v: unknown): string | null => {
  const t = str(v);
  return t === '' ? null : t;
};

export function isoOf(v: unknown): string | null {
  const ms = typeof v === 'string' ? parseCrmTime(v) : null;
  return ms === null ? null : new Date(ms).toISOString();
}

/** A record of the API: an id and scalar fields (unknown extra fields pass). */
export function recordSchema(fields: readonly string[]): z.ZodType<Rec> {
  const shape: Record<string, z.ZodTypeAny> = { id: z.union([z.string().min(1), z.number()]).transform(String) };
  for (const f of fields) if (f !== 'id') shape[f] = Scalar.optional();
  return z.object(shape).passthrough() as unknown as z.ZodType<Rec>;
}

export interface ModelSpec<E extends EntityName> {
  model: string;
  /** Fields Ferry asks for (those the model's /meta lacks are left out). */
  fields: readonly string[];
  toRecord(r: Rec): RemoteRecord<E> | InvalidRecord;
}

/** Validates one raw record and maps it. */
export function mapRecord<E extends EntityName>(spec: ModelSpec<E>, raw: Rec): RemoteRecord<E> | InvalidRecord {
  const r = recordSchema(spec.fields).safeParse(raw);
  if (!r.success) {
    const id = typeof raw['id'] === 'string' || typeof raw['id'] === 'number' ? String(raw['id']) : null;
    const issue = r.error.issues[0];
    return { id, reason: `the ${spec.model} does not have the expected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})` };
  }
  return spec.toRecord(r.data);
}

export interface ReadModelOptions extends ReadOptions {
  /** Extra list filters (must be offered by the model). */
  filters?: Record<string, string>;
  /** Told whether this read could be a delta (the model offers a modified-since filter). */
  onDeltaSupport?: (supported: boolean) => void;
  /**
   * Acting for a user: only records assigned to this user id — through the model's filter on `assigned_user_id`
   * where /meta offers one, else by reading `assigned_user_id` and keeping that user's records.
   */
  owner?: string;
}

/**
 * Reads a model page by page (200 per call, ordered by id), de-duplicating by id. With `since`, and when the model's
 * /meta offers a modified-since filter: only records modified since then. With that filter the last page of every
 * read carries the next cursor (the server's time at the start of the read minus OVERLAP_MS, as 'Y-m-d H:i:s' UTC).
 * Without it the read is always full (the engine compares hashes) and no cursor is given. 1CRM lists no tombstones: deletes are found by full
 * reads. When the number of records shrinks during a full read (a delete shifted the offsets, so a record may have
 * been skipped), the read reports itself incomplete (an invalid entry without id): no delete is derived from it.
 */
export async function* readModel<E extends EntityName>(client: OneCrmClient, spec: ModelSpec<E>, opts: ReadModelOptions): AsyncGenerator<RecordPage<E>> {
  opts.signal?.throwIfAborted();
  const meta = await client.meta(spec.model);
  const delta = Boolean(opts.since) && meta.modifiedSince !== null;
  opts.onDeltaSupport?.(meta.modifiedSince !== null);
  const startMs = client.serverNow();
  const nextCursor = crmTime(startMs - OVERLAP_MS);
  const fields = spec.fields.filter((f) => f === 'id' || meta.fields.has(f));
  const filters: Record<string, string> = { ...opts.filters };
  if (delta) filters[meta.modifiedSince!] = opts.since!;
  let keep: ((raw: Rec) => boolean) | null = null;
  if (opts.owner !== undefined) {
    const owner = opts.owner;
    const byFilter = [...meta.filters].find(([, f]) => f.field === 'assigned_user_id' && ['', 'eq', '='].includes((f.operator ?? '').toLowerCase()))?.[0];
    if (byFilter) filters[byFilter] = owner;
    else if (meta.fields.has('assigned_user_id')) {
      fields.push('assigned_user_id');
      keep = (raw) => str(raw['assigned_user_id']) === owner;
    } else {
      throw new FerryError('unsupported', `1CRM: ${spec.model} records here say nothing about who owns them (no assigned_user_id).`, 'Turn off "act for each user" for this pipeline.');
    }
  }
  const seen = new Set<string>();
  let offset = 0;
  let page = 0;
  let firstTotal: number | null = null;
  for (;;) {
    opts.signal?.throwIfAborted();
    const list = await client.list(spec.model, { offset, limit: PAGE_SIZE, fields, filters, ...(meta.fields.has('id') ? { order: 'id' } : {}) });
    page++;
    firstTotal ??= list.total;
    const records: RemoteRecord<E>[] = [];
    const invalid: InvalidRecord[] = [];
    for (const raw of list.records) {
      if (keep && !keep(raw)) continue;
      const id = str(raw['id']);
      if (id !== '' && seen.has(id)) continue;
      if (id !== '') seen.add(id);
      const r = mapRecord(spec, raw);
      if ('data' in r) records.push(r);
      else invalid.push(r);
    }
    const last = list.records.length < PAGE_SIZE || (list.total !== null && offset + list.records.length >= list.total);
    if (last) {
      if (!delta && firstTotal !== null && list.total !== null && list.total < firstTotal) {
        invalid.push({ id: null, reason: `${spec.model} records were deleted in the CRM while Ferry read them (${firstTotal} → ${list.total}); read again at the next run` });
      }
      yield { records, invalid, page, pageCount: page, total: list.total, ...(meta.modifiedSince !== null ? { nextCursor } : {}) };
      return;
    }
    yield { records, invalid, page, pageCount: null, total: list.total };
    offset += list.records.length;
  }
}

/** The record Ferry created under its stamp (see idForStamp), or null. */
export async function findByStamp<E extends EntityName>(client: OneCrmClient, spec: ModelSpec<E>, stamp: string): Promise<RemoteRecord<E> | null> {
  const meta = await client.meta(spec.model);
  const raw = await client.get(spec.model, idForStamp(stamp), spec.fields.filter((f) => f === 'id' || meta.fields.has(f)));
  if (!raw) return null;
  const r = mapRecord(spec, raw);
  return 'data' in r ? r : null;
}

export { parseCrmTime };
