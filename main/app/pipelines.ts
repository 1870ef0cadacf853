import { z } from 'zod';
import { Direction, EntityName, MatchKey, entitySchemas, type EntityName as EntityNameT } from '../../shared/entities.js';
import { compileTemplate } from '../engine/template.js';
import { FerryError } from '../../shared/errors.js';
import { ConflictPolicy, DeletePolicy, PipelineConfig, type EntityFlow, type Pipeline, type Schedule } from '../../shared/model.js';
import type { PipelineRow } from '../store/pipelines-repo.js';
import { iso, newId, type AppContext } from './context.js';
import { mustGetConnection } from './connections.js';
import { validateSchedule } from '../scheduler/schedule.js';

export const CreatePipelineInput = z.object({
  name: z.string().trim().min(1).max(80),
  left: z.string().min(1),
  right: z.string().min(1),
  entities: z.array(z.object({ entity: EntityName, direction: Direction })).min(1, 'at least one --entity'),
  match: z.partialRecord(EntityName, MatchKey).default({}),
  deletePolicy: z.partialRecord(EntityName, DeletePolicy).default({}),
  conflictPolicy: z.partialRecord(EntityName, ConflictPolicy).default({}),
  mapping: z.partialRecord(EntityName, z.record(z.string(), z.string())).default({}),
  everyMinutes: z.number().int().nullable().optional(),
  fullAt: z.string().nullable().optional(),
  entityEvery: z.partialRecord(EntityName, z.number().int()).optional(),
  timeZone: z.string().optional(),
  paused: z.boolean().default(false),
  deleteGuard: z.object({ percent: z.number().min(0).max(100), max: z.number().int().min(0) }).optional(),
});
export type CreatePipelineInput = z.input<typeof CreatePipelineInput>;

const erpRmm = (a: string, b: string) => new Set([a, b]).has('centron') && [a, b].some((k) => k !== 'centron');

/** Seed 000's timing for an ERP ↔ RMM pair: full customer sync daily at 23:55, hourly changes, devices every 45 minutes. */
export function defaultSchedule(leftKind: string, rightKind: string, timeZone: string): Schedule {
  return erpRmm(leftKind, rightKind)
    ? { everyMinutes: 60, fullAt: '23:55', timeZone, entityEvery: { device: 45 } }
    : { everyMinutes: 15, fullAt: '23:55', timeZone, entityEvery: {} };
}

function mustGet(ctx: AppContext, name: string): PipelineRow {
  const p = ctx.store.pipelines.byName(name);
  if (!p) throw new FerryError('not-found', `There is no pipeline "${name}".`, 'List the pipelines with `ferry pipelines list`.');
  return p;
}

export function viewPipeline(ctx: AppContext, p: PipelineRow): Pipeline {
  const l = ctx.store.connections.byId(p.leftId)!;
  const r = ctx.store.connections.byId(p.rightId)!;
  return {
    id: p.id,
    name: p.name,
    left: { id: l.id, name: l.name, kind: l.kind },
    right: { id: r.id, name: r.name, kind: r.kind },
    config: p.config,
    paused: p.paused,
    createdAt: p.createdAt,
    modifiedAt: p.modifiedAt,
    activatedAt: p.activatedAt,
  };
}

export const pipelines = {
  list(ctx: AppContext): Pipeline[] {
    return ctx.store.pipelines.list().map((p) => viewPipeline(ctx, p));
  },
  show(ctx: AppContext, name: string): Pipeline {
    return viewPipeline(ctx, mustGet(ctx, name));
  },
  create(ctx: AppContext, raw: CreatePipelineInput): Pipeline {
    const input = CreatePipelineInput.parse(raw);
    if (ctx.store.pipelines.byName(input.name)) throw new FerryError('input', `A pipeline named "${input.name}" exists already.`, 'Choose another name.');
    const left = mustGetConnection(ctx, input.left);
    const right = mustGetConnection(ctx, input.right);
    if (left.id === right.id) throw new FerryError('input', 'Left and right are the same connection.', 'A pipeline connects two different systems.');
    const seen = new Set<EntityNameT>();
    const entities: Partial<Record<EntityNameT, EntityFlow>> = {};
    for (const e of input.entities) {
      if (seen.has(e.entity)) throw new FerryError('input', `Entity ${e.entity} is given twice.`, 'Give each --entity once.');
      seen.add(e.entity);
      // An RMM keeps a customer as a group named from the ERP's number and name: match those names.
      const match = input.match[e.entity] ?? (e.entity === 'customer' && erpRmm(left.kind, right.kind) ? 'name' : 'number');
      const mapping = input.mapping[e.entity];
      if (mapping && Object.keys(mapping).length) {
        if (e.direction === 'both') throw new FerryError('unsupported', `Field templates for ${e.entity} work on one-way flows only.`, 'Choose to-right or to-left for this entity, or drop the --map.');
        const fields = Object.keys(entitySchemas[e.entity].shape);
        for (const [field, src] of Object.entries(mapping)) {
          if (!fields.includes(field) || field === 'customerId') throw new FerryError('input', `--map names "${e.entity}.${field}", which is not a field Ferry syncs.`, `Fields of ${e.entity}: ${fields.filter((f) => f !== 'customerId').join(', ')}.`);
          compileTemplate(src, fields);
        }
      }
      entities[e.entity] = { direction: e.direction, match, deletePolicy: input.deletePolicy[e.entity] ?? 'ignore', conflictPolicy: input.conflictPolicy[e.entity] ?? 'manual', onlyActive: true, ...(mapping && Object.keys(mapping).length ? { mapping } : {}) };
    }
    // newer-wins is offered only where both systems report modification times for that entity.
    for (const [entity, flow] of Object.entries(entities) as [EntityNameT, EntityFlow][]) {
      if (flow.direction !== 'both' || flow.conflictPolicy !== 'newer-wins') continue;
      for (const c of [left, right]) {
        let reports = false;
        try {
          const connector = ctx.factories.get(c.kind)?.create({ config: { id: c.id, kind: c.kind, name: c.name, url: c.url, username: c.username, options: c.options }, secrets: {}, log: ctx.log });
          reports = connector?.entity(entity)?.capabilities.modifiedAt === true;
          void connector?.close();
        } catch {
          reports = false;
        }
        if (!reports) {
          throw new FerryError('unsupported', `The newer-wins policy needs modification times from both systems, and ${c.name} (${c.kind}) does not report them for ${entity} records.`, 'Choose manual, left-wins or right-wins for this entity (--conflict <entity>=manual).');
        }
      }
    }
    for (const e of Object.keys(input.match)) {
      if (!seen.has(e as EntityNameT)) throw new FerryError('input', `--match names ${e}, which is not synced by this pipeline.`, 'Add it with --entity or drop the --match.');
    }
    const zone = input.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const base = defaultSchedule(left.kind, right.kind, zone);
    const schedule: Schedule = {
      everyMinutes: input.everyMinutes !== undefined ? input.everyMinutes : base.everyMinutes,
      fullAt: input.fullAt !== undefined ? input.fullAt : base.fullAt,
      timeZone: zone,
      entityEvery: input.entityEvery ?? base.entityEvery,
    };
    const now = iso(ctx.now());
    validateSchedule({ ...schedule, activatedAt: now });
    const config = PipelineConfig.parse({ entities, schedule, deleteGuard: input.deleteGuard ?? { percent: 10, max: 50 } });
    const row: PipelineRow = { id: newId('pip'), name: input.name, leftId: left.id, rightId: right.id, config, paused: input.paused, createdAt: now, modifiedAt: now, activatedAt: now };
    ctx.store.pipelines.insert(row);
    ctx.log.info({ pipeline: row.id }, 'pipeline created');
    return viewPipeline(ctx, row);
  },
  setPaused(ctx: AppContext, name: string, paused: boolean): Pipeline {
    const p = mustGet(ctx, name);
    ctx.store.pipelines.setPaused(p.id, paused, iso(ctx.now()));
    return viewPipeline(ctx, mustGet(ctx, p.id));
  },
  remove(ctx: AppContext, name: string): { removed: string } {
    const p = mustGet(ctx, name);
    ctx.store.pipelines.delete(p.id);
    return { removed: p.name };
  },
};

export { mustGet as mustGetPipeline };
