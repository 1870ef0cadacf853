import type { EntityName } from '../../../../shared/entities.js';
import type { RunMode, RunResult } from '../../../../shared/model.js';
import type { Counts, ProgressEvent, RunPhase } from '../../../../shared/progress.js';
import type { ApiError } from '../../api/client.js';

/** How far one entity of a running sync is. */
export interface EntityProgress {
  entity: EntityName;
  phase: RunPhase;
  side: 'left' | 'right' | null;
  processed: number;
  total: number | null;
  counts: Counts | null;
  /** Set when the entity ended with an error (the engine's message and hint). */
  message: string | null;
}

/** What this window asked for (null: a run the scheduler, the tray or another window started). */
export interface RunRequest {
  mode: RunMode;
  customer: string | null;
  customerLabel: string | null;
}

/** The latest run of one pipeline as this window saw it: started here or only heard of through progress events. */
export interface LiveRun {
  pipelineId: string;
  runId: string | null;
  /** starting: runs.start sent, nothing heard yet; running: progress arrives; finished/failed: runs.start answered. */
  state: 'starting' | 'running' | 'finished' | 'failed';
  request: RunRequest | null;
  startedAt: string;
  entities: EntityProgress[];
  result: RunResult | null;
  error: ApiError | null;
}

export type LiveRuns = Readonly<Record<string, LiveRun>>;

const over = (r: LiveRun) => r.state === 'finished' || r.state === 'failed';

/** This window started a run (the call is on its way). */
export function started(s: LiveRuns, pipelineId: string, request: RunRequest, now: Date): LiveRuns {
  return { ...s, [pipelineId]: { pipelineId, runId: null, state: 'starting', request, startedAt: now.toISOString(), entities: [], result: null, error: null } };
}

/** A progress event: belongs to the run we know, or starts a new one (e.g. the scheduler's). */
export function progressed(s: LiveRuns, e: ProgressEvent, now: Date): LiveRuns {
  const cur = s[e.pipelineId];
  let run: LiveRun;
  if (cur && (cur.runId === e.runId || (cur.runId === null && cur.state === 'starting'))) {
    run = { ...cur, runId: e.runId, state: over(cur) ? cur.state : 'running' };
  } else {
    run = { pipelineId: e.pipelineId, runId: e.runId, state: 'running', request: null, startedAt: now.toISOString(), entities: [], result: null, error: null };
  }
  if (e.entity) {
    const p: EntityProgress = { entity: e.entity, phase: e.phase, side: e.side, processed: e.processed, total: e.total, counts: e.counts, message: e.phase === 'done' ? e.message : null };
    const i = run.entities.findIndex((x) => x.entity === e.entity);
    run = { ...run, entities: i < 0 ? [...run.entities, p] : run.entities.map((x, j) => (j === i ? p : x)) };
  }
  return { ...s, [e.pipelineId]: run };
}

/** runs.start answered: the run is over. */
export function finished(s: LiveRuns, pipelineId: string, result: RunResult): LiveRuns {
  const cur = s[pipelineId];
  if (!cur) return s;
  return { ...s, [pipelineId]: { ...cur, runId: result.run, state: 'finished', result } };
}

/** runs.start failed (busy, guard, disabled connection …). */
export function failed(s: LiveRuns, pipelineId: string, error: ApiError): LiveRuns {
  const cur = s[pipelineId];
  if (!cur) return s;
  return { ...s, [pipelineId]: { ...cur, state: 'failed', error } };
}

/** The admin closed the finished run's summary. */
export function dismissed(s: LiveRuns, pipelineId: string): LiveRuns {
  const { [pipelineId]: _gone, ...rest } = s;
  return rest;
}

/** processed/total as 0…1, or undefined while the total is not known (an indeterminate bar). */
export function fraction(p: EntityProgress): number | undefined {
  if (p.phase === 'done') return 1;
  if (p.total === null || p.total <= 0) return undefined;
  return Math.min(1, p.processed / p.total);
}

/** Whether a run is still going, given what the status says about the pipeline's last run. */
export function isRunning(r: LiveRun, lastRun: { run: string; finishedAt: string | null } | null | undefined): boolean {
  if (over(r)) return false;
  if (r.state === 'running' && r.request === null && lastRun && lastRun.run === r.runId && lastRun.finishedAt) return false;
  return true;
}
