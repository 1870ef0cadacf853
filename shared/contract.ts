import { z } from 'zod';
import { Direction, EntityName, MatchKey } from './entities.js';
import { ConflictPolicy, Connection, DeletePolicy, Pipeline, PipelineConfig, PreflightCheck, RunItem, RunMode, RunResult, RunSummary, RunTrigger, TestResult } from './model.js';

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
      /** Pipelines acting for each user: each user's last run (seed 001/003: per-user status). */
      users: z.array(z.object({ email: z.string(), lastRun: RunSummary.nullable() })).optional(),
    }),
  ),
  connections: z.array(z.object({ name: z.string(), kind: z.string(), health: Connection.shape.health })),
});

/** Who a pipeline acting for each user syncs, and who not (and why). */
export const UserMatchReport = z.object({
  pipeline: z.string(),
  matched: z.array(z.object({ email: z.string(), left: z.string(), right: z.string() })),
  unmatched: z.array(z.object({ side: z.enum(['left', 'right']), user: z.string(), email: z.string().nullable(), reason: z.string() })),
});
export type UserMatchReport = z.infer<typeof UserMatchReport>;
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
/** What a system can do per entity, for the wizard (greyed where it cannot write, with why). */
export const EntityCapability = z.object({ entity: EntityName, read: z.boolean(), write: z.boolean(), delete: z.boolean(), modifiedAt: z.boolean(), note: z.string().nullable() });
export type EntityCapability = z.infer<typeof EntityCapability>;
export const OptionField = z.object({ key: z.string(), label: z.string(), description: z.string(), choices: z.array(z.string()).optional(), default: z.string().optional() });
export type OptionField = z.infer<typeof OptionField>;
const Kind = z.object({
  kind: z.string(),
  label: z.string(),
  needs: z.array(z.string()),
  secretNames: z.array(z.string()),
  entities: z.array(EntityCapability),
  options: z.array(OptionField),
  /** Acting for each user: `directory` lists its users (a CRM), `per-user` reaches each user's data by e-mail. */
  users: z.enum(['directory', 'per-user']).nullable().optional(),
});
export type Kind = z.infer<typeof Kind>;

export const LogLevel = z.enum(['error', 'warn', 'info', 'debug']);
/** Machine-wide settings (stored in SQLite; never secrets). */
export const Settings = z.object({
  /** 'system' follows the OS language (German for any de-* locale, else English). */
  language: z.enum(['system', 'de', 'en']),
  /** Default time zone for new pipelines' schedules (IANA name). */
  timeZone: z.string().min(1),
  startAtLogin: z.boolean(),
  logLevel: LogLevel,
  /** Default mass-delete guard for new pipelines. */
  deleteGuard: z.object({ percent: z.number().min(0).max(100), max: z.number().int().min(0) }),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsView = Settings.extend({ dataDir: z.string(), logDir: z.string() });
export type SettingsView = z.infer<typeof SettingsView>;

/** The whole configuration without secrets: what `ferry config export` writes and `config import` reads. */
export const ConfigExport = z.object({
  format: z.literal('ferry-config'),
  version: z.literal(1),
  exportedAt: z.string(),
  settings: Settings,
  connections: z.array(z.object({ kind: z.string().min(1), name: z.string().min(1), url: z.string().min(1), username: z.string().nullable(), options: z.record(z.string(), z.string()), enabled: z.boolean() })),
  pipelines: z.array(z.object({ name: z.string().min(1), left: z.string().min(1), right: z.string().min(1), config: PipelineConfig, paused: z.boolean() })),
});
export type ConfigExport = z.infer<typeof ConfigExport>;
export const ImportResult = z.object({
  connections: z.array(z.string()),
  pipelines: z.array(z.string()),
  /** Connections whose secrets must be set after the import (secrets are never exported). */
  needsSecrets: z.array(z.string()),
});

export const CustomerChoice = z.object({ leftId: z.string(), rightId: z.string(), label: z.string() });

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
  /** What this connection can do per entity with its own options (e.g. c-entron devices once write is confirmed). */
  'connections.capabilities': { input: ByName, output: z.array(EntityCapability) },
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
      /** Act for each user (users matched by primary e-mail), where both connection kinds can. */
      actForUsers: z.boolean().optional(),
    }),
    output: Pipeline,
  },
  /** Replaces entities, policies and schedule of an existing pipeline (same fields as create; the name identifies it). */
  'pipelines.update': {
    input: z.object({
      name: z.string().min(1),
      newName: z.string().min(1).optional(),
      entities: z.array(z.object({ entity: EntityName, direction: Direction })).min(1).optional(),
      match: z.partialRecord(EntityName, MatchKey).optional(),
      deletePolicy: z.partialRecord(EntityName, DeletePolicy).optional(),
      conflictPolicy: z.partialRecord(EntityName, ConflictPolicy).optional(),
      deleteGuard: z.object({ percent: z.number().min(0).max(100), max: z.number().int().min(0) }).optional(),
      everyMinutes: z.number().int().nullable().optional(),
      fullAt: z.string().nullable().optional(),
      entityEvery: z.partialRecord(EntityName, z.number().int()).optional(),
      timeZone: z.string().optional(),
    }),
    output: Pipeline,
  },
  /** Customers a pipeline has linked, for "sync one customer" (searched by name, number or id; at most `limit`). */
  'customers.search': { input: z.object({ pipeline: z.string().min(1), query: z.string().default(''), limit: z.number().int().min(1).max(200).optional() }), output: z.array(CustomerChoice) },
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
  'pipelines.users': { input: ByName, output: UserMatchReport },
  'status.get': { input: z.object({}), output: StatusReport },
  'conflicts.list': { input: z.object({ pipeline: z.string().optional(), includeClosed: z.boolean().optional() }), output: z.array(ConflictView) },
  'conflicts.show': { input: z.object({ id: z.number().int().positive() }), output: ConflictView },
  'conflicts.resolve': {
    input: z.object({ id: z.number().int().positive(), take: z.enum(['left', 'right', 'merge']), fields: z.record(z.string(), z.enum(['left', 'right'])).optional() }),
    output: ConflictView,
  },
  'settings.get': { input: z.object({}), output: SettingsView },
  'settings.update': { input: Settings.partial(), output: SettingsView },
  'config.export': { input: z.object({}), output: ConfigExport },
  /** All or nothing: a malformed or partly invalid configuration is rejected whole, every problem listed by path. */
  'config.import': { input: z.object({ config: z.unknown() }), output: ImportResult },
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type OpInput<K extends OperationName> = z.input<Contract[K]['input']>;
export type OpOutput<K extends OperationName> = z.infer<Contract[K]['output']>;
export const operationNames = Object.keys(contract) as OperationName[];

/** What the renderer sees: one async function per operation. */
export type FerryApi = { [K in OperationName]: (input: OpInput<K>) => Promise<OpOutput<K>> };
