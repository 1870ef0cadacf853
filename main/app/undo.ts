import { FerryError } from '../../shared/errors.js';
import type { EntityName } from '../../shared/entities.js';
import type { RunItem } from '../../shared/model.js';
import type { Connector, EntityPort, RemoteRecord } from '../connectors/types.js';
import { comparable, hashFields } from '../engine/hash.js';
import { readAll } from '../engine/run.js';
import type { Side } from '../engine/state-port.js';
import { SqliteSyncState } from '../store/sync-state.js';
import { iso, type AppContext } from './context.js';
import { openConnector } from './open-connector.js';
import { actingFor } from './per-user.js';

export interface UndoResult {
  run: string;
  pipeline: string;
  undone: { entity: EntityName; action: 'created' | 'updated'; side: Side; id: string; what: string }[];
  notUndone: { entity: EntityName; action: string; side: Side | null; id: string | null; why: string }[];
  paused: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(comparable(a ?? null)) === JSON.stringify(comparable(b ?? null));

/**
 * Undoes a run where that is safe: a record it created is deleted, values it overwrote are written back — each
 * only if the record has not changed since (by anyone, Ferry included). Everything else is listed with the reason,
 * never forced. Afterwards the pipeline is paused: its next run would otherwise carry the same changes over again.
 */
export async function undoRun(ctx: AppContext, runId: string, connectorsOverride?: { left: Connector; right: Connector }): Promise<UndoResult> {
  const run = ctx.store.runs.get(runId);
  if (!run) throw new FerryError('not-found', `There is no run "${runId}".`, 'List runs with `ferry runs list`.');
  if (run.dryRun) throw new FerryError('state', `Run ${runId} was a dry run: it changed nothing.`, 'Pick a run that wrote something (`ferry runs list`).');
  if (run.status === 'running') throw new FerryError('busy', `Run ${runId} is still running.`, 'Wait for it to finish, then undo it.');
  const p = ctx.store.pipelines.byId(run.pipelineId)!;
  if (p.config.actForUsers) {
    throw new FerryError('input', `Run ${runId} of "${p.name}" acted for each user: its changes are in each user's run.`, 'Undo the users\' runs one by one: `ferry runs list` shows them as "<pipeline> · <e-mail>".');
  }
  const items = ctx.store.runs.items(runId, 1_000_000).filter((i) => i.action === 'created' || i.action === 'updated' || i.action === 'deleted').reverse();
  const result: UndoResult = { run: runId, pipeline: p.name, undone: [], notUndone: [], paused: false };
  if (items.length === 0) return result;
  const base = connectorsOverride ?? { left: await openConnector(ctx, ctx.store.connections.byId(p.leftId)!), right: await openConnector(ctx, ctx.store.connections.byId(p.rightId)!) };
  // A user's run is undone acting for that user again (their records, their address book).
  const conns = p.actFor && !connectorsOverride ? await actingFor(base.left, base.right, p.actFor) : base;
  const state = new SqliteSyncState(ctx.store.db, p.id, () => iso(ctx.now()));
  const reads = new Map<string, Map<string, RemoteRecord>>();
  const current = async (side: Side, entity: EntityName, port: EntityPort): Promise<Map<string, RemoteRecord>> => {
    const key = `${side}:${entity}`;
    if (!reads.has(key)) reads.set(key, new Map((await readAll(port, {}, () => undefined)).records.map((r) => [r.id, r])));
    return reads.get(key)!;
  };
  try {
    for (const it of items) {
      const side = it.targetSide;
      const id = side === 'left' ? it.leftId : it.rightId;
      const skip = (why: string) => result.notUndone.push({ entity: it.entity, action: it.action, side, id, why });
      if (!side || !id) {
        skip('the run item does not name the record');
        continue;
      }
      const port = (side === 'left' ? conns.left : conns.right).entity(it.entity);
      if (!port) {
        skip(`the ${side} system has no ${it.entity} records`);
        continue;
      }
      if (it.action === 'deleted') {
        skip('a deleted record is not re-created by undo; its last values are in the run item');
        continue;
      }
      const link = state.links(it.entity).find((l) => (side === 'left' ? l.leftId : l.rightId) === id);
      if (link && run.finishedAt && link.syncedAt > run.finishedAt) {
        skip(`synced again after this run (${link.syncedAt}): undo the later run first`);
        continue;
      }
      const rec = (await current(side, it.entity, port)).get(id);
      if (!rec) {
        skip('the record no longer exists');
        continue;
      }
      const fields = port.fields as readonly string[];
      if (it.action === 'created') {
        if (!port.delete) {
          skip(`the ${side} system cannot delete ${it.entity} records`);
          continue;
        }
        const ownHash = side === 'left' ? link?.leftHash : link?.rightHash;
        if (!link || hashFields(rec.data, fields) !== ownHash) {
          skip('changed since this run created it');
          continue;
        }
        await port.delete(id);
        ctx.store.db.prepare('DELETE FROM links WHERE pipeline_id = ? AND entity = ? AND left_id = ?').run(p.id, it.entity, link.leftId);
        result.undone.push({ entity: it.entity, action: 'created', side, id, what: 'deleted the record this run created' });
        continue;
      }
      // updated: write back the values this run overwrote, if what it wrote is still there.
      const before = it.before as Record<string, unknown> | null;
      const after = it.after as Record<string, unknown> | null;
      if (!before || !after || Object.keys(before).length === 0) {
        skip('the values this run overwrote were not recorded (the target was not read in that run)');
        continue;
      }
      if (!port.update) {
        skip(`the ${side} system cannot update ${it.entity} records`);
        continue;
      }
      const data = rec.data as Record<string, unknown>;
      if (!Object.keys(after).every((f) => same(data[f], after[f]))) {
        skip('changed since this run wrote it');
        continue;
      }
      const restored = { ...data, ...before } as never;
      // Where the stored record is derived (a field template of the flow, or a system that rewrites what it gets,
      // e.g. a host group named from number and name), writing the old values back would not give the old record.
      const templated = Object.keys(p.config.entities[it.entity]?.mapping ?? {}).length > 0;
      const rewritten = port.storedForm ? !Object.keys(before).every((f) => same((port.storedForm!(restored) as Record<string, unknown>)[f], before[f])) : false;
      if (templated || rewritten) {
        skip(`the ${side} system derives this record from a template; restore it by hand or through its source`);
        continue;
      }
      await port.update(id, restored, { stamp: `ferry:${p.id}:${it.entity}:undo:${runId}` });
      if (link) {
        const h = hashFields(restored, fields);
        state.upsertLink(side === 'left' ? { ...link, leftHash: h, syncedAt: iso(ctx.now()) } : { ...link, rightHash: h, syncedAt: iso(ctx.now()) });
      }
      result.undone.push({ entity: it.entity, action: 'updated', side, id, what: `restored ${Object.keys(before).join(', ')}` });
    }
  } finally {
    if (!connectorsOverride) {
      for (const c of new Set([conns.left, conns.right, base.left, base.right])) await c.close().catch(() => undefined);
    }
  }
  // The pipeline that schedules this one is paused: a user's pipeline runs only through its parent.
  const owner = p.parentId ? ctx.store.pipelines.byId(p.parentId)! : p;
  if (result.undone.length > 0 && !owner.paused) {
    ctx.store.pipelines.setPaused(owner.id, true, iso(ctx.now()));
    result.paused = true;
  }
  ctx.log.info({ run: runId, undone: result.undone.length, notUndone: result.notUndone.length }, 'run undone');
  return result;
}

export type { RunItem };
