import { z } from 'zod';
import { Direction, EntityName, MatchKey } from './entities.js';
import { ErrorBody, TestCategory } from './errors.js';
import { Counts } from './progress.js';

export const Id = z.string().min(1).max(100);
export const Name = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(80, 'at most 80 characters')
  .regex(/^[^\s/\\].*$/u, 'must not start with a space or slash');

export const TestResult = z.object({
  category: TestCategory,
  message: z.string(),
  hint: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type TestResult = z.infer<typeof TestResult>;

export const PreflightCheck = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['pass', 'fail', 'warn']),
  message: z.string(),
  hint: z.string(),
});
export type PreflightCheck = z.infer<typeof PreflightCheck>;

export const SecretState = z.enum(['set', 'not-set', 'unreadable']);
export type SecretState = z.infer<typeof SecretState>;

export const Connection = z.object({
  id: Id,
  kind: z.string(),
  name: z.string(),
  url: z.string(),
  username: z.string().nullable(),
  options: z.record(z.string(), z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
  modifiedAt: z.string(),
  lastTest: z
    .object({ at: z.string(), category: TestCategory, message: z.string(), hint: z.string() })
    .nullable(),
  firstUsedAt: z.string().nullable(),
  /** "set" / "not set" only: the secret itself never leaves the keychain towards a UI. */
  secret: SecretState,
  health: z.enum(['ok', 'untested', 'error', 'needs-credentials', 'disabled']),
});
export type Connection = z.infer<typeof Connection>;

export const DeletePolicy = z.enum(['propagate', 'ignore', 'archive']);
export type DeletePolicy = z.infer<typeof DeletePolicy>;
export const ConflictPolicy = z.enum(['newer-wins', 'left-wins', 'right-wins', 'manual']);
export type ConflictPolicy = z.infer<typeof ConflictPolicy>;

export const EntityFlow = z.object({
  direction: Direction,
  match: MatchKey,
  deletePolicy: DeletePolicy,
  conflictPolicy: ConflictPolicy,
  /** Only records the source marks active take part; an inactive one counts as gone (delete policy). */
  onlyActive: z.boolean().default(true),
  /** One-way flows: target field → template over the source record's fields (main/engine/template.ts). */
  mapping: z.record(z.string(), z.string()).optional(),
});
export type EntityFlow = z.infer<typeof EntityFlow>;

export const Schedule = z.object({
  everyMinutes: z.number().int().min(5).max(1440).nullable(),
  fullAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM')
    .nullable(),
  timeZone: z.string().min(1),
  entityEvery: z.partialRecord(EntityName, z.number().int().min(5).max(1440)),
});
export type Schedule = z.infer<typeof Schedule>;

export const DeleteGuard = z.object({
  percent: z.number().min(0).max(100),
  max: z.number().int().min(0),
});
export type DeleteGuard = z.infer<typeof DeleteGuard>;

export const PipelineConfig = z.object({
  entities: z.partialRecord(EntityName, EntityFlow),
  schedule: Schedule,
  deleteGuard: DeleteGuard,
  /**
   * Act for each user (seed 001): users matched by primary e-mail, each user's records synced on their behalf
   * (owned by them in a CRM, in their address book), each in a per-user pipeline of its own.
   */
  actForUsers: z.boolean().optional(),
});
export type PipelineConfig = z.infer<typeof PipelineConfig>;

export const Pipeline = z.object({
  id: Id,
  name: z.string(),
  left: z.object({ id: Id, name: z.string(), kind: z.string() }),
  right: z.object({ id: Id, name: z.string(), kind: z.string() }),
  config: PipelineConfig,
  paused: z.boolean(),
  createdAt: z.string(),
  modifiedAt: z.string(),
  activatedAt: z.string(),
});
export type Pipeline = z.infer<typeof Pipeline>;

export const RunMode = z.enum(['delta', 'full']);
export type RunMode = z.infer<typeof RunMode>;
export const RunTrigger = z.enum(['schedule', 'missed', 'manual', 'tray', 'cli', 'customer', 'demo']);
export type RunTrigger = z.infer<typeof RunTrigger>;
export const RunStatus = z.enum(['running', 'ok', 'partial', 'failed', 'stopped', 'dry-run']);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunSummary = z.object({
  run: Id,
  pipeline: z.string(),
  pipelineId: Id,
  mode: RunMode,
  dryRun: z.boolean(),
  trigger: RunTrigger,
  status: RunStatus,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  entities: z.partialRecord(EntityName, Counts),
  error: ErrorBody.nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunItemAction = z.enum(['created', 'updated', 'deleted', 'skipped', 'conflict', 'failed']);
export type RunItemAction = z.infer<typeof RunItemAction>;
export const RunItem = z.object({
  id: z.number().int(),
  entity: EntityName,
  action: RunItemAction,
  targetSide: z.enum(['left', 'right']).nullable(),
  leftId: z.string().nullable(),
  rightId: z.string().nullable(),
  reason: z.string().nullable(),
  category: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type RunItem = z.infer<typeof RunItem>;

export const PlannedOp = z.object({
  entity: EntityName,
  action: RunItemAction,
  targetSide: z.enum(['left', 'right']).nullable(),
  leftId: z.string().nullable(),
  rightId: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })).nullable(),
});
export type PlannedOp = z.infer<typeof PlannedOp>;

export const RunResult = RunSummary.extend({ plan: z.array(PlannedOp).optional() });
export type RunResult = z.infer<typeof RunResult>;
