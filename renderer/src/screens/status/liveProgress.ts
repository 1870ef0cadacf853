import type { EntityName } from '../../../../shared/entities.js';
import type { Counts, ProgressEvent, RunPhase } from '../../../../shared/progress.js';

/** The latest progress of one entity of a running sync. */
export interface LiveEntity {
  entity: EntityName;
  phase: RunPhase;
  side: 'left' | 'right' | null;
  processed: number;
  total: number | null;
  counts: Counts | null;
  message: string | null;
}

export interface LiveRun {
  runId: string;
  pipelineId: string;
  phase: RunPhase;
  /** In the order the run reached them (the engine goes parents first). */
  entities: LiveEntity[];
}

export interface LiveState {
  runs: LiveRun[];
  /** Runs that ended here: a late event for one of them does not bring it back. */
  ended: string[];
}

export const emptyLive: LiveState = { runs: [], ended: [] };
const KEEP_ENDED = 200;

/** Folds one progress event in: per run, the latest event per entity (counts kept when an event carries none). */
export function applyProgress(s: LiveState, e: ProgressEvent): LiveState {
  if (s.ended.includes(e.runId)) return s;
  if (e.phase === 'done' && e.entity === null) return endRuns(s, [e.runId]);
  const idx = s.runs.findIndex((r) => r.runId === e.runId);
  const run: LiveRun = idx >= 0 ? s.runs[idx]! : { runId: e.runId, pipelineId: e.pipelineId, phase: e.phase, entities: [] };
  let entities = run.entities;
  if (e.entity) {
    const j = entities.findIndex((x) => x.entity === e.entity);
    const prev = j >= 0 ? entities[j]! : null;
    const entry: LiveEntity = { entity: e.entity, phase: e.phase, side: e.side, processed: e.processed, total: e.total, counts: e.counts ?? prev?.counts ?? null, message: e.message };
    entities = j >= 0 ? entities.map((x, k) => (k === j ? entry : x)) : [...entities, entry];
  }
  const next: LiveRun = { ...run, phase: e.phase, entities };
  return { ...s, runs: idx >= 0 ? s.runs.map((r, k) => (k === idx ? next : r)) : [...s.runs, next] };
}

/** Drops runs that are known to be over (a "done" for the whole run, or a refetch that shows them finished). */
export function endRuns(s: LiveState, runIds: Iterable<string>): LiveState {
  const ids = new Set(runIds);
  const gone = s.runs.filter((r) => ids.has(r.runId)).map((r) => r.runId);
  if (gone.length === 0) return s;
  return { runs: s.runs.filter((r) => !ids.has(r.runId)), ended: [...s.ended, ...gone].slice(-KEEP_ENDED) };
}

export type LiveAction = { type: 'event'; event: ProgressEvent } | { type: 'end'; runIds: string[] };

export function liveReducer(s: LiveState, a: LiveAction): LiveState {
  return a.type === 'event' ? applyProgress(s, a.event) : endRuns(s, a.runIds);
}

/** Share of the work done, 0..1, or null when the total is not known yet (an indeterminate bar). */
export function fraction(e: Pick<LiveEntity, 'phase' | 'processed' | 'total'>): number | null {
  if (e.phase === 'done') return 1;
  if (e.total === null) return null;
  if (e.total <= 0) return 1;
  return Math.min(1, Math.max(0, e.processed / e.total));
}
