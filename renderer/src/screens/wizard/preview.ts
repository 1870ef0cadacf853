import type { EntityName } from '../../../../shared/entities.js';
import type { PlannedOp, RunItemAction, RunResult } from '../../../../shared/model.js';
import type { Counts } from '../../../../shared/progress.js';
import { ENTITIES } from './entities.js';

/** The count columns of a preview, in the order an admin reads them. */
export const COUNT_COLUMNS = ['created', 'updated', 'deleted', 'unchanged', 'skipped', 'conflicts', 'failed'] as const satisfies readonly (keyof Counts)[];
const ACTIONS: RunItemAction[] = ['created', 'updated', 'deleted', 'conflict', 'skipped', 'failed'];

/** Per entity the counts of a dry run (entities in dependency order, only those the run covered). */
export function countRows(result: RunResult): { entity: EntityName; counts: Counts }[] {
  return ENTITIES.flatMap((entity) => {
    const counts = result.entities[entity];
    return counts ? [{ entity, counts }] : [];
  });
}

/** True when the run would leave every record as it is (nothing written, skipped, in conflict or failed). */
export const nothingToDo = (result: RunResult): boolean =>
  countRows(result).every(({ counts }) => counts.created + counts.updated + counts.deleted + counts.skipped + counts.conflicts + counts.failed === 0);

/** The first few planned operations of each action (actions without any left out), with how many there are in all. */
export function samples(plan: readonly PlannedOp[], perAction = 3): { action: RunItemAction; ops: PlannedOp[]; total: number }[] {
  return ACTIONS.flatMap((action) => {
    const all = plan.filter((op) => op.action === action);
    return all.length ? [{ action, ops: all.slice(0, perAction), total: all.length }] : [];
  });
}

/** A field value as text: "—" for none, JSON for anything that is not a plain value. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
