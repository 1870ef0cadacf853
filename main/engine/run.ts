import { entityOrder, parentOf, type EntityName } from '../../shared/entities.js';
import { FerryError, toErrorBody, type ErrorBody } from '../../shared/errors.js';
import type { DeleteGuard, PipelineConfig, PlannedOp, RunMode, RunStatus } from '../../shared/model.js';
import { zeroCounts, type Counts, type ProgressEvent, type RunPhase } from '../../shared/progress.js';
import type { Connector, EntityPort, RemoteRecord } from '../connectors/types.js';
import { APPLY_BATCH, applyOps, assertCanApply } from './apply.js';
import { crashPoint, SimulatedCrash } from './crash.js';
import { OneWayPlanner, type Op } from './plan.js';
import { recoverIntents } from './recover.js';
import { runTwoWay } from './run-two-way.js';
import type { Side, StatePort } from './state-port.js';

export interface RunRequest {
  runId: string;
  pipelineId: string;
  config: PipelineConfig;
  left: Connector;
  right: Connector;
  state: StatePort;
  mode: RunMode;
  dryRun: boolean;
  /** Only these entities (e.g. devices of one customer); null = all configured. */
  entities: EntityName[] | null;
  /** Restrict reads to children of one customer, given as left and right ids of its link. */
  customer: { leftId: string; rightId: string } | null;
  /** Deletes above the guard are allowed this once. */
  confirmDeletes: boolean;
  now: () => string;
  emit: (e: ProgressEvent) => void;
  concurrency?: number;
  signal?: AbortSignal;
}

export interface RunOutcome {
  status: RunStatus;
  entities: Partial<Record<EntityName, Counts>>;
  error: ErrorBody | null;
  plan: PlannedOp[] | null;
}

/** The mass-delete guard: more than `percent` of the linked records or more than `max`, whichever is smaller (at least 1). */
export function deleteLimit(guard: DeleteGuard, linked: number): number {
  return Math.max(1, Math.min(guard.max, Math.floor((linked * guard.percent) / 100)));
}

export async function readAll<E extends EntityName>(
  port: EntityPort<E>,
  opts: { customerIds?: string[]; signal?: AbortSignal; since?: string | null },
  onPage: (n: number, total: number | null) => void,
): Promise<{ records: RemoteRecord<E>[]; invalid: { id: string | null; reason: string }[]; deleted: string[]; nextCursor: string | null }> {
  const records: RemoteRecord<E>[] = [];
  const invalid: { id: string | null; reason: string }[] = [];
  const deleted: string[] = [];
  let nextCursor: string | null = null;
  const seen = new Map<string, number>();
  for await (const page of port.read(opts)) {
    for (const r of page.records) {
      // Overlapping delta windows and pages: the same id twice is one record, the later version wins.
      const at = seen.get(r.id);
      if (at === undefined) {
        seen.set(r.id, records.length);
        records.push(r);
      } else records[at] = r;
    }
    for (const i of page.invalid) invalid.push(i);
    for (const d of page.deleted ?? []) deleted.push(d);
    if (page.nextCursor) nextCursor = page.nextCursor;
    onPage(records.length + invalid.length, page.total);
  }
  return { records, invalid, deleted, nextCursor };
}

export interface ReadPagesResult {
  invalid: { id: string | null; reason: string }[];
  deleted: string[];
  nextCursor: string | null;
}

/** Reads every page of a side, handing each record on as it comes (nothing of a page is kept here). */
export async function readPages<E extends EntityName>(
  port: EntityPort<E>,
  opts: { customerIds?: string[]; signal?: AbortSignal; since?: string | null },
  onRecord: (r: RemoteRecord<E>) => void,
  distinct: () => number,
  onPage: (n: number, total: number | null) => void,
): Promise<ReadPagesResult> {
  const invalid: { id: string | null; reason: string }[] = [];
  const deleted: string[] = [];
  let nextCursor: string | null = null;
  for await (const page of port.read(opts)) {
    for (const r of page.records) onRecord(r);
    for (const i of page.invalid) invalid.push(i);
    for (const d of page.deleted ?? []) deleted.push(d);
    if (page.nextCursor) nextCursor = page.nextCursor;
    onPage(distinct() + invalid.length, page.total);
  }
  return { invalid, deleted, nextCursor };
}

/** Unlinked records looked up one by one rather than reading the target: a few, or 2 % of the linked. */
export function lookupLimit(linked: number): number {
  return Math.max(25, Math.floor(linked / 50));
}

/** Looks up Ferry's records by stamp, a few at a time; only a record carrying that very stamp counts. */
async function lookUp<E extends EntityName>(port: EntityPort<E>, stamps: string[], onFound: (r: RemoteRecord<E>) => void, onProgress: (n: number) => void, signal?: AbortSignal): Promise<void> {
  let done = 0;
  if (port.lookupMany) {
    // A request or a few per batch (a CardDAV multiget) rather than one per record.
    const wanted = new Set(stamps);
    for (let i = 0; i < stamps.length; i += LOOKUP_BATCH) {
      signal?.throwIfAborted();
      const batch = stamps.slice(i, i + LOOKUP_BATCH);
      for (const r of await port.lookupMany(batch)) if (r.stamp && wanted.delete(r.stamp)) onFound(r);
      done += batch.length;
      onProgress(done);
    }
    return;
  }
  const lookup = port.lookup!.bind(port);
  for (let i = 0; i < stamps.length; i += LOOKUPS_AT_ONCE) {
    signal?.throwIfAborted();
    const found = await Promise.all(stamps.slice(i, i + LOOKUPS_AT_ONCE).map(async (stamp) => {
      const r = await lookup({ stamp, natural: null });
      return r && r.stamp === stamp ? r : null;
    }));
    for (const r of found) if (r) onFound(r);
    done += found.length;
    onProgress(done);
  }
}

const LOOKUPS_AT_ONCE = 8;
/** Stamps per `lookupMany` call. */
const LOOKUP_BATCH = 100;

/** Operations made and written at a time: whole apply batches, so batches are the same as in one go. */
const APPLY_CHUNK = 8 * APPLY_BATCH;

/** Error categories that mean a connection refuses Ferry as such: the run stops at the first. */
const connectionRefused = new Set<string>(['auth', 'needs-credentials', 'tls']);

/** Runs one pipeline: entities in dependency order, each read → match → plan → guard → apply. */
export async function runPipeline(req: RunRequest): Promise<RunOutcome> {
  const counts: Partial<Record<EntityName, Counts>> = {};
  const planned: PlannedOp[] = [];
  let firstError: ErrorBody | null = null;
  let failedEntities = 0;
  let anyFailedItems = false;
  let stoppedByConnection = false;
  const full = req.mode === 'full';
  const emit = (phase: RunPhase, entity: EntityName | null, side: Side | null, processed: number, total: number | null, message: string | null = null) =>
    req.emit({ runId: req.runId, pipelineId: req.pipelineId, phase, entity, side, processed, total, counts: entity ? (counts[entity] ?? null) : null, message });

  const entities = entityOrder.filter((e) => req.config.entities[e] && (req.entities === null || req.entities.includes(e)));
  for (const entity of entities) {
    const flow = req.config.entities[entity]!;
    const c = zeroCounts();
    counts[entity] = c;
    try {
      if (flow.direction === 'both') {
        const failed = await runTwoWay(req, entity, flow, c, planned);
        if (failed) anyFailedItems = true;
        continue;
      }
      const source: Side = flow.direction === 'to-right' ? 'left' : 'right';
      const target: Side = source === 'left' ? 'right' : 'left';
      const conn = (s: Side) => (s === 'left' ? req.left : req.right);
      const sPort = conn(source).entity(entity);
      const tPort = conn(target).entity(entity);
      if (!sPort || !sPort.capabilities.read) {
        throw new FerryError('unsupported', `The ${source} system (${conn(source).kind}) cannot read ${entity} records${sPort?.capabilities.note ? `: ${sPort.capabilities.note}` : '.'}`, 'Turn this entity off or change its direction.');
      }
      if (!tPort || !tPort.capabilities.write) {
        throw new FerryError('unsupported', `The ${target} system (${conn(target).kind}) cannot write ${entity} records${tPort?.capabilities.note ? `: ${tPort.capabilities.note}` : '.'}`, tPort?.capabilities.note ?? 'Turn this entity off or change its direction.');
      }
      if (!req.dryRun) await recoverIntents(req.state, entity, (s) => conn(s).entity(entity), req.runId, req.now);

      // Scope: one customer's children only.
      const parent = parentOf[entity];
      const scoped = req.customer !== null && parent !== undefined;
      const sourceScope = scoped ? { customerIds: [source === 'left' ? req.customer!.leftId : req.customer!.rightId] } : {};
      // A delta-capable source is read since its cursor on delta runs; a full run reads everything (and resets it).
      const since = sPort.capabilities.delta && !full && !scoped ? req.state.cursor(entity, source) : null;
      const isDelta = since !== null;
      let parentLinks: Map<string, string> | null = null;
      // A target where records stand alone (an address book) needs no parent: its records are written without one.
      if (parent && !tPort.capabilities.standalone) {
        parentLinks = new Map();
        for (const l of req.state.linkKeys(parent)) parentLinks.set(source === 'left' ? l.leftId : l.rightId, source === 'left' ? l.rightId : l.leftId);
      }
      // Both sides go into the planner page by page, held compactly; nothing is written before both are read.
      const planner = new OneWayPlanner({
        entity,
        source,
        links: req.state.linkKeys(entity),
        parentLinks,
        sourceFields: sPort.fields as readonly string[],
        targetPort: tPort,
        flow,
        full,
        stampFor: (id) => `ferry:${req.pipelineId}:${entity}:${id}`,
        sourceStandalone: sPort.capabilities.standalone === true,
      });
      emit('read', entity, source, 0, null);
      // Records active on the source (seed 000: one host group per *active* customer).
      const onlyActive = flow.onlyActive !== false;
      const src = await readPages(
        sPort,
        { ...sourceScope, ...(req.signal ? { signal: req.signal } : {}), ...(since ? { since } : {}) },
        (r) => (onlyActive && (r.data as { active?: boolean }).active === false ? planner.dropSource(r.id) : planner.addSource(r)),
        () => planner.readCount,
        (n, t) => emit('read', entity, source, n, t),
      );
      // The target is read for a full run, or when a record may need first linking (never just to skip). A few
      // unlinked records matched by Ferry's stamp are looked up instead.
      let tgt: ReadPagesResult | null = null;
      const need = full ? ({ kind: 'read' } as const) : planner.targetNeed(lookupLimit(planner.linked));
      let lookedUp = false;
      if (need.kind === 'lookup' && tPort.lookup && tPort.capabilities.stampLookup) {
        emit('read', entity, target, 0, need.stamps.length);
        await lookUp(tPort, need.stamps, (r) => planner.addTarget(r), (n) => emit('read', entity, target, n, need.stamps.length), req.signal);
        lookedUp = true;
      } else if (need.kind !== 'none') {
        const targetScope = scoped ? { customerIds: [target === 'left' ? req.customer!.leftId : req.customer!.rightId] } : {};
        emit('read', entity, target, 0, null);
        tgt = await readPages(tPort, { ...targetScope, ...(req.signal ? { signal: req.signal } : {}) }, (r) => planner.addTarget(r), () => planner.targetCount, (n, t) => emit('read', entity, target, n, t));
      }
      const readCount = planner.sourceCount;
      emit('plan', entity, null, 0, readCount);
      const tombstones = new Set(src.deleted);
      const plan = planner.finish({
        sourceComplete: !isDelta && !scoped && !src.invalid.some((i) => i.id === null),
        invalidSourceIds: new Set(src.invalid.flatMap((i) => (i.id ? [i.id] : []))),
        tombstones,
        targetRead: tgt !== null,
        lookedUp,
        targetComplete: tgt !== null && !scoped && tgt.invalid.length === 0,
      });
      for (const inv of src.invalid) {
        plan.items.push({ entity, action: 'failed', targetSide: target, leftId: source === 'left' ? inv.id : null, rightId: source === 'right' ? inv.id : null, reason: `invalid record from the ${source} system: ${inv.reason}`, category: 'data', before: null, after: null });
      }
      c.unchanged += plan.unchanged;
      for (const it of plan.items) {
        if (it.action === 'skipped') c.skipped++;
        else if (it.action === 'conflict') c.conflicts++;
        else if (it.action === 'failed') c.failed++;
      }

      // The guard sees every delete before anything is written.
      const deletes = plan.kinds.delete;
      const limit = deleteLimit(req.config.deleteGuard, planner.linked);
      if (deletes > limit && !req.confirmDeletes) {
        throw new FerryError(
          'guard',
          `Stopped before writing: this run would delete ${deletes} ${entity} record(s) on the ${target} side, more than the guard allows (${limit} of ${planner.linked} linked).`,
          `If the deletes are intended, run once with --confirm-deletes; otherwise check why the ${source} system returned fewer records (filters, rights).`,
          { deletes, limit, linked: planner.linked },
        );
      }

      if (req.dryRun) {
        for (const ops of planner.ops(APPLY_CHUNK)) {
          for (const op of ops) {
            if (op.kind !== 'link') planned.push(toPlanned(entity, source, op));
            if (op.kind === 'create') c.created++;
            else if (op.kind === 'update') c.updated++;
            else if (op.kind === 'delete') c.deleted++;
            else if (op.kind === 'link') c.unchanged++;
            else c.skipped++;
          }
        }
        for (const it of plan.items) planned.push({ entity, action: it.action, targetSide: it.targetSide, leftId: it.leftId, rightId: it.rightId, reason: it.reason, changes: null });
        emit('done', entity, null, readCount, readCount);
        continue;
      }
      assertCanApply(tPort, entity, target, plan.kinds);
      req.state.tx(() => {
        for (const it of plan.items) req.state.addItem(req.runId, it);
      });
      emit('apply', entity, target, 0, plan.total);
      // Operations are made and written a chunk at a time: a first sync never holds all its creates.
      let applied = 0;
      for (const ops of planner.ops(APPLY_CHUNK)) {
        const offset = applied;
        await applyOps(ops, {
          runId: req.runId,
          entity,
          source,
          port: tPort,
          state: req.state,
          counts: c,
          now: req.now,
          concurrency: req.concurrency ?? 4,
          onProgress: (done) => emit('apply', entity, target, offset + done, plan.total),
        });
        applied += ops.length;
      }
      if (isDelta) c.unchanged += planner.unreadLinks(tombstones);
      crashPoint('before-cursor');
      // The cursor moves only when everything it covers is committed: a failed record is read again next time.
      if (src.nextCursor && sPort.capabilities.delta && !scoped && c.failed === 0 && src.invalid.length === 0) req.state.setCursor(entity, source, src.nextCursor);
      if (c.failed > 0) anyFailedItems = true;
      emit('done', entity, null, plan.total, plan.total);
    } catch (e) {
      if (e instanceof SimulatedCrash) throw e;
      const body = toErrorBody(e);
      firstError ??= body;
      failedEntities++;
      emit('done', entity, null, 0, null, `${body.message} ${body.hint}`);
      if (body.category === 'guard') break; // a guard stops the whole run
      // A connection that refuses Ferry (changed password, missing secret, untrusted certificate) refuses every
      // further entity too: stop, and say it once instead of once per entity.
      if (connectionRefused.has(body.category)) {
        stoppedByConnection = true;
        break;
      }
    }
  }
  const guarded = firstError?.category === 'guard';
  const completed = entities.filter((e) => counts[e] !== undefined).length - failedEntities;
  const status: RunStatus = req.dryRun
    ? firstError
      ? 'failed'
      : 'dry-run'
    : guarded || (failedEntities === entities.length && entities.length > 0) || (stoppedByConnection && completed === 0)
      ? 'failed'
      : failedEntities > 0 || anyFailedItems
        ? 'partial'
        : 'ok';
  return { status, entities: counts, error: firstError, plan: req.dryRun ? planned : null };
}

export function toPlanned(entity: EntityName, source: Side, op: Op): PlannedOp {
  const target: Side = source === 'left' ? 'right' : 'left';
  const tid = op.kind === 'create' ? null : op.targetId;
  const ids = source === 'left' ? { leftId: op.sourceId, rightId: tid } : { leftId: tid, rightId: op.sourceId };
  switch (op.kind) {
    case 'create':
      return { entity, action: 'created', targetSide: target, ...ids, reason: null, changes: Object.fromEntries(Object.entries(op.data as Record<string, unknown>).map(([k, v]) => [k, { old: null, new: v }])) };
    case 'update':
      return { entity, action: 'updated', targetSide: target, ...ids, reason: op.reason, changes: op.changes };
    case 'delete':
      return { entity, action: 'deleted', targetSide: target, ...ids, reason: 'deleted on the source', changes: null };
    case 'unlink':
      return { entity, action: 'skipped', targetSide: target, ...ids, reason: op.reason, changes: null };
    case 'link':
      return { entity, action: 'skipped', targetSide: target, ...ids, reason: 'linked (already equal)', changes: null };
  }
}
