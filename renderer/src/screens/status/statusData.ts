import type { EntityName } from '../../../../shared/entities.js';
import type { RunSummary } from '../../../../shared/model.js';
import type { Counts } from '../../../../shared/progress.js';
import { zeroCountsOf } from './counts.js';

/** Sum of several runs' per-entity counts. */
export function totalCounts(runs: readonly Pick<RunSummary, 'entities'>[]): Counts {
  const t = zeroCountsOf();
  for (const r of runs) {
    for (const c of Object.values(r.entities)) {
      if (!c) continue;
      for (const k of Object.keys(t) as (keyof Counts)[]) t[k] += c[k];
    }
  }
  return t;
}

export const changedOf = (c: Counts): number => c.created + c.updated + c.deleted;
export const syncedOf = (c: Counts): number => c.created + c.updated + c.deleted + c.unchanged;

/** Runs that were real and are over (not dry runs, not running). */
const finishedReal = (r: RunSummary) => !r.dryRun && r.status !== 'running';

export interface EntityLast {
  entity: EntityName;
  run: RunSummary | null;
}

/**
 * Per entity of a pipeline: the newest finished real run that covered it. Entities can run on their own schedules
 * (devices every 45 minutes), so the pipeline's last run does not tell every entity's last sync.
 */
export function lastPerEntity(entities: readonly EntityName[], pipelineId: string, runs: readonly RunSummary[], lastRun: RunSummary | null): EntityLast[] {
  const candidates = [...runs.filter((r) => r.pipelineId === pipelineId && finishedReal(r)), ...(lastRun ? [lastRun] : [])].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return entities.map((entity) => ({ entity, run: candidates.find((r) => r.entities[entity] !== undefined) ?? null }));
}

/** The entities a pipeline syncs: from its configuration when known, else those its runs have counted. */
export function pipelineEntities(configured: readonly EntityName[] | null, pipelineId: string, runs: readonly RunSummary[], lastRun: RunSummary | null): EntityName[] {
  if (configured && configured.length) return [...configured];
  const seen = new Set<EntityName>();
  for (const r of [...(lastRun ? [lastRun] : []), ...runs.filter((x) => x.pipelineId === pipelineId)]) for (const e of Object.keys(r.entities) as EntityName[]) seen.add(e);
  return [...seen];
}

/** Failed and partly failed runs, newest first. */
export function failedRuns(runs: readonly RunSummary[]): RunSummary[] {
  return runs.filter((r) => r.status === 'failed' || r.status === 'partial');
}

export interface ChartBar {
  run: string;
  pipeline: string;
  startedAt: string;
  status: RunSummary['status'];
  changed: number;
  failed: number;
}

/** One bar per run, oldest first (runs.list answers newest first). */
export function chartBars(runs: readonly RunSummary[]): ChartBar[] {
  return [...runs]
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .map((r) => {
      const c = totalCounts([r]);
      return { run: r.run, pipeline: r.pipeline, startedAt: r.startedAt, status: r.status, changed: changedOf(c), failed: c.failed };
    });
}

/** Run ids a refetch shows to be over: they leave the live progress. */
export function finishedRunIds(runs: readonly RunSummary[] | undefined, lastRuns: readonly (RunSummary | null)[]): string[] {
  const ids = new Set<string>();
  for (const r of runs ?? []) if (r.status !== 'running') ids.add(r.run);
  for (const r of lastRuns) if (r && r.status !== 'running') ids.add(r.run);
  return [...ids].sort();
}
