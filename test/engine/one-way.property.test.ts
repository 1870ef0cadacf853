import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { simulateCrashes, SimulatedCrash, crashPoints, type CrashPoint } from '../../main/engine/crash.js';
import { runPipeline } from '../../main/engine/run.js';
import type { StatePort } from '../../main/engine/state-port.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import { RmmStandinState, createStandinConnector } from '../../main/demo/rmm-standin.js';
import type { Connector, EntityPort } from '../../main/connectors/types.js';
import type { EntityName } from '../../shared/entities.js';
import { MemoryErp } from '../support/memory-erp.js';
import { erpRmmConfig, storeWithPipeline } from '../support/temp-store.js';

// Random edits on both sides and random crash points inside runs; after a final clean full run both sides hold
// the same records, none twice, every link points at existing records, and one more run plans nothing.

type Step =
  | { kind: 'add-customer'; n: number; name: string }
  | { kind: 'rename-customer'; n: number; name: string }
  | { kind: 'deactivate-customer'; n: number }
  | { kind: 'add-host'; n: number; code: number }
  | { kind: 'change-host'; code: number; serial: string }
  | { kind: 'run'; full: boolean; crashAt: CrashPoint | null; nth: number };

const names = fc.constantFrom('Müller', 'Mu\u0308ller', 'Schmidt', 'Groß', 'A', 'B', 'C', 'D', 'E', 'F');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add-customer' as const), n: fc.integer({ min: 1, max: 8 }), name: names }),
  fc.record({ kind: fc.constant('rename-customer' as const), n: fc.integer({ min: 1, max: 8 }), name: names }),
  fc.record({ kind: fc.constant('deactivate-customer' as const), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('add-host' as const), n: fc.integer({ min: 1, max: 8 }), code: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('change-host' as const), code: fc.integer({ min: 1, max: 12 }), serial: fc.string({ maxLength: 3 }) }),
  fc.record({ kind: fc.constant('run' as const), full: fc.boolean(), crashAt: fc.option(fc.constantFrom(...crashPoints), { nil: null }), nth: fc.integer({ min: 1, max: 4 }) }),
);

/** After a simulated crash nothing of the "dead process" may touch state or remote systems any more. */
function guard<T extends object>(o: T, isDead: () => boolean): T {
  return new Proxy(o, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (isDead()) throw new SimulatedCrash('after-intent');
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function guardConnector(c: Connector, isDead: () => boolean): Connector {
  return { ...c, entity: <E extends EntityName>(n: E) => { const p = c.entity(n); return p ? guard(p as EntityPort<E>, isDead) : undefined; } };
}

afterEach(() => simulateCrashes(null));

describe('one-way engine, property: converges under random edits and crashes', () => {
  it('no duplicates, nothing lost, links consistent, then a quiet run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.constantFrom('name' as const, 'external-id' as const), async (steps, match) => {
        // With 'external-id' nothing links by name: only intent recovery prevents duplicates after a crash.
        const config = erpRmmConfig();
        config.entities.customer = { ...config.entities.customer!, match };
        const { store, pipelineId } = storeWithPipeline(config);
        const erp = new MemoryErp();
        erp.pageSize = 2;
        const rmm = new RmmStandinState();
        let runNo = 0;
        const run = async (full: boolean, crash: { at: CrashPoint; nth: number } | null) => {
          let dead = false;
          let seen = 0;
          simulateCrashes((p) => {
            if (dead) return true;
            if (crash && p === crash.at && ++seen === crash.nth) dead = true;
            return dead;
          });
          const runId = `r${++runNo}`;
          store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode: full ? 'full' : 'delta', scope: {}, startedAt: new Date().toISOString() });
          const state: StatePort = guard(new SqliteSyncState(store.db, pipelineId), () => dead);
          try {
            return await runPipeline({ runId, pipelineId, config, left: guardConnector(erp.connector(), () => dead), right: guardConnector(createStandinConnector(rmm), () => dead), state, mode: full ? 'full' : 'delta', dryRun: false, entities: null, customer: null, confirmDeletes: true, now: () => new Date().toISOString(), emit: () => undefined });
          } catch (e) {
            if (!(e instanceof SimulatedCrash)) throw e;
            return null;
          } finally {
            simulateCrashes(null);
          }
        };
        try {
          for (const s of steps) {
            if (s.kind === 'add-customer' || s.kind === 'rename-customer') {
              if (s.kind === 'rename-customer' && !erp.customers.has(String(s.n))) continue;
              erp.customer(String(s.n), `${s.name} ${s.n}`, `N${s.n}`);
            } else if (s.kind === 'deactivate-customer') {
              const c = erp.customers.get(String(s.n));
              if (c) erp.customers.set(String(s.n), { ...c, active: false });
            } else if (s.kind === 'add-host') {
              const g = rmm.groupByName(`N${s.n} ${erp.customers.get(String(s.n))?.name ?? ''}`.trim());
              if (g && ![...rmm.hosts.values()].some((h) => h.device.code === `host-${s.code}`)) rmm.addHost(`host-${s.code}`, g);
            } else if (s.kind === 'change-host') {
              const h = [...rmm.hosts.values()].find((x) => x.device.code === `host-${s.code}`);
              if (h) h.device.serialNumber = s.serial;
            } else {
              await run(s.full, s.crashAt ? { at: s.crashAt, nth: s.nth } : null);
            }
          }
          const final = await run(true, null);
          expect(final?.status).toBe('ok');
          // Customers: one group per active customer, none twice.
          const active = [...erp.customers].filter(([, c]) => c.active);
          const groupNames = [...rmm.groups.values()].map((g) => g.name);
          expect(new Set(groupNames).size).toBe(groupNames.length);
          const custLinks = new SqliteSyncState(store.db, pipelineId).links('customer');
          expect(new Set(custLinks.map((l) => l.leftId))).toEqual(new Set(active.map(([id]) => id)));
          for (const l of custLinks) expect(rmm.groups.has(l.rightId)).toBe(true);
          // Devices: every host in a linked group is in the ERP exactly once, linked.
          const linkedGroups = new Set(custLinks.map((l) => l.rightId));
          const expectedCodes = [...rmm.hosts.values()].filter((h) => h.groups.some((g) => linkedGroups.has(g))).map((h) => h.device.code).sort();
          const erpCodes = [...erp.devices.values()].map((d) => d.code).sort();
          expect(new Set(erpCodes).size).toBe(erpCodes.length);
          for (const c of expectedCodes) expect(erpCodes).toContain(c);
          for (const l of new SqliteSyncState(store.db, pipelineId).links('device')) {
            expect(erp.devices.has(l.leftId)).toBe(true);
            expect(rmm.hosts.has(l.rightId)).toBe(true);
          }
          expect(new SqliteSyncState(store.db, pipelineId).openIntents()).toHaveLength(0);
          const quiet = await run(true, null);
          for (const e of ['customer', 'device'] as const) expect(quiet?.entities[e]).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 });
        } finally {
          store.close();
        }
      }),
      { numRuns: Number(process.env['FERRY_PROPERTY_RUNS'] ?? 1000) },
    );
  }, 300_000);
});
