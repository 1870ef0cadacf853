import { entityOrder, type EntityName } from '../../shared/entities.js';
import type { RunMode, RunTrigger } from '../../shared/model.js';

/** A request to run one pipeline, from the scheduler, the tray, the CLI … */
export interface Trigger {
  pipelineId: string;
  mode: RunMode;
  /** The entities to sync; null = every entity the pipeline syncs. */
  entities: EntityName[] | null;
  /** Why it runs (recorded on the run). */
  reason: RunTrigger;
  /** Restrict to children of these customers (`ferry run --customer`); absent = all customers. */
  customerIds?: string[];
}

/** The smallest superset of two entity selections, in dependency order; null = all (also when the union lists every entity). */
export function unionEntities(a: readonly EntityName[] | null, b: readonly EntityName[] | null): EntityName[] | null {
  if (a === null || b === null) return null;
  const set = new Set([...a, ...b]);
  if (set.size === entityOrder.length) return null;
  return entityOrder.filter((e) => set.has(e));
}

/**
 * One trigger that covers both: full if either is full, the union of the entities (null = all), all customers
 * unless both are restricted. The reason is the earlier trigger's.
 */
export function coalesce(earlier: Trigger, later: Trigger): Trigger {
  if (earlier.pipelineId !== later.pipelineId) {
    throw new Error(`cannot coalesce triggers of different pipelines (${earlier.pipelineId}, ${later.pipelineId})`);
  }
  const merged: Trigger = {
    pipelineId: earlier.pipelineId,
    mode: earlier.mode === 'full' || later.mode === 'full' ? 'full' : 'delta',
    entities: unionEntities(earlier.entities, later.entities),
    reason: earlier.reason,
  };
  if (earlier.customerIds && later.customerIds) merged.customerIds = [...new Set([...earlier.customerIds, ...later.customerIds])].sort();
  return merged;
}
