import type { EntityData, EntityName } from '../../shared/entities.js';
import type { EntityFlow } from '../../shared/model.js';
import type { EntityPort, RemoteRecord } from '../connectors/types.js';
import { diffFields, hashFields } from './hash.js';
import { matchValue } from './match.js';
import type { Op } from './plan.js';
import { itemMaker, type ItemInput, type Link, type Side } from './state-port.js';

/** One side of a two-way flow as the planner sees it. */
export interface SideInput<E extends EntityName> {
  records: RemoteRecord<E>[];
  /** Read completely (all pages, unscoped, no record without id failed): absence means deleted. */
  complete: boolean;
  invalidIds: ReadonlySet<string>;
  port: Pick<EntityPort<E>, 'fields' | 'storedForm' | 'capabilities'>;
}

export interface TwoWayInput<E extends EntityName = EntityName> {
  entity: E;
  left: SideInput<E>;
  right: SideInput<E>;
  links: Link[];
  /** For child entities: parent links as left id → right id; null for entities without parent. */
  parentLinks: ReadonlyMap<string, string> | null;
  flow: EntityFlow;
  full: boolean;
  stampFor(source: Side, sourceId: string): string;
  /** Decisions from the conflict inbox, by left id. */
  resolutions?: ReadonlyMap<string, { id: number; rightId: string; resolution: 'left' | 'right' | 'merge'; merged: Record<string, unknown> | null }>;
  /** Allowed difference between the two systems' clocks for newer-wins (ms). */
  clockSkewMs?: number;
}

export interface TwoWayPlan {
  /** Writes to the right side (their source is the left). */
  toRight: Op[];
  /** Writes to the left side (their source is the right). */
  toLeft: Op[];
  items: ItemInput[];
  unchanged: number;
  /** Conflicts still open after this plan (manual policy), for the inbox. */
  conflicts: { leftId: string; rightId: string; left: unknown; right: unknown; base: unknown; reason: string }[];
  /** Inbox decisions this plan carries out. */
  resolved: number[];
}

/**
 * Plans a two-way flow for one entity by three-way comparison: each side's record against the hash stored for
 * it at the last sync. Changed on one side → copied over; changed on both → the conflict policy; gone on one side
 * (complete read) → the delete policy; unlinked → matched by key, never by guess, else created on the other side.
 * Pure, deterministic, no I/O.
 */
export function planTwoWay<E extends EntityName>(inp: TwoWayInput<E>): TwoWayPlan {
  const skew = inp.clockSkewMs ?? 120_000;
  const sides = { left: inp.left, right: inp.right } as const;
  const other = (s: Side): Side => (s === 'left' ? 'right' : 'left');
  const items: ItemInput[] = [];
  const ops: Record<Side, Op[]> = { left: [], right: [] }; // keyed by target side
  let unchanged = 0;
  const conflicts: TwoWayPlan['conflicts'] = [];
  const resolved: number[] = [];
  const item = { left: itemMaker(inp.entity, 'left'), right: itemMaker(inp.entity, 'right') };
  const rightOfLeft = inp.parentLinks;
  const leftOfRight = inp.parentLinks ? new Map([...inp.parentLinks].map(([l, r]) => [r, l])) : null;
  const parentMap = (from: Side) => (from === 'left' ? rightOfLeft : leftOfRight);
  const ownParents = (from: Side) => (from === 'left' ? new Set(rightOfLeft?.keys() ?? []) : new Set(leftOfRight?.keys() ?? []));
  const linkedParents = { left: ownParents('left'), right: ownParents('right') };

  /** The record as comparable data on its own side: the parent is the first linked candidate. */
  const ownOf = (side: Side, r: RemoteRecord<E>): EntityData[E] => own(side, r);
  function own(side: Side, r: RemoteRecord<E>): EntityData[E] {
    if (!inp.parentLinks) return r.data;
    const d = r.data as Record<string, unknown>;
    const cands = r.parents ?? (typeof d['customerId'] === 'string' ? [d['customerId']] : []);
    const parent = cands.find((c) => linkedParents[side].has(c)) ?? cands[0] ?? null;
    return { ...d, customerId: parent } as EntityData[E];
  }
  const fieldsOf = (side: Side) => sides[side].port.fields as readonly string[];
  const hashOwn = (side: Side, r: RemoteRecord<E>) => hashFields(own(side, r), fieldsOf(side));
  /** What `from`'s record becomes on the other side: parent translated; null when the parent is not linked. */
  const translate = (from: Side, r: RemoteRecord<E>): { write: EntityData[E]; stored: EntityData[E] } | null => {
    let data = own(from, r) as Record<string, unknown>;
    if (inp.parentLinks) {
      const p = data['customerId'];
      const mapped = typeof p === 'string' ? parentMap(from)!.get(p) : undefined;
      if (mapped === undefined) return null;
      data = { ...data, customerId: mapped };
    }
    const to = sides[other(from)].port;
    const write = data as EntityData[E];
    return { write, stored: to.storedForm ? to.storedForm(write) : write };
  };
  const natural = (side: Side, d: EntityData[E]) => {
    const k = sides[side].port.capabilities.naturalKey;
    const v = k ? (d as Record<string, unknown>)[k] : null;
    return typeof v === 'string' ? v : null;
  };

  /** Plans copying `from`'s record over the other side's (`targetId`), or notes it as already equal. */
  const copy = (from: Side, r: RemoteRecord<E>, targetId: string, current: RemoteRecord<E> | undefined, reason: string): void => {
    const to = other(from);
    const t = translate(from, r);
    if (!t) {
      items.push(item[from]('skipped', r.id, targetId, 'customer not synchronized yet'));
      return;
    }
    if (!sides[to].port.capabilities.write) {
      items.push(item[from]('skipped', r.id, targetId, `changed on the ${from} side, but the ${to} system cannot write ${inp.entity} records${sides[to].port.capabilities.note ? `: ${sides[to].port.capabilities.note}` : ''}`));
      return;
    }
    const targetHash = hashFields(t.stored, fieldsOf(to));
    const cur = current ? own(to, current) : null;
    // The base of later conflicts: the record as both sides hold it after this sync, in the left's view.
    const base = from === 'left' ? own('left', r) : t.stored;
    if (cur && hashFields(cur, fieldsOf(to)) === targetHash) {
      ops[to].push({ kind: 'link', sourceId: r.id, targetId, sourceHash: hashOwn(from, r), targetHash, sourceVersion: r.version ?? null, targetVersion: current?.version ?? null, base });
      return;
    }
    ops[to].push({ kind: 'update', sourceId: r.id, targetId, data: t.write, before: cur, changes: cur ? diffFields(cur, t.stored, fieldsOf(to)) : null, stamp: inp.stampFor(from, r.id), sourceHash: hashOwn(from, r), targetHash, reason, base });
  };

  const byId = { left: new Map(inp.left.records.map((r) => [r.id, r])), right: new Map(inp.right.records.map((r) => [r.id, r])) };
  const linked = { left: new Set<string>(), right: new Set<string>() };

  for (const l of inp.links) {
    linked.left.add(l.leftId);
    linked.right.add(l.rightId);
    const L = byId.left.get(l.leftId);
    const R = byId.right.get(l.rightId);
    if (!L || !R) {
      // Gone on one side: only a complete read says so; a failed record is never taken for a delete.
      const gone: Side = !L ? 'left' : 'right';
      const present: Side = other(gone);
      const goneId = gone === 'left' ? l.leftId : l.rightId;
      const presentId = present === 'left' ? l.leftId : l.rightId;
      if (!sides[gone].complete || sides[gone].invalidIds.has(goneId) || !inp.full) {
        unchanged++;
        continue;
      }
      if (!L && !R) {
        ops.right.push({ kind: 'unlink', sourceId: l.leftId, targetId: l.rightId, reason: 'gone on both sides' });
        continue;
      }
      const presentRec = (present === 'left' ? L : R)!;
      if (inp.flow.deletePolicy === 'propagate' && sides[present].port.capabilities.delete) {
        ops[present].push({ kind: 'delete', sourceId: goneId, targetId: presentId, before: own(present, presentRec) });
      } else {
        ops[present].push({ kind: 'unlink', sourceId: goneId, targetId: presentId, reason: `deleted on the ${gone} side; ${inp.flow.deletePolicy === 'propagate' ? `the ${present} system cannot delete it` : `the delete policy is "${inp.flow.deletePolicy}"`}, so it stays and is no longer synced` });
      }
      continue;
    }
    const lc = hashOwn('left', L) !== l.leftHash;
    const rc = hashOwn('right', R) !== l.rightHash;
    if (!lc && !rc) {
      unchanged++;
      continue;
    }
    if (lc && !rc) {
      copy('left', L, l.rightId, R, 'changed on the left');
      continue;
    }
    if (!lc && rc) {
      copy('right', R, l.leftId, L, 'changed on the right');
      continue;
    }
    // Changed on both sides. Already the same after all (both made the same edit)? Then only the hashes move.
    const t = translate('left', L);
    if (t && hashFields(t.stored, fieldsOf('right')) === hashOwn('right', R)) {
      ops.right.push({ kind: 'link', sourceId: L.id, targetId: R.id, sourceHash: hashOwn('left', L), targetHash: hashOwn('right', R), sourceVersion: L.version ?? null, targetVersion: R.version ?? null, base: own('left', L) });
      continue;
    }
    const decision = inp.resolutions?.get(L.id);
    if (decision && decision.rightId === R.id) {
      resolved.push(decision.id);
      if (decision.resolution === 'left') copy('left', L, R.id, R, 'conflict resolved: the left version');
      else if (decision.resolution === 'right') copy('right', R, L.id, L, 'conflict resolved: the right version');
      else {
        // A field-by-field merge: written to both sides.
        const M: RemoteRecord<E> = { ...L, data: { ...own('left', L), ...decision.merged } as EntityData[E] };
        copy('left', M, R.id, R, 'conflict resolved: merged');
        const mh = hashFields(own('left', M), fieldsOf('left'));
        if (mh !== hashOwn('left', L)) {
          ops.left.push({ kind: 'update', sourceId: R.id, targetId: L.id, data: own('left', M), before: own('left', L), changes: diffFields(own('left', L), own('left', M), fieldsOf('left')), stamp: inp.stampFor('right', R.id), sourceHash: hashFields(translate('left', M)?.stored ?? own('right', R), fieldsOf('right')), targetHash: mh, reason: 'conflict resolved: merged', base: own('left', M) });
        }
      }
      continue;
    }
    const winner = decide(L, R);
    if (winner === null) {
      const reason = `changed on both sides since the last sync (policy "${inp.flow.conflictPolicy}"${inp.flow.conflictPolicy === 'newer-wins' ? ', modification times too close or unknown' : ''}): left untouched until resolved`;
      items.push(item.left('conflict', L.id, R.id, reason, { before: own('right', R), after: own('left', L) }));
      // Both versions in the left's view (ids translated), so the inbox compares like with like.
      conflicts.push({ leftId: L.id, rightId: R.id, left: own('left', L), right: translate('right', R)?.stored ?? own('right', R), base: l.base ?? null, reason });
      continue;
    }
    if (winner === 'left') copy('left', L, R.id, R, `changed on both sides: ${inp.flow.conflictPolicy}`);
    else copy('right', R, L.id, L, `changed on both sides: ${inp.flow.conflictPolicy}`);
  }

  // Unlinked records: match by key among the other side's unlinked records, else create there.
  const unlinked = {
    left: inp.left.records.filter((r) => !linked.left.has(r.id)),
    right: inp.right.records.filter((r) => !linked.right.has(r.id)),
  };
  const keyIndex = (side: Side) => {
    const m = new Map<string, RemoteRecord<E>[]>();
    for (const r of unlinked[side]) {
      const mv = matchValue(own(side, r), inp.flow.match, r.stamp);
      if (mv !== null) m.set(mv, [...(m.get(mv) ?? []), r]);
    }
    return m;
  };
  const idx = { left: keyIndex('left'), right: keyIndex('right') };
  const claimed = new Set<string>();
  for (const L of unlinked.left) {
    const t = translate('left', L);
    if (!t) {
      items.push(item.left('skipped', L.id, null, 'customer not synchronized yet'));
      continue;
    }
    const mv = matchValue(t.stored, inp.flow.match, inp.stampFor('left', L.id));
    const cands = mv === null ? [] : (idx.right.get(mv) ?? []).filter((r) => !claimed.has(r.id));
    const same = mv === null ? 0 : (idx.left.get(mv)?.length ?? 0);
    // Several records on one side with one key are never linked, nor created, by guess.
    if (cands.length > 1 || same > 1) {
      items.push(item.left('conflict', L.id, null, `ambiguous match: ${same} record(s) on the left and ${cands.length} on the right share the ${inp.flow.match} "${mv}"; make it unique, then run again`));
      for (const c of cands) claimed.add(c.id);
      continue;
    }
    if (cands.length === 1) {
      const R = cands[0]!;
      claimed.add(R.id);
      const equal = hashFields(t.stored, fieldsOf('right')) === hashOwn('right', R);
      if (equal) {
        ops.right.push({ kind: 'link', sourceId: L.id, targetId: R.id, sourceHash: hashOwn('left', L), targetHash: hashOwn('right', R), sourceVersion: L.version ?? null, targetVersion: R.version ?? null, base: own('left', L) });
        continue;
      }
      // First linking of two different records: the conflict policy decides which version both sides keep.
      const winner = decide(L, R);
      if (winner === null) items.push(item.left('conflict', L.id, R.id, `first link by ${inp.flow.match}: the two records differ (policy "${inp.flow.conflictPolicy}"): left untouched until resolved`, { before: own('right', R), after: own('left', L) }));
      else if (winner === 'left') copy('left', L, R.id, R, `linked by ${inp.flow.match}; ${inp.flow.conflictPolicy}`);
      else copy('right', R, L.id, L, `linked by ${inp.flow.match}; ${inp.flow.conflictPolicy}`);
      continue;
    }
    create('left', L, t);
  }
  for (const R of unlinked.right) {
    if (claimed.has(R.id)) continue;
    const t = translate('right', R);
    if (!t) {
      items.push(item.right('skipped', R.id, null, 'customer not synchronized yet'));
      continue;
    }
    const mv = matchValue(t.stored, inp.flow.match, inp.stampFor('right', R.id));
    if (mv !== null && (idx.left.get(mv)?.length ?? 0) > 0) continue; // handled (or flagged) from the left
    const own = matchValue(ownOf('right', R), inp.flow.match, R.stamp);
    if (own !== null && (idx.right.get(own)?.length ?? 0) > 1) {
      items.push(item.right('conflict', R.id, null, `ambiguous match: ${idx.right.get(own)!.length} record(s) on the right share the ${inp.flow.match} "${own}"; make it unique, then run again`));
      continue;
    }
    create('right', R, t);
  }
  return { toRight: ops.right, toLeft: ops.left, items, unchanged, conflicts, resolved };

  function create(from: Side, r: RemoteRecord<E>, t: { write: EntityData[E]; stored: EntityData[E] }): void {
    const to = other(from);
    if (!sides[to].port.capabilities.write) {
      items.push(item[from]('skipped', r.id, null, `the ${to} system cannot create ${inp.entity} records${sides[to].port.capabilities.note ? `: ${sides[to].port.capabilities.note}` : ''}`));
      return;
    }
    ops[to].push({ kind: 'create', sourceId: r.id, data: t.write, stamp: inp.stampFor(from, r.id), natural: natural(to, t.stored), sourceHash: hashOwn(from, r), targetHash: hashFields(t.stored, fieldsOf(to)), replacesTargetId: null, base: from === 'left' ? own('left', r) : t.stored });
  }

  /** Which side wins a conflict under the policy; null = nobody (manual, or newer-wins without a clear answer). */
  function decide(L: RemoteRecord<E>, R: RemoteRecord<E>): Side | null {
    switch (inp.flow.conflictPolicy) {
      case 'left-wins':
        return 'left';
      case 'right-wins':
        return 'right';
      case 'manual':
        return null;
      case 'newer-wins': {
        const a = L.modifiedAt ? Date.parse(L.modifiedAt) : NaN;
        const b = R.modifiedAt ? Date.parse(R.modifiedAt) : NaN;
        if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a - b) <= skew) return null;
        return a > b ? 'left' : 'right';
      }
    }
  }
}
