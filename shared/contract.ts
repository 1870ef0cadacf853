import { z } from 'zod';
import { Direction, EntityName, MatchKey } from './entities.js';
import { ConflictPolicy, Connection, DeletePolicy, Pipeline, PreflightCheck, RunItem, RunMode, RunResult, RunSummary, RunTrigger, TestResult } from './model.js';

export const StatusReport = z.object({
  at: z.string(),
  needsAttention: z.boolean(),
  pipelines: z.array(
    z.object({
      pipeline: z.string(),
      id: z.string(),
      paused: z.boolean(),
      lastRun: RunSummary.nullable(),
      nextRuns: z.array(z.object({ at: z.string(), mode: RunMode, entities: z.array(EntityName).nullable() })),
      connections: z.array(z.object({ name: z.string(), kind: z.string(), health: Connection.shape.health })),
      problems: z.array(z.string()),
    }),
  ),
  connections: z.array(z.object({ name: z.string(), kind: z.string(), health: Connection.shape.health })),
});
export type StatusReport = z.infer<typeof StatusReport>;

export const UniquenessReport = z.object({
  pipeline: z.string(),
  unique: z.boolean(),
  entities: z.array(
    z.object({
      entity: EntityName,
      side: z.enum(['left', 'right']),
      key: MatchKey,
      records: z.number().int(),
      duplicates: z.array(z.object({ value: z.string(), ids: z.array(z.string()) })),
      note: z.string().nullable(),
    }),
  ),
});
export type UniquenessReport = z.infer<typeof UniquenessReport>;

export const ConflictView = z.object({
  id: z.number().int(),
  pipelineId: z.string(),
  pipeline: z.string(),
  entity: EntityName,
  leftId: z.string(),
  rightId: z.string(),
  left: z.record(z.string(), z.unknown()).nullable(),
  right: z.record(z.string(), z.unknown()).nullable(),
  /** The version both sides held after the last sync (null where it was not recorded). */
  base: z.record(z.string(), z.unknown()).nullable(),
  differing: z.array(z.string()),
  reason: z.string(),
  detectedAt: z.string(),
  updatedAt: z.string(),
  resolution: z.enum(['left', 'right', 'merge']).nullable(),
  merged: z.record(z.string(), z.unknown()).nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type ConflictView = z.infer<typeof ConflictView>;

export const UndoResult = z.object({
  run: z.string(),
  pipeline: z.string(),
  undone: z.array(z.object({ entity: EntityName, action: z.enum(['created', 'updated']), side: z.enum(['left', 'right']), id: z.string(), what: z.string() })),
  notUndone: z.array(z.object({ entity: EntityName, action: z.string(), side: z.enum(['left', 'right']).nullable(), id: z.string().nullable(), why: z.string() })),
  paused: z.boolean(),
});

const ByName = z.object({ name: z.string().min(1) });
const Kind = z.object({ kind: z.string(), label: z.string(), needs: z.array(z.string()), secretNames: z.array(z.string()) });

/**
 * The API contract: operation name → input schema → output schema. The IPC bridge, the HTTP service and the
 * renderer's FerryApi are all generated from this table, so they cannot drift. Secrets go in, never out.
 */
export const contract = {
  'kinds.list': { input: z.object({}), output: z.array(Kind) },
  'connections.list': { input: z.object({}), output: z.array(Connection) },
  'connections.show': { input: ByName, output: Connection },
  'connections.create': {
    input: z.object({
      kind: z.string().min(1),
      name: z.string().min(1),
      url: z.string().min(1),
      username: z.string().nullable().optional(),
      options: z.record(z.string(), z.string()).optional(),
      secret: z.string().min(1).optional(),
    }),
    output: Connection,
  },
  'connections.update': {
    input: z.object({ name: z.string(), newName: z.string().optional(), url: z.string().optional(), username: z.string().nullable().optional(), options: z.record(z.string(), z.string()).optional() }),
    output: Connection,
  },
  'connections.setSecret': { input: z.object({ name: z.string().min(1), secret: z.string().min(1), secretName: z.string().optional() }), output: Connection },
  'connections.test': { input: z.object({ name: z.string().min(1), user: z.string().email().optional() }), output: TestResult },
  'connections.preflight': { input: ByName, output: z.array(PreflightCheck) },
  'connections.disable': { input: ByName, output: Connection },
  'connections.enable': { input: ByName, output: Connection },
  'connections.remove': { input: ByName, output: z.object({ removed: z.string() }) },
  'pipelines.list': { input: z.object({}), output: z.array(Pipeline) },
  'pipelines.show': { input: ByName, output: Pipeline },
  'pipelines.create': {
    input: z.object({
      name: z.string().min(1),
      left: z.string().min(1),
      right: z.string().min(1),
      entities: z.array(z.object({ entity: EntityName, direction: Direction })).min(1),
      match: z.partialRecord(EntityName, MatchKey).optional(),
      deletePolicy: z.partialRecord(EntityName, DeletePolicy).optional(),
      conflictPolicy: z.partialRecord(EntityName, ConflictPolicy).optional(),
      mapping: z.partialRecord(EntityName, z.record(z.string(), z.string())).optional(),
      deleteGuard: z.object({ percent: z.number().min(0).max(100), max: z.number().int().min(0) }).optional(),
      everyMinutes: z.number().int().nullable().optional(),
      fullAt: z.string().nullable().optional(),
      entityEvery: z.partialRecord(EntityName, z.number().int()).optional(),
      timeZone: z.string().optional(),
      paused: z.boolean().optional(),
    }),
    output: Pipeline,
  },
  'pipelines.check': { input: ByName, output: UniquenessReport },
  'pipelines.pause': { input: ByName, output: Pipeline },
  'pipelines.resume': { input: ByName, output: Pipeline },
  'pipelines.remove': { input: ByName, output: z.object({ removed: z.string() }) },
  'runs.start': {
    input: z.object({
      pipeline: z.string().min(1),
      mode: RunMode.optional(),
      dryRun: z.boolean().optional(),
      customer: z.string().optional(),
      entities: z.array(EntityName).nullable().optional(),
      trigger: RunTrigger.optional(),
      confirmDeletes: z.boolean().optional(),
    }),
    output: RunResult,
  },
  'runs.list': { input: z.object({ pipeline: z.string().optional(), limit: z.number().int().min(1).max(1000).optional() }), output: z.array(RunSummary) },
  'runs.undo': { input: z.object({ id: z.string().min(1) }), output: UndoResult },
  'runs.show': { input: z.object({ id: z.string().min(1) }), output: RunSummary.extend({ items: z.array(RunItem) }) },
  'status.get': { input: z.object({}), output: StatusReport },
  'conflicts.list': { input: z.object({ pipeline: z.string().optional(), includeClosed: z.boolean().optional() }), output: z.array(ConflictView) },
  'conflicts.show': { input: z.object({ id: z.number().int().positive() }), output: ConflictView },
  'conflicts.resolve': {
    input: z.object({ id: z.number().int().positive(), take: z.enum(['left', 'right', 'merge']), fields: z.record(z.string(), z.enum(['left', 'right'])).optional() }),
    output: ConflictView,
  },
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type OpInput<K extends OperationName> = z.input<Contract[K]['input']>;
export type OpOutput<K extends OperationName> = z.infer<Contract[K]['output']>;
export const operationNames = Object.keys(contract) as OperationName[];

/** What the renderer sees: one async function per operation. */
export type FerryApi = { [K in OperationName]: (input: OpInput<K>) => Promise<OpOutput<K>> };
