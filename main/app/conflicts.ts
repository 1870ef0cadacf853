import { z } from 'zod';
import { FerryError } from '../../shared/errors.js';
import type { ConflictView } from '../../shared/contract.js';
import type { ConflictRow } from '../store/conflicts-repo.js';
import { iso, type AppContext } from './context.js';
import { mustGetPipeline } from './pipelines.js';

export const ResolveInput = z.object({
  id: z.number().int().positive(),
  take: z.enum(['left', 'right', 'merge']),
  /** For a merge: which side each differing field comes from. */
  fields: z.record(z.string(), z.enum(['left', 'right'])).default({}),
});

const differing = (c: ConflictRow): string[] => {
  const keys = new Set([...Object.keys(c.left ?? {}), ...Object.keys(c.right ?? {})]);
  return [...keys].filter((k) => JSON.stringify(c.left?.[k] ?? null) !== JSON.stringify(c.right?.[k] ?? null)).sort();
};

const view = (c: ConflictRow): ConflictView => ({ ...c, differing: differing(c) });

function mustGet(ctx: AppContext, id: number): ConflictRow {
  const c = ctx.store.conflicts.get(id);
  if (!c) throw new FerryError('not-found', `There is no conflict ${id}.`, 'List them with `ferry conflicts list`.');
  return c;
}

/** The conflict inbox: pairs changed on both sides under the "manual" policy, untouched until someone decides. */
export const conflicts = {
  list(ctx: AppContext, pipeline?: string, includeClosed = false): ConflictView[] {
    const pipelineId = pipeline ? mustGetPipeline(ctx, pipeline).id : undefined;
    return ctx.store.conflicts.list({ ...(pipelineId ? { pipelineId } : {}), includeClosed }).map(view);
  },
  show(ctx: AppContext, id: number): ConflictView {
    return view(mustGet(ctx, id));
  },
  /** Records the decision; the next run of the pipeline writes it to both sides. */
  resolve(ctx: AppContext, raw: z.input<typeof ResolveInput>): ConflictView {
    const input = ResolveInput.parse(raw);
    const c = mustGet(ctx, input.id);
    if (c.closedAt) throw new FerryError('state', `Conflict ${c.id} is closed already (${c.closedAt}).`, 'List the open ones with `ferry conflicts list`.');
    let merged: Record<string, unknown> | null = null;
    if (input.take === 'merge') {
      const diff = differing(c);
      const missing = diff.filter((f) => !input.fields[f]);
      const unknown = Object.keys(input.fields).filter((f) => !diff.includes(f));
      if (missing.length || unknown.length) {
        throw new FerryError('input', `A merge needs a side for every field that differs (${diff.join(', ')}).${missing.length ? ` Missing: ${missing.join(', ')}.` : ''}${unknown.length ? ` Not differing: ${unknown.join(', ')}.` : ''}`, 'Give --field <name>=left|right for each differing field.');
      }
      merged = Object.fromEntries(diff.map((f) => [f, (input.fields[f] === 'left' ? c.left : c.right)?.[f] ?? null]));
    }
    ctx.store.conflicts.resolve(c.id, input.take, merged, iso(ctx.now()));
    ctx.log.info({ conflict: c.id, take: input.take }, 'conflict resolved');
    return view(mustGet(ctx, c.id));
  },
};
