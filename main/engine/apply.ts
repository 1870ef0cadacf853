import type { EntityName } from '../../shared/entities.js';
import { FerryError, toErrorBody } from '../../shared/errors.js';
import type { EntityPort, WriteContext } from '../connectors/types.js';
import { outcomeUnknown } from '../connectors/http/errors.js';
import { crashPoint } from './crash.js';
import { hashFields } from './hash.js';
import type { Op } from './plan.js';
import { itemMaker, type Link, type Side, type StatePort } from './state-port.js';
import type { Counts } from '../../shared/progress.js';

export interface ApplyContext<E extends EntityName> {
  runId: string;
  entity: E;
  source: Side;
  port: EntityPort<E>;
  state: StatePort;
  counts: Counts;
  now: () => string;
  /** Parallel writes at most (each has its own intent). */
  concurrency: number;
  /** Operations per batch: one transaction for the batch's intents, one for its results. */
  batchSize?: number;
  onProgress(done: number): void;
}

type RemoteOp = Exclude<Op, { kind: 'link' } | { kind: 'unlink' }>;

/** What one remote write came to; committed together with its batch. */
type Outcome =
  | { ok: true; id: string; version: string | null; targetHash: string; recovered: boolean }
  | { ok: false; error: unknown; keepIntent: boolean };

function linkOf(entity: EntityName, source: Side, sourceId: string, targetId: string, sourceHash: string | null, targetHash: string | null, now: string, sv: string | null = null, tv: string | null = null, base?: unknown): Link {
  const b = base === undefined ? {} : { base };
  return source === 'left'
    ? { entity, leftId: sourceId, rightId: targetId, leftHash: sourceHash, rightHash: targetHash, leftVersion: sv, rightVersion: tv, syncedAt: now, ...b }
    : { entity, leftId: targetId, rightId: sourceId, leftHash: targetHash, rightHash: sourceHash, leftVersion: tv, rightVersion: sv, syncedAt: now, ...b };
}

const pickOld = (changes: Record<string, { old: unknown; new: unknown }>, k: 'old' | 'new') => Object.fromEntries(Object.entries(changes).map(([f, v]) => [f, v[k]]));

/** Operations per batch unless told otherwise. */
export const APPLY_BATCH = 250;

/** Throws before anything is written when the target lacks a write the operations need. */
export function assertCanApply(port: { create?: unknown; update?: unknown; delete?: unknown }, entity: EntityName, targetSide: Side, kinds: Partial<Record<Op['kind'], number>>): void {
  if (kinds.create && !port.create) throw new FerryError('unsupported', `The ${targetSide} system cannot create ${entity} records.`, 'Choose a direction the systems support.');
  if (kinds.update && !port.update) throw new FerryError('unsupported', `The ${targetSide} system cannot update ${entity} records.`, 'Choose a direction the systems support.');
  if (kinds.delete && !port.delete) throw new FerryError('unsupported', `The ${targetSide} system cannot delete ${entity} records.`, 'Set the delete policy to "ignore".');
}

/**
 * Applies planned operations in batches. Per batch: the intent rows in one transaction; then the remote writes
 * (in parallel up to the limit); then links, intent closes and run items in one transaction. A crash anywhere
 * leaves open intents that the next run resolves by lookup before writing again. One failing record never stops
 * the others.
 */
export async function applyOps<E extends EntityName>(ops: Op[], c: ApplyContext<E>): Promise<void> {
  const targetSide: Side = c.source === 'left' ? 'right' : 'left';
  const item = itemMaker(c.entity, c.source);
  const fields = c.port.fields as readonly string[];
  const sideKey = (op: { sourceId: string; targetId: string }) => (c.source === 'left' ? op.sourceId : op.targetId);
  const kinds: Partial<Record<Op['kind'], number>> = {};
  for (const op of ops) kinds[op.kind] = (kinds[op.kind] ?? 0) + 1;
  assertCanApply(c.port, c.entity, targetSide, kinds);

  const writeCtx = (op: { stamp: string; disambiguator?: string }): WriteContext => ({ stamp: op.stamp, ...(op.disambiguator !== undefined ? { disambiguator: op.disambiguator } : {}) });

  const remote = async (op: RemoteOp): Promise<Outcome> => {
    try {
      if (op.kind === 'create') {
        const res = await c.port.create!(op.data as never, writeCtx(op));
        return { ok: true, id: res.id, version: res.version ?? null, targetHash: res.data ? hashFields(res.data, fields) : op.targetHash, recovered: false };
      }
      if (op.kind === 'update') {
        const res = await c.port.update!(op.targetId, op.data as never, writeCtx(op));
        return { ok: true, id: op.targetId, version: res.version ?? null, targetHash: res.data ? hashFields(res.data, fields) : op.targetHash, recovered: false };
      }
      await c.port.delete!(op.targetId);
      return { ok: true, id: op.targetId, version: null, targetHash: '', recovered: false };
    } catch (e) {
      // Updates and deletes are idempotent: the link keeps its old hashes and the next run plans them again.
      if (op.kind !== 'create' || !outcomeUnknown(e) || !c.port.lookup) return { ok: false, error: e, keepIntent: false };
      // The answer was lost: the write may have been applied. Look before anything is written again.
      try {
        const found = await c.port.lookup({ stamp: op.stamp, natural: op.natural });
        if (!found) return { ok: false, error: e, keepIntent: false };
        return { ok: true, id: found.id, version: found.version ?? null, targetHash: hashFields(found.data, fields), recovered: true };
      } catch {
        // Still unknown: the intent stays open and the next run resolves it before writing anything.
        return { ok: false, error: e, keepIntent: true };
      }
    }
  };

  const commit = (op: RemoteOp, intentId: number, o: Outcome, now: string) => {
    if (!o.ok) {
      const b = toErrorBody(o.error);
      if (!o.keepIntent) c.state.closeIntent(intentId);
      c.state.addItem(c.runId, item('failed', op.sourceId, op.kind === 'create' ? null : op.targetId, `${b.message} — ${b.hint}`, { category: b.category }));
      c.counts.failed++;
      return;
    }
    if (op.kind === 'create') {
      if (op.replacesTargetId) c.state.removeLink(c.entity, c.source === 'left' ? op.sourceId : op.replacesTargetId);
      c.state.upsertLink(linkOf(c.entity, c.source, op.sourceId, o.id, op.sourceHash, o.targetHash, now, null, o.version, op.base));
      const reason = o.recovered ? 'the answer was lost; found by lookup and linked' : op.replacesTargetId ? 'missing on the target: created again' : null;
      c.state.addItem(c.runId, item('created', op.sourceId, o.id, reason, { after: op.data }));
      c.counts.created++;
    } else if (op.kind === 'update') {
      if (op.unlinkAfter) c.state.removeLink(c.entity, sideKey(op));
      else c.state.upsertLink(linkOf(c.entity, c.source, op.sourceId, op.targetId, op.sourceHash, o.targetHash, now, null, o.version, op.base));
      c.state.addItem(c.runId, item('updated', op.sourceId, op.targetId, op.reason, { before: op.changes ? pickOld(op.changes, 'old') : op.before, after: op.changes ? pickOld(op.changes, 'new') : op.data }));
      c.counts.updated++;
    } else {
      c.state.removeLink(c.entity, sideKey(op));
      c.state.addItem(c.runId, item('deleted', op.sourceId, op.targetId, 'deleted on the source', { before: op.before }));
      c.counts.deleted++;
    }
    c.state.closeIntent(intentId);
  };

  /** The batch's update and delete targets read at once, where the port reads before it writes (a failure is no error). */
  const prefetch = async (writes: RemoteOp[]): Promise<void> => {
    if (!c.port.prefetch) return;
    const ids = writes.flatMap((op) => (op.kind === 'create' ? [] : [op.targetId]));
    if (ids.length === 0) return;
    await c.port.prefetch(ids).catch(() => undefined);
  };

  const batchSize = Math.max(1, c.batchSize ?? APPLY_BATCH);
  let done = 0;
  for (let start = 0; start < ops.length; start += batchSize) {
    const batch = ops.slice(start, start + batchSize);
    const local = batch.filter((o): o is Extract<Op, { kind: 'link' } | { kind: 'unlink' }> => o.kind === 'link' || o.kind === 'unlink');
    const writes = batch.filter((o): o is RemoteOp => o.kind !== 'link' && o.kind !== 'unlink');
    const linkedAt = c.now();
    c.state.tx(() => {
      for (const op of local) {
        if (op.kind === 'link') {
          c.state.upsertLink(linkOf(c.entity, c.source, op.sourceId, op.targetId, op.sourceHash, op.targetHash, linkedAt, op.sourceVersion, op.targetVersion, op.base));
          c.counts.unchanged++;
        } else {
          c.state.removeLink(c.entity, sideKey(op));
          c.state.addItem(c.runId, item('skipped', op.sourceId, op.targetId, op.reason));
          c.counts.skipped++;
        }
      }
    });
    if (writes.length === 0) {
      done += batch.length;
      c.onProgress(done);
      continue;
    }
    const intentIds = c.state.tx(() =>
      writes.map((op) =>
        c.state.addIntent({
          runId: c.runId,
          entity: c.entity,
          targetSide,
          op: op.kind,
          sourceId: op.sourceId,
          targetId: op.kind === 'create' ? null : op.targetId,
          stamp: op.kind === 'delete' ? '' : op.stamp,
          naturalKey: op.kind === 'create' ? op.natural : null,
          sourceHash: op.kind === 'delete' ? null : op.sourceHash,
          targetHash: op.kind === 'delete' ? null : op.targetHash,
        }),
      ),
    );
    for (let i = 0; i < writes.length; i++) crashPoint('after-intent');
    await prefetch(writes);
    const outcomes: Outcome[] = new Array<Outcome>(writes.length);
    let next = 0;
    let finished = 0;
    const worker = async () => {
      while (next < writes.length) {
        const i = next++;
        outcomes[i] = await remote(writes[i]!);
        crashPoint('after-remote-write');
        if (++finished === Math.ceil(writes.length / 2)) crashPoint('mid-page');
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(c.concurrency, writes.length)) }, worker));
    const now = c.now();
    c.state.tx(() => {
      for (let i = 0; i < writes.length; i++) commit(writes[i]!, intentIds[i]!, outcomes[i]!, now);
    });
    done += batch.length;
    c.onProgress(done);
  }
}
