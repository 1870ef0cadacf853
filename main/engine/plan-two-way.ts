import type { EntityData, EntityName } from '../../shared/entities.js';
import type { EntityFlow } from '../../shared/model.js';
import type { EntityPort, RemoteRecord } from '../connectors/types.js';
import { RecordCodec } from './compact.js';
import { diffFields, hashFields } from './hash.js';
import { matchValue } from './match.js';
import type { Op } from './plan.js';
import { itemMaker, type ItemInput, type LinkKey, type Side } from './state-port.js';

/** One side of a two-way flow as the planner sees it. */
export interface SideInput<E extends EntityName> {
  records: RemoteRecord<E>[];
  /** Read completely (all pages, unscoped, no record without id failed): absence means deleted. */
  complete: boolean;
  invalidIds: ReadonlySet<string>;
  port: Pick<EntityPort<E>, 'fields' | 'storedForm' | 'capabilities'>;
}

/** What a two-way plan is made from, apart from the records. */
export interface TwoWayContext<E extends EntityName = EntityName> {
  entity: E;
  ports: Record<Side, Pick<EntityPort<E>, 'fields' | 'storedForm' | 'capabilities'>>;
  links: Iterable<LinkKey>;
  /** For child entities: parent links as left id → right id; null for entities without parent. */
  parentLinks: ReadonlyMap<string, string> | null;
  flow: EntityFlow;
  full: boolean;
  stampFor(source: Side, sourceId: string): string;
  /** Decisions from the conflict inbox, by left id. */
  resolutions?: ReadonlyMap<string, { id: number; rightId: string; resolution: 'left' | 'right' | 'merge'; merged: Record<string, unknown> | null }>;
  /** Allowed difference between the two systems' clocks for newer-wins (ms). */
  clockSkewMs?: number;
  /**
   * The links' bases, asked for the conflicts only (by left id). Without it the bases given with the links are
   * kept for the whole plan.
   */
  basesOf?: (leftIds: string[]) => ReadonlyMap<string, unknown>;
}

/** How each side was read. */
export type SidesRead = Record<Side, Pick<SideInput<EntityName>, 'complete' | 'invalidIds'>>;

export interface TwoWayInput<E extends EntityName = EntityName> extends Omit<TwoWayContext<E>, 'ports'> {
  left: SideInput<E>;
  right: SideInput<E>;
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
  const planner = new TwoWayPlanner({ ...inp, ports: { left: inp.left.port, right: inp.right.port } });
  for (const side of ['left', 'right'] as const) for (const r of inp[side].records) planner.add(side, r);
  return planner.finish({ left: inp.left, right: inp.right });
}

/** A link as two-way planning holds it. */
interface PairRef {
  leftId: string;
  rightId: string;
  leftHash: string | null;
  rightHash: string | null;
  /** Kept only when no `basesOf` is given. */
  base: unknown;
  /** Sides whose record, as read, has the hash stored with the link (unchanged there): 1 left, 2 right. */
  same: number;
  /** Both records read and unchanged: let go. */
  settled: boolean;
}

/** A record read, held no more: it and its linked partner are both unchanged since the last sync. */
const SETTLED = 1;

/** Unchanged records whose partner is not read yet are held as read (not encoded) up to this many. */
const WAITING = 4096;

/**
 * The two-way plan fed page by page from both sides (in any interleaving): records are held encoded, and a pair
 * found unchanged on both sides since the last sync is let go as soon as its second record is read. `finish`
 * plans once both sides are read.
 */
export class TwoWayPlanner<E extends EntityName> {
  private readonly pairs: PairRef[] = [];
  private readonly pairOf: Record<Side, Map<string, PairRef>> = { left: new Map(), right: new Map() };
  private readonly codec: Record<Side, RecordCodec<E>> = { left: new RecordCodec<E>(), right: new RecordCodec<E>() };
  /** Records as read, in read order: encoded, as read (waiting for their partner), 0 = left out, or settled. */
  private readonly entries: Record<Side, Map<string, string | RemoteRecord<E> | 0 | typeof SETTLED>> = { left: new Map(), right: new Map() };
  /** Records held as read, oldest first (encoded when too many wait). */
  private readonly waiting: [Side, RemoteRecord<E>, PairRef][] = [];
  private waitingFrom = 0;
  private readonly linkedParents: Record<Side, ReadonlySet<string>>;
  /** Links given (the mass-delete guard's base). */
  readonly linked: number;

  /** The context without its links (they are held compactly, not as given). */
  private readonly ctx: Omit<TwoWayContext<E>, 'links'>;

  constructor({ links, ...ctx }: TwoWayContext<E>) {
    this.ctx = ctx;
    for (const l of links) {
      // One shape for all (no spread): the planner holds one per link.
      const ref: PairRef = { leftId: l.leftId, rightId: l.rightId, leftHash: l.leftHash, rightHash: l.rightHash, base: ctx.basesOf ? undefined : l.base, same: 0, settled: false };
      this.pairs.push(ref);
      this.pairOf.left.set(l.leftId, ref);
      this.pairOf.right.set(l.rightId, ref);
    }
    this.linked = this.pairs.length;
    this.linkedParents = { left: new Set(ctx.parentLinks?.keys() ?? []), right: new Set(ctx.parentLinks?.values() ?? []) };
  }

  /** A record as read; a later one with the same id replaces it. */
  add(side: Side, r: RemoteRecord<E>): void {
    const entries = this.entries[side];
    const pair = this.pairOf[side].get(r.id);
    const bit = side === 'left' ? 1 : 2;
    if (pair === undefined || this.hashOwn(side, r) !== (side === 'left' ? pair.leftHash : pair.rightHash)) {
      if (pair) {
        // Read again, changed: a settled partner stays let go (see finish).
        pair.same &= ~bit;
        pair.settled = false;
      }
      entries.set(r.id, this.codec[side].encode(r, null));
      return;
    }
    if (pair.settled) return; // read again, still unchanged
    pair.same |= bit;
    if (pair.same === 3) {
      // Unchanged on both sides: nothing to plan, nothing to keep.
      pair.settled = true;
      entries.set(r.id, SETTLED);
      this.entries[side === 'left' ? 'right' : 'left'].set(side === 'left' ? pair.rightId : pair.leftId, SETTLED);
      return;
    }
    // Likely let go soon (when its partner is read): held as read for a while, encoded if it waits too long.
    entries.set(r.id, r);
    this.waiting.push([side, r, pair]);
    if (this.waiting.length - this.waitingFrom > WAITING) {
      const [s, w, p] = this.waiting[this.waitingFrom]!;
      this.waiting[this.waitingFrom++] = undefined as unknown as [Side, RemoteRecord<E>, PairRef];
      if (!p.settled && this.entries[s].get(w.id) === w) this.entries[s].set(w.id, this.codec[s].encode(w, null));
      if (this.waitingFrom > WAITING) {
        this.waiting.splice(0, this.waitingFrom);
        this.waitingFrom = 0;
      }
    }
  }

  /** A record read but left out (inactive): planned as if it had not been read. */
  drop(side: Side, id: string): void {
    this.entries[side].set(id, 0);
    const pair = this.pairOf[side].get(id);
    if (pair) {
      pair.same &= side === 'left' ? ~1 : ~2;
      pair.settled = false;
    }
  }

  /** Records read on a side, left out or not. */
  readCount(side: Side): number {
    return this.entries[side].size;
  }

  /** Records read on a side and not left out. */
  count(side: Side): number {
    let n = 0;
    for (const e of this.entries[side].values()) if (e !== 0) n++;
    return n;
  }

  /** A record as held (undefined when not read, left out, or let go as settled). */
  private record(side: Side, id: string): RemoteRecord<E> | undefined {
    const e = this.entries[side].get(id);
    return typeof e === 'string' ? this.codec[side].decode(e).rec : typeof e === 'object' ? e : undefined;
  }

  /** The record as comparable data on its own side: the parent is the first linked candidate. */
  private own(side: Side, r: RemoteRecord<E>): EntityData[E] {
    if (!this.ctx.parentLinks) return r.data;
    const d = r.data as Record<string, unknown>;
    const cands = r.parents ?? (typeof d['customerId'] === 'string' ? [d['customerId']] : []);
    const parent = cands.find((c) => this.linkedParents[side].has(c)) ?? cands[0] ?? null;
    return d['customerId'] === parent ? r.data : ({ ...d, customerId: parent } as EntityData[E]);
  }

  private hashOwn(side: Side, r: RemoteRecord<E>): string {
    return hashFields(this.own(side, r), this.ctx.ports[side].fields as readonly string[]);
  }

  finish(read: SidesRead): TwoWayPlan {
    const inp = this.ctx;
    const skew = inp.clockSkewMs ?? 120_000;
    const sides = { left: { ...read.left, port: inp.ports.left }, right: { ...read.right, port: inp.ports.right } } as const;
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
    const own = (side: Side, r: RemoteRecord<E>): EntityData[E] => this.own(side, r);
    const ownOf = own;
    const fieldsOf = (side: Side) => sides[side].port.fields as readonly string[];
    const hashOwn = (side: Side, r: RemoteRecord<E>) => this.hashOwn(side, r);
    /**
     * What `from`'s record becomes on the other side: parent translated; null when it cannot have one there (see
     * `skipReason`). `current` is the other side's record it will replace, if any.
     */
    const translate = (from: Side, r: RemoteRecord<E>, current?: RemoteRecord<E>): { write: EntityData[E]; stored: EntityData[E] } | null => {
      let data = own(from, r) as Record<string, unknown>;
      if (inp.parentLinks) {
        const toCaps = sides[other(from)].port.capabilities;
        const p = data['customerId'];
        if (toCaps.standalone) {
          // An address book keeps no customer.
          data = { ...data, customerId: null };
        } else if (sides[from].port.capabilities.standalone) {
          // From an address book, which knows no customer: a record there keeps its own; a new one gets none where it may.
          const keep = current ? ((own(other(from), current) as Record<string, unknown>)['customerId'] ?? null) : null;
          if (!current && !toCaps.parentOptional) return null;
          data = { ...data, customerId: keep };
        } else if ((p === null || p === undefined || p === '') && toCaps.parentOptional) {
          data = { ...data, customerId: null };
        } else {
          const mapped = typeof p === 'string' ? parentMap(from)!.get(p) : undefined;
          if (mapped === undefined) return null;
          data = { ...data, customerId: mapped };
        }
      }
      const to = sides[other(from)].port;
      const write = data as EntityData[E];
      return { write, stored: to.storedForm ? to.storedForm(write) : write };
    };
    /** Why a record cannot be written on the other side (translate gave null). */
    const skipReason = (from: Side, r: RemoteRecord<E>): string => {
      const p = (own(from, r) as Record<string, unknown>)['customerId'];
      return sides[from].port.capabilities.standalone || p === null || p === undefined || p === '' ? 'has no customer' : 'customer not synchronized yet';
    };
    const natural = (side: Side, d: EntityData[E]) => {
      const k = sides[side].port.capabilities.naturalKey;
      const v = k ? (d as Record<string, unknown>)[k] : null;
      return typeof v === 'string' ? v : null;
    };

    /** Plans copying `from`'s record over the other side's (`targetId`), or notes it as already equal. */
    const copy = (from: Side, r: RemoteRecord<E>, targetId: string, current: RemoteRecord<E> | undefined, reason: string): void => {
      const to = other(from);
      const t = translate(from, r, current);
      if (!t) {
        items.push(item[from]('skipped', r.id, targetId, skipReason(from, r)));
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

    const present = (side: Side, id: string) => {
      const e = this.entries[side].get(id);
      return e !== undefined && e !== 0;
    };

    for (const l of this.pairs) {
      if (l.settled) {
        unchanged++;
        continue;
      }
      const hasL = present('left', l.leftId);
      const hasR = present('right', l.rightId);
      if (!hasL || !hasR) {
        // Gone on one side: only a complete read says so; a failed record is never taken for a delete.
        const gone: Side = !hasL ? 'left' : 'right';
        const kept: Side = other(gone);
        const goneId = gone === 'left' ? l.leftId : l.rightId;
        const keptId = kept === 'left' ? l.leftId : l.rightId;
        if (!sides[gone].complete || sides[gone].invalidIds.has(goneId) || !inp.full) {
          unchanged++;
          continue;
        }
        if (!hasL && !hasR) {
          ops.right.push({ kind: 'unlink', sourceId: l.leftId, targetId: l.rightId, reason: 'gone on both sides' });
          continue;
        }
        if (inp.flow.deletePolicy === 'propagate' && sides[kept].port.capabilities.delete) {
          const keptRec = this.record(kept, keptId);
          ops[kept].push({ kind: 'delete', sourceId: goneId, targetId: keptId, before: keptRec ? own(kept, keptRec) : null });
        } else {
          ops[kept].push({ kind: 'unlink', sourceId: goneId, targetId: keptId, reason: `deleted on the ${gone} side; ${inp.flow.deletePolicy === 'propagate' ? `the ${kept} system cannot delete it` : `the delete policy is "${inp.flow.deletePolicy}"`}, so it stays and is no longer synced` });
        }
        continue;
      }
      // Unchanged on both sides since the last sync: nothing to decode.
      const lc = (l.same & 1) === 0;
      const rc = (l.same & 2) === 0;
      if (!lc && !rc) {
        unchanged++;
        continue;
      }
      // A settled record read again, changed (overlapping pages), left its partner let go: copied without it.
      const Lheld = this.record('left', l.leftId);
      const Rheld = this.record('right', l.rightId);
      if (lc && !rc) {
        copy('left', Lheld!, l.rightId, Rheld, 'changed on the left');
        continue;
      }
      if (!lc && rc) {
        copy('right', Rheld!, l.leftId, Lheld, 'changed on the right');
        continue;
      }
      const L = Lheld!;
      const R = Rheld!;
      // Changed on both sides. Already the same after all (both made the same edit)? Then only the hashes move.
      const t = translate('left', L, R);
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
            ops.left.push({ kind: 'update', sourceId: R.id, targetId: L.id, data: own('left', M), before: own('left', L), changes: diffFields(own('left', L), own('left', M), fieldsOf('left')), stamp: inp.stampFor('right', R.id), sourceHash: hashFields(translate('left', M, R)?.stored ?? own('right', R), fieldsOf('right')), targetHash: mh, reason: 'conflict resolved: merged', base: own('left', M) });
          }
        }
        continue;
      }
      const winner = decide(L, R);
      if (winner === null) {
        const reason = `changed on both sides since the last sync (policy "${inp.flow.conflictPolicy}"${inp.flow.conflictPolicy === 'newer-wins' ? ', modification times too close or unknown' : ''}): left untouched until resolved`;
        items.push(item.left('conflict', L.id, R.id, reason, { before: own('right', R), after: own('left', L) }));
        // Both versions in the left's view (ids translated), so the inbox compares like with like.
        conflicts.push({ leftId: L.id, rightId: R.id, left: own('left', L), right: translate('right', R, L)?.stored ?? own('right', R), base: l.base ?? null, reason });
        continue;
      }
      if (winner === 'left') copy('left', L, R.id, R, `changed on both sides: ${inp.flow.conflictPolicy}`);
      else copy('right', R, L.id, L, `changed on both sides: ${inp.flow.conflictPolicy}`);
    }

    // Unlinked records: match by key among the other side's unlinked records, else create there.
    const unlinkedOf = (side: Side): RemoteRecord<E>[] => {
      const out: RemoteRecord<E>[] = [];
      for (const [id, e] of this.entries[side]) {
        if (e === 0 || e === SETTLED || this.pairOf[side].has(id)) continue;
        out.push(typeof e === 'string' ? this.codec[side].decode(e).rec : e);
      }
      return out;
    };
    const unlinked = { left: unlinkedOf('left'), right: unlinkedOf('right') };
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
        items.push(item.left('skipped', L.id, null, skipReason('left', L)));
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
        items.push(item.right('skipped', R.id, null, skipReason('right', R)));
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
    if (inp.basesOf && conflicts.length) {
      const bases = inp.basesOf(conflicts.map((c) => c.leftId));
      for (const c of conflicts) c.base = bases.get(c.leftId) ?? null;
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
}
