import type { EntityName } from '../../shared/entities.js';
import { FerryError, toErrorBody } from '../../shared/errors.js';
import type { EntityPort } from '../connectors/types.js';
import { outcomeUnknown } from '../connectors/http/errors.js';
import { crashPoint } from './crash.js';
import { hashFields } from './hash.js';
import type { Op } from './plan.js';
import type { ItemInput, Link, Side, StatePort } from './state-port.js';
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
  onProgress(done: number): void;
}

function linkOf(entity: EntityName, source: Side, sourceId: string, targetId: string, sourceHash: string | null, targetHash: string | null, now: string, sv: string | null = null, tv: string | null = null): Link {
  return source === 'left'
    ? { entity, leftId: sourceId, rightId: targetId, leftHash: sourceHash, rightHash: targetHash, leftVersion: sv, rightVersion: tv, syncedAt: now }
    : { entity, leftId: targetId, rightId: sourceId, leftHash: targetHash, rightHash: sourceHash, leftVersion: tv, rightVersion: sv, syncedAt: now };
}

/** Applies planned operations: intent first, remote write, then link + intent close + item in one transaction. */
export async function applyOps<E extends EntityName>(ops: Op[], c: ApplyContext<E>): Promise<void> {
  const targetSide: Side = c.source === 'left' ? 'right' : 'left';
  const ids = (sid: string | null, tid: string | null) => (c.source === 'left' ? { leftId: sid, rightId: tid } : { leftId: tid, rightId: sid });
  const item = (action: ItemInput['action'], sid: string | null, tid: string | null, reason: string | null, before: unknown = null, after: unknown = null, category: string | null = null): ItemInput => ({
    entity: c.entity,
    action,
    targetSide,
    ...ids(sid, tid),
    reason,
    category,
    before,
    after,
  });
  const fail = (op: Op, e: unknown, tid: string | null) => {
    const b = toErrorBody(e);
    c.counts.failed++;
    c.state.addItem(c.runId, item('failed', op.sourceId, tid, `${b.message} — ${b.hint}`, null, null, b.category));
  };
  const fields = c.port.fields as readonly string[];

  let done = 0;
  let half = Math.floor(ops.length / 2);
  const one = async (op: Op): Promise<void> => {
    if (op.kind === 'link') {
      c.state.upsertLink(linkOf(c.entity, c.source, op.sourceId, op.targetId, op.sourceHash, op.targetHash, c.now(), op.sourceVersion, op.targetVersion));
      c.counts.unchanged++;
      return;
    }
    if (op.kind === 'unlink') {
      c.state.tx(() => {
        c.state.removeLink(c.entity, c.source === 'left' ? op.sourceId : op.targetId);
        c.state.addItem(c.runId, item('skipped', op.sourceId, op.targetId, op.reason));
      });
      c.counts.skipped++;
      return;
    }
    if (op.kind === 'create') {
      if (!c.port.create) throw new FerryError('unsupported', `The ${targetSide} system cannot create ${c.entity} records.`, 'Choose a direction the systems support.');
      const intentId = c.state.addIntent({ runId: c.runId, entity: c.entity, targetSide, op: 'create', sourceId: op.sourceId, targetId: null, stamp: op.stamp, naturalKey: op.natural, sourceHash: op.sourceHash, targetHash: op.targetHash });
      crashPoint('after-intent');
      let id: string;
      let version: string | null = null;
      let targetHash = op.targetHash;
      try {
        const res = await c.port.create(op.data as never, { stamp: op.stamp });
        id = res.id;
        version = res.version ?? null;
        if (res.data) targetHash = hashFields(res.data, fields);
      } catch (e) {
        if (!outcomeUnknown(e) || !c.port.lookup) {
          c.state.closeIntent(intentId);
          return fail(op, e, null);
        }
        // The answer was lost: the write may have been applied. Look before writing again.
        let found;
        try {
          found = await c.port.lookup({ stamp: op.stamp, natural: op.natural });
        } catch {
          // Still unknown: the intent stays open and the next run resolves it before writing anything.
          return fail(op, e, null);
        }
        c.state.closeIntent(intentId);
        if (!found) return fail(op, e, null);
        id = found.id;
        version = found.version ?? null;
        targetHash = hashFields(found.data, fields);
      }
      crashPoint('after-remote-write');
      c.state.tx(() => {
        if (op.replacesTargetId) c.state.removeLink(c.entity, c.source === 'left' ? op.sourceId : op.replacesTargetId);
        c.state.upsertLink(linkOf(c.entity, c.source, op.sourceId, id, op.sourceHash, targetHash, c.now(), null, version));
        c.state.closeIntent(intentId);
        c.state.addItem(c.runId, item('created', op.sourceId, id, op.replacesTargetId ? 'missing on the target: created again' : null, null, op.data));
      });
      c.counts.created++;
      return;
    }
    if (op.kind === 'update') {
      if (!c.port.update) throw new FerryError('unsupported', `The ${targetSide} system cannot update ${c.entity} records.`, 'Choose a direction the systems support.');
      const intentId = c.state.addIntent({ runId: c.runId, entity: c.entity, targetSide, op: 'update', sourceId: op.sourceId, targetId: op.targetId, stamp: op.stamp, naturalKey: null, sourceHash: op.sourceHash, targetHash: op.targetHash });
      crashPoint('after-intent');
      let targetHash = op.targetHash;
      let version: string | null = null;
      try {
        const res = await c.port.update(op.targetId, op.data as never, { stamp: op.stamp });
        version = res.version ?? null;
        if (res.data) targetHash = hashFields(res.data, fields);
      } catch (e) {
        // Updates are idempotent: the link keeps its old hashes, so the next run plans the update again.
        c.state.closeIntent(intentId);
        return fail(op, e, op.targetId);
      }
      crashPoint('after-remote-write');
      c.state.tx(() => {
        if (op.unlinkAfter) c.state.removeLink(c.entity, c.source === 'left' ? op.sourceId : op.targetId);
        else c.state.upsertLink(linkOf(c.entity, c.source, op.sourceId, op.targetId, op.sourceHash, targetHash, c.now(), null, version));
        c.state.closeIntent(intentId);
        c.state.addItem(c.runId, item('updated', op.sourceId, op.targetId, op.reason, op.changes ? Object.fromEntries(Object.entries(op.changes).map(([k, v]) => [k, v.old])) : op.before, op.changes ? Object.fromEntries(Object.entries(op.changes).map(([k, v]) => [k, v.new])) : op.data));
      });
      c.counts.updated++;
      return;
    }
    // delete
    if (!c.port.delete) throw new FerryError('unsupported', `The ${targetSide} system cannot delete ${c.entity} records.`, 'Set the delete policy to "ignore".');
    const intentId = c.state.addIntent({ runId: c.runId, entity: c.entity, targetSide, op: 'delete', sourceId: op.sourceId, targetId: op.targetId, stamp: '', naturalKey: null, sourceHash: null, targetHash: null });
    crashPoint('after-intent');
    try {
      await c.port.delete(op.targetId);
    } catch (e) {
      c.state.closeIntent(intentId);
      return fail(op, e, op.targetId);
    }
    crashPoint('after-remote-write');
    c.state.tx(() => {
      c.state.removeLink(c.entity, c.source === 'left' ? op.sourceId : op.targetId);
      c.state.closeIntent(intentId);
      c.state.addItem(c.runId, item('deleted', op.sourceId, op.targetId, 'deleted on the source', op.before, null));
    });
    c.counts.deleted++;
  };

  // A small pool: writes go out in parallel up to the limit; one failing record never stops the others.
  let next = 0;
  const worker = async () => {
    while (next < ops.length) {
      const op = ops[next++]!;
      await one(op);
      done++;
      if (done === half && half > 0) {
        half = -1;
        crashPoint('mid-page');
      }
      if (done % 100 === 0 || done === ops.length) c.onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(c.concurrency, ops.length)) }, worker));
}
