import { z } from 'zod';
import { Direction, EntityName, MatchKey, entitySchemas, type EntityName as EntityNameT } from '../../shared/entities.js';
import { FerryError, type ErrorCategory } from '../../shared/errors.js';
import { ConflictPolicy, DeleteGuard, DeletePolicy, PipelineConfig, type EntityFlow, type Schedule } from '../../shared/model.js';
import { compileTemplate } from '../engine/template.js';
import { validateSchedule } from '../scheduler/schedule.js';
import type { AppContext } from './context.js';
import { probeCapabilities } from './kinds.js';
import { actForUsersProblem } from './per-user.js';

/** What create and update share: entities, policies, templates, schedule and delete guard. */
export const PipelineSpec = z.object({
  entities: z.array(z.object({ entity: EntityName, direction: Direction })).min(1, 'at least one --entity').optional(),
  match: z.partialRecord(EntityName, MatchKey).default({}),
  deletePolicy: z.partialRecord(EntityName, DeletePolicy).default({}),
  conflictPolicy: z.partialRecord(EntityName, ConflictPolicy).default({}),
  mapping: z.partialRecord(EntityName, z.record(z.string(), z.string())).default({}),
  everyMinutes: z.number().int().nullable().optional(),
  fullAt: z.string().nullable().optional(),
  entityEvery: z.partialRecord(EntityName, z.number().int()).optional(),
  timeZone: z.string().optional(),
  deleteGuard: DeleteGuard.optional(),
  /** Act for each user (users matched by primary e-mail), where both connection kinds can. */
  actForUsers: z.boolean().optional(),
});
export type PipelineSpec = z.infer<typeof PipelineSpec>;

/** A connection as the checks need it: stored, or about to be imported. */
export interface ConnLike {
  id?: string;
  kind: string;
  name: string;
  url: string;
  username: string | null;
  options: Record<string, string>;
}

/** One thing wrong with a pipeline's configuration; `path` is relative to the configuration (e.g. `schedule`). */
export interface Problem {
  path: string;
  message: string;
  hint: string;
  category: ErrorCategory;
}

const erpRmm = (a: string, b: string) => new Set([a, b]).has('centron') && [a, b].some((k) => k !== 'centron');

/** Seed 000's timing for an ERP ↔ RMM pair: full customer sync daily at 23:55, hourly changes, devices every 45 minutes. */
export function defaultSchedule(leftKind: string, rightKind: string, timeZone: string): Schedule {
  return erpRmm(leftKind, rightKind)
    ? { everyMinutes: 60, fullAt: '23:55', timeZone, entityEvery: { device: 45 } }
    : { everyMinutes: 15, fullAt: '23:55', timeZone, entityEvery: {} };
}

/**
 * Every problem of a pipeline configuration between two connections: field templates, newer-wins where a system
 * lacks modification times, the schedule. A connection given as null (itself invalid) skips the checks that need it.
 */
export function configProblems(ctx: AppContext, config: { entities: Partial<Record<EntityNameT, EntityFlow>>; schedule: Schedule }, left: ConnLike | null, right: ConnLike | null, activatedAt: string): Problem[] {
  const problems: Problem[] = [];
  for (const [entity, flow] of Object.entries(config.entities) as [EntityNameT, EntityFlow][]) {
    const mapping = flow.mapping ?? {};
    if (Object.keys(mapping).length) {
      if (flow.direction === 'both') {
        problems.push({ path: `entities.${entity}.mapping`, category: 'unsupported', message: `Field templates for ${entity} work on one-way flows only.`, hint: 'Choose to-right or to-left for this entity, or drop the --map.' });
      } else {
        const fields = Object.keys(entitySchemas[entity].shape);
        for (const [field, src] of Object.entries(mapping)) {
          const path = `entities.${entity}.mapping.${field}`;
          if (!fields.includes(field) || field === 'customerId') {
            problems.push({ path, category: 'input', message: `The field template for "${entity}.${field}" names no field Ferry syncs.`, hint: `Fields of ${entity}: ${fields.filter((f) => f !== 'customerId').join(', ')}.` });
            continue;
          }
          try {
            compileTemplate(src, fields);
          } catch (e) {
            if (!(e instanceof FerryError)) throw e;
            problems.push({ path, category: e.category, message: e.message, hint: e.hint });
          }
        }
      }
    }
    // newer-wins is offered only where both systems report modification times for that entity.
    if (flow.direction === 'both' && flow.conflictPolicy === 'newer-wins') {
      for (const c of [left, right]) {
        if (!c) continue;
        if (probeCapabilities(ctx, c)?.get(entity)?.modifiedAt !== true) {
          problems.push({
            path: `entities.${entity}.conflictPolicy`,
            category: 'unsupported',
            message: `The newer-wins policy needs modification times from both systems, and ${c.name} (${c.kind}) does not report them for ${entity} records.`,
            hint: `Choose manual, left-wins or right-wins for this entity (--conflict ${entity}=manual).`,
          });
        }
      }
    }
  }
  try {
    validateSchedule({ ...config.schedule, activatedAt });
  } catch (e) {
    if (!(e instanceof FerryError)) throw e;
    problems.push({ path: 'schedule', category: e.category, message: e.message, hint: e.hint });
  }
  return problems;
}

/** Throws the first problem (the others named in its message and all of them in details.problems). */
export function throwProblems(problems: Problem[]): void {
  const [first, ...rest] = problems;
  if (!first) return;
  const also = rest.length ? ` Also: ${rest.map((p) => p.message).join(' ')}` : '';
  throw new FerryError(first.category, `${first.message}${also}`, first.hint, rest.length ? { problems: problems.map(({ path, message }) => ({ path, message })) } : undefined);
}

/**
 * The configuration a create (base = null) or an update (base = the current configuration) asks for, checked as a
 * whole. What the spec leaves out comes from the base, else from the defaults (settings, seed 000's schedule).
 */
export function resolvePipelineConfig(ctx: AppContext, left: ConnLike, right: ConnLike, spec: PipelineSpec, base: PipelineConfig | null, activatedAt: string): PipelineConfig {
  const problems: Problem[] = [];
  if (left.id !== undefined && left.id === right.id) problems.push({ path: 'right', category: 'input', message: 'Left and right are the same connection.', hint: 'A pipeline connects two different systems.' });
  const list = spec.entities ?? (Object.entries(base?.entities ?? {}) as [EntityNameT, EntityFlow][]).map(([entity, f]) => ({ entity, direction: f.direction }));
  const entities: Partial<Record<EntityNameT, EntityFlow>> = {};
  for (const e of list) {
    if (entities[e.entity]) {
      problems.push({ path: 'entities', category: 'input', message: `Entity ${e.entity} is given twice.`, hint: 'Give each --entity once.' });
      continue;
    }
    const prev = base?.entities[e.entity];
    // An RMM keeps a customer as a group named from the ERP's number and name: match those names.
    const match = spec.match[e.entity] ?? prev?.match ?? (e.entity === 'customer' && erpRmm(left.kind, right.kind) ? 'name' : 'number');
    const mapping = spec.mapping[e.entity] ?? prev?.mapping;
    entities[e.entity] = {
      direction: e.direction,
      match,
      deletePolicy: spec.deletePolicy[e.entity] ?? prev?.deletePolicy ?? 'ignore',
      conflictPolicy: spec.conflictPolicy[e.entity] ?? prev?.conflictPolicy ?? 'manual',
      onlyActive: prev?.onlyActive ?? true,
      ...(mapping && Object.keys(mapping).length ? { mapping } : {}),
    };
  }
  for (const e of Object.keys(spec.match)) {
    if (!entities[e as EntityNameT]) problems.push({ path: `entities.${e}.match`, category: 'input', message: `--match names ${e}, which is not synced by this pipeline.`, hint: 'Add it with --entity or drop the --match.' });
  }
  const settings = ctx.store.settings;
  const b = base?.schedule ?? defaultSchedule(left.kind, right.kind, spec.timeZone ?? settings.get('timeZone'));
  const schedule: Schedule = {
    everyMinutes: spec.everyMinutes !== undefined ? spec.everyMinutes : b.everyMinutes,
    fullAt: spec.fullAt !== undefined ? spec.fullAt : b.fullAt,
    timeZone: spec.timeZone ?? b.timeZone,
    entityEvery: spec.entityEvery ?? b.entityEvery,
  };
  const deleteGuard = spec.deleteGuard ?? base?.deleteGuard ?? settings.get('deleteGuard');
  const actForUsers = spec.actForUsers ?? base?.actForUsers ?? false;
  if (actForUsers) {
    const why = actForUsersProblem(ctx.factories.get(left.kind)!, ctx.factories.get(right.kind)!);
    if (why) problems.push({ path: 'actForUsers', category: 'unsupported', message: `This pipeline cannot act for each user: ${why}`, hint: 'Acting for each user needs a CRM (SugarCRM/SuiteCRM, 1CRM) on one side and a CRM or an address book (CardDAV) on the other.' });
  }
  problems.push(...configProblems(ctx, { entities, schedule }, left, right, activatedAt));
  throwProblems(problems);
  return PipelineConfig.parse({ entities, schedule, deleteGuard, ...(actForUsers ? { actForUsers: true } : {}) });
}
