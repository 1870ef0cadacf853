import { simulateCrashes, SimulatedCrash, type CrashPoint } from '../../main/engine/crash.js';
import { runPipeline, type RunOutcome } from '../../main/engine/run.js';
import type { StatePort } from '../../main/engine/state-port.js';
import type { Connector, EntityPort } from '../../main/connectors/types.js';
import type { EntityName } from '../../shared/entities.js';
import type { PipelineConfig } from '../../shared/model.js';
import type { Store } from '../../main/store/index.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';

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
  return {
    ...c,
    entity: <E extends EntityName>(n: E) => {
      const p = c.entity(n);
      return p ? guard(p as EntityPort<E>, isDead) : undefined;
    },
  };
}

/**
 * Runs a pipeline in-process, optionally "killing" it the nth time it passes a crash point: from then on every
 * call into state or systems fails, as if the process had died. Returns null for a crashed run.
 */
export function crashingRunner(store: Store, pipelineId: string, config: PipelineConfig, systems: () => { left: Connector; right: Connector }) {
  let runNo = 0;
  return async (full: boolean, crash: { at: CrashPoint; nth: number } | null): Promise<RunOutcome | null> => {
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
    const { left, right } = systems();
    try {
      return await runPipeline({ runId, pipelineId, config, left: guardConnector(left, () => dead), right: guardConnector(right, () => dead), state, mode: full ? 'full' : 'delta', dryRun: false, entities: null, customer: null, confirmDeletes: true, now: () => new Date().toISOString(), emit: () => undefined });
    } catch (e) {
      if (!(e instanceof SimulatedCrash)) throw e;
      return null;
    } finally {
      simulateCrashes(null);
    }
  };
}
