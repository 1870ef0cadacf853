import { z } from 'zod';
import { EntityName } from './entities.js';

export const Counts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  conflicts: z.number().int(),
  failed: z.number().int(),
});
export type Counts = z.infer<typeof Counts>;
export const zeroCounts = (): Counts => ({ created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0 });

export const RunPhase = z.enum(['queued', 'read', 'plan', 'guard', 'apply', 'done']);
export type RunPhase = z.infer<typeof RunPhase>;

/** One event of a run's progress: consumed by the CLI's bars, the service's event stream and the UI. */
export const ProgressEvent = z.object({
  runId: z.string(),
  pipelineId: z.string(),
  phase: RunPhase,
  entity: EntityName.nullable(),
  side: z.enum(['left', 'right']).nullable(),
  processed: z.number().int(),
  total: z.number().int().nullable(),
  counts: Counts.nullable(),
  message: z.string().nullable(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;
