import { z } from 'zod';
import { FerryError } from '../../shared/errors.js';
import type { Pipeline } from '../../shared/model.js';
import type { PipelineRow } from '../store/pipelines-repo.js';
import { iso, newId, type AppContext } from './context.js';
import { mustGetConnection } from './connections.js';
import { PipelineSpec, resolvePipelineConfig } from './pipelines-validate.js';

export { defaultSchedule } from './pipelines-validate.js';

export const CreatePipelineInput = PipelineSpec.extend({
  name: z.string().trim().min(1).max(80),
  left: z.string().min(1),
  right: z.string().min(1),
  entities: PipelineSpec.shape.entities.unwrap(),
  paused: z.boolean().default(false),
});
export type CreatePipelineInput = z.input<typeof CreatePipelineInput>;

export const UpdatePipelineInput = PipelineSpec.omit({ mapping: true }).extend({
  name: z.string().min(1),
  newName: z.string().trim().min(1).max(80).optional(),
});
export type UpdatePipelineInput = z.input<typeof UpdatePipelineInput>;

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
    const now = iso(ctx.now());
    const config = resolvePipelineConfig(ctx, left, right, input, null, now);
    const row: PipelineRow = { id: newId('pip'), name: input.name, leftId: left.id, rightId: right.id, config, paused: input.paused, createdAt: now, modifiedAt: now, activatedAt: now };
    ctx.store.pipelines.insert(row);
    ctx.log.info({ pipeline: row.id }, 'pipeline created');
    return viewPipeline(ctx, row);
  },
  /** Replaces what the input gives (entities, policies, schedule, delete guard, name); links and history stay. */
  update(ctx: AppContext, raw: UpdatePipelineInput): Pipeline {
    const input = UpdatePipelineInput.parse(raw);
    const p = mustGet(ctx, input.name);
    if (input.newName !== undefined) {
      const other = ctx.store.pipelines.byName(input.newName);
      if (other && other.id !== p.id) throw new FerryError('input', `A pipeline named "${input.newName}" exists already.`, 'Choose another name.');
    }
    const left = ctx.store.connections.byId(p.leftId)!;
    const right = ctx.store.connections.byId(p.rightId)!;
    const config = resolvePipelineConfig(ctx, left, right, { ...input, mapping: {} }, p.config, p.activatedAt);
    ctx.store.pipelines.update(p.id, { name: input.newName ?? p.name, config }, iso(ctx.now()));
    ctx.log.info({ pipeline: p.id }, 'pipeline updated');
    return viewPipeline(ctx, mustGet(ctx, p.id));
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
