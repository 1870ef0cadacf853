import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { crashPoints, simulateCrashes, type CrashPoint } from '../../main/engine/crash.js';
import type { PipelineConfig } from '../../shared/model.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import { crashingRunner } from '../support/crash-sim.js';
import { MemorySystem } from '../support/memory-system.js';
import { storeWithPipeline } from '../support/temp-store.js';

// Two-way: random creates, edits and deletes on both sides, runs that crash at random points; after a final clean
// full run both sides hold the same records, none twice, links consistent, and one more run plans nothing.

type Step =
  | { kind: 'add'; side: 'a' | 'b'; n: number }
  | { kind: 'edit'; side: 'a' | 'b'; pick: number; phone: string }
  | { kind: 'delete'; side: 'a' | 'b'; pick: number }
  | { kind: 'run'; full: boolean; crashAt: CrashPoint | null; nth: number };

const side = fc.constantFrom('a' as const, 'b' as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), side, n: fc.integer({ min: 1, max: 1000 }) }),
  fc.record({ kind: fc.constant('edit' as const), side, pick: fc.nat(), phone: fc.constantFrom('1', '2', '3', 'ä', '') }),
  fc.record({ kind: fc.constant('delete' as const), side, pick: fc.nat() }),
  fc.record({ kind: fc.constant('run' as const), full: fc.boolean(), crashAt: fc.option(fc.constantFrom(...crashPoints), { nil: null }), nth: fc.integer({ min: 1, max: 3 }) }),
);

afterEach(() => simulateCrashes(null));

describe('two-way engine, property', () => {
  it('converges under random edits on both sides and crashes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 16 }), fc.constantFrom('left-wins' as const, 'right-wins' as const), async (steps, conflictPolicy) => {
        // In-memory systems answer through microtasks only: let the event loop breathe once per sequence, or the
        // worker cannot answer the test runner for the whole property (vitest's 60 s RPC timeout).
        await new Promise<void>((r) => setImmediate(r));
        const config: PipelineConfig = {
          entities: { customer: { direction: 'both', match: 'name', deletePolicy: 'propagate', conflictPolicy, onlyActive: true } },
          schedule: { everyMinutes: 15, fullAt: null, timeZone: 'UTC', entityEvery: {} },
          deleteGuard: { percent: 100, max: 1000 },
        };
        const { store, pipelineId } = storeWithPipeline(config);
        const sys = { a: new MemorySystem('a'), b: new MemorySystem('b') };
        const run = crashingRunner(store, pipelineId, config, () => ({ left: sys.a.connector(), right: sys.b.connector() }));
        const names = new Set<string>();
        try {
          for (const s of steps) {
            const m = sys[s.kind === 'run' ? 'a' : s.side];
            const ids = [...m.customers.keys()];
            if (s.kind === 'add') {
              const name = `${s.side}-${s.n}`;
              if (names.has(name)) continue; // names are unique per run of the property (match by name)
              names.add(name);
              m.addCustomer(name);
            } else if (s.kind === 'edit') {
              if (ids.length) m.editCustomer(ids[s.pick % ids.length]!, { phone: s.phone });
            } else if (s.kind === 'delete') {
              if (ids.length) m.customers.delete(ids[s.pick % ids.length]!);
            } else {
              await run(s.full, s.crashAt ? { at: s.crashAt, nth: s.nth } : null);
            }
          }
          const final = await run(true, null);
          expect(final?.status).toBe('ok');
          const view = (m: MemorySystem) => [...m.customers.values()].map((r) => `${r.data.name}|${r.data.phone ?? ''}`).sort();
          const a = view(sys.a);
          expect(new Set(a).size).toBe(a.length);
          expect(view(sys.b)).toEqual(a);
          const state = new SqliteSyncState(store.db, pipelineId);
          const links = state.links('customer');
          expect(links).toHaveLength(a.length);
          for (const l of links) {
            expect(sys.a.customers.has(l.leftId)).toBe(true);
            expect(sys.b.customers.has(l.rightId)).toBe(true);
          }
          expect(state.openIntents()).toHaveLength(0);
          const quiet = await run(true, null);
          expect(quiet?.entities.customer).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0, conflicts: 0 });
        } finally {
          store.close();
        }
      }),
      { numRuns: Number(process.env['FERRY_PROPERTY_RUNS'] ?? 2500) },
    );
  }, 300_000);
});
