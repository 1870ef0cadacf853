import type { EntityData, EntityName } from '../../shared/entities.js';
import type { EntityFlow } from '../../shared/model.js';
import type { EntityPort, RemoteRecord } from '../connectors/types.js';
import { linkHashIs, linkIndex, RecordCodec, unpackLink, type PackedLink } from './compact.js';
import { diffFields, hashFields } from './hash.js';
import { matchValue, normalizeKey } from './match.js';
import { compileTemplate } from './template.js';
import { itemMaker, type ItemInput, type LinkKey, type Side } from './state-port.js';

export type Changes = Record<string, { old: unknown; new: unknown }>;

export type Op =
  | { kind: 'create'; sourceId: string; data: unknown; stamp: string; natural: string | null; sourceHash: string; targetHash: string; replacesTargetId: string | null; disambiguator?: string; base?: unknown }
  | { kind: 'update'; sourceId: string; targetId: string; data: unknown; before: unknown; changes: Changes | null; stamp: string; sourceHash: string; targetHash: string; reason: string; unlinkAfter?: boolean; disambiguator?: string; base?: unknown }
  | { kind: 'link'; sourceId: string; targetId: string; sourceHash: string; targetHash: string; sourceVersion: string | null; targetVersion: string | null; base?: unknown }
  | { kind: 'unlink'; sourceId: string; targetId: string; reason: string }
  | { kind: 'delete'; sourceId: string; targetId: string; before: unknown };

export interface Plan {
  ops: Op[];
  /** Skips, conflicts and failures found while planning (no write involved). */
  items: ItemInput[];
  unchanged: number;
}

/** What a one-way plan is made from, apart from the records. */
export interface OneWayContext<E extends EntityName = EntityName> {
  entity: E;
  source: Side;
  links: Iterable<LinkKey>;
  /** For child entities: source-side parent id → target-side parent id; null for entities without parent. */
  parentLinks: ReadonlyMap<string, string> | null;
  sourceFields: readonly string[];
  targetPort: Pick<EntityPort<E>, 'fields' | 'storedForm' | 'capabilities'>;
  flow: EntityFlow;
  /** Full run: deletes are detected and drift on the target is repaired. */
  full: boolean;
  stampFor(sourceId: string): string;
  /**
   * The source keeps no parents (an address book) while the target does: the target's parent is its own business,
   * so it takes no part in comparisons, and an update keeps the one the target has.
   */
  sourceStandalone?: boolean;
}

/** How the target must be seen before planning: not at all, unlinked records looked up by stamp, or read whole. */
export type TargetNeed = { kind: 'none' } | { kind: 'lookup'; stamps: string[] } | { kind: 'read' };

/** What is known once both sides are read. */
export interface ReadOutcome {
  /** The source was read completely (all pages, unscoped): absence means deleted. */
  sourceComplete: boolean;
  /** Records that failed their schema: never treated as deleted. */
  invalidSourceIds: ReadonlySet<string>;
  /** Ids the source reports as deleted (delta reads): gone, whatever the read's completeness. */
  tombstones?: ReadonlySet<string>;
  /** Whether the target was read this run (every record given to addTarget). */
  targetRead: boolean;
  /**
   * Instead of a read: every unlinked source record's stamp was looked up on the target, and each record found
   * given to addTarget (only where the match key is Ferry's stamp, so nothing else could link).
   */
  lookedUp?: boolean;
  targetComplete: boolean;
}

export interface OneWayInput<E extends EntityName = EntityName> extends OneWayContext<E>, Omit<ReadOutcome, 'targetRead'> {
  sourceRecords: RemoteRecord<E>[];
  /** null = the target was not read this run. */
  targetRecords: RemoteRecord<E>[] | null;
}

/** A plan before its operations are made: items and counts, known before anything is written. */
export interface PlanSummary {
  /** Skips, conflicts and failures found while planning (no write involved). */
  items: ItemInput[];
  unchanged: number;
  /** Planned operations by kind (the mass-delete guard counts the deletes). */
  kinds: Record<Op['kind'], number>;
  total: number;
}

/** Plans a one-way flow for one entity: pure, deterministic, no I/O. */
export function planOneWay<E extends EntityName>(inp: OneWayInput<E>): Plan {
  const planner = new OneWayPlanner(inp);
  const seen = new Set<string>();
  for (const rec of inp.sourceRecords) {
    if (seen.has(rec.id)) continue; // de-duplicate by id (overlapping pages)
    seen.add(rec.id);
    planner.addSource(rec);
  }
  for (const rec of inp.targetRecords ?? []) planner.addTarget(rec);
  const summary = planner.finish({ ...inp, targetRead: inp.targetRecords !== null });
  return { ops: [...planner.ops(Number.MAX_SAFE_INTEGER)].flat(), items: summary.items, unchanged: summary.unchanged };
}

/** A source record as held until planning. */
type Entry =
  /** Read, but left out (inactive): as if not read. */
  | typeof DROPPED
  /** Unchanged since the last sync: nothing to compute. */
  | typeof FAST
  | typeof NO_CUSTOMER
  | typeof NOT_SYNCED
  /** To be planned: the encoded record, its source hash and target parent kept with it. */
  | string
  /** Unchanged, but planned after all if another record is stored under the same natural key. */
  | { fast: string; natural: string | null };
const DROPPED = 0;
const FAST = 1;
const NO_CUSTOMER = 2;
const NOT_SYNCED = 3;

/** One planned operation before its data is made (records stay encoded until their batch is written). */
type Step =
  | Extract<Op, { kind: 'link' } | { kind: 'unlink' }>
  | { kind: 'create'; sourceId: string; replacesTargetId: string | null; disambiguator: string | undefined }
  | { kind: 'update'; sourceId: string; targetId: string; reason: string; compared: boolean; disambiguator: string | undefined }
  | { kind: 'delete'; sourceId: string; targetId: string }
  | { kind: 'archive'; sourceId: string; targetId: string };

/** Desired target state of one source record. */
interface Want<E extends EntityName> {
  rec: RemoteRecord<E>;
  /** Canonical data to write (parent resolved to the target's id). */
  write: EntityData[E];
  /** What the target will hold after writing `write` (compared and hashed). */
  desired: EntityData[E];
  /** The same without disambiguation: what first linking matches by. */
  base: EntityData[E];
  disambiguator?: string;
  sourceHash: string;
  targetHash: string;
  /** Normalised natural key of `base`, where the target disambiguates. */
  natural: string | null;
}

/**
 * Plans a one-way flow for one entity, fed page by page: pure, deterministic, no I/O. Records are held encoded;
 * one unchanged since the last sync (delta runs) costs its id only. `finish` decides everything once both sides are
 * read (items, counts, deletes: before anything is written); `ops` then makes the operations batch by batch.
 */
export class OneWayPlanner<E extends EntityName> {
  /** Links given (the mass-delete guard's base). */
  readonly linked: number;
  private readonly targetSide: Side;
  private readonly item: ReturnType<typeof itemMaker>;
  private readonly fields: readonly string[];
  private readonly links: Map<string, PackedLink>;
  private readonly mapping: (readonly [string, (d: Record<string, unknown>) => string])[];
  private readonly mappingTag: string;
  /** The target derives names from several records (disambiguation needs them all). */
  private readonly disambiguates: boolean;
  private readonly sourceCodec = new RecordCodec<E>();
  private readonly targetCodec = new RecordCodec<E>();
  private readonly entries = new Map<string, Entry>();
  private readonly targets = new Map<string, string>();
  /** How many records would be stored under one natural key (disambiguating targets). */
  private readonly naturalCount = new Map<string, number>();
  /** How many unlinked source records share a match value: such a value never links by guess. */
  private readonly matchCount = new Map<string, number>();
  private steps: Step[] = [];
  /** The target's parent stays the target's (see OneWayContext.sourceStandalone). */
  private readonly keepsTargetParent: boolean;

  /** The context without its links (they are held compactly, not as given). */
  private readonly ctx: Omit<OneWayContext<E>, 'links'>;

  constructor({ links, ...ctx }: OneWayContext<E>) {
    this.ctx = ctx;
    this.targetSide = ctx.source === 'left' ? 'right' : 'left';
    this.item = itemMaker(ctx.entity, ctx.source);
    this.keepsTargetParent = ctx.sourceStandalone === true && ctx.parentLinks !== null;
    this.fields = (ctx.targetPort.fields as readonly string[]).filter((f) => !(this.keepsTargetParent && f === 'customerId'));
    const index = linkIndex(links, ctx.source);
    this.links = index.refs;
    this.linked = index.count;
    // Field templates of the pipeline: applied to what is written; part of the source hash, so a changed mapping
    // is a change.
    this.mapping = Object.entries(ctx.flow.mapping ?? {}).map(([field, src]) => [field, compileTemplate(src, ctx.sourceFields)] as const);
    this.mappingTag = this.mapping.length ? `~${hashFields(ctx.flow.mapping, Object.keys(ctx.flow.mapping ?? {}).sort())}` : '';
    this.disambiguates = ctx.targetPort.capabilities.naturalKey !== null && ctx.targetPort.storedForm !== undefined;
  }

  /** A source record as read; a later one with the same id replaces it (overlapping pages and delta windows). */
  addSource(rec: RemoteRecord<E>): void {
    this.forget(rec.id);
    this.entries.set(rec.id, this.enter(rec));
  }

  /** A source record read but left out (inactive): planned as if it had not been read. */
  dropSource(id: string): void {
    this.forget(id);
    this.entries.set(id, DROPPED);
  }

  addTarget(rec: RemoteRecord<E>): void {
    this.targets.set(rec.id, this.targetCodec.encode(rec, ''));
  }

  /** Source records read and not left out. */
  get sourceCount(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e !== DROPPED) n++;
    return n;
  }

  /** Ids read from the source, left out or not. */
  get readCount(): number {
    return this.entries.size;
  }

  get targetCount(): number {
    return this.targets.size;
  }

  /** Whether a record may need first linking: then the target must be read (never just to skip). */
  needsTarget(): boolean {
    return this.targetNeed(Infinity).kind !== 'none';
  }

  /**
   * What a delta run must see of the target. Unlinked records are looked up by stamp where the match key is the
   * stamp and there are at most `maxLookups` of them (a few requests instead of reading every record); otherwise
   * the target is read. An update that keeps the target's parent needs that record, so the target is read then.
   */
  targetNeed(maxLookups: number): TargetNeed {
    const stamps: string[] = [];
    let read = false;
    for (const [id, e] of this.entries) {
      if (typeof e !== 'string') continue;
      if (this.links.has(id)) {
        if (this.keepsTargetParent) read = true;
        continue;
      }
      stamps.push(this.ctx.stampFor(id));
    }
    if (read) return { kind: 'read' };
    if (stamps.length === 0) return { kind: 'none' };
    return this.ctx.flow.match === 'external-id' && stamps.length <= maxLookups ? { kind: 'lookup', stamps } : { kind: 'read' };
  }

  /** Links whose source record was not read (nor reported deleted): untouched by a delta run. */
  unreadLinks(deleted: ReadonlySet<string>): number {
    let n = 0;
    for (const id of this.links.keys()) {
      const e = this.entries.get(id);
      if ((e === undefined || e === DROPPED) && !deleted.has(id)) n++;
    }
    return n;
  }

  /** Decides every record: items, counts and the operations (made later by `ops`), deletes last. */
  finish(read: ReadOutcome): PlanSummary {
    const { ctx, links, fields } = this;
    const skipped: ItemInput[] = [];
    const items: ItemInput[] = [];
    const steps: Step[] = [];
    let unchanged = 0;

    // Unlinked target records by Ferry's stamp and by match value: candidates for first linking.
    const byStamp = new Map<string, string>();
    const byMatch = new Map<string, string[]>();
    if (read.targetRead || read.lookedUp) {
      const linkedTargets = new Set<string>();
      for (const l of links.values()) linkedTargets.add(unpackLink(l).t);
      for (const [id, enc] of this.targets) {
        if (linkedTargets.has(id)) continue;
        const r = this.targetCodec.decode(enc).rec;
        if (r.stamp) byStamp.set(r.stamp, id);
        const mv = matchValue(r.data, ctx.flow.match, r.stamp);
        if (mv !== null) byMatch.set(mv, [...(byMatch.get(mv) ?? []), id]);
      }
    }
    const claimed = new Set<string>();

    for (const [sid, e] of this.entries) {
      if (e === DROPPED) continue;
      if (e === NO_CUSTOMER || e === NOT_SYNCED) {
        const linked = links.get(sid);
        skipped.push(this.item('skipped', sid, linked === undefined ? null : unpackLink(linked).t, e === NO_CUSTOMER ? 'has no customer' : 'customer not synchronized yet'));
        continue;
      }
      if (e === FAST) {
        unchanged++;
        continue;
      }
      if (typeof e === 'object' && (e.natural === null || (this.naturalCount.get(e.natural) ?? 0) < 2)) {
        unchanged++;
        continue;
      }
      // The record is decoded when its plan needs it (a first sync into an empty target only creates).
      const enc = typeof e === 'string' ? e : e.fast;
      let decoded: Want<E> | undefined;
      const want = (): Want<E> => {
        if (decoded) return decoded;
        decoded = this.want(enc, true);
        // Two source records stored under the same natural key (e.g. one host group name): each gets a disambiguator.
        if (decoded.natural !== null && (this.naturalCount.get(decoded.natural) ?? 0) > 1) this.disambiguate(decoded);
        return decoded;
      };
      const packed = links.get(sid);
      if (packed !== undefined) {
        const link = unpackLink(packed);
        const w = want();
        const tid = link.t;
        if (read.targetRead) {
          const tgt = this.target(tid);
          if (!tgt) {
            if (read.targetComplete) steps.push({ kind: 'create', sourceId: sid, replacesTargetId: tid, disambiguator: w.disambiguator });
            else unchanged++;
            continue;
          }
          const actual = hashFields(this.asTarget(tgt, w.desired), fields);
          if (actual !== w.targetHash) {
            const reason = link.o === w.targetHash ? 'changed on the target by hand: repaired' : 'changed on the source';
            steps.push({ kind: 'update', sourceId: sid, targetId: tid, reason, compared: true, disambiguator: w.disambiguator });
          } else if (link.o !== w.targetHash || link.h !== w.sourceHash) {
            steps.push({ kind: 'link', sourceId: sid, targetId: tid, sourceHash: w.sourceHash, targetHash: w.targetHash, sourceVersion: w.rec.version ?? null, targetVersion: tgt.version ?? null });
          } else unchanged++;
        } else if (link.o !== w.targetHash) {
          steps.push({ kind: 'update', sourceId: sid, targetId: tid, reason: 'changed on the source', compared: false, disambiguator: w.disambiguator });
        } else if (link.h !== w.sourceHash) {
          steps.push({ kind: 'link', sourceId: sid, targetId: tid, sourceHash: w.sourceHash, targetHash: w.targetHash, sourceVersion: w.rec.version ?? null, targetVersion: null });
        } else unchanged++;
        continue;
      }

      // Unlinked: Ferry's stamp first, then the match key; never a guess.
      const byStampId = byStamp.get(ctx.stampFor(sid));
      let candidate = byStampId !== undefined && !claimed.has(byStampId) ? byStampId : undefined;
      if (candidate === undefined && byMatch.size > 0) {
        const mv = matchValue(want().base, ctx.flow.match, null);
        const cands = mv === null ? [] : (byMatch.get(mv) ?? []).filter((c) => !claimed.has(c));
        if (cands.length > 1 || (cands.length === 1 && (this.matchCount.get(mv!) ?? 0) > 1)) {
          items.push(
            this.item('conflict', sid, null, `ambiguous match: ${this.matchCount.get(mv!) ?? 1} record(s) here and ${cands.length} on the ${this.targetSide} share the ${ctx.flow.match} "${mv}"; make it unique, then run again`),
          );
          continue;
        }
        candidate = cands[0];
      }
      if (candidate !== undefined) {
        const w = want();
        claimed.add(candidate);
        const tgt = this.target(candidate)!;
        if (hashFields(this.asTarget(tgt, w.desired), fields) !== w.targetHash) {
          steps.push({ kind: 'update', sourceId: sid, targetId: candidate, reason: 'linked by match key, then updated', compared: true, disambiguator: w.disambiguator });
        } else {
          steps.push({ kind: 'link', sourceId: sid, targetId: candidate, sourceHash: w.sourceHash, targetHash: w.targetHash, sourceVersion: w.rec.version ?? null, targetVersion: tgt.version ?? null });
        }
        continue;
      }
      if (!read.targetRead && !read.lookedUp) {
        // Cannot tell whether the target already has it: never create blindly.
        items.push(this.item('skipped', sid, null, 'not linked yet; the target was not read in this run'));
        continue;
      }
      steps.push({ kind: 'create', sourceId: sid, replacesTargetId: null, disambiguator: this.disambiguates ? want().disambiguator : undefined });
    }

    // Linked pairs whose source record is gone: absent from a complete full read, or reported deleted.
    const absentMeansGone = ctx.full && read.sourceComplete;
    if (absentMeansGone || (read.tombstones && read.tombstones.size > 0)) {
      for (const [sid, packed] of links) {
        const e = this.entries.get(sid);
        if ((e !== undefined && e !== DROPPED) || read.invalidSourceIds.has(sid)) continue;
        if (!absentMeansGone && !read.tombstones!.has(sid)) continue;
        const tid = unpackLink(packed).t;
        const exists = this.targets.has(tid);
        if (read.targetRead && read.targetComplete && !exists) {
          steps.push({ kind: 'unlink', sourceId: sid, targetId: tid, reason: 'gone on both sides' });
          continue;
        }
        const policy = ctx.flow.deletePolicy;
        if (policy === 'propagate' && ctx.targetPort.capabilities.delete) {
          steps.push({ kind: 'delete', sourceId: sid, targetId: tid });
        } else if (policy === 'archive' && fields.includes('active') && exists) {
          steps.push({ kind: 'archive', sourceId: sid, targetId: tid });
        } else {
          const why =
            policy === 'ignore'
              ? 'deleted on the source; the delete policy is "ignore", so the target record stays and is no longer synced'
              : `deleted on the source; the ${this.targetSide} system cannot ${policy === 'archive' ? 'archive' : 'delete'} this record, so it stays and is no longer synced`;
          steps.push({ kind: 'unlink', sourceId: sid, targetId: tid, reason: why });
        }
      }
    }

    this.steps = steps;
    const kinds: Record<Op['kind'], number> = { create: 0, update: 0, link: 0, unlink: 0, delete: 0 };
    for (const s of steps) kinds[s.kind === 'archive' ? 'update' : s.kind]++;
    return { items: [...skipped, ...items], unchanged, kinds, total: steps.length };
  }

  /** The planned operations in order, `size` at a time, each made only when its turn comes. */
  *ops(size: number): Generator<Op[]> {
    const steps = this.steps;
    for (let i = 0; i < steps.length; i += size) {
      const end = Math.min(steps.length, i + size);
      const out: Op[] = [];
      for (let j = i; j < end; j++) out.push(this.make(steps[j]!));
      yield out;
    }
  }

  private make(s: Step): Op {
    const { ctx, fields } = this;
    switch (s.kind) {
      case 'link':
      case 'unlink':
        return s;
      case 'create': {
        const w = this.wanted(s.sourceId, s.disambiguator);
        return { kind: 'create', sourceId: s.sourceId, data: w.write, stamp: ctx.stampFor(s.sourceId), natural: this.naturalOf(w.desired), sourceHash: w.sourceHash, targetHash: w.targetHash, replacesTargetId: s.replacesTargetId, ...dis(s) };
      }
      case 'update': {
        const w = this.wanted(s.sourceId, s.disambiguator);
        const cur = s.compared ? this.asTarget(this.target(s.targetId)!, w.desired) : null;
        // From an address book: the target keeps the customer it has (the planner read it, see targetNeed).
        const write = this.keepsTargetParent && s.compared ? { ...w.write, customerId: (this.target(s.targetId)!.data as Record<string, unknown>)['customerId'] ?? null } : w.write;
        return { kind: 'update', sourceId: s.sourceId, targetId: s.targetId, data: write, before: cur, changes: cur ? diffFields(cur, w.desired, fields) : null, stamp: ctx.stampFor(s.sourceId), sourceHash: w.sourceHash, targetHash: w.targetHash, reason: s.reason, ...dis(s) };
      }
      case 'delete':
        return { kind: 'delete', sourceId: s.sourceId, targetId: s.targetId, before: this.target(s.targetId)?.data ?? null };
      case 'archive': {
        const before = this.target(s.targetId)!.data;
        const data = { ...(before as Record<string, unknown>), active: false };
        return { kind: 'update', sourceId: s.sourceId, targetId: s.targetId, data, before, changes: diffFields(before, data, fields), stamp: ctx.stampFor(s.sourceId), sourceHash: '', targetHash: hashFields(data, fields), reason: 'deleted on the source: archived', unlinkAfter: true };
      }
    }
  }

  /** A source record as an entry: skipped, unchanged (fast path) or encoded for planning. */
  private enter(rec: RemoteRecord<E>): Entry {
    const parent = this.parentOf(rec);
    if (parent === NO_CUSTOMER || parent === NOT_SYNCED) return parent;
    // The source hash covers the synced fields and the parent as resolved on the target side.
    const sourceHash = `${hashFields(rec.data, this.ctx.sourceFields)}${parent === null ? '' : `:${parent}`}${this.mappingTag}`;
    const link = this.links.get(rec.id);
    // Fast path of a delta run: unchanged on the source since the last sync → nothing to compute. A full run
    // compares everything.
    const unchanged = !this.ctx.full && link !== undefined && linkHashIs(link, sourceHash);
    if (unchanged && !this.disambiguates) return FAST;
    const enc = this.sourceCodec.encode(rec, [sourceHash, parent]);
    if (!this.disambiguates && link) return enc;
    const w = this.wantOf(rec, sourceHash, parent, unchanged);
    this.count(w, 1);
    // Where the target disambiguates, an unchanged record is planned after all when its natural key turns out shared.
    return unchanged && unpackLink(link).o === w.targetHash ? { fast: enc, natural: w.natural } : enc;
  }

  /** Takes back what an entry counted (a record read twice). */
  private forget(id: string): void {
    const prev = this.entries.get(id);
    if (prev === undefined || typeof prev === 'number') return;
    if (!this.disambiguates && this.links.has(id)) return;
    this.count(this.want(typeof prev === 'string' ? prev : prev.fast, false), -1);
  }

  private count(w: Want<E>, by: 1 | -1): void {
    if (w.natural !== null) bump(this.naturalCount, w.natural, by);
    if (!this.links.has(w.rec.id)) {
      const mv = matchValue(w.base, this.ctx.flow.match, null);
      if (mv !== null) bump(this.matchCount, mv, by);
    }
  }

  /** The target parent of a source record (null: the entity has none), or why it is skipped. */
  private parentOf(rec: RemoteRecord<E>): string | null | typeof NO_CUSTOMER | typeof NOT_SYNCED {
    const parents = this.ctx.parentLinks;
    if (!parents) return null;
    const own = (rec.data as Record<string, unknown>)['customerId'];
    const candidates = rec.parents ?? (typeof own === 'string' && own !== '' ? [own] : []);
    for (const c of candidates) {
      const p = parents.get(c);
      if (p !== undefined) return p;
    }
    // A record without a customer is written without one where the target allows it (a CRM contact).
    if (candidates.length === 0) return this.ctx.targetPort.capabilities.parentOptional ? null : NO_CUSTOMER;
    return NOT_SYNCED;
  }

  private want(enc: string, hash: boolean): Want<E> {
    const { extra, rec } = this.sourceCodec.decode(enc);
    const [sourceHash, parent] = extra as [string, string | null];
    return this.wantOf(rec, sourceHash, parent, hash);
  }

  /** The desired state of an entry's record as planned (disambiguated where `finish` decided so). */
  private wanted(id: string, disambiguator: string | undefined): Want<E> {
    const e = this.entries.get(id)!;
    const w = this.want(typeof e === 'string' ? e : (e as { fast: string }).fast, disambiguator === undefined);
    if (disambiguator !== undefined) this.disambiguate(w);
    return w;
  }

  private wantOf(rec: RemoteRecord<E>, sourceHash: string, parent: string | null, hash: boolean): Want<E> {
    let data = rec.data as Record<string, unknown>;
    if (parent !== null) data = { ...data, customerId: parent };
    if (this.mapping.length) {
      data = { ...data };
      for (const [field, t] of this.mapping) data[field] = t(rec.data as Record<string, unknown>);
    }
    const desired = this.stored(data as EntityData[E]);
    const key = this.disambiguates ? (desired as Record<string, unknown>)[this.ctx.targetPort.capabilities.naturalKey!] : null;
    return { rec, write: data as EntityData[E], desired, base: desired, sourceHash, targetHash: hash ? hashFields(desired, this.fields) : '', natural: this.disambiguates ? normalizeKey(key) : null };
  }

  private disambiguate(w: Want<E>): void {
    w.disambiguator = w.rec.id;
    w.desired = this.stored(w.write, w.rec.id);
    w.targetHash = hashFields(w.desired, this.fields);
  }

  private stored(d: EntityData[E], disambiguator?: string): EntityData[E] {
    const port = this.ctx.targetPort;
    return port.storedForm ? port.storedForm(d, disambiguator === undefined ? {} : { disambiguator }) : d;
  }

  private target(id: string): RemoteRecord<E> | undefined {
    const enc = this.targets.get(id);
    return enc === undefined ? undefined : this.targetCodec.decode(enc).rec;
  }

  /**
   * A target record as comparable data: where the target names its parent through candidates (a Zabbix host's
   * groups), the parent is the one Ferry wants when the record is in it, else the first candidate.
   */
  private asTarget(r: RemoteRecord<E>, desired: EntityData[E]): EntityData[E] {
    if (!this.ctx.parentLinks || !r.parents) return r.data;
    const want = (desired as Record<string, unknown>)['customerId'];
    const parent = typeof want === 'string' && r.parents.includes(want) ? want : (r.parents[0] ?? null);
    return { ...r.data, customerId: parent } as EntityData[E];
  }

  private naturalOf(d: EntityData[E]): string | null {
    const key = this.ctx.targetPort.capabilities.naturalKey;
    if (!key) return null;
    const v = (d as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : v === null || v === undefined ? null : String(v);
  }
}

function dis(s: { disambiguator?: string | undefined }): { disambiguator?: string } {
  return s.disambiguator === undefined ? {} : { disambiguator: s.disambiguator };
}

function bump(m: Map<string, number>, k: string, by: number): void {
  const n = (m.get(k) ?? 0) + by;
  if (n === 0) m.delete(k);
  else m.set(k, n);
}

export { normalizeKey };
