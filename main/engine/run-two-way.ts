import { parentOf, type EntityName } from '../../shared/entities.js';
import { FerryError } from '../../shared/errors.js';
import type { EntityFlow, PlannedOp } from '../../shared/model.js';
import type { Counts } from '../../shared/progress.js';
import { applyOps } from './apply.js';
import { crashPoint } from './crash.js';
import { TwoWayPlanner } from './plan-two-way.js';
import { recoverIntents } from './recover.js';
import { deleteLimit, readPages, toPlanned, type ReadPagesResult, type RunRequest } from './run.js';
import type { Side } from './state-port.js';

/**
 * One entity both ways: both sides are read (completely, or for one customer), planned by three-way comparison,
 * guarded against mass deletes, and the writes applied to each side with the same intents as one-way flows.
 * Returns whether any record failed.
 */
export async function runTwoWay(req: RunRequest, entity: EntityName, flow: EntityFlow, c: Counts, planned: PlannedOp[]): Promise<boolean> {
  const conn = (s: Side) => (s === 'left' ? req.left : req.right);
  const ports = { left: req.left.entity(entity), right: req.right.entity(entity) };
  for (const s of ['left', 'right'] as const) {
    if (!ports[s] || !ports[s].capabilities.read) {
      throw new FerryError('unsupported', `The ${s} system (${conn(s).kind}) cannot read ${entity} records, so they cannot sync both ways.`, 'Choose one direction for this entity, or turn it off.');
    }
  }
  const left = ports.left!;
  const right = ports.right!;
  if (!req.dryRun) await recoverIntents(req.state, entity, (s) => conn(s).entity(entity), req.runId, req.now);

  const parent = parentOf[entity];
  const scoped = req.customer !== null && parent !== undefined;
  const emit = (phase: 'read' | 'plan' | 'apply' | 'done', side: Side | null, processed: number, total: number | null) =>
    req.emit({ runId: req.runId, pipelineId: req.pipelineId, phase, entity, side, processed, total, counts: c, message: null });
  let parentLinks: Map<string, string> | null = null;
  // Between two systems where records stand alone (two address books) there is no parent to carry over.
  if (parent && !(left.capabilities.standalone && right.capabilities.standalone)) {
    parentLinks = new Map();
    for (const l of req.state.linkKeys(parent)) parentLinks.set(l.leftId, l.rightId);
  }
  // Both sides go into the planner page by page, held compactly; nothing is written before both are read.
  const planner = new TwoWayPlanner({
    entity,
    ports: { left, right },
    links: req.state.linkKeys(entity),
    parentLinks,
    flow,
    full: req.mode === 'full',
    stampFor: (source, id) => `ferry:${req.pipelineId}:${entity}:${source}:${id}`,
    resolutions: req.state.pendingResolutions(entity),
    // Bases are asked for when a conflict needs one (rare), not held for every link.
    basesOf: (leftIds) => req.state.basesOf(entity, leftIds),
  });
  const onlyActive = flow.onlyActive !== false;
  const read = (s: Side) => {
    const port = s === 'left' ? left : right;
    const scope = scoped ? { customerIds: [s === 'left' ? req.customer!.leftId : req.customer!.rightId] } : {};
    return readPages(
      port,
      { ...scope, ...(req.signal ? { signal: req.signal } : {}) },
      (x) => (onlyActive && (x.data as { active?: boolean }).active === false ? planner.drop(s, x.id) : planner.add(s, x)),
      () => planner.readCount(s),
      (n, t) => emit('read', s, n, t),
    );
  };
  // Both sides are read together: two systems, two connections.
  const [L, R] = await Promise.all([read('left'), read('right')]);
  const sideRead = (r: ReadPagesResult) => ({ complete: !scoped && !r.invalid.some((i) => i.id === null), invalidIds: new Set(r.invalid.flatMap((i) => (i.id ? [i.id] : []))) });
  emit('plan', null, 0, planner.count('left') + planner.count('right'));
  const plan = planner.finish({ left: sideRead(L), right: sideRead(R) });
  for (const [side, r] of [['left', L], ['right', R]] as const) {
    for (const inv of r.invalid) {
      plan.items.push({ entity, action: 'failed', targetSide: side === 'left' ? 'right' : 'left', leftId: side === 'left' ? inv.id : null, rightId: side === 'right' ? inv.id : null, reason: `invalid record from the ${side} system: ${inv.reason}`, category: 'data', before: null, after: null });
    }
  }
  c.unchanged += plan.unchanged;
  for (const it of plan.items) {
    if (it.action === 'skipped') c.skipped++;
    else if (it.action === 'conflict') c.conflicts++;
    else if (it.action === 'failed') c.failed++;
  }
  const deletes = [...plan.toRight, ...plan.toLeft].filter((o) => o.kind === 'delete').length;
  const limit = deleteLimit(req.config.deleteGuard, planner.linked);
  if (deletes > limit && !req.confirmDeletes) {
    throw new FerryError(
      'guard',
      `Stopped before writing: this run would delete ${deletes} ${entity} record(s), more than the guard allows (${limit} of ${planner.linked} linked).`,
      'If the deletes are intended, run once with --confirm-deletes; otherwise check why one system returned fewer records (filters, rights).',
      { deletes, limit, linked: planner.linked },
    );
  }
  if (req.dryRun) {
    for (const [source, list] of [['left', plan.toRight], ['right', plan.toLeft]] as const) {
      for (const op of list) {
        if (op.kind === 'link') {
          c.unchanged++;
          continue;
        }
        planned.push(toPlanned(entity, source, op));
        if (op.kind === 'create') c.created++;
        else if (op.kind === 'update') c.updated++;
        else if (op.kind === 'delete') c.deleted++;
        else c.skipped++;
      }
    }
    for (const it of plan.items) planned.push({ entity, action: it.action, targetSide: it.targetSide, leftId: it.leftId, rightId: it.rightId, reason: it.reason, changes: null });
    emit('done', null, 0, 0);
    return false;
  }
  req.state.tx(() => {
    for (const it of plan.items) req.state.addItem(req.runId, it);
  });
  // The inbox follows the plan: new conflicts in, vanished ones (made equal, deleted) out.
  req.state.recordConflicts(entity, plan.conflicts, !scoped && L.invalid.length === 0 && R.invalid.length === 0);
  const total = plan.toRight.length + plan.toLeft.length;
  let base = 0;
  for (const [source, list, port] of [['left', plan.toRight, right], ['right', plan.toLeft, left]] as const) {
    if (list.length === 0) continue;
    const offset = base;
    await applyOps(list, { runId: req.runId, entity, source, port, state: req.state, counts: c, now: req.now, concurrency: req.concurrency ?? 4, onProgress: (done) => emit('apply', source === 'left' ? 'right' : 'left', offset + done, total) });
    base += list.length;
  }
  // Decisions carried out are closed; one whose write failed comes back as a conflict on the next run.
  if (plan.resolved.length) req.state.closeConflicts(plan.resolved);
  crashPoint('before-cursor');
  emit('done', null, total, total);
  return c.failed > 0;
}
