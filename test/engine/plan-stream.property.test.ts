import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStandinConnector, RmmStandinState } from '../../main/demo/rmm-standin.js';
import type { RemoteRecord } from '../../main/connectors/types.js';
import { hashFields } from '../../main/engine/hash.js';
import { OneWayPlanner, planOneWay } from '../../main/engine/plan.js';
import { TwoWayPlanner, planTwoWay } from '../../main/engine/plan-two-way.js';
import type { Link } from '../../main/engine/state-port.js';
import type { Customer } from '../../shared/entities.js';
import { MemorySystem } from '../support/memory-system.js';

// Planners are fed page by page: a record read twice counts as its later version, a record left out (inactive) as
// not read. Either way the plan is the one made from the read as a whole.

const fields = ['number', 'name', 'phone', 'fax', 'email', 'website', 'street', 'zip', 'city', 'country', 'active'];
const customer = (name: string, number: string | null, phone: string | null, active = true): Customer => ({ number, name, phone, fax: null, email: null, website: null, street: null, zip: null, city: null, country: null, active });
const names = fc.constantFrom('Müller', 'Mu\u0308ller', 'A', 'B', ' a ');
const read = (lo: number, hi: number) =>
  fc.array(fc.record({ id: fc.integer({ min: lo, max: hi }), name: names, number: fc.option(fc.constantFrom('1', '2'), { nil: null }), phone: fc.option(fc.constantFrom('x', 'y'), { nil: null }), active: fc.boolean() }), { maxLength: 12 });
type Read = { id: number; name: string; number: string | null; phone: string | null; active: boolean }[];

/** The read as a whole: later versions win at the first one's place, inactive records left out. */
function asWhole(rs: Read): RemoteRecord<'customer'>[] {
  const at = new Map<string, number>();
  const out: RemoteRecord<'customer'>[] = [];
  for (const r of rs) {
    const rec = { id: String(r.id), data: customer(r.name, r.number, r.phone, r.active) };
    const i = at.get(rec.id);
    if (i === undefined) {
      at.set(rec.id, out.length);
      out.push(rec);
    } else out[i] = rec;
  }
  return out.filter((r) => r.data.active);
}

function linksFor(pairs: { l: number; r: number; fresh: boolean }[], left: RemoteRecord<'customer'>[], right: RemoteRecord<'customer'>[]): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const p of pairs) {
    const [l, r] = [String(p.l), String(p.r)];
    if (seen.has(`l${l}`) || seen.has(`r${r}`)) continue;
    seen.add(`l${l}`).add(`r${r}`);
    const L = left.find((x) => x.id === l);
    const R = right.find((x) => x.id === r);
    links.push({ entity: 'customer', leftId: l, rightId: r, leftHash: p.fresh && L ? hashFields(L.data, fields) : 'old', rightHash: p.fresh && R ? hashFields(R.data, fields) : 'old', leftVersion: null, rightVersion: null, syncedAt: 'x' });
  }
  return links;
}

const runs = { numRuns: Number(process.env['FERRY_PROPERTY_RUNS'] ?? 2500) };

describe('planners fed page by page, property', () => {
  it('one-way: the plan of the read as a whole', () => {
    fc.assert(
      fc.property(
        read(1, 6),
        fc.uniqueArray(fc.record({ id: fc.integer({ min: 100, max: 106 }), name: names, number: fc.option(fc.constantFrom('1', '2'), { nil: null }), phone: fc.constant(null), active: fc.constant(true) }), { maxLength: 6, selector: (r) => r.id }),
        fc.array(fc.record({ l: fc.integer({ min: 1, max: 6 }), r: fc.integer({ min: 100, max: 108 }), fresh: fc.boolean() }), { maxLength: 6 }),
        fc.record({ full: fc.boolean(), match: fc.constantFrom('name' as const, 'number' as const), standin: fc.boolean(), chunk: fc.integer({ min: 1, max: 4 }) }),
        (src, tgt, pairs, o) => {
          const port = o.standin ? createStandinConnector(new RmmStandinState()).entity('customer')! : new MemorySystem('t').connector().entity('customer')!;
          const whole = asWhole(src);
          const targets = asWhole(tgt);
          const links = linksFor(pairs, whole, targets);
          const ctx = { entity: 'customer' as const, source: 'left' as const, parentLinks: null, sourceFields: fields, targetPort: port, flow: { direction: 'to-right' as const, match: o.match, deletePolicy: 'propagate' as const, conflictPolicy: 'manual' as const, onlyActive: true }, full: o.full, stampFor: (id: string) => `ferry:P:customer:${id}` };
          const planner = new OneWayPlanner({ ...ctx, links });
          for (const r of src) {
            if (r.active) planner.addSource({ id: String(r.id), data: customer(r.name, r.number, r.phone) });
            else planner.dropSource(String(r.id));
          }
          const targetRead = o.full || planner.needsTarget();
          if (targetRead) for (const t of targets) planner.addTarget(t);
          const read = { sourceComplete: true, invalidSourceIds: new Set<string>(), tombstones: new Set<string>(), targetRead, targetComplete: true };
          const summary = planner.finish(read);
          const ops = [...planner.ops(o.chunk)].flat();
          const expected = planOneWay({ ...ctx, links, ...read, sourceRecords: whole, targetRecords: targetRead ? targets : null });
          expect({ ops, items: summary.items, unchanged: summary.unchanged }).toEqual(expected);
          expect(summary.total).toBe(ops.length);
          expect(summary.kinds.delete).toBe(ops.filter((x) => x.kind === 'delete').length);
          expect(planner.sourceCount).toBe(whole.length);
        },
      ),
      runs,
    );
  });

  it('two-way: the plan of both reads as a whole, whatever their interleaving', () => {
    fc.assert(
      fc.property(read(1, 6), read(100, 106), fc.array(fc.record({ l: fc.integer({ min: 1, max: 7 }), r: fc.integer({ min: 100, max: 107 }), fresh: fc.boolean() }), { maxLength: 6 }), fc.array(fc.boolean(), { maxLength: 30 }), fc.boolean(), (ls, rs, pairs, turns, full) => {
        const port = new MemorySystem('x').connector().entity('customer')!;
        const left = asWhole(ls);
        const right = asWhole(rs);
        const links = linksFor(pairs, left, right);
        const ctx = { entity: 'customer' as const, links, parentLinks: null, flow: { direction: 'both' as const, match: 'name' as const, deletePolicy: 'propagate' as const, conflictPolicy: 'left-wins' as const, onlyActive: true }, full, stampFor: (s: string, id: string) => `${s}:${id}` };
        const planner = new TwoWayPlanner({ ...ctx, ports: { left: port, right: port } });
        // Both reads interleaved as `turns` says (two systems read at once).
        const queue = { left: [...ls], right: [...rs] };
        let t = 0;
        while (queue.left.length || queue.right.length) {
          const side = queue.right.length === 0 || (queue.left.length > 0 && (turns[t++ % Math.max(1, turns.length)] ?? true)) ? 'left' : 'right';
          const r = queue[side].shift()!;
          if (r.active) planner.add(side, { id: String(r.id), data: customer(r.name, r.number, r.phone) });
          else planner.drop(side, String(r.id));
        }
        const sides = { left: { complete: true, invalidIds: new Set<string>() }, right: { complete: true, invalidIds: new Set<string>() } };
        const expected = planTwoWay({ ...ctx, left: { ...sides.left, records: left, port }, right: { ...sides.right, records: right, port } });
        expect(planner.finish(sides)).toEqual(expected);
      }),
      runs,
    );
  });
});
