import type { EntityData, EntityName } from '../../shared/entities.js';
import type { EntityFlow } from '../../shared/model.js';
import type { EntityPort, RemoteRecord } from '../connectors/types.js';
import { diffFields, hashFields } from './hash.js';
import { matchValue, normalizeKey } from './match.js';
import { compileTemplate } from './template.js';
import { itemMaker, type ItemInput, type Link, type Side } from './state-port.js';

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

export interface OneWayInput<E extends EntityName = EntityName> {
  entity: E;
  source: Side;
  sourceRecords: RemoteRecord<E>[];
  /** The source was read completely (all pages, unscoped): absence means deleted. */
  sourceComplete: boolean;
  /** Records that failed their schema: never treated as deleted. */
  invalidSourceIds: ReadonlySet<string>;
  /** Ids the source reports as deleted (delta reads): gone, whatever the read's completeness. */
  tombstones?: ReadonlySet<string>;
  /** null = the target was not read this run. */
  targetRecords: RemoteRecord<E>[] | null;
  targetComplete: boolean;
  links: Link[];
  /** For child entities: source-side parent id → target-side parent id; null for entities without parent. */
  parentLinks: ReadonlyMap<string, string> | null;
  sourceFields: readonly string[];
  targetPort: Pick<EntityPort<E>, 'fields' | 'storedForm' | 'capabilities'>;
  flow: EntityFlow;
  /** Full run: deletes are detected and drift on the target is repaired. */
  full: boolean;
  stampFor(sourceId: string): string;
}

const sideIds = (l: Link, source: Side) => (source === 'left' ? { s: l.leftId, t: l.rightId } : { s: l.rightId, t: l.leftId });

/** Plans a one-way flow for one entity: pure, deterministic, no I/O. */
export function planOneWay<E extends EntityName>(inp: OneWayInput<E>): Plan {
  const targetSide: Side = inp.source === 'left' ? 'right' : 'left';
  const item = itemMaker(inp.entity, inp.source);

  const fields = inp.targetPort.fields as readonly string[];
  const stored = (d: EntityData[E], disambiguator?: string): EntityData[E] =>
    inp.targetPort.storedForm ? inp.targetPort.storedForm(d, disambiguator === undefined ? {} : { disambiguator }) : d;
  const ops: Op[] = [];
  const items: ItemInput[] = [];
  let unchanged = 0;

  const linkBySource = new Map<string, Link>();
  const linkedTargets = new Set<string>();
  for (const l of inp.links) {
    const { s, t } = sideIds(l, inp.source);
    linkBySource.set(s, l);
    linkedTargets.add(t);
  }
  const linkSourceHash = (l: Link) => (inp.source === 'left' ? l.leftHash : l.rightHash);
  const linkTargetHash = (l: Link) => (inp.source === 'left' ? l.rightHash : l.leftHash);

  const targetById = new Map<string, RemoteRecord<E>>();
  const targetByStamp = new Map<string, RemoteRecord<E>>();
  const targetByMatch = new Map<string, RemoteRecord<E>[]>();
  if (inp.targetRecords) {
    for (const r of inp.targetRecords) {
      targetById.set(r.id, r);
      if (linkedTargets.has(r.id)) continue;
      if (r.stamp) targetByStamp.set(r.stamp, r);
      const mv = matchValue(r.data, inp.flow.match, r.stamp);
      if (mv !== null) targetByMatch.set(mv, [...(targetByMatch.get(mv) ?? []), r]);
    }
  }

  // Desired target state per source record.
  interface Want {
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
  }
  const wants: Want[] = [];
  const seenSource = new Set<string>();
  // Field templates of the pipeline: applied to what is written; part of the source hash, so a changed mapping
  // is a change.
  const mapping = Object.entries(inp.flow.mapping ?? {}).map(([field, src]) => [field, compileTemplate(src, inp.sourceFields)] as const);
  const mappingTag = mapping.length ? `~${hashFields(inp.flow.mapping, Object.keys(inp.flow.mapping ?? {}).sort())}` : '';
  const disambiguates = inp.targetPort.capabilities.naturalKey !== null && inp.targetPort.storedForm !== undefined;
  for (const rec of inp.sourceRecords) {
    if (seenSource.has(rec.id)) continue; // de-duplicate by id (overlapping pages)
    seenSource.add(rec.id);
    let data = rec.data as Record<string, unknown>;
    let resolvedParent: string | null = null;
    if (inp.parentLinks) {
      const own = data['customerId'];
      const candidates = rec.parents ?? (typeof own === 'string' && own !== '' ? [own] : []);
      const parent = candidates.map((c) => inp.parentLinks!.get(c)).find((p) => p !== undefined);
      if (parent === undefined) {
        const reason = candidates.length === 0 ? 'has no customer' : 'customer not synchronized yet';
        items.push(item('skipped', rec.id, linkBySource.get(rec.id) ? sideIds(linkBySource.get(rec.id)!, inp.source).t : null, reason));
        continue;
      }
      resolvedParent = parent;
    }
    // The source hash covers the synced fields and the parent as resolved on the target side.
    const sourceHash = `${hashFields(rec.data, inp.sourceFields)}${resolvedParent === null ? '' : `:${resolvedParent}`}${mappingTag}`;
    const link = linkBySource.get(rec.id);
    // Fast path of a delta run: unchanged on the source since the last sync → nothing to compute. (Not where the
    // target derives names from several records — disambiguation needs them all; a full run compares everything.)
    if (!inp.full && link && !disambiguates && linkSourceHash(link) === sourceHash) {
      unchanged++;
      continue;
    }
    if (resolvedParent !== null) data = { ...data, customerId: resolvedParent };
    if (mapping.length) {
      data = { ...data };
      for (const [field, t] of mapping) data[field] = t(rec.data as Record<string, unknown>);
    }
    const desired = stored(data as EntityData[E]);
    wants.push({ rec, write: data as EntityData[E], desired, base: desired, sourceHash, targetHash: hashFields(desired, fields) });
  }

  // Two source records stored under the same natural key (e.g. one host group name): each gets a disambiguator.
  const naturalField = inp.targetPort.capabilities.naturalKey;
  if (naturalField && disambiguates) {
    const byNatural = new Map<string, Want[]>();
    for (const w of wants) {
      const k = normalizeKey((w.desired as Record<string, unknown>)[naturalField]);
      if (k !== null) byNatural.set(k, [...(byNatural.get(k) ?? []), w]);
    }
    for (const group of byNatural.values()) {
      if (group.length < 2) continue;
      for (const w of group) {
        w.disambiguator = w.rec.id;
        w.desired = stored(w.write, w.rec.id);
        w.targetHash = hashFields(w.desired, fields);
      }
    }
  }

  // How many unlinked source records share a match value: such a value never links by guess.
  const sourceMatchCount = new Map<string, number>();
  for (const w of wants) {
    if (linkBySource.has(w.rec.id)) continue;
    const mv = matchValue(w.base, inp.flow.match, null);
    if (mv !== null) sourceMatchCount.set(mv, (sourceMatchCount.get(mv) ?? 0) + 1);
  }
  const claimed = new Set<string>();

  for (const w of wants) {
    const sid = w.rec.id;
    const stamp = inp.stampFor(sid);
    const link = linkBySource.get(sid);
    if (link) {
      const tid = sideIds(link, inp.source).t;
      if (inp.targetRecords) {
        const tgt = targetById.get(tid);
        if (!tgt) {
          if (inp.targetComplete) {
            ops.push({ kind: 'create', sourceId: sid, data: w.write, stamp, natural: naturalOf(w.desired), sourceHash: w.sourceHash, targetHash: w.targetHash, replacesTargetId: tid, ...dis(w) });
          } else unchanged++;
          continue;
        }
        const actual = hashFields(asTarget(tgt, w.desired), fields);
        if (actual !== w.targetHash) {
          const reason = linkTargetHash(link) === w.targetHash ? 'changed on the target by hand: repaired' : 'changed on the source';
          ops.push({ kind: 'update', sourceId: sid, targetId: tid, data: w.write, before: asTarget(tgt, w.desired), changes: diffFields(asTarget(tgt, w.desired), w.desired, fields), stamp, sourceHash: w.sourceHash, targetHash: w.targetHash, reason, ...dis(w) });
        } else if (linkTargetHash(link) !== w.targetHash || linkSourceHash(link) !== w.sourceHash) {
          ops.push({ kind: 'link', sourceId: sid, targetId: tid, sourceHash: w.sourceHash, targetHash: w.targetHash, sourceVersion: w.rec.version ?? null, targetVersion: tgt.version ?? null });
        } else unchanged++;
      } else if (linkTargetHash(link) !== w.targetHash) {
        ops.push({ kind: 'update', sourceId: sid, targetId: tid, data: w.write, before: null, changes: null, stamp, sourceHash: w.sourceHash, targetHash: w.targetHash, reason: 'changed on the source', ...dis(w) });
      } else if (linkSourceHash(link) !== w.sourceHash) {
        ops.push({ kind: 'link', sourceId: sid, targetId: tid, sourceHash: w.sourceHash, targetHash: w.targetHash, sourceVersion: w.rec.version ?? null, targetVersion: null });
      } else unchanged++;
      continue;
    }

    // Unlinked: Ferry's stamp first, then the match key; never a guess.
    const byStamp = targetByStamp.get(stamp);
    let candidate: RemoteRecord<E> | undefined = byStamp && !claimed.has(byStamp.id) ? byStamp : undefined;
    if (!candidate) {
      const mv = matchValue(w.base, inp.flow.match, null);
      const cands = mv === null ? [] : (targetByMatch.get(mv) ?? []).filter((c) => !claimed.has(c.id));
      if (cands.length > 1 || (cands.length === 1 && (sourceMatchCount.get(mv!) ?? 0) > 1)) {
        items.push(
          item('conflict', sid, null, `ambiguous match: ${sourceMatchCount.get(mv!) ?? 1} record(s) here and ${cands.length} on the ${targetSide} share the ${inp.flow.match} "${mv}"; make it unique, then run again`),
        );
        continue;
      }
      candidate = cands[0];
    }
    if (candidate) {
      claimed.add(candidate.id);
      const cur = asTarget(candidate, w.desired);
      const actual = hashFields(cur, fields);
      if (actual !== w.targetHash) {
        ops.push({ kind: 'update', sourceId: sid, targetId: candidate.id, data: w.write, before: cur, changes: diffFields(cur, w.desired, fields), stamp, sourceHash: w.sourceHash, targetHash: w.targetHash, reason: 'linked by match key, then updated', ...dis(w) });
      } else {
        ops.push({ kind: 'link', sourceId: sid, targetId: candidate.id, sourceHash: w.sourceHash, targetHash: w.targetHash, sourceVersion: w.rec.version ?? null, targetVersion: candidate.version ?? null });
      }
      continue;
    }
    if (inp.targetRecords === null) {
      // Cannot tell whether the target already has it: never create blindly.
      items.push(item('skipped', sid, null, 'not linked yet; the target was not read in this run'));
      continue;
    }
    ops.push({ kind: 'create', sourceId: sid, data: w.write, stamp, natural: naturalOf(w.desired), sourceHash: w.sourceHash, targetHash: w.targetHash, replacesTargetId: null, ...dis(w) });
  }

  // Linked pairs whose source record is gone: absent from a complete full read, or reported deleted.
  const absentMeansGone = inp.full && inp.sourceComplete;
  if (absentMeansGone || (inp.tombstones && inp.tombstones.size > 0)) {
    for (const [sid, link] of linkBySource) {
      if (seenSource.has(sid) || inp.invalidSourceIds.has(sid)) continue;
      if (!absentMeansGone && !inp.tombstones!.has(sid)) continue;
      const tid = sideIds(link, inp.source).t;
      const before = targetById.get(tid)?.data ?? null;
      if (inp.targetRecords && inp.targetComplete && !targetById.has(tid)) {
        ops.push({ kind: 'unlink', sourceId: sid, targetId: tid, reason: 'gone on both sides' });
        continue;
      }
      const policy = inp.flow.deletePolicy;
      if (policy === 'propagate' && inp.targetPort.capabilities.delete) {
        ops.push({ kind: 'delete', sourceId: sid, targetId: tid, before });
      } else if (policy === 'archive' && fields.includes('active') && before) {
        const data = { ...(before as Record<string, unknown>), active: false };
        ops.push({ kind: 'update', sourceId: sid, targetId: tid, data, before, changes: diffFields(before, data, fields), stamp: inp.stampFor(sid), sourceHash: '', targetHash: hashFields(data, fields), reason: 'deleted on the source: archived', unlinkAfter: true });
      } else {
        const why =
          policy === 'ignore'
            ? 'deleted on the source; the delete policy is "ignore", so the target record stays and is no longer synced'
            : `deleted on the source; the ${targetSide} system cannot ${policy === 'archive' ? 'archive' : 'delete'} this record, so it stays and is no longer synced`;
        ops.push({ kind: 'unlink', sourceId: sid, targetId: tid, reason: why });
      }
    }
  }
  return { ops, items, unchanged };

  /**
   * A target record as comparable data: where the target names its parent through candidates (a Zabbix host's
   * groups), the parent is the one Ferry wants when the record is in it, else the first candidate.
   */
  function asTarget(r: RemoteRecord<E>, desired: EntityData[E]): EntityData[E] {
    if (!inp.parentLinks || !r.parents) return r.data;
    const want = (desired as Record<string, unknown>)['customerId'];
    const parent = typeof want === 'string' && r.parents.includes(want) ? want : (r.parents[0] ?? null);
    return { ...r.data, customerId: parent } as EntityData[E];
  }

  function dis(w: { disambiguator?: string }): { disambiguator?: string } {
    return w.disambiguator === undefined ? {} : { disambiguator: w.disambiguator };
  }

  function naturalOf(d: EntityData[E]): string | null {
    const key = inp.targetPort.capabilities.naturalKey;
    if (!key) return null;
    const v = (d as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : v === null || v === undefined ? null : String(v);
  }
}

export { normalizeKey };
